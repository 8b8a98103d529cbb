"""The four exam-day workbooks: 考场安排表, 签到表 (with photos), 桌贴 (8 a page) and 门贴 (a page a room).

A room's 门贴 takes more than a page only past 60 names (a 实操 hall), never a smaller font.

Written like the package's forms (:mod:`qzxl.export.forms`): XlsxWriter with every text through
``write_string``, A4, the export's margins, a static print area. The sign-in sheets print at 100 % with
body text of :data:`~qzxl.export.fit.FONT_SIZE` (10.5 pt) and no fit-to-page, so nothing on them shrinks
below 10 pt; each photo is fitted inside its own row's 照片 cell, and every page repeats the header (batch,
subject, time, place, room). The desk cards sit in dashed cut boxes, two across and four down, eight a page.

>>> sheet_name("理论", "第1试场", set())
'理论-第1试场'
>>> sheet_name("理论", "A/B:1", {"理论-A-B-1"})
'理论-A-B-1-2'
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

from qzxl.examkit.rooms import PRACTICE, Room
from qzxl.export import forms
from qzxl.export.fit import FONT_SIZE, column_pixels, fit_box, points_to_pixels, width_for
from qzxl.values.privacy import mask_id

NO_PHOTO = "无照片"
SIGN_IN_WIDTHS = (7, 12, width_for("33082219901215342X"), 10, 20, 10)  # 座位号 姓名 证件号码 照片 签名 备注
SIGN_IN_HEADERS = ("座位号", "姓名", "证件号码", "照片", "签名", "备注")
SIGN_IN_PHOTO_COLUMN = 3
SIGN_IN_ROW_POINTS = 60  # a row tall enough for a recognisable face: about 80 px, ten rows a page
SIGN_IN_HEADER_ROW = 4
CARD_WIDTHS = (30, 14)  # one card: its text, its photo; two cards across the page
CARD_ROW_POINTS = (36, 30, 24, 40, 40)  # 姓名, 座位, 准考证号, 科目和时间, 地点: 170 pt, four cards a page
CARDS_ACROSS, CARDS_DOWN = 2, 4
CUT_LINE = 3  # XlsxWriter's dashed border
DOOR_WIDTHS = (9, 18) * 3  # three 座位号/姓名 pairs across
DOOR_NAMES_PER_PAGE = 60  # 20 lines of 28 pt under the 162 pt heading: one A4 page at 100 %
PHOTO_PIXELS_PER_BOX_PIXEL = 2
SIGN_IN_FOOTER = "&C&11第 &P 页，共 &N 页"  # page numbers as large as the body text, not the default 10 pt
PHOTO_MARGIN_PX = 3
_UNSAFE_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Batch:
    """What every sheet's header says about the batch."""

    org: str
    occupation: str
    level: str

    @property
    def title(self) -> str:
        return "  ".join(part for part in (self.org, f"{self.occupation}{self.level}") if part)


def new_book(path: Path) -> xlsxwriter.Workbook:
    """As the forms' books, assembled in memory: a kit's thousand images would otherwise each be a temporary file."""
    return xlsxwriter.Workbook(str(path), {**forms.SAFE_OPTIONS, "in_memory": True})


