"""Photo file names: 18-character ID number + name, as the provincial system matches them.

Names arrive from Windows, macOS (NFD), phones and WeChat; they are read in
NFC with full-width characters made half width and spaces dropped.

>>> parse_photo_name("330822199012153426张三")
('330822199012153426', '张三')
>>> parse_photo_name(unicodedata.normalize("NFD", "33082219901215342x 张 三"))
('33082219901215342X', '张三')
>>> parse_photo_name("张三") is None
True
>>> expected_photo_name("330822199012153426", "张三")
'330822199012153426张三.jpg'
"""

from __future__ import annotations

import re
import unicodedata

from qzxl.values.normalize import clean_name

_PHOTO_NAME = re.compile(r"(\d{17}[\dXx])(\D.*)")
ID_IN_TEXT = re.compile(r"(?<!\d)(\d{17}[\dXx])(?!\d)")


def clean_file_stem(stem: str) -> str:
    return clean_name(unicodedata.normalize("NFKC", stem)).replace(" ", "")


def parse_photo_name(stem: str) -> tuple[str, str] | None:
    """(ID number, name) from a file name without extension, or None when it is not of that form."""
    match = _PHOTO_NAME.fullmatch(clean_file_stem(stem))
    if match is None:
        return None
    return match[1].upper(), match[2]


def expected_photo_name(id_number: str, name: str) -> str:
    return f"{id_number}{name}.jpg"
