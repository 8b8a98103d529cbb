"""A college's score list as lines: who (姓名, 证件号码), and each subject's cell, verdict and mark as given.

The tables come from :func:`qzxl.sheets.sources.read_score_tables` (the import's own header matcher). A bare
成绩 column takes its subject from the sheet's name or title (理论 and 实操 on sheets of their own); a verdict
column on a one-subject sheet is that subject's verdict, on any other sheet the person's overall verdict.

>>> from pathlib import Path
>>> from qzxl.sheets.sources import SourceTable
>>> table = SourceTable(Path("成绩.xlsx"), "理论", 2, {0: "name", 1: "id_number", 2: "score"}, [],
...                     rows=[(3, {"name": "张三", "id_number": "330822199012153420", "score": 88})])
>>> [(line.name, line.scores) for line in score_lines(table)[0]]
[('张三', {'theory': 88})]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qzxl.layout import SUBJECTS
from qzxl.scores.values import subject_of
from qzxl.sheets.sources import SourceTable
from qzxl.values.normalize import clean_name, compact_id


@dataclass(frozen=True)
class ScoreLine:
    """One person's line in one table of a score list, values as the college typed them."""

    source: str  # the file's name
    sheet: str
    row: int  # 1-based, as the clerk sees it in the source
    name: str
    id_number: str  # compacted; "" when the list gives none
    scores: dict[str, object] = field(default_factory=dict)  # subject key → cell
    total: object = None
    verdict: object = None  # the person's overall verdict
    subject_verdicts: dict[str, object] = field(default_factory=dict)  # a one-subject sheet's verdict
    status: object = None  # a 备注/缺考 column

    @property
    def where(self) -> str:
        return f"{self.source}（{self.sheet}）" if self.sheet and self.sheet not in self.source else self.source


def score_lines(table: SourceTable) -> tuple[list[ScoreLine], str | None]:
    """The table's lines, and the sheet's name when it has a bare 成绩 column whose subject cannot be told."""
    keys = set(table.columns.values())
    subjects = [key for key in SUBJECTS if key in keys]
    unknown = None
    bare = "score" in keys
    if bare:
        told = [key for key in subject_of(f"{table.sheet} {table.title}") if key not in subjects]
        if len(told) == 1:
            subjects.append(told[0])
        else:
            unknown = table.sheet
            bare = False
    one_subject = subjects[0] if len(subjects) == 1 else None
    lines = []
    for row, values in table.rows:
        name = clean_name(values.get("name"))
        number = values.get("id_number")
        number = compact_id(str(number).lstrip("'‘’`")) if isinstance(number, str) else \
            (f"{number:.0f}" if isinstance(number, (int, float)) else "")
        if not name and not number:
            continue
        scores = {key: values.get(key) for key in SUBJECTS if key in keys}
        if bare and one_subject:
            scores[one_subject] = values.get("score")
        verdict = values.get("verdict")
        per_subject = {one_subject: verdict} if one_subject and verdict is not None and "total" not in keys else {}
        lines.append(ScoreLine(table.path.name, table.sheet, row, name, number, scores, values.get("total"),
                               None if per_subject else verdict, per_subject, values.get("status")))
    return lines, unknown
