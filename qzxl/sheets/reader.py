"""Reading a saved workbook (.xlsx/.xlsm) into plain rows that keep their Excel positions.

The header row is found by its texts, not its position: clerks add title
rows, move or insert columns, leave blank rows and add a 合计 row. Values are
read as Excel last saved them (cached formula results), never written back.

Only the sheets the engine needs are read, each bounded by the cells that
hold something (see :mod:`qzxl.sheets.xlsx`): python-calamine (Rust; ~10x faster
than openpyxl's read-only mode, see benchmarks/engine.py) for sheets of a
sane extent, openpyxl's sheet parser, keeping only non-empty cells, for
sheets with a stray cell far away or with formula error values (#REF!),
which calamine reads as empty.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from python_calamine import CalamineError, CalamineWorkbook

from qzxl.errors import CannotRun, os_reason
from qzxl.layout import (
    ELIGIBILITY_TABLE,
    EXAMINERS,
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
from qzxl.sheets import xlsx
from qzxl.sheets.address import column_letter, split_address
from qzxl.sheets.xlsx import PartTooLarge, check_size, part_chunks, scan_chunks, unescape
from qzxl.values.options import DEFAULT_OPTIONS

Grid = Sequence[Sequence[object]]
ENGINE_SHEETS = (REGISTRATION.sheet, ROSTER.sheet, PLAN_SHEET, OPTIONS_SHEET)
"""The sheets the engine reads from a workbook that has them."""
WORKBOOK_SHEETS = (*ENGINE_SHEETS, PROCESS_SHEET, RESULTS_SHEET, IMPORT_RESULTS_SHEET, "xlwings.conf",
                   SCORES_SHEET)
"""Sheets of the qzxl workbook: never searched for a table that belongs on another sheet."""
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
    score_aliases: TableData | None = None  # 成绩列名 on 字典
    lock_file: Path | None = None
    uncalculated: frozenset[str] = frozenset()  # sheets whose formulas were saved without results
    lost_code_names: tuple[str, ...] = ()  # sheets cut off from their VBA modules (saved by LibreOffice/WPS)


def read_workbook(path: str | Path) -> WorkbookData:
    """Read the sheets the engine needs; raise WorkbookError with a Chinese sentence when it cannot."""
    path = Path(path)
    uncalculated: set[str] = set()
    sheets = read_sheet_values(path, uncalculated=uncalculated)
    return workbook_from_sheets(path, sheets, lock_file=_lock_file(path), uncalculated=frozenset(uncalculated),
                                lost_code_names=lost_code_names(path))


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


def _uncalculated(sheet: str, scan) -> bool:
    """Whether formulas the engine reads were saved without results: on the 花名册 only its own columns count
    (its 自动检查 column and hidden helpers are for Excel's eyes; the engine checks the roster itself)."""
    if sheet != ROSTER.sheet:
        return scan.uncalculated
    own = {column_letter(index) for index in range(1, len(ROSTER.columns) + 1)}
    return bool(scan.uncalculated_columns & own) or "" in scan.uncalculated_columns


def read_sheet_values(path: Path, names: Sequence[str] | None = None, *,
                      uncalculated: set[str] | None = None) -> dict[str, Grid]:
    """The cells of the sheets ``names`` (default: the ones the engine needs) as rows of values, row 1 first.

    Time and memory follow the cells that hold something: each sheet is scanned first (qzxl.sheets.xlsx); a
    sheet whose cells reach far (one stray value at XFD1048576) is read sparsely, a sheet or shared-string
    part that inflates past 200 MB is refused. ``uncalculated`` collects sheets saved without formula results.
    WorkbookError when the file is no workbook or cannot be read.
    """
    _check_file(path)
    name = path.name
    parts: dict[str, str] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            parts = sheet_parts(archive)
            chosen = needed_sheets(list(parts)) if names is None else [n for n in names if n in parts]
            for part in _SHARED_PARTS:
                if part in archive.NameToInfo:
                    check_size(archive, part)
            scans = {}
            for sheet in chosen:
                check_size(archive, parts[sheet])
                scans[sheet] = scan_chunks(part_chunks(archive, parts[sheet]))
        if uncalculated is not None:
            uncalculated.update(sheet for sheet, scan in scans.items() if _uncalculated(sheet, scan))
        dense = [sheet for sheet, scan in scans.items() if scan.dense_ok and not scan.errors]
        values = _read_dense(path, dense) if dense else {}
        sparse = [sheet for sheet in chosen if sheet not in values]
        if sparse:
            values.update(_read_sparse(path, sparse))
        return {sheet: values[sheet] for sheet in chosen}
    except PartTooLarge as error:
        sheet = next((s for s, part in parts.items() if part == error.part), error.part)
        raise WorkbookError("run-book-part-too-large", name=name, sheet=sheet, size=_megabytes(error.size),
                   limit=_megabytes(xlsx.PART_LIMIT)) from error
    except (CalamineError, zipfile.BadZipFile, KeyError, ValueError, OSError,
            ElementTree.ParseError, EOFError) as error:
        raise WorkbookError("run-book-damaged", name=name) from error


_SHARED_PARTS = ("xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml")


def check_sheet_sizes(path: Path) -> None:
    """WorkbookError when any sheet inflates past the limit: for writers that must load every sheet (openpyxl)."""
    with zipfile.ZipFile(path) as archive:
        parts = sheet_parts(archive)
        for sheet, part in parts.items():
            try:
                check_size(archive, part)
            except PartTooLarge as error:
                raise WorkbookError("run-book-part-too-large", name=path.name, sheet=sheet,
                                    size=_megabytes(error.size),
                           limit=_megabytes(xlsx.PART_LIMIT)) from error


def _megabytes(size: int) -> str:
    megabytes = size / 1024 / 1024
    return f"{megabytes:,.0f} MB" if megabytes >= 10 else f"{megabytes:.1f} MB"


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the zip part holding its XML, in the workbook's order."""
    check_size(archive, "xl/workbook.xml")
    sheets = ElementTree.fromstring(archive.read("xl/workbook.xml")).iter(f"{_MAIN}sheet")
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PACKAGE_RELS}Relationship")}
    names = set(archive.namelist())
    found = {}
    for sheet in sheets:
        target = targets.get(sheet.get(_REL_ID), "")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        if part in names:
            found[sheet.get("name", "")] = part
    return found


