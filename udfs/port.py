"""The port between actions and a workbook: whole sheets in, blocks and marks out, one call each.

Every call may cost milliseconds in live Excel (COM), so the port has no
per-cell operations: a sheet is read whole, values are written as blocks,
marks for a sheet go in one call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

ERROR_FILL = (255, 199, 206)
WARNING_FILL = (255, 235, 156)


class Formula(str):
    """A value the port writes as a formula; every other string is written as text, whatever it starts with."""


@dataclass(frozen=True)
class Mark:
    cell: str
    error: bool
    note: str


class WorkbookPort(Protocol):
    path: Path

    def sheet_names(self) -> list[str]: ...

    def read_sheet(self, sheet: str) -> list[list[object]]:
        """The sheet's values from A1 to the end of its used range, rows of equal length."""

    def uncalculated_sheets(self) -> frozenset[str]:
        """Sheets whose formulas have no results yet (a file saved by a program, not by Excel)."""

    def write_block(self, sheet: str, top_left: str, rows: Sequence[Sequence[object]]) -> None: ...

    def replace_sheet(self, sheet: str, rows: Sequence[Sequence[object]]) -> None:
        """Clear the sheet (creating it if needed) and write ``rows`` from A1."""

    def mark_cells(self, sheet: str, marks: Sequence[Mark]) -> None: ...

    def clear_marks(self, sheet: str, cells: Sequence[str]) -> None: ...

    def set_print_area(self, sheet: str, area: str) -> None:
        """Print ``area`` (such as "A1:T34") of the sheet, a static range LibreOffice and WPS also honour."""

    def set_page_setup(self, sheet: str, *, landscape: bool, title_row: int) -> None:
        """A4, one page wide, ``title_row`` (1-based) on every page: what the build sets, for a sheet an action made."""

    def set_status(self, text: str | None) -> None: ...

    def alert(self, text: str) -> None: ...

    def confirm(self, text: str) -> bool: ...

    def save(self) -> None: ...

    def open_folder(self, folder: Path) -> None: ...
