"""Masking ID numbers in anything that is not the submission itself (logs, reports, screens).

>>> mask_id("330822199012153420")
'3308**********3420'
>>> mask_ids_in_text("重复：330822199012153420 与 33082219901215342X")
'重复：3308**********3420 与 3308**********342X'
"""

from __future__ import annotations

import re

_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{4})(\d{7}|\d{10})(\d{3}[\dXx])(?![0-9A-Za-z])")


def mask_id(number: str) -> str:
    """Keep the first and last four characters, star the rest (the birth date and sequence)."""
    if len(number) <= 8:
        return number
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_ids_in_text(text: str) -> str:
    """Every 15- or 18-character ID number in ``text`` masked."""
    return _ID_IN_TEXT.sub(lambda m: m[1] + "*" * len(m[2]) + m[3], text)