def _read_dense(path: Path, sheets: list[str]) -> dict[str, Grid]:
    """python-calamine (fast) for sheets whose extent the scan found small; a Rust panic becomes a ValueError."""
    try:
        book = CalamineWorkbook.from_path(str(path))
        try:
            return {sheet: book.get_sheet_by_name(sheet).to_python(skip_empty_area=False) for sheet in sheets}
        finally:
            book.close()
    except BaseException as error:
        if type(error).__name__ == "PanicException":  # pyo3's, a BaseException: no except Exception sees it
            raise ValueError("calamine panicked") from error
        raise


def _read_sparse(path: Path, sheets: list[str]) -> dict[str, Grid]:
    """openpyxl's sheet parser, keeping only the cells that hold something: bounded by them, not by the extent.

    Also the reader of sheets with error values (#REF!), which calamine reads as empty. (openpyxl's own
    iter_rows pads every row to the declared dimension, hence its parser.)
    """
    import openpyxl  # only such workbooks need it
    from openpyxl.utils.exceptions import InvalidFileException
    from openpyxl.worksheet._reader import WorkSheetParser

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except InvalidFileException as error:
        raise ValueError(str(error)) from error
    try:
        grids = {}
        for sheet in sheets:
            ws = book[sheet]
            with ws._get_source() as source:
                parser = WorkSheetParser(source, ws._shared_strings, data_only=True, epoch=book.epoch,
                                         date_formats=book._date_formats,
                                         timedelta_formats=book._timedelta_formats)
                grids[sheet] = SparseGrid.from_parser(parser.parse())
        return grids
    finally:
        book.close()


class SparseGrid(Sequence):
    """A sheet's rows where only rows with values are stored; a missing row reads as empty.

    >>> grid = SparseGrid({0: ("姓名",), 1_048_575: ("x",)})
    >>> len(grid), grid[5], list(numbered(grid, 1))
    (1048576, (), [(1048575, ('x',))])
    """

    def __init__(self, rows: dict[int, tuple]) -> None:
        self.rows = dict(sorted(rows.items()))
        self.height = max(self.rows, default=-1) + 1

    @classmethod
    def from_parser(cls, parsed: Iterable[tuple[int, list[dict]]]) -> SparseGrid:
        rows = {}
        for number, cells in parsed:
            present = {cell["column"]: _sparse_value(cell) for cell in cells if cell["value"] is not None}
            if present:
                line: list[object] = [None] * max(present)
                for column, value in present.items():
                    line[column - 1] = value
                rows[number - 1] = tuple(line)
        return cls(rows)

    def __len__(self) -> int:
        return self.height

    def put(self, row: int, col: int, value: object) -> None:
        """Set one cell (0-based), as a port does after writing it."""
        line = list(self.rows.get(row, ()))
        line.extend([None] * (col + 1 - len(line)))
        line[col] = value
        if row not in self.rows:
            self.rows = dict(sorted({**self.rows, row: ()}.items()))
        self.rows[row] = tuple(line)
        self.height = max(self.height, row + 1)

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self.height)
            if step != 1:
                raise ValueError(step)
            return [self.rows.get(i, ()) for i in range(start, stop)]
        if index < 0:
            index += self.height
        if not 0 <= index < self.height:
            raise IndexError(index)
        return self.rows.get(index, ())


def _sparse_value(cell: dict) -> object:
    value = cell["value"]
    return unescape(value) if isinstance(value, str) else value


def numbered(grid: Grid, start: int = 0) -> Iterable[tuple[int, Sequence[object]]]:
    """(row index, cells) from ``start`` on, skipping the rows a sparse grid does not store."""
    if isinstance(grid, SparseGrid):
        return ((i, row) for i, row in grid.rows.items() if i >= start)
    return enumerate(grid[start:], start=start)


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
        raise WorkbookError("run-book-unreadable", name=name, reason=os_reason(error)) from error
    if head == _OLE_MAGIC:
        if path.suffix.lower() == ".xls":
            raise WorkbookError("run-book-xls", name=name)
        if _is_legacy_workbook(path):
            raise WorkbookError("run-book-xls-renamed", name=name, suffix=path.suffix)
        raise WorkbookError("run-book-encrypted", name=name)
    if not zipfile.is_zipfile(path):
        raise WorkbookError("run-book-not-excel", name=name)


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


_SHEET_HEAD = 64 * 1024
_SHEET_CODE_NAME = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetPr\b[^>]*\bcodeName=[\"'][^\"']")
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
                with archive.open(part) as handle:  # sheetPr opens the sheet: its head, not a 1.5 GB sheet
                    head = handle.read(_SHEET_HEAD)
                if not _SHEET_CODE_NAME.search(head):
                    lost.append(sheet.get("name", ""))
            return tuple(lost)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return ()


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
