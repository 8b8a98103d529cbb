"""Who passed: a score list's lines matched to the batch, each subject judged, findings as data.

Pure: lines and entrants in, results and findings (stable catalogue codes with parameters) out. A subject is
passed at its pass mark or above (60 of 100 unless the clerk changes it on the 成绩 sheet); the list's own
verdict, where it gives one, wins, and a disagreement with the pass mark is a finding, never silently resolved.
People are matched by 证件号码; by 姓名 alone only with a warning the clerk must confirm.

>>> people = [Entrant(5, "张三", "330822199012153420", subjects=("theory", "practice")),
...           Entrant(6, "李四", "330802198805061234", subjects=("theory", "practice"))]
>>> lines = [ScoreLine("成绩.xlsx", "Sheet1", 3, "张三", "330822199012153420", {"theory": 75, "practice": 58}),
...          ScoreLine("成绩.xlsx", "Sheet1", 4, "李四", "330802198805061234", {"theory": "缺考", "practice": None})]
>>> result = judge(lines, people)
>>> [(p.entrant.name, p.results(), p.passed, p.retake) for p in result.people]
[('张三', ('合格', '不合格', ''), False, ('practice',)), ('李四', ('缺考', '无成绩', ''), False, ('theory',))]
>>> [f.code for f in result.findings]
['score-subject-missing']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from qzxl.layout import (
    ABSENT,
    DEFAULT_PASS_MARK,
    REMOVED,
    SCORE_MARKS,
    SCORE_RANGE,
    SUBJECTS,
    VERDICT_FAIL,
    VERDICT_NO_SCORE,
    VERDICT_PASS,
)
from qzxl.scores.reading import ScoreLine
from qzxl.scores.values import Score, parse_mark, parse_score, parse_verdict
from qzxl.values.privacy import mask_id


@dataclass(frozen=True)
class Entrant:
    """One person of the batch (a 报名信息 row) as the scores need them."""

    row: int
    name: str
    id_number: str
    mobile: str = ""
    subjects: tuple[str, ...] = ("theory", "practice")  # the 考核科目 taken, SUBJECTS keys
    occupation: str = ""
    level: str = ""


@dataclass(frozen=True)
class ScoreFinding:
    """A finding about a person's cell on the 成绩 sheet (``person``, ``column``), or about a line of a list."""

    code: str
    params: Mapping[str, object]
    person: int | None = None  # index in the results' people
    column: str | None = None  # a layout.SCORES key
    line: ScoreLine | None = None


@dataclass
class SubjectResult:
    score: Score = field(default_factory=Score)
    taken: bool = False
    result: str = ""  # 合格, 不合格, 缺考, 违纪, 作弊, 无成绩; "" when not taken or not readable
    passed: bool | None = None


def _sat(subject: SubjectResult) -> bool:
    """Sat the subject: a score, or removed from it (违纪, 作弊) after sitting down."""
    return subject.score.value is not None or subject.result in REMOVED


@dataclass
class PersonResult:
    entrant: Entrant
    lines: list[ScoreLine] = field(default_factory=list)
    subjects: dict[str, SubjectResult] = field(default_factory=dict)
    total: Score = field(default_factory=Score)
    source_verdict: object = None  # as the list wrote it
    computed: bool | None = None  # by the pass marks alone
    passed: bool | None = None  # the list's verdict where it gave one, else ``computed``
    earlier: list[ScoreLine] = field(default_factory=list)  # read back from the 成绩 sheet: fill what is missing

    def results(self) -> tuple[str, ...]:
        return tuple(self.subjects[key].result for key in SUBJECTS)

    @property
    def absent(self) -> bool:
        taken = [s for s in self.subjects.values() if s.taken]
        return bool(taken) and all(s.result == ABSENT for s in taken)

    @property
    def sat(self) -> bool:
        return any(s.taken and _sat(s) for s in self.subjects.values())

    @property
    def retake(self) -> tuple[str, ...]:
        """The subjects to sit again: those failed or missed; all taken ones when only the overall verdict failed."""
        if self.passed is not False:
            return ()
        failed = tuple(key for key, s in self.subjects.items() if s.taken and s.passed is False)
        return failed or tuple(key for key, s in self.subjects.items() if s.taken)

    @property
    def verdict(self) -> str:
        return {True: VERDICT_PASS, False: VERDICT_FAIL, None: VERDICT_NO_SCORE}[self.passed]


