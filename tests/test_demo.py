"""`qzxl demo`: the whole job end to end; every deliberate mistake is reported and nothing else is wrong."""

import datetime as dt
from collections import Counter

import openpyxl
import pdfplumber
import pytest
from pypdf import PdfReader

from cli.commands import main
from cli.demo import run_demo
from qzxl.layout import REGISTRATION, SCORES_SHEET
from qzxl.values.privacy import mask_id
from udfs.file_port import FilePort
from udfs.runner import run_action

TODAY = dt.date(2026, 11, 24)
pytestmark = [pytest.mark.slow, pytest.mark.libreoffice]  # the demo builds a workbook, fixes 30 photos and prints PDFs through LibreOffice


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return run_demo(tmp_path_factory.mktemp("run") / "qzxl-demo", today=TODAY)


def test_every_deliberate_mistake_is_reported_where_it_was_made(demo):
    found = sorted((i.row, i.column, i.code) for i in demo.report.issues if i.sheet == "报名信息")
    expected = sorted((index + 5, REGISTRATION.column(key).header, code) for index, key, code in demo.batch.mistakes)
    assert found == expected


def test_photo_and_attachment_problems_are_the_planted_ones(demo):
    """The export's report: what it fixed in the package is a warning, what it cannot fix is listed."""
    people = demo.batch.candidates
    by_candidate = Counter((i.code, i.candidate.split(" ")[-1]) for i in demo.report.issues if i.file is not None)
    # people[0]'s ID has a wrong check digit, and their photo is named with that same number: it is matched
    assert by_candidate == Counter({
        ("photo-fixed", people[2]["name"]): 1,  # rotated: turned upright in the package
        ("photo-fixed", people[5]["name"]): 1,  # a PNG named .jpg: re-encoded
        ("photo-background", people[8]["name"]): 1,
        ("photo-missing", people[11]["name"]): 1,
        ("attachment-to-add", people[14]["name"]): 1,  # at the export: a warning that lists what to add
    })


def test_nothing_else_is_wrong(demo):
    others = [(i.code, i.row) for i in demo.report.issues if i.sheet not in ("报名信息",) and i.file is None]
    # the file port caches the 花名册's results, so it is checked: the ID Excel stored as a number shows there as
    # Excel would show it (3.30822199012153E+17), not matching 报名信息 — the only other finding
    stored = next(index for index, _, code in demo.batch.mistakes if code == "number-stored-id")
    # and people[6] sent only the 人像面 of their ID card
    assert sorted(others, key=str) == sorted([("roster-extra", stored + 5), ("export-idcopy-not-made", None)], key=str)
    (listed,) = [i for i in demo.report.issues if i.code == "export-idcopy-not-made"]
    assert listed.message.startswith("1 人") and demo.batch.candidates[6]["name"] in listed.message


def test_the_phone_photos_of_id_cards_become_true_size_copies(demo):
    """Candidates 0–8 sent phone photos (9 has no usable ID number, 6 only the 人像面); the rest a PDF copy."""
    people = demo.batch.candidates
    attachments = demo.export.folder / "附件"
    composed = [i for i in range(9) if i != 6]
    for index in composed:
        copy = attachments / f"{people[index]['id_number']}{people[index]['name']}_身份证复印件.pdf"
        with pdfplumber.open(copy) as pdf:
            assert len(pdf.pages[0].images) == 2
    assert (attachments / f"{people[6]['id_number']}{people[6]['name']}_身份证复印件.jpg").is_file()
    assert not list(attachments.glob("*身份证复印件_2.pdf"))
    assert len(PdfReader(demo.export.folder / "身份证复印件（全部）.pdf").pages) == len(composed)
    beside = demo.folder / "身份证复印件"  # the 身份证复印件 button's own folder, beside the workbook
    assert len(list(beside.glob("*_身份证复印件.pdf"))) == len(composed)


def test_the_workbook_is_marked_and_the_package_is_complete(demo):
    book = openpyxl.load_workbook(demo.book)
    marked = {c.coordinate for row in book["报名信息"].iter_rows() for c in row if c.comment}
    assert len(marked) == len(demo.batch.mistakes)
    names = {p.name for p in demo.export.folder.iterdir()}
    assert {"方案审批（备案）表.xlsx", "学员花名册.xlsx", "报名信息表.xlsx", "职业技能等级认定申报表.xlsx", "缴费信息.xlsx",
            "校验报告.xlsx", "manifest.json", "照片", "照片.zip", "附件"} <= names
    assert (demo.folder / "照片-已修复").is_dir()
    # everyone but the one without a photo and the one whose ID Excel stored as a number
    assert len(list((demo.export.folder / "照片").glob("*.jpg"))) == len(demo.batch.candidates) - 2


def test_the_demo_makes_the_exam_kit_beside_the_workbook(demo):
    assert demo.kit.folder == demo.folder / f"考务材料_{demo.batch.plan['exam_date'].isoformat()}"
    assert len(list((demo.kit.folder / "PDF").glob("*.pdf"))) == 4
    seated = [seat.name for room in demo.kit.seating.rooms if room.session.subject == "理论" for seat in room.seats]
    assert seated == [person["name"] for person in demo.batch.candidates]
    missing = [dict(issue.params)["name"] for issue in demo.kit.report.issues if issue.code == "examkit-photo-missing"]
    assert demo.batch.candidates[11]["name"] in missing  # the demo's candidate without a photo


