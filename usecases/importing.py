"""导入名单 as a use case: the source files and the workbook as read in, the cells to write and a report out.

The button (``udfs.actions.importing``) and ``qzxl import`` both go through :func:`import_sources`; they only
write its blocks through their port, show the report and run 校验.

Values go through the engine's own normalisers. Nothing typed is overwritten: a person whose ID is already
in the workbook is skipped (or, with ``update``, only its empty cells are filled); the same person in two
sources is taken from the first. An ID that arrived as a number stays that number, so 校验 says
``number-stored-id`` on its cell instead of the import "repairing" digits that are gone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qzxl.catalogue import CATALOGUE
from qzxl.errors import CannotRun
from qzxl.layout import REGISTRATION, REGISTRATION_FORMATTED_ROWS
from qzxl.sheets.address import column_index, column_letter
from qzxl.sheets.sources import SourceTable, read_source
from qzxl.sheets.tables import WorkbookData
from qzxl.values import idnumber
from qzxl.values.idnumber import PERMIT_REGIONS
from qzxl.values.normalize import clean_name, clean_text, compact_id, parse_date, parse_number
from qzxl.values.options import intended_option
from qzxl.values.privacy import mask_id

MAINLAND_ID = "居民身份证"


@dataclass
class SourceSummary:
    source: str
    sheet: str
    header_row: int
    encoding: str
    imported: int = 0
    skipped: int = 0
    derived: int = 0
    tidied: int = 0

    def line(self) -> tuple[str, dict]:
        read_as = "source-encoding" if self.encoding else "source-workbook"
        return ("import-source", {"source": self.source, "sheet": self.sheet, "header_row": self.header_row,
                                  "read_as": read_as, "encoding": self.encoding, "imported": self.imported,
                                  "skipped": self.skipped, "derived": self.derived, "tidied": self.tidied})


@dataclass
class ImportPlan:
    """What an import writes (rows after the last filled one, empty cells of existing rows) and its report."""

    first_row: int
    sheet: str = REGISTRATION.sheet  # the workbook's 报名信息 sheet, where the cells of ``places`` are
    new_rows: list[dict[str, object]] = field(default_factory=list)
    fills: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    summaries: list[SourceSummary] = field(default_factory=list)
    lines: list[tuple[str, dict]] = field(default_factory=list)  # (catalogue code, params), in source order
    places: list[tuple[str, str]] = field(default_factory=list)  # per line: its source file, the 报名信息 cell or ""
    unfilled: list[str] = field(default_factory=list)  # required 报名信息 headers no source had

    def add(self, line: tuple[str, dict], source: str, cell: str = "") -> None:
        self.lines.append(line)
        self.places.append((source, cell))

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.new_rows) - 1

    @property
    def changes(self) -> bool:
        return bool(self.new_rows or self.fills)

    def blocks(self, letters: dict[str, str]) -> list[tuple[str, list[list[object]]]]:
        """(top-left cell, rows) of 报名信息 to write: the new rows as one block, then each empty cell filled."""
        first_letter = column_letter(min(column_index(x) for x in letters.values()))
        blocks = [(f"{first_letter}{self.first_row}", [row_cells(values, letters) for values in self.new_rows])]
        return blocks[:bool(self.new_rows)] + [(f"{letters[key]}{row}", [[value]])
                                                for row, values in self.fills for key, value in values.items()]

    def sentences(self) -> list[str]:
        return [CATALOGUE[code].render(**params) for code, params in self.lines]

    def as_dict(self) -> dict:
        return {"imported": len(self.new_rows), "filled_rows": len(self.fills),
                "skipped": sum(s.skipped for s in self.summaries),
                "first_row": self.first_row if self.new_rows else None,
                "sources": [s.line()[1] for s in self.summaries],
                "unfilled_columns": self.unfilled,
                "lines": [{"code": code, "params": params, "message": CATALOGUE[code].render(**params),
                           "source": source, "cell": cell or None}
                          for (code, params), (source, cell) in zip(self.lines, self.places, strict=True)]}


def staff_aliases(book: WorkbookData) -> dict[str, str]:
    """The 导入列名 table of the 字典 sheet: source header → 报名信息 header."""
    return alias_table(book.import_aliases)


def alias_table(table) -> dict[str, str]:
    """A 字典 table of header names the clerk added (its 列名 and 对应表头 columns): source → target header."""
    if table is None:
        return {}
    pairs = ((clean_text(r.values.get("source_header")), clean_text(r.values.get("target_header"))) for r in table.rows)
    return {source: target for source, target in pairs if source and target}


def _id_key(value: object) -> str:
    return compact_id(value) if isinstance(value, str) else repr(value) if value is not None else ""


def _shown_id(value: object) -> str:
    if isinstance(value, str):
        return mask_id(value) if len(value) >= 15 else value
    return f"{value:.6G}" if isinstance(value, float) else clean_text(value)


class _Row:
    """One source row being normalised; the notes it makes go to the plan's report."""

    def __init__(self, source_row: int, options) -> None:
        self.source_row, self.options = source_row, options
        self.name = ""
        self.notes: list[tuple[tuple[str, dict], str]] = []  # (line, column key): reported only if the row is written
        self.derived = self.tidied = 0

    def note(self, code: str, **params: object) -> tuple[str, dict]:
        return code, {"source_row": self.source_row, "name": self.name, **params}

    def keep(self, plan: ImportPlan, summary: SourceSummary, row: int, letters: dict[str, str]) -> None:
        for line, key in self.notes:
            plan.add(line, summary.source, _cell(letters, key, row))
        summary.derived += self.derived
        summary.tidied += self.tidied

    def values(self, raw: dict[str, object]) -> dict[str, object]:
        out: dict[str, object] = {}
        self.name = clean_name(raw.get("name"))
        for column in REGISTRATION.columns:
            value = raw.get(column.key)
            if value is None:
                continue
            out[column.key] = self._one(column, value)
        self._derive(out)
        return {c.key: out[c.key] for c in REGISTRATION.columns if out.get(c.key) not in (None, "")}  # layout order

    def _one(self, column, value: object) -> object:
        if column.key == "name":
            return clean_name(value)
        if column.kind == "id":
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return value  # digits already lost (or never text): 校验 says number-stored-id
            return compact_id(str(value).lstrip("'‘’`"))
        if column.kind == "date":
            try:
                return parse_date(value)
            except (ValueError, TypeError, OverflowError):
                return clean_text(value)  # kept as typed: 校验 says date-unreadable
        if column.kind == "number":
            try:
                return parse_number(value)
            except (ValueError, TypeError):
                return clean_text(value)
        text = clean_text(value)
        if column.options and text:
            listed = self.options.get(column.options, ())
            if text not in listed:
                expected = intended_option(column.options, text)
                if expected and expected in listed:
                    self.notes.append((self.note("import-tidied", column=column.header, value=text, expected=expected),
                                       column.key))
                    self.tidied += 1
                    return expected
        return text

    def _derive(self, out: dict[str, object]) -> None:
        number = out.get("id_number")
        if not isinstance(number, str) or not idnumber.is_valid(number) or len(number) != 18:
            return
        derived = {"gender": idnumber.gender(number), "birth_date": idnumber.birth_date(number)}
        if not out.get("id_type") and number[:6] not in PERMIT_REGIONS:
            derived["id_type"] = MAINLAND_ID
        for key, expected in derived.items():
            header = REGISTRATION.column(key).header
            if out.get(key) in (None, ""):
                out[key] = expected
                self.notes.append((self.note("import-derived", column=header, value=_text(expected)), key))
                self.derived += 1
            elif key != "id_type" and out[key] != expected:
                self.notes.append((self.note("import-contradicts-id", column=header, value=_text(out[key]),
                                             expected=_text(expected)), key))