@dataclass(frozen=True)
class Tally:
    """One line of the summary: 报名, 实考, 缺考, 合格 and the pass rate over those who sat."""

    entered: int
    sat: int
    absent: int
    passed: int

    @property
    def rate(self) -> float | None:
        return self.passed / self.sat if self.sat else None


@dataclass
class ScoreResult:
    people: list[PersonResult]
    strangers: list[ScoreLine]  # in a list, not in the workbook
    findings: list[ScoreFinding]
    pass_marks: dict[str, float]

    def tally(self, subject: str | None = None) -> Tally:
        """Per subject, or overall (``None``): who entered, sat, was absent from all, passed."""
        if subject is None:
            return Tally(len(self.people), sum(p.sat for p in self.people), sum(p.absent for p in self.people),
                         sum(p.passed is True for p in self.people))
        taken = [p.subjects[subject] for p in self.people if p.subjects[subject].taken]
        return Tally(len(taken), sum(_sat(s) for s in taken),
                     sum(s.result == ABSENT for s in taken), sum(s.passed is True for s in taken))

    @property
    def retakers(self) -> list[PersonResult]:
        return [p for p in self.people if p.retake]


def _shown(number: str) -> str:
    return mask_id(number) if len(number) >= 15 else number


def _match(lines: Sequence[ScoreLine], people: list[PersonResult], findings: list[ScoreFinding],
           strangers: list[ScoreLine], *, earlier: bool = False) -> None:
    by_id = {p.entrant.id_number.upper(): i for i, p in enumerate(people) if p.entrant.id_number}
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, person in enumerate(people):
        by_name[person.entrant.name].append(i)
    for line in lines:
        index = by_id.get(line.id_number.upper()) if line.id_number else None
        if index is None and ("*" in line.id_number or earlier):  # a masked number (the 成绩 sheet's, a list's)
            found = [i for i in by_name.get(line.name, []) if _shown(people[i].entrant.id_number) == line.id_number]
            index = found[0] if len(found) == 1 else None
        if index is None and earlier:
            continue  # someone taken off 报名信息 since: the sheet drops them
        if index is None:
            named = by_name.get(line.name, [])
            if len(named) != 1:
                strangers.append(line)
                findings.append(ScoreFinding("score-not-in-book", {"name": line.name, "id": _shown(line.id_number),
                                                                   "source": line.where, "source_row": line.row},
                                             line=line))
                continue
            index = named[0]
            findings.append(ScoreFinding("score-matched-by-name", {
                "name": line.name, "source": line.where, "source_row": line.row,
                "id": _shown(line.id_number) or "—"}, index, "name", line))
        (people[index].earlier if earlier else people[index].lines).append(line)


def _merge(person: PersonResult, index: int, findings: list[ScoreFinding]) -> dict[str, tuple[object, ScoreLine]]:
    """Each subject's cell (and total, verdicts, status) from the person's lines; a second, different one is a
    finding (the first is kept)."""
    cells: dict[str, tuple[object, ScoreLine]] = {}

    def put(key: str, value: object, line: ScoreLine, column: str) -> None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return
        if key not in cells:
            cells[key] = (value, line)
            return
        first, origin = cells[key]
        same = parse_score(first) == parse_score(value) if key in SUBJECTS or key == "total" else first == value
        findings.append(ScoreFinding("score-repeated" if same else "score-duplicate", {
            "name": person.entrant.name, "column": SUBJECTS.get(key, column), "first": origin.where,
            "first_row": origin.row, "second": line.where, "second_row": line.row, "kept": str(first),
            "other": str(value)}, index, column, line))

    for line in person.lines:
        for key, value in line.scores.items():
            put(key, value, line, key)
        for key, value in line.subject_verdicts.items():
            put(f"verdict:{key}", value, line, f"{key}_result")
        put("total", line.total, line, "total")
        put("verdict", line.verdict, line, "source_verdict")
        put("status", line.status, line, "note")
    for line in person.earlier:  # what the sheet had: kept where the new lists say nothing
        for key, value in [*line.scores.items(), *((f"verdict:{k}", v) for k, v in line.subject_verdicts.items()),
                           ("total", line.total), ("verdict", line.verdict)]:
            if key not in cells and value is not None and not (isinstance(value, str) and not value.strip()):
                cells[key] = (value, line)
    return cells


