"""A score list as a college sends one, for the demo and the benchmark: invented scores for a batch.

Two title rows, 姓名 and 身份证号 merged down two rows, 成绩 merged over 理论 | 实操, then 是否合格; a few
people fail a subject, one is absent, one was given a verdict the pass mark would not give. No real person.

>>> import tempfile; from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "scores.xlsx"
>>> written = write_score_list(path, [("张三", "330822199012153426"), ("李四", "")])
>>> [row[0] for row in written]
['张三', '李四']
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import openpyxl

from qzxl.layout import ABSENT, SCORE_ALIASES, SCORES_TITLE, SUBJECTS, VERDICT_FAIL, VERDICT_PASS


def write_score_list(path: Path, people: Sequence[tuple[str, str]], *, seed: int = 2026) -> list[tuple]:
    """Write the list to ``path``; the (姓名, 证件号码, 理论, 实操, 是否合格) rows written."""
    chance = random.Random(seed)
    rows = []
    for index, (name, number) in enumerate(people):
        theory, practice = chance.randint(62, 96), chance.randint(60, 95)
        if index % 9 == 4:
            theory = chance.randint(35, 58)
        if index % 11 == 7:
            practice = chance.randint(40, 59)
        if index == 13:
            theory = practice = ABSENT
        passed = all(isinstance(s, int) and s >= 60 for s in (theory, practice))
        verdict = VERDICT_PASS if passed or index == 4 else VERDICT_FAIL  # the college passed one the mark fails
        rows.append((name, number, theory, practice, verdict))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([SCORES_TITLE])
    sheet.append([])
    sheet.append([SCORE_ALIASES["name"][0], SCORE_ALIASES["id_number"][1], SCORE_ALIASES["score"][0], None,
                  SCORE_ALIASES["verdict"][0]])
    sheet.append([None, None, SUBJECTS["theory"], SUBJECTS["practice"], None])
    for merged in ("A3:A4", "B3:B4", "C3:D3", "E3:E4"):
        sheet.merge_cells(merged)
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return rows
