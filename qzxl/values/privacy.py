"""Masking ID numbers in anything that is not the submission itself (logs, reports, screens).

Anything that looks like an ID number is masked, not only a well-formed one:
a typo'd number (17 or 19 digits), one glued to letters (``ID3308…``), one
with spaces, dashes or invisible characters inside, a bank card. Every run of
14 or more digits (separators allowed between them, an X at the end) keeps its
first four and last four characters.

>>> mask_id("330822199012153420")
'3308**********3420'
>>> mask_ids_in_text("重复：330822199012153420 与 33082219901215342X")
'重复：3308**********3420 与 3308**********342X'
>>> mask_ids_in_text("ID3308221990121534201.jpg 与 3308 2219 9012 1534 20")
'ID3308***********4201.jpg 与 3308 **** **** **34 20'
>>> mask_ids_in_text("电话 13857012345，日期 20261218")
'电话 13857012345，日期 20261218'

The time stamp of a kept backup (``NAME.备份-YYYYMMDD-HHMMSS``) is a file name the
clerk must be able to find, so it is not taken for an ID:

>>> mask_ids_in_text("原文件备份为「报名.备份-20261201-212834.xlsm」")
'原文件备份为「报名.备份-20261201-212834.xlsm」'
"""

from __future__ import annotations

import re

MIN_DIGITS = 14  # a mobile number has 11, a date 8; a 15-digit old ID or anything longer is masked
# One separator may stand between two digits: space, dash, dot, underscore, no-break and zero-width spaces.
SEPARATORS = " \t\u00a0\u3000\u2009\u202f\u200b\u200c\u200d\u2060\ufeff._-"
_SEP = "[" + re.escape(SEPARATORS) + "]"
_BACKUP_STAMP = "备份-"  # udfs.file_port.BACKUP_MARK without its dot: what a time stamp follows
_RUN = re.compile(rf"(?<!{_BACKUP_STAMP})\d(?:{_SEP}?\d){{{MIN_DIGITS - 1},}}(?:{_SEP}?[Xx](?![A-Za-z]))?")
_KEEP = 4


def mask_id(number: str) -> str:
    """Keep the first and last four characters, star the rest (the birth date and sequence)."""
    if len(number) <= 8:
        return number
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def _mask_run(match: re.Match) -> str:
    run = match[0]
    significant = [i for i, ch in enumerate(run) if ch.isdecimal() or ch in "Xx"]
    starred = set(significant[_KEEP:-_KEEP])
    return "".join("*" if i in starred else ch for i, ch in enumerate(run))


def mask_ids_in_text(text: str) -> str:
    """Every run of 14 or more digits in ``text`` masked (separators kept, digits starred)."""
    return _RUN.sub(_mask_run, text)
