"""One cell of a score list: a score out of 100, a mark (缺考, 违纪, 作弊) or text that is neither.

>>> parse_score(86), parse_score(" 72.5分 "), parse_score("缺")
(Score(value=86.0, mark='', text=''), Score(value=72.5, mark='', text=''), Score(value=None, mark='缺考', text=''))
>>> parse_score("八十"), parse_score(None)
(Score(value=None, mark='', text='八十'), Score(value=None, mark='', text=''))
>>> parse_verdict("通过"), parse_verdict("不合格"), parse_verdict("待定")
(True, False, None)
>>> subject_keys("理论、实操"), subject_keys("综合")
(('theory', 'practice'), ('review',))
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from qzxl.layout import SCORE_MARKS, SOURCE_VERDICTS, SUBJECT_WORDS, SUBJECTS, header_key

_SCORE = re.compile(r"([+-]?\d+(?:\.\d+)?)分?")


@dataclass(frozen=True)
class Score:
    value: float | None = None
    mark: str = ""  # 缺考, 违纪 or 作弊 (SCORE_MARKS' meanings)
    text: str = ""  # what was typed when it is neither a number nor a mark

    @property
    def blank(self) -> bool:
        return self.value is None and not self.mark and not self.text


def parse_score(value: object) -> Score:
    """A cell as the college typed it: numbers (also as text, with 分), a mark word, else the text kept."""
    if value is None or isinstance(value, bool):
        return Score()
    if isinstance(value, (int, float)):
        return Score(float(value)) if math.isfinite(value) else Score(text=str(value))
    text = header_key(value)
    if not text:
        return Score()
    if found := _SCORE.fullmatch(text):
        return Score(float(found[1]))
    if text in SCORE_MARKS:
        return Score(mark=SCORE_MARKS[text])
    return Score(text=str(value).strip())


def parse_mark(value: object) -> str:
    """The mark a 备注/缺考 column gives (its first mark word), "" when it says none.

    >>> parse_mark("缺考"), parse_mark("考试违纪"), parse_mark("√")
    ('缺考', '违纪', '')
    """
    text = header_key(value)
    if text in SCORE_MARKS:
        return SCORE_MARKS[text]
    found = [word for word in SCORE_MARKS if len(word) > 1 and word in text]
    return SCORE_MARKS[found[0]] if found else ""


def parse_verdict(value: object) -> bool | None:
    """A list's own verdict: True (合格, 通过 …), False (不合格 …) or None (blank or another word)."""
    return SOURCE_VERDICTS.get(header_key(value)) if value is not None else None


def subject_keys(text: object) -> tuple[str, ...]:
    """The subjects a 考核科目 value names, in the layout's order."""
    words = header_key(text)
    return tuple(key for key, word in SUBJECTS.items() if word in words)


def subject_of(text: str) -> tuple[str, ...]:
    """The subjects a sheet's name or title speaks of (理论考试成绩单 → theory), for a bare 成绩 column.

    >>> subject_of("2026年12月电工四级理论知识考试成绩"), subject_of("技能操作"), subject_of("成绩表")
    (('theory',), ('practice',), ())
    """
    return tuple(key for key, found in SUBJECT_WORDS.items() if any(word in text for word in found))
