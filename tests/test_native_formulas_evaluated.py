"""The native 自动检查 formulas, evaluated in Python, agree with the engine on every generated row — in seconds.

The same books the slow LibreOffice test recalculates (tests/test_native_agreement.py: five seeds, 2,480 报名信息
rows and 2,500 花名册 lines of valid people and every kind of mistake) are evaluated by a minimal evaluator of
the functions the formulas use (tests/support/excel_formulas.py); a row's 自动检查 must be non-empty exactly when
the engine reports an error there whose code is native on that sheet, its text the title of one of those codes.
LibreOffice stays the outside witness of the evaluator; this test makes a drift between the formula text and
the engine fail in the fast suite.
"""

import datetime as dt

import pytest
from openpyxl import load_workbook
from support.native_cases import EXAM, cases, roster_cases
from support.native_evaluation import FIRST_ROW, Columns, Evaluation, lists
from support.native_odd_cases import NBSP, odd_cases, odd_roster
from xlsxwriter.utility import xl_col_to_name

from qzxl.layout import REGISTRATION, REGISTRATION_SHEET, ROSTER, ROSTER_SHEET, native_column
from workbook import native
from workbook.names import option_list_names

TODAY = dt.date(2026, 12, 1)
SEEDS = range(1, 6)


def registration_formulas() -> dict[str, str]:
    """The 报名信息 row's generated formulas by column letter: its helpers, then 自动检查."""
    letters = {key: xl_col_to_name(i) for i, key in enumerate(REGISTRATION.keys)}
    auto = native_column(REGISTRATION)
    row = native.RowFormulas(letters, helpers=native.HELPER_KEYS, first_letter=xl_col_to_name(auto + 1),
                             row=FIRST_ROW, lists=option_list_names())
    formulas = {row.helper[key]: "=" + text for key, text in row.helpers().items()}
    return {**formulas, xl_col_to_name(auto): row.auto_check()}


def roster_formulas() -> dict[str, str]:
    line = native.RosterFormulas(FIRST_ROW)
    formulas = {line.helper[key]: "=" + text for key, text in line.helpers().items()}
    return {**formulas, line.auto_letter: line.auto_check()}


@pytest.fixture(scope="module")
def roster_cells(built_workbook) -> dict[str, str]:
    """The 花名册's own columns on its first line as the built workbook holds them (each follows 报名信息)."""
    book = load_workbook(built_workbook, read_only=True)
    try:
        (cells,) = book[ROSTER_SHEET].iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW, max_col=len(ROSTER.columns))
        return {xl_col_to_name(index): cell.value for index, cell in enumerate(cells)}
    finally:
        book.close()


@pytest.fixture(scope="module")
def books():
    return [(cases(seed), roster_cases(cases(seed), seed)) for seed in SEEDS]


def evaluate_all(books, roster_cells) -> list[Evaluation]:
    names = lists(option_list_names())
    registration = Columns(REGISTRATION_SHEET, registration_formulas(), array_names=frozenset(names))
    own = Columns(ROSTER_SHEET, roster_cells)
    roster = Columns(ROSTER_SHEET, roster_formulas())
    return [Evaluation(registration, own, roster, names, rows, lines, exam=EXAM, today=TODAY)
            for rows, lines in books]


def disagreements(evaluations, books) -> dict[str, list]:
    out = {REGISTRATION_SHEET: [], ROSTER_SHEET: []}
    for evaluation, (rows, lines) in zip(evaluations, books, strict=True):
        out[REGISTRATION_SHEET] += evaluation.disagreements(REGISTRATION_SHEET, [label for label, _ in rows])
        out[ROSTER_SHEET] += evaluation.disagreements(ROSTER_SHEET, [label for label, _ in lines])
    return out


def test_the_built_workbook_holds_the_generated_formulas(built_workbook):
    book = load_workbook(built_workbook, read_only=True)
    try:
        for sheet, formulas in ((REGISTRATION_SHEET, registration_formulas()), (ROSTER_SHEET, roster_formulas())):
            (cells,) = book[sheet].iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW)
            held = {xl_col_to_name(cell.column - 1): cell.value for cell in cells
                    if getattr(cell, "column", None) and xl_col_to_name(cell.column - 1) in formulas}
            assert held == formulas, sheet
    finally:
        book.close()


def test_every_row_agrees_with_the_engine(books, roster_cells):
    assert sum(len(rows) for rows, _ in books) == 2480 and sum(len(lines) for _, lines in books) == 2500
    found = disagreements(evaluate_all(books, roster_cells), books)
    assert not found[REGISTRATION_SHEET], found[REGISTRATION_SHEET][:20]
    assert not found[ROSTER_SHEET], found[ROSTER_SHEET][:20]


def test_text_dates_numeric_dates_and_invisible_characters_agree(roster_cells):
    rows = odd_cases()
    book = [(rows, odd_roster(rows))]
    (evaluation,) = evaluate_all(book, roster_cells)
    found = disagreements([evaluation], book)
    assert found == {REGISTRATION_SHEET: [], ROSTER_SHEET: []}
    shown = {sheet: sum(bool(text) for text in evaluation.shown[sheet].values()) for sheet in evaluation.shown}
    engine = {sheet: len(rows) for sheet, rows in evaluation.engine.items()}
    assert shown == engine == {REGISTRATION_SHEET: 84, ROSTER_SHEET: 49}
    texts = {label: evaluation.shown[REGISTRATION_SHEET][FIRST_ROW + i] for i, (label, _) in enumerate(rows)}
    assert texts["出生日期 typed as text 1982年8月20日, another day"] == "出生日期与证件号码不符"
    assert texts["出生日期 typed as the number 19820820"] == ""
    assert texts["ID with a no-break space inside"] == "证件号码含看不见的字符"
    assert texts["出生日期 typed as text 1982-08-20T08:30, another day"] == "出生日期与证件号码不符"
    assert texts["出生日期 typed as text 1982-08-20 08:30, same day"] == ""


BREAKS = {  # one literal of the shared definitions, changed where the formulas read it: the engine keeps its own
    "the check characters": ("CHECK_CHARACTERS", "1X098765432"),
    "the minimum age": ("MINIMUM_AGE", 17),
    "the invisible characters": ("INVISIBLE", native.INVISIBLE.replace(NBSP, "")),
    "the day mark": ("DAY_MARK", "号"),
    "the missing suffix": ("MISSING_SUFFIXES", {"民族": "族人"}),
}


@pytest.mark.parametrize("name", BREAKS)
def test_breaking_one_literal_fails_the_agreement(name, roster_cells, monkeypatch):
    rows, kinds = odd_cases(), cases(1)[:60]  # every kind of row once
    book = [(rows + kinds, odd_roster(rows) + roster_cases(kinds, 1)[:60])]
    monkeypatch.setattr(native, *BREAKS[name])
    found = disagreements(evaluate_all(book, roster_cells), book)
    assert found[REGISTRATION_SHEET] or found[ROSTER_SHEET]
