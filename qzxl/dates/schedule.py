"""Every date of a batch from its exam date: deadlines, the ten system time nodes, the process checklist.

The process text fixes three deadlines (开考前 20 / 15 / 7 天) and the rules
of the system nodes (报名公示 ≥ 10 days, 准考证下载 ends on the exam day and
is open ≥ 10 days). A deadline that falls on a day off moves to the latest
working day before it — in a year whose arrangement is not published yet, the
latest *certain* working day (see ``qzxl.dates.workdays``), so it is never later
than the real one. Day counts include both ends unless told otherwise.

>>> import datetime as dt
>>> items = {i.key: i for i in deadlines(dt.date(2026, 10, 20))}
>>> items["paper_materials"].date, items["paper_materials"].reason  # D-7 = 10-13, a Tuesday
(datetime.date(2026, 10, 13), '')
>>> items["plan_filing"].nominal, items["plan_filing"].date  # D-15 = 10-05, 国庆节
(datetime.date(2026, 10, 5), datetime.date(2026, 9, 30))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from qzxl.catalogue import CATALOGUE, say
from qzxl.dates.workdays import WEEKDAYS, WorkCalendar
from qzxl.layout import PLAN_FIELDS
from qzxl.report import Finding

MIN_WINDOW_DAYS = 10
_DAY = dt.timedelta(days=1)
COUNTING_INCLUSIVE = say("schedule-counting-inclusive")  # how the college counts a period: both end days count

# (key, label, days before the exam) — process text, step 1 and 2
DEADLINES = (
    ("electronic_materials", "提交电子材料（开考前 20 天）", 20),
    ("plan_filing", "方案审批（备案）表报人社审核（开考前 15 天）", 15),
    ("paper_materials", "提交纸质材料（开考前 7 天）", 7),
)
NODE_KEYS = (
    "registration_start", "registration_end", "review_end", "reg_publicity_start", "reg_publicity_end",
    "ticket_start", "ticket_end", "exam", "score_publicity_start", "score_publicity_end",
)
NODE_LABELS = {f.key: f.label for f in PLAN_FIELDS if f.key in NODE_KEYS}
EXAM_DAY_NODES = frozenset({"ticket_end", "exam"})  # the exam date itself by the college's rule


def plan_nodes(plan) -> dict[str, dt.date | None]:
    """The node dates staff typed on the 方案 (None where a node is blank), read off any plan-shaped object."""
    return {key: getattr(plan, key) for key in NODE_KEYS}

# Days after the exam the proposal puts score publicity: the text gives none; results take about two weeks.
SCORE_PUBLICITY_AFTER_EXAM = 14


@dataclass(frozen=True)
class ScheduleItem:
    key: str
    label: str
    date: dt.date | None
    nominal: dt.date | None = None
    workday: bool = True
    estimated: bool = False
    reason: str = ""

    @property
    def estimated_year(self) -> int | None:
        """The year whose unpublished arrangement the date rests on (a deadline's nominal date's year)."""
        if not self.estimated:
            return None
        return (self.nominal or self.date).year

    @property
    def estimate_note(self) -> str:
        """预估 and why, for every output that shows the date."""
        return CATALOGUE["schedule-estimated-date"].render(year=self.estimated_year) if self.estimated else ""

    @property
    def title(self) -> str:
        """The label as a table or a calendar shows it: naming the estimated year's arrangement when it rests on one."""
        if not self.estimated:
            return self.label
        return say("calendar-estimated-year", label=self.label, year=self.estimated_year)

    @property
    def notes(self) -> tuple[str, ...]:
        """Why the date moved, and why it is 预估: the ones that apply."""
        return tuple(note for note in (self.reason, self.estimate_note) if note)

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key, "label": self.label, "date": self.date.isoformat() if self.date else None,
            "workday": self.workday, "estimated": self.estimated, "reason": self.reason,
            "estimate_note": self.estimate_note,
        }


def _moved(day_reason: str, nominal: dt.date, due: dt.date) -> str:
    """Why a deadline moved: its day off (a weekend, or a holiday with its weekday), and the day it moved to."""
    weekday = WEEKDAYS[nominal.weekday()]
    code = "schedule-moved-weekend" if day_reason == weekday else "schedule-moved-day-off"
    return say(code, nominal=f"{nominal:%m-%d}", weekday=weekday, why=day_reason, due=f"{due:%m-%d}",
               due_weekday=WEEKDAYS[due.weekday()])


