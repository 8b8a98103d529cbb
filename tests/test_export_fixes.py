"""The export fixes what it can fix in the package; every count of one run comes from one report."""

import datetime as dt
import functools
import hashlib
import io
import json
import re

import openpyxl
import pytest
from PIL import Image
from pillow_heif import register_heif_opener

from cli.commands import main
from qzxl.export import package
from qzxl.photos.samples import GREY_WALL, jpeg_bytes, pdf_bytes, portrait
from qzxl.photos.settings import PhotoSettings
from qzxl.sample import generate_batch
from udfs.file_port import FilePort
from udfs.runner import run_action
from usecases.export import ExportRefused, export_package

register_heif_opener()
# far enough ahead that no deadline has passed, whatever day the tests run
EXAM = dt.date.today() + dt.timedelta(days=60)


@pytest.fixture(autouse=True)
def no_pdf(monkeypatch):
    monkeypatch.setattr(package, "libreoffice", lambda: None)


def digest_tree(root):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def heic(image):
    buffer = io.BytesIO()
    image.save(buffer, "HEIF", quality=90)
    return buffer.getvalue()


@functools.cache
def phone_photo(seed):
    """A 2100×2800 phone photo of about 2.4 MB (over the 2M limit), stored on its side with EXIF orientation 6."""
    image = portrait(2100, 2800, seed=seed, grain=0.08).transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    return jpeg_bytes(image, quality=95, exif=exif.tobytes())


def batch_folders(tmp_path, batch, photos_by_index):
    photos, attachments = tmp_path / "照片", tmp_path / "附件"
    photos.mkdir()
    attachments.mkdir()
    for index, person in enumerate(batch.candidates):
        name, data = photos_by_index.get(index, (".jpg", jpeg_bytes(portrait(seed=index), quality=95)))
        (photos / f"{person['id_number']}{person['name']}{name}").write_bytes(data)
        (attachments / f"{person['id_number']}{person['name']}身份证.pdf").write_bytes(pdf_bytes(portrait(300, 200)))
        (attachments / f"{person['id_number']}{person['name']}毕业证.pdf").write_bytes(pdf_bytes(portrait(300, 200)))
        if person["prior_level"] not in ("", "无"):
            (attachments / f"{person['id_number']}{person['name']}证书.pdf").write_bytes(pdf_bytes(portrait(300, 200)))
    return photos, attachments


@pytest.mark.slow  # about 10 s of photo encoding; the fast suite keeps the test below, which also fixes a big one
def test_fixable_photos_are_fixed_in_the_package_and_listed(tmp_path, write_book):
    batch = generate_batch(5, mistakes=False, exam=EXAM)
    big = phone_photo(1)
    assert len(big) > PhotoSettings().max_bytes
    photos, attachments = batch_folders(tmp_path, batch, {
        0: (".jpg", big),  # too large and rotated
        1: (".jpg", heic(portrait(seed=2))),  # an iPhone HEIC renamed .jpg
        2: (".heic", heic(portrait(900, 1200, seed=3))),
    })
    before = digest_tree(photos)
    result = export_package(write_book(batch.plan, batch.candidates), tmp_path / "out", photos=photos,
                            attachments=attachments)
    assert digest_tree(photos) == before  # originals untouched
    assert not [i for i in result.report.issues if i.is_error]
    fixed = {i.candidate.split(" ")[-1]: i.message for i in result.report.issues if i.code == "photo-fixed"}
    people = batch.candidates
    assert set(fixed) == {people[0]["name"], people[1]["name"], people[2]["name"]}
    assert "压缩到 2M 以内" in fixed[people[0]["name"]] and "转正" in fixed[people[0]["name"]]
    assert "转为 JPG" in fixed[people[2]["name"]]
    settings = PhotoSettings()
    packaged = sorted((result.folder / "照片").iterdir())
    assert [p.name for p in packaged] == sorted(f"{p['id_number']}{p['name']}.jpg" for p in people)
    for path in packaged:
        with Image.open(path) as image:
            assert image.format == "JPEG" and image.width < image.height
        assert settings.min_bytes < path.stat().st_size < settings.max_bytes
    report = openpyxl.load_workbook(result.folder / "校验报告.xlsx")["问题"]
    assert [row[8] for row in report.iter_rows(min_row=2, values_only=True)].count("photo-fixed") == 3


