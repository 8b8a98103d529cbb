"""Worksheet functions as plain Python: what the Excel UDFs return, vectorised.

Each takes a single value or a whole column (a list, or a list of one-item
rows as Excel passes a range) and answers in the same shape, so a table costs
Excel one call. Bad input gives a readable message in that cell, never an
exception (which Excel would show as #VALUE!).

>>> schedule_table("2026-10-20")[1]
['方案审批（备案）表报人社审核（开考前 15 天）', datetime.date(2026, 9, 30)]
>>> latest_workday([["2026-10-04"], ["2026-10-10"], ["x"]])
[[datetime.date(2026, 9, 30)], [datetime.date(2026, 10, 10)], ['「x」不是能识别的日期，请写成 1990-12-15 这样的格式。']]
>>> id_check([["330822199012153426"], ["330822199012153420"]])
[[''], ['证件号码最后一位（校验位）不对，按前 17 位算应为 6。请对照证件逐位核对。']]
>>> photo_name([["330822199012153426"], ["330822199012153420"]], [["张三"], ["李四"]])
[['330822199012153426张三.jpg'], ['证件号码最后一位（校验位）不对，按前 17 位算应为 6。请对照证件逐位核对。']]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from qzxl.catalogue import CATALOGUE, Severity
from qzxl.dates.schedule import DEADLINES, full_schedule
from qzxl.dates.workdays import WorkCalendar
from qzxl.layout import REGISTRATION
from qzxl.photos.naming import expected_photo_name
from qzxl.rules import eligibility
from qzxl.rules.context import Context
from qzxl.rules.identity import age_on
from qzxl.sheets.intake import read_candidates
from qzxl.sheets.models import Plan
from qzxl.sheets.tables import TableData, TableRow
from qzxl.values import idnumber
from qzxl.values.normalize import DATE_RANGE, DateOutOfRange, clean_name, clean_text, parse_date

DEADLINE_KEYS = {key: days for key, _, days in DEADLINES}
DEADLINE_LABELS = {label.split("（")[0]: key for key, label, _ in DEADLINES}


FIRST_YEAR, LAST_YEAR = DATE_RANGE[0].year, DATE_RANGE[1].year  # the calendar's lunar holidays reach this far


def _message(code: str, **params: object) -> str:
    return CATALOGUE[code].render(**params)


def _date_or_message(value: object) -> dt.date | str:
    """The date in a cell, or the catalogue's sentence saying why there is none."""
    if value is None or value == "":
        return _message("worksheet-date-missing")
    try:
        date = parse_date(value)
    except DateOutOfRange as error:
        return _message("worksheet-date-out-of-range", value=str(error), first=FIRST_YEAR, last=LAST_YEAR)
    except (ValueError, TypeError, OverflowError):
        date = None
    if date is None:
        return _message("date-unreadable", value=value)
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        return _message("worksheet-date-out-of-range", value=date.isoformat(), first=FIRST_YEAR, last=LAST_YEAR)
    return date


def map_cells(function: Callable[[object], object], values: object) -> object:
    """Apply ``function`` to a value, a column, or a column of one-item rows, keeping the shape."""
    if isinstance(values, list):
        return [map_cells(function, value) for value in values]
    return function(values)


def map_pairs(function: Callable[[object, object], object], first: object, second: object) -> object:
    """Like :func:`map_cells` over two arguments of the same shape; a single second value applies to all."""
    if isinstance(first, list):
        seconds = second if isinstance(second, list) else [second] * len(first)
        return [map_pairs(function, a, b) for a, b in zip(first, seconds, strict=False)]
    return function(first, second)


def latest_workday(dates: object) -> object:
    """The latest working day on or before each date (调休 and the 2024 holiday rules included)."""
    calendar = WorkCalendar()

    def one(value: object) -> object:
        date = _date_or_message(value)
        return calendar.latest_workday(date).date if isinstance(date, dt.date) else date

    return map_cells(one, dates)


def deadline(exam_dates: object, which: str) -> object:
    """One named deadline (electronic_materials / plan_filing / paper_materials, or its Chinese name) per exam date."""
    key = DEADLINE_LABELS.get(which, which) if isinstance(which, str) else None
    if key not in DEADLINE_KEYS:
        return _message("worksheet-deadline-unknown", value="" if which is None else which,
                        choices="、".join(DEADLINE_LABELS))
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
    return [[" ".join(text for text in (item.label, item.estimate_note) if text), item.date]
            for item in full_schedule(exam)]


