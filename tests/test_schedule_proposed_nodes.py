"""The proposed system nodes: on working days, every period long enough, 报名截止 by the 提交电子材料 deadline.

Working days are checked with ``chinese_calendar`` itself (the State Council's published arrangements) where a
year is published, and for an estimated year against the regulation's own fixed days off and weekends, not
through the code that proposes the nodes.
"""

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.examples import examples

from qzxl.dates.schedule import NODE_KEYS, node_items, propose_nodes
from qzxl.dates.workdays import Override, WorkCalendar
from usecases.schedule import exam_schedule

D = dt.date
EXAM_DAY = {"ticket_end", "exam"}  # the exam date itself, by the college's rule (准考证下载结束时间和考试同一天)
# 全国年节及纪念日放假办法 (2024): the days off that fall on a fixed solar date every year
FIXED_DAYS_OFF = {(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)}


def published_workday(date):
    return chinese_calendar.is_workday(date)


def latest_published_workday(date):
    while not published_workday(date):
        date -= dt.timedelta(days=1)
    return date


def days(start, end):
    return (end - start).days + 1


def test_the_issue_s_january_exam():
    """Exam Sat 2027-01-23: 提交电子材料 nominally Sun 01-03, after 元旦 (01-01) and a weekend: Thu 2026-12-31."""
    nodes = propose_nodes(D(2027, 1, 23))
    assert nodes["registration_end"] <= D(2026, 12, 31)
    assert {nodes[key] for key in NODE_KEYS} & {D(2027, 1, 1), D(2027, 1, 2), D(2027, 1, 3)} == set()
    assert (nodes["registration_end"], nodes["review_end"], nodes["reg_publicity_start"]) == (
        D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31))
    assert (nodes["reg_publicity_end"], nodes["ticket_start"]) == (D(2027, 1, 12), D(2027, 1, 13))  # Tue, Wed
    assert nodes["ticket_end"] == nodes["exam"] == D(2027, 1, 23)  # a Saturday, as the college set it


@settings(max_examples=examples(150), deadline=None)
@given(st.dates(D(2025, 2, 1), D(2026, 12, 1)))
def test_published_years_every_node_on_a_working_day_and_every_rule_kept(exam):
    nodes = propose_nodes(exam)
    for key in set(NODE_KEYS) - EXAM_DAY:
        if nodes[key].year <= 2026:
            assert published_workday(nodes[key]), (key, nodes[key])
    ordered = [nodes[key] for key in NODE_KEYS]
    assert ordered == sorted(ordered)
    assert nodes["ticket_end"] == nodes["exam"] == exam
    assert days(nodes["reg_publicity_start"], nodes["reg_publicity_end"]) >= 10
    assert days(nodes["ticket_start"], exam) >= 10
    assert days(nodes["score_publicity_start"], nodes["score_publicity_end"]) >= 10
    assert nodes["score_publicity_start"] > exam
    assert nodes["registration_end"] <= latest_published_workday(exam - dt.timedelta(days=20))


@settings(max_examples=examples(100), deadline=None)
@given(st.dates(D(2027, 2, 1), D(2028, 12, 31)))
def test_estimated_years_only_certain_working_days(exam):
    nodes = propose_nodes(exam)
    for key in set(NODE_KEYS) - EXAM_DAY:
        date = nodes[key]
        if date.year >= 2027:
            assert date.weekday() < 5 and (date.month, date.day) not in FIXED_DAYS_OFF, (key, date)
    assert nodes["registration_end"] <= exam - dt.timedelta(days=20)
    assert days(nodes["reg_publicity_start"], nodes["reg_publicity_end"]) >= 10


def test_estimated_years_avoid_the_possible_national_day_break():
    """Exam Thu 2027-10-28: 报名公示 would start on 10-07, the last possible day of the 2027 break."""
    nodes = propose_nodes(D(2027, 10, 28))
    assert all(not D(2027, 10, 1) <= nodes[key] <= D(2027, 10, 8) for key in NODE_KEYS)
    assert nodes["reg_publicity_start"] == D(2027, 9, 30)


def test_the_workbook_s_own_days_off_are_kept_free():
    exam = D(2026, 12, 18)
    usual = propose_nodes(exam)
    off = {usual["ticket_start"]: Override(False, "单位放假"), usual["registration_end"]: Override(False)}
    nodes = propose_nodes(exam, WorkCalendar(off))
    assert nodes["ticket_start"] == usual["ticket_start"] - dt.timedelta(days=1)
    assert nodes["registration_end"] < usual["registration_end"]
    assert not set(off) & set(nodes.values())


def test_the_readme_example_date():
    """README's example (exam Fri 2026-12-18): no node but the exam's own on a weekend."""
    nodes = propose_nodes(D(2026, 12, 18))
    assert all(published_workday(nodes[key]) for key in NODE_KEYS if nodes[key].year == 2026)
    assert nodes["reg_publicity_end"] == D(2026, 12, 7)  # a Monday; it was Sat 12-05 before


@pytest.mark.parametrize("exam", [D(2027, 1, 23), D(2027, 5, 15)])
def test_the_estimate_mark_names_the_year_and_never_the_exam_date(exam):
    items = {item.key: item for item in node_items(propose_nodes(exam))}
    assert items["exam"].title == "考试时间" and items["ticket_end"].title == "准考证下载结束时间"
    assert items["ticket_start"].title == "准考证下载开始时间（按 2027 年预估的放假安排）"


def test_the_proposed_schedule_of_the_cli_is_the_same():
    result = exam_schedule(D(2027, 1, 23), today=D(2026, 12, 7))
    shown = {item.key: item.date for item in result.items}
    assert {key: shown[key] for key in NODE_KEYS} == propose_nodes(D(2027, 1, 23))
