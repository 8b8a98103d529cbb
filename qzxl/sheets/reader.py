"""Reading a saved workbook (.xlsx/.xlsm) into plain rows that keep their Excel positions.

The header row is found by its texts, not its position: clerks add title
rows, move or insert columns, leave blank rows and add a 合计 row. Values are
read as Excel last saved them (cached formula results), never written back.

Cells are read with python-calamine (Rust; ~10x faster than openpyxl's
read-only mode, see benchmarks/engine.py). Calamine reads formula error
values (#REF!) as empty, so a workbook whose sheets hold error cells is read
with openpyxl instead, which keeps them and lets the rules point at them.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from python_calamine import CalamineError, CalamineWorkbook

from qzxl.errors import CannotRun
from qzxl.layout import (
    ELIGIBILITY_TABLE,
    EXAMINERS,
    HOLIDAY_OVERRIDES,
    IMPORT_ALIAS_TABLE,
    OPTIONS_SHEET,
    PLAN_FIELDS,
    PLAN_SHEET,
    REGISTRATION,
    ROSTER,
    Table,
    header_key,
)
from qzxl.sheets.address import column_letter, split_address
from qzxl.values.options import DEFAULT_OPTIONS

HEADER_SEARCH_ROWS = 50
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TOTAL_WORDS = ("合计", "总计", "小计")
# Keys whose value alone does not make a row a record (pre-numbered blank rows).
_NOT_ALONE = frozenset({"seq"})


class WorkbookError(CannotRun):
    """The workbook cannot be read at all (a ``run-book-*`` code of the catalogue)."""


@dataclass
class TableRow:
    number: int
    values: dict[str, object]


@dataclass
class TableData:
    sheet: str
    header_row: int
    letters: dict[str, str]
    rows: list[TableRow] = field(default_factory=list)

    def cell(self, key: str, row: int) -> str:
        return f"{self.letters[key]}{row}"


@dataclass
class FormData:
    sheet: str
    values: dict[str, object] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)

    def row(self, key: str) -> int | None:
        """The Excel row of a field's value cell, None when the label is not on the sheet."""
        return split_address(self.cells[key])[1] if key in self.cells else None


@dataclass
class WorkbookData:
    path: Path
    registration: TableData
    roster: TableData | None = None
    plan: FormData | None = None
    examiners: TableData | None = None
    options: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_OPTIONS))
    holiday_overrides: TableData | None = None
    eligibility_table: TableData | None = None  # 申报条件按职业 on 字典
    import_aliases: TableData | None = None  # 导入列名 on 字典
    lock_file: Path | None = None
    uncalculated: frozenset[str] = frozenset()  # sheets whose formulas were saved without results
    lost_code_names: tuple[str, ...] = ()  # sheets cut off from their VBA modules (saved by LibreOffice/WPS)


def read_workbook(path: str | Path) -> WorkbookData:
    """Read the sheets the engine needs; raise WorkbookError with a Chinese sentence when it cannot."""
    path = Path(path)
    sheets = read_sheet_values(path)
    return workbook_from_sheets(path, sheets, lock_file=_lock_file(path),
                                uncalculated=uncalculated_sheets(path), lost_code_names=lost_code_names(path))


def workbook_from_sheets(path: Path, sheets: dict[str, list[Sequence[object]]], *, lock_file: Path | None = None,
                         uncalculated: frozenset[str] = frozenset(), need_candidates: bool = True,
                         lost_code_names: tuple[str, ...] = ()) -> WorkbookData:
    """The engine's view of a workbook from its sheets' cell values (read from a file, or from live Excel).

    ``need_candidates=False`` reads only what it finds (the 方案 sheet, say) without the 报名信息 table.
    """
    registration = _find_table(REGISTRATION, sheets)
    if registration is None and not need_candidates:
        registration = TableData(REGISTRATION.sheet, 0, {})
    if registration is None:
        raise WorkbookError("run-book-no-registration", name=path.name)
    roster_sheets = {name: grid for name, grid in sheets.items() if name != registration.sheet}
    plan_grid = sheets.get(PLAN_SHEET)
    options_grid = sheets.get(OPTIONS_SHEET)
    return WorkbookData(
        path=path,
        registration=registration,
        roster=_find_table(ROSTER, roster_sheets),
        plan=_read_form(PLAN_SHEET, plan_grid) if plan_grid is not None else None,
        examiners=_find_table(EXAMINERS, {PLAN_SHEET: plan_grid}) if plan_grid is not None else None,
        options=_read_options(options_grid),
        holiday_overrides=_find_table(HOLIDAY_OVERRIDES, {OPTIONS_SHEET: options_grid}) if options_grid else None,
        eligibility_table=_find_table(ELIGIBILITY_TABLE, {OPTIONS_SHEET: options_grid}) if options_grid else None,
        import_aliases=_find_table(IMPORT_ALIAS_TABLE, {OPTIONS_SHEET: options_grid}) if options_grid else None,
        lock_file=lock_file,
        uncalculated=uncalculated,
        lost_code_names=lost_code_names,
    )


