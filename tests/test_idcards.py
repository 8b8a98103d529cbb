"""身份证复印件: cards found in phone photos, straightened, turned, checked, and placed at true size on A4.

Every card here is drawn by qzxl.idcards.samples (made-up text, a drawn person, an emblem-like disc): never a
real card. The PDF is read back with pypdf and pdfplumber, not with the code that wrote it; the straightened
copy is compared with the drawn card itself.
"""

import datetime as dt
import io
import json
import random

import numpy as np
import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader
from support.examples import examples

from cli.commands import main
from qzxl.catalogue import say
from qzxl.idcards import copies
from qzxl.idcards.copies import ALL_PAGES, CopyResult, make_copies, sentences, side_from_name, stamp_text
from qzxl.idcards.detect import as_array, cards_in_photo, find_cards, worst_corner_error
from qzxl.idcards.quality import card_findings
from qzxl.idcards.samples import both_sides_photo, card_corners, draw_card, phone_photo
from qzxl.layout import RESULTS_SHEET
from qzxl.photos.samples import jpeg_bytes, pdf_bytes, portrait
from qzxl.report import Report
from qzxl.sheets.models import Candidate
from usecases.idcopy import idcopy_book

MM = 72 / 25.4
A4 = (595.28, 841.89)
ZHANG = Candidate(row=3, name="张三", id_number="330822199012153426", source="企业", prior_level="无")
LI = Candidate(row=4, name="李四", id_number="11010519491231002X", source="企业", prior_level="无")
WANG = Candidate(row=5, name="王五", id_number="330802198506060019", source="企业", prior_level="无")
ZHAO = Candidate(row=6, name="赵六", id_number="330802197001010014", source="企业", prior_level="无")


def photo_bytes(side: str, seed: int, background: str = "wood", **options) -> bytes:
    return jpeg_bytes(phone_photo(draw_card(side, seed=seed), background=background, seed=seed,
                                  **options).image, quality=85)


def likeness(a: np.ndarray, b: np.ndarray) -> float:
    """Correlation of two grey images of the same size."""
    a, b = (x.astype(np.float64).ravel() for x in (a, b))
    return float(np.corrcoef(a, b)[0, 1])


def grey(image: Image.Image, size=(300, 189)) -> np.ndarray:
    return np.asarray(image.convert("L").resize(size))


# Finding and straightening -------------------------------------------------------------------------------

@pytest.mark.parametrize(("side", "background", "seed"), [
    ("front", "wood", 1),  # the fast suite's card; the slow suite adds the others and any rotation and tilt below
    *(pytest.param(*case, marks=pytest.mark.slow) for case in [("back", "dark cloth", 2), ("front", "pattern", 3),
                                                               ("back", "wood", 4)]),
])
def test_a_card_on_a_desk_is_found_to_within_one_percent_and_turned_the_right_way_up(side, background, seed):
    drawn = draw_card(side, seed=seed)
    shot = phone_photo(drawn, background=background, seed=seed)
    (card,) = cards_in_photo(as_array(shot.image))
    assert worst_corner_error(card.corners, shot.corners) < 0.01
    assert card.side == side
    # upright: the copy looks like the drawn card, not like it turned half round
    copy = Image.fromarray(card.image)
    assert likeness(grey(copy), grey(drawn)) > 0.6 > likeness(grey(copy), grey(drawn.rotate(180)))


@pytest.mark.slow  # whole photos and whole runs: seconds each (CI runs the slow tests too)
@settings(max_examples=examples(6), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), side=st.sampled_from(["front", "back"]),
       background=st.sampled_from(["wood", "dark cloth", "pattern"]))
def test_any_rotation_and_tilt_up_to_30_degrees_on_a_contrasting_desk(seed, side, background):
    shot = phone_photo(draw_card(side, seed=seed), background=background, seed=seed, size=(1200, 900), glare=False)
    cards = cards_in_photo(as_array(shot.image))
    assert len(cards) == 1
    assert worst_corner_error(cards[0].corners, shot.corners) < 0.015
    assert cards[0].side == side
    # the corners are given from the upright card's top-left: the same order as the drawn card's
    assert np.abs(cards[0].corners - np.asarray(shot.corners)).max() < 0.015 * cards[0].source_width