def judge(lines: Sequence[ScoreLine], entrants: Sequence[Entrant],
          pass_marks: Mapping[str, float] | None = None, earlier: Sequence[ScoreLine] = ()) -> ScoreResult:
    """Match the lines to the entrants and judge every subject they take.

    ``earlier`` are the lines the 成绩 sheet already holds: a person's subject the new lists do not give keeps
    its earlier cell, silently (the 实操 list that comes a week after the 理论 one).
    """
    marks = dict.fromkeys(SUBJECTS, DEFAULT_PASS_MARK) | dict(pass_marks or {})
    people = [PersonResult(entrant) for entrant in entrants]
    findings: list[ScoreFinding] = []
    strangers: list[ScoreLine] = []
    _match(lines, people, findings, strangers)
    _match(earlier, people, findings, strangers, earlier=True)
    low, high = SCORE_RANGE
    for index, person in enumerate(people):
        cells = _merge(person, index, findings)
        if not person.lines and not person.earlier:
            findings.append(ScoreFinding("score-missing", {"name": person.entrant.name}, index, "name"))
        status = parse_mark(cells.get("status", (None,))[0])
        for key in SUBJECTS:
            score = parse_score(cells.get(key, (None,))[0])
            subject = person.subjects[key] = SubjectResult(score, key in person.entrant.subjects)
            column = f"{key}_result"
            if not subject.taken:
                if not score.blank:
                    findings.append(ScoreFinding("score-not-taken", {"name": person.entrant.name,
                                                                     "subject": SUBJECTS[key]}, index, key))
                continue
            if score.value is not None:
                if not low <= score.value <= high:
                    findings.append(ScoreFinding("score-out-of-range", {"value": f"{score.value:g}", "low": f"{low:g}",
                                                                        "high": f"{high:g}"}, index, key))
                else:
                    subject.passed = score.value >= marks[key]
                    subject.result = VERDICT_PASS if subject.passed else VERDICT_FAIL
            elif score.mark or (score.blank and status):
                subject.result, subject.passed = score.mark or status, False
            elif score.text:
                findings.append(ScoreFinding("score-not-a-number", {"value": score.text}, index, key))
            elif person.lines or person.earlier:
                subject.result = VERDICT_NO_SCORE
                findings.append(ScoreFinding("score-subject-missing", {"name": person.entrant.name,
                                                                       "subject": SUBJECTS[key]}, index, key))
            else:
                subject.result = VERDICT_NO_SCORE
            given = parse_verdict(cells.get(f"verdict:{key}", (None,))[0])
            if given is not None and given != subject.passed:
                if subject.passed is not None:
                    findings.append(_disagreement(person, index, column, given, subject.passed, SUBJECTS[key]))
                subject.passed = given
                if given or subject.result not in SCORE_MARKS.values():
                    subject.result = VERDICT_PASS if given else VERDICT_FAIL
        taken = [s for s in person.subjects.values() if s.taken]
        person.computed = False if any(s.passed is False for s in taken) else \
            True if taken and all(s.passed for s in taken) else None
        person.total = parse_score(cells.get("total", (None,))[0])
        if person.total.value is not None and not low <= person.total.value <= high * max(len(taken), 1):
            findings.append(ScoreFinding("score-out-of-range", {"value": f"{person.total.value:g}", "low": f"{low:g}",
                                                                "high": f"{high * max(len(taken), 1):g}"},
                                         index, "total"))
        elif person.total.text:
            findings.append(ScoreFinding("score-not-a-number", {"value": person.total.text}, index, "total"))
        person.source_verdict = cells.get("verdict", (None,))[0]
        given = parse_verdict(person.source_verdict)
        if given is not None and person.computed is not None and given != person.computed:
            findings.append(_disagreement(person, index, "source_verdict", given, person.computed, ""))
        person.passed = given if given is not None else person.computed
    return ScoreResult(people, strangers, findings, marks)


def _disagreement(person: PersonResult, index: int, column: str, given: bool, computed: bool,
                  subject: str) -> ScoreFinding:
    words = {True: VERDICT_PASS, False: VERDICT_FAIL}
    return ScoreFinding("score-verdict-disagrees", {"name": person.entrant.name, "subject": subject,
                                                    "given": words[given], "computed": words[computed]},
                        index, column)
