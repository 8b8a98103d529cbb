"""考务材料 as printed: the PDFs LibreOffice makes of the kit, read back by pdfplumber (slow suite).

Every candidate of a session's subject is on exactly one sign-in sheet of that session, the right room's,
with their photo inside their own row's cell; no text on a sign-in sheet is below 10 pt; every desk card's
text and photo lie inside one cut box.
"""

from __future__ import annotations

import itertools
import shutil

import pdfplumber
import pytest
from support.examkit_samples import write_batch

from qzxl.layout import EXAM_KIT_FILES
from usecases.examkit import make_exam_kit

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")]
EPSILON = 0.5  # points: lines and boxes as LibreOffice draws them


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """45 people, the third without a photo, the sixth 实操 only: 理论 in 2 rooms, 实操 in one."""
    folder = tmp_path_factory.mktemp("pdf")
    batch, book = write_batch(folder, 45, missing_photo=2)
    result = make_exam_kit(book)
    assert "PDF" in result.pdf_note and (result.folder / "PDF").is_dir(), result.pdf_note
    return batch, result


def pdf(result, key: str):
    return pdfplumber.open(result.folder / "PDF" / EXAM_KIT_FILES[key].replace(".xlsx", ".pdf"))


def lines_at(page, orientation: str) -> list[float]:
    key = "x0" if orientation == "v" else "top"
    return sorted({round(edge[key], 1) for edge in page.edges if edge["orientation"] == orientation})


def between(value: float, marks: list[float]) -> tuple[float, float] | None:
    """The two neighbouring lines ``value`` lies between."""
    for low, high in itertools.pairwise(marks):
        if low - EPSILON <= value <= high + EPSILON:
            return low, high
    return None


def test_every_candidate_is_once_on_their_rooms_sign_in_sheet_with_their_photo_in_their_row(kit):
    batch, result = kit
    names = [p["name"] for p in batch.candidates]
    expected = {(room.session.subject, room.name): [seat.name for seat in room.seats] for room in result.seating.rooms}
    found: dict[tuple[str, str], list[str]] = {}
    with pdf(result, "sign_in") as document:
        for page in document.pages:
            text = page.extract_text()
            subject = next(s for s in ("理论", "实操") if f"科目：{s}" in text)
            room = text.split("考场：", 1)[1].split()[0]
            rows, columns = lines_at(page, "h"), lines_at(page, "v")
            photo_column = columns[3], columns[4]  # 座位号 姓名 证件号码 | 照片 | 签名 备注
            words = [w for w in page.extract_words() if w["text"] in names and columns[1] < w["x0"] < columns[2]]
            images = {between((image["top"] + image["bottom"]) / 2, rows): image for image in page.images}
            for word in words:
                found.setdefault((subject, room), []).append(word["text"])
                row = between((word["top"] + word["bottom"]) / 2, rows)
                image = images.pop(row, None)
                if word["text"] == names[2]:
                    assert image is None and "无照片" in page.crop((photo_column[0], row[0], photo_column[1],
                                                                   row[1])).extract_text()
                    continue
                assert image is not None, word["text"]
                assert photo_column[0] - EPSILON <= image["x0"] < image["x1"] <= photo_column[1] + EPSILON
                assert row[0] - EPSILON <= image["top"] < image["bottom"] <= row[1] + EPSILON
            assert images == {}  # no photo outside a candidate's row
    assert found == expected
    assert found[("理论", "第1试场")] + found[("理论", "第2试场")] == names == found[("实操", "实操考场")]


def test_no_text_on_a_sign_in_sheet_is_below_10_points(kit):
    _, result = kit
    with pdf(result, "sign_in") as document:
        sizes = [char["size"] for page in document.pages for char in page.chars]
    assert sizes and min(sizes) >= 10


def test_desk_cards_are_inside_their_cut_boxes_eight_a_page(kit):
    batch, result = kit
    names = {p["name"] for p in batch.candidates}
    cards = 0
    with pdf(result, "desk_cards") as document:
        assert len(document.pages) == -(-90 // 8)
        for page in document.pages:
            across, down = lines_at(page, "v"), lines_at(page, "h")
            assert all(edge.get("stroking_color") is not None for edge in page.edges)
            boxes: dict[tuple, list[str]] = {}
            for char in page.chars:  # no character crosses a cut line
                assert not any(char["x0"] + EPSILON < x < char["x1"] - EPSILON for x in across), char["text"]
                assert not any(char["top"] + EPSILON < y < char["bottom"] - EPSILON for y in down), char["text"]
            for word in page.extract_words():
                box = (between(word["x0"], across), between(word["top"], down))
                assert None not in box and between(word["x1"], across) == box[0], word["text"]
                if word["text"] in names:
                    boxes.setdefault(box, []).append(word["text"])
            for image in page.images:
                box = (between(image["x0"], across), between(image["top"], down))
                assert between(image["x1"], across) == box[0] and between(image["bottom"], down) == box[1]
                assert len(boxes.get(box, [])) == 1  # the photo shares its box with one name
            assert all(len(found) == 1 for found in boxes.values())
            assert len(boxes) <= 8
            cards += len(boxes)
    assert cards == 90


def test_door_lists_are_one_page_a_room_in_a_large_font(kit):
    _, result = kit
    with pdf(result, "door_lists") as document:
        assert len(document.pages) == len(result.seating.rooms)
        for page, room in zip(document.pages, result.seating.rooms, strict=True):
            biggest = max(page.chars, key=lambda char: char["size"])
            assert biggest["size"] >= 36 and room.name.startswith(biggest["text"])
            text = page.extract_text()
            assert all(seat.name in text for seat in room.seats)


def test_a_large_rooms_door_list_goes_on_over_pages_never_shrunk(tmp_path):
    from qzxl.examkit.documents import Batch, write_door_lists
    from qzxl.examkit.rooms import Room, Seat, Session
    from qzxl.export.package import convert_to_pdf

    room = Room(Session("实操", None, "13:30", "实训楼"), "实操考场", [Seat(str(n), f"学员{n}", "") for n in range(1, 131)])
    write_door_lists(tmp_path / "门贴.xlsx", Batch("", "", ""), [room])
    convert_to_pdf([tmp_path / "门贴.xlsx"], tmp_path / "PDF")
    with pdfplumber.open(tmp_path / "PDF" / "门贴.pdf") as document:
        assert len(document.pages) == 3
        for page in document.pages:
            assert "实操考场" in page.extract_text()  # the heading on every page
            names = [w for w in page.extract_words() if w["text"].startswith("学员")]
            assert names and min(w["bottom"] - w["top"] for w in names) >= 14  # 16 pt as written, not fitted down
        listed = [w["text"] for page in document.pages for w in page.extract_words() if w["text"].startswith("学员")]
    assert sorted(listed) == sorted(f"学员{n}" for n in range(1, 131))