def _id_or_message(value: object) -> tuple[str, str]:
    """(compact number, "") for an 18-digit number idnumber accepts, ("", the sentence why not) otherwise.

    Empty cells give ("", ""). A number with only warnings (a retired county code) is usable; one that
    cannot give a birth date and gender (a 15-digit number) answers with its sentence instead.
    """
    if value is None or value == "":
        return "", ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "", _message("number-stored-id", value=value)
    number = idnumber.compact(value)
    if idnumber.is_valid(number):
        return number, ""
    found = idnumber.problems(number)
    code, params = next(((c, p) for c, p in found if CATALOGUE[c].severity is Severity.ERROR), found[0])
    return "", CATALOGUE[code].render(**params)


def id_check(numbers: object) -> object:
    """"" for a valid ID number, else what is wrong, per cell."""
    return map_cells(lambda value: _id_or_message(value)[1], numbers)


def id_birth_date(numbers: object) -> object:
    def one(value: object) -> object:
        number, message = _id_or_message(value)
        return idnumber.birth_date(number) if number else message

    return map_cells(one, numbers)


def id_gender(numbers: object) -> object:
    def one(value: object) -> object:
        number, message = _id_or_message(value)
        return idnumber.gender(number) if number else message

    return map_cells(one, numbers)


def id_age(numbers: object, on_date: object) -> object:
    """Whole years on ``on_date`` (the exam date, say) per ID number."""

    def one(value: object, when: object) -> object:
        number, message = _id_or_message(value)
        day = _date_or_message(when)
        if not number:
            return message
        return age_on(idnumber.birth_date(number), day) if isinstance(day, dt.date) else day

    return map_pairs(one, numbers, on_date)


def photo_name(numbers: object, names: object) -> object:
    """The photo file name the college expects, per row: ID number + name + .jpg."""

    def one(value: object, name: object) -> object:
        number, message = _id_or_message(value)
        if not number:
            return message
        name = clean_name(name)
        if not name:
            return _message("required-missing", column=REGISTRATION.column("name").header)
        return expected_photo_name(number, name)

    return map_pairs(one, numbers, names)


def condition_sentence(headers: object, rows: object, level: object = "", basis: object = "",
                       on_date: object = None) -> list[list[str]]:
    """Per row of the 报名信息 table, the official 申报条件 sentence its data satisfies first.

    ``headers`` is the header row, ``rows`` the people under it (any columns, in any order, found by
    their header text), ``level`` the 方案 鉴定等级 for rows whose 申报等级 is blank, ``basis`` 2023 or
    2018 (blank: 2023), ``on_date`` the exam date the certificate years count to. A row that
    satisfies no route says what is missing or which routes there are.

    >>> condition_sentence([["姓名", "工作年限", "原鉴定等级"]], [["张三", 6, "无"], ["李四", 2, "无"]], "四级/中级工")
    [['累计从事本职业或相关职业工作满5年。'], ['不满足「四级/中级工」的任何一条申报条件，请点「校验」查看各条。']]
    """
    header = headers[0] if isinstance(headers, list) and headers and isinstance(headers[0], list) else headers
    header = header if isinstance(header, list) else [header]
    lines = rows if isinstance(rows, list) else [[rows]]
    lines = [line if isinstance(line, list) else [line] for line in lines]
    found = {}
    for index, text in enumerate(header):
        key = next((c.key for c in REGISTRATION.columns if c.matches(text)), None)
        if key and key not in found:
            found[key] = index
    basis_key = eligibility.rule_set_key(basis)
    if basis_key is None:
        return [[_message("rule-set-unknown", value=basis)] for _ in lines]
    exam = _date_or_message(on_date) if on_date not in (None, "") else None
    context = Context(exam_date=exam if isinstance(exam, dt.date) else None,
                      plan=Plan(level=clean_text(level), eligibility_basis=basis_key))
    table = TableData(REGISTRATION.sheet, 1, dict.fromkeys(found, "A"),
                      [TableRow(number, {key: line[i] if i < len(line) else None for key, i in found.items()})
                       for number, line in enumerate(lines, start=2)
                       if any(value not in (None, "") for value in line)])  # a blank row answers ""
    candidates, _ = read_candidates(table)
    by_row = {candidate.row: candidate for candidate in candidates}
    return [[_one_sentence(by_row.get(number), context)] for number in range(2, len(lines) + 2)]


def _one_sentence(candidate, context: Context) -> str:
    if candidate is None:
        return ""
    level, _, found = eligibility.verdicts(candidate, context)
    if not found:
        return "" if not level else _message("worksheet-level-unknown", value=level)
    chosen = eligibility.first_holding(found)
    if chosen is not None:
        return chosen.route.sentence
    if any(not v.fails for v in found):
        missing: list = []
        for item in (m for v in found if not v.fails for m in v.missing):
            if item not in missing:  # each thing to fill in once, whichever routes need it
                missing.append(item)
        return _message("condition-undecided", missing=missing)
    return _message("condition-none", level=level)
