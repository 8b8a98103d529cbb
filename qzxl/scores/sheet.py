"""The 成绩 sheet: the results laid out row by row (layout.SCORES), its pass marks, and the sheet read back.

The sheet is also where the scores are kept: a later 导入成绩 (the 实操 list a week after the 理论 one), a
changed pass mark, 生成补考工作簿 and 资料汇总 read the scores from it again. It shows ID numbers masked, as
everything outside the submission does; a row finds its person again by 姓名 and the masked number.

>>> grid = [[None] * len(SCORES.columns) for _ in range(SCORES_FIRST_ROW)]
>>> grid[SCORES_PASS_ROW][SCORES.keys.index("practice")] = "55"
>>> marks, findings = pass_marks(grid)
>>> marks["practice"], marks["theory"], findings
(55.0, 60.0, [])
"""

from __future__ import annotations

from collections.abc import Sequence

from qzxl.catalogue import say
from qzxl.layout import (
    ABSENT,
    DEFAULT_PASS_MARK,
    REMOVED,
    SCORE_RANGE,
    SCORES,
    SCORES_FIRST_ROW,
    SCORES_HEADER_ROW,
    SCORES_PASS_ROW,
    SCORES_SHEET,
    SCORES_SUMMARY,
    SCORES_TITLE,
    SUBJECTS,
    header_key,
)
from qzxl.report import Issue
from qzxl.scores.reading import ScoreLine
from qzxl.scores.rules import PersonResult, ScoreFinding, ScoreResult
from qzxl.sheets.address import column_letter
from qzxl.values.normalize import clean_name, parse_number
from qzxl.values.privacy import mask_id

SUBJECT_VERDICT_SEPARATOR = "；"


def column(key: str) -> str:
    return column_letter(SCORES.keys.index(key) + 1)


def pass_marks(grid: Sequence[Sequence[object]]) -> tuple[dict[str, float], list[Issue]]:
    """The pass mark above each subject's column (blank: the default), and a finding for one that is no mark."""
    row = grid[SCORES_PASS_ROW] if len(grid) > SCORES_PASS_ROW else []
    marks, issues = {}, []
    for key in SUBJECTS:
        index = SCORES.keys.index(key)
        value = row[index] if index < len(row) else None
        try:
            number = parse_number(value) if value not in (None, "") else DEFAULT_PASS_MARK
        except (ValueError, TypeError):
            number = None
        if number is None or not SCORE_RANGE[0] <= number <= SCORE_RANGE[1]:
            issues.append(Issue.create("score-pass-mark-invalid", sheet=SCORES_SHEET, row=SCORES_PASS_ROW + 1,
                                       column=SUBJECTS[key], cell=f"{column(key)}{SCORES_PASS_ROW + 1}", value=value,
                                       params={"value": value, "default": f"{DEFAULT_PASS_MARK:g}"}))
            number = DEFAULT_PASS_MARK
        marks[key] = number
    return marks, issues


def header_rows(marks: dict[str, float] | None, info: str) -> list[list[object]]:
    """The title, the pass marks above the subjects' columns, the info line and the header row."""
    width = len(SCORES.columns)
    title = [SCORES_TITLE] + [None] * (width - 1)
    marks_row: list[object] = [say("scores-pass-label")] + [None] * (width - 1)
    for key in SUBJECTS:
        marks_row[SCORES.keys.index(key)] = (marks or {}).get(key, DEFAULT_PASS_MARK)
    info_row = [info] + [None] * (width - 1)
    return [title, marks_row, info_row, [c.header for c in SCORES.columns]]


def _cell(subject) -> object:
    score = subject.score
    if score.value is not None:
        return score.value
    return score.mark or score.text or (subject.result if subject.result in (ABSENT, *REMOVED) else None)


def _source_verdict(person: PersonResult) -> object:
    per_subject = [(key, line.subject_verdicts[key]) for line in person.lines for key in line.subject_verdicts]
    if per_subject:
        return SUBJECT_VERDICT_SEPARATOR.join(f"{SUBJECTS[key]}：{value}" for key, value in per_subject)
    return person.source_verdict