def deadlines(exam: dt.date, calendar: WorkCalendar | None = None) -> list[ScheduleItem]:
    """Each deadline at the latest working day on or before its nominal date, saying why it moved."""
    calendar = calendar or WorkCalendar()
    items = []
    for key, label, days in DEADLINES:
        nominal = exam - dt.timedelta(days=days)
        day = calendar.day(nominal)
        due = calendar.latest_workday(nominal)
        # unmoved, the day's own note: e.g. 周六调休上班, a working day that looks like a weekend
        reason = _moved(day.reason, nominal, due.date) if due.date != nominal else day.reason
        items.append(ScheduleItem(key, label, due.date, nominal, True, due.estimated or day.estimated, reason))
    return items


def window_days(start: dt.date, end: dt.date) -> int:
    """The days of a period, both ends counted (10 days from the 1st is the 1st to the 10th)."""
    return (end - start).days + 1


def propose_nodes(exam: dt.date, calendar: WorkCalendar | None = None) -> dict[str, dt.date]:
    """A plan of the ten nodes that meets every rule, each on a working day, latest first.

    准考证下载结束时间 and 考试时间 are the exam date itself (the college's rule; an exam may be on a weekend).
    Every other node is the latest (certain) working day that keeps the periods at least 10 days, both ends
    counted, the 准考证 one with a day to spare; 报名截止时间 is no later than the 提交电子材料 deadline, since
    the 认定名单 handed in then is the system's. Score publicity starts on the first working day two weeks
    after the exam and ends on a working day at least 10 days later.

    >>> nodes = propose_nodes(dt.date(2026, 12, 18))
    >>> nodes["registration_end"], nodes["reg_publicity_start"], nodes["reg_publicity_end"]
    (datetime.date(2026, 11, 25), datetime.date(2026, 11, 27), datetime.date(2026, 12, 7))
    """
    calendar = calendar or WorkCalendar()
    span = (MIN_WINDOW_DAYS - 1) * _DAY

    def on_or_before(date: dt.date) -> dt.date:
        return calendar.latest_workday(date).date

    def on_or_after(date: dt.date) -> dt.date:
        return calendar.earliest_workday(date).date

    electronic = next(item.date for item in deadlines(exam, calendar) if item.key == "electronic_materials")
    ticket_start = on_or_before(exam - (span + _DAY))
    reg_publicity_end = on_or_before(ticket_start - _DAY)
    reg_publicity_start = on_or_before(reg_publicity_end - span)
    review_end = on_or_before(reg_publicity_start - _DAY)
    registration_end = on_or_before(min(review_end - _DAY, electronic))
    score_start = on_or_after(exam + SCORE_PUBLICITY_AFTER_EXAM * _DAY)
    return {
        "registration_start": on_or_before(registration_end - 2 * _DAY),
        "registration_end": registration_end,
        "review_end": review_end,
        "reg_publicity_start": reg_publicity_start,
        "reg_publicity_end": reg_publicity_end,
        "ticket_start": ticket_start,
        "ticket_end": exam,
        "exam": exam,
        "score_publicity_start": score_start,
        "score_publicity_end": on_or_after(score_start + span),
    }


def node_items(nodes: Mapping[str, dt.date | None], calendar: WorkCalendar | None = None) -> list[ScheduleItem]:
    calendar = calendar or WorkCalendar()
    items = []
    for key in NODE_KEYS:
        date = nodes.get(key)
        day = calendar.day(date) if date else None
        fixed = key in EXAM_DAY_NODES  # the clerk's exam date, by rule: no calendar estimate is involved
        items.append(ScheduleItem(key, NODE_LABELS[key].replace("\n", ""), date, date,
                                  day.workday if day else True, bool(day and day.estimated and not fixed),
                                  day.reason if day else ""))
    return items


def check_nodes(nodes: Mapping[str, dt.date | None], exam: dt.date | None) -> list[Finding]:
    """Findings (keys are the 方案 fields) for a plan of nodes typed in by staff."""
    counting = COUNTING_INCLUSIVE
    findings = [Finding("schedule-node-missing", key) for key in NODE_KEYS if nodes.get(key) is None]
    present = [(key, nodes[key]) for key in NODE_KEYS if nodes.get(key) is not None]
    latest_key, latest = None, None
    for key, date in present:
        if latest is not None and date < latest:
            findings.append(Finding("schedule-order", key, {"previous": NODE_LABELS[latest_key],
                                                            "previous_date": latest.isoformat()}))
        if latest is None or date > latest:
            latest_key, latest = key, date
    start, end = nodes.get("reg_publicity_start"), nodes.get("reg_publicity_end")
    if start and end and window_days(start, end) < MIN_WINDOW_DAYS:
        findings.append(Finding("schedule-publicity-short", "reg_publicity_end",
                                {"days": window_days(start, end), "counting": counting}))
    exam = exam or nodes.get("exam")
    if exam is not None:
        findings.extend(_exam_day_rules(nodes, exam, counting))
    return findings


