"""The face check on real photos (tests/data/photos, see its README): found on ID photos, absent from the rest.

The bad-framing cases are made here from the real portraits (tiled, cropped, padded, turned); the ID card is a
synthetic card drawn here around a real portrait, never a real card.
"""

import datetime as dt
import functools
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageEnhance, ImageOps

from qzxl.catalogue import say
from qzxl.export import package
from qzxl.photos.batch import settle_fixed_photos
from qzxl.photos.face import Face, certificate_crop, find_faces, framing_problems
from qzxl.photos.fix import fix_photos
from qzxl.photos.folder import check_photo_folder
from qzxl.photos.inspect import inspect_photo, photo_problems
from qzxl.photos.samples import jpeg_bytes, pdf_bytes, portrait
from qzxl.photos.settings import PhotoSettings
from qzxl.report import Report
from qzxl.sample import generate_batch
from qzxl.sheets.models import Candidate
from usecases.export import ExportRefused, export_package

SAMPLES = Path(__file__).parent / "data" / "photos"
SETTINGS = PhotoSettings()
ID_PHOTOS = [f"hivision-demo{i}.jpg" for i in range(4)]  # finished ID photos: the certificate framing
PORTRAITS = [*ID_PHOTOS, *(f"hivision-test{i}.jpg" for i in range(5))]  # every real portrait
NON_PORTRAITS = ["skimage-brick.jpg", "skimage-camera.jpg", "skimage-chelsea.jpg", "skimage-coffee.jpg",
                 "skimage-rocket.jpg", "skimage-text.jpg"]
FACE_CODES = {"photo-no-face", "photo-faces", "photo-face-small", "photo-face-large", "photo-face-off-centre",
              "photo-face-top", "photo-face-tilted"}


@functools.cache
def real(name: str) -> Image.Image:
    with Image.open(SAMPLES / name) as image:
        return image.convert("RGB")


def face_codes(image: Image.Image, tmp_path: Path, name: str = "photo.jpg") -> list[str]:
    path = tmp_path / name
    path.write_bytes(jpeg_bytes(image, quality=92))
    return sorted(code for code, _ in photo_problems(inspect_photo(path, name, SETTINGS), SETTINGS)
                  if code in FACE_CODES)


def on_canvas(image: Image.Image, size: tuple[int, int], at: tuple[int, int]) -> Image.Image:
    """``image`` placed on a larger canvas of its own backdrop colour (its top-left pixel)."""
    canvas = Image.new("RGB", size, image.getpixel((2, 2)))
    canvas.paste(image, at)
    return canvas


def id_card_photo() -> Image.Image:
    """A phone photo of a drawn ID card (85.6 × 54 mm at 10 px/mm) on a desk, with a real portrait on it."""
    card = Image.new("RGB", (856, 540), (236, 240, 244))
    draw = ImageDraw.Draw(card)
    for row in range(5):
        draw.rectangle([60, 70 + row * 70, 60 + 300 - row * 30, 100 + row * 70], fill=(60, 60, 70))
    draw.rectangle([60, 440, 560, 470], fill=(40, 40, 50))
    photo = real("hivision-demo2.jpg")
    card.paste(photo.resize((round(photo.width * 330 / photo.height), 330)), (560, 80))
    desk = Image.new("RGB", (900, 1200), (120, 86, 60))
    desk.paste(card.rotate(3, expand=True, fillcolor=(120, 86, 60)), (10, 300))
    return desk


def group_photo() -> Image.Image:
    """Two real ID photos side by side, on a portrait page."""
    left, right = real("hivision-demo1.jpg"), real("hivision-demo2.jpg")
    page = Image.new("RGB", (left.width + right.width, 900), (255, 255, 255))
    page.paste(left, (0, 200))
    page.paste(right, (left.width, 200))
    return page


def close_up() -> Image.Image:
    image = real("hivision-demo0.jpg")
    return image.crop((round(image.width * 0.15), round(image.height * 0.22), round(image.width * 0.85),
                       round(image.height * 0.75)))


def off_centre() -> Image.Image:
    image = real("hivision-demo2.jpg")
    return on_canvas(image, (560, 700), (0, 140))


def head_cut() -> Image.Image:
    image = real("hivision-demo3.jpg")
    return image.crop((0, round(image.height * 0.22), image.width, image.height))


def tilted() -> Image.Image:
    return real("hivision-demo1.jpg").rotate(25, resample=Image.Resampling.BICUBIC, fillcolor=(120, 160, 220))


def loose() -> Image.Image:
    """A real ID photo in the middle of a much larger frame, off to the left: what a phone at arm's length gives."""
    return on_canvas(real("hivision-demo2.jpg"), (1100, 1400), (80, 640))


