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

import re

from udfs.port import Formula

MAX_ROW, MAX_COLUMN = 1_048_576, 16_384
_ADDRESS = re.compile(r"\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})")


def string_literal(text: str) -> str:
    """``text`` as an Excel string literal: in double quotes, each ``"`` doubled."""
    return '"' + str(text).replace('"', '""') + '"'


def is_cell_address(text: str) -> bool:
    """A1-style address inside Excel's grid (A1 … XFD1048576)."""
    match = _ADDRESS.fullmatch(str(text))
    if not match:
        return False
    column = 0
    for letter in match[1]:
        column = column * 26 + ord(letter) - 64
    return column <= MAX_COLUMN and int(match[2]) <= MAX_ROW


def sheet_reference(sheet: str, cell: str) -> str:
    """``'sheet'!cell`` with the sheet name quoted; ValueError for an address that is not a cell."""
    if not is_cell_address(cell):
        raise ValueError(f"not a cell address: {cell!r}")
    return "'" + str(sheet).replace("'", "''") + "'!" + cell


def hyperlink(sheet: str, cell: str, label: str) -> Formula:
    """``=HYPERLINK("#'sheet'!cell","label")``: a link within the workbook, every part escaped."""
    return Formula(f"=HYPERLINK({string_literal('#' + sheet_reference(sheet, cell))},{string_literal(label)})")
