"""Required fields, plausible names and text that fits the system.

>>> from qzxl.sheets.models import Candidate
>>> [f.code for f in check(Candidate(row=2, name="张3"), Context())][:2]
['required-missing', 'required-missing']
>>> [f.code for f in check(Candidate(row=2, name="张3"), Context()) if f.key == "name"]
['name-implausible']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from qzxl.layout import REGISTRATION
from qzxl.report import Finding
from qzxl.rules.context import Context

MAX_TEXT = 200
_REQUIRED = tuple(c.key for c in REGISTRATION.columns if c.required)
_TEXT_KEYS = tuple(c.key for c in REGISTRATION.columns if c.kind == "text")
_CHINESE_NAME = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]+(?:·[\u3400-\u9fff\U00020000-\U0002ffff]+)*")
_FOREIGN_NAME = re.compile(r"[A-Za-z]+(?:[ ·'.-][A-Za-z]+)*")


def name_problem(name: str) -> str | None:
    """Why a name is not plausible, in Chinese, or None when it is."""
    if any(ch.isdigit() for ch in name):
        return "含有数字"
    if _CHINESE_NAME.fullmatch(name):
        return "只有一个字" if len(name) == 1 else None
    if _FOREIGN_NAME.fullmatch(name):
        return None
    odd = next((ch for ch in name if not (_is_letter(ch) or ch in " ·'.-")), None)
    if odd is not None:
        return f"含有符号「{odd}」"
    return "中文和字母混在一起"


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L")


def check(candidate, context: Context) -> Iterator[Finding]:
    values = vars(candidate)  # a plain dict read: this rule runs on every row
    for key in _REQUIRED:
        if values[key] in ("", None) and key not in candidate.unreadable:
            yield Finding("required-missing", key)
    if values["name"]:
        reason = name_problem(values["name"])
        if reason:
            yield Finding("name-implausible", "name", {"reason": reason})
    for key in _TEXT_KEYS:
        if len(values[key]) > MAX_TEXT:
            yield Finding("text-too-long", key, {"length": len(values[key]), "limit": MAX_TEXT})
