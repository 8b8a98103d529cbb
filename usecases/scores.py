"""导入成绩 as a use case: the workbook's batch, the 成绩 sheet it has and the score lists in; the sheet to write,
its findings and the lists to hand on out. No port here: the action (udfs.actions.scores) writes what this returns.

Scores never reach the log, and every sentence shows ID numbers masked (qzxl.report).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qzxl.catalogue import say
from qzxl.layout import DEFAULT_SUBJECTS, SCORES_SHEET
from qzxl.report import Issue, Report
from qzxl.scores.reading import ScoreLine, score_lines
from qzxl.scores.rules import Entrant, ScoreResult, judge
from qzxl.scores.sheet import lines_from_sheet, pass_marks, sheet_rows
from qzxl.scores.values import subject_keys
from qzxl.sheets.intake import read_candidates, read_plan
from qzxl.sheets.sources import read_score_tables
from qzxl.sheets.tables import WorkbookData
from usecases.importing import alias_table


@dataclass
class ScoreRun:
    """One 导入成绩 (or a re-judging of the sheet): what goes on the 成绩 sheet and what it found."""

    result: ScoreResult
    rows: list[list[object]]  # the 成绩 sheet from A1
    report: Report
    occupation: str = ""
    level: str = ""
    sources: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        people = self.result.people
        return {"people": len(people), "passed": sum(p.passed is True for p in people),
                "retake": len(self.result.retakers), "missing": sum(p.passed is None for p in people),
                "errors": self.report.errors, "warnings": self.report.warnings}

    def as_dict(self) -> dict:
        overall = self.result.tally()
        return {**self.counts(), "sources": self.sources, "pass_marks": self.result.pass_marks,
                "sat": overall.sat, "absent": overall.absent, "rate": overall.rate,
                "issues": [issue.as_dict() for issue in self.report.sorted_issues()]}


def score_aliases(book: WorkbookData) -> dict[str, str]:
    """The 成绩列名 table of the 字典 sheet: a score list's header → the 成绩 header it means."""
    return alias_table(book.score_aliases)


def entrants(book: WorkbookData) -> tuple[list[Entrant], str, str]:
    """The batch as the scores need it, with the 方案's 工种 and 等级 (each person's own where they have one)."""
    candidates = read_candidates(book.registration)[0]
    plan = read_plan(book.plan)[0] if book.plan else None
    occupation, level = (plan.occupation, plan.level) if plan is not None else ("", "")
    default = subject_keys(plan.exam_subjects if plan is not None and plan.exam_subjects else DEFAULT_SUBJECTS)
    people = [Entrant(c.row, c.name, c.id_number, c.mobile, subject_keys(c.exam_subjects) or default,
                      c.applied_occupation, c.applied_level)
              for c in candidates if c.name or c.id_number]
    return people, occupation or "", level or ""


def read_lists(paths: Sequence[Path], aliases: dict[str, str]) -> tuple[list[ScoreLine], list[Issue]]:
    """Every score table of every file, as lines; a sheet whose bare 成绩 column names no subject is a finding."""
    lines, issues = [], []
    for path in paths:
        for table in read_score_tables(path, aliases):
            found, unknown = score_lines(table)
            lines += found
            if unknown is not None:
                issues.append(Issue.create("score-subject-unknown", file=path.name,
                                           params={"source": path.name, "sheet": unknown}))
    return lines, issues


def run_scores(book: WorkbookData, sheet: Sequence[Sequence[object]] | None, paths: Sequence[Path],
               now: dt.datetime | None = None) -> ScoreRun:
    """Judge the lists (none: the scores the 成绩 sheet already holds) against the batch, at the sheet's pass marks."""
    people, occupation, level = entrants(book)
    grid = sheet or []
    marks, mark_issues = pass_marks(grid)
    earlier = lines_from_sheet(grid)
    lines, read_issues = read_lists(paths, score_aliases(book))
    result = judge(lines, people, marks, earlier)
    names = "、".join(dict.fromkeys(p.name for p in paths)) or SCORES_SHEET
    info = say("scores-title", time=f"{now or dt.datetime.now():%Y-%m-%d %H:%M}", files=names)
    rows, issues = sheet_rows(result, info, [issue.message for issue in read_issues])
    report = Report(issues=[*mark_issues, *read_issues, *issues], candidates=len(people))
    return ScoreRun(result, rows, report, occupation, level, [p.name for p in paths])


def has_scores(sheet: Sequence[Sequence[object]] | None) -> bool:
    return bool(lines_from_sheet(sheet or []))

