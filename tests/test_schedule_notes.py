"""Why a date of the schedule is where it is, as the clerk reads it: written out by hand from the calendar.

The process text: electronic materials 开考前20天, the plan to 人社 提前15天, paper materials 提前7天; the ten system
nodes in step 4, the publicity periods 不少于10天.
"""

from __future__ import annotations

import datetime as dt

from qzxl.dates.schedule import check_nodes, checklist, deadlines, propose_nodes
from qzxl.report import Issue


def test_a_deadline_on_a_saturday_moves_to_the_friday():
    # exam Saturday 2026-12-19: seven days before is Saturday 12-12
    paper = {item.key: item for item in deadlines(dt.date(2026, 12, 19))}["paper_materials"]
    assert paper.date == dt.date(2026, 12, 11)
    assert paper.reason == "12-12 是周六，提前到 12-11（周五）"


def test_a_deadline_on_a_holiday_names_the_holiday_and_its_weekday():
    # exam 2026-10-20: fifteen days before is Monday 10-05, inside the 国庆节 break (10-01 to 10-07)
    filing = {item.key: item for item in deadlines(dt.date(2026, 10, 20))}["plan_filing"]
    assert filing.reason == "10-05（周一）是国庆节，提前到 09-30（周三）"


def test_the_steps_say_which_node_dates_them_and_which_the_text_leaves_open():
    exam = dt.date(2026, 12, 18)
    typed = {item.key: item.reason for item in checklist(exam, propose_nodes(exam))}
    assert typed["step_4"] == "按「报名时间」"
    assert typed["step_9"] == "按「成绩公示结束时间」"
    assert typed["step_3"] == typed["step_5"] == typed["step_10"] == "流程文本未给出期限"
    blank = {item.key: item.reason for item in checklist(exam, {})}
    assert blank["step_7"] == "「准考证下载开始时间」未定"


def test_a_short_publicity_period_counts_both_end_days():
    exam = dt.date(2026, 12, 18)
    nodes = {**propose_nodes(exam), "reg_publicity_end": dt.date(2026, 11, 30)}
    nodes["reg_publicity_start"] = dt.date(2026, 11, 22)  # 22nd to 30th: nine days
    finding = next(f for f in check_nodes(nodes, exam) if f.code == "schedule-publicity-short")
    issue = Issue.create(finding.code, params=finding.params, column="报名公示截止时间")
    assert issue.message == "报名公示只有 9 天（含首尾两天），至少要 10 天，请推后「报名公示截止时间」。"