@pytest.mark.slow  # whole photos and whole runs: seconds each (CI runs the slow tests too)
def test_white_paper_is_rejected_rather_than_cropped_wrong():
    for seed in range(6):
        shot = phone_photo(draw_card("front", seed=seed), background="white paper", seed=seed, size=(1200, 900))
        for card in find_cards(as_array(shot.image)):
            assert worst_corner_error(card.corners, shot.corners) < 0.03


def test_no_card_on_the_desk_and_a_card_cut_off_by_the_frame_are_not_cropped(tmp_path):
    empty = phone_photo(draw_card("front", seed=1), background="wood", seed=1, corners=[
        (-900, -900), (-700, -900), (-700, -800), (-900, -800)])  # the card lies outside the photo
    assert cards_in_photo(as_array(empty.image)) == []
    rng = random.Random(5)
    corners = [(x + 500, y) for x, y in card_corners((1600, 1200), rng, tilt=10)]  # pushed over the right edge
    cut = phone_photo(draw_card("back", seed=5), background="dark cloth", seed=5, corners=corners)
    assert max(x for x, _ in corners) > 1600
    assert cards_in_photo(as_array(cut.image)) == []
    (tmp_path / "张三身份证.jpg").write_bytes(jpeg_bytes(cut.image))
    result = make_copies(tmp_path, [ZHANG], tmp_path / "out")
    assert [issue.code for issue in result.report.issues] == ["idcard-not-found"]  # not cropped wrongly in silence
    assert "四角露全" in result.report.issues[0].message and not (tmp_path / "out").exists()


def test_a_tight_crop_is_used_as_it_is_and_turned_by_its_content():
    drawn = draw_card("back", seed=7)
    (card,) = cards_in_photo(as_array(drawn.rotate(180)))
    assert (card.cropped, card.side) == (False, "back")
    assert likeness(grey(Image.fromarray(card.image)), grey(drawn)) > 0.9
    upright = cards_in_photo(as_array(draw_card("front", seed=7).rotate(90, expand=True)))
    assert [(c.cropped, c.side) for c in upright] == [(False, "front")]


def test_both_cards_in_one_photo():
    photo, left, right = both_sides_photo(draw_card("front", seed=3), draw_card("back", seed=3), seed=4)
    cards = {card.side: card for card in cards_in_photo(as_array(photo))}
    assert set(cards) == {"front", "back"}
    assert worst_corner_error(cards["front"].corners, left) < 0.01
    assert worst_corner_error(cards["back"].corners, right) < 0.01


# Quality findings ----------------------------------------------------------------------------------------

def findings_of(image: Image.Image) -> list[str]:
    (card,) = cards_in_photo(as_array(image))
    return [code for code, _ in card_findings(card)]


@pytest.mark.slow  # whole photos and whole runs: seconds each (CI runs the slow tests too)
def test_quality_findings_each_on_its_own_photo():
    sharp = phone_photo(draw_card("front", seed=11), background="wood", seed=11, blur=0, glare=False)
    assert findings_of(sharp.image) == []
    blurred = phone_photo(draw_card("front", seed=11), background="wood", seed=11, blur=4, glare=False)
    assert findings_of(blurred.image) == ["idcard-blurred"]
    glare = phone_photo(draw_card("back", seed=12), background="dark cloth", seed=12, blur=0, glare=True)
    assert "idcard-glare" in findings_of(glare.image)
    small = phone_photo(draw_card("back", seed=13), background="wood", seed=13, blur=0, glare=False,
                        size=(800, 600))
    assert findings_of(small.image) == ["idcard-small"]
    decoy = phone_photo(draw_card("decoy", seed=50_001), background="dark cloth", seed=50_001, glare=False)
    assert findings_of(decoy.image) == ["idcard-not-resident-card"]


def test_a_blank_pale_card_is_neither_side():
    blank = Image.new("RGB", (1011, 638), (232, 238, 236))
    assert findings_of(blank) == ["idcard-side-unknown"]


