"""Worksheet functions as plain Python: what the Excel UDFs return, vectorised.

Each takes a single value or a whole column (a list, or a list of one-item
rows as Excel passes a range) and answers in the same shape, so a table costs
Excel one call. Bad input gives a readable message in that cell, never an
exception (which Excel would show as #VALUE!).

>>> schedule_table("2026-10-20")[1]
['方案审批（备案）表报人社审核（开考前 15 天）', datetime.date(2026, 9, 30)]
>>> latest_workday([["2026-10-04"], ["2026-10-10"], ["x"]])
[[datetime.date(2026, 9, 30)], [datetime.date(2026, 10, 10)], ['「x」不是日期']]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from qzxl.normalize import parse_date
from qzxl.schedule import DEADLINES, full_schedule
from qzxl.workdays import WorkCalendar

DEADLINE_KEYS = {key: days for key, _, days in DEADLINES}
DEADLINE_LABELS = {label.split("（")[0]: key for key, label, _ in DEADLINES}


def _date_or_message(value: object) -> dt.date | str:
    try:
        date = parse_date(value)
    except (ValueError, TypeError):
        date = None
    return date if date is not None else f"「{'' if value is None else value}」不是日期"


def map_cells(function: Callable[[object], object], values: object) -> object:
    """Apply ``function`` to a value, a column, or a column of one-item rows, keeping the shape."""
    if isinstance(values, list):
        return [map_cells(function, value) for value in values]
    return function(values)


def latest_workday(dates: object) -> object:
    """The latest working day on or before each date (调休 and the 2024 holiday rules included)."""
    calendar = WorkCalendar()

    def one(value: object) -> object:
        date = _date_or_message(value)
        return calendar.latest_workday(date).date if isinstance(date, dt.date) else date

    return map_cells(one, dates)


def deadline(exam_dates: object, which: str) -> object:
    """One named deadline (electronic_materials / plan_filing / paper_materials, or its Chinese name) per exam date."""
    key = DEADLINE_LABELS.get(which, which)
    if key not in DEADLINE_KEYS:
        return f"没有名为「{which}」的截止日期，可选：{'、'.join(DEADLINE_LABELS)}"
    calendar = WorkCalendar()

    def one(value: object) -> object:
        exam = _date_or_message(value)
        if not isinstance(exam, dt.date):
            return exam
        return calendar.latest_workday(exam - dt.timedelta(days=DEADLINE_KEYS[key])).date

    return map_cells(one, exam_dates)


def schedule_table(exam_date: object) -> list[list[object]]:
    """The whole schedule as rows of (label, date): deadlines, then the proposed system nodes."""
    exam = _date_or_message(exam_date)
    if not isinstance(exam, dt.date):
        return [[exam, ""]]
    return [[item.label + ("（预估）" if item.estimated else ""), item.date] for item in full_schedule(exam)]
