"""Worksheet functions for Excel (xlwings UDFs, category 技能认定): thin wrappers over qzxl.worksheet.

Every function takes a whole column and returns a column, so a table costs
Excel one call to Python. On Linux the decorators only record metadata; the
functions stay plain Python and are tested as such.
"""

from __future__ import annotations

import xlwings as xw

from qzxl import worksheet

CATEGORY = "技能认定"


@xw.func(category=CATEGORY)
@xw.arg("exam_date", doc="考试日期")
@xw.ret(expand="table")
def QZ_SCHEDULE(exam_date):  # noqa: N802 — Excel function names are upper case
    """由考试日期得出全部截止日期和系统时间节点（两列：事项、日期）。"""
    return worksheet.schedule_table(exam_date)


@xw.func(category=CATEGORY)
@xw.arg("exam_dates", ndim=2, doc="考试日期（可选一整列）")
@xw.arg("which", doc="electronic_materials / plan_filing / paper_materials，或 提交电子材料 / 方案审批 / 提交纸质材料")
def QZ_DEADLINE(exam_dates, which):  # noqa: N802
    """某一截止日期：开考前 20/15/7 天，遇节假日提前到最近的工作日。"""
    return worksheet.deadline(exam_dates, which)


@xw.func(category=CATEGORY)
@xw.arg("dates", ndim=2, doc="日期（可选一整列）")
def QZ_WORKDAY(dates):  # noqa: N802
    """当天或之前最近的工作日（含调休上班日）。"""
    return worksheet.latest_workday(dates)


@xw.func(category=CATEGORY)
@xw.arg("id_numbers", ndim=2, doc="证件号码（可选一整列）")
def QZ_ID_CHECK(id_numbers):  # noqa: N802
    """证件号码有问题时返回说明，正确时返回空。"""
    return worksheet.id_check(id_numbers)


@xw.func(category=CATEGORY)
@xw.arg("id_numbers", ndim=2, doc="证件号码（可选一整列）")
def QZ_ID_BIRTH(id_numbers):  # noqa: N802
    """证件号码中的出生日期。"""
    return worksheet.id_birth_date(id_numbers)


@xw.func(category=CATEGORY)
@xw.arg("id_numbers", ndim=2, doc="证件号码（可选一整列）")
def QZ_ID_GENDER(id_numbers):  # noqa: N802
    """证件号码表示的性别。"""
    return worksheet.id_gender(id_numbers)


@xw.func(category=CATEGORY)
@xw.arg("id_numbers", ndim=2, doc="证件号码（可选一整列）")
@xw.arg("on_date", doc="按哪一天计算，一般为考试日期")
def QZ_ID_AGE(id_numbers, on_date):  # noqa: N802
    """按某一天计算的周岁。"""
    return worksheet.id_age(id_numbers, on_date)


@xw.func(category=CATEGORY)
@xw.arg("id_numbers", ndim=2, doc="证件号码（可选一整列）")
@xw.arg("names", ndim=2, doc="姓名（与证件号码同样多行）")
def QZ_PHOTO_NAME(id_numbers, names):  # noqa: N802
    """照片应有的文件名：身份证号+姓名.jpg。"""
    return worksheet.photo_name(id_numbers, names)


@xw.func(category=CATEGORY)
@xw.arg("headers", ndim=2, doc="报名信息的表头行")
@xw.arg("rows", ndim=2, doc="报名信息的人员行（与表头同样多列）")
@xw.arg("level", doc="方案的鉴定等级（申报等级留空的行用它）")
@xw.arg("basis", doc="申报条件依据：2023 或 2018，空白为 2023")
@xw.arg("on_date", doc="考试日期：取证后的年限算到这一天")
def QZ_CONDITION(headers, rows, level, basis, on_date):  # noqa: N802
    """按表中信息符合的申报条件官方表述（每行一条）。"""
    return worksheet.condition_sentence(headers, rows, level, basis, on_date)


# Every UDF, for the build (which writes their VBA wrappers) and the contract tests.
UDFS = (QZ_SCHEDULE, QZ_DEADLINE, QZ_WORKDAY, QZ_ID_CHECK, QZ_ID_BIRTH, QZ_ID_GENDER, QZ_ID_AGE, QZ_PHOTO_NAME,
        QZ_CONDITION)
