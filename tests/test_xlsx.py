"""The sheet scan (qzxl.sheets.xlsx) against ElementTree reading the whole part, however the part is cut.

The scan reads a worksheet part in chunks as zipfile inflates it; a tag, an
attribute or a whole cell may be cut anywhere by a chunk boundary. Whatever
the cuts, its answer must be what a real XML parser finds in the whole part.
"""

from __future__ import annotations

import itertools
from xml.etree import ElementTree

from hypothesis import given, settings
from hypothesis import strategies as st
from support.examples import examples

from qzxl.sheets.address import column_letter
from qzxl.sheets.xlsx import SheetScan, scan_chunks, scan_xml

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

# What a cell holds, as Excel, LibreOffice, openpyxl and XlsxWriter write it.
KINDS = {
    "number": '<c r="{ref}"{style}><v>42</v></c>',
    "shared": '<c r="{ref}"{style} t="s"><v>0</v></c>',
    "inline": '<c r="{ref}"{style} t="inlineStr"><is><t>衢州 &lt;b&gt;</t></is></c>',
    "formula": '<c r="{ref}"{style}><f>SUM(A1:A2)</f><v>3</v></c>',
    "formula-text": '<c r="{ref}"{style} t="str"><f>IF(A1="","",A1)</f><v></v></c>',
    "formula-no-value": '<c r="{ref}"{style}><f>A1*2</f></c>',
    "formula-empty-value": '<c r="{ref}"{style}><f>A1*2</f><v></v></c>',
    "formula-shared": '<c r="{ref}"{style}><f t="shared" si="0"/><v>1</v></c>',
    "error": '<c r="{ref}"{style} t="e"><v>#REF!</v></c>',
    "empty": '<c r="{ref}"{style}/>',
}

cells = st.lists(st.tuples(st.integers(1, 40), st.sampled_from(sorted(KINDS)), st.booleans(),
                           st.booleans()), max_size=12)
rows = st.dictionaries(st.integers(1, 3000), cells, max_size=8)


def sheet_xml(table: dict[int, list[tuple[int, str, bool, bool]]]) -> bytes:
    """A worksheet part; a cell whose last flag is set has its style attribute before its reference."""
    parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'
             '<sheetPr codeName="Sheet1"/><dimension ref="A1"/><cols><col min="1" max="3" width="9"/></cols>'
             "<sheetData>"]
    for number in sorted(table):
        parts.append(f'<row r="{number}" spans="1:40">')
        for column, kind, styled, style_first in sorted(table[number]):
            text = KINDS[kind].format(ref=f"{column_letter(column)}{number}", style=' s="3"' if styled else "")
            if style_first and styled:
                text = text.replace(f'<c r="{column_letter(column)}{number}" s="3"',
                                    f'<c s="3" r="{column_letter(column)}{number}"')
            parts.append(text)
        parts.append("</row>")
    parts.append('</sheetData><conditionalFormatting sqref="A1"><cfRule type="expression" priority="1">'
                 "<formula>A1&gt;0</formula></cfRule></conditionalFormatting>"
                 '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                 "</worksheet>")
    return "".join(parts).encode()


def parsed(data: bytes) -> SheetScan:
    """What ElementTree finds in the whole part: the scan's facts, by the spreadsheetml meaning of each."""
    tag = f"{{{MAIN}}}"
    scan = SheetScan()
    for cell in ElementTree.fromstring(data).iter(f"{tag}c"):
        letters = "".join(ch for ch in cell.get("r") if ch.isalpha())
        row = int(cell.get("r")[len(letters):])
        formula, value = cell.find(f"{tag}f"), cell.find(f"{tag}v")
        if cell.get("t") == "e":
            scan.errors = True
        if formula is not None and (value is None or (not (value.text or "").strip() and cell.get("t") != "str")):
            scan.uncalculated = True
            scan.uncalculated_columns.add(letters)
        if len(cell):  # it holds something
            scan.cells += 1
            scan.rows = max(scan.rows, row)
            scan.columns = max(scan.columns, sum(26 ** i * (ord(ch) - 64) for i, ch in enumerate(reversed(letters))))
    return scan


def cut(data: bytes, points: list[int]) -> list[bytes]:
    edges = [0, *sorted({p % (len(data) + 1) for p in points}), len(data)]
    return [data[a:b] for a, b in itertools.pairwise(edges)]


def reference_first(table) -> bool:
    return not any(styled and style_first for cells_ in table.values() for _, _, styled, style_first in cells_)


@settings(max_examples=examples(300), deadline=None)
@given(rows, st.lists(st.integers(0, 10**6), max_size=40))
def test_the_scan_of_any_cut_is_the_parse_of_the_whole(table, points):
    data = sheet_xml(table)
    scan = scan_chunks(cut(data, points))
    if not reference_first(table):
        assert scan.certain is False  # a cell the scan cannot place: the extent is unknown, the reader goes sparse
        return
    assert scan == parsed(data)


@settings(max_examples=examples(200), deadline=None)
@given(rows, st.integers(1, 64))
def test_tiny_chunks_of_one_size(table, size):
    """Every chunk ``size`` bytes: every tag and every cell is cut somewhere."""
    data = sheet_xml(table)
    scan = scan_chunks([data[i:i + size] for i in range(0, len(data), size)])
    assert scan == scan_xml(data)
    if reference_first(table):
        assert scan == parsed(data)


def test_a_formula_cut_before_its_closing_tag():
    """The case that was misread: the cut falls between a formula and its cell's end tag."""
    data = sheet_xml({1: [(1, "formula-no-value", False, False)]})
    at = data.index(b"</c>")
    assert scan_chunks([data[:at], data[at:]]).uncalculated
    assert scan_xml(data).uncalculated