def test_only_an_unfixable_photo_stops_the_export(tmp_path, write_book):
    """The big rotated phone photo is no error (the export fixes it); the landscape one is."""
    batch = generate_batch(3, mistakes=False, exam=EXAM)
    photos, attachments = batch_folders(tmp_path, batch, {
        0: (".jpg", phone_photo(1)),
        1: (".jpg", jpeg_bytes(portrait(441, 358, seed=7), quality=95)),  # landscape: needs a person to crop
    })
    with pytest.raises(ExportRefused) as refused:
        export_package(write_book(batch.plan, batch.candidates), tmp_path / "out", photos=photos,
                       attachments=attachments)
    errors = [(i.code, i.candidate.split(" ")[-1]) for i in refused.value.report.issues if i.is_error]
    assert errors == [("photo-landscape", batch.candidates[1]["name"])]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_without_an_attachments_folder_the_export_lists_what_to_add(tmp_path, write_book):
    batch = generate_batch(3, mistakes=False, exam=EXAM)
    result = export_package(write_book(batch.plan, batch.candidates), tmp_path / "out")
    to_add = [i for i in result.report.issues if i.code == "attachment-to-add"]
    assert len(to_add) == 3 and not any(i.is_error for i in to_add)
    assert all("身份证复印件" in i.message and "学历证书" in i.message for i in to_add)
    assert (result.folder / "附件").is_dir()


def counts(text):
    errors, warnings = re.search(r"(\d+) 个错误.*?(\d+) 个提醒", text).groups()
    return int(errors), int(warnings)


def test_every_count_of_one_workbook_agrees(tmp_path, write_book, capsys):
    """校验结果 (the 校验 button), ``qzxl validate``, ``qzxl export``, 校验报告 and the manifest."""
    batch = generate_batch(6, mistakes=False, exam=EXAM)
    grey = jpeg_bytes(portrait(seed=8, background=GREY_WALL), quality=95)
    photos, attachments = batch_folders(tmp_path, batch, {3: (".jpg", grey), 4: (".jpg", grey)})
    book = write_book(batch.plan, batch.candidates)

    assert main(["validate", str(book), "--photos", str(photos), "--attachments", str(attachments), "--json"]) == 0
    validated = json.loads(capsys.readouterr().out)
    cli = (validated["summary"]["errors"], validated["summary"]["warnings"])
    codes = [i["code"] for i in validated["issues"]]
    assert cli[0] == 0 and codes.count("photo-background") == 2

    copy = tmp_path / "copy.xlsx"
    port = FilePort(book, copy)
    run_action("validate", port, dt.date.today())
    port.save()
    sheet = openpyxl.load_workbook(copy)["校验结果"]
    levels = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]]
    assert (levels.count("错误"), levels.count("提醒")) == cli
    assert counts(sheet["A1"].value) == cli

    assert main(["export", str(book), "--out", str(tmp_path / "out"), "--photos", str(photos),
                 "--attachments", str(attachments)]) == 0
    assert counts(capsys.readouterr().out) == cli
    [folder] = (tmp_path / "out").iterdir()
    report = openpyxl.load_workbook(folder / "校验报告.xlsx")["问题"]
    levels = [row[0] for row in report.iter_rows(min_row=2, values_only=True)]
    assert (levels.count("错误"), levels.count("提醒")) == cli
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["validation"]
    assert (manifest["errors"], manifest["warnings"]) == cli
