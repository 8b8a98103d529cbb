"""A saved workbook is calculated: the build and every file-port save cache the results of the 花名册, 方案 and 流程
formulas, so a reader without a calculation engine (the CLI, WPS on a Mac) sees what Excel would show. The slow
test compares them with LibreOffice's own recalculation of the same file; the expected values are never the
engine's."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from qzxl.layout import (
    FIRST_DATA_ROW,
    PLAN_SHEET,
    PLAN_VALUE_COLUMN,
    PROCESS,
    REGISTRATION,
    ROSTER,
    deadline_row,
    plan_value_row,
)
from qzxl.rules import check_workbook
from qzxl.sample import generate_batch
from qzxl.sheets.address import column_letter
from qzxl.sheets.parts import read_sheet_values, sheet_parts
from qzxl.sheets.reader import read_workbook
from udfs.calculated import excel_text
from udfs.file_port import FilePort
from udfs.ooxml import Guarded, cache_results

TOOLS = Path(__file__).parent / "tools"
needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None or not Path("/usr/bin/python3").exists(),
                                       reason="LibreOffice and python3-uno are installed by .ci/run")


@pytest.mark.parametrize(("value", "text"), [
    ("张三", "张三"), (None, ""), (5, "5"), (2.5, "2.5"), (True, "TRUE"),
    (330822199012153426, "3.30822199012153E+17"),  # an ID Excel stored as a number: its 15 digits
    (dt.datetime(2026, 12, 18), "46374"),  # a date joined to text is its day number
    (1 / 3, "0.333333333333333"),
])
def test_a_value_joined_to_text_as_excel_writes_it(value, text):
    assert excel_text(value) == text


def test_results_go_into_formula_cells_only():
    xml = (b'<sheetData><row r="1"><c r="A1" s="2"><f>IF(B1="","",B1)</f><v></v></c>'
           b'<c r="B1" t="s"><v>0</v></c><c r="C1" t="str"><f>1+1</f><v>old</v></c></row></sheetData>')
    cached = cache_results(xml, {"A1": "张&三", "B1": "not a formula", "C1": 2})
    assert cached == (b'<sheetData><row r="1"><c r="A1" s="2" t="str"><f>IF(B1="","",B1)</f><v>\xe5\xbc\xa0&amp;'
                      b'\xe4\xb8\x89</v></c><c r="B1" t="s"><v>0</v></c><c r="C1"><f>1+1</f><v>2</v></c></row>'
                      b'</sheetData>')


def test_a_roster_line_moved_by_a_deleted_row_is_left_for_excel():
    """Row 5 of the 花名册 now reads 报名信息 row 6 (a row above was deleted): the result worked out for row 5
    would be another person's, so the cell stays uncalculated and the 花名册 warning says so."""
    xml = (b'<c r="B5"><f>IF(\'\xe6\x8a\xa5\xe5\x90\x8d\xe4\xbf\xa1\xe6\x81\xaf\'!$A6="","",1)</f><v></v></c>'
           b'<c r="B6"><f>IF(\'\xe6\x8a\xa5\xe5\x90\x8d\xe4\xbf\xa1\xe6\x81\xaf\'!$A6="","",1)</f><v></v></c>')
    cached = cache_results(xml, {"B5": Guarded("张三", r"!\$A5(?!\d)"), "B6": Guarded("李四", r"!\$A6(?!\d)")})
    assert b"<v></v>" in cached.split(b"</c>")[0] and "<v>李四</v>".encode() in cached


def test_a_fresh_workbook_is_calculated_and_one_stripped_of_its_results_is_not(built_workbook, tmp_path):
    def roster_codes(book: Path) -> list[str]:
        return [i.code for i in check_workbook(read_workbook(book)).report.issues if i.sheet == ROSTER.sheet]

    assert roster_codes(built_workbook) == []  # no 花名册 warning, empty as it is
    stripped = tmp_path / "stripped.xlsm"  # what a tool that saves formulas without results leaves
    with zipfile.ZipFile(built_workbook) as source, zipfile.ZipFile(stripped, "w") as target:
        part = sheet_parts(source)[ROSTER.sheet]
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, re.sub(rb'(<c r="B5"[^>]*?) t="str"', rb"\1", data) if item.filename == part
                            else data)
    assert roster_codes(stripped) == ["roster-not-calculated"]


