"""The port on a workbook open in Excel, through xlwings. All COM details of the project live here.

Each method is a handful of COM calls at most, whatever the number of rows:
a sheet is read as one range, a block written as one range, fills set on a
union of cell addresses. Notes are the exception Excel imposes: one call per
marked cell (only marked cells). A sheet whose used range is large is read
only to its table's extent (see ``ExcelPort.read_sheet``), so a stray cell far
away costs a few calls, not a million empty cells.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from qzxl.catalogue import say
from qzxl.layout import HEADER_SEARCH_ROWS
from qzxl.values.privacy import mask_ids_in_text
from udfs.port import ERROR_FILL, WARNING_FILL, Formula, Mark

TITLE = say("alert-title")
UNION_ADDRESS_LIMIT = 250  # Excel refuses range addresses longer than 255 characters
FORMULA_START = ("=", "+", "-", "@")
WHOLE_READ_CELLS = 200_000  # a used range up to this size is read whole, as one range (6,000 rows of 30 columns)
BAND_GAP_ROWS = 1_000  # empty rows between two bands of values that are read through rather than skipped
MAX_BLOCKS_PER_COLUMN = 50  # past this many separate blocks, a column is scattered: the extent is read whole


def union_addresses(cells: Sequence[str]) -> list[str]:
    """Cell addresses joined into as few 'A1,C3,…' unions as Excel accepts.

    >>> union_addresses(["A1", "B2"])
    ['A1,B2']
    """
    unions, current = [], ""
    for cell in cells:
        candidate = f"{current},{cell}" if current else cell
        if len(candidate) > UNION_ADDRESS_LIMIT:
            unions.append(current)
            candidate = cell
        current = candidate
    return [*unions, current] if current else unions


def absolute(area: str) -> str:
    """An A1:T34 range as Excel's PageSetup writes it.

    >>> absolute("A1:T34")
    '$A$1:$T$34'
    """
    return ":".join(re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", part) for part in area.split(":"))


def excel_value(value: object) -> object:
    """Text that Excel would take for a formula gets the leading apostrophe that keeps it text."""
    if isinstance(value, str) and not isinstance(value, Formula) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def table_extent(ws, bottom: int, right: int) -> tuple[int, int]:
    """(last row, last column) of the values the reader can use, found by Ctrl+Left and Ctrl+Up.

    Two calls per top row and two per column of the table: never a read of the empty cells between.
    """
    top = min(bottom, HEADER_SEARCH_ROWS)
    width = max((_last_filled(ws, (row, right), "left") for row in range(1, top + 1)), default=1)
    height = max((_last_filled(ws, (bottom, column), "up") for column in range(1, width + 1)), default=1)
    return max(height, top), max(width, 1)


def value_bands(ws, bottom: int, right: int) -> list[tuple[int, int]]:
    """The row ranges (1-based, inclusive) holding the values of columns 1..right, found by Ctrl+Down.

    Bands closer than BAND_GAP_ROWS are joined; a column too scattered to walk cheaply counts as one band, top to
    bottom.
    """
    blocks = sorted(block for column in range(1, right + 1)
                    for block in _column_blocks(ws, column, bottom) or [(1, bottom)])
    bands: list[tuple[int, int]] = []
    for first, last in blocks:
        if bands and first <= bands[-1][1] + BAND_GAP_ROWS:
            bands[-1] = (bands[-1][0], max(bands[-1][1], last))
        else:
            bands.append((first, last))
    return bands


def _column_blocks(ws, column: int, bottom: int) -> list[tuple[int, int]] | None:
    """The runs of filled cells in ``column`` down to ``bottom``; None past MAX_BLOCKS_PER_COLUMN runs."""
    def filled(row: int) -> bool:
        return ws.range((row, column)).options(ndim=2).value[0][0] is not None

    blocks: list[tuple[int, int]] = []
    start = 1 if filled(1) else ws.range((1, column)).end("down").row
    while start <= bottom and filled(start):
        if len(blocks) == MAX_BLOCKS_PER_COLUMN:
            return None
        end = start if start == bottom or not filled(start + 1) else ws.range((start, column)).end("down").row
        blocks.append((start, min(end, bottom)))
        if end >= bottom:
            break
        start = ws.range((end, column)).end("down").row
    return blocks


def _last_filled(ws, corner: tuple[int, int], direction: str) -> int:
    """The row ("up") or column ("left") of the last value on the way from ``corner``; 0 for none."""
    cell = ws.range(corner)
    if cell.options(ndim=2).value[0][0] is None:
        cell = cell.end(direction)
        if cell.options(ndim=2).value[0][0] is None:
            return 0
    return cell.row if direction == "up" else cell.column


class ExcelPort:
    def __init__(self, book) -> None:
        self.book = book
        self.path = Path(book.fullname)

    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.book.sheets]

    def read_sheet(self, sheet: str) -> list[list[object]]:
        """The used range in one read; when it is large, only the table's extent.

        A large used range is usually one stray cell far away (XFD1048576 typed by
        mistake). Then the width is that of the top rows, where the reader looks
        for headers, and the height the last row holding a value in those columns:
        what the reader can use, as the file port's sparse grid gives it.
        """
        ws = self.book.sheets[sheet]
        last = ws.used_range.last_cell
        bottom, right = last.row, last.column
        if bottom * right > WHOLE_READ_CELLS:
            bottom, right = table_extent(ws, bottom, right)
        if bottom * right > WHOLE_READ_CELLS:
            bands = value_bands(ws, bottom, right)
            if len(bands) > 1:
                return self._read_bands(ws, bands, right)  # type: ignore[return-value]
        return ws.range((1, 1), (bottom, right)).options(ndim=2).value

    @staticmethod
    def _read_bands(ws, bands: list[tuple[int, int]], right: int):
        """One read per band; the rows between bands are empty, as in the file port's sparse grid."""
        from qzxl.sheets.grid import SparseGrid  # the reader loads python-calamine: not for the light clicks

        rows = {}
        for first, last in bands:
            for offset, values in enumerate(ws.range((first, 1), (last, right)).options(ndim=2).value):
                if any(value is not None for value in values):
                    rows[first - 1 + offset] = tuple(values)
        return SparseGrid(rows)

    def uncalculated_sheets(self) -> frozenset[str]:
        return frozenset()  # Excel has calculated every formula it shows

    def write_block(self, sheet: str, top_left: str, rows: Sequence[Sequence[object]]) -> None:
        if rows:
            self.book.sheets[sheet].range(top_left).value = [[excel_value(v) for v in row] for row in rows]

    def replace_sheet(self, sheet: str, rows: Sequence[Sequence[object]]) -> None:
        if sheet not in self.sheet_names():
            self.book.sheets.add(sheet, after=self.book.sheets[-1])
        self.book.sheets[sheet].clear_contents()
        self.write_block(sheet, "A1", rows)

    def mark_cells(self, sheet: str, marks: Sequence[Mark]) -> None:
        ws = self.book.sheets[sheet]
        for error, fill in ((True, ERROR_FILL), (False, WARNING_FILL)):
            for union in union_addresses([m.cell for m in marks if m.error is error]):
                ws.range(union).color = fill
        for mark in marks:
            cell = ws.range(mark.cell)
            if cell.note is not None:
                cell.note.text = mark.note
            else:
                cell.add_note(mark.note)

    def clear_marks(self, sheet: str, cells: Sequence[str]) -> None:
        if sheet not in self.sheet_names():
            return
        ws = self.book.sheets[sheet]
        for union in union_addresses(list(cells)):
            ws.range(union).color = None
        for address in cells:
            note = ws.range(address).note
            if note is not None:
                note.delete()

    def set_print_area(self, sheet: str, area: str) -> None:
        if sheet in self.sheet_names():
            self.book.sheets[sheet].page_setup.print_area = absolute(area)

    def set_page_setup(self, sheet: str, *, landscape: bool, title_row: int) -> None:
        """Through Excel's PageSetup (COM, Windows); Excel for Mac keeps its default setup."""
        if sheet not in self.sheet_names() or sys.platform != "win32":
            return
        setup = self.book.sheets[sheet].api.PageSetup
        setup.PaperSize = 9  # xlPaperA4
        setup.Orientation = 2 if landscape else 1  # xlLandscape, xlPortrait
        setup.Zoom = False
        setup.FitToPagesWide, setup.FitToPagesTall = 1, False
        setup.PrintTitleRows = f"${title_row}:${title_row}"
        setup.CenterHorizontally = True

    def set_status(self, text: str | None) -> None:
        self.book.app.status_bar = text or False

    def alert(self, text: str) -> None:
        self.book.app.alert(mask_ids_in_text(text), title=TITLE)

    def confirm(self, text: str) -> bool:
        return self.book.app.alert(text, title=TITLE, buttons="yes_no") == "yes"

    def save(self) -> None:
        self.book.save()

    def open_folder(self, folder: Path) -> None:
        if sys.platform == "win32":
            os.startfile(folder)
        elif sys.platform == "darwin":
            subprocess.run(["open", str(folder)], check=False)
