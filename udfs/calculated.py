"""The results Excel would cache for the built workbook's own formulas, computed by the engine.

A program that saves formulas without results (openpyxl, XlsxWriter) leaves a workbook that a reader without a
calculation engine cannot read: the 花名册 looks empty and the 方案's deadlines are missing. The build and every
file-port save therefore cache what these formulas give — the 花名册's lines and columns (not its 自动检查
column and hidden helpers), the 方案's three deadlines, their notes and 联系老师, the 流程's dates and notes —
worked out by the engine's own functions from the cells the formulas read, never by evaluating the formulas;
each only where the cell's formula still reads what it was worked out from (:class:`udfs.ooxml.Guarded`).

>>> cells = calculated_cells({})  # an empty workbook: every formula gives ""
>>> cells["方案"]["C{}".format(deadline_row(3) + 1)].value, cells["花名册"]["B5"].value
('请先选择所属区县', '')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

from qzxl.catalogue import say
from qzxl.dates.schedule import DEADLINES, ScheduleItem, checklist, deadlines, propose_nodes
from qzxl.dates.workdays import WorkCalendar
from qzxl.errors import CannotRun
from qzxl.layout import (
    FIRST_DATA_ROW,
    OPTIONS_SHEET,
    PLAN_SHEET,
    PLAN_VALUE_COLUMN,
    PROCESS,
    PROCESS_FIRST_STEP_ROW,
    REGISTRATION,
    REGISTRATION_FORMATTED_ROWS,
    ROSTER,
    deadline_row,
    plan_value_row,
)
from qzxl.sheets.address import column_letter
from qzxl.sheets.grid import Grid
from qzxl.sheets.intake import workbook_calendar
from qzxl.sheets.tables import workbook_from_sheets
from qzxl.values.normalize import parse_date
from qzxl.values.options import DISTRICT_CONTACTS
from udfs.ooxml import Guarded

EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def _cell(grid: Grid | None, row: int, col: int) -> object:
    """The value at 0-based (row, col), None past the edge (a blank cell)."""
    if grid is None or row >= len(grid) or col >= len(grid[row]):
        return None
    return grid[row][col]


def _blank(value: object) -> bool:
    return value is None or value == ""


def serial(value: dt.date | dt.datetime) -> float | int:
    """Excel's day number of a date (1900 date system)."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    days = (moment - EXCEL_EPOCH) / dt.timedelta(days=1)
    return int(days) if days == int(days) else days


def excel_text(value: object) -> str:
    """What ``value&""`` gives in Excel: text as it is, a number (a date is one) in the General format."""
    if _blank(value):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.date, dt.datetime)):
        value = serial(value)
    if isinstance(value, (int, float)):
        text = f"{value:.15g}"
        if "e" in text:
            mantissa, exponent = text.split("e")
            text = f"{mantissa}E{'+' if int(exponent) >= 0 else '-'}{abs(int(exponent)):02d}"
        return text
    return str(value)


def _excel_value(value: object) -> object:
    """What a formula returning a cell gives: a blank cell is 0."""
    return 0 if _blank(value) else value


def _date(value: object) -> dt.date | None:
    """A date as Excel coerces it from a cell (a date, a serial, or text that reads as one); None otherwise."""
    if isinstance(value, bool) or _blank(value):
        return None
    if isinstance(value, (int, float)):
        return (EXCEL_EPOCH + dt.timedelta(days=value)).date() if 0 < value < 2958466 else None
    try:
        return parse_date(value)
    except (ValueError, TypeError, OverflowError):
        return None


def _plan(grid: Grid | None, key: str) -> object:
    return _cell(grid, plan_value_row(key), PLAN_VALUE_COLUMN)


def _calendar(options: Grid | None) -> WorkCalendar:
    """The working-day calendar with the workbook's own 放假调整 rows (as the 字典's calendar formulas read them)."""
    if options is None:
        return WorkCalendar()
    data = workbook_from_sheets(Path(), {OPTIONS_SHEET: options}, need_candidates=False)
    return workbook_calendar(data)[0]


def _deadlines(plan: Grid | None, options: Grid | None) -> dict[str, ScheduleItem]:
    """The 方案's deadlines by key; none without a readable exam date (the formulas then give "")."""
    exam = _date(_plan(plan, "exam_date"))
    if exam is None:
        return {}
    try:
        return {item.key: item for item in deadlines(exam, _calendar(options))}
    except CannotRun:  # 放假调整 leaves no working day: the 字典 calendar finds none either
        return {}


