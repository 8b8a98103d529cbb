"""Formulas that carry user text (a sheet name, a label): escaped for where the text goes.

Inside a string literal every ``"`` is doubled; a sheet name is always quoted
with its ``'`` doubled; a cell address must be a real one. A sheet renamed
``"&WEBSERVICE("x")&"`` then stays the text of a link, never a function call.

>>> hyperlink('报名"&WEBSERVICE("e.vil")&"', "C3", "转到")
'=HYPERLINK("#\\'报名""&WEBSERVICE(""e.vil"")&""\\'!C3","转到")'
>>> sheet_reference("张三's", "A1")
"'张三''s'!A1"
"""

from __future__ import annotations

from qzxl.sheets.address import is_address
from udfs.port import Formula

is_cell_address = is_address  # A1 … XFD1048576, as Excel's grid has them


def string_literal(text: str) -> str:
    """``text`` as an Excel string literal: in double quotes, each ``"`` doubled."""
    return '"' + str(text).replace('"', '""') + '"'


def sheet_reference(sheet: str, cell: str) -> str:
    """``'sheet'!cell`` with the sheet name quoted; ValueError for an address that is not a cell."""
    if not is_cell_address(cell):
        raise ValueError(f"not a cell address: {cell!r}")
    return "'" + str(sheet).replace("'", "''") + "'!" + cell


def hyperlink(sheet: str, cell: str, label: str) -> Formula:
    """``=HYPERLINK("#'sheet'!cell","label")``: a link within the workbook, every part escaped."""
    return Formula(f"=HYPERLINK({string_literal('#' + sheet_reference(sheet, cell))},{string_literal(label)})")
