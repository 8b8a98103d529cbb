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


def name_problem(name: str) -> dict[str, str] | None:
    """Why a name is not plausible, as name-implausible's parameters (a reason key), or None when it is."""
    if any(ch.isdigit() for ch in name):
        return {"reason": "name-digit"}
    if _CHINESE_NAME.fullmatch(name):
        return {"reason": "name-one-character"} if len(name) == 1 else None
    if _FOREIGN_NAME.fullmatch(name):
        return None
    odd = next((ch for ch in name if not (_is_letter(ch) or ch in " ·'.-")), None)
    if odd is not None:
        return {"reason": "name-symbol", "symbol": odd}
    return {"reason": "name-mixed-scripts"}


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L")


def check(candidate, context: Context) -> Iterator[Finding]:
    values = vars(candidate)  # a plain dict read: this rule runs on every row
    for key in _REQUIRED:
        if values[key] in ("", None) and key not in candidate.unreadable:
            yield Finding("required-missing", key)
    if values["name"]:
        problem = name_problem(values["name"])
        if problem:
            yield Finding("name-implausible", "name", problem)
    for key in _TEXT_KEYS:
        if len(values[key]) > MAX_TEXT:
            yield Finding("text-too-long", key, {"length": len(values[key]), "limit": MAX_TEXT})
