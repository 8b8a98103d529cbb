"""The 流程 sheet's dates, evaluated in Python, are the engine's: each step follows the deadline or node that
qzxl.dates.schedule.checklist ties it to (build and engine name the tie each on their side; this proves them equal).

The 方案's deadline and node cells are given the engine's own dates for an exam date (a different date in each
cell, so a step that reads the wrong one shows another date); the 流程 sheet's formulas, as the built workbook holds
them, are evaluated by tests/support/excel_formulas.py.
"""

import datetime as dt

import pytest
from openpyxl import load_workbook
from support.excel_formulas import Book, compile_formula, serial
from xlsxwriter.utility import xl_col_to_name

from qzxl.dates.schedule import checklist, deadlines, propose_nodes
from qzxl.layout import PLAN_SHEET, PLAN_VALUE_COLUMN, PROCESS_FIRST_STEP_ROW, PROCESS_SHEET, plan_value_row
from qzxl.sheets.address import split_address

EXAMS = (dt.date(2026, 12, 20), dt.date(2027, 6, 13))


@pytest.fixture(scope="module")
def process(built_workbook):
    """(defined names → 方案 cells, the 流程 sheet's rows of (label, date formula))."""
    book = load_workbook(built_workbook, read_only=True)
    try:
        names = {}
        for name, definition in book.defined_names.items():
            sheet, _, address = definition.attr_text.rpartition("!")
            if sheet.strip("'") == PLAN_SHEET and ":" not in address:
                names[name] = split_address(address.replace("$", ""))
        rows = [(row[0].value, row[1].value) for row in book[PROCESS_SHEET].iter_rows(
            min_row=PROCESS_FIRST_STEP_ROW + 1, max_col=2) if row[0].value]
        return names, rows
    finally:
        book.close()


def shown_and_expected(names, rows, exam):
    nodes = {key: exam + dt.timedelta(days=100 + index) for index, key in enumerate(propose_nodes(exam))}
    given = {names[f"QZ_DEADLINE_{item.key.upper()}"]: item.date for item in deadlines(exam)}
    given |= {(xl_col_to_name(PLAN_VALUE_COLUMN), plan_value_row(key) + 1): day for key, day in nodes.items()}
    given[names["QZ_EXAM_DATE"]] = exam
    assert len(set(given.values())) == len(given)  # a step reading the wrong cell shows another date
    cells: dict[str, dict[int, object]] = {}
    for (col, row), day in given.items():
        cells.setdefault(col, {})[row] = serial(day)
    book = Book({PLAN_SHEET: cells, PROCESS_SHEET: {}}, {name: cells[c][r] for name, (c, r) in names.items()
                                                          if r in cells.get(c, {})})
    steps = checklist(exam, nodes)
    assert [label for label, _ in rows] == [step.label for step in steps]
    shown = {}
    for offset, ((_, formula), step) in enumerate(zip(rows, steps, strict=True)):
        row = PROCESS_FIRST_STEP_ROW + 1 + offset
        value = compile_formula(formula, sheet=PROCESS_SHEET, row=row)(book, row) if formula else ""
        shown[step.key] = value
    return shown, {step.key: serial(step.date) if step.date else "" for step in steps}


@pytest.mark.parametrize("exam", EXAMS)
def test_every_step_shows_the_date_the_engine_gives_it(process, exam):
    shown, expected = shown_and_expected(*process, exam)
    assert shown == expected


def test_a_step_reading_another_deadline_is_seen(process):
    names, rows = process
    swapped = [(label, formula.replace("ELECTRONIC_MATERIALS", "PAPER_MATERIALS") if formula else formula)
               for label, formula in rows]
    shown, expected = shown_and_expected(names, swapped, EXAMS[0])
    assert shown != expected and shown["step_1"] == expected["step_2"]
