"""The copy's PDF: both sides of the card at true size on one A4 page, written with fpdf2 (pure Python).

The page is exactly A4 (595.28 × 841.89 pt); each side is placed at 85.6 × 54.0 mm, 人像面 above
国徽面, the pair centred; a light diagonal line of text crosses both (the purpose and the date) so
the copy cannot serve another purpose; and the file asks viewers not to scale it when printing
(``/ViewerPreferences << /PrintScaling /None >>``). The font's subset is embedded.

>>> import io
>>> from PIL import Image
>>> from pypdf import PdfReader
>>> side = Image.new("RGB", (1011, 638), "white")
>>> buffer = io.BytesIO()
>>> write_pages([(side, side)], buffer, stamp="仅供职业技能等级认定申报使用 2026-12-07")
>>> page = PdfReader(buffer).pages[0]
>>> [float(v) for v in page.mediabox]
[0.0, 0.0, 595.28, 841.89]
"""

from __future__ import annotations

import atexit
import io
import math
import shutil
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import BinaryIO

from PIL import Image

from qzxl.files import leftover_prefix
from qzxl.idcards.fonts import FontFile, chinese_font
from qzxl.photos.attachments import KIND_BY_KEY

CARD_MM = (85.6, 54.0)
GAP_MM = 16.0  # between the two sides
JPEG_QUALITY = 90
STAMP_GREY = (110, 110, 110)
STAMP_OPACITY = 0.45


def _jpeg(image: Image.Image) -> io.BytesIO:
    """As JPEG bytes: fpdf2 embeds those as they are (a PIL image would be stored uncompressed)."""
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=JPEG_QUALITY, dpi=(300, 300))
    buffer.seek(0)
    return buffer


def write_pages(pairs: Sequence[tuple[Image.Image, Image.Image]], target: Path | BinaryIO, *, stamp: str = "",
                font: FontFile | None = None) -> None:
    """One page per (人像面, 国徽面) pair; ``stamp`` the diagonal line ("" for none; it needs ``font``)."""
    from fpdf import FPDF, ViewerPreferences

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.set_creator("qzxl")
    pdf.set_title(KIND_BY_KEY["id_card"].label)
    pdf.viewer_preferences = ViewerPreferences(print_scaling="None")
    font = font or (chinese_font() if stamp else None)
    if stamp and font is not None:
        pdf.add_font("stamp", fname=str(_subset(font, stamp)))
    width, height = CARD_MM
    left = (pdf.w - width) / 2
    top = (pdf.h - 2 * height - GAP_MM) / 2
    for front, back in pairs:
        pdf.add_page()
        pdf.image(_jpeg(front), x=left, y=top, w=width, h=height)
        pdf.image(_jpeg(back), x=left, y=top + height + GAP_MM, w=width, h=height)
        if stamp and font is not None:
            _stamp(pdf, stamp, (left, top, width, 2 * height + GAP_MM))
    pdf.output(target)


@cache
def _subset(font: FontFile, text: str) -> Path:
    """The font cut down to ``text``'s characters, once per run: fpdf2 reads a whole CJK font (65 000 glyphs,
    over a second) each time it adds one, and a batch writes a PDF per candidate."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    whole = TTFont(str(font.path), fontNumber=font.index, lazy=True)
    cutter = subset.Subsetter()
    cutter.populate(text=text)
    cutter.subset(whole)
    folder = Path(tempfile.mkdtemp(prefix=leftover_prefix("stamp-font")))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    target = folder / ("stamp.otf" if "CFF " in whole else "stamp.ttf")
    whole.save(str(target))
    return target


def _stamp(pdf, text: str, box: tuple[float, float, float, float]) -> None:
    """``text`` along the diagonal of ``box`` (both cards), light enough to read the cards through."""
    left, top, width, height = box
    angle = math.degrees(math.atan2(height, width))
    length = math.hypot(width, height) * 0.8
    pdf.set_font("stamp", size=10)
    size = 10 * length / max(pdf.get_string_width(text), 1)
    pdf.set_font("stamp", size=size)
    pdf.set_text_color(*STAMP_GREY)
    centre_x, centre_y = left + width / 2, top + height / 2
    with pdf.local_context(fill_opacity=STAMP_OPACITY, text_color=STAMP_GREY), pdf.rotation(angle, centre_x, centre_y):
        text_width = pdf.get_string_width(text)
        pdf.text(centre_x - text_width / 2, centre_y + size * 0.35 / 2.83, text)
