"""File → grids: the zip parts of a saved workbook (.xlsx/.xlsm) and the values of the sheets asked for.

Values are read as Excel last saved them (cached formula results), never written back. Only the sheets asked
for are read, each bounded by the cells that hold something (see :mod:`qzxl.sheets.xlsx`): python-calamine
(Rust; ~10x faster than openpyxl's read-only mode, see benchmarks/engine.py) for sheets of a sane extent,
openpyxl's sheet parser, keeping only non-empty cells, for sheets with a stray cell far away or with formula
error values (#REF!), which calamine reads as empty. Each sheet's part is found one way, :func:`sheet_parts`.

>>> read_sheet_values(Path("no-such-book.xlsx"))
Traceback (most recent call last):
...
qzxl.sheets.tables.WorkbookError: 找不到文件「no-such-book.xlsx」，请检查路径。
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree

from python_calamine import CalamineError, CalamineWorkbook

from qzxl.errors import os_reason
from qzxl.layout import ROSTER
from qzxl.sheets import xlsx
from qzxl.sheets.address import column_letter
from qzxl.sheets.grid import Grid, SparseGrid
from qzxl.sheets.tables import WorkbookError, needed_sheets
from qzxl.sheets.xlsx import PartTooLarge, part_chunks, refuse_oversized_part, scan_chunks

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
"""The SpreadsheetML namespace of workbook.xml and the sheet parts."""
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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
                    refuse_oversized_part(archive, part)
            scans = {}
            for sheet in chosen:
                refuse_oversized_part(archive, parts[sheet])
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


def refuse_oversized_sheets(path: Path) -> None:
    """WorkbookError when any sheet inflates past the limit: for writers that must load every sheet (openpyxl)."""
    with zipfile.ZipFile(path) as archive:
        parts = sheet_parts(archive)
        for sheet, part in parts.items():
            try:
                refuse_oversized_part(archive, part)
            except PartTooLarge as error:
                raise WorkbookError("run-book-part-too-large", name=path.name, sheet=sheet,
                                    size=_megabytes(error.size),
                           limit=_megabytes(xlsx.PART_LIMIT)) from error


def _megabytes(size: int) -> str:
    megabytes = size / 1024 / 1024
    return f"{megabytes:,.0f} MB" if megabytes >= 10 else f"{megabytes:.1f} MB"


def part_path(source: str, target: str) -> str:
    """The zip part a relationship's ``Target`` names, for a relationship of the part ``source`` (OPC: from the
    package root when it starts with "/", else from the source's folder).

    >>> part_path("xl/workbook.xml", "worksheets/sheet1.xml"), part_path("xl/workbook.xml", "/xl/worksheets/s2.xml")
    ('xl/worksheets/sheet1.xml', 'xl/worksheets/s2.xml')
    >>> part_path("xl/worksheets/sheet1.xml", "../drawings/drawing1.xml")
    'xl/drawings/drawing1.xml'
    """
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("./")


def sheet_targets(workbook_xml: bytes, rels_xml: bytes) -> dict[str, str]:
    """Sheet name → the part its relationship names, in the workbook's order: the one way a sheet's part is found
    (the part may be missing from a damaged file)."""
    targets = {rel.get("Id"): part_path("xl/workbook.xml", rel.get("Target", ""))
               for rel in ElementTree.fromstring(rels_xml).iter(f"{PACKAGE_RELS}Relationship")}
    return {sheet.get("name", ""): targets.get(sheet.get(REL_ID), "")
            for sheet in ElementTree.fromstring(workbook_xml).iter(f"{MAIN}sheet")}


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the zip part holding its XML, in the workbook's order (sheets whose part is missing left out)."""
    refuse_oversized_part(archive, "xl/workbook.xml")
    names = set(archive.namelist())
    targets = sheet_targets(archive.read("xl/workbook.xml"), archive.read("xl/_rels/workbook.xml.rels"))
    return {sheet: part for sheet, part in targets.items() if part in names}


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


def _is_legacy_workbook(path: Path) -> bool:
    """An OLE file holding an Excel 97–2003 workbook stream (an encrypted .xlsx holds EncryptedPackage instead)."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return ole.exists("Workbook") or ole.exists("Book")
    except (OSError, ValueError):
        return False
