"""The port on a saved workbook (openpyxl): for `qzxl action`, for WPS and for the tests.

Values are read as Excel last saved them (the engine's reader); writes go to
an openpyxl copy of the workbook that keeps the VBA project, and saving puts
the ribbon back (openpyxl drops its relationship) and writes atomically.
Saving over the source first keeps a backup beside it, so nothing is lost.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from qzxl.catalogue import CATALOGUE, Severity
from qzxl.files import atomic_path
from qzxl.sheets.address import column_index, split_address
from qzxl.sheets.reader import SparseGrid, check_sheet_sizes, lost_code_names, read_sheet_values
from udfs.ooxml import restore_ribbon
from udfs.port import ERROR_FILL, WARNING_FILL, Formula, Mark

NOTE_AUTHOR = "技能认定助手"
NOTE_SIZE = (110, 320)  # height, width in points: room for two or three sentences


def _hex(rgb: tuple[int, int, int]) -> str:
    return "FF" + "".join(f"{part:02X}" for part in rgb)


def _put(grid: list | SparseGrid, row: int, col: int, value: object) -> None:
    """Keep the values read so far in step with what was written (formulas have no value until Excel runs)."""
    if isinstance(grid, SparseGrid):
        grid.put(row, col, value)
        return
    while len(grid) <= row:
        grid.append([])
    line = grid[row] = list(grid[row])
    line.extend([None] * (col + 1 - len(line)))
    line[col] = value


class FilePort:
    def __init__(self, path: Path, out: Path | None = None, *, answer: bool = True, backup: bool = True) -> None:
        self.path = Path(path)
        self.out = Path(out) if out else self.path
        self.answer = answer
        self.backup = backup
        self.messages: list[str] = []
        self.statuses: list[str | None] = []
        self._uncalculated: set[str] = set()
        self._values = read_sheet_values(self.path, uncalculated=self._uncalculated)
        check_sheet_sizes(self.path)  # openpyxl below loads every sheet, needed or not
        self._book = openpyxl.load_workbook(self.path, keep_vba=self.path.suffix.lower() == ".xlsm",
                                            keep_links=True)
        if lost_code_names(self.path):  # said before any action: every button is affected, not only 校验
            self.alert(f"{Severity.WARNING.label}：{CATALOGUE['workbook-code-names-lost'].render()}")

    def sheet_names(self) -> list[str]:
        return list(self._book.sheetnames)

    def read_sheet(self, sheet: str) -> list[list[object]]:
        """Rows of equal length; a sheet with a stray cell far away comes as the reader's sparse grid."""
        grid = self._grid(sheet)
        if isinstance(grid, SparseGrid):
            return grid  # type: ignore[return-value]
        rows = [list(row) for row in grid]
        width = max((len(row) for row in rows), default=0)
        return [row + [None] * (width - len(row)) for row in rows]

    def _grid(self, sheet: str) -> list | SparseGrid:
        """The values of ``sheet``, read from the file the first time they are needed."""
        if sheet not in self._values and sheet in self._book.sheetnames:
            self._values.update(read_sheet_values(self.path, [sheet], uncalculated=self._uncalculated))
        return self._values.setdefault(sheet, [])

    def uncalculated_sheets(self) -> frozenset[str]:
        return frozenset(self._uncalculated)

    def _sheet(self, sheet: str):
        if sheet not in self._book.sheetnames:
            self._book.create_sheet(sheet)
        return self._book[sheet]

    def write_block(self, sheet: str, top_left: str, rows: Sequence[Sequence[object]]) -> None:
        ws = self._sheet(sheet)
        letters, first_row = split_address(top_left)
        first_col = column_index(letters)
        grid = self._grid(sheet)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                cell = ws.cell(first_row + r, first_col + c)
                cell.value = value
                if isinstance(value, str) and not isinstance(value, Formula) and value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula stays text
                _put(grid, first_row + r - 1, first_col + c - 1, None if isinstance(value, Formula) else value)

    def replace_sheet(self, sheet: str, rows: Sequence[Sequence[object]]) -> None:
        ws = self._sheet(sheet)
        if ws.max_row:
            ws.delete_rows(1, ws.max_row)
        self._values[sheet] = []
        self.write_block(sheet, "A1", rows)

    def mark_cells(self, sheet: str, marks: Sequence[Mark]) -> None:
        ws = self._sheet(sheet)
        for mark in marks:
            cell = ws[mark.cell]
            cell.fill = PatternFill("solid", fgColor=_hex(ERROR_FILL if mark.error else WARNING_FILL))
            cell.comment = Comment(mark.note, NOTE_AUTHOR, height=NOTE_SIZE[0], width=NOTE_SIZE[1])

    def clear_marks(self, sheet: str, cells: Sequence[str]) -> None:
        if sheet not in self._book.sheetnames:
            return
        ws = self._book[sheet]
        for address in cells:
            ws[address].fill = PatternFill(fill_type=None)
            ws[address].comment = None

    def set_print_area(self, sheet: str, area: str) -> None:
        if sheet in self._book.sheetnames:
            self._book[sheet].print_area = area

    def set_status(self, text: str | None) -> None:
        self.statuses.append(text)

    def alert(self, text: str) -> None:
        self.messages.append(text)

    def confirm(self, text: str) -> bool:
        self.messages.append(text)
        return self.answer

    def save(self) -> None:
        """Write the workbook to ``out`` atomically, ribbon restored; a backup first when ``out`` is the source."""
        if self.backup and self.out.resolve() == self.path.resolve():
            shutil.copy2(self.path, self.backup_path)
        with atomic_path(self.out) as temporary:
            self._book.save(temporary)
            restore_ribbon(self.path, temporary)  # the source is still the original until the replace

    @property
    def backup_path(self) -> Path:
        return self.path.with_name(f"{self.path.stem}.备份{self.path.suffix}")

    def open_folder(self, folder: Path) -> None:
        self.messages.append(f"已生成：{folder}")
