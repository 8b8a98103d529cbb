"""What the clerk reads is Chinese they can act on: whole numbers as typed, file names they can find."""

import datetime as dt

from qzxl.rules import validate_workbook
from qzxl.sample import generate_batch
from qzxl.sheets.reader import read_workbook

TODAY = dt.date(2026, 11, 24)


def test_a_whole_number_is_said_as_typed(write_book):
    batch = generate_batch(3, mistakes=False)
    batch.plan["headcount"] = 25  # Excel keeps every number as a float: it comes back as 25.0
    report = validate_workbook(read_workbook(write_book(batch.plan, batch.candidates)), today=TODAY)
    (issue,) = [i for i in report.issues if i.code == "plan-headcount"]
    assert issue.message == "方案的鉴定人数为 25，但报名信息中有 3 人，请改成一致。"
    assert issue.value == "25"


def test_a_fraction_is_kept(write_book):
    batch = generate_batch(3, mistakes=False)
    batch.plan["headcount"] = 2.5
    report = validate_workbook(read_workbook(write_book(batch.plan, batch.candidates)), today=TODAY)
    assert any("鉴定人数为 2.5，" in i.message for i in report.issues)