def fill(book: Path, people: int = 6) -> list[dict]:
    """A plan with an exam date and a district, and ``people`` rows typed in (the build's own formulas stay)."""
    batch = generate_batch(people, mistakes=False, exam=dt.date(2027, 1, 11))
    port = FilePort(book, backup=False)
    column = column_letter(PLAN_VALUE_COLUMN + 1)
    for key, value in (("exam_date", dt.date(2027, 1, 11)), ("district", "衢江区"), ("org", "明远培训学校"),
                       ("occupation", "电工"), ("training_start", dt.date(2026, 11, 2))):
        port.write_block(PLAN_SHEET, f"{column}{plan_value_row(key) + 1}", [[value]])
    rows = [[person.get(key) for key in REGISTRATION.keys] for person in batch.candidates]
    rows[2][REGISTRATION.keys.index("work_years")] = None  # a blank a formula reads as 0
    rows[3][REGISTRATION.keys.index("employer")] = ""
    port.write_block(REGISTRATION.sheet, f"A{FIRST_DATA_ROW + 1}", rows)
    port.save()
    return batch.candidates


@pytest.mark.slow  # a save of the built workbook: a second or two
def test_a_file_port_save_caches_the_roster_and_the_deadlines(built_workbook, tmp_path):
    book = tmp_path / "报名.xlsm"
    shutil.copyfile(built_workbook, book)
    people = fill(book)
    assert ROSTER.sheet not in read_workbook(book).uncalculated
    roster = read_sheet_values(book, [ROSTER.sheet])[ROSTER.sheet]
    names = [row[ROSTER.keys.index("name")] for row in roster[FIRST_DATA_ROW:FIRST_DATA_ROW + len(people) + 1]]
    assert names == [person["name"] for person in people] + [""]
    plan = read_sheet_values(book, [PLAN_SHEET])[PLAN_SHEET]
    assert plan[deadline_row(3)][PLAN_VALUE_COLUMN] == "王老师 13675716626"
    assert plan[deadline_row(0)][PLAN_VALUE_COLUMN] == dt.date(2026, 12, 22)  # 开考前 20 天, a Tuesday


def comparable(value: object) -> object:
    """LibreOffice and openpyxl differ only in how they store an empty result and a whole number."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@pytest.mark.libreoffice
@needs_libreoffice
def test_cached_results_are_what_libreoffice_calculates(built_workbook, tmp_path):
    book = tmp_path / "报名.xlsm"
    shutil.copyfile(built_workbook, book)
    people = fill(book, people=12)
    recalculated = tmp_path / "recalculated.xlsx"
    subprocess.run(["/usr/bin/python3", str(TOOLS / "lo_recalc.py"), str(book), str(recalculated)], check=True,
                   capture_output=True, timeout=600)
    sheets = [ROSTER.sheet, PLAN_SHEET, PROCESS.sheet]
    ours, theirs = read_sheet_values(book, sheets), read_sheet_values(recalculated, sheets)
    cells = {ROSTER.sheet: [(row, col) for row in [1, 2, *range(FIRST_DATA_ROW, FIRST_DATA_ROW + len(people) + 3)]
                            for col in range(len(ROSTER.columns))],
             PLAN_SHEET: [(deadline_row(i), col) for i in range(4) for col in (PLAN_VALUE_COLUMN, PLAN_VALUE_COLUMN + 1)
                          if not (i == 3 and col > PLAN_VALUE_COLUMN)],
             PROCESS.sheet: [(row, col) for row in range(2, 14) for col in (1, 2)]}
    def at(grid, row: int, col: int) -> object:
        return grid[row][col] if row < len(grid) and col < len(grid[row]) else None

    differ = []
    for sheet, places in cells.items():
        for row, col in places:
            mine, lo = comparable(at(ours[sheet], row, col)), comparable(at(theirs[sheet], row, col))
            if mine != lo:
                differ.append((sheet, f"{column_letter(col + 1)}{row + 1}", mine, lo))
    assert differ == []