def read_sheet_values(path: Path) -> dict[str, list[Sequence[object]]]:
    """Every sheet's cells as rows of values, row 1 first; WorkbookError when the file is no workbook."""
    _check_file(path)
    name = path.name
    try:
        if _has_error_cells(path):
            return _read_with_openpyxl(path)
        book = CalamineWorkbook.from_path(str(path))
        return {sheet: book.get_sheet_by_name(sheet).to_python(skip_empty_area=False) for sheet in book.sheet_names}
    except (CalamineError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise WorkbookError("run-book-damaged", name=name) from error


def _check_file(path: Path) -> None:
    name = path.name
    if not path.exists():
        raise WorkbookError("run-book-not-found", path=path)
    if path.is_dir():
        raise WorkbookError("run-book-is-folder", path=path)
    if name.startswith("~$"):
        raise WorkbookError("run-book-lock-file", name=name)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise WorkbookError("run-book-unreadable", name=name, reason=error.strerror) from error
    if head == _OLE_MAGIC:
        if path.suffix.lower() == ".xls":
            raise WorkbookError("run-book-xls", name=name)
        raise WorkbookError("run-book-encrypted", name=name)
    if not zipfile.is_zipfile(path):
        raise WorkbookError("run-book-not-excel", name=name)


_FORMULA_WITHOUT_VALUE = re.compile(rb"<f(?:\s[^>]*)?(?:/>|>[^<]*</f>)(?:<v\s*/>|<v></v>)?</c>")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def uncalculated_sheets(path: Path) -> frozenset[str]:
    """Sheets with formula cells that have no saved result: written by a program, never calculated by Excel."""
    try:
        with zipfile.ZipFile(path) as archive:
            sheets = ElementTree.fromstring(archive.read("xl/workbook.xml")).iter(f"{_MAIN}sheet")
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PACKAGE_RELS}Relationship")}
            names = set(archive.namelist())
            found = set()
            for sheet in sheets:
                part = "xl/" + targets.get(sheet.get(_REL_ID), "").lstrip("/").removeprefix("xl/")
                if part in names and _FORMULA_WITHOUT_VALUE.search(archive.read(part)):
                    found.add(sheet.get("name", ""))
            return frozenset(found)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return frozenset()


WORKBOOK_PART = "工作簿"  # stands for workbook.xml's own codeName in lost_code_names


def lost_code_names(path: Path) -> tuple[str, ...]:
    """The sheets (and 工作簿 for the workbook itself) of a macro workbook that have no codeName.

    Excel ties each sheet to its VBA document module by the codeName and always writes one when there is a VBA
    project. LibreOffice (and possibly WPS) keeps the VBA text on saving but drops the codeNames, after which
    Excel's buttons and QZ_ functions break; this is how that file is recognised.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            if "xl/vbaProject.bin" not in archive.namelist():
                return ()
            workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PACKAGE_RELS}Relationship")}
            properties = workbook.find(f"{_MAIN}workbookPr")
            lost = [] if properties is not None and properties.get("codeName") else [WORKBOOK_PART]
            for sheet in workbook.iter(f"{_MAIN}sheet"):
                part = "xl/" + targets.get(sheet.get(_REL_ID), "").lstrip("/").removeprefix("xl/")
                sheet_properties = ElementTree.fromstring(archive.read(part)).find(f"{_MAIN}sheetPr")
                if sheet_properties is None or not sheet_properties.get("codeName"):
                    lost.append(sheet.get("name", ""))
            return tuple(lost)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return ()


def _has_error_cells(path: Path) -> bool:
    """Whether any worksheet stores a formula error value (<c t="e">)."""
    with zipfile.ZipFile(path) as archive:
        return any(
            b't="e"' in archive.read(item)
            for item in archive.namelist()
            if item.startswith("xl/worksheets/") and item.endswith(".xml")
        )


def _read_with_openpyxl(path: Path) -> dict[str, list[Sequence[object]]]:
    """openpyxl keeps error cells (#REF!) that calamine drops; imported here, as only such workbooks need it."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except InvalidFileException as error:
        raise ValueError(str(error)) from error
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}
    finally:
        book.close()


