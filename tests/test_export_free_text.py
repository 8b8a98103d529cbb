"""Free text leaves exactly as typed; 手机号码 leave as the system's 11 digits; 方案 phones may be landlines.

Every exported file is read back with openpyxl (the forms are written with XlsxWriter).
"""

import openpyxl
import pytest

from qzxl.export import package
from qzxl.layout import FIRST_DATA_ROW, FORMS, REGISTRATION, REGISTRATION_SYSTEM_COLUMNS
from qzxl.sample import generate_batch
from qzxl.sheets.intake import read_candidates
from qzxl.sheets.tables import TableData, TableRow
from usecases.export import ExportRefused, export_package

# Full-width comma, semicolon, colon, brackets, book-title marks, quotes, an ideographic space inside.
SENTENCE = "已初审，符合申报条件；《电工（中级）》“安全”培训：合格！　第【2】期"
CANDIDATE_TEXT = ("employer", "address", "condition")
PLAN_TEXT = ("review_status", "trainer", "textbook", "theory_place", "practice_place", "payer_bank", "class_name")


@pytest.fixture
def no_pdf(monkeypatch):
    monkeypatch.setattr(package, "libreoffice", lambda: None)


def all_strings(path):
    return [cell for ws in openpyxl.load_workbook(path).worksheets
            for row in ws.iter_rows(values_only=True) for cell in row if isinstance(cell, str)]


def test_full_width_text_round_trips_byte_for_byte_through_every_file(tmp_path, write_book, no_pdf):
    batch = generate_batch(3, mistakes=False)
    for key in PLAN_TEXT:
        batch.plan[key] = f"  {SENTENCE}{key}  "  # padding is trimmed, nothing else changes
    for person in batch.candidates:
        for key in CANDIDATE_TEXT:
            person[key] = f"　{SENTENCE}{key}"
    result = export_package(write_book(batch.plan, batch.candidates), tmp_path / "out")
    folder = result.folder
    expected = {
        "报名信息表.xlsx": CANDIDATE_TEXT,
        "职业技能等级认定申报表.xlsx": CANDIDATE_TEXT,
        "学员花名册.xlsx": ("employer",),  # 工作单位或联系地址
        "方案审批（备案）表.xlsx": ("review_status", "trainer", "textbook", "theory_place", "practice_place"),
        "缴费信息.xlsx": ("payer_bank",),
    }
    for name, keys in expected.items():
        strings = all_strings(folder / name)
        for key in keys:
            wanted = f"{SENTENCE}{key}".encode()
            assert any(wanted in s.encode() for s in strings), (name, key)
        assert not any("已初审," in s or "(中级)" in s for s in strings), name
    # the registration table cell holds the text exactly, not only somewhere within
    table = openpyxl.load_workbook(folder / FORMS["registration"].file).active
    condition = REGISTRATION_SYSTEM_COLUMNS.index(REGISTRATION.column("condition")) + 1
    assert table.cell(FIRST_DATA_ROW + 1, condition).value == f"{SENTENCE}condition"


def test_mobiles_are_exported_as_eleven_digits_and_plan_phones_as_typed(tmp_path, write_book, no_pdf):
    batch = generate_batch(3, mistakes=False)
    batch.candidates[0]["mobile"] = "138 5701 2235"
    batch.candidates[1]["mobile"] = "+86 138-5701-1234"
    batch.plan["contact_phone"] = "0570-3012345"
    batch.plan["payer_phone"] = "0570-3012345"
    result = export_package(write_book(batch.plan, batch.candidates), tmp_path / "out")
    tidied = sorted((i.row, i.code) for i in result.report.issues if i.column == "手机号码")
    assert tidied == [(3, "mobile-tidied"), (4, "mobile-tidied")]
    assert not [i for i in result.report.issues if i.sheet == "方案" and "电话" in (i.column or "")]
    table = openpyxl.load_workbook(result.folder / "报名信息表.xlsx").active
    assert [table.cell(r, 8).value for r in (5, 6)] == ["13857012235", "13857011234"]
    roster = openpyxl.load_workbook(result.folder / "学员花名册.xlsx").active
    assert [roster.cell(r, 10).value for r in (5, 6)] == ["13857012235", "13857011234"]
    forms = openpyxl.load_workbook(result.folder / "职业技能等级认定申报表.xlsx")
    form = forms.active  # every person on one sheet, a page each: the second form starts at its title row
    second = [c.row for c in form["A"] if c.value == FORMS["applications"].title][1]
    assert form.cell(second + 3, 4).value == "13857011234"  # 手机号码, right of 证件类型
    assert "0570-3012345" in all_strings(result.folder / "方案审批（备案）表.xlsx")
    assert "0570-3012345" in all_strings(result.folder / "缴费信息.xlsx")


def test_a_mobile_that_cannot_be_tidied_stops_the_export(tmp_path, write_book, no_pdf):
    batch = generate_batch(2, mistakes=False)
    batch.candidates[0]["mobile"] = "138 5701 223"
    with pytest.raises(ExportRefused) as refused:
        export_package(write_book(batch.plan, batch.candidates), tmp_path / "out")
    assert [i.code for i in refused.value.report.issues if i.is_error] == ["mobile-invalid"]


def test_a_control_character_is_an_error_naming_the_cell():
    # Excel stores U+0001 as _x0001_ and readers give it back as the character itself
    table = TableData("报名信息", 2, {"name": "A", "address": "M"},
                      [TableRow(3, {"name": "张三", "address": "衢州市\x01柯城区"})])
    candidates, issues = read_candidates(table)
    [issue] = issues
    assert (issue.code, issue.cell, issue.is_error) == ("text-xml-illegal", "M3", True)
    assert "\x01" not in issue.message and "衢州市□柯城区" in issue.message
    assert "address" in candidates[0].unreadable
