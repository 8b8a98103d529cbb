"""Run every rule over a workbook and place each finding on its sheet, row and cell.

Row rules (``check(candidate, context)``) and table rules
(``check_all(candidates, context)``) return findings; this module turns them
into a :class:`~qzxl.report.Report` whose rows and cells are the ones the
clerk sees in Excel.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

from qzxl.dates.schedule import check_nodes, exam_findings, plan_nodes
from qzxl.dates.workdays import WorkCalendar
from qzxl.layout import PLAN_FIELDS, PLAN_SHEET, REGISTRATION, ROSTER, Table
from qzxl.report import Finding, Issue, Report
from qzxl.rules import choices, contact, cross_sheet, duplicates, eligibility, identity, required, work_years
from qzxl.rules.context import Context
from qzxl.sheets.intake import read_candidates, read_plan, read_roster, workbook_calendar
from qzxl.sheets.tables import FormData, TableData, WorkbookData

ROW_RULES = (required, identity, contact, choices, work_years, eligibility)
TABLE_RULES = (duplicates,)

__all__ = ["ROW_RULES", "TABLE_RULES", "Context", "check_candidates", "place_plan_findings", "proposed_conditions",
           "workbook_calendar", "workbook_context"]


def check_candidates(candidates: Sequence, context: Context) -> list[Finding]:
    """Findings of every row and table rule, in rule order, each on its candidate's row."""
    findings = [
        dataclasses.replace(finding, row=candidate.row)
        for candidate in candidates
        for rule in ROW_RULES
        for finding in rule.check(candidate, context)
    ]
    for rule in TABLE_RULES:
        findings.extend(rule.check_all(candidates, context))
    return findings


class _TablePlacer:
    """Places findings on a table sheet: the key's column on the finding's row."""

    def __init__(self, layout: Table, data: TableData) -> None:
        self.layout, self.data = layout, data
        self.raw = {row.number: row.values for row in data.rows}

    def place(self, finding: Finding) -> Issue | None:
        column = self.layout.column(finding.key) if finding.key else None
        letter = self.data.letters.get(finding.key) if finding.key else None
        if column is not None and letter is None:
            return None  # the whole column is missing; reported once as column-missing
        value = self.raw.get(finding.row, {}).get(finding.key) if finding.key else ""
        return Issue.create(finding.code, value=_shown(value), params=finding.params, sheet=self.data.sheet,
                            row=finding.row, column=column.header if column else None,
                            cell=f"{letter}{finding.row}" if letter else None, key=finding.key)


class _FormPlacer:
    def __init__(self, form: FormData) -> None:
        self.form = form
        self.labels = {f.key: f.label.replace("\n", "") for f in PLAN_FIELDS}

    def place(self, finding: Finding) -> Issue:
        key = finding.key or ""
        return Issue.create(finding.code, value=_shown(self.form.values.get(key)), params=finding.params,
                            sheet=self.form.sheet, row=self.form.row(key), column=self.labels.get(key),
                            cell=self.form.cells.get(key), key=finding.key)


