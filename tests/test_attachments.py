"""The attachments folder: each candidate's ID card, diploma (or school proof) and prior certificate."""

import pytest

from qzxl.photos.attachments import check_attachments, classify
from qzxl.sheets.models import Candidate

STUDENT = Candidate(row=3, name="李四", id_number="11010519491231002X", source="学校(在校生)", prior_level="无")
WORKER = Candidate(row=4, name="张三", id_number="330822199012153426", source="企业", prior_level="五级/初级工")


@pytest.mark.parametrize(
    ("file_name", "kind"),
    [("330822199012153426张三身份证.pdf", "id_card"), ("张三身份证复印件.jpg", "id_card"),
     ("张三 毕业证书.png", "diploma"), ("张三学历证明.pdf", "diploma"), ("李四在校证明.pdf", "student_proof"),
     ("张三电工五级证书.jpg", "certificate"), ("张三职业资格证.pdf", "certificate"), ("张三.pdf", None)],
)
def test_classify(file_name, kind):
    assert classify(file_name) == kind


def check(tmp_path, names):
    for name in names:
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    return sorted((i.code, i.file, i.candidate[-2:]) for i in check_attachments(tmp_path, [STUDENT, WORKER]).issues)


def test_complete_folder(tmp_path):
    assert check(tmp_path, ["11010519491231002X李四身份证.pdf", "李四在校证明.jpg", "张三身份证.pdf",
                            "330822199012153426张三毕业证.jpg", "张三五级证书.pdf", "Thumbs.db"]) == []


def test_missing_and_unmatched_and_wrong_format(tmp_path):
    assert check(tmp_path, ["李四身份证.pdf", "张三身份证.docx", "王五身份证.pdf", "张三毕业证.jpg"]) == [
        ("attachment-format", "张三身份证.docx", ""),
        ("attachment-missing", "", "张三"),  # ID card (the .docx does not count)
        ("attachment-missing", "", "张三"),  # certificate for 五级/初级工
        ("attachment-missing", "", "李四"),  # diploma or school proof
        ("attachment-unmatched", "王五身份证.pdf", ""),
    ]


def test_missing_names_the_kind_and_keyword(tmp_path):
    issues = check_attachments(tmp_path, [STUDENT]).issues
    messages = sorted(i.message for i in issues)
    assert any("学历证书或在校证明" in m for m in messages)
    assert any("身份证复印件" in m for m in messages)
