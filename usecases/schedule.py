"""`qzxl schedule`: the schedule of one exam date, or the nodes typed on a workbook's 方案 sheet, checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from qzxl.catalogue import say
from qzxl.dates.schedule import (
    COUNTING_INCLUSIVE,
    ScheduleItem,
    check_nodes,
    checklist,
    exam_findings,
    full_schedule,
    plan_nodes,
    propose_nodes,
)
from qzxl.dates.workdays import WEEKDAYS, WorkCalendar
from qzxl.errors import CannotRun
from qzxl.layout import PLAN_FIELDS
from qzxl.report import Issue, Report
from qzxl.rules import place_plan_findings
from qzxl.sheets.intake import read_plan, workbook_calendar
from qzxl.sheets.reader import read_workbook


@dataclass
class ScheduleResult:
    exam: dt.date
    items: list[ScheduleItem]
    checklist: list[ScheduleItem]
    proposed: bool
    report: Report = field(default_factory=Report)

    def as_dict(self) -> dict[str, object]:
        return {
            "exam": self.exam.isoformat(),
            "counting": COUNTING_INCLUSIVE,
            "proposed": self.proposed,
            "items": [item.as_dict() for item in self.items],
            "checklist": [item.as_dict() for item in self.checklist],
            "issues": [issue.as_dict() for issue in self.report.sorted_issues()],
        }


def exam_schedule(exam: dt.date, *, today: dt.date | None = None, calendar: WorkCalendar | None = None
                  ) -> ScheduleResult:
    calendar = calendar or WorkCalendar()
    nodes = propose_nodes(exam, calendar)
    report = Report()
    report.extend(Issue.create(f.code, params=f.params) for f in exam_findings(exam, today or dt.date.today(),
                                                                                calendar))
    return ScheduleResult(exam, full_schedule(exam, nodes, calendar), checklist(exam, nodes, calendar), True, report)


def book_schedule(path: Path, *, today: dt.date | None = None) -> ScheduleResult:
    data = read_workbook(path)
    if data.plan is None:
        raise CannotRun("run-schedule-no-plan", book=Path(path).name)
    plan, issues = read_plan(data.plan)
    calendar, calendar_issues = workbook_calendar(data)
    nodes = plan_nodes(plan)
    exam = plan.exam_date or nodes["exam"]
    if exam is None:
        exam_labels = {f.label for f in PLAN_FIELDS if f.key in ("exam_date", "exam")}
        typo = next((i for i in issues if i.column in exam_labels), None)  # a date it cannot use
        if typo is not None:
            raise CannotRun(typo.code, **{"value": typo.value, "column": typo.column or "", **dict(typo.params)})
        raise CannotRun("run-schedule-no-exam")
    report = Report()
    report.extend(issues + calendar_issues)
    findings = check_nodes(nodes, exam) + exam_findings(exam, today or dt.date.today(), calendar)
    report.extend(place_plan_findings(findings, data.plan))
    return ScheduleResult(exam, full_schedule(exam, nodes, calendar), checklist(exam, nodes, calendar), False, report)


def _line(item: ScheduleItem) -> str:
    when = f"{item.date.isoformat()} {WEEKDAYS[item.date.weekday()]}" if item.date else "—".ljust(14)
    return f"  {when}  {item.label}" + (f"  （{'；'.join(item.notes)}）" if item.notes else "")


def render_schedule(result: ScheduleResult) -> str:
    exam = result.exam
    lines = [say("schedule-text-exam", exam=exam.isoformat(), weekday=WEEKDAYS[exam.weekday()]), "",
             say("schedule-text-deadlines")]
    lines += [_line(item) for item in result.items[:3]]
    heading = "schedule-text-nodes-proposed" if result.proposed else "schedule-text-nodes-filled"
    lines += ["", say(heading, counting=COUNTING_INCLUSIVE)]
    lines += [_line(item) for item in result.items[3:]]
    lines += ["", say("schedule-text-checklist")]
    lines += [_line(item) for item in result.checklist]
    if result.report.issues:
        lines += ["", say("schedule-text-attention")]
        lines += [f"  {'✗' if i.is_error else '!'} {i.where + '：' if i.cell else ''}{i.message}"
                  for i in result.report.sorted_issues()]
    return "\n".join(lines)