def _shown(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    return "" if value is None else value


@dataclasses.dataclass
class Validation:
    """What validating a workbook read, kept so no caller reads the candidates or the plan a second time."""

    data: WorkbookData
    candidates: list
    plan: object | None
    calendar: WorkCalendar
    report: Report


def check_workbook(data: WorkbookData, *, exam_date: dt.date | None = None,
                   today: dt.date | None = None) -> Validation:
    """The full report for one workbook (reading problems, row, table and cross-sheet rules) and what it read."""
    report = Report()
    candidates, issues = read_candidates(data.registration)
    report.candidates = len(candidates)
    report.extend(issues)
    report.extend(_missing_columns(data.registration))
    if not candidates:
        report.extend([Issue.create("table-empty", value=data.registration.sheet, sheet=data.registration.sheet)])
    plan = None
    if data.plan is not None:
        plan, issues = read_plan(data.plan)
        report.extend(issues)
    calendar, issues = workbook_calendar(data)
    report.extend(issues)
    context, issues = workbook_context(data, plan, exam_date=exam_date, today=today)
    report.extend(issues)
    findings = check_candidates(candidates, context)
    findings.extend(schedule_findings(plan, context, calendar))
    if data.roster is not None and data.roster.sheet in data.uncalculated:
        report.extend([Issue.create("roster-not-calculated", sheet=data.roster.sheet)])
    elif data.roster is not None:
        roster, issues = read_roster(data.roster)
        report.extend(issues)
        findings.extend(cross_sheet.check_roster(candidates, roster, data.roster.sheet))
    if plan is not None:
        findings.extend(cross_sheet.check_plan(plan, candidates, context))
    report.extend(_place(findings, data))
    if context.exam_date is None:
        report.extend([Issue.create("exam-date-missing")])
    if data.lock_file is not None:
        report.extend([Issue.create("workbook-open-elsewhere", value=data.lock_file.name)])
    if data.lost_code_names:
        report.extend([Issue.create("workbook-code-names-lost", value="、".join(data.lost_code_names))])
    return Validation(data, candidates, plan, calendar, report)


def workbook_context(data: WorkbookData, plan, *, exam_date: dt.date | None = None,
                     today: dt.date | None = None) -> tuple[Context, list[Issue]]:
    """What the rules know besides the rows: the 字典 lists and 申报条件 table, the plan and its exam date."""
    overrides, issues = eligibility.read_eligibility_table(data.eligibility_table)
    context = Context(options=data.options, exam_date=exam_date or (plan.exam_date if plan else None),
                      today=today or dt.date.today(), plan=plan, eligibility_overrides=overrides)
    return context, issues


def proposed_conditions(data: WorkbookData, *, today: dt.date | None = None) -> list[tuple[int, str]]:
    """(Excel row, official sentence) for each candidate whose 申报条件 is empty and whose data satisfies a route."""
    candidates, _ = read_candidates(data.registration)
    plan = read_plan(data.plan)[0] if data.plan is not None else None
    context, _ = workbook_context(data, plan, today=today)
    return [(candidate.row, sentence) for candidate in candidates
            if not candidate.condition and "condition" not in candidate.unreadable
            and (sentence := eligibility.propose(candidate, context))]


def schedule_findings(plan, context: Context, calendar: WorkCalendar) -> list[Finding]:
    """Warnings about the exam date; the node rules once staff have typed any node."""
    findings = []
    if context.exam_date is not None:
        findings.extend(exam_findings(context.exam_date, context.today, calendar))
    if plan is not None and any((nodes := plan_nodes(plan)).values()):
        findings.extend(check_nodes(nodes, context.exam_date))
    if plan is None:  # no 方案 sheet to point at: the finding concerns the workbook as a whole
        return [Finding(f.code, None, f.params) for f in findings]
    return [Finding(f.code, f.key, f.params, sheet=PLAN_SHEET if f.key else None) for f in findings]


def _missing_columns(table: TableData) -> list[Issue]:
    return [
        Issue.create("column-missing", params={"sheet": table.sheet}, sheet=table.sheet, row=table.header_row,
                     column=column.header)
        for column in REGISTRATION.columns
        if column.required and column.key not in table.letters
    ]


def place_plan_findings(findings: Iterable[Finding], form: FormData) -> list[Issue]:
    """Issues on the 方案 form for findings keyed by plan field; keyless ones concern the whole batch."""
    placer = _FormPlacer(form)
    return [placer.place(f) if f.key else Issue.create(f.code, params=f.params) for f in findings]


def _place(findings: Iterable[Finding], data: WorkbookData) -> Iterable[Issue]:
    placers = {data.registration.sheet: _TablePlacer(REGISTRATION, data.registration)}
    if data.roster is not None:
        placers[data.roster.sheet] = _TablePlacer(ROSTER, data.roster)
    if data.plan is not None:
        placers[data.plan.sheet] = _FormPlacer(data.plan)
    for finding in findings:
        if finding.key is None and finding.sheet is None:
            yield Issue.create(finding.code, params=finding.params)
            continue
        issue = placers[finding.sheet or data.registration.sheet].place(finding)
        if issue is not None:
            yield issue
