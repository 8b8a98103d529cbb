"""The one geometry (qzxl.layout) against the college's blank forms, and the writers that take it from there.

The expected headings and headers are typed from the process text
(shared/reference/application-process-and-forms.zh.txt), not copied from the layout.
"""

import datetime as dt

import openpyxl
import pytest

from qzxl.export import forms, package
from qzxl.layout import EXAMINERS, FORMS, REGISTRATION, REGISTRATION_SYSTEM_COLUMNS, REPORT_ISSUES, header_key
from qzxl.report import Issue, Report
from qzxl.sheets.models import Candidate, CandidateLookup, Plan

# The heading of each blank form in the process text (lines 31, 171, 290 and 372 of the reference copy).
BLANK_FORM_HEADINGS = {
    "plan": "衢州市职业技能等级认定方案审批（备案）表",
    "roster": "衢州市职业技能培训班学员花名册",
    "applications": "职业技能等级认定申报表",
    "registration": "职业技能等级认定报名信息表",
}


@pytest.mark.parametrize("key", sorted(BLANK_FORM_HEADINGS))
def test_each_form_carries_the_heading_of_its_blank_form(key):
    assert FORMS[key].title == BLANK_FORM_HEADINGS[key]


def test_the_system_columns_are_the_seed_columns_and_come_first():
    assert [c.header for c in REGISTRATION_SYSTEM_COLUMNS] == [
        "姓名", "证件类型", "证件号码", "性别", "出生日期", "民族", "文化程度", "手机号码", "考生来源", "所在单位",
        "工作年限", "原鉴定等级", "通讯地址", "电子邮箱", "申报条件"]
    assert REGISTRATION.columns[:len(REGISTRATION_SYSTEM_COLUMNS)] == REGISTRATION_SYSTEM_COLUMNS


def test_the_plan_form_prints_the_examiner_headers_as_the_blank_form_spells_them(tmp_path):
    path = tmp_path / "plan.xlsx"
    forms.write_plan_form(path, Plan(org="衢州市测试培训学校"), [], [{"name": "王五", "age": 45, "badge": "QZ-001"}],
                          today=dt.date(2026, 12, 1))
    ws = openpyxl.load_workbook(path).active
    header = next(r for r in ws.iter_rows() if r[0].value == "姓名")
    printed = [c.value for c in header if c.value]
    assert printed == ["姓名", "性别", "年龄", "所 在 单 位", "职务、职称\n或专长", "考评员\n胸卡号"]
    # the same headers as the workbook's 考评员简况 for the reader, which ignores spacing and line breaks
    assert [header_key(p) for p in printed] == [header_key(c.header) for c in EXAMINERS.columns]
    below = ws[header[0].row + 1]
    assert (below[0].value, below[2].value, below[6].value) == ("王五", "45", "QZ-001")


def test_the_report_puts_each_field_of_an_issue_under_its_own_header(tmp_path):
    report = Report(issues=[
        Issue.create("mobile-invalid", value="1385701", sheet="报名信息", cell="H5", column="手机号码"),
        Issue.create("photo-name", file="张三.jpg", candidate="张三"),
    ])
    path = tmp_path / "校验报告.xlsx"
    package._write_report(path, report, [])
    ws = openpyxl.load_workbook(path)[REPORT_ISSUES.sheet]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("级别", "表", "单元格", "列", "文件", "学员", "内容", "说明", "代码（技术支持用）")
    by_header = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    cell_issue = next(r for r in by_header if r["代码（技术支持用）"] == "mobile-invalid")
    assert (cell_issue["表"], cell_issue["单元格"], cell_issue["列"], cell_issue["内容"], cell_issue["文件"]) == (
        "报名信息", "H5", "手机号码", "1385701", "")
    file_issue = next(r for r in by_header if r["代码（技术支持用）"] == "photo-name")
    assert (file_issue["文件"], file_issue["学员"], file_issue["表"]) == ("张三.jpg", "张三", "")


def person(row, name, number):
    return Candidate(row=row, name=name, id_number=number)


def test_a_shared_name_finds_no_one_and_a_unique_name_finds_its_person():
    people = CandidateLookup([person(5, "张三", "330822199012153426"), person(6, "李四", "11010519491231002X"),
                              person(7, "张三", "330802198203226659")])
    assert people.named("张三") is None
    assert people.named("李四").row == 6
    assert people.named("王五") is None


def test_a_candidate_without_a_number_is_not_looked_up_and_a_repeated_number_keeps_the_last_row():
    people = CandidateLookup([person(5, "张三", "330822199012153426"), person(6, "李四", ""),
                              person(7, "张三丰", "330822199012153426")])
    assert list(people.by_id) == ["330822199012153426"]
    assert people.by_id["330822199012153426"].row == 7
    assert people.named("李四") is None
    assert CandidateLookup(None).by_id == {}