def _exam_day_rules(nodes, exam: dt.date, counting: str) -> list[Finding]:
    findings = []
    if nodes.get("exam") and nodes["exam"] != exam:
        findings.append(Finding("schedule-exam-mismatch", "exam", {"exam": exam.isoformat()}))
    start, end = nodes.get("ticket_start"), nodes.get("ticket_end")
    if end and end != exam:
        findings.append(Finding("schedule-ticket-end", "ticket_end", {"exam": exam.isoformat()}))
    if start and window_days(start, exam) < MIN_WINDOW_DAYS:
        findings.append(Finding("schedule-ticket-short", "ticket_start",
                                {"days": window_days(start, exam), "counting": counting}))
    score = nodes.get("score_publicity_start")
    if score and score <= exam:
        findings.append(Finding("schedule-score-before-exam", "score_publicity_start", {"exam": exam.isoformat()}))
    return findings


def exam_findings(exam: dt.date, today: dt.date, calendar: WorkCalendar | None = None) -> list[Finding]:
    """Warnings about the exam date itself: past, on a holiday, deadlines already missed, estimated year."""
    calendar = calendar or WorkCalendar()
    findings = []
    if exam < today:
        findings.append(Finding("exam-in-past", "exam_date", {"exam": exam.isoformat()}))
    day = calendar.day(exam)
    if not day.workday and day.reason not in WEEKDAYS:
        findings.append(Finding("exam-on-holiday", "exam_date", {"exam": exam.isoformat(), "holiday": day.reason}))
    items = deadlines(exam, calendar)
    if exam >= today:
        findings.extend(
            Finding("deadline-passed", "exam_date", {"label": item.label, "date": item.date.isoformat(),
                                                     "today": today.isoformat()})
            for item in items if item.date < today
        )
    years = {item.estimated_year for item in items if item.estimated} | ({exam.year} if day.estimated else set())
    findings.extend(Finding("schedule-estimated", None, {"year": year}) for year in sorted(years))
    return findings


def checklist(exam: dt.date, nodes: Mapping[str, dt.date | None], calendar: WorkCalendar | None = None
              ) -> list[ScheduleItem]:
    """The ten steps of the process, dated where the text ties them to a deadline or a node, and only there."""
    due = {item.key: item for item in deadlines(exam, calendar)}

    def from_deadline(key: str, label: str, deadline: ScheduleItem) -> ScheduleItem:
        return ScheduleItem(key, label, deadline.date, deadline.nominal, True, deadline.estimated, deadline.reason)

    def from_node(key: str, label: str, node: str) -> ScheduleItem:
        date = nodes.get(node)
        reason = say("schedule-step-by-node" if date else "schedule-step-node-open", node=NODE_LABELS[node])
        return ScheduleItem(key, label, date, date, reason=reason)

    def undated(key: str, label: str) -> ScheduleItem:
        return ScheduleItem(key, label, None, reason=say("schedule-step-undated"))

    return [
        from_deadline("step_1", "1. 提交电子材料（方案审批表、花名册、申报表、认定名单、照片和附件）",
                      due["electronic_materials"]),
        from_deadline("step_1b", "1. 同时把方案备案表报人社审核", due["plan_filing"]),
        from_deadline("step_2", "2. 提交纸质材料（申报表、身份证、学历证书、技能等级证书复印件）",
                      due["paper_materials"]),
        undated("step_3", "3. 理论实操考试备案表"),
        from_node("step_4", "4. 导入技能等级认定系统（确定十个时间节点）", "registration_start"),
        undated("step_5", "5. 现场勘查"),
        from_node("step_6", "6. 名单导入系统完成，开始缴费（税号、开户行、联系人、电话发学校财务）", "review_end"),
        from_node("step_7", "7. 准考证下载打印、考务安排、对接考试场地", "ticket_start"),
        ScheduleItem("step_8", "8. 理论、实操考试", exam, exam),
        from_node("step_9", "9. 公示期结束后成绩发各机构", "score_publicity_end"),
        undated("step_10", "10. 资料汇总"),
    ]


def full_schedule(exam: dt.date, nodes: Mapping[str, dt.date | None] | None = None,
                  calendar: WorkCalendar | None = None) -> list[ScheduleItem]:
    """Deadlines then nodes (proposed where none are given): what `qzxl schedule` prints."""
    calendar = calendar or WorkCalendar()
    return deadlines(exam, calendar) + node_items(nodes or propose_nodes(exam, calendar), calendar)