def sheet_name(subject: str, room: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts (31 characters, none of []:*?/\\), unique in its workbook."""
    base = _UNSAFE_IN_SHEET_NAMES.sub("-", f"{subject}-{room}")[:28]
    name, counter = base, 2
    while name in taken:
        name, counter = f"{base}-{counter}", counter + 1
    taken.add(name)
    return name


class Formats:
    """Formats made once per workbook, by size, weight, alignment and which sides carry a line."""

    def __init__(self, book) -> None:
        self.book = book
        self._made: dict[tuple, object] = {}

    def __call__(self, size: float = FONT_SIZE, *, bold: bool = False, align: str = "left", border: int = 0,
                 sides: str = "", valign: str = "vcenter"):
        key = (size, bold, align, border, sides, valign)
        if key not in self._made:
            options = {"font_name": forms.FONT, "font_size": size, "bold": bold, "align": align, "valign": valign,
                       "text_wrap": True, "border": border}
            options.update(dict.fromkeys(sides.split(), CUT_LINE))
            self._made[key] = self.book.add_format(options)
        return self._made[key]


def photo_boxes() -> dict[str, tuple[int, int]]:
    """The boxes a photo fills, in pixels: its cell on a sign-in sheet and on a desk card, less the margins."""
    cells = {"sign_in": (column_pixels(SIGN_IN_WIDTHS[SIGN_IN_PHOTO_COLUMN]), points_to_pixels(SIGN_IN_ROW_POINTS)),
             "card": (column_pixels(CARD_WIDTHS[1]), points_to_pixels(sum(CARD_ROW_POINTS)))}
    return {key: (width - 2 * PHOTO_MARGIN_PX, height - 2 * PHOTO_MARGIN_PX) for key, (width, height) in cells.items()}


class Photos:
    """Each candidate's photo read once, upright, and kept as a small JPEG for each box it is printed in.

    Sized for its box (:data:`PHOTO_PIXELS_PER_BOX_PIXEL`, about 190 dpi on paper): LibreOffice re-encodes
    every placed image, so pixels beyond what prints cost time on every page (benchmarks/examkit.py).
    """

    def __init__(self, files: Mapping[str, Path]) -> None:
        self.files, self.boxes = files, photo_boxes()
        self._read: dict[str, dict[str, tuple[bytes, tuple[int, int]]] | None] = {}

    def get(self, id_number: str) -> dict[str, tuple[bytes, tuple[int, int]]] | None:
        """JPEG bytes and pixel size by box, or None when the candidate has no photo that can be read."""
        if id_number not in self._read:
            path = self.files.get(id_number)
            try:
                self._read[id_number] = self._encode(path) if path else None
            except (OSError, ValueError):  # unreadable after all: the sheet says 无照片, as for a missing one
                self._read[id_number] = None
        return self._read[id_number]

    def _encode(self, path: Path) -> dict[str, tuple[bytes, tuple[int, int]]]:
        from PIL import Image, ImageOps

        largest = max(max(box) for box in self.boxes.values()) * PHOTO_PIXELS_PER_BOX_PIXEL
        with Image.open(path) as original:
            original.draft("RGB", (largest, largest))  # a JPEG decodes at a fraction of its size, when that is enough
            image = ImageOps.exif_transpose(original).convert("RGB")
        encoded = {}
        for key, (width, height) in sorted(self.boxes.items(), key=lambda item: -item[1][0] * item[1][1]):
            image.thumbnail((width * PHOTO_PIXELS_PER_BOX_PIXEL, height * PHOTO_PIXELS_PER_BOX_PIXEL),
                            Image.Resampling.LANCZOS)  # the largest box first, each smaller one from the last
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=88)
            encoded[key] = (buffer.getvalue(), image.size)
        return encoded

    def insert(self, ws, row: int, col: int, id_number: str, key: str) -> bool:
        """The photo fitted inside its ``key`` box at the cell's top left, a margin all round; False if none."""
        photos = self.get(id_number)
        if photos is None:
            return False
        data, size = photos[key]
        inner = self.boxes[key]
        width, height, x, y = fit_box(size, inner)
        ws.insert_image(row, col, f"{id_number or 'photo'}.jpg", {
            "image_data": io.BytesIO(data), "x_scale": width / size[0], "y_scale": height / size[1],
            "x_offset": x + PHOTO_MARGIN_PX, "y_offset": y + PHOTO_MARGIN_PX, "object_position": 1})
        return True


def _shown_id(number: str, full: bool) -> str:
    return number if full else mask_id(number)


def _staff(room: Room) -> str:
    return "考评员" if room.session.subject == PRACTICE else "监考人员"


# 考场安排表 --------------------------------------------------------------------------------------

ARRANGEMENT_HEADERS = ("科目", "日期", "时间", "地点", "考场", "人数", "座位号", "监考/考评员（签名）")
ARRANGEMENT_WIDTHS = (8, 12, 14, 30, 14, 7, 10, 30)


def write_arrangement(path: Path, batch: Batch, rooms: Sequence[Room]) -> None:
    """One line per room and session: subject, date and time, place, room, count, seat range, names to fill."""
    book = new_book(path)
    f = Formats(book)
    ws = book.add_worksheet("考场安排表")
    g = forms.Grid(ws, ARRANGEMENT_WIDTHS)
    last = len(ARRANGEMENT_WIDTHS) - 1
    g.put(0, 0, last, "考场安排表", f(forms.TITLE_SIZE, bold=True, align="center"))
    g.height(0, 34)
    g.line(1, [(0, last, batch.title, f())])
    g.line(2, [(c, c, h, f(bold=True, align="center", border=1)) for c, h in enumerate(ARRANGEMENT_HEADERS)],
           minimum=22)
    row = 3
    for room in rooms:
        session = room.session
        g.line(row, [(0, 0, session.subject, f(align="center", border=1)),
                     (1, 1, forms.text(session.date), f(align="center", border=1)),
                     (2, 2, session.time, f(align="center", border=1)), (3, 3, session.place, f(border=1)),
                     (4, 4, room.name, f(align="center", border=1)),
                     (5, 5, str(len(room.seats)), f(align="center", border=1)),
                     (6, 6, room.seat_range, f(align="center", border=1)), (7, 7, "", f(border=1))], minimum=30)
        row += 1
    g.line(row, [(0, last, f"合计 {sum(len(r.seats) for r in rooms)} 人次，{len(rooms)} 个考场。", f())])
    forms.page_setup(ws, row, last, landscape=True, repeat_rows=(2, 2), page_numbers=True)
    book.close()


# 签到表 -----------------------------------------------------------------------------------------

def write_sign_in(path: Path, batch: Batch, rooms: Sequence[Room], photos: Photos, *, full_ids: bool) -> None:
    """A worksheet per room and session: header, a row per seat with the photo in it, the signatures below."""
    book = new_book(path)
    f = Formats(book)
    taken: set[str] = set()
    for room in rooms:
        ws = book.add_worksheet(sheet_name(room.session.subject, room.name, taken))
        g = forms.Grid(ws, SIGN_IN_WIDTHS)
        last = len(SIGN_IN_WIDTHS) - 1
        session = room.session
        g.put(0, 0, last, f"{session.subject}考试签到表", f(forms.TITLE_SIZE, bold=True, align="center"))
        g.height(0, 34)
        g.line(1, [(0, last, batch.title, f())])
        g.line(2, [(0, last, f"科目：{session.subject}    时间：{session.when}", f())])
        g.line(3, [(0, last, f"地点：{session.place}    考场：{room.name}", f())])
        g.line(SIGN_IN_HEADER_ROW, [(c, c, h, f(bold=True, align="center", border=1))
                                    for c, h in enumerate(SIGN_IN_HEADERS)], minimum=24)
        row = SIGN_IN_HEADER_ROW + 1
        for seat in room.seats:
            cells = [(0, 0, seat.seat, f(align="center", border=1)), (1, 1, seat.name, f(align="center", border=1)),
                     (2, 2, _shown_id(seat.id_number, full_ids), f(align="center", border=1)),
                     (3, 3, "", f(align="center", border=1)), (4, 4, "", f(border=1)), (5, 5, "", f(border=1))]
            g.line(row, cells, minimum=SIGN_IN_ROW_POINTS)
            if not photos.insert(ws, row, SIGN_IN_PHOTO_COLUMN, seat.id_number, "sign_in"):
                ws.write_string(row, SIGN_IN_PHOTO_COLUMN, NO_PHOTO, f(align="center", border=1))
            row += 1
        staff = _staff(room)
        g.line(row, [(0, last, f"应到 {len(room.seats)} 人    实到 ______ 人    缺考 ______ 人", f())], minimum=30)
        g.line(row + 1, [(0, last, f"{staff}签名：____________________    ____________________", f())], minimum=30)
        forms.page_setup(ws, row + 1, last, repeat_rows=(0, SIGN_IN_HEADER_ROW))  # every page says which room
        ws.set_footer(SIGN_IN_FOOTER)
    book.close()


# 桌贴 -------------------------------------------------------------------------------------------

def card_seat(room: Room, seat: str) -> str:
    return f"{room.name}  {seat} 号"


def write_desk_cards(path: Path, batch: Batch, rooms: Sequence[Room], photos: Photos) -> None:
    """Eight cards a page in dashed cut boxes: 姓名, seat, 准考证号 when known, subject and time, photo."""
    book = new_book(path)
    f = Formats(book)
    ws = book.add_worksheet("桌贴")
    g = forms.Grid(ws, CARD_WIDTHS * CARDS_ACROSS)
    cards = [(room, seat) for room in rooms for seat in room.seats]
    per_card = len(CARD_ROW_POINTS)
    for index, (room, seat) in enumerate(cards):
        top = (index // CARDS_ACROSS) * per_card
        left = (index % CARDS_ACROSS) * len(CARD_WIDTHS)
        session = room.session
        lines = (
            (seat.name, f(20, bold=True, sides="left top")),
            (card_seat(room, seat.seat), f(16, bold=True, sides="left")),
            (f"准考证号：{seat.ticket}" if seat.ticket else "", f(sides="left")),
            (f"{session.subject}  {session.when}", f(sides="left")),
            (f"地点：{session.place}", f(sides="left bottom", valign="top")),
        )
        for offset, (value, style) in enumerate(lines):
            ws.write_string(top + offset, left, value, style)
        ws.merge_range(top, left + 1, top + per_card - 1, left + 1, "",
                       f(align="center", sides="right top bottom"))
        if not photos.insert(ws, top, left + 1, seat.id_number, "card"):
            ws.write_string(top, left + 1, NO_PHOTO, f(align="center", sides="right top bottom"))
    rows = -(-len(cards) // CARDS_ACROSS) * per_card
    for row in range(rows):
        g.height(row, CARD_ROW_POINTS[row % per_card])
    ws.set_h_pagebreaks(list(range(CARDS_DOWN * per_card, rows, CARDS_DOWN * per_card)))
    forms.page_setup(ws, rows - 1, len(CARD_WIDTHS) * CARDS_ACROSS - 1)
    book.close()


# 门贴 -------------------------------------------------------------------------------------------

def write_door_lists(path: Path, batch: Batch, rooms: Sequence[Room]) -> None:
    """One A4 page per room and session in a large font: room, time, subject, the seat list.

    Up to :data:`DOOR_NAMES_PER_PAGE` names a page, never shrunk: a larger room (a 实操 hall of 200) goes on
    over more pages, each with the room's heading, names in columns down each page.
    """
    book = new_book(path)
    f = Formats(book)
    taken: set[str] = set()
    pairs = len(DOOR_WIDTHS) // 2
    last = len(DOOR_WIDTHS) - 1
    for room in rooms:
        ws = book.add_worksheet(sheet_name(room.session.subject, room.name, taken))
        g = forms.Grid(ws, DOOR_WIDTHS)
        session = room.session
        g.put(0, 0, last, room.name, f(48, bold=True, align="center"))
        g.height(0, 70)
        g.put(1, 0, last, f"{session.subject}  {session.when}", f(22, bold=True, align="center"))
        g.height(1, 36)
        g.put(2, 0, last, f"{session.place}    {len(room.seats)} 人", f(16, align="center"))
        g.height(2, 30)
        for pair in range(pairs):
            g.put(3, 2 * pair, 2 * pair, "座位号", f(14, bold=True, align="center", border=1))
            g.put(3, 2 * pair + 1, 2 * pair + 1, "姓名", f(14, bold=True, align="center", border=1))
        g.height(3, 26)
        row, breaks = 4, []
        for start in range(0, len(room.seats), DOOR_NAMES_PER_PAGE):
            page = room.seats[start:start + DOOR_NAMES_PER_PAGE]
            down = -(-len(page) // pairs)
            breaks += [row] if start else []
            for index, seat in enumerate(page):
                pair = index // down
                g.put(row + index % down, 2 * pair, 2 * pair, seat.seat, f(16, align="center", border=1))
                g.put(row + index % down, 2 * pair + 1, 2 * pair + 1, seat.name, f(16, align="center", border=1))
            for line in range(row, row + down):
                g.height(line, 28)
            row += down
        ws.set_h_pagebreaks(breaks)
        forms.page_setup(ws, row - 1, last, repeat_rows=(0, 3))
    book.close()
