"""Students and candidates with no working years: their 申报表, their attachment advice, their reminder.

The college's process text (step 1): 在校生无毕业证书需提供在校生证明. Its 申报表 has one paragraph, 本职业工作年限
证明, with blanks for the unit: 申报人 ___ 在本单位 ___ 岗位工作，已满 ___ 年 … (单位盖章).
"""

import re

import openpyxl
import pytest

from qzxl.export import package
from qzxl.export.forms import proven_years
from qzxl.layout import FORMS
from qzxl.photos.attachments import check_attachments
from qzxl.photos.samples import jpeg_bytes, pdf_bytes, portrait
from qzxl.sample import generate_batch
from qzxl.sheets.models import Candidate
from qzxl.sheets.reader import read_workbook
from usecases.export import export_package
from usecases.validate import validate_book

STUDENT_SOURCE = "学校(在校生)"
SCAN = portrait(300, 200, seed=3)


def student_batch(count=4):
    """A clean batch whose 2nd person is a student (工作年限 0), 3rd a worker with 工作年限 left blank."""
    batch = generate_batch(count, mistakes=False)
    batch.candidates[1].update(source=STUDENT_SOURCE, work_years=0, employer="衢州市工程技术学校",
                               condition="", school_level="技工学校")
    batch.candidates[2].update(work_years=None)
    return batch


@pytest.mark.parametrize(("person", "shown"), [
    ({"work_years": 8.0, "source": "企业"}, "8"),
    ({"work_years": 12, "source": "企业"}, "12"),
    ({"work_years": 2.5, "source": "企业"}, "2.5"),
    ({"work_years": 0, "source": "企业"}, "    "),  # no years: the unit fills the blank, never 已满 0 年
    ({"work_years": None, "source": "企业"}, "    "),
    ({"work_years": 0.0, "source": STUDENT_SOURCE}, "    "),
    ({"work_years": 3, "source": STUDENT_SOURCE}, "    "),  # the school certifies, in its own words
])
def test_the_years_in_the_proof_paragraph(person, shown):
    assert proven_years(person) == shown


def test_a_students_application_leaves_the_years_blank(tmp_path, write_book, monkeypatch):
    monkeypatch.setattr(package, "libreoffice", lambda: None)
    batch = student_batch()
    book = write_book(batch.plan, batch.candidates)
    result = export_package(book, tmp_path / "out", force=True)
    form = openpyxl.load_workbook(result.folder / FORMS["applications"].file).active
    proofs = [form.cell(cell.row, 2).value for cell in form["A"] if cell.value == "本职业工作\n年限\n证明"]
    assert len(proofs) == 4
    assert all("已满 0 年" not in proof and "已满 None 年" not in proof for proof in proofs)
    people = batch.candidates
    assert f"申报人 {people[0]['name']} 在本单位 电工 岗位工作，已满 {people[0]['work_years']} 年，" in proofs[0]
    assert re.search(f"申报人 {people[1]['name']} 在本单位 电工 岗位工作，已满 +年，\\s*同意报考 电工 职业", proofs[1])
    assert re.search("已满 +年", proofs[2])


STUDENT = Candidate(row=3, name="韩子涵", id_number="11010519491231002X", source=STUDENT_SOURCE, prior_level="无")
WORKER = Candidate(row=4, name="闫丹国", id_number="330822199012153426", source="企业", prior_level="无")


def test_a_student_without_a_diploma_is_asked_for_a_file_named_with_zaixiaozhengming(tmp_path):
    (tmp_path / "11010519491231002X韩子涵身份证.pdf").write_bytes(pdf_bytes(SCAN))
    (tmp_path / "330822199012153426闫丹国身份证.pdf").write_bytes(pdf_bytes(SCAN))
    issues = {i.candidate[-3:]: i.message for i in check_attachments(tmp_path, [STUDENT, WORKER]).issues}
    assert "缺少「学历证书或在校证明」" in issues["韩子涵"] and "文件名含身份证号和「在校证明」" in issues["韩子涵"]
    assert "缺少「学历证书」" in issues["闫丹国"] and "文件名含身份证号和「毕业证」" in issues["闫丹国"]


def _reminders(tmp_path, write_book, files, *, folder=True):
    batch = student_batch(3)
    book = write_book(batch.plan, batch.candidates)
    attachments = tmp_path / "附件"
    attachments.mkdir()
    student = batch.candidates[1]
    for file in files:
        (attachments / file.format(id=student["id_number"], name=student["name"])).write_bytes(jpeg_bytes(SCAN))
    check = validate_book(read_workbook(book), attachments=attachments if folder else None)
    return [i for i in check.report.issues if i.code == "student-proof"]


@pytest.mark.parametrize("proof", ["{name}在校证明.jpg", "{id}{name}_在校证明.jpg", "{id}在读证明.jpg",
                                   "{name}在校生证明.jpg",  # the college's own word
                                   "{name}毕业证书.jpg", "{id}{name}学历证明.jpg"])
def test_a_recognised_school_proof_or_diploma_withdraws_the_reminder(tmp_path, write_book, proof):
    assert _reminders(tmp_path, write_book, [proof, "{id}身份证.jpg"]) == []


@pytest.mark.parametrize("files", [[], ["{id}身份证.jpg"], ["{name}照片.jpg"]])
def test_without_a_school_proof_the_reminder_stays(tmp_path, write_book, files):
    (reminder,) = _reminders(tmp_path, write_book, files)
    assert "在校证明" in reminder.message and reminder.column == "考生来源"


def test_with_no_attachments_folder_the_reminder_stays(tmp_path, write_book):
    assert len(_reminders(tmp_path, write_book, ["{name}在校证明.jpg"], folder=False)) == 1


def test_the_packaged_school_proof_keeps_its_name(tmp_path, write_book, monkeypatch):
    monkeypatch.setattr(package, "libreoffice", lambda: None)
    batch = student_batch(3)
    book = write_book(batch.plan, batch.candidates)
    attachments = tmp_path / "附件"
    attachments.mkdir()
    student = batch.candidates[1]
    (attachments / f"{student['name']}在校证明.jpg").write_bytes(jpeg_bytes(SCAN))
    result = export_package(book, tmp_path / "out", attachments=attachments, force=True)
    assert f"{student['id_number']}{student['name']}_在校证明.jpg" in {
        p.name for p in (result.folder / "附件").iterdir()}
    assert "student-proof" not in {i.code for i in result.report.issues}