def person_row(index: int, person: PersonResult) -> list[object]:
    entrant = person.entrant
    values = {
        "seq": index + 1, "name": entrant.name, "id_number": mask_id(entrant.id_number) if entrant.id_number else "",
        "subjects": "、".join(SUBJECTS[key] for key in entrant.subjects),
        "total": person.total.value if person.total.value is not None else person.total.text or None,
        "source_verdict": _source_verdict(person), "passed": person.verdict,
        "note": say("scores-retake-note", subjects="、".join(SUBJECTS[k] for k in person.retake))
        if person.retake else None,
    }
    for key, subject in person.subjects.items():
        values[key] = _cell(subject)
        values[f"{key}_result"] = subject.result or None
    return [values.get(c.key) for c in SCORES.columns]


def summary_rows(result: ScoreResult) -> list[list[object]]:
    """合格率/报名/实考/缺考/合格 per subject anyone takes, then overall; in the columns from 姓名 on."""
    rows: list[list[object]] = [[None, say("scores-summary-title")], [None, *SCORES_SUMMARY]]
    taken = [key for key in SUBJECTS if any(p.subjects[key].taken for p in result.people)]
    for key, label in [*((k, SUBJECTS[k]) for k in taken), (None, say("scores-overall"))]:
        tally = result.tally(key)
        rate = f"{tally.rate:.1%}" if tally.rate is not None else "—"
        rows.append([None, label, rate, tally.entered, tally.sat, tally.absent, tally.passed])
    return rows


def sheet_rows(result: ScoreResult, info: str, notes: Sequence[str] = ()) -> tuple[list[list[object]], list[Issue]]:
    """The whole 成绩 sheet from A1, and the findings placed on its cells (strangers on their lines below);
    ``notes`` (what was said about a whole file, such as a sheet of unknown subject) close the sheet."""
    rows = header_rows(result.pass_marks, info)
    rows += [person_row(i, p) for i, p in enumerate(result.people)]
    rows.append([])
    rows += summary_rows(result)
    stranger_rows: dict[int, int] = {}
    if result.strangers:
        rows += [[], [None, say("scores-strangers-title")]]
        for line in result.strangers:
            stranger_rows[id(line)] = len(rows) + 1
            rows.append([None, say("scores-stranger", name=line.name, id=mask_id(line.id_number) if len(
                line.id_number) >= 15 else line.id_number or "—", source=line.where, source_row=line.row)])
    if notes:
        rows += [[], [None, say("scores-notes-title")], *([None, note] for note in notes)]
    width = len(SCORES.columns)
    rows = [row + [None] * (width - len(row)) for row in rows]
    return rows, [_place(f, result, rows, stranger_rows) for f in result.findings]


def _place(finding: ScoreFinding, result: ScoreResult, rows, stranger_rows: dict[int, int]) -> Issue:
    if finding.person is None:
        row = stranger_rows[id(finding.line)]
        key = "name"
    else:
        row = SCORES_FIRST_ROW + finding.person + 1
        key = finding.column or "name"
    value = rows[row - 1][SCORES.keys.index(key)]
    return Issue.create(finding.code, sheet=SCORES_SHEET, row=row, column=SCORES.column(key).header,
                        cell=f"{column(key)}{row}", value="" if value is None else value, params=finding.params)


def lines_from_sheet(grid: Sequence[Sequence[object]]) -> list[ScoreLine]:
    """The scores the sheet holds, as lines of a list named after the sheet (a person by 姓名 and masked number)."""
    header = grid[SCORES_HEADER_ROW] if len(grid) > SCORES_HEADER_ROW else []
    if [header_key(c) for c in header[:len(SCORES.columns)]] != [header_key(c.header) for c in SCORES.columns]:
        return []
    index = {key: i for i, key in enumerate(SCORES.keys)}
    lines = []
    for number, cells in enumerate(grid[SCORES_FIRST_ROW:], start=SCORES_FIRST_ROW + 1):
        cells = list(cells) + [None] * (len(SCORES.columns) - len(cells))
        name = clean_name(cells[index["name"]])
        if not name or not isinstance(cells[index["seq"]], (int, float)):
            break  # the people end at the blank row above the summary
        verdict = cells[index["source_verdict"]]
        per_subject = {}
        if isinstance(verdict, str) and "：" in verdict:
            by_word = {word: key for key, word in SUBJECTS.items()}
            for part in verdict.split(SUBJECT_VERDICT_SEPARATOR):
                word, _, value = part.partition("：")
                if word in by_word:
                    per_subject[by_word[word]] = value
            verdict = None
        lines.append(ScoreLine(SCORES_SHEET, SCORES_SHEET, number, name, str(cells[index["id_number"]] or ""),
                               {key: cells[index[key]] for key in SUBJECTS}, cells[index["total"]], verdict,
                               per_subject))
    return lines
