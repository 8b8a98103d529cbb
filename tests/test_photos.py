"""Photos generated with Pillow, one per kind of problem, with their verdicts pinned; then fixed and re-checked."""

import datetime as dt
import hashlib
import io
import json
import unicodedata
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pillow_heif import register_heif_opener

from cli.commands import main
from qzxl.photos.fix import fix_photos
from qzxl.photos.folder import check_photo_folder
from qzxl.photos.samples import GREY_WALL, blurred, jpeg_bytes, portrait
from qzxl.sample import generate_batch
from qzxl.sheets.models import Candidate
from qzxl.values.privacy import mask_ids_in_text

register_heif_opener()
PEOPLE = [Candidate(row=i + 3, name=c["name"], id_number=c["id_number"], source=c["source"],
                    prior_level=c["prior_level"]) for i, c in enumerate(generate_batch(20, mistakes=False).candidates)]


def good(seed=0):
    return jpeg_bytes(portrait(seed=seed), quality=95)


def encoded(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def rotated():
    """Stored on its side with EXIF orientation 6, as phones do: upright it is a portrait."""
    image = portrait(seed=2).transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    return jpeg_bytes(image, quality=95, exif=exif.tobytes())


def edited():
    exif = Image.Exif()
    exif[0x0131] = "Adobe Photoshop 25.0 (Windows)"
    return jpeg_bytes(portrait(seed=3), quality=95, exif=exif.tobytes())


def with_header_size(width, height):
    """A small JPEG whose header claims other dimensions (cheap stand-in for a huge image)."""
    data = bytearray(good())
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(data)


def too_large():
    """A 12-megapixel phone photo; made when the folder is (a second's work, which collection would pay in
    every xdist worker)."""
    return jpeg_bytes(portrait(3000, 4000, seed=5, grain=0.08), quality=95)


def name(index, suffix=".jpg"):
    return f"{PEOPLE[index].id_number}{PEOPLE[index].name}{suffix}"


# (file name, content or a function that makes it, codes expected for that file, fixable into a clean copy)
CASES = [
    (name(0), good(0), [], True),
    (name(1), encoded(portrait(seed=1), "PNG"), ["photo-format"], True),
    (name(2), rotated(), ["photo-rotated"], True),
    (name(3), jpeg_bytes(portrait(seed=3).convert("CMYK"), quality=95), ["photo-cmyk"], True),
    (name(4), jpeg_bytes(portrait(seed=4), quality=25), ["photo-file-too-small"], True),
    (name(5), too_large, ["photo-file-too-large"], True),
    (name(6), jpeg_bytes(portrait(200, 280, seed=6), quality=95, subsampling=0), ["photo-file-too-small",
                                                                                  "photo-too-few-pixels"], False),
    (name(7), jpeg_bytes(portrait(441, 358, seed=7), quality=95), ["photo-landscape"], False),
    (name(8), jpeg_bytes(portrait(seed=8, background=GREY_WALL), quality=95), ["photo-background"], True),
    (name(9), jpeg_bytes(blurred(portrait(seed=9)), quality=95), ["photo-blurred", "photo-file-too-small"], True),
    (name(10), edited(), ["photo-edited"], True),
    (name(11), encoded(portrait(seed=11), "HEIF"), ["photo-file-too-small", "photo-format"], True),  # HEIC is small
    (name(12, ".png"), encoded(portrait(seed=12), "PNG"), ["photo-extension"], True),
    (name(13), good(13)[:20_000], ["photo-not-image"], False),  # truncated
    (name(14), b"", ["photo-not-image"], False),
    (name(15), with_header_size(20_000, 20_000), ["photo-too-large-to-open"], False),  # a decompression bomb
    (name(16), "这不是照片".encode(), ["photo-not-image"], False),
    (name(17), jpeg_bytes(portrait(seed=17).convert("L"), quality=95), ["photo-greyscale"], True),
    ("张三.jpg", good(20), ["photo-name"], False),
    ("110105194912310021王五.jpg", good(21), ["photo-name-id-invalid"], False),
    ("11010519491231002X王五.jpg", good(22), ["photo-unknown-candidate"], False),
    (PEOPLE[18].id_number + "错名.jpg", good(23), ["photo-name-mismatch"], True),
]
SYSTEM_FILES = {"Thumbs.db": b"x", ".DS_Store": b"x", "__MACOSX/._a.jpg": b"x", "~$临时.jpg": b"x"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("照片")
    for file_name, content, *_ in CASES:
        (root / file_name).write_bytes(content() if callable(content) else content)
    for file_name, content in SYSTEM_FILES.items():
        (root / file_name).parent.mkdir(parents=True, exist_ok=True)
        (root / file_name).write_bytes(content)
    return root


def digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def by_file(report):
    found: dict[str, list[str]] = {}
    for issue in report.issues:
        found.setdefault(issue.file, []).append(issue.code)
    return {file: sorted(codes) for file, codes in found.items()}


@pytest.fixture(scope="module")
def checked(folder):
    before = digest(folder)
    check = check_photo_folder(folder, PEOPLE, jobs=1)
    assert digest(folder) == before, "checking must not change the input folder"
    return check


@pytest.mark.parametrize(("file_name", "content", "codes", "fixable"), CASES, ids=[c[0][-12:] for c in CASES])
def test_verdict_per_photo(checked, file_name, content, codes, fixable):
    assert by_file(checked.report).get(mask_ids_in_text(file_name), []) == sorted(codes)


def test_people_without_a_photo_and_system_files(checked):
    missing = sorted(i.candidate for i in checked.report.issues if i.code == "photo-missing")
    assert missing == sorted(f"{PEOPLE[i].id_number[:4]}**********{PEOPLE[i].id_number[-4:]} {PEOPLE[i].name}"
                             for i in (19,))  # 12 has a .png: reported as such, not as missing
    assert checked.report.counts == {"files": len(CASES), "ignored": len(SYSTEM_FILES)}


@pytest.mark.slow  # starts a process pool
def test_parallel_and_sequential_and_full_decode_agree(folder, checked):
    flat = sorted((i.file, i.code) for i in checked.report.issues)
    assert sorted((i.file, i.code) for i in check_photo_folder(folder, PEOPLE, jobs=2).report.issues) == flat
    assert sorted((i.file, i.code) for i in check_photo_folder(folder, PEOPLE, fast=False, jobs=1)
                  .report.issues) == flat


def test_fix_writes_clean_copies_and_lists_the_rest(folder, checked, tmp_path):
    before = digest(folder)
    out = tmp_path / "照片"
    result = fix_photos(folder, checked, out, make_zip=True)
    assert digest(folder) == before
    fixed_names = {p.name for p in result.written}
    fixable = {f"{PEOPLE[i].id_number}{PEOPLE[i].name}.jpg" for i in range(18) if CASES[i][3]}
    assert fixable | {f"{PEOPLE[18].id_number}{PEOPLE[18].name}.jpg"} == fixed_names
    recheck = check_photo_folder(out, PEOPLE, jobs=1)
    remaining = {(i.file, i.code) for i in recheck.report.issues if i.code != "photo-missing"}
    look = {mask_ids_in_text(CASES[i][0]) for i in (8, 9)}  # background and blur cannot be fixed
    assert {file for file, _ in remaining} <= look
    unfixable = {i.file for i in result.unfixable}
    assert {i.code for i in result.unfixable} == {"photo-unfixable"}
    listed = (6, 7, 8, 9, 10, 13, 14, 15, 16, 18, 19, 20)  # look problems are copied and listed too
    assert {mask_ids_in_text(CASES[i][0]) for i in listed} == unfixable
    for photo in result.written:
        with Image.open(photo) as image:
            assert image.format == "JPEG" and image.mode == "RGB" and not image.getexif()
            assert image.width < image.height
    with zipfile.ZipFile(result.archive) as archive:
        assert sorted(archive.namelist()) == sorted(fixed_names)
        assert all(info.flag_bits & 0x800 for info in archive.infolist())  # UTF-8 names for Windows


def test_fix_refuses_a_folder_that_is_not_new_or_inside_the_source(folder, checked, tmp_path):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "a.txt").write_text("x")
    for out in (busy, folder / "fixed"):
        with pytest.raises(Exception, match="文件夹"):
            fix_photos(folder, checked, out)


def test_names_in_nfd_with_spaces_and_full_width_are_understood(tmp_path):
    person = PEOPLE[0]
    odd = unicodedata.normalize("NFD", f"{person.id_number[:6]} {person.id_number[6:]} {person.name}".translate(
        str.maketrans("0123456789", "０１２３４５６７８９"))) + ".JPG"
    (tmp_path / odd).write_bytes(good())
    report = check_photo_folder(tmp_path, PEOPLE[:1], jobs=1).report
    assert report.issues == []


def test_subfolders_are_checked_and_flagged(tmp_path):
    (tmp_path / "一班").mkdir()
    (tmp_path / "一班" / name(0)).write_bytes(good())
    report = check_photo_folder(tmp_path, PEOPLE[:1], jobs=1).report
    assert [(i.file, i.code) for i in report.issues] == [("一班/", "photo-subfolder")]


class GbkZipInfo(zipfile.ZipInfo):
    """Names stored in GBK without the UTF-8 flag, as Windows' built-in zip and WeChat write them."""

    def _encodeFilenameFlags(self):  # noqa: N802 — overrides zipfile's own name
        return self.filename.encode("gbk"), self.flag_bits


def zip_of(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for member, content in members.items():
            archive.writestr(GbkZipInfo(member), content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_a_zip_with_gbk_names_traversal_and_a_bomb(tmp_path):
    bomb = b"\x00" * 50_000_000
    path = zip_of(tmp_path / "照片.zip", {name(0): good(), "../../evil.jpg": good(), "/abs.jpg": good(),
                                           "bomb.jpg": bomb})
    report = check_photo_folder(path, PEOPLE[:1], jobs=1).report
    codes = sorted((i.file, i.code) for i in report.issues)
    assert codes == [("../../evil.jpg", "archive-unsafe"), ("/abs.jpg", "archive-unsafe"),
                     ("bomb.jpg", "archive-unsafe")]
    assert not (tmp_path.parent / "evil.jpg").exists()


def test_cli_photos_json_and_validate_includes_photos(folder, tmp_path, capsys, write_book):
    # The CLI judges deadlines against the real today: keep the exam well ahead of it.
    batch = generate_batch(3, mistakes=False, exam=dt.date.today() + dt.timedelta(days=60))
    book = write_book(batch.plan, batch.candidates)
    assert main(["photos", str(folder), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert set(out["issues"][0]) == {"code", "severity", "native", "file", "candidate", "message", "params"}
    assert out["summary"]["files"] == len(CASES)
    empty = tmp_path / "空"
    empty.mkdir()
    assert main(["validate", str(book), "--photos", str(empty), "--json"]) == 1
    folder_codes = {i["code"] for i in json.loads(capsys.readouterr().out)["issues"] if "file" in i}
    assert folder_codes == {"photo-missing"}  # the workbook's own findings (dates against today) aside


def test_cli_photos_missing_folder(capsys):
    assert main(["photos", "没有这个文件夹"]) == 2
    assert "找不到" in capsys.readouterr().err


def test_two_photos_for_one_person(tmp_path):
    person = PEOPLE[0]
    (tmp_path / f"{person.id_number}{person.name}.jpg").write_bytes(good(1))
    (tmp_path / f"{person.id_number}{person.name}.jpeg").write_bytes(good(2))
    issues = check_photo_folder(tmp_path, PEOPLE[:1], jobs=1).report.issues
    assert [(i.code, i.candidate.split(" ")[-1]) for i in issues] == [("photo-duplicate", person.name)]
    assert "2 张照片" in issues[0].message


def test_a_photo_with_more_pixels_than_any_camera_makes_is_reported(tmp_path):
    from qzxl.photos.settings import PhotoSettings

    (tmp_path / "330822199012153426张三.jpg").write_bytes(jpeg_bytes(portrait(600, 800), quality=95))
    report = check_photo_folder(tmp_path, settings=PhotoSettings(max_pixels=400_000)).report
    assert [(i.code, dict(i.params)) for i in report.issues] == [
        ("photo-too-many-pixels", {"width": 600, "height": 800})]
