"""生成补考工作簿 (``qzxl retake``): a new workbook for the next batch with the people who must sit again.

Built exactly as ``qzxl workbook`` builds one, then filled through the file port (so it is as sound as any
workbook an action wrote): the 方案 less this sitting's dates, rooms and numbers (layout.EXAM_SPECIFIC_FIELDS;
鉴定人数 becomes the number of people), and 报名信息 with each retake candidate's own row, 考核科目 set to the
subjects to retake. It lives here, above the actions, because it builds a workbook.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qzxl.app.importing import row_cells
from qzxl.app.scores import has_scores, run_scores
from qzxl.catalogue import say
from qzxl.errors import CannotRun
from qzxl.files import free_path
from qzxl.layout import (
    EXAM_SPECIFIC_FIELDS,
    FIRST_DATA_ROW,
    PLAN_FIELDS,
    PLAN_SHEET,
    PLAN_VALUE_COLUMN,
    REGISTRATION,
    RETAKE_SUFFIX,
    SUBJECTS,
    plan_value_row,
)
from qzxl.sheets.address import column_letter
from udfs.actions.common import read_book
from udfs.actions.scores import scores_sheet
from udfs.file_port import FilePort
from udfs.port import WorkbookPort
from workbook.build import DEFAULT_VALUES, build_workbook


def retake_path(book: Path) -> Path:
    """<workbook>-补考.xlsm beside the workbook, or -2, -3 … when that exists."""
    return free_path(book.with_name(f"{book.stem}{RETAKE_SUFFIX}.xlsm"))


def make_retake(port: WorkbookPort, out: Path | None = None, *, today: dt.date | None = None) -> tuple[Path, int]:
    """Build the 补考 workbook at ``out`` (a free name: never over a file); its path and the number of people."""
    book, _ = read_book(port)
    grid = scores_sheet(port)
    if not has_scores(grid):
        raise CannotRun("run-scores-none")
    result = run_scores(book, grid, []).result
    retakers = result.retakers
    if not retakers:
        raise CannotRun("run-retake-none")
    target = free_path(out) if out is not None else retake_path(port.path)
    build_workbook(target, today=today)
    new = FilePort(target, backup=False)
    plan = book.plan.values if book.plan is not None else {}
    column = [[_plan_value(f.key, plan, len(retakers))] for f in PLAN_FIELDS]
    top = f"{column_letter(PLAN_VALUE_COLUMN + 1)}{plan_value_row(PLAN_FIELDS[0].key) + 1}"
    new.write_block(PLAN_SHEET, top, column)
    rows = {row.number: row.values for row in book.registration.rows}
    letters = {key: column_letter(index + 1) for index, key in enumerate(REGISTRATION.keys)}
    lines = []
    for person in retakers:
        values = {k: v for k, v in rows.get(person.entrant.row, {}).items() if k in letters}
        values["exam_subjects"] = "、".join(SUBJECTS[key] for key in person.retake)
        lines.append(row_cells(values, letters))
    new.write_block(REGISTRATION.sheet, f"A{FIRST_DATA_ROW + 1}", lines)
    new.save()
    return target, len(retakers)


def _plan_value(key: str, plan: dict, count: int) -> object:
    if key == "headcount":
        return count
    if key in EXAM_SPECIFIC_FIELDS:
        return None
    value = plan.get(key)
    return value if value not in (None, "") else DEFAULT_VALUES.get(key)


def retake_button(port: WorkbookPort, today: dt.date | None = None) -> str:
    """The ribbon's 生成补考工作簿: writes <workbook>-补考.xlsm beside the workbook."""
    path, count = make_retake(port, today=today)
    text = say("retake-done", path=path, count=count)
    port.alert(text)
    return text