@pytest.mark.parametrize(("name", "side"), [
    ("330822199012153426张三身份证人像面.jpg", "front"), ("张三身份证正面.jpg", "front"),
    ("张三身份证国徽面.png", "back"), ("张三身份证反面.jpg", "back"), ("张三 身份证 背面.jpeg", "back"),
    ("张三身份证.jpg", None), ("张三身份证正面反面.jpg", None),
])
def test_side_from_the_file_name(name, side):
    assert side_from_name(name) == side


# The page ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def attachments(tmp_path_factory):
    """张三: two phone photos, sides not named; 李四: both cards in one photo; 王五: only the 人像面 and a bank card;
    赵六: a PDF copy already. Plus another kind of attachment, left alone."""
    folder = tmp_path_factory.mktemp("附件")
    (folder / f"{ZHANG.id_number}张三身份证1.jpg").write_bytes(photo_bytes("back", 21, "wood", glare=False))
    (folder / f"{ZHANG.id_number}张三身份证2.jpg").write_bytes(photo_bytes("front", 22, "dark cloth", glare=False))
    photo, _, _ = both_sides_photo(draw_card("front", seed=23), draw_card("back", seed=23), seed=23)
    (folder / "李四身份证.jpg").write_bytes(jpeg_bytes(photo))
    (folder / "王五身份证人像面.jpg").write_bytes(photo_bytes("front", 24, "pattern", glare=False))
    (folder / "王五身份证国徽面.jpg").write_bytes(photo_bytes("decoy", 50_002, "dark cloth", glare=False))
    (folder / "赵六身份证.pdf").write_bytes(pdf_bytes(portrait(300, 200)))
    (folder / "张三毕业证.jpg").write_bytes(jpeg_bytes(portrait(300, 200)))
    return folder


