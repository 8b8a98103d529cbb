"""workbook/worksheet.py: a formula is stored exactly as XlsxWriter's own worksheet stores it, and the build's
formulas take the short way (which is what makes `qzxl workbook` fast)."""

import html
import io
import re
import zipfile

import pytest
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from qzxl.layout import FIRST_DATA_ROW
from workbook.worksheet import FormulaSheet

# Formulas whose storing XlsxWriter changes (prefixes, array formulas, braces) or must be left to decide.
PLANTED = [
    "=XLOOKUP(A1,B:B,C:C)",
    "=A1+SORT(B1:B3)",
    "=x.SORT(B1:B3)",  # a dot is no part of a word: XlsxWriter prefixes SORT
    "=MYSORT(1)",  # another function whose name ends in SORT: left alone by both
    '=LEN("SORT(")',  # XlsxWriter prefixes inside a string too
    "=中SORT(1)",  # a Chinese character is a word character for XlsxWriter's \b
    "=xSINGLE(1)",  # XlsxWriter's pattern for SINGLE takes any character before INGLE
    "={1,2}",
    "=SUM(A1:A3)}",
    "=_xlfn.XLOOKUP(A1,B:B,C:C)",
    "=LAMBDA(x,x+1)(2)",
    "=FILTER(A1:A9,B1:B9>0)",
    '=IF(A1="","",ISNUMBER(FIND("{",A1)))',
    "IF(A1=1,2,3)",  # no leading =
]


def sheet_xml(formulas: list[str], worksheet_class, options: dict | None = None) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **(options or {})})
    ws = book.add_worksheet("s", worksheet_class=worksheet_class)
    for row, formula in enumerate(formulas):
        ws.write_formula(row, 0, formula, None, "")
    book.close()
    with zipfile.ZipFile(buffer) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def first_and_last_rows(xml: bytes) -> bytes:
    """The rows of a sheet down to its first data row, and its last row (the cells between are those rows'
    formulas with other row numbers; scanning all of them would cost the fast suite half a second)."""
    first = xml.find(f'<row r="{FIRST_DATA_ROW + 1}"'.encode())
    head = xml if first < 0 else xml[:xml.find(b"</row>", first)]
    return head + xml[xml.rfind(b"<row "):]


@pytest.fixture(scope="module")
def build_formulas(built_workbook) -> list[str]:
    """The formulas of the built workbook's first rows and last row on every sheet, as they were written."""
    found = set()
    with zipfile.ZipFile(built_workbook) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                rows = first_and_last_rows(archive.read(name))
                found |= {"=" + html.unescape(f.decode()) for f in re.findall(rb"<f>([^<]*)</f>", rows)}
    assert len(found) > 50 and max(map(len, found)) > 3000  # the 自动检查 formulas are among them
    return sorted(found)


def test_the_build_formulas_are_stored_as_xlsxwriter_stores_them(build_formulas):
    assert sheet_xml(build_formulas, FormulaSheet) == sheet_xml(build_formulas, Worksheet)


def test_the_build_formulas_take_the_short_way(build_formulas):
    assert [f for f in build_formulas if FormulaSheet.plain(f) is None] == []


@pytest.mark.parametrize("formula", PLANTED)
def test_a_formula_xlsxwriter_rewrites_is_left_to_it(formula):
    assert sheet_xml([formula], FormulaSheet) == sheet_xml([formula], Worksheet)


def test_the_planted_formulas_include_ones_xlsxwriter_rewrites():
    """The cases above would prove nothing if XlsxWriter stored them all as typed."""
    rewritten = [f for f in PLANTED if f"<f>{html.escape(f.lstrip('='), quote=False)}</f>".encode()
                 not in sheet_xml([f], Worksheet)]
    assert {"=XLOOKUP(A1,B:B,C:C)", "=x.SORT(B1:B3)", "={1,2}", "=LAMBDA(x,x+1)(2)"} <= set(rewritten)
    assert all(FormulaSheet.plain(f) is None for f in rewritten)


def test_future_functions_are_still_prefixed_when_a_book_asks_for_them():
    formulas = ["=STDEV.S(A1:A3)", "=IFS(A1>0,1,TRUE,0)", "=ISNUMBER(A1)"]
    options = {"use_future_functions": True}
    written = sheet_xml(formulas, FormulaSheet, options)
    assert written == sheet_xml(formulas, Worksheet, options) and b"_xlfn.STDEV.S" in written
