"""导出申报包: save, validate, write the package beside the workbook."""

from __future__ import annotations

import datetime as dt

from qzxl.app.export import ExportRefused, export_package
from qzxl.layout import EXPORT_FOLDER
from qzxl.sheets.intake import read_plan
from qzxl.textreport import summary
from udfs.actions.common import DEFAULT_ATTACHMENTS, DEFAULT_PHOTOS, _folder, read_book
from udfs.actions.marks import fit_print_areas, show_report
from udfs.port import WorkbookPort


def export(port: WorkbookPort, today: dt.date | None = None) -> str:
    """导出申报包: save, validate, write the package beside the workbook, open its folder."""
    if not port.confirm("导出前会先保存工作簿。继续吗？"):
        return "已取消"
    data, grids = read_book(port)
    fit_print_areas(port, data, grids)  # saved with the workbook, so it prints what is exported
    port.save()
    port.set_status("正在导出申报材料……")
    plan = read_plan(data.plan)[0] if data.plan else None
    out = port.path.parent / EXPORT_FOLDER
    try:
        result = export_package(port.path, out, photos=_folder(port, plan, "photos_dir", DEFAULT_PHOTOS),
                                attachments=_folder(port, plan, "attachments_dir", DEFAULT_ATTACHMENTS),
                                make_zip=True, force=False, today=today)
    except ExportRefused as refused:
        show_report(port, refused.report, grids, f"未导出：{summary(refused.report)}")
        port.set_status(None)
        text = f"有 {refused.report.errors} 个错误，未导出。请按「校验结果」表改正后再导出。"
        port.alert(text)
        return text
    show_report(port, result.report, grids, f"已导出（{result.folder.name}）：{summary(result.report)}")
    port.set_status(None)
    port.open_folder(result.folder)
    text = f"申报材料已导出到「{result.folder}」，共 {len(result.files)} 个文件。\n{result.pdf_note}"
    port.alert(text)
    return text