# --- calibration: the figures the module docstring quotes ------------------------------------------------------

def variants(image: Image.Image):
    yield image
    yield image.resize((216, round(216 * image.height / image.width)), Image.Resampling.LANCZOS)
    for angle in (-10, 10):
        yield image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=image.getpixel((2, 2)))
    yield ImageEnhance.Brightness(image).enhance(0.6)
    yield ImageEnhance.Brightness(image).enhance(1.3)
    yield ImageEnhance.Contrast(image).enhance(0.5)


@pytest.mark.parametrize("name", PORTRAITS)
def test_every_real_portrait_has_exactly_one_face_however_it_is_taken(name):
    """Why "no face" and "more than one face" are errors: no real portrait, shrunk, turned, darker, brighter or
    flatter, gets either."""
    assert [len(find_faces(image)) for image in variants(real(name))] == [1] * 7


@pytest.mark.parametrize("name", ID_PHOTOS)
def test_a_finished_id_photo_has_nothing_wrong_with_its_face(name, tmp_path):
    assert face_codes(real(name), tmp_path) == []


@pytest.mark.parametrize("name", NON_PORTRAITS)
def test_a_photo_of_no_person_has_no_face(name, tmp_path):
    assert face_codes(real(name), tmp_path) == ["photo-no-face"]


def test_a_half_body_portrait_has_a_face_too_small():
    """The astronaut (NASA, public domain) from the waist up; and a loose real photo of a woman."""
    assert framing_problems(find_faces(real("skimage-astronaut.jpg")), SETTINGS)[0][0] == "photo-face-small"
    assert [code for code, _ in framing_problems(find_faces(real("hivision-test4.jpg")), SETTINGS)] == [
        "photo-face-small"]


def test_faces_are_fractions_of_the_photo_whatever_its_resolution():
    image = real("hivision-demo2.jpg")
    small, large = find_faces(image)[0], find_faces(image.resize((image.width * 3, image.height * 3)))[0]
    assert abs(small.centre - large.centre) < 0.03 and abs(small.height - large.height) < 0.04


# --- the folder: one photo per finding -------------------------------------------------------------------------

PEOPLE = [Candidate(row=i + 3, name=c["name"], id_number=c["id_number"], source=c["source"],
                    prior_level=c["prior_level"]) for i, c in enumerate(generate_batch(9, mistakes=False).candidates)]
CASES = [  # (the photo, the face findings it must get)
    (lambda: real("hivision-demo2.jpg"), []),
    # the card's portrait is found: an eighth of the photo's height, where the card's photo sits (right)
    (id_card_photo, ["photo-face-off-centre", "photo-face-small"]),
    (group_photo, ["photo-faces"]),
    (lambda: real("hivision-test4.jpg"), ["photo-face-small"]),  # half-body
    (close_up, ["photo-face-large", "photo-face-top"]),
    (off_centre, ["photo-face-off-centre"]),
    (head_cut, ["photo-face-top"]),
    (tilted, ["photo-face-tilted"]),
    (lambda: real("skimage-coffee.jpg").rotate(90, expand=True), ["photo-no-face"]),
]


def person_file(index: int) -> str:
    return f"{PEOPLE[index].id_number}{PEOPLE[index].name}.jpg"


def test_the_photo_check_reports_each_face_finding_in_a_folder(tmp_path):
    for index, (make, _) in enumerate(CASES):
        (tmp_path / person_file(index)).write_bytes(jpeg_bytes(make(), quality=92))
    check = check_photo_folder(tmp_path, PEOPLE, jobs=1)
    found: dict[str, list[str]] = {}
    for issue in check.report.issues:
        if issue.code in FACE_CODES:
            found.setdefault(issue.candidate.split(" ")[-1], []).append(issue.code)
    expected = {PEOPLE[index].name: sorted(codes) for index, (_, codes) in enumerate(CASES) if codes}
    assert {name: sorted(codes) for name, codes in found.items()} == expected
    errors = {issue.code for issue in check.report.issues if issue.is_error and issue.code in FACE_CODES}
    assert errors == {"photo-no-face", "photo-faces"}  # the rest are warnings


def test_the_sentences_say_what_was_found():
    off = sentence("photo-face-off-centre", framing_problems((Face(0.05, 0.3, 0.3, 0.4),), SETTINGS))
    assert "左侧" in off
    small = sentence("photo-face-small", framing_problems((Face(0.45, 0.3, 0.1, 0.1),), SETTINGS))
    assert "16%" in small and "修复照片" in small  # the head: the face box and 0.55 of it for hair and chin
    tilt = sentence("photo-face-tilted", framing_problems((Face(0.3, 0.3, 0.4, 0.4, tilt=-20),), SETTINGS))
    assert "20°" in tilt


