"""校验: the whole workbook, and the photo and attachment folders when they exist."""

from __future__ import annotations

import datetime as dt

from qzxl.app.validate import validate_book
from qzxl.catalogue import say
from qzxl.sheets.intake import read_plan
from qzxl.textreport import summary
from udfs.actions.common import DEFAULT_ATTACHMENTS, DEFAULT_PHOTOS, _folder, read_book
from udfs.actions.marks import fit_print_areas, show_report
from udfs.port import WorkbookPort


def validate(port: WorkbookPort, today: dt.date | None = None) -> str:
    """校验: every sheet, and the photo and attachment folders when they exist."""
    port.set_status(say("button-validate-status"))
    data, grids = read_book(port)
    plan = read_plan(data.plan)[0] if data.plan else None
    report = validate_book(data, today=today, photos=_folder(port, plan, "photos_dir", DEFAULT_PHOTOS),
                           attachments=_folder(port, plan, "attachments_dir", DEFAULT_ATTACHMENTS)).report
    text = summary(report)
    title = say("button-validate-title", time=f"{dt.datetime.now():%Y-%m-%d %H:%M}", summary=text)
    show_report(port, report, grids, title)
    fit_print_areas(port, data, grids)
    port.set_status(None)
    port.alert(text + ("\n" + say("button-validate-more") if report.issues else ""))
    return text
