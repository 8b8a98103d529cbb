"""Odd values never crash a rule; every code used in the engine is in the catalogue and renders."""

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import context
from hypothesis import given, settings
from hypothesis import strategies as st
from support.examples import examples

from qzxl.catalogue import CATALOGUE, NOTES, PHRASED, REASON_PARAMS, REASONS, Severity
from qzxl.layout import REGISTRATION
from qzxl.rules import check_candidates
from qzxl.sheets.intake import UnreadableValue, convert
from qzxl.sheets.models import Candidate

JUNK = [None, "", " ", "€", "😴", "#REF!", 0, -1, 3.30822e17, 1e308, float("nan"), True, dt.date(1990, 1, 1),
        dt.datetime(2030, 1, 1, 12), "x" * 40_000, "\u200b", "=1+1", "３３０８２２", "1990.13", "NULL"]


def junk_candidate(values):
    """What the intake makes of a row of junk: values that convert, the rest marked unreadable."""
    converted, unreadable = {}, set()
    for column, raw in zip(REGISTRATION.columns, values, strict=False):
        try:
            converted[column.key] = convert(column.key, column.kind, raw)
        except UnreadableValue:
            unreadable.add(column.key)
    return Candidate(row=2, unreadable=frozenset(unreadable), **converted)


@pytest.mark.parametrize("junk", JUNK)
def test_every_rule_survives_the_same_junk_in_every_column(junk):
    person = junk_candidate([junk] * len(REGISTRATION.columns))
    findings = check_candidates([person, person], context())
    assert all(f.code in CATALOGUE for f in findings)


@settings(max_examples=examples(80), deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=30), st.integers(), st.floats(), st.dates(), st.booleans()),
                min_size=len(REGISTRATION.columns), max_size=len(REGISTRATION.columns)))
def test_every_rule_survives_random_rows(values):
    findings = check_candidates([junk_candidate(values)], context())
    assert all(f.code in CATALOGUE for f in findings)


SOURCE = Path(__file__).resolve().parent.parent / "qzxl"
CODE_USE = re.compile(r"""(?:Finding|Issue\.create|UnreadableValue)\(\s*["']([a-z0-9-]+)["']""")


def test_every_code_the_engine_emits_is_in_the_catalogue():
    used = {code for path in [*SOURCE.rglob("*.py"), *(SOURCE.parent / "usecases").rglob("*.py")]
            for code in CODE_USE.findall(path.read_text(encoding="utf-8"))}
    assert used, "the pattern must find the engine's codes"
    assert used <= CATALOGUE.keys()


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_message_renders_in_plain_chinese(code):
    entry = CATALOGUE[code]
    for reason in REASONS.get(code, ["X"]):  # a code with several causes renders with each of its reason keys
        phrased = dict.fromkeys(PHRASED.get(code, ()), "check-same-field")  # these take a word key, not text
        message = entry.render(**{**dict.fromkeys(entry.placeholders, "X"), REASON_PARAMS.get(code, "reason"): reason,
                                  **phrased})
        assert re.search(r"[\u4e00-\u9fff]", message)
        if entry.severity is not Severity.INFO:  # findings and stops are sentences; what is said may be a label
            assert message.endswith(("。", "）"))
        assert "{" not in message


@pytest.mark.parametrize("code", sorted(NOTES))
def test_every_cell_note_belongs_to_a_code_and_renders(code):
    placeholders = CATALOGUE[code].placeholders
    note = NOTES[code].format(**dict.fromkeys([*placeholders, "upgraded"], "X"))
    assert re.search(r"[\u4e00-\u9fff]", note) and note.endswith("。")


@pytest.mark.parametrize(("kind", "raw", "code"), [
    ("number", "五年", "number-unreadable"),
    ("number", "3 年以上", "number-unreadable"),
    ("date", "1990.13.01", "date-unreadable"),
    ("id", 330822199012153426, "number-stored-id"),
])
def test_unreadable_cells_name_their_code(kind, raw, code):
    with pytest.raises(UnreadableValue) as problem:
        convert("field", kind, raw)
    assert problem.value.code == code


def test_a_holiday_override_row_that_cannot_be_read_is_reported_on_its_cell(tmp_path):
    from qzxl.layout import OPTIONS_SHEET
    from qzxl.sheets.intake import workbook_calendar
    from qzxl.sheets.tables import workbook_from_sheets

    grids = {REGISTRATION.sheet: [[c.header for c in REGISTRATION.columns]],
             OPTIONS_SHEET: [["调整日期", "安排", "说明"], [dt.date(2027, 1, 2), "补班", ""],
                             ["明年元旦", "放假", ""], [dt.date(2027, 1, 3), "上班", "调休"]]}
    data = workbook_from_sheets(tmp_path / "book.xlsx", grids)
    calendar, issues = workbook_calendar(data)
    assert [(i.code, i.cell, i.value) for i in issues] == [("holiday-override-unreadable", "B2", "补班"),
                                                          ("holiday-override-unreadable", "A3", "明年元旦")]
    assert calendar.day(dt.date(2027, 1, 3)).workday  # a Sunday, worked: the readable row still counts
