"""工作年限 against age: more years than the age at the exam date less 16 is a warning, and meets no route.

The exam is on 2026-12-18. Ages are counted by hand: born 2003-05-01 is 23 then, so at most 7 years.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import EXAM, context, valid_candidate

from qzxl.catalogue import CATALOGUE
from qzxl.report import Issue
from qzxl.rules import check_candidates, check_workbook, eligibility, proposed_conditions
from qzxl.sample import generate_batch
from qzxl.sheets.models import Plan
from qzxl.sheets.reader import read_workbook

FOUR = "四级/中级工"
BORN_2003 = dt.date(2003, 5, 1)
ID_2003 = "330822200305010010"  # 常山县, born 2003-05-01, male; check digit 0 (ISO 7064 MOD 11-2)


def plan_context():
    return context(plan=Plan(occupation="电工", eligibility_basis="2023"))


def findings(**data):
    person = valid_candidate(**data)
    return {f.code: f for f in check_candidates([person], plan_context())}


@pytest.mark.parametrize(("born", "years", "warned"), [
    (BORN_2003, 16, True),  # the issue's case: 16 years for someone born in 2003
    (BORN_2003, 8, True),
    (BORN_2003, 7, False),  # 23 − 16
    (BORN_2003, 7.5, True),
    (dt.date(2003, 12, 19), 7, True),  # turns 23 the day after the exam: 22 then, 6 years at most
    (dt.date(2003, 12, 18), 7, False),  # 23 on the exam day
    (dt.date(1990, 12, 15), 20, False),
    (dt.date(1990, 12, 15), 21, True),
    (dt.date(1970, 1, 1), 35, False),
])
def test_more_years_than_the_age_allows_is_a_warning_on_the_cell(born, years, warned):
    found = findings(birth_date=born, work_years=years, id_number="")
    assert ("work-years-implausible" in found) is warned
    if warned:
        assert found["work-years-implausible"].key == "work_years"


def test_no_years_or_no_birth_date_nothing_to_compare():
    assert "work-years-implausible" not in findings(birth_date=None, id_number="", work_years=30)
    assert "work-years-implausible" not in findings(birth_date=BORN_2003, id_number="", work_years=None)


def test_the_birth_date_in_the_id_number_is_used_when_the_column_is_blank():
    assert "work-years-implausible" in findings(birth_date=None, id_number=ID_2003, gender="男", work_years=16)


def test_the_sentence_says_the_age_and_the_most():
    finding = findings(birth_date=BORN_2003, id_number="", work_years=16)["work-years-implausible"]
    assert Issue.create("work-years-implausible", params=finding.params).message == (
        "工作年限 16 年多于年龄所能有的：到 2026-12-18 为 23 周岁，从 16 周岁算起最多 7 年。"
        "请核对（是否填成了年龄或参加工作的年份）。")


def test_a_route_met_only_through_implausible_years_is_unconfirmed_never_met():
    person = valid_candidate(birth_date=BORN_2003, id_number="", work_years=16, applied_level=FOUR,
                             prior_level="无", education="初中", condition="")
    found = {f.code: f for f in eligibility.check(person, plan_context())}
    assert "eligibility-unclear" in found and "condition-proposed" not in found
    assert "eligibility-check" not in found and "eligibility-not-met" not in found
    message = CATALOGUE["eligibility-unclear"].render(**found["eligibility-unclear"].params)
    assert "工作年限 16 年多于按年龄最多可能的 7 年" in message
    assert eligibility.propose(person, plan_context()) is None
    plausible = person.model_copy(update={"birth_date": dt.date(1990, 12, 15)})
    assert eligibility.propose(plausible, plan_context()) is not None


def test_a_typed_condition_on_implausible_years_is_not_confirmed():
    person = valid_candidate(birth_date=BORN_2003, id_number="", work_years=16, applied_level=FOUR,
                             prior_level="无", education="初中", condition="累计从事本职业或相关职业工作满5年。")
    codes = {f.code for f in eligibility.check(person, plan_context())}
    assert "eligibility-unclear" in codes and "eligibility-check" not in codes


def test_another_route_still_holds_on_its_own():
    """A 五级 certificate + 4 years (2023: 四级 route 2) does not rest on the implausible total alone."""
    person = valid_candidate(birth_date=dt.date(2005, 1, 1), id_number="", work_years=6, applied_level=FOUR,
                             prior_level="五级/初级工", education="初中", condition="")
    # 21 at the exam: 5 years at most, so 6 is implausible; the 五级 route needs 4 years after the certificate
    found = {f.code for f in check_candidates([person], plan_context())}
    assert "work-years-implausible" in found
    assert "eligibility-not-met" not in found


def test_fill_conditions_leaves_an_implausible_row_empty(write_book):
    batch = generate_batch(3, mistakes=False, exam=EXAM)
    batch.candidates[1].update(birth_date=dt.date(2003, 5, 1), id_number=ID_2003, gender="男", work_years=16, education="初中",
                               condition="")
    batch.candidates[2].update(condition="")
    book = write_book(batch.plan, batch.candidates)
    data = read_workbook(book)
    filled = dict(proposed_conditions(data, today=dt.date(2026, 11, 24)))
    rows = sorted(filled)
    assert rows == [5]  # the third person (row 5) is filled; the second (row 4) is not
    report = check_workbook(data, today=dt.date(2026, 11, 24)).report
    marked = {(i.code, i.column) for i in report.issues}
    assert ("work-years-implausible", "工作年限") in marked
    assert ("eligibility-unclear", "申报条件") in marked
