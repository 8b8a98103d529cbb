"""Cells → tables: the header row of each table found by its texts, its records, the 方案 form and the
字典 option lists; the engine's view of a workbook (``WorkbookData``) from its sheets' grids.

The header row is found by its texts, not its position: clerks add title rows, move or insert columns,
leave blank rows and add a 合计 row. Where the grids came from (a file, live Excel) does not matter here.

>>> grid = [["2026年第一批报名信息"], ["序号", "姓名", "证件号码", "性别", "文化程度"], [1, "张三", "X", "男", "高中"],
...         ["合计", 1]]
>>> table = workbook_from_sheets(Path("book.xlsx"), {"报名信息": grid}).registration
>>> table.header_row, [row.values["name"] for row in table.rows]
(2, ['张三'])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qzxl.errors import CannotRun
from qzxl.layout import (
    ELIGIBILITY_TABLE,
    EXAMINERS,
    HEADER_SEARCH_ROWS,
    HOLIDAY_OVERRIDES,
    IMPORT_ALIAS_TABLE,
    IMPORT_RESULTS_SHEET,
    OPTIONS_SHEET,
    PLAN_FIELDS,
    PLAN_SHEET,
    PROCESS_SHEET,
    REGISTRATION,
    RESULTS_SHEET,
    ROSTER,
    SCORE_ALIAS_TABLE,
    SCORES_SHEET,
    Table,
    header_key,
)
from qzxl.sheets.address import column_letter, split_address
from qzxl.sheets.grid import Grid, numbered
from qzxl.values.options import DEFAULT_OPTIONS

ENGINE_SHEETS = (REGISTRATION.sheet, ROSTER.sheet, PLAN_SHEET, OPTIONS_SHEET)
"""The sheets the engine reads from a workbook that has them."""
WORKBOOK_SHEETS = (*ENGINE_SHEETS, PROCESS_SHEET, RESULTS_SHEET, IMPORT_RESULTS_SHEET, "xlwings.conf",
                   SCORES_SHEET)
"""Sheets of the qzxl workbook: never searched for a table that belongs on another sheet."""
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
    score_aliases: TableData | None = None  # 成绩列名 on 字典
    lock_file: Path | None = None
    uncalculated: frozenset[str] = frozenset()  # sheets whose formulas were saved without results
    lost_code_names: tuple[str, ...] = ()  # sheets cut off from their VBA modules (saved by LibreOffice/WPS)


def workbook_from_sheets(path: Path, sheets: dict[str, Grid], *, lock_file: Path | None = None,
                         uncalculated: frozenset[str] = frozenset(), need_candidates: bool = True,
                         lost_code_names: tuple[str, ...] = ()) -> WorkbookData:
    """The engine's view of a workbook from its sheets' cell values (read from a file, or from live Excel).

    A table is read from its own sheet when the workbook has it, and from the clerk's other sheets only
    when it has not: a 报名信息 sheet whose header is lost is an error, never a reason to read the 花名册.
    ``need_candidates=False`` reads only what it finds (the 方案 sheet, say) without the 报名信息 table.
    """
    registration = _find_own_table(REGISTRATION, sheets)
    if registration is None and not need_candidates:
        registration = TableData(REGISTRATION.sheet, 0, {})
    if registration is None:
        if REGISTRATION.sheet in sheets:
            raise WorkbookError("run-book-registration-header", name=path.name, sheet=REGISTRATION.sheet)
        raise WorkbookError("run-book-no-registration", name=path.name)
    plan_grid = sheets.get(PLAN_SHEET)
    options_grid = sheets.get(OPTIONS_SHEET)
    return WorkbookData(
        path=path,
        registration=registration,
        roster=_find_own_table(ROSTER, {n: g for n, g in sheets.items() if n != registration.sheet}),
        plan=_read_form(PLAN_SHEET, plan_grid) if plan_grid is not None else None,
        examiners=_find_table(EXAMINERS, {PLAN_SHEET: plan_grid}) if plan_grid is not None else None,
        options=_read_options(options_grid),
        holiday_overrides=_find_table(HOLIDAY_OVERRIDES, {OPTIONS_SHEET: options_grid}) if options_grid else None,
        eligibility_table=_find_table(ELIGIBILITY_TABLE, {OPTIONS_SHEET: options_grid}) if options_grid else None,
        import_aliases=_find_table(IMPORT_ALIAS_TABLE, {OPTIONS_SHEET: options_grid}) if options_grid else None,
        score_aliases=_find_table(SCORE_ALIAS_TABLE, {OPTIONS_SHEET: options_grid}) if options_grid else None,
        lock_file=lock_file,
        uncalculated=uncalculated,
        lost_code_names=lost_code_names,
    )


def needed_sheets(names: Sequence[str]) -> list[str]:
    """The sheets the engine reads, by name; when there is no 报名信息 sheet, also the sheets the clerk added."""
    wanted = [name for name in ENGINE_SHEETS if name in names]
    if REGISTRATION.sheet not in names:
        wanted += [name for name in names if name not in WORKBOOK_SHEETS]
    return wanted


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


def _find_own_table(table: Table, sheets: dict[str, Grid]) -> TableData | None:
    """``table`` on its own sheet when the workbook has that sheet; else on a sheet the clerk added."""
    if table.sheet in sheets:
        return _find_table(table, {table.sheet: sheets[table.sheet]})
    return _find_table(table, {name: grid for name, grid in sheets.items() if name not in WORKBOOK_SHEETS})


def _find_table(table: Table, sheets: dict[str, Grid | None]) -> TableData | None:
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
    for offset, cells in numbered(grid, first):
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


def _read_form(sheet: str, grid: Grid) -> FormData:
    labels = {header_key(f.label): f.key for f in PLAN_FIELDS}
    form = FormData(sheet)
    for row_offset, cells in numbered(grid):
        for col, text in enumerate(cells):
            if not isinstance(text, str):
                continue
            key = labels.get(header_key(text).rstrip(":："))
            if key is None or key in form.values:
                continue
            form.values[key] = cells[col + 1] if col + 1 < len(cells) else None
            form.cells[key] = f"{column_letter(col + 2)}{row_offset + 1}"
    return form


def _read_options(grid: Grid | None) -> dict[str, tuple[str, ...]]:
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
                text for _, row in numbered(grid, row_offset + 1)
                if col < len(row) and (text := _option_text(row[col]))
            )
            if values:
                options[name] = values
        break
    return options


def _option_text(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())
