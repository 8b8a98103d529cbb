"""Check, fix and export match a photo to a candidate the same way (qzxl.photos.folder.PhotoMatcher)."""

import openpyxl
import pytest

from qzxl.catalogue import CATALOGUE
from qzxl.export import package
from qzxl.layout import FORMS
from qzxl.photos.fix import fix_photos
from qzxl.photos.folder import PhotoMatcher, check_photo_folder
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.sample import generate_batch
from qzxl.sheets.models import Candidate
from qzxl.sheets.reader import read_workbook
from usecases.export import export_package
from usecases.validate import validate_book

WRONG_CHECK_DIGIT = "330822199012153420"  # the college's own example: should end in 6
ZHANG_SAN = Candidate(row=3, name="张三", id_number=WRONG_CHECK_DIGIT)
LI_SI = Candidate(row=4, name="李四", id_number="330821198503011237")
ZHAO_LIU = Candidate(row=5, name="赵六", id_number="330881960923017")  # the old 15-digit card
QIAN_QI = Candidate(row=6, name="钱七", id_number="33088119600923017")
PHOTO = jpeg_bytes(portrait(seed=1), quality=95)


@pytest.mark.parametrize(
    ("file_name", "owner", "code"),
    [
        (f"{WRONG_CHECK_DIGIT}张三.jpg", WRONG_CHECK_DIGIT, None),  # the number as typed finds its photo
        # the workbook's number is the wrong one, the photo's is right: the finding is on the workbook's cell
        ("330822199012153426张三.jpg", WRONG_CHECK_DIGIT, "photo-name-id-workbook-invalid"),
        ("11010519491231002X李四.jpg", "330821198503011237", "photo-name-id-mismatch"),  # both valid: rename
        ("330881196009230175赵六.jpg", "330881960923017", "photo-name-id-workbook-invalid"),  # 15 digits typed
        ("330881196009230175钱七.jpg", "33088119600923017", "photo-name-id-workbook-invalid"),  # one digit short
        ("330881196009230172赵六.jpg", "330881960923017", "photo-name-id-mismatch"),  # both invalid: as before
        ("张三.jpg", WRONG_CHECK_DIGIT, "photo-name"),  # no number: the only 张三
        (f"{WRONG_CHECK_DIGIT}张山.jpg", WRONG_CHECK_DIGIT, "photo-name-mismatch"),
        ("330821198503011237李四.jpg", "330821198503011237", None),
        ("11010519491231002X王五.jpg", None, "photo-unknown-candidate"),
        ("110105194912310021王五.jpg", None, "photo-name-id-invalid"),
        ("王五.jpg", None, "photo-name"),
    ],
)
def test_matcher_cases(file_name, owner, code):
    match = PhotoMatcher([ZHANG_SAN, LI_SI, ZHAO_LIU, QIAN_QI]).match(file_name)
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


def test_fix_never_renames_a_photo_to_an_invalid_number_and_lists_the_cell(tmp_path):
    source = tmp_path / "照片"
    source.mkdir()
    (source / "330822199012153426张三.jpg").write_bytes(PHOTO)  # the real card; the workbook's digit is wrong
    (source / "330881196009230175赵六.jpg").write_bytes(PHOTO)  # the workbook has the old 15-digit number
    (source / "11010519491231002X李四.jpg").write_bytes(PHOTO)  # the workbook's number is valid: it wins
    check = check_photo_folder(source, [ZHANG_SAN, LI_SI, ZHAO_LIU], jobs=1)
    codes = sorted((i.code, i.sheet, i.row, i.key) for i in check.report.issues)
    assert codes == [("photo-name-id-mismatch", None, None, None),
                     ("photo-name-id-workbook-invalid", "报名信息", 3, "id_number"),
                     ("photo-name-id-workbook-invalid", "报名信息", 5, "id_number")]
    fixed = fix_photos(source, check, tmp_path / "修复")
    assert sorted(p.name for p in fixed.written) == sorted(["330822199012153426张三.jpg", "330881196009230175赵六.jpg",
                                                            "330821198503011237李四.jpg"])
    assert sorted(i.message for i in fixed.unfixable) == sorted(
        CATALOGUE["photo-unfixable"].render(reason="fix-workbook-id", name=name, row=row)
        for name, row in (("张三", 3), ("赵六", 5)))
    assert fixed.by_owner[WRONG_CHECK_DIGIT] == "330822199012153426张三.jpg"  # the form finds it by the typed number


def test_validate_marks_the_workbook_cell_not_the_photo(tmp_path, write_book):
    batch = generate_batch(2, mistakes=False)
    person = batch.candidates[0]
    real = person["id_number"]
    person["id_number"] = real[:17] + ("0" if real[17] != "0" else "1")
    photos = tmp_path / "照片"
    photos.mkdir()
    (photos / f"{real}{person['name']}.jpg").write_bytes(PHOTO)
    (photos / f"{batch.candidates[1]['id_number']}{batch.candidates[1]['name']}.jpg").write_bytes(PHOTO)
    book = write_book(batch.plan, batch.candidates)
    check = validate_book(read_workbook(book), photos=photos)
    on_id = sorted((i.code, i.cell) for i in check.report.issues if i.key == "id_number")
    assert [code for code, _ in on_id] == ["id-check-digit", "photo-name-id-workbook-invalid"]
    assert on_id[0][1] == on_id[1][1] and on_id[0][1]  # the photo's finding is on the typed number's cell
    assert "请改名" not in " ".join(i.message for i in check.report.issues)


def test_export_keeps_the_photos_valid_name_and_the_form_still_finds_it(tmp_path, write_book, monkeypatch):
    monkeypatch.setattr(package, "libreoffice", lambda: None)
    batch = generate_batch(2, mistakes=False)
    person = batch.candidates[0]
    real = person["id_number"]
    person["id_number"] = real[:17] + ("0" if real[17] != "0" else "1")  # typed with a wrong check digit
    photos = tmp_path / "照片"
    photos.mkdir()
    (photos / f"{real}{person['name']}.jpg").write_bytes(PHOTO)  # named from the card
    other = batch.candidates[1]
    (photos / f"{other['id_number']}{other['name']}.jpg").write_bytes(jpeg_bytes(portrait(seed=2), quality=95))
    result = export_package(write_book(batch.plan, batch.candidates), tmp_path / "out", photos=photos, force=True)
    assert sorted(p.name for p in (result.folder / "照片").iterdir()) == sorted(
        [f"{real}{person['name']}.jpg", f"{other['id_number']}{other['name']}.jpg"])  # never the invalid number
    codes = {i.code for i in result.report.issues}
    assert {"id-check-digit", "photo-name-id-workbook-invalid"} <= codes
    forms = openpyxl.load_workbook(result.folder / FORMS["applications"].file)
    assert sum(len(ws._images) for ws in forms.worksheets) == 2  # the form of the typed number has its photo
