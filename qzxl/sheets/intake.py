"""From cells to models: normalise every value by its column kind, report what cannot be read.

A value that cannot be read is reported here, once, and listed in the
record's ``unreadable`` so that no rule reports it a second time.

>>> from qzxl.sheets.tables import TableData, TableRow
>>> table = TableData("报名信息", 1, {"name": "A", "id_number": "B"},
...                   [TableRow(2, {"name": " 张　三 ", "id_number": 3.30822199012153e17})])
>>> candidates, issues = read_candidates(table)
>>> candidates[0].name, sorted(candidates[0].unreadable), [i.code for i in issues]
('张 三', ['id_number'], ['number-stored-id'])
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter

from qzxl.dates.workdays import Override, WorkCalendar
from qzxl.layout import HOLIDAY_ARRANGEMENTS, HOLIDAY_OVERRIDES, PLAN_FIELDS, REGISTRATION, ROSTER, ColumnKind, Table
from qzxl.report import Issue
from qzxl.sheets.models import Candidate, Plan, RosterLine
from qzxl.sheets.tables import FormData, TableData, WorkbookData
from qzxl.values.normalize import (
    DATE_RANGE,
    XML_ILLEGAL,
    DateOutOfRange,
    clean_free_text,
    clean_name,
    clean_text,
    compact_id,
    invisible_characters,
    parse_date,
    parse_number,
    parse_year_month,
)

EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!", "#GETTING_DATA"}
)

_PARSERS: dict[ColumnKind, Callable[[object], Any]] = {
    "date": parse_date,
    "month": parse_year_month,
    "number": parse_number,
    "id": compact_id,
    "text": clean_free_text,
    "time": clean_free_text,
}
_EMPTY: dict[ColumnKind, Any] = {"date": None, "month": None, "number": None}
_UNREADABLE_CODE: dict[ColumnKind, str] = {
    "date": "date-unreadable",
    "month": "date-unreadable",
    "number": "number-unreadable",
}


class UnreadableValue(ValueError):
    def __init__(self, code: str, shown: object, params: dict | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.shown = shown
        self.params = params or {}


_DATE_RANGE_PARAMS = {"first": DATE_RANGE[0].year, "last": DATE_RANGE[1].year}


def convert(key: str, kind: ColumnKind, raw: object, *, option: bool = False) -> Any:
    """The normalised value of one cell; UnreadableValue names the catalogue code when there is none.

    Free text is kept as typed (trimmed); an option (``option``) is tidied to match its list.
    """
    if raw is None or raw == "":
        return _EMPTY.get(kind, "")
    if isinstance(raw, str) and raw[0] == "#" and raw.strip() in EXCEL_ERRORS:
        raise UnreadableValue("cell-formula-error", raw.strip())
    if isinstance(raw, str) and XML_ILLEGAL.search(raw):
        raise UnreadableValue("text-xml-illegal", XML_ILLEGAL.sub("□", raw))
    if kind == "id" and isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raise UnreadableValue("number-stored-id", f"{raw:.6G}")
    if kind == "id" and isinstance(raw, str) and (hidden := invisible_characters(raw)):
        raise UnreadableValue("id-invisible-characters", compact_id("".join(c for c in raw if c not in hidden)))
    if key == "name":
        parser = clean_name
    elif option:
        parser = clean_text
    else:
        parser = _PARSERS.get(kind, clean_text)
    try:
        value = parser(raw)
    except DateOutOfRange as error:
        raise UnreadableValue("date-out-of-range", raw, _DATE_RANGE_PARAMS) from error
    except (ValueError, TypeError, OverflowError) as error:
        raise UnreadableValue(_UNREADABLE_CODE.get(kind, "date-unreadable"), raw) from error
    if kind == "number" and value is not None and value < 0:
        raise UnreadableValue("number-negative", raw)
    return value


def _memo_converter(key: str, kind: ColumnKind, option: bool) -> Callable[[object], Any]:
    """``convert`` for one column, remembering the answer for each text it has seen.

    Option columns repeat a handful of values down thousands of rows; the memo makes those a dict hit.
    Only strings are remembered (numbers and dates vary, and 1 == 1.0 == True would collide).
    """
    memo: dict[str, Any] = {}

    def one(raw: object) -> Any:
        if type(raw) is str:
            if raw in memo:
                return memo[raw]
            memo[raw] = value = convert(key, kind, raw, option=option)
            return value
        return convert(key, kind, raw, option=option)

    return one


def _read_rows(table_layout: Table, data: TableData, model: type) -> tuple[list, list[Issue]]:
    """Models of every row, and the issues of cells that could not be read.

    Column by column (one converter per column), then all models in one pydantic call: about twice
    as fast as cell by cell and model by model (benchmarks/engine.py).
    """
    rows = data.rows
    values: list[dict[str, Any]] = [{"row": row.number} for row in rows]
    unreadable: dict[int, list[str]] = {}
    issues = []
    for column in table_layout.columns:
        if column.key not in data.letters:
            continue
        key, one = column.key, _memo_converter(column.key, column.kind, bool(column.options))
        for index, row in enumerate(rows):
            try:
                values[index][key] = one(row.values[key])
            except UnreadableValue as problem:
                unreadable.setdefault(index, []).append(key)
                issues.append(Issue.create(problem.code, value=problem.shown, params=problem.params,
                                           sheet=data.sheet, row=row.number, column=column.header,
                                           cell=data.cell(key, row.number)))
    for index, keys in unreadable.items():
        values[index]["unreadable"] = frozenset(keys)
    issues.sort(key=lambda issue: issue.row)
    return _list_adapter(model).validate_python(values), issues


@functools.cache
def _list_adapter(model: type) -> TypeAdapter:
    return TypeAdapter(list[model])


def read_candidates(data: TableData) -> tuple[list, list[Issue]]:
    return _read_rows(REGISTRATION, data, Candidate)


def read_roster(data: TableData) -> tuple[list, list[Issue]]:
    return _read_rows(ROSTER, data, RosterLine)


def read_plan(form: FormData) -> tuple[Any, list[Issue]]:
    values: dict[str, Any] = {}
    unreadable, issues = set(), []
    for field in PLAN_FIELDS:
        if field.key not in form.values:
            continue
        try:
            values[field.key] = convert(field.key, field.kind, form.values[field.key], option=bool(field.options))
        except UnreadableValue as problem:
            unreadable.add(field.key)
            issues.append(Issue.create(problem.code, value=problem.shown, params=problem.params, sheet=form.sheet,
                                       row=form.row(field.key), column=field.label.replace("\n", ""),
                                       cell=form.cells[field.key]))
    return Plan(unreadable=frozenset(unreadable), **values), issues



def read_holiday_overrides(data: TableData) -> tuple[dict, list[Issue]]:
    """The 放假调整 table: date → Override; a row with an unreadable date or arrangement is reported."""
    overrides, issues = {}, []
    for row in data.rows:
        arrangement = clean_text(row.values.get("arrangement"))
        try:
            date = parse_date(row.values.get("date"))
        except ValueError:
            date = None
        if date is None or arrangement not in HOLIDAY_ARRANGEMENTS:
            key = "arrangement" if date else "date"
            issues.append(Issue.create("holiday-override-unreadable", value=row.values.get(key), sheet=data.sheet,
                                       row=row.number, column=HOLIDAY_OVERRIDES.column(key).header,
                                       cell=data.cell(key, row.number)))
            continue
        overrides[date] = Override(arrangement == HOLIDAY_ARRANGEMENTS[1], clean_text(row.values.get("note")))
    return overrides, issues


def workbook_calendar(data: WorkbookData) -> tuple[WorkCalendar, list[Issue]]:
    """The working-day calendar with the workbook's own 放假调整 rows."""
    if data.holiday_overrides is None:
        return WorkCalendar(), []
    overrides, issues = read_holiday_overrides(data.holiday_overrides)
    return WorkCalendar(overrides), issues
