"""Check, fix and export match a photo to a candidate the same way (qzxl.photos.folder.PhotoMatcher)."""

import openpyxl
import pytest

from qzxl.app.export import export_package
from qzxl.export import package
from qzxl.layout import FORMS
from qzxl.photos.fix import fix_photos
from qzxl.photos.folder import PhotoMatcher, check_photo_folder
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.sample import generate_batch
from qzxl.sheets.models import Candidate

WRONG_CHECK_DIGIT = "330822199012153420"  # the college's own example: should end in 6
ZHANG_SAN = Candidate(row=3, name="张三", id_number=WRONG_CHECK_DIGIT)
LI_SI = Candidate(row=4, name="李四", id_number="330821198503011237")
PHOTO = jpeg_bytes(portrait(seed=1), quality=95)


@pytest.mark.parametrize(
    ("file_name", "owner", "code"),
    [
        (f"{WRONG_CHECK_DIGIT}张三.jpg", WRONG_CHECK_DIGIT, None),  # the number as typed finds its photo
        ("330822199012153426张三.jpg", WRONG_CHECK_DIGIT, "photo-name-id-mismatch"),  # corrected in the name only
        ("张三.jpg", WRONG_CHECK_DIGIT, "photo-name"),  # no number: the only 张三
        (f"{WRONG_CHECK_DIGIT}张山.jpg", WRONG_CHECK_DIGIT, "photo-name-mismatch"),
        ("330821198503011237李四.jpg", "330821198503011237", None),
        ("11010519491231002X王五.jpg", None, "photo-unknown-candidate"),
        ("110105194912310021王五.jpg", None, "photo-name-id-invalid"),
        ("王五.jpg", None, "photo-name"),
    ],
)
def test_matcher_cases(file_name, owner, code):
    match = PhotoMatcher([ZHANG_SAN, LI_SI]).match(file_name)
    assert (match.number, match.problem[0] if match.problem else None) == (owner, code)


def test_wrong_check_digit_photo_is_matched_by_check_and_fix(tmp_path):
    source = tmp_path / "照片"
    source.mkdir()
    (source / f"{WRONG_CHECK_DIGIT}张三.jpg").write_bytes(PHOTO)
    (source / "李四.jpg").write_bytes(PHOTO)
    check = check_photo_folder(source, [ZHANG_SAN, LI_SI], jobs=1)
    codes = sorted((i.candidate.split(" ")[-1], i.code) for i in check.report.issues)
    assert codes == [("李四", "photo-name")]  # nobody is told 没有照片; 李四's file only needs its name
    fixed = fix_photos(source, check, tmp_path / "修复")
    assert sorted(p.name for p in fixed.written) == sorted([f"{WRONG_CHECK_DIGIT}张三.jpg",
                                                            "330821198503011237李四.jpg"])
    assert not fixed.unfixable


def test_export_puts_the_same_photo_into_the_application_form(tmp_path, write_book, monkeypatch):
    monkeypatch.setattr(package, "libreoffice", lambda: None)
    batch = generate_batch(2, mistakes=False)
    person = batch.candidates[0]
    person["id_number"] = person["id_number"][:17] + ("0" if person["id_number"][17] != "0" else "1")
    photos = tmp_path / "照片"
    photos.mkdir()
    for index, candidate in enumerate(batch.candidates):
        (photos / f"{candidate['id_number']}{candidate['name']}.jpg").write_bytes(
            jpeg_bytes(portrait(seed=index), quality=95))
    result = export_package(write_book(batch.plan, batch.candidates), tmp_path / "out", photos=photos, force=True)
    assert not [i for i in result.report.issues if i.code.startswith("photo-")]
    assert sorted(p.name for p in (result.folder / "照片").iterdir()) == sorted(
        f"{c['id_number']}{c['name']}.jpg" for c in batch.candidates)
    forms = openpyxl.load_workbook(result.folder / FORMS["applications"].file)
    assert sum(len(ws._images) for ws in forms.worksheets) == len(batch.candidates)  # one photo per form