def _header_columns(table: Table, cells: Sequence[object]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, text in enumerate(cells):
        if text is None:
            continue
        for column in table.columns:
            if column.key not in found and column.matches(text):
                found[column.key] = index
                break
    return found


def _find_table(table: Table, sheets: dict[str, list[Sequence[object]]]) -> TableData | None:
    """The best header row for ``table``: its own sheet first, then any sheet that has one."""
    ordered = sorted(sheets.items(), key=lambda item: item[0] != table.sheet)
    best: tuple[int, str, int, dict[str, int], list] | None = None
    for sheet, grid in ordered:
        if grid is None:
            continue
        for offset, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
            found = _header_columns(table, cells)
            if not set(table.anchors) <= found.keys() or len(found) < min(4, len(table.columns)):
                continue
            if best is None or len(found) > best[0]:
                best = (len(found), sheet, offset, found, grid)
        if best is not None and best[1] == table.sheet:
            break
    if best is None:
        return None
    _, sheet, offset, found, grid = best
    data = TableData(sheet, offset + 1, {key: column_letter(i + 1) for key, i in found.items()})
    data.rows = list(_records(grid, offset + 1, found, stop_at_blank=table is EXAMINERS))
    return data


def _records(grid, first: int, found: dict[str, int], *, stop_at_blank: bool) -> Iterable[TableRow]:
    for offset, cells in enumerate(grid[first:], start=first):
        values = {key: cells[i] if i < len(cells) else None for key, i in found.items()}
        if _is_blank(values):
            if stop_at_blank:
                return
            continue
        if _is_total(cells):
            continue
        yield TableRow(offset + 1, values)


def _is_blank(values: dict[str, object]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for k, v in values.items() if k not in _NOT_ALONE)


def _is_total(cells: Sequence[object]) -> bool:
    first = next((c for c in cells if c is not None and str(c).strip()), None)
    return isinstance(first, str) and header_key(first).startswith(_TOTAL_WORDS)


def _read_form(sheet: str, grid: list[Sequence[object]]) -> FormData:
    labels = {header_key(f.label): f.key for f in PLAN_FIELDS}
    form = FormData(sheet)
    for row_offset, cells in enumerate(grid):
        for col, text in enumerate(cells):
            if not isinstance(text, str):
                continue
            key = labels.get(header_key(text).rstrip(":："))
            if key is None or key in form.values:
                continue
            form.values[key] = cells[col + 1] if col + 1 < len(cells) else None
            form.cells[key] = f"{column_letter(col + 2)}{row_offset + 1}"
    return form


def _read_options(grid: list[Sequence[object]] | None) -> dict[str, tuple[str, ...]]:
    """Option lists from the 字典 sheet where present; the defaults for the rest."""
    options = dict(DEFAULT_OPTIONS)
    if not grid:
        return options
    names = {header_key(name): name for name in DEFAULT_OPTIONS}
    for row_offset, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns = {i: names[header_key(c)] for i, c in enumerate(cells) if header_key(c) in names}
        if not columns:
            continue
        for col, name in columns.items():
            values = tuple(
                text for row in grid[row_offset + 1:]
                if col < len(row) and (text := _option_text(row[col]))
            )
            if values:
                options[name] = values
        break
    return options


def _option_text(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def _lock_file(path: Path) -> Path | None:
    for candidate in (path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:])):
        if candidate.exists():
            return candidate
    return None
