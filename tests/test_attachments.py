"""The attachments folder: each candidate's ID card, diploma (or school proof) and prior certificate."""

import pytest

from qzxl.photos.attachments import check_attachments, classify
from qzxl.photos.samples import jpeg_bytes, pdf_bytes, portrait
from qzxl.sheets.models import Candidate

STUDENT = Candidate(row=3, name="李四", id_number="11010519491231002X", source="学校(在校生)", prior_level="无")
WORKER = Candidate(row=4, name="张三", id_number="330822199012153426", source="企业", prior_level="五级/初级工")


@pytest.mark.parametrize(
    ("file_name", "kind"),
    [("330822199012153426张三身份证.pdf", "id_card"), ("张三身份证复印件.jpg", "id_card"),
     ("张三 毕业证书.png", "diploma"), ("张三学历证明.pdf", "diploma"), ("李四在校证明.pdf", "student_proof"),
     ("张三电工五级证书.jpg", "certificate"), ("张三职业资格证.pdf", "certificate"), ("张三.pdf", None),
     # the signed 申报表 scan (process text, step 1): its title contains 技能等级, it is no certificate
     ("330822199012153426张三职业技能等级认定申报表.pdf", "application_form"), ("申报表.pdf", "application_form")],
)
def test_classify(file_name, kind):
    assert classify(file_name) == kind


SCAN = portrait(300, 200, seed=1)


def real_scan(name: str) -> bytes:
    """What a scanner or phone writes: a real PDF or image, not a placeholder."""
    suffix = name.rsplit(".", 1)[-1].lower()
    return pdf_bytes(SCAN) if suffix == "pdf" else jpeg_bytes(SCAN) if suffix in ("jpg", "jpeg") else b"x" * 4096


def check(tmp_path, names, **options):
    for name in names:
        (tmp_path / name).write_bytes(real_scan(name))
    return sorted((i.code, i.file, i.candidate[-2:])
                  for i in check_attachments(tmp_path, [STUDENT, WORKER], **options).issues)


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


def test_a_scan_named_with_an_id_number_since_corrected_counts_by_the_name_and_says_so(tmp_path):
    # 张三's 证件号码 was 330822199012153427 (a typo) when the scans were named; 报名信息 now has the right one
    old = "330822199012153427"
    issues = check(tmp_path, ["11010519491231002X李四身份证.pdf", "李四在校证明.jpg", f"{old}张三身份证.pdf",
                              "张三毕业证.jpg", f"{old}张三五级证书.pdf"])
    assert issues == [("attachment-name-id-differs", "3308**********3427张三五级证书.pdf", "张三"),  # masked
                      ("attachment-name-id-differs", "3308**********3427张三身份证.pdf", "张三")]
    message = check_attachments(tmp_path, [STUDENT, WORKER]).issues[0].message
    assert "3308**********3427" in message and "3308**********3426" in message and old not in message


def test_an_unknown_id_number_with_nobody_s_name_stays_unmatched(tmp_path):
    assert ("attachment-unmatched", "3308**********3427王五身份证.pdf", "") in check(
        tmp_path, ["330822199012153427王五身份证.pdf"])


def test_missing_names_the_kind_and_keyword(tmp_path):
    issues = check_attachments(tmp_path, [STUDENT]).issues
    messages = sorted(i.message for i in issues)
    assert any("学历证书或在校证明" in m for m in messages)
    assert any("身份证复印件" in m for m in messages)


def test_the_signed_application_scan_is_recognised_for_one_person_or_the_whole_batch(tmp_path):
    complete = ["11010519491231002X李四身份证.pdf", "李四在校证明.jpg", "张三身份证.pdf", "张三毕业证.jpg",
                "张三五级证书.pdf"]
    assert check(tmp_path, [*complete, "330822199012153426张三职业技能等级认定申报表.pdf", "申报表.pdf"]) == []


def test_placeholders_and_broken_files_are_warnings(tmp_path):
    complete = ["11010519491231002X李四身份证.pdf", "李四在校证明.jpg", "张三毕业证.jpg", "张三五级证书.pdf"]
    for name in complete:
        (tmp_path / name).write_bytes(real_scan(name))
    (tmp_path / "张三身份证.pdf").write_bytes(b"%PDF-1.4\n%placeholdr\n")  # 21 bytes, as a clerk's template had
    (tmp_path / "张三身份证反面.pdf").write_bytes(pdf_bytes(SCAN)[:-200])  # cut off: no %%EOF
    (tmp_path / "李四学历.jpg").write_bytes(b"\xff\xd8" + b"not a jpeg" * 400)
    issues = check_attachments(tmp_path, [STUDENT, WORKER]).issues
    assert len((tmp_path / "张三身份证.pdf").read_bytes()) == 21
    assert sorted((i.code, i.file, i.is_error) for i in issues) == [
        ("attachment-too-small", "张三身份证.pdf", False),
        ("attachment-unreadable", "张三身份证反面.pdf", False),
        ("attachment-unreadable", "李四学历.jpg", False),
    ]


def test_at_the_export_missing_scans_are_warnings_that_list_what_to_add(tmp_path):
    assert check(tmp_path, ["张三身份证.pdf"], at_export=True) == [
        ("attachment-to-add", "", "张三"), ("attachment-to-add", "", "李四")]
    issues = check_attachments(None, [STUDENT, WORKER], at_export=True).issues  # no attachments folder at all
    messages = {i.candidate[-2:]: i.message for i in issues}
    assert not any(i.is_error for i in issues)
    assert "身份证复印件、学历证书、技能等级证书或职业资格证书" in messages["张三"]
    assert "身份证复印件、学历证书或在校证明" in messages["李四"]