def plan_cells(items: Mapping[str, ScheduleItem], plan: Grid | None) -> dict[str, object]:
    """方案: the three deadlines (day numbers), their notes and 联系老师."""
    value = PLAN_VALUE_COLUMN
    cells: dict[str, object] = {}
    for index, (key, _, days) in enumerate(DEADLINES):
        row = deadline_row(index) + 1
        item = items.get(key)
        cells[f"{column_letter(value + 1)}{row}"] = Guarded(serial(item.date) if item else "", "QZ_CALENDAR")
        note = ""
        if item is not None:
            moved = item.date != item.nominal
            note = say("formula-deadline-moved", days=days) if moved else ""
            if item.estimated:
                note += ("；" if moved else "") + item.estimate_note
        cells[f"{column_letter(value + 2)}{row}"] = Guarded(note, "QZ_CALENDAR_ESTIMATED")
    district = _plan(plan, "district")
    contacts = {name.casefold(): (teacher, phone) for name, teacher, phone in DISTRICT_CONTACTS}
    found = contacts.get(excel_text(district).casefold()) if not _blank(district) else None
    cells[f"{column_letter(value + 1)}{deadline_row(len(DEADLINES)) + 1}"] = Guarded(
        f"{found[0]} {found[1]}" if found else say("formula-contact-missing"), "QZ_CONTACTS")
    return cells


def process_cells(items: Mapping[str, ScheduleItem], plan: Grid | None) -> dict[str, object]:
    """流程: each step's date (a deadline, the exam date or a node as the 方案 holds it) and the deadlines' notes."""
    example = dt.date(2026, 12, 31)  # as the build: only the steps' order and keys are used
    steps = checklist(example, propose_nodes(example))
    by_step = {"step_1": "electronic_materials", "step_1b": "plan_filing", "step_2": "paper_materials"}
    nodes = {"step_4": "registration_start", "step_6": "review_end", "step_7": "ticket_start",
             "step_9": "score_publicity_end", "step_8": "exam_date"}
    follows = say("formula-follows-exam")
    cells: dict[str, object] = {}
    for offset, step in enumerate(steps):
        row = PROCESS_FIRST_STEP_ROW + offset + 1
        if step.key in by_step:
            item = items.get(by_step[step.key])
            cells[f"B{row}"] = Guarded(serial(item.date) if item else "", "QZ_DEADLINE_")
            cells[f"C{row}"] = Guarded(f"{follows}；{item.estimate_note}" if item and item.estimated else follows,
                                       "QZ_CALENDAR_ESTIMATED")
        elif step.key in nodes:
            node = _plan(plan, nodes[step.key])
            cells[f"B{row}"] = Guarded("" if _blank(node) else _excel_value(node),
                                       r"QZ_EXAM_DATE|!\$C\$" + str(plan_value_row(nodes[step.key]) + 1) + r"(?!\d)")
    return cells


def roster_cells(registration: Grid | None, plan: Grid | None) -> dict[str, object]:
    """花名册: its two lines, and each formatted row's columns read from the 报名信息 row of the same number."""
    def training(key: str) -> str:
        value = _plan(plan, key)
        if _blank(value):
            return ""
        date = _date(value)
        return f"{date:%Y-%m-%d}" if date else excel_text(value)

    cells: dict[str, object] = {
        "A2": Guarded(say("formula-roster-org", org=excel_text(_plan(plan, "org"))), "QZ_ORG"),
        "A3": Guarded(say("formula-roster-class", occupation=excel_text(_plan(plan, "occupation")),
                          level=excel_text(_plan(plan, "level")), class_name=excel_text(_plan(plan, "class_name")),
                          start=training("training_start"), end=training("training_end")), "QZ_OCCUPATION"),
    }
    source = {key: REGISTRATION.keys.index(key) for key in REGISTRATION.keys}
    for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + REGISTRATION_FORMATTED_ROWS):
        def typed(key: str, row: int = row) -> object:
            return _cell(registration, row, source[key])

        person = not _blank(typed("name"))
        reads = re.escape(f"!${column_letter(source['name'] + 1)}{row + 1}") + r"(?!\d)"  # its own 报名信息 row
        birth = typed("birth_date")
        birth_date = _date(birth)
        values = {
            "seq": row + 1 - FIRST_DATA_ROW,
            "name": excel_text(typed("name")),
            "gender": excel_text(typed("gender")),
            "birth_month": "" if _blank(birth) else (f"{birth_date:%Y.%m}" if birth_date else excel_text(birth)),
            "education": excel_text(typed("education")),
            "work_years": _excel_value(typed("work_years")),
            "cert_number": excel_text(typed("cert_number")),
            "employer_or_address": _excel_value(typed("employer") if not _blank(typed("employer"))
                                                else typed("address")),
            "id_number": excel_text(typed("id_number")),
            "phone": excel_text(typed("mobile")),
        }
        for col, column in enumerate(ROSTER.columns):
            cells[f"{column_letter(col + 1)}{row + 1}"] = Guarded(values[column.key] if person else "", reads)
    return cells


def calculated_cells(grids: Mapping[str, Grid]) -> dict[str, dict[str, object]]:
    """Sheet → cell → the cached result, for the 方案, 流程 and 花名册 of a workbook whose cells are ``grids``."""
    plan = grids.get(PLAN_SHEET)
    items = _deadlines(plan, grids.get(OPTIONS_SHEET))
    return {PLAN_SHEET: plan_cells(items, plan), PROCESS.sheet: process_cells(items, plan),
            ROSTER.sheet: roster_cells(grids.get(REGISTRATION.sheet), plan)}
