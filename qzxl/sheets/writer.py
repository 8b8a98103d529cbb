"""A plain data workbook in the layout: values only, for samples, tests and benchmarks.

The clerk's workbook with drop-downs, formulas and macros is built by
``qzxl workbook``; this writes the same sheets and headers with nothing but
values, fast (openpyxl write-only mode), so the reader can be exercised on
any batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from qzxl.files import atomic_path
from qzxl.layout import FORMS, OPTIONS_SHEET, PLAN_FIELDS, PLAN_SHEET, REGISTRATION, ROSTER, Table
from qzxl.values.options import DEFAULT_OPTIONS

TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"


def roster_row(index: int, person: Mapping[str, object]) -> dict[str, object]:
    """The 花名册 line of one candidate, as the workbook's formulas derive it."""
    born = person.get("birth_date")
    return {
        "seq": index,
        "name": person.get("name"),
        "gender": person.get("gender"),
        "birth_month": f"{born:%Y.%m}" if isinstance(born, dt.date) else born,
        "education": person.get("education"),
        "work_years": person.get("work_years"),
        "cert_number": person.get("cert_number"),
        "employer_or_address": person.get("employer") or person.get("address"),
        "id_number": person.get("id_number"),
        "phone": person.get("mobile"),
    }


def text_cell(ws, value: object) -> WriteOnlyCell:
    """A cell whose text is kept as text: openpyxl would make "=…" a formula."""
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _cell(ws, table: Table, key: str, value: object) -> WriteOnlyCell:
    cell = text_cell(ws, value)
    kind = table.column(key).kind
    if kind in ("id", "phone") and isinstance(value, str):
        cell.number_format = TEXT_FORMAT
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    return cell


def _table(ws, table: Table, rows: Sequence[Mapping[str, object]], title: str) -> None:
    ws.append([title])
    ws.append([c.header for c in table.columns])
    for row in rows:
        ws.append([_cell(ws, table, c.key, row.get(c.key)) for c in table.columns])


def write_data_workbook(path: str | Path, plan: Mapping[str, object], candidates: Sequence[Mapping[str, object]],
                        *, roster: bool = True) -> Path:
    """Write ``plan`` and ``candidates`` (layout keys → values) to ``path`` atomically."""
    path = Path(path)
    book = Workbook(write_only=True)
    ws = book.create_sheet(PLAN_SHEET)
    ws.append([FORMS["plan"].title])
    for field in PLAN_FIELDS:
        value = plan.get(field.key)
        cell = text_cell(ws, value)
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
        ws.append([field.section, field.label, cell])
    _table(book.create_sheet(REGISTRATION.sheet), REGISTRATION, candidates, FORMS["registration"].title)
    if roster:
        lines = [roster_row(i, person) for i, person in enumerate(candidates, 1)]
        _table(book.create_sheet(ROSTER.sheet), ROSTER, lines, FORMS["roster"].title)
    ws = book.create_sheet(OPTIONS_SHEET)
    names = list(DEFAULT_OPTIONS)
    ws.append(names)
    for i in range(max(len(v) for v in DEFAULT_OPTIONS.values())):
        ws.append([DEFAULT_OPTIONS[n][i] if i < len(DEFAULT_OPTIONS[n]) else None for n in names])
    with atomic_path(path) as temporary:
        book.save(temporary)
    return path
