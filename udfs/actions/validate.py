"""校验: the whole workbook, and the photo and attachment folders when they exist."""

from __future__ import annotations

import datetime as dt

from qzxl.app.validate import validate_book
from qzxl.catalogue import say
from qzxl.report import Report
from qzxl.sheets.intake import read_plan
from qzxl.textreport import summary
from udfs.actions.common import DEFAULT_ATTACHMENTS, DEFAULT_PHOTOS, plan_folder, read_book
from udfs.actions.marks import fit_print_areas, show_report
from udfs.port import WorkbookPort


def check_book(port: WorkbookPort, today: dt.date | None = None, *, exam_date: dt.date | None = None) -> Report:
    """校验 through the port: mark the cells, write 校验结果, fit the print areas; the report (导入名单 reuses it)."""
    port.set_status(say("button-validate-status"))
    data, grids = read_book(port)
    plan = read_plan(data.plan)[0] if data.plan else None
    report = validate_book(data, today=today, exam_date=exam_date,
                           photos=plan_folder(port, plan, "photos_dir", DEFAULT_PHOTOS),
                           attachments=plan_folder(port, plan, "attachments_dir", DEFAULT_ATTACHMENTS)).report
    title = say("button-validate-title", time=f"{dt.datetime.now():%Y-%m-%d %H:%M}", summary=summary(report))
    show_report(port, report, grids, title)
    fit_print_areas(port, data, grids)
    port.set_status(None)
    return report


def validate(port: WorkbookPort, today: dt.date | None = None) -> str:
    """校验: every sheet, and the photo and attachment folders when they exist."""
    report = check_book(port, today)
    text = summary(report)
    port.alert(text + ("\n" + say("button-validate-more") if report.issues else ""))
    return text