def _cell(letters: dict[str, str], key: str | None, row: int | None) -> str:
    """The 报名信息 cell a report line points at: the column's, else the 姓名 cell of the row."""
    letter = letters.get(key or "") or letters.get("name")
    return f"{letter}{row}" if letter and row else ""


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _unfilled(mapped: set[str]) -> list[str]:
    """Required 报名信息 headers a source has no column for (性别, 出生日期 and 证件类型 come from the ID)."""
    derivable = {"gender", "birth_date", "id_type"} if "id_number" in mapped else set()
    return [c.header for c in REGISTRATION.columns if c.required and c.key not in mapped | derivable]


def plan_import(sources: Sequence[SourceTable], book: WorkbookData, *, update: bool = False) -> ImportPlan:
    """The rows to append after the last filled row, the empty cells to fill with ``update``, and the report."""
    table = book.registration
    last = max((row.number for row in table.rows), default=table.header_row)
    plan = ImportPlan(first_row=last + 1, sheet=table.sheet)
    in_book = {_id_key(row.values.get("id_number")): row for row in table.rows if row.values.get("id_number")}
    letters = table.letters
    seen: dict[str, tuple[str, dict[str, object], int | None]] = {}  # ID → first source, its values, its row
    for source in sources:
        summary = SourceSummary(source.path.name, source.sheet, source.header_row, source.encoding)
        name = summary.source
        plan.summaries.append(summary)
        plan.add(summary.line(), name)  # replaced by the final counts below
        position = len(plan.lines) - 1
        first_new = plan.first_row + len(plan.new_rows)
        missing = _unfilled(set(source.columns.values()))
        plan.unfilled += [header for header in missing if header not in plan.unfilled]
        if source.ignored:
            plan.add(("import-ignored-columns", {"source": name, "columns": "、".join(source.ignored)}), name)
        if source.unmapped:
            plan.add(("import-unmapped-columns", {"source": name, "columns": "、".join(source.unmapped)}), name)
        for source_row, raw in source.rows:
            row = _Row(source_row, book.options)
            values = row.values(raw)
            key = _id_key(values.get("id_number"))
            shown = _shown_id(values.get("id_number"))
            if key and key in seen:
                first, earlier, first_row = seen[key]
                differences = [f"{REGISTRATION.column(k).header}「{_text(earlier.get(k, ''))}」/「{_text(v)}」"
                               for k, v in values.items() if k in earlier and earlier[k] != v]
                line = row.note("import-duplicate", id=shown, first=first, differences="、".join(differences),
                                compared="duplicate-differs" if differences else "duplicate-same")
                plan.add(line, name, _cell(letters, None, first_row))
                summary.skipped += 1
                continue
            if key in in_book:
                existing = in_book[key]
                if update:
                    empty = {k: v for k, v in values.items()
                             if k in table.letters and existing.values.get(k) in (None, "")
                             and not (isinstance(existing.values.get(k), str) and existing.values[k].strip())}
                    if empty:
                        plan.fills.append((existing.number, empty))
                        plan.add(row.note("import-filled-empty", id=shown, row=existing.number,
                                          columns="、".join(REGISTRATION.column(k).header for k in empty)),
                                 name, _cell(letters, next(iter(empty)), existing.number))
                        seen[key] = (name, values, existing.number)
                        continue
                plan.add(row.note("import-in-book", id=shown, row=existing.number), name,
                         _cell(letters, None, existing.number))
                summary.skipped += 1
                seen[key] = (name, values, existing.number)
                continue
            number = plan.first_row + len(plan.new_rows)
            if key:
                seen[key] = (name, values, number)
            else:
                row.notes.append((row.note("import-no-id"), "id_number"))
            row.keep(plan, summary, number, letters)
            plan.new_rows.append(values)
            summary.imported += 1
        plan.lines[position] = summary.line()
        if summary.imported:
            plan.places[position] = (name, _cell(letters, None, first_new))
        if missing and summary.imported:
            first_missing = next(c.key for c in REGISTRATION.columns if c.header == missing[0])
            plan.add(("import-unfilled-columns", {"source": name, "columns": "、".join(missing)}), name,
                     _cell(letters, first_missing, first_new))
    return plan


