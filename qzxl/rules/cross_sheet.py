"""What must agree between sheets: 报名信息 ↔ 花名册, 报名信息 ↔ 方案, and the payer on 方案.

>>> from qzxl.sheets.models import Candidate, RosterLine
>>> people = [Candidate(row=3, name="张三", id_number="330822199012153426")]
>>> roster = [RosterLine(row=5, name="张山", id_number="330822199012153426")]
>>> [(f.sheet, f.row, f.code) for f in check_roster(people, roster, "花名册")]
[('花名册', 5, 'roster-mismatch')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

from qzxl.layout import PLAN_FIELDS, PLAN_SHEET, ROSTER
from qzxl.report import Finding
from qzxl.rules.choices import option_finding
from qzxl.rules.context import Context
from qzxl.values import idnumber
from qzxl.values.normalize import clean_text
from qzxl.values.privacy import mask_id

_ROSTER_REQUIRED = tuple(c.key for c in ROSTER.columns if c.required)
_TAX_ID_REASONS = {  # tax-id-invalid's reason keys
    InvalidLength: "tax-id-length",
    InvalidFormat: "tax-id-format",
    InvalidChecksum: "tax-id-check-digit",
}


def _birth_month(candidate) -> tuple[int, int] | None:
    """The 出生年月 the roster must show: the typed 出生日期, else the one in the ID number."""
    born = candidate.birth_date
    if born is None and len(candidate.id_number) == 18:
        born = idnumber.birth_date(candidate.id_number)
    return (born.year, born.month) if born else None


def _month_text(month: tuple[int, int] | None) -> str:
    return f"{month[0]}.{month[1]:02d}" if month else ""


def check_roster(candidates: Sequence, roster: Sequence, roster_sheet: str) -> Iterator[Finding]:
    """Every roster line against the first 报名信息 row of its ID; the roster's own required cells and repeats.

    A repeated ID on 报名信息 is reported there (id-duplicate): its line is compared with the first of its rows,
    as the 花名册's 自动检查 column does (MATCH), and every roster line is checked, the repeated ones too.
    """
    first_row: dict[str, object] = {}
    for candidate in candidates:
        if candidate.id_number:
            first_row.setdefault(candidate.id_number, candidate)
    lines_by_id: dict[str, list] = defaultdict(list)
    for line in roster:
        if line.id_number:
            lines_by_id[line.id_number].append(line)
    for number, candidate in first_row.items():
        if number not in lines_by_id:
            yield Finding("roster-missing", "id_number", {"name": candidate.name, "id": mask_id(number)},
                          row=candidate.row)
    for line in roster:
        yield from _roster_line(line, first_row, lines_by_id, roster_sheet)


def _roster_line(line, first_row: dict, lines_by_id: dict, roster_sheet: str) -> Iterator[Finding]:
    for key in _ROSTER_REQUIRED:
        if getattr(line, key) == "" and key not in line.unreadable:
            yield Finding("required-missing", key, row=line.row, sheet=roster_sheet)
    number = line.id_number
    if not number:
        return
    repeats = lines_by_id[number]
    if len(repeats) > 1:
        others = "、".join(str(other.row) for other in repeats if other is not line)
        yield Finding("id-duplicate", "id_number", {"other_rows": others}, row=line.row, sheet=roster_sheet)
    candidate = first_row.get(number)
    if candidate is None:
        yield Finding("roster-extra", "id_number", {"name": line.name, "id": mask_id(number)},
                      row=line.row, sheet=roster_sheet)
        return
    pairs = (
        ("name", line.name, candidate.name),
        ("gender", clean_text(line.gender), candidate.gender),  # a list value on 报名信息: compared as one
        ("birth_month", _month_text(line.birth_month), _month_text(_birth_month(candidate))),
    )
    for key, roster_value, expected in pairs:
        if roster_value and expected and roster_value != expected:
            yield Finding("roster-mismatch", key, {"expected": expected, "other_row": candidate.row},
                          row=line.row, sheet=roster_sheet)


def tax_id_problem(value: str) -> str | None:
    try:
        uscc.validate(value)
    except ValidationError as error:
        return _TAX_ID_REASONS.get(type(error), "tax-id-registration")
    return None


def check_plan(plan, candidates: Sequence, context: Context) -> Iterator[Finding]:
    for field in PLAN_FIELDS:
        if field.required and field.key not in plan.unreadable and getattr(plan, field.key) in ("", None):
            yield Finding("plan-missing", field.key, sheet=PLAN_SHEET)
        if field.options:
            finding = option_finding(field.key, field.options, getattr(plan, field.key), context)
            if finding:
                yield Finding(finding.code, finding.key, finding.params, sheet=PLAN_SHEET)
    if plan.headcount is not None and candidates and plan.headcount != len(candidates):
        yield Finding("plan-headcount", "headcount", {"count": len(candidates)}, sheet=PLAN_SHEET)
    for candidate in candidates:
        if plan.occupation and candidate.applied_occupation not in ("", plan.occupation):
            yield Finding("plan-occupation", "applied_occupation", {"expected": plan.occupation}, row=candidate.row)
        if plan.level and candidate.applied_level not in ("", plan.level):
            yield Finding("plan-level", "applied_level", {"expected": plan.level}, row=candidate.row)
    if plan.payer_tax_id:
        reason = tax_id_problem(plan.payer_tax_id)
        if reason:
            yield Finding("tax-id-invalid", "payer_tax_id", {"reason": reason}, sheet=PLAN_SHEET)
