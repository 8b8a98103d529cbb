"""Static print areas over the rows a sheet really holds.

The workbook's tables are formatted (and the 花名册 filled with formulas) far
below the last person, so without a print area a 30-person 花名册 prints a
dozen pages of empty borders; a print area defined by a formula would follow
the rows, but LibreOffice ignores it. So the actions that read or fill the
tables set a plain one, from the title row to the last filled row.

>>> from qzxl.sheets.tables import TableData, TableRow
>>> lines = TableData("花名册", 4, {"name": "B", "id_number": "I"}, [TableRow(5, {}), TableRow(34, {})])
>>> print_areas(None, lines)
{'花名册': 'A1:J34'}
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qzxl.layout import REGISTRATION, RESULTS, ROSTER
from qzxl.sheets.address import column_index, column_letter

if TYPE_CHECKING:  # the reader pulls in calamine and the XML scanner; a 清除标注 click needs neither
    from qzxl.sheets.tables import TableData


def area(columns: int, rows: int) -> str:
    """A1 to the last cell of ``columns`` columns and ``rows`` rows (at least one of each)."""
    return f"A1:{column_letter(max(columns, 1))}{max(rows, 1)}"


def _last_row(table: TableData) -> int:
    return max([table.header_row, *(row.number for row in table.rows)])


def _width(table: TableData, layout_columns: int) -> int:
    used = [column_index(letter) for letter in table.letters.values()]
    return max([layout_columns, *used])


def print_areas(registration: TableData | None, roster: TableData | None) -> dict[str, str]:
    """Sheet name → print area for the 报名信息 and 花名册 tables that were found.

    The 花名册 of the generated workbook mirrors 报名信息 row for row by formulas (which a saved file may
    not have calculated yet), so it prints as far as either goes when their header rows agree.
    """
    areas: dict[str, str] = {}
    last = 0
    if registration is not None and registration.letters:
        last = _last_row(registration)
        areas[registration.sheet] = area(_width(registration, len(REGISTRATION.columns)), last)
    if roster is not None:
        rows = _last_row(roster)
        if registration is not None and registration.header_row == roster.header_row:
            rows = max(rows, last)
        areas[roster.sheet] = area(_width(roster, len(ROSTER.columns)), rows)
    return areas


def results_area(rows: int) -> str:
    """The 校验结果 sheet after ``rows`` rows were written (title and header included)."""
    return area(len(RESULTS.columns), rows)