def sentence(code, problems):
    return next(say(found, **params) for found, params in problems if found == code)


# --- 修复照片 crops the loose photo ---------------------------------------------------------------------------

def test_the_crop_is_the_certificate_framing_around_the_head():
    face = Face(0.4, 0.3, 0.2, 0.13)  # in a 1000 × 1500 photo: box 200 × 195 at (400, 450)
    left, top, right, bottom = certificate_crop(1000, 1500, face)
    head = 195 * 1.55  # crown 0.45 box heights above the box, chin 0.1 below
    assert abs((bottom - top) - head * 1.5) <= 1  # the head 2/3 of the height
    assert abs((right - left) / (bottom - top) - 358 / 441) < 0.01
    assert abs((left + right) / 2 - 500) <= 1  # centred on the face
    assert top < 450 - 0.45 * 195  # the crown inside, with a margin


@given(st.integers(200, 4000), st.integers(200, 5000), st.floats(0, 0.9), st.floats(0, 0.9),
       st.floats(0.02, 0.9), st.floats(0.02, 0.9))
def test_any_crop_is_inside_the_photo_holds_the_whole_head_and_is_centred_on_it(width, height, left, top, size,
                                                                                  tall):
    face = Face(left, top, size, tall)
    box = certificate_crop(width, height, face)
    if box is None:
        return
    crop_left, crop_top, crop_right, crop_bottom = box
    assert 0 <= crop_left < crop_right <= width and 0 <= crop_top < crop_bottom <= height  # never beyond the photo
    crown = (top - 0.45 * tall) * height
    chin = (top + 1.1 * tall) * height
    assert crop_top <= crown + 1 and chin <= crop_bottom + 1  # never through the head
    assert abs((crop_left + crop_right) / 2 - face.centre * width) <= 1.5
    crop_height = crop_bottom - crop_top
    assert abs((crop_right - crop_left) - crop_height * 358 / 441) <= 2
    assert chin - crown <= 0.8 * crop_height + 1


@pytest.mark.parametrize(("face", "why"), [
    (Face(0.02, 0.3, 0.2, 0.13), "the face at the left edge: a centred crop would be too narrow for the head"),
    (Face(0.4, 0.02, 0.2, 0.13), "the crown above the photo: the head is already cut"),
    (Face(0.3, 0.3, 0.4, 0.6), "the chin below the photo"),
])
def test_no_crop_cuts_through_the_head(face, why):
    assert certificate_crop(1000, 1500, face) is None, why


def test_fix_crops_a_loose_photo_to_one_that_passes_and_says_why_it_leaves_one(tmp_path):
    folder, out = tmp_path / "照片", tmp_path / "修复后"
    folder.mkdir()
    (folder / person_file(0)).write_bytes(jpeg_bytes(loose(), quality=92))
    small = real("hivision-test4.jpg")  # loose too, but its crop would be under 215 × 300
    (folder / person_file(1)).write_bytes(jpeg_bytes(small, quality=92))
    (folder / person_file(2)).write_bytes(jpeg_bytes(group_photo(), quality=92))
    check = check_photo_folder(folder, PEOPLE[:3], jobs=1)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert {"photo-face-small", "photo-face-off-centre"} <= {i.code for i in check.report.issues
                                                             if i.candidate.endswith(PEOPLE[0].name)}
    fixed = fix_photos(folder, check, out)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # originals untouched
    assert fixed.cropped == {person_file(0)}
    with Image.open(out / person_file(0)) as copy:
        assert copy.width > 215 and copy.height > 300
        assert abs(copy.width / copy.height - 358 / 441) < 0.01
        assert copy.height <= Image.open(folder / person_file(0)).height  # never upscaled
    again = check_photo_folder(out, PEOPLE[:3], jobs=1)
    assert not [i.code for i in again.report.issues if i.candidate.endswith(PEOPLE[0].name)]
    reasons = {(i.candidate.split(" ")[-1], dict(i.params)["reason"]) for i in fixed.unfixable}
    assert reasons == {(PEOPLE[1].name, "fix-crop-too-small"), (PEOPLE[1].name, "fix-background"),  # beige wall
                       (PEOPLE[2].name, "fix-faces")}


