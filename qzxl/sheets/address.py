"""A1 cell addresses: column letters and row numbers, without importing openpyxl.

openpyxl's ``openpyxl.utils`` helpers do the same, but importing them imports all of
openpyxl (~0.1–0.3 s), and a ribbon click that only marks cells should not pay for that.
The tests check these against openpyxl's own helpers over random input.

>>> column_letter(1), column_letter(28), column_index("AB")
('A', 'AB', 28)
>>> split_address("$C$12")
('C', 12)
>>> is_address("表!A1")
False
"""

from __future__ import annotations

import re

_ADDRESS = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")
MAX_COLUMN, MAX_ROW = 16384, 1048576  # XFD, Excel's last column and row


def column_letter(index: int) -> str:
    """The letters of a 1-based column index (1 → A, 27 → AA)."""
    if not 1 <= index <= MAX_COLUMN:
        raise ValueError(f"column {index} is outside A–XFD")
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    """The 1-based index of column letters (A → 1, AA → 27)."""
    if not re.fullmatch(r"[A-Za-z]{1,3}", letters):
        raise ValueError(f"{letters!r} is not a column")
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - ord("A") + 1
    if index > MAX_COLUMN:
        raise ValueError(f"{letters!r} is outside A–XFD")
    return index


def split_address(address: str) -> tuple[str, int]:
    """(column letters, row) of an address like ``B7`` or ``$B$7``; ValueError for anything else."""
    match = _ADDRESS.fullmatch(address)
    if match is None or not 1 <= int(match[2]) <= MAX_ROW:
        raise ValueError(f"{address!r} is not a cell address")
    column_index(match[1])
    return match[1].upper(), int(match[2])


def is_address(text: str) -> bool:
    try:
        split_address(text)
    except ValueError:
        return False
    return True
