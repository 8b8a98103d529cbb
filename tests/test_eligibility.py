"""申报条件 as a list of real cases: every route of both templates met just, and missed just.

Expected verdicts come from the template texts cited in qzxl/rules/eligibility_routes.py's docstring
and from the cases listed in issue 20, not from running the code. The exam is on 2026-12-18.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import EXAM, context, valid_candidate

from qzxl.rules import eligibility
from qzxl.rules.eligibility import RULES_2018, RULES_2023, evaluate, named_route, propose
from qzxl.sheets.models import Plan

FIVE, FOUR, THREE, TWO, ONE = "五级/初级工", "四级/中级工", "三级/高级工", "二级/技师", "一级/高级技师"
STUDENT = "学校(在校生)"
MID, HIGH, PRE = "技工院校中级工班", "技工院校高级工班", "技工院校预备技师（技师）班"
SECONDARY, HIGHER_VOC, UNIVERSITY = "中等职业学校", "高等职业学校", "普通高等学校"


def person(level: str, **data):
    """Someone with nothing to show unless the case says so: no years, no certificate, 初中, no title."""
    values = {"applied_level": level, "work_years": None, "prior_level": "无", "education": "初中",
              "title_level": "无", "condition": "", "source": "企业"}
    values.update(data)
    return valid_candidate(**values)


def plan_context(basis: str = "", **changes):
    return context(plan=Plan(occupation="电工", eligibility_basis=basis), **changes)


def verdict(candidate, ctx=None) -> str:
    found = {f.code for f in eligibility.check(candidate, ctx or plan_context())}
    for code, name in (("eligibility-not-met", "not-met"), ("eligibility-unclear", "unclear"),
                       ("eligibility-check", "check")):
        if code in found:
            return name
    return "ok"


# (level, the route's place in its table — the template's number, "…；或…" halves counted apart —, just meets, just misses)
ROUTES_2023 = [
    (FIVE, 1, {"work_years": 0.0}, {"work_years": 0.5}),
    (FIVE, 2, {"work_years": 0.5}, {"work_years": 0.0}),
    (FOUR, 1, {"work_years": 5.0}, {"work_years": 4.5}),
    (FOUR, 2, {"prior_level": FIVE, "work_years": 3.0}, {"prior_level": FIVE, "work_years": 2.5}),
    (FOUR, 2, {"prior_level": FIVE, "work_years": 9.0, "cert_date": dt.date(2023, 12, 18)},
     {"prior_level": FIVE, "work_years": 9.0, "cert_date": dt.date(2023, 12, 19)}),
    (FOUR, 3, {"school_level": SECONDARY}, {"education": "高中"}),
    (FOUR, 3, {"education": "研究生"}, {"education": "高中", "source": STUDENT}),
    (THREE, 1, {"work_years": 10.0}, {"work_years": 9.5}),
    (THREE, 2, {"prior_level": FOUR, "work_years": 4.0}, {"prior_level": FIVE, "work_years": 4.0}),
    (THREE, 2, {"prior_level": FOUR, "work_years": 4.0}, {"prior_level": FOUR, "work_years": 3.5}),
    (THREE, 3, {"title_level": "初级", "work_years": 1.0}, {"title_level": "无", "work_years": 1.0}),
    (THREE, 3, {"title_level": "初级", "work_years": 6.0, "title_date": dt.date(2025, 12, 18)},
     {"title_level": "初级", "work_years": 6.0, "title_date": dt.date(2026, 1, 5)}),
    (THREE, 4, {"school_level": HIGH}, {"school_level": MID}),
    (THREE, 4, {"school_level": PRE, "source": STUDENT}, {"education": "技工学校", "school_level": MID}),
    (THREE, 5, {"prior_level": FOUR, "education": "大学本科"}, {"prior_level": FIVE, "education": "大学本科"}),
    (THREE, 6, {"education": "大学专科和专科学校"}, {"education": "中等专业学校"}),
    (TWO, 1, {"prior_level": THREE, "work_years": 5.0}, {"prior_level": THREE, "work_years": 4.5}),
    (TWO, 2, {"title_level": "初级", "prior_level": THREE, "work_years": 5.0},
     {"title_level": "初级", "prior_level": THREE, "work_years": 4.5}),
    (TWO, 2, {"title_level": "初级", "prior_level": THREE, "work_years": 7.0, "cert_date": dt.date(2025, 12, 1)},
     {"title_level": "初级", "prior_level": THREE, "work_years": 7.0, "cert_date": dt.date(2026, 1, 1)}),
    (TWO, 3, {"title_level": "中级", "work_years": 1.0}, {"title_level": "初级", "work_years": 1.0}),
    (TWO, 4, {"prior_level": THREE, "school_level": HIGH, "work_years": 2.0},
     {"prior_level": THREE, "school_level": HIGH, "work_years": 1.5}),
    (TWO, 4, {"prior_level": THREE, "school_level": PRE, "work_years": 2.0},
     {"prior_level": THREE, "school_level": PRE, "work_years": 2.0, "source": STUDENT}),
    (TWO, 5, {"prior_level": THREE, "school_level": PRE, "source": STUDENT},
     {"prior_level": THREE, "school_level": PRE}),
    (ONE, 1, {"prior_level": TWO, "work_years": 5.0}, {"prior_level": TWO, "work_years": 4.0}),
    (ONE, 2, {"title_level": "中级", "prior_level": TWO, "work_years": 5.0},
     {"title_level": "初级", "prior_level": TWO, "work_years": 5.0}),
    (ONE, 3, {"title_level": "副高级", "work_years": 1.0}, {"title_level": "中级", "work_years": 1.0}),
    (ONE, 3, {"title_level": "正高级", "work_years": 1.0}, {"title_level": "副高级", "work_years": 0.5}),
]

ROUTES_2018 = [
    (FIVE, 1, {"work_years": 1.0}, {"work_years": 0.5}),
    (FIVE, 2, {"condition": "本职业学徒期满"}, {"condition": "未满学徒期"}),
    (FOUR, 1, {"prior_level": FIVE, "work_years": 4.0}, {"prior_level": FIVE, "work_years": 3.5}),
    (FOUR, 2, {"work_years": 6.0}, {"work_years": 5.5}),
    (FOUR, 3, {"school_level": MID}, {"school_level": UNIVERSITY}),  # the 技工学校 half
    (FOUR, 4, {"school_level": SECONDARY}, {"school_level": UNIVERSITY}),  # the 经评估论证 half
    (THREE, 1, {"prior_level": FOUR, "work_years": 5.0}, {"prior_level": FOUR, "work_years": 4.5}),
    (THREE, 2, {"prior_level": FOUR, "school_level": HIGH}, {"prior_level": FOUR, "school_level": MID}),
    (THREE, 3, {"prior_level": FOUR, "school_level": HIGHER_VOC}, {"prior_level": FOUR, "school_level": UNIVERSITY}),
    (THREE, 4, {"prior_level": FOUR, "education": "大学本科", "work_years": 2.0},
     {"prior_level": FOUR, "education": "大学本科", "work_years": 1.5}),
    (TWO, 1, {"prior_level": THREE, "work_years": 4.0}, {"prior_level": THREE, "work_years": 3.5}),
    (TWO, 2, {"prior_level": THREE, "school_level": HIGH, "work_years": 3.0},
     {"prior_level": THREE, "school_level": HIGH, "work_years": 2.5}),
    (TWO, 3, {"school_level": PRE, "work_years": 2.0}, {"school_level": PRE, "work_years": 1.5}),
    (ONE, 1, {"prior_level": TWO, "work_years": 4.0}, {"prior_level": TWO, "work_years": 3.5}),
]


@pytest.mark.parametrize(("table", "level", "number", "meets", "misses"),
                         [(RULES_2023, *case) for case in ROUTES_2023] + [(RULES_2018, *case) for case in ROUTES_2018])
def test_every_route_just_met_and_just_missed(table, level, number, meets, misses):
    route = table[level][number - 1]
    assert evaluate(route, person(level, **meets), context()).holds
    assert not evaluate(route, person(level, **misses), context()).holds


def test_every_route_of_both_templates_has_a_case():
    covered_2023 = {(level, number) for level, number, *_ in ROUTES_2023}
    covered_2018 = {(level, number) for level, number, *_ in ROUTES_2018}
    assert covered_2023 == {(level, i) for level, routes in RULES_2023.items() for i in range(1, len(routes) + 1)}
    assert covered_2018 == {(level, i) for level, routes in RULES_2018.items() for i in range(1, len(routes) + 1)}


# The cases of issue 20, under the default (2023) rule set and under 2018.
WHY = [
    # 五级: 16 and working (or about to) is enough; a blank 工作年限 is no warning.
    ("2023", person(FIVE, work_years=0.0), "ok"),
    ("2023", person(FIVE, work_years=0.5), "ok"),
    ("2023", person(FIVE), "ok"),
    # 四级
    ("2023", person(FOUR, work_years=5.0), "ok"),
    ("2023", person(FOUR, prior_level=FIVE, work_years=3.0), "ok"),
    ("2023", person(FOUR, education="大学本科"), "check"),  # 本专业或相关专业 is for a person to see
    ("2023", person(FOUR, education="研究生"), "check"),
    # 三级
    ("2023", person(THREE, work_years=10.0), "ok"),
    ("2023", person(THREE, prior_level=FOUR, work_years=4.0), "ok"),
    ("2023", person(THREE, title_level="初级", work_years=1.0), "check"),
    ("2023", person(THREE, school_level=HIGH), "check"),
    ("2023", person(THREE, prior_level=FOUR, education="大学本科"), "check"),
    # 二级
    ("2023", person(TWO, title_level="中级", work_years=1.0), "check"),
    ("2023", person(TWO, prior_level=THREE, school_level=HIGH, work_years=2.0), "ok"),
    ("2023", person(TWO, prior_level=THREE, school_level=PRE, source=STUDENT), "check"),  # wording unconfirmed
    # 一级
    ("2023", person(ONE, title_level="副高级", work_years=1.0), "check"),
    # accepted by 2018, not by 2023: both need 5 years
    ("2023", person(TWO, prior_level=THREE, work_years=4.0), "not-met"),
    ("2023", person(ONE, prior_level=TWO, work_years=4.0), "not-met"),
    ("2018", person(TWO, prior_level=THREE, work_years=4.0), "ok"),
    ("2018", person(ONE, prior_level=TWO, work_years=4.0), "ok"),
    # a 中级工班 diploma is no 高级技工学校 diploma, under both templates
    ("2023", person(THREE, prior_level=FOUR, work_years=2.0, education="技工学校", school_level=MID), "not-met"),
    ("2018", person(THREE, prior_level=FOUR, work_years=2.0, education="技工学校", school_level=MID), "not-met"),
    ("2018", person(THREE, prior_level=FOUR, work_years=2.0, education="技工学校"), "unclear"),  # which class?
    # 学徒: the sentence, not two characters
    ("2018", person(FIVE, work_years=0.5, condition="未满学徒期"), "not-met"),
    ("2018", person(FIVE, work_years=0.5, condition="本职业或相关职业学徒期满。"), "check"),
    # years after the certificate: the certificate's date, when given, beats total 工作年限
    ("2023", person(THREE, prior_level=FOUR, work_years=8.0, cert_date=dt.date(2025, 6, 1)), "not-met"),
    ("2023", person(THREE, prior_level=FOUR, work_years=8.0, cert_date=dt.date(2022, 6, 1)), "ok"),
    ("2023", person(THREE, prior_level=FOUR, work_years=3.0, cert_date=dt.date(2010, 6, 1)), "not-met"),
    # the old verdicts under 2018
    ("2018", person(FIVE, work_years=0.5), "not-met"),
    ("2018", person(FOUR, work_years=5.0), "not-met"),
    ("2018", person(FOUR, prior_level=FIVE, work_years=4.0), "ok"),
    ("2018", person(FOUR, prior_level=THREE, work_years=4.0), "ok"),  # a higher certificate also counts
    ("2018", person(TWO, prior_level=THREE, work_years=3.0), "not-met"),
    ("2018", person(ONE, prior_level=THREE, work_years=30.0), "not-met"),
    ("2018", person(THREE, work_years=20.0), "not-met"),
    ("2018", person(FOUR), "unclear"),  # no 工作年限 to decide on
    ("2018", person(FOUR, work_years=0.0, source=STUDENT), "unclear"),  # which school?
    ("2023", person(FOUR, work_years=0.0, source=STUDENT), "unclear"),
]


@pytest.mark.parametrize(("basis", "candidate", "expected"), WHY)
def test_the_cases_of_the_issue(basis, candidate, expected):
    assert verdict(candidate, plan_context(basis)) == expected


def test_blank_basis_is_2023_and_2018_is_the_old_template():
    candidate = person(FOUR, work_years=5.0)
    assert verdict(candidate, plan_context("")) == verdict(candidate, plan_context("2023")) == "ok"
    assert verdict(candidate, plan_context("2018年版")) == "not-met"


def test_what_to_check_is_named():
    finding = next(f for f in eligibility.check(person(THREE, education="大学本科"), plan_context())
                   if f.code == "eligibility-check")
    assert finding.params["check"] == ["check-assessed", "check-same-field"]  # 经评估论证 and 本专业或相关专业
    unsettled = next(f for f in eligibility.check(person(TWO, prior_level=THREE, school_level=PRE, source=STUDENT),
                                                  plan_context()) if f.code == "eligibility-check")
    assert unsettled.params["check"] == ["check-unsettled"]  # no text found for the 预备技师班 route


def test_proposed_sentence_is_the_official_one():
    assert propose(person(FIVE, work_years=3.0), plan_context()) == "年满16周岁，从事本职业或相关职业工作。"
    assert propose(person(FIVE), plan_context()) == "年满16周岁，拟从事本职业或相关职业工作。"
    assert propose(person(THREE, prior_level=FOUR, work_years=4.0), plan_context()) == (
        "取得本职业或相关职业四级/中级工职业资格（职业技能等级）证书后，累计从事本职业或相关职业工作满4年。")
    assert propose(person(FOUR, work_years=2.0), plan_context()) is None
    # a route with nothing to check is preferred to an earlier one that needs checking
    both = person(TWO, title_level="中级", prior_level=THREE, school_level=HIGH, work_years=2.0)
    assert propose(both, plan_context()) == RULES_2023[TWO][3].sentence


def test_blank_condition_gets_the_proposal_in_the_notes():
    found = {f.code: f.params for f in eligibility.check(person(FOUR, work_years=6.0), plan_context())}
    assert found["condition-proposed"]["sentence"] == "累计从事本职业或相关职业工作满5年。"


def test_typed_condition_the_data_contradicts_is_a_warning():
    candidate = person(FOUR, work_years=3.0, school_level=SECONDARY, condition="累计从事本职业或相关职业工作满5年")
    found = {f.code: f.params for f in eligibility.check(candidate, plan_context())}
    assert found["condition-contradicted"]["reason"] == [{"key": "route-years-short", "years": 3.0, "needed": 5}]
    assert "eligibility-not-met" not in found
    fine = candidate.model_copy(update={"work_years": 5.0})
    assert "condition-contradicted" not in {f.code for f in eligibility.check(fine, plan_context())}


@pytest.mark.parametrize(("text", "number"), [
    ("累计从事本职业或相关职业工作满5年。", 1),
    ("(1)累计从事本职业工作满5年", 1),
    ("取得本职业五级/初级工证书后，累计从事本职业工作满3年", 2),
    ("毕业证书", None),  # too little to name a route
    ("张三是好人", None),
])
def test_typed_text_names_a_route(text, number):
    found = named_route(RULES_2023[FOUR], text)
    assert (RULES_2023[FOUR].index(found) + 1 if found else None) == number


def test_override_keyed_on_the_plan_occupation_when_the_column_is_blank():
    ctx = plan_context(eligibility_overrides={"电工": {"": "2018"}})
    assert verdict(person(FOUR, work_years=5.0), ctx) == "not-met"  # 2018 for 电工 needs 6
    assert verdict(person(FOUR, work_years=5.0, applied_occupation="保育师"), ctx) == "ok"


def test_override_with_own_routes_for_one_level():
    easy = {FOUR: (eligibility.Route("本工种只需 2 年", years=2),)}
    ctx = plan_context(eligibility_overrides={"保育师": easy})
    candidate = person(FOUR, applied_occupation="保育师", work_years=2.0)
    assert verdict(candidate, ctx) == "ok"
    assert verdict(candidate.model_copy(update={"applied_occupation": "电工"}), ctx) == "not-met"
    assert verdict(person(THREE, applied_occupation="保育师", work_years=10.0), ctx) == "ok"  # other levels: 2023


def test_level_from_the_plan_when_the_column_is_blank():
    ctx = context(plan=Plan(level=ONE))
    assert verdict(person(""), ctx) == "not-met"
    assert verdict(person(""), context()) == "ok"  # nothing to check against without a plan


def test_certificate_anniversary_counts_in_full_years():
    route = RULES_2023[FOUR][1]
    on_the_day = person(FOUR, prior_level=FIVE, work_years=9.0, cert_date=EXAM.replace(year=EXAM.year - 3))
    assert evaluate(route, on_the_day, context()).holds
    leap = person(FOUR, prior_level=FIVE, work_years=9.0, cert_date=dt.date(2020, 2, 29))
    assert evaluate(route, leap, context(exam_date=dt.date(2023, 2, 28))).holds
    assert not evaluate(route, leap, context(exam_date=dt.date(2023, 2, 27))).holds


def test_a_student_is_asked_for_the_proof_of_enrolment():
    found = [f.code for f in eligibility.check(person(FOUR, source=STUDENT, school_level=SECONDARY), plan_context())]
    assert found[0] == "student-proof" and "eligibility-not-met" not in found
