"""Worksheet functions as plain Python: one call answers a whole column, bad cells get a message."""

import datetime as dt

from qzxl.dates.schedule import deadlines, full_schedule
from qzxl.worksheet import condition_sentence, deadline, latest_workday, schedule_table

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


CONDITION_HEADERS = [["姓名", "申报等级", "工作年限", "原鉴定等级", "原等级发证日期", "毕业院校类别", "考生来源"]]


def test_condition_sentence_per_row_as_excel_passes_ranges():
    rows = [["张三", "四级/中级工", 6, "无", None, None, "企业"],
            ["李四", "", 3, "五级/初级工", None, None, "企业"],  # 申报等级 blank: the level argument
            ["王五", "三级/高级工", 8, "四级/中级工", dt.date(2025, 6, 1), None, "企业"],  # certificate too recent
            ["赵六", "四级/中级工", None, "无", None, None, "企业"],
            [None, None, None, None, None, None, None]]
    assert condition_sentence(CONDITION_HEADERS, rows, "四级/中级工", "", "2026-12-18") == [
        ["累计从事本职业或相关职业工作满5年。"],
        ["取得本职业或相关职业五级/初级工职业资格（职业技能等级）证书后，累计从事本职业或相关职业工作满3年。"],
        ["不满足「三级/高级工」的任何一条申报条件，请点「校验」查看各条。"],
        ["无法确认申报条件：工作年限未填。"],
        [""],
    ]


def test_condition_sentence_follows_the_basis():
    rows = [["张三", "四级/中级工", 6, "无", None, None, "企业"], ["李四", "四级/中级工", 5, "无", None, None, "企业"]]
    assert condition_sentence(CONDITION_HEADERS, rows, "", "2018", None) == [
        ["累计从事本职业或相关职业工作6年（含）以上。"], ["不满足「四级/中级工」的任何一条申报条件，请点「校验」查看各条。"]]
    assert condition_sentence(CONDITION_HEADERS, rows, "", "新版", None) == [
        ["申报条件依据「新版」无法识别，请填 2023 或 2018。"]] * 2
