"""The port on a workbook open in Excel, through xlwings. All COM details of the project live here.

Each method is a handful of COM calls at most, whatever the number of rows:
a sheet is read as one range, a block written as one range, fills set on a
union of cell addresses. Notes are the exception Excel imposes: one call per
marked cell (only marked cells).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from qzxl.catalogue import say
from qzxl.values.privacy import mask_ids_in_text
from udfs.port import ERROR_FILL, WARNING_FILL, Formula, Mark

TITLE = say("alert-title")
UNION_ADDRESS_LIMIT = 250  # Excel refuses range addresses longer than 255 characters
FORMULA_START = ("=", "+", "-", "@")


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


class ExcelPort:
    def __init__(self, book) -> None:
        self.book = book
        self.path = Path(book.fullname)

    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.book.sheets]

    def read_sheet(self, sheet: str) -> list[list[object]]:
        ws = self.book.sheets[sheet]
        last = ws.used_range.last_cell
        return ws.range((1, 1), (last.row, last.column)).options(ndim=2).value

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
