"""校验: the whole workbook, and the photo and attachment folders when they exist.

Every action that writes 校验结果 leaves in it the whole current 校验 (this module's), with its own
summary on top: the sheet never lists less than 校验 would, and the marks are exactly its findings.
"""

from __future__ import annotations

import datetime as dt

from qzxl.catalogue import say
from qzxl.report import Report
from qzxl.textreport import summary
from udfs.actions.common import read_book
from udfs.actions.marks import fit_print_areas, show_report
from udfs.port import WorkbookPort
from usecases.validate import BookCheck, validate_book


def read_and_validate(port: WorkbookPort, today: dt.date | None = None, *,
                  exam_date: dt.date | None = None) -> tuple[BookCheck, dict]:
    """What 校验 finds now (the workbook as written so far, its folders), and the sheets read."""
    data, grids = read_book(port)
    return validate_book(data, today=today, exam_date=exam_date, beside=port.path.parent), grids


def show_validation(port: WorkbookPort, report: Report, data, grids: dict, above: str | None = None) -> None:
    """Mark the cells and write 校验结果 for ``report``: 校验's title, under ``above`` (the action's own summary)."""
    title = say("button-validate-title", time=f"{dt.datetime.now():%Y-%m-%d %H:%M}", summary=summary(report))
    show_report(port, report, grids, f"{above}\n{title}" if above else title)
    fit_print_areas(port, data, grids)


def validate_and_show(port: WorkbookPort, today: dt.date | None = None, *, exam_date: dt.date | None = None,
               above: str | None = None) -> Report:
    """校验 through the port: mark the cells, write 校验结果, fit the print areas; the report (others reuse it)."""
    port.set_status(say("button-validate-status"))
    check, grids = read_and_validate(port, today, exam_date=exam_date)
    show_validation(port, check.report, check.data, grids, above)
    port.set_status(None)
    return check.report


def validate(port: WorkbookPort, today: dt.date | None = None) -> str:
    """校验: every sheet, and the photo and attachment folders when they exist."""
    report = validate_and_show(port, today)
    text = summary(report)
    port.alert(text + ("\n" + say("button-validate-more") if report.issues else ""))
    return text