def test_fix_leaves_a_face_at_the_edge_uncropped_and_says_why(tmp_path):
    folder, out = tmp_path / "照片", tmp_path / "修复后"
    folder.mkdir()
    at_the_edge = on_canvas(real("hivision-demo2.jpg"), (900, 1100), (-60, 300))  # the face 2 % from the left
    (folder / person_file(0)).write_bytes(jpeg_bytes(at_the_edge, quality=92))
    check = check_photo_folder(folder, PEOPLE[:1], jobs=1)
    fixed = fix_photos(folder, check, out)
    assert fixed.cropped == set() and (out / person_file(0)).exists()  # copied as it is
    assert [dict(i.params)["reason"] for i in fixed.unfixable] == ["fix-crop-no-room"]
    assert "切到头部" in fixed.unfixable[0].message


def test_the_export_lists_the_crop_as_a_photo_fixed_line_only_where_it_cropped(tmp_path):
    folder, out = tmp_path / "照片", tmp_path / "修复后"
    folder.mkdir()
    (folder / person_file(0)).write_bytes(jpeg_bytes(loose(), quality=92))
    (folder / person_file(1)).write_bytes(jpeg_bytes(real("hivision-test4.jpg"), quality=92))
    check = check_photo_folder(folder, PEOPLE[:2], jobs=1)
    report = Report()
    report.extend(check.report.issues)
    settle_fixed_photos(report, fix_photos(folder, check, out))
    lines = {(i.code, i.candidate.split(" ")[-1]) for i in report.issues if i.code.startswith("photo-f")}
    assert ("photo-fixed", PEOPLE[0].name) in lines and ("photo-face-small", PEOPLE[1].name) in lines
    assert ("photo-face-small", PEOPLE[0].name) not in lines
    assert "裁剪为证件照构图" in next(i.message for i in report.issues if i.code == "photo-fixed")


def export_folders(tmp_path, batch, first_photo):
    photos, attachments = tmp_path / "照片", tmp_path / "附件"
    photos.mkdir()
    attachments.mkdir()
    for index, person in enumerate(batch.candidates):
        image = portrait(seed=index) if index else first_photo
        (photos / f"{person['id_number']}{person['name']}.jpg").write_bytes(jpeg_bytes(image, quality=95))
        for kind in ("身份证", "毕业证"):
            (attachments / f"{person['id_number']}{person['name']}{kind}.pdf").write_bytes(
                pdf_bytes(portrait(300, 200)))
    return photos, attachments


@pytest.mark.slow  # a whole export (the fast suite keeps the settle test above and the refusal below)
def test_the_export_crops_a_loose_photo_in_the_package(tmp_path, write_book, monkeypatch):
    monkeypatch.setattr(package, "libreoffice", lambda: None)
    batch = generate_batch(2, mistakes=False, exam=dt.date.today() + dt.timedelta(days=60))
    photos, attachments = export_folders(tmp_path, batch, loose())
    original = (photos / f"{batch.candidates[0]['id_number']}{batch.candidates[0]['name']}.jpg").read_bytes()
    result = export_package(write_book(batch.plan, batch.candidates), tmp_path / "out", photos=photos,
                            attachments=attachments)
    fixed = [i for i in result.report.issues if i.code == "photo-fixed"]
    assert [i.candidate.split(" ")[-1] for i in fixed] == [batch.candidates[0]["name"]]
    assert "裁剪为证件照构图" in fixed[0].message
    assert not [i for i in result.report.issues if i.code.startswith("photo-face")]
    name = f"{batch.candidates[0]['id_number']}{batch.candidates[0]['name']}.jpg"
    with Image.open(result.folder / "照片" / name) as packaged:
        assert abs(packaged.width / packaged.height - 358 / 441) < 0.01
    assert (photos / name).read_bytes() == original  # the clerk's photo untouched


def test_a_photo_with_no_face_stops_the_export(tmp_path, write_book, monkeypatch):
    monkeypatch.setattr(package, "libreoffice", lambda: None)
    batch = generate_batch(2, mistakes=False, exam=dt.date.today() + dt.timedelta(days=60))
    photos, attachments = export_folders(tmp_path, batch, ImageOps.pad(real("skimage-chelsea.jpg"), (358, 441)))
    with pytest.raises(ExportRefused) as refused:
        export_package(write_book(batch.plan, batch.candidates), tmp_path / "out", photos=photos,
                       attachments=attachments)
    errors = [(i.code, i.candidate.split(" ")[-1]) for i in refused.value.report.issues if i.is_error]
    assert errors == [("photo-no-face", batch.candidates[0]["name"])]


def test_opencv_is_loaded_only_when_a_face_is_looked_for():
    """The photo modules import without cv2 (校验 without photos, the export of a batch without a photo folder)."""
    probe = ("import sys, qzxl.photos.inspect, qzxl.photos.fix, qzxl.photos.batch, qzxl.photos.face; "
             "print('cv2' in sys.modules, 'numpy' in sys.modules)")
    output = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert output.split() == ["False", "False"]
