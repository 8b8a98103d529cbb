"""Sizes for print: the lines a text needs in a column, the row height that holds them, a photo fitted to a box.

XlsxWriter cannot measure text and Excel never grows a row for a merged
cell, so the forms size every row themselves, generously enough for the
fonts that print them: SimSun in Excel, Noto Sans CJK with DejaVu Sans (the
widest Latin digits) in LibreOffice. Column widths are Excel's character
units; XlsxWriter turns them into pixels as Excel does for its default font.

>>> column_pixels(10)
75
>>> line_count("衢州市衢江区明远职业技能培训学校", 20)  # 16 characters, about 10 fit in 20 units
2
>>> fit_box((900, 1200), (140, 196))  # a phone photo in an ID-photo box: width fills, centred vertically
(140, 186, 0, 5)
"""

from __future__ import annotations

import functools
import io
import math
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

FONT_SIZE = 10.5  # 五号, the size of the college's blank forms
CELL_PADDING_PX = 8  # left and right inside a cell, with room to spare
LINE_PITCH = 1.45  # line height per point of font size (Noto Sans CJK is the tallest of the fonts used)
ROW_PADDING_PT = 4.0
NARROW_EM = 0.64  # a Latin letter or digit, as wide as DejaVu Sans's digits
PHOTO_SUPERSAMPLE = 3  # photo pixels per box pixel: about 290 dpi on paper, sharp enough for a form
_TOKENS = re.compile(r"[A-Za-z0-9@._\-/+#%]+|.", re.DOTALL)


def column_pixels(width: float) -> int:
    """Pixels of a column ``width`` characters wide (XlsxWriter's and Excel's rule for the default font)."""
    if width <= 0:
        return 0
    if width < 1:
        return int(width * 12 + 0.5)
    return int(width * 7 + 0.5) + 5


def points_to_pixels(points: float) -> int:
    return int(points * 4 / 3 + 0.5)


@functools.lru_cache(maxsize=8192)
def char_pixels(char: str, font_size: float = FONT_SIZE) -> float:
    em = font_size * 4 / 3
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return em
    return em * (0.3 if char == " " else NARROW_EM)


def text_pixels(text: str, font_size: float = FONT_SIZE) -> float:
    return sum(char_pixels(char, font_size) for char in text)


@functools.lru_cache(maxsize=8192)  # labels and the fixed sentences repeat on every form
def line_count(text: str, width: float, font_size: float = FONT_SIZE) -> int:
    """Lines ``text`` takes when wrapped in a cell ``width`` characters wide (explicit line breaks kept).

    Chinese breaks between any two characters; a run of Latin letters and digits (an ID number, an
    e-mail address) stays whole unless it alone is wider than the cell.
    """
    usable = max(column_pixels(width) - CELL_PADDING_PX, 1)
    total = 0
    for paragraph in str(text).split("\n"):
        lines, used = 1, 0.0
        for token in _TOKENS.findall(paragraph):
            size = text_pixels(token, font_size)
            if used + size <= usable:
                used += size
                continue
            if size <= usable:
                lines, used = lines + 1, size
                continue
            for char in token:  # a token wider than the cell breaks anywhere
                step = char_pixels(char, font_size)
                if used + step > usable and used > 0:
                    lines, used = lines + 1, 0.0
                used += step
        total += lines
    return total


def width_for(text: str, font_size: float = FONT_SIZE) -> float:
    """The column width, in characters, that holds ``text`` on one line.

    >>> column_pixels(width_for("330822199012153420")) >= text_pixels("330822199012153420") + CELL_PADDING_PX
    True
    """
    return math.ceil((text_pixels(text, font_size) + CELL_PADDING_PX - 5) / 7 * 4) / 4


def lines_height(lines: int, font_size: float = FONT_SIZE) -> float:
    return round(lines * font_size * LINE_PITCH + ROW_PADDING_PT, 1)


def row_height(cells: Iterable[tuple[object, float]], *, minimum: float = 0.0, font_size: float = FONT_SIZE,
               extra_lines: int = 0) -> float:
    """Points for a row holding each (text, width in characters) of ``cells``, at least ``minimum``."""
    lines = max((line_count(str(text), width, font_size) for text, width in cells), default=1)
    return max(minimum, lines_height(lines + extra_lines, font_size))


def fit_box(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int, int, int]:
    """(width, height, x offset, y offset) of ``size`` scaled to fit in ``box``: aspect kept, centred."""
    width, height = size
    scale = min(box[0] / width, box[1] / height)
    fitted = (max(1, math.floor(width * scale)), max(1, math.floor(height * scale)))
    return (*fitted, (box[0] - fitted[0]) // 2, (box[1] - fitted[1]) // 2)


def photo_for_box(path: Path, box: tuple[int, int]) -> tuple[io.BytesIO, tuple[int, int]]:
    """The photo upright, as a JPEG of at most ``PHOTO_SUPERSAMPLE`` times the box, and its pixel size.

    A phone photo stays a phone photo on disk; the form only needs enough pixels for its box, and a
    1,000-person workbook of 2 MB photos would not open.
    """
    from PIL import Image, ImageOps

    with Image.open(path) as original:
        image = ImageOps.exif_transpose(original).convert("RGB")
    image.thumbnail((box[0] * PHOTO_SUPERSAMPLE, box[1] * PHOTO_SUPERSAMPLE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, dpi=(96, 96))
    buffer.seek(0)
    return buffer, image.size
