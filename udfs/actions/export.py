"""导出申报包: save, validate, write the package beside the workbook."""

from __future__ import annotations

import datetime as dt

from qzxl.catalogue import say
from qzxl.layout import EXPORT_FOLDER
from qzxl.sheets.intake import read_plan
from qzxl.textreport import summary
from udfs.actions.common import book_folder, read_book
from udfs.actions.marks import fit_print_areas, show_report
from udfs.port import WorkbookPort
from usecases.export import ExportRefused, export_package


def export(port: WorkbookPort, today: dt.date | None = None) -> str:
    """导出申报包: save, validate, write the package beside the workbook, open its folder."""
    if not port.confirm(say("button-export-confirm")):
        return say("button-cancelled")
    data, grids = read_book(port)
    fit_print_areas(port, data, grids)  # saved with the workbook, so it prints what is exported
    port.save()
    port.set_status(say("button-export-status"))
    plan = read_plan(data.plan)[0] if data.plan else None
    out = port.path.parent / EXPORT_FOLDER
    try:
        result = export_package(port.path, out, photos=book_folder(port, plan, "photos_dir"),
                                attachments=book_folder(port, plan, "attachments_dir"),
                                make_zip=True, force=False, today=today)
    except ExportRefused as refused:
        show_report(port, refused.report, grids, say("button-export-refused-title", summary=summary(refused.report)))
        port.set_status(None)
        text = say("button-export-refused", errors=refused.report.errors)
        port.alert(text)
        return text
    show_report(port, result.report, grids,
                say("button-export-title", folder=result.folder.name, summary=summary(result.report)))
    port.set_status(None)
    port.open_folder(result.folder)
    text = say("button-export-done", folder=result.folder, count=len(result.files), pdf_note=result.pdf_note)
    if result.existing:
        text += "\n" + say("button-output-beside", existing=result.existing.name, path=result.folder.name)
    port.alert(text)
    return text
