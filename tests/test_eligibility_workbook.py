"""The clerk's choices read from the workbook: 申报条件依据 on 方案, the per-occupation table on 字典,
and 填写申报条件 writing into empty cells only (read back with openpyxl, not the engine's reader)."""

from __future__ import annotations

import datetime as dt

import openpyxl

from cli.commands import main
from qzxl.errors import CannotRun
from qzxl.layout import ELIGIBILITY_TABLE, OPTIONS_SHEET, REGISTRATION
from qzxl.rules import check_workbook
from qzxl.sample import generate_batch
from qzxl.sheets.reader import read_workbook
from udfs.file_port import FilePort
from udfs.runner import run_action

TODAY = dt.date(2026, 11, 24)
FIVE_YEARS = "累计从事本职业或相关职业工作满5年。"


def batch_of(*people: dict, basis: str = ""):
    """四级 candidates of a 电工 plan: the sample's valid people, 高中 and no certificate, with the cases' data."""
    batch = generate_batch(len(people), mistakes=False)
    batch.plan.update(occupation="电工", level="四级/中级工", eligibility_basis=basis, headcount=len(people))
    for candidate, changes in zip(batch.candidates, people, strict=True):
        candidate.update({"education": "高中", "prior_level": "无", **changes})
    return batch


def add_table(path, rows: list[dict[str, object]]) -> None:
    """The 字典 table typed by a clerk: its headers from the layout, to the right of the lists."""
    book = openpyxl.load_workbook(path)
    ws = book[OPTIONS_SHEET]
    first = ws.max_column + 2
    for offset, column in enumerate(ELIGIBILITY_TABLE.columns):
        ws.cell(1, first + offset, column.header)
        for row, values in enumerate(rows, start=2):
            ws.cell(row, first + offset, values.get(column.key))
    book.save(path)


def eligibility_codes(path) -> dict[int, set[str]]:
    report = check_workbook(read_workbook(path), today=TODAY).report
    found: dict[int, set[str]] = {}
    for issue in report.issues:
        if issue.sheet == REGISTRATION.sheet and issue.code.startswith(("eligibility", "condition")):
            found.setdefault(issue.row, set()).add(issue.code)
    return found


FIVE_YEAR_MAN = {"work_years": 5, "condition": FIVE_YEARS}


def test_default_is_2023_and_the_plan_can_choose_2018(write_book):
    assert eligibility_codes(write_book(batch_of(FIVE_YEAR_MAN).plan, batch_of(FIVE_YEAR_MAN).candidates)) == {}
    old = batch_of(FIVE_YEAR_MAN, basis="2018")
    assert eligibility_codes(write_book(old.plan, old.candidates, name="old.xlsx")) == {3: {"eligibility-not-met"}}


def test_plan_basis_off_the_list_is_reported(write_book):
    batch = batch_of(FIVE_YEAR_MAN, basis="新版")
    report = check_workbook(read_workbook(write_book(batch.plan, batch.candidates)), today=TODAY).report
    assert [i.column for i in report.issues if i.code == "option-unknown"] == ["申报条件依据"]


def test_table_on_the_options_sheet_uses_2018_for_one_occupation(write_book):
    batch = batch_of(FIVE_YEAR_MAN, {**FIVE_YEAR_MAN, "applied_occupation": "电工"})
    book = write_book(batch.plan, batch.candidates)
    add_table(book, [{"occupation": "电工", "basis": "2018"}])
    # the first row has 申报职业 blank: the 方案 工种 (电工) is its occupation
    assert eligibility_codes(book) == {3: {"eligibility-not-met"}, 4: {"eligibility-not-met"}}


def test_table_with_own_routes_for_one_level(write_book):
    batch = batch_of({"work_years": 2, "condition": "本工种从业满2年"}, {"work_years": 1, "condition": ""})
    book = write_book(batch.plan, batch.candidates)
    add_table(book, [{"occupation": "电工", "level": "四级", "sentence": "本工种从业满2年", "years": 2}])
    assert eligibility_codes(book) == {4: {"eligibility-not-met"}}


BAD_ROWS = [  # (row typed on 字典, the column the issue points at)
    ({"occupation": "电工", "basis": "2020"}, "条件依据"),
    ({"occupation": "电工", "level": "特级", "basis": "2018"}, "适用等级"),
    ({"occupation": "电工"}, "自定申报条件"),
    ({"occupation": "电工", "level": "四级/中级工", "sentence": "满两年", "years": "两年"}, "累计工作年限"),
    ({"level": "四级/中级工", "basis": "2018"}, "申报条件职业"),
]