def row_cells(values: dict[str, object], letters: dict[str, str]) -> list[object]:
    """One 报名信息 row as cells from the first column to the last the table has, None where nothing goes."""
    by_index = {column_index(letters[k]): v for k, v in values.items() if k in letters}
    first, last = min(column_index(x) for x in letters.values()), max(column_index(x) for x in letters.values())
    return [by_index.get(i) for i in range(first, last + 1)]


def import_sources(book: WorkbookData, paths: Sequence[Path], *, update: bool = False,
                   limit_rows: bool = False) -> ImportPlan:
    """Read each source with the workbook's 导入列名 and plan the import (``limit_rows``: refuse rows beyond the
    generated workbook's formatted ones). Nothing is written: the caller writes ``plan.blocks(...)``."""
    if not paths:
        raise CannotRun("run-import-no-sources")
    aliases = staff_aliases(book)
    plan = plan_import([read_source(path, aliases) for path in paths], book, update=update)
    last_formatted = book.registration.header_row + REGISTRATION_FORMATTED_ROWS
    if limit_rows and plan.new_rows and plan.last_row > last_formatted:
        raise CannotRun("run-import-too-many", limit=REGISTRATION_FORMATTED_ROWS, last=plan.last_row,
                        extra=plan.last_row - last_formatted)
    return plan
