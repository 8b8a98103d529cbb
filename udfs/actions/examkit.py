"""考务材料: save, validate, write 考务材料_<考试日期> beside the workbook (sign-in sheets, desk cards, door lists)."""

from __future__ import annotations

import datetime as dt

from qzxl.catalogue import say
from qzxl.textreport import summary
from udfs.actions.common import read_book
from udfs.actions.current import with_validation
from udfs.actions.marks import fit_print_areas, show_report
from udfs.port import WorkbookPort
from usecases.examkit import KitRefused, make_exam_kit, tickets_beside


def exam_kit(port: WorkbookPort, today: dt.date | None = None) -> str:
    """考务材料: the kit in a new folder beside the workbook, its folder opened.

    Seats come from 考场安排.xlsx (.xls, .ods, .csv) beside the workbook when it is there, else from the 方案.
    """
    if not port.confirm(say("button-examkit-confirm")):
        return say("button-cancelled")
    data, grids = read_book(port)
    fit_print_areas(port, data, grids)
    port.save()
    port.set_status(say("button-examkit-status"))
    tickets = tickets_beside(port.path)
    try:  # the photos: those of the folder the 方案 names, as make_exam_kit finds them
        result = make_exam_kit(port.path, port.path.parent, tickets=tickets, today=today)
    except KitRefused as refused:
        report = with_validation(port, data, refused.report, today)
        show_report(port, report, grids, say("button-examkit-refused-title", summary=summary(refused.report)))
        port.set_status(None)
        text = say("button-examkit-refused", errors=refused.report.errors)
        port.alert(text)
        return text
    report = with_validation(port, data, result.report, today)
    show_report(port, report, grids, say("button-examkit-title", folder=result.folder.name, summary=summary(report)))
    port.set_status(None)
    port.open_folder(result.folder)
    text = say("button-examkit-done", folder=result.folder, rooms=len(result.seating.rooms), count=len(result.files),
               pdf_note=result.pdf_note)
    if tickets is not None:
        text += "\n" + say("button-examkit-tickets", name=tickets.name)
    port.alert(text)
    return text
