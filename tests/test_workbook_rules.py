"""Whole workbooks through reader and rules; reports compared flattened as [(sheet, row, column, code)]."""

import datetime as dt

import pytest
from conftest import EXAM

from qzxl.report import Issue
from qzxl.rules import check_workbook
from qzxl.sample import generate_batch
from qzxl.sheets.reader import read_workbook


def flat(report):
    return [(i.sheet, i.row, i.column, i.code) for i in report.sorted_issues()]


@pytest.fixture
def batch():
    return generate_batch(6, mistakes=False)


def plan_row(key):
    """The data workbook writes a title row, then one 方案 field a row in layout order."""
    from qzxl.layout import PLAN_FIELDS

    return 2 + [f.key for f in PLAN_FIELDS].index(key)


def check(path, **options):
    return check_workbook(read_workbook(path), today=dt.date(2026, 11, 24), **options).report


def test_a_clean_batch_has_no_issues(batch, write_book):
    assert flat(check(write_book(batch.plan, batch.candidates))) == []


def test_every_injected_mistake_is_reported_and_nothing_else(write_book):
    batch = generate_batch(30)
    report = check(write_book(batch.plan, batch.candidates))
    registration = [(row, column, code) for sheet, row, column, code in flat(report) if sheet == "报名信息"]
    from qzxl.layout import REGISTRATION

    expected = sorted((index + 3, REGISTRATION.column(key).header, code) for index, key, code in batch.mistakes)
    assert sorted(registration) == expected
    # the roster mirrors the sheet, so the ID stored as a number shows there too — and only that
    assert [code for sheet, *_, code in flat(report) if sheet != "报名信息"] == ["number-stored-id"]


def test_duplicate_id_is_an_error_on_both_rows(batch, write_book):
    batch.candidates[4]["id_number"] = batch.candidates[1]["id_number"]
    batch.candidates[4]["gender"] = batch.candidates[1]["gender"]
    batch.candidates[4]["birth_date"] = batch.candidates[1]["birth_date"]
    report = check(write_book(batch.plan, batch.candidates, roster=False))
    assert [(row, code) for _, row, _, code in flat(report)] == [(4, "id-duplicate"), (7, "id-duplicate")]
    assert "第 7 行" in report.sorted_issues()[0].message


def test_roster_must_list_the_same_people(batch, write_book, tmp_path):
    from qzxl.sheets.writer import roster_row

    path = write_book(batch.plan, batch.candidates)
    import openpyxl

    book = openpyxl.load_workbook(path)
    roster = book["花名册"]
    roster["B4"] = "错名"  # the second person's name differs (title row, header row, then people)
    roster.delete_rows(6)  # the fourth person is missing from the roster
    extra = roster_row(99, {**batch.candidates[0], "id_number": "11010519491231002X", "name": "李四"})
    roster.append(list(extra.values()))
    changed = tmp_path / "changed.xlsx"
    book.save(changed)
    assert [(s, r, c, code) for s, r, c, code in flat(check(changed))] == [
        ("报名信息", 6, "证件号码", "roster-missing"),
        ("花名册", 4, "姓名", "roster-mismatch"),
        ("花名册", 8, "身份证号码", "roster-extra"),
    ]


def test_plan_must_match_the_candidates(batch, write_book):
    batch.plan["headcount"] = 7
    batch.plan["payer_tax_id"] = batch.plan["payer_tax_id"][:17] + ("0" if batch.plan["payer_tax_id"][17] != "0" else "1")
    batch.candidates[2]["applied_occupation"] = "焊工"
    batch.candidates[3]["applied_level"] = "三级/高级工"
    batch.candidates[3]["prior_level"] = "四级/中级工"
    batch.plan["org"] = None
    report = check(write_book(batch.plan, batch.candidates))
    assert flat(report) == [
        ("报名信息", 5, "申报职业", "plan-occupation"),
        ("报名信息", 6, "申报等级", "plan-level"),
        ("方案", plan_row("org"), "申请机构", "plan-missing"),
        ("方案", plan_row("headcount"), "鉴定人数", "plan-headcount"),
        ("方案", plan_row("payer_tax_id"), "缴费单位税号", "tax-id-invalid"),
    ]


@pytest.mark.parametrize(
    ("tax_id", "reason", "words"),
    [("91330802MA2DEMO12", "tax-id-length", "应为 18 位"),
     ("91330802MA2DEMO1IX", "tax-id-format", "只能是数字和大写字母，且不含 I、O、Z、S、V")],
)
def test_tax_id_reasons(tax_id, reason, words):
    from qzxl.rules.cross_sheet import tax_id_problem

    assert tax_id_problem(tax_id) == reason
    message = Issue.create("tax-id-invalid", value=tax_id, params={"reason": reason}).message
    assert message == f"缴费单位税号「{tax_id}」不是有效的统一社会信用代码（{words}），请对照营业执照核对。"


def test_exam_date_from_the_command_line_wins(batch, write_book):
    young = dt.date(2011, 1, 1)
    first17 = f"330822{young:%Y%m%d}342"
    from qzxl.values.idnumber import check_digit

    batch.candidates[0].update(id_number=first17 + check_digit(first17), birth_date=young, gender="女")
    path = write_book(batch.plan, batch.candidates)
    assert "age-under-16" in [c for *_, c in flat(check(path))]
    assert "age-under-16" not in [c for *_, c in flat(check(path, exam_date=dt.date(2027, 6, 1)))]


def test_no_exam_date_is_a_warning(batch, write_book):
    batch.plan["exam_date"] = None
    report = check(write_book(batch.plan, batch.candidates))
    assert [(i.code, i.severity.value) for i in report.issues if i.code.startswith("exam")] == [
        ("exam-date-missing", "warning")
    ]
    assert "plan-missing" in [i.code for i in report.issues]


def test_exam_fixture_is_the_sample_exam_date():
    assert generate_batch(1).plan["exam_date"] == EXAM
