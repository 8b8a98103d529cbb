"""Worksheet functions as plain Python: one call answers a whole column, bad cells get a message."""

import datetime as dt

from qzxl.dates.schedule import deadlines, full_schedule
from qzxl.worksheet import deadline, latest_workday, schedule_table

D = dt.date


def test_latest_workday_keeps_the_shape_of_a_column():
    assert latest_workday("2026-10-04") == D(2026, 9, 30)
    assert latest_workday(["2026-10-04", "2026-10-10"]) == [D(2026, 9, 30), D(2026, 10, 10)]
    assert latest_workday([[D(2026, 11, 21)], [None]]) == [[D(2026, 11, 20)], ["「」不是日期"]]


def test_deadline_by_key_or_chinese_name_matches_the_engine():
    exams = [[D(2026, 10, 20)], [D(2026, 12, 18)]]
    expected = [[{i.key: i.date for i in deadlines(e[0])}["plan_filing"]] for e in exams]
    assert deadline(exams, "plan_filing") == expected
    assert deadline(exams, "方案审批") == expected
    assert "没有名为" in deadline(exams, "明天")


def test_schedule_table_is_one_two_column_array():
    table = schedule_table(D(2026, 12, 18))
    assert [row[1] for row in table] == [item.date for item in full_schedule(D(2026, 12, 18))]
    assert all(len(row) == 2 for row in table)
    assert schedule_table("abc") == [["「abc」不是日期", ""]]
