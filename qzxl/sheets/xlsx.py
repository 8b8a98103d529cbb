"""What a worksheet part holds, found by one streaming pass over its XML before any library reads it.

Cell readers size their work by a sheet's extent: python-calamine builds a
dense grid from A1 to the last cell, so one stray value at XFD1048576 asks
for 17 billion cells (a panic or an allocation abort that no ``except``
catches) and XFD5000 costs gigabytes. The scan reads the part in chunks and
counts, with C-level regular expressions, the cells that hold something and
how far they reach, whether any formula was saved without its result and
whether any cell is an error value. The reader then picks the dense reader
only for a sheet whose extent is small, and a sparse one otherwise.

>>> scan = scan_xml(b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" s="2"/></row>'
...                 b'<row r="7"><c r="B7"><f>A1</f></c></row></sheetData>')
>>> scan.rows, scan.columns, scan.cells, scan.uncalculated, scan.certain
(7, 2, 2, True, True)
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

from qzxl.sheets.address import MAX_COLUMN, column_index

PART_LIMIT = 200 * 1024 * 1024
"""A needed part (sheet, shared strings, styles) that inflates past this is refused, not read."""
DENSE_CELL_LIMIT = 4_000_000
"""Extents up to this many cells (rows × columns) go to the dense reader; larger ones to the sparse one."""
_CHUNK = 4 * 1024 * 1024

# A cell's start tag with its reference first (as Excel, LibreOffice, WPS, openpyxl and XlsxWriter write it);
# group 3 ends with "/" for an empty (self-closing) cell.
_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"([^>]*)>')
_ANY_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
# A formula whose result is missing, or empty while its type is not text. Excel and LibreOffice save the
# empty text result of =IF(…,"",…) as t="str" with <v></v> or <v/>; programs that write formulas without
# calculating them (openpyxl, XlsxWriter) leave the value out or empty with no text type.
_FORMULA_WITHOUT_RESULT = re.compile(
    rb"<c\b(?![^>]*\bt=[\"']str[\"'])[^>]*>\s*<f\b[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>"
    rb"|<c\b[^>]*>\s*<f\b[^>]*(?:/>|>[^<]*</f>)\s*</c>"
)
_REFERENCE = re.compile(rb'\br="([A-Z]{1,3})[0-9]')
_ERROR_CELL = re.compile(rb"<c\b[^>]*\bt=[\"']e[\"']")


@dataclass
class SheetScan:
    rows: int = 0  # last row holding a cell with content
    columns: int = 0  # last column holding a cell with content
    cells: int = 0  # cells with content
    uncalculated: bool = False
    uncalculated_columns: set[str] = field(default_factory=set)  # the letters of the columns those formulas are in
    errors: bool = False
    certain: bool = True  # every cell had its reference first; otherwise the extent is unknown

    @property
    def dense_size(self) -> int:
        return self.rows * self.columns

    @property
    def dense_ok(self) -> bool:
        """Whether a dense grid from A1 to the last cell is a sane size to build."""
        return self.certain and self.dense_size <= DENSE_CELL_LIMIT


def scan_chunks(chunks: Iterable[bytes]) -> SheetScan:
    """The scan of a part given as byte chunks; the last cell of each (its tags may be cut) goes into the next.

    Every pattern starts at a cell's start tag and ends inside that cell, so cutting before the last ``<c`` keeps
    each match whole; cutting at the last ``<`` alone kept tags whole but split ``<c><f>…</f>`` from its
    ``</c>``, and a formula saved without its result went unseen. With no cell in a chunk, its last tag is carried.
    """
    scan = SheetScan()
    rest = b""
    for chunk in chunks:
        data = rest + chunk
        cut = data.rfind(b"<c")
        if cut < 0:
            cut = data.rfind(b"<")
        if cut < 0:
            cut = len(data)  # no tag at all: nothing to carry
        data, rest = data[:cut], data[cut:]
        _scan_into(scan, data)
    _scan_into(scan, rest)
    return scan


def scan_xml(data: bytes) -> SheetScan:
    return scan_chunks([data])


def _scan_into(scan: SheetScan, data: bytes) -> None:
    if not data:
        return
    found = _CELL.findall(data)
    if len(found) != len(_ANY_CELL.findall(data)):
        scan.certain = False
    full = [(letters, row) for letters, row, rest in found if not rest.endswith(b"/")]
    if full:
        scan.cells += len(full)
        scan.rows = max(scan.rows, max(int(row) for _, row in full))
        widest = max({letters for letters, _ in full}, key=lambda text: (len(text), text))
        try:
            scan.columns = max(scan.columns, column_index(widest.decode()))
        except ValueError:  # past XFD: no spreadsheet program wrote this sheet
            scan.columns, scan.certain = MAX_COLUMN, False
    if b"<f" in data:
        for match in _FORMULA_WITHOUT_RESULT.finditer(data):
            scan.uncalculated = True
            column = _REFERENCE.search(match[0])
            scan.uncalculated_columns.add(column[1].decode() if column else "")
    if not scan.errors and b"e" in data and _ERROR_CELL.search(data):
        scan.errors = True


def part_chunks(archive: zipfile.ZipFile, part: str, limit: int | None = None) -> Iterable[bytes]:
    """A part's inflated bytes in chunks; PartTooLarge once more than ``limit`` (PART_LIMIT) bytes came out."""
    limit = limit or PART_LIMIT
    total = 0
    with archive.open(part) as handle:
        while chunk := handle.read(_CHUNK):
            total += len(chunk)
            if total > limit:
                raise PartTooLarge(part, archive.getinfo(part).file_size)
            yield chunk


class PartTooLarge(ValueError):
    def __init__(self, part: str, size: int) -> None:
        super().__init__(part)
        self.part, self.size = part, size


def refuse_oversized_part(archive: zipfile.ZipFile, part: str, limit: int | None = None) -> None:
    """PartTooLarge when the archive declares that ``part`` inflates past ``limit`` (the stream stops there too)."""
    limit = limit or PART_LIMIT
    size = archive.getinfo(part).file_size
    if size > limit:
        raise PartTooLarge(part, size)


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """Text as typed: Excel stores characters XML cannot hold as ``_xHHHH_`` (and a literal ``_x`` as ``_x005F_x``).

    >>> unescape("A_x0001_B"), unescape("_x005F_x0001_")
    ('A\\x01B', '_x0001_')
    """
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda match: chr(int(match[1], 16)), text)