def test_unusable_table_rows_are_reported_where_they_are(write_book):
    batch = batch_of(FIVE_YEAR_MAN)
    book = write_book(batch.plan, batch.candidates)
    add_table(book, [row for row, _ in BAD_ROWS])
    report = check_workbook(read_workbook(book), today=TODAY).report
    found = [(i.sheet, i.column, i.row) for i in report.issues if i.code == "eligibility-table-unreadable"]
    assert found == [(OPTIONS_SHEET, column, row) for row, (_, column) in enumerate(BAD_ROWS, start=2)]
    assert eligibility_codes(book) == {}  # the candidate is still checked, by the 方案's 2023


def test_fill_conditions_writes_empty_cells_only(write_book, tmp_path):
    typed = "我自己写的条件"
    batch = batch_of({"work_years": 7, "condition": ""}, {"work_years": 7, "condition": typed},
                     {"work_years": 1, "condition": ""}, {"work_years": 0, "prior_level": "五级/初级工",
                                                          "school_level": "中等职业学校", "condition": ""})
    book = write_book(batch.plan, batch.candidates)
    port = FilePort(book, tmp_path / "filled.xlsx", answer=True)
    assert run_action("fill_conditions", port, TODAY)
    assert port.messages[0].startswith("将在 2 个")  # asked first, naming the count
    port.save()
    sheet = openpyxl.load_workbook(tmp_path / "filled.xlsx")[REGISTRATION.sheet]
    letter = next(c.column_letter for c in sheet[2] if c.value == "申报条件")
    assert [sheet[f"{letter}{row}"].value for row in range(3, 7)] == [
        FIVE_YEARS, typed, None,
        "取得本专业或相关专业的技工院校或中等及以上职业院校、专科及以上普通高等学校毕业证书（含在读应届毕业生）。"]


def test_fill_conditions_asks_and_does_nothing_on_no(write_book, tmp_path):
    batch = batch_of({"work_years": 7, "condition": ""})
    port = FilePort(write_book(batch.plan, batch.candidates), answer=False)
    assert run_action("fill_conditions", port, TODAY)
    assert port.messages[-1].startswith("将在 1 个") and len(port.messages) == 1


def test_cli_action_keeps_a_backup_and_validate_stays_read_only(write_book):
    batch = batch_of({"work_years": 7, "condition": ""})
    book = write_book(batch.plan, batch.candidates)
    before = book.read_bytes()
    assert main(["validate", str(book)]) == 1  # the empty 申报条件 is still an error
    assert book.read_bytes() == before
    assert main(["action", "fill_conditions", str(book)]) == 3  # asked, no terminal to answer: nothing written
    assert book.read_bytes() == before
    assert main(["action", "fill_conditions", "--yes", str(book)]) == 0
    (backup,) = book.parent.glob("book.备份-*.xlsx")
    assert backup.read_bytes() == before
    sheet = openpyxl.load_workbook(book)[REGISTRATION.sheet]
    assert FIVE_YEARS in [c.value for row in sheet.iter_rows() for c in row]


def test_validate_notes_show_the_proposal(write_book):
    batch = batch_of({"work_years": 7, "condition": ""})
    report = check_workbook(read_workbook(write_book(batch.plan, batch.candidates)), today=TODAY).report
    proposed = [i for i in report.issues if i.code == "condition-proposed"]
    assert len(proposed) == 1 and FIVE_YEARS in proposed[0].message and proposed[0].column == "申报条件"


def test_fill_conditions_stops_without_the_column(write_book):
    batch = batch_of({"work_years": 7, "condition": ""})
    book = write_book(batch.plan, batch.candidates)
    workbook = openpyxl.load_workbook(book)
    sheet = workbook[REGISTRATION.sheet]
    sheet.delete_cols(next(c.column for c in sheet[2] if c.value == "申报条件"))
    workbook.save(book)
    port = FilePort(book, answer=True)
    assert not run_action("fill_conditions", port, TODAY)
    assert port.messages == [str(CannotRun("run-conditions-no-column", sheet=REGISTRATION.sheet))]