@pytest.fixture(scope="module")
def made(attachments, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "身份证复印件"
    before = {p.name: p.read_bytes() for p in attachments.iterdir()}
    result = make_copies(attachments, [ZHANG, LI, WANG, ZHAO], out, stamp=stamp_text(None, dt.date(2026, 12, 7)))
    assert {p.name: p.read_bytes() for p in attachments.iterdir()} == before, "the trainees' files are untouched"
    return out, result


def test_who_gets_a_copy_and_who_is_listed(made):
    out, result = made
    assert sorted(p.name for p in out.iterdir()) == sorted([
        f"{ZHANG.id_number}张三_身份证复印件.pdf", f"{LI.id_number}李四_身份证复印件.pdf", ALL_PAGES])
    assert result.kept_pdf == [ZHAO.id_number]
    codes = sorted((issue.code, issue.candidate[-2:]) for issue in result.report.issues)
    assert codes == [("idcard-not-resident-card", "王五"), ("idcard-side-missing", "王五")]
    assert result.not_made == ["3308**********0019 王五"]


def test_the_page_is_exactly_a4_with_both_sides_at_true_size(made):
    out, _ = made
    path = out / f"{ZHANG.id_number}张三_身份证复印件.pdf"
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    assert [float(v) for v in reader.pages[0].mediabox] == [0, 0, *A4]
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/PrintScaling"] == "/None"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert (float(page.width), float(page.height)) == A4
        front, back = sorted(page.images, key=lambda image: image["top"])
        for image in (front, back):
            assert abs((image["x1"] - image["x0"]) / MM - 85.6) <= 0.3
            assert abs((image["bottom"] - image["top"]) / MM - 54.0) <= 0.3
            assert abs(image["x0"] + image["x1"] - A4[0]) < 0.5, "centred across the page"
        assert front["bottom"] < back["top"], "人像面 above 国徽面"
    text = reader.pages[0].extract_text().replace("\x00", "")  # pdfplumber leaves out the diagonal line
    assert "仅供职业技能等级认定申报使用" in text.replace(" ", "") and "2026年12月7日" in text.replace(" ", "")


def test_the_copies_are_upright_and_each_side_in_its_place(made):
    out, _ = made
    page = PdfReader(out / f"{ZHANG.id_number}张三_身份证复印件.pdf").pages[0]
    with pdfplumber.open(out / f"{ZHANG.id_number}张三_身份证复印件.pdf") as pdf:
        order = [image["name"] for image in sorted(pdf.pages[0].images, key=lambda image: image["top"])]
    images = {image.name.removesuffix(".jpg"): image.image for image in page.images}
    front, back = (images[name] for name in order)
    assert front.width >= 640 and front.width / front.height == pytest.approx(85.6 / 54, rel=0.01)
    for copy, drawn in ((front, draw_card("front", seed=22)), (back, draw_card("back", seed=21))):
        assert likeness(grey(copy), grey(drawn)) > 0.6 > likeness(grey(copy), grey(drawn.rotate(180)))


def test_the_font_is_embedded_as_a_subset(made):
    out, _ = made
    reader = PdfReader(out / ALL_PAGES)
    assert len(reader.pages) == 2  # 张三 and 李四, in 报名信息 order
    fonts = reader.pages[0]["/Resources"]["/Font"]
    (font,) = (fonts[name].get_object() for name in fonts)
    descendant = font["/DescendantFonts"][0].get_object()
    assert "+" in str(font["/BaseFont"]), "a subset (ABCDEF+Name)"
    descriptor = descendant["/FontDescriptor"].get_object()
    assert any(key in descriptor for key in ("/FontFile2", "/FontFile3"))


def test_the_line_can_be_switched_off_and_changed():
    day = dt.date(2026, 1, 2)
    assert stamp_text("无", day) == ""
    assert stamp_text("仅供电工四级申报", day) == "仅供电工四级申报  2026年1月2日"
    assert stamp_text(None, day) == stamp_text("  ", day) == "仅供职业技能等级认定申报使用  2026年1月2日"  # idcopy-stamp


def test_without_a_chinese_font_no_copy_is_written_and_the_package_is_named(attachments, tmp_path, monkeypatch):
    monkeypatch.setattr(copies, "chinese_font", lambda: None)
    result = make_copies(attachments, [ZHANG], tmp_path / "身份证复印件", stamp="仅供申报")
    assert [issue.code for issue in result.report.issues] == ["idcard-no-font"]
    assert "fonts-noto-cjk" in result.report.issues[0].message
    assert not (tmp_path / "身份证复印件").exists()
    unstamped = make_copies(attachments, [ZHANG], tmp_path / "无字", stamp="")
    assert list(unstamped.written) == [ZHANG.id_number]
    assert "/Font" not in PdfReader(unstamped.combined).pages[0]["/Resources"]


def test_a_candidate_with_no_id_card_image_is_listed(tmp_path):
    (tmp_path / "附件").mkdir()
    result = make_copies(tmp_path / "附件", [ZHANG], tmp_path / "out")
    assert [issue.code for issue in result.report.issues] == ["idcard-missing"]
    assert "3308**********3426" in result.report.issues[0].message and ZHANG.id_number not in str(
        result.report.as_dict())


def test_both_images_of_the_same_side(tmp_path):
    (tmp_path / "张三身份证a.jpg").write_bytes(photo_bytes("front", 31, glare=False))
    (tmp_path / "张三身份证b.jpg").write_bytes(photo_bytes("front", 32, "dark cloth", glare=False))
    result = make_copies(tmp_path, [ZHANG], tmp_path.parent / "same-side-out")
    assert [issue.code for issue in result.report.issues] == ["idcard-same-side"]
    assert "人像面" in result.report.issues[0].message


# The command, the button and the "already exists" rule -----------------------------------------------------

@pytest.mark.slow  # whole photos and whole runs: seconds each (CI runs the slow tests too)
def test_the_command_writes_a_new_folder_each_time_and_names_it(write_book, attachments, tmp_path, capsys):
    book = write_book({"org": "衢州示例培训学校"}, [{"name": "张三", "id_number": ZHANG.id_number},
                                                    {"name": "李四", "id_number": LI.id_number}])
    out = tmp_path / "输出"
    assert main(["idcopy", str(book), "--attachments", str(attachments), "--out", str(out)]) == 0
    first = capsys.readouterr().out
    assert "已生成 2 人的身份证复印件" in first and str(out / "身份证复印件") in first
    assert ZHANG.id_number not in first
    assert main(["idcopy", str(book), "--attachments", str(attachments), "--out", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["idcopy"]["folder"] == str(out / "身份证复印件-2") and data["idcopy"]["copies"] == 2
    assert sorted(p.name for p in out.iterdir()) == ["身份证复印件", "身份证复印件-2"]


@pytest.mark.slow  # whole photos and whole runs: seconds each (CI runs the slow tests too)
def test_the_command_exits_1_when_a_copy_cannot_be_made_and_2_without_an_attachments_folder(
        write_book, attachments, tmp_path, capsys):
    book = write_book({"org": "衢州示例培训学校"}, [{"name": "王五", "id_number": WANG.id_number}])
    assert main(["idcopy", str(book), "--attachments", str(attachments), "--out", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "缺少国徽面" in out and "不像居民身份证" in out
    assert main(["idcopy", str(book)]) == 2
    assert capsys.readouterr().err.strip() == say("run-no-attachments-folder", default="附件")


@pytest.mark.slow  # whole photos and whole runs: seconds each (CI runs the slow tests too)
def test_the_default_folders_are_beside_the_workbook(write_book, attachments, tmp_path):
    import shutil

    book = write_book({"org": "衢州示例培训学校"}, [{"name": "李四", "id_number": LI.id_number}])
    shutil.copytree(attachments, book.parent / "附件")
    run = idcopy_book(book)
    assert run.folder == book.parent / "身份证复印件" and list(run.result.written) == [LI.id_number]


@pytest.mark.slow  # whole photos and whole runs: seconds each (CI runs the slow tests too)
def test_the_button_through_the_file_port(write_book, attachments, tmp_path, capsys):
    import shutil

    from udfs.file_port import FilePort
    from udfs.runner import run_action

    book = write_book({"org": "衢州示例培训学校"}, [{"name": "李四", "id_number": LI.id_number},
                                                    {"name": "王五", "id_number": WANG.id_number}])
    shutil.copytree(attachments, book.parent / "附件")
    port = FilePort(book, tmp_path / "copy.xlsx")
    assert run_action("id_copies", port)
    folder = book.parent / "身份证复印件"
    assert port.statuses == [say("button-idcopy-status"), None]
    assert port.messages[-1] == "\n".join([say("idcopy-done", count=1, folder=folder),
                                           say("idcopy-not-made", count=1, names="3308**********0019 王五")])
    assert (folder / f"{LI.id_number}李四_身份证复印件.pdf").is_file()
    results = port.read_sheet(RESULTS_SHEET)
    assert str(results[0][0]).startswith(say("button-idcopy-title", folder="身份证复印件", summary=""))
    assert {row[-1] for row in results[2:] if row} >= {"idcard-side-missing", "idcard-not-resident-card"}
    # the command line's way to the same button
    assert main(["action", "id_copies", str(book), "--out", str(tmp_path / "copy2.xlsx")]) == 1  # 王五: errors
    assert "身份证复印件-2" in capsys.readouterr().out


def test_what_is_said_when_nothing_is_made_and_when_pdfs_are_kept(made):
    out, result = made
    assert sentences(result, out) == [say("idcopy-done", count=2, folder=out), say("idcopy-kept-pdf", count=1),
                                      say("idcopy-not-made", count=1, names="3308**********0019 王五")]
    assert sentences(CopyResult(Report()), out) == [say("idcopy-none")]


def test_image_bytes_are_read_from_memory_too():
    """The benchmark decodes from bytes as the command does from files: the same answer."""
    data = photo_bytes("back", 40, glare=False)
    with Image.open(io.BytesIO(data)) as opened:
        assert [c.side for c in cards_in_photo(as_array(opened))] == ["back"]


@pytest.mark.slow  # whole photos and whole runs: seconds each (CI runs the slow tests too)
def test_a_second_run_at_the_same_time_is_refused(write_book, attachments, tmp_path, capsys):
    from qzxl.files import exclusive_lock

    book = write_book({"org": "衢州示例培训学校"}, [{"name": "李四", "id_number": LI.id_number}])
    with exclusive_lock(tmp_path / "身份证复印件", wait=0):
        code = main(["idcopy", str(book), "--attachments", str(attachments), "--out", str(tmp_path)])
    assert code == 2
    assert capsys.readouterr().err.strip() == say("run-idcopy-busy", name="身份证复印件")


@pytest.mark.libreoffice  # the export runs LibreOffice for the forms' PDFs
def test_the_export_puts_the_composed_copy_in_the_package_and_lists_who_kept_photos(write_book, attachments, tmp_path,
                                                                                    monkeypatch):
    from usecases.export import export_package

    book = write_book({"org": "衢州示例培训学校", "occupation": "电工", "level": "四级/中级工",
                       "exam_date": dt.date(2027, 1, 20)},
                      [{"name": name, "id_number": c.id_number} for name, c in
                       (("张三", ZHANG), ("李四", LI), ("王五", WANG), ("赵六", ZHAO))])
    before = {p.name: p.read_bytes() for p in attachments.iterdir()}
    result = export_package(book, tmp_path / "申报材料", attachments=attachments, force=True)
    assert {p.name: p.read_bytes() for p in attachments.iterdir()} == before
    package = {p.relative_to(result.folder).as_posix() for p in result.files}
    ids = [f"附件/{c.id_number}{name}_身份证复印件.pdf" for name, c in (("张三", ZHANG), ("李四", LI), ("赵六", ZHAO))]
    assert set(ids) <= package and ALL_PAGES in package
    assert len(PdfReader(result.folder / ALL_PAGES).pages) == 2
    wang = sorted(name for name in package if "王五" in name)
    assert wang == [f"附件/{WANG.id_number}王五_身份证复印件.jpg", f"附件/{WANG.id_number}王五_身份证复印件_2.jpg"]
    (listed,) = [issue for issue in result.report.issues if issue.code == "export-idcopy-not-made"]
    assert "3308**********0019 王五" in listed.message and not listed.is_error
    assert not any(name.startswith(".") or "/." in name for name in package)
    monkeypatch.setattr(copies, "chinese_font", lambda: None)
    again = export_package(book, tmp_path / "申报材料2", attachments=attachments, force=True)
    assert [issue.code for issue in again.report.issues if issue.code.startswith("export-idcopy")] == [
        "export-idcopy-no-font"]


def test_the_results_sheet_keeps_every_problem_of_the_check_after_the_copies(write_book, tmp_path):
    """QA of the journey: 身份证复印件 left only its own findings in 校验结果 and cleared the marks of every
    报名信息 error; 校验结果 now holds the whole current 校验 too. (A PDF card is kept as it is: no image work.)"""
    import openpyxl

    from qzxl.sheets.reader import read_workbook
    from udfs.file_port import FilePort
    from udfs.runner import run_action
    from usecases.validate import validate_book

    book = write_book({"org": "衢州示例培训学校"}, [{"name": "李四", "id_number": LI.id_number, "mobile": "1381234567"}])
    (book.parent / "附件").mkdir()
    (book.parent / "附件" / f"{LI.id_number}李四身份证.pdf").write_bytes(pdf_bytes(portrait(300, 200, seed=1)))
    check = validate_book(read_workbook(book), attachments=book.parent / "附件").report
    (mobile,) = [issue for issue in check.issues if issue.key == "mobile"]
    port = FilePort(book, tmp_path / "copy.xlsx")
    assert run_action("id_copies", port)
    port.save()
    codes = {row[-1] for row in port.read_sheet(RESULTS_SHEET)[2:] if row and row[0]}
    assert {issue.code for issue in check.issues} <= codes and mobile.code in codes
    cell = openpyxl.load_workbook(tmp_path / "copy.xlsx")[mobile.sheet][mobile.cell]
    assert cell.comment is not None and cell.fill.fgColor.rgb == "FFFFC7CE"