def test_ids_in_the_demo_output_are_masked_where_they_are_not_submitted(demo):
    report = openpyxl.load_workbook(demo.export.folder / "校验报告.xlsx")["问题"]
    text = " ".join(str(v) for row in report.iter_rows(values_only=True) for v in row if v)
    for person in demo.batch.candidates:
        if isinstance(person["id_number"], str):
            assert person["id_number"] not in text
    assert mask_id(demo.batch.candidates[1]["id_number"])[:4] in text


def test_demo_refuses_a_folder_it_did_not_make(tmp_path, capsys):
    (tmp_path / "mine.txt").write_text("x")
    assert main(["demo", str(tmp_path)]) == 2
    assert "不是示例文件夹" in capsys.readouterr().err


def test_validating_the_demo_workbook_again_clears_and_remarks(demo, tmp_path):
    """The second run reads the results sheet of the first, photo rows (no cell) included."""
    copy = tmp_path / "again.xlsm"
    port = FilePort(demo.book, copy)
    assert run_action("validate", port, TODAY)
    port.save()
    marked = {c.coordinate for row in openpyxl.load_workbook(copy)["报名信息"].iter_rows() for c in row if c.comment}
    assert len(marked) == len(demo.batch.mistakes)


def test_fix_photos_then_the_results_sheet_still_lists_the_missing_photo_and_the_errors(demo, tmp_path):
    """Issue 24, done-when (c): after 修复照片 校验结果 keeps the missing photo and the workbook's errors."""
    copy = tmp_path / "修复后.xlsm"
    assert main(["action", "fix_photos", "--yes", str(demo.book), "--out", str(copy)]) == 1
    sheet = openpyxl.load_workbook(copy, read_only=True)["校验结果"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("照片修复（")
    codes = Counter(row[-1] for row in rows[2:] if row and row[-1])
    people = demo.batch.candidates
    assert codes["photo-missing"] == 1 and any(people[11]["name"] in str(row[2]) for row in rows[2:]
                                               if row[-1] == "photo-missing")
    assert codes["attachment-missing"] >= 1  # the missing 学历证书
    registration = Counter((row[2], row[-1]) for row in rows[2:] if row[1] == "报名信息")
    assert sum(registration.values()) == len(demo.batch.mistakes)
    assert "photo-rotated" not in codes and "photo-format" not in codes  # fixed in the copy: gone
    marked = {c.coordinate for row in openpyxl.load_workbook(copy)["报名信息"].iter_rows() for c in row if c.comment}
    assert len(marked) == len(demo.batch.mistakes)


def test_validate_clear_marks_validate_on_the_demo_workbook_keeps_every_mark(demo, tmp_path, capsys):
    """Issue 24 (a): the third step used to end in 出现意外错误 (the notes drawing of the cleared sheet gone)."""
    import shutil
    import zipfile

    from support import excel_checks

    folder = shutil.copytree(demo.folder, tmp_path / "qzxl-demo")
    book = folder / demo.book.name

    def marks() -> dict[str, set[str]]:
        workbook = openpyxl.load_workbook(book)
        return {ws.title: {c.coordinate for row in ws.iter_rows() for c in row if c.comment}
                for ws in workbook.worksheets}

    def sound() -> bool:
        with zipfile.ZipFile(book) as archive:
            return excel_checks.package_problems(archive) == []

    assert main(["action", "validate", str(book)]) == 1 and sound()
    first = marks()
    assert main(["action", "clear_marks", str(book), "--yes"]) == 0 and sound()
    assert not any(marks().values())
    assert main(["action", "validate", str(book)]) == 1 and sound()
    # 校验's marks come back; the 成绩 sheet's are 导入成绩's, cleared too and back when the scores are judged again
    assert marks() == {**first, SCORES_SHEET: set()} and len(first[REGISTRATION.sheet]) == len(demo.batch.mistakes)
    assert first[SCORES_SHEET]
    assert main(["scores", "--book", str(book)]) == 0 and sound()
    rejudged = marks()
    # judged again from the sheet: the verdict disagreement comes back; a match by 姓名 alone was said at the import
    assert rejudged == {**first, SCORES_SHEET: rejudged[SCORES_SHEET]} and rejudged[SCORES_SHEET] < first[SCORES_SHEET]
    assert "出现意外错误" not in capsys.readouterr().err


def test_the_demo_ends_after_the_exam(demo):
    after = demo.after_exam
    sheet = openpyxl.load_workbook(demo.book)["成绩"]
    names = [sheet.cell(row, 2).value for row in range(5, 5 + len(demo.batch.candidates))]
    assert names == [p["name"] for p in demo.batch.candidates]
    assert after.scores.report.errors == 0 and after.retakers == after.scores.counts()["retake"] > 0
    retake = openpyxl.load_workbook(after.retake)["报名信息"]
    assert sum(1 for row in range(5, 40) if retake.cell(row, 1).value) == after.retakers
    assert after.archive.zip.is_file() and after.archive.missing == []
    assert {e.kind for e in after.archive.entries} == {"申报材料", "考务材料", "成绩", "工作簿"}
    assert (after.lists / "成绩通知.csv").read_bytes().startswith(b"\xef\xbb\xbf")
