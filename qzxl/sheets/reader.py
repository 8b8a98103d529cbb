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

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.utils.exceptions import InvalidFileException
from python_calamine import CalamineError, CalamineWorkbook

from qzxl.catalogue import refusal
from qzxl.errors import CannotRun
from qzxl.layout import (
    EXAMINERS,
    HOLIDAY_OVERRIDES,
    OPTIONS_SHEET,
    PLAN_FIELDS,
    PLAN_SHEET,
    REGISTRATION,
    ROSTER,
    Table,
    header_key,
)
from qzxl.values.options import DEFAULT_OPTIONS

HEADER_SEARCH_ROWS = 50
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TOTAL_WORDS = ("合计", "总计", "小计")
# Keys whose value alone does not make a row a record (pre-numbered blank rows).
_NOT_ALONE = frozenset({"seq"})


class WorkbookError(CannotRun):
    """The workbook cannot be read at all; the message is one plain Chinese sentence for the user."""


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
        return coordinate_from_string(self.cells[key])[1] if key in self.cells else None


@dataclass
class WorkbookData:
    path: Path
    registration: TableData
    roster: TableData | None = None
    plan: FormData | None = None
    examiners: TableData | None = None
    options: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_OPTIONS))
    holiday_overrides: TableData | None = None
    lock_file: Path | None = None
    uncalculated: frozenset[str] = frozenset()  # sheets whose formulas were saved without results


def read_workbook(path: str | Path) -> WorkbookData:
    """Read the sheets the engine needs; raise WorkbookError with a Chinese sentence when it cannot."""
    path = Path(path)
    sheets = read_sheet_values(path)
    return workbook_from_sheets(path, sheets, lock_file=_lock_file(path),
                                uncalculated=uncalculated_sheets(path))


def workbook_from_sheets(path: Path, sheets: dict[str, list[Sequence[object]]], *, lock_file: Path | None = None,
                         uncalculated: frozenset[str] = frozenset(), need_candidates: bool = True) -> WorkbookData:
    """The engine's view of a workbook from its sheets' cell values (read from a file, or from live Excel).

    ``need_candidates=False`` reads only what it finds (the 方案 sheet, say) without the 报名信息 table.
    """
    registration = _find_table(REGISTRATION, sheets)
    if registration is None and not need_candidates:
        registration = TableData(REGISTRATION.sheet, 0, {})
    if registration is None:
        raise WorkbookError(
            f"在「{path.name}」中没有找到报名信息表头（需要有「姓名」「证件号码」等列）。"
            f"请确认选的是报名工作簿，表头文字与模板一致。"
        )
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
        lock_file=lock_file,
        uncalculated=uncalculated,
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
    except (CalamineError, InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise WorkbookError(f"「{name}」已损坏或不是 Excel 工作簿，无法打开。"
                            "请在 Excel 中打开它另存一份再试。") from error


def _check_file(path: Path) -> None:
    name = path.name
    if not path.exists():
        raise WorkbookError(f"找不到文件「{path}」，请检查路径。")
    if path.is_dir():
        raise WorkbookError(f"「{path}」是文件夹，请选择一个 .xlsx 或 .xlsm 工作簿。")
    if name.startswith("~$"):
        raise WorkbookError(f"「{name}」是 Excel 打开文件时生成的临时锁文件，请选择不带 ~$ 的那个工作簿。")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise WorkbookError(f"无法读取「{name}」（{error.strerror}），请关闭占用它的程序后再试。") from error
    if head == _OLE_MAGIC:
        if path.suffix.lower() == ".xls":
            raise WorkbookError(f"「{name}」是旧版 .xls 文件，请在 Excel 中「另存为」.xlsx 后再选择它。")
        if _is_legacy_workbook(path):
            raise WorkbookError(refusal("book-xls-renamed", name=name, suffix=path.suffix))
        raise WorkbookError(f"「{name}」设置了打开密码（已加密），请在 Excel 中取消密码并另存一份后再选择它。")
    if not zipfile.is_zipfile(path):
        raise WorkbookError(f"「{name}」不是 Excel 工作簿（.xlsx/.xlsm），或文件已损坏。")


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


def _has_error_cells(path: Path) -> bool:
    """Whether any worksheet stores a formula error value (<c t="e">)."""
    with zipfile.ZipFile(path) as archive:
        return any(
            b't="e"' in archive.read(item)
            for item in archive.namelist()
            if item.startswith("xl/worksheets/") and item.endswith(".xml")
        )


def _read_with_openpyxl(path: Path) -> dict[str, list[Sequence[object]]]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
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
    data = TableData(sheet, offset + 1, {key: get_column_letter(i + 1) for key, i in found.items()})
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
            form.cells[key] = f"{get_column_letter(col + 2)}{row_offset + 1}"
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


def _is_legacy_workbook(path: Path) -> bool:
    """An OLE file holding an Excel 97–2003 workbook stream (an encrypted .xlsx holds EncryptedPackage instead)."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return ole.exists("Workbook") or ole.exists("Book")
    except (OSError, ValueError):
        return False


def _lock_file(path: Path) -> Path | None:
    for candidate in (path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:])):
        if candidate.exists():
            return candidate
    return None
