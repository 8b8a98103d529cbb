"""花名册: each line a formula on the 报名信息 row of the same index, and its own 自动检查 column."""

from __future__ import annotations

from qzxl.export.forms import page_setup
from qzxl.layout import FIRST_DATA_ROW, FORMS, NATIVE_CHECK_HEADER, ROSTER, ROSTER_NATIVE_HELPERS, native_column
from workbook import native
from workbook.formats import Formats
from workbook.formulas import check_shown, roster_line, roster_lines
from workbook.sheets.registration import DATA_ROWS


def write(ws, formats: Formats) -> None:
    """Each line a formula on the 报名信息 row of the same index: typed once, still editable."""
    last_col = len(ROSTER.columns) - 1
    ws.merge_range(0, 0, 0, last_col, FORMS["roster"].title, formats.title)
    for row, formula in enumerate(roster_lines(), start=1):
        ws.write_formula(row, 0, formula, formats.line, "")
    header = FIRST_DATA_ROW - 1
    for col, column in enumerate(ROSTER.columns):
        ws.write_string(header, col, column.header, formats.header)
        ws.set_column(col, col, column.width)
    for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + DATA_ROWS):
        cells = roster_line(row)
        for col, column in enumerate(ROSTER.columns):
            ws.write_formula(row, col, cells[column.key], formats.cell, "")
    _native_checks(ws, formats)
    ws.freeze_panes(FIRST_DATA_ROW, 0)
    page_setup(ws, header, last_col, landscape=True, fit="width", repeat_rows=(header, header),
               page_numbers=True)


def _native_checks(ws, formats: Formats) -> None:
    """The 花名册's 自动检查 column, its hidden helpers and the marks on offending cells (workbook/native.py)."""
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + DATA_ROWS - 1
    auto_col = native_column(ROSTER)
    ws.write_string(first - 1, auto_col, NATIVE_CHECK_HEADER, formats.header)
    ws.set_column(auto_col, auto_col, 20, formats.check)
    for offset, header in enumerate(ROSTER_NATIVE_HELPERS.values(), start=1):
        ws.write_string(first - 1, auto_col + offset, header, formats.header)
    ws.set_column(auto_col + 1, auto_col + len(ROSTER_NATIVE_HELPERS), 14, None, {"hidden": True})
    for row in range(first, last + 1):
        formulas = native.RosterFormulas(row + 1)
        for offset, expression in enumerate(formulas.helpers().values(), start=1):
            ws.write_formula(row, auto_col + offset, "=" + expression, None, "")
        ws.write_formula(row, auto_col, formulas.auto_check(), formats.check, "")
    for key, condition in native.RosterFormulas(first + 1).marks().items():
        col = ROSTER.keys.index(key)
        ws.conditional_format(first, col, last, col, {"type": "formula", "criteria": "=" + condition,
                                                      "format": formats.error})
    ws.conditional_format(first, auto_col, last, auto_col, {
        "type": "formula", "criteria": check_shown(auto_col, first + 1), "format": formats.error})
