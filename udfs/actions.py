"""What each ribbon button does, against any port: read the workbook, call the engine, show the result.

An action reads whole sheets, asks the engine, and shows the answer where
the clerk is looking: marked cells with the message as a note, the 校验结果
sheet with a link to every cell, a summary box, the status bar while it
works. Actions never import xlwings.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import defaultdict
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.utils.exceptions import CellCoordinatesException

from qzxl import __version__
from qzxl.errors import CannotRun
from qzxl.export.package import ExportRefused, export_package
from qzxl.intake import read_candidates, read_plan
from qzxl.layout import OPTIONS_SHEET, PLAN_SHEET, PROCESS, RESULTS, RESULTS_SHEET, header_key
from qzxl.log import log_path
from qzxl.photos.attachments import check_attachments
from qzxl.photos.fix import fix_photos as fix_photo_folder
from qzxl.photos.folder import check_photo_folder
from qzxl.reader import WorkbookData, needed_sheets, workbook_from_sheets
from qzxl.report import Issue, Report
from qzxl.rules import validate_workbook, workbook_calendar
from qzxl.schedule import NODE_KEYS, checklist, propose_nodes
from qzxl.textreport import summary
from udfs.port import Formula, Mark, WorkbookPort

DEFAULT_PHOTOS = "照片"
DEFAULT_ATTACHMENTS = "附件"
EXPORT_FOLDER = "申报材料"
NO_PHOTO_FOLDER = (f"没有找到照片文件夹：请在「方案」表的「照片文件夹」中填写，"
                   f"或在工作簿旁建「{DEFAULT_PHOTOS}」文件夹。")


def read_book(port: WorkbookPort, sheets: Sequence[str] | None = None) -> tuple[WorkbookData, dict]:
    """The engine's view of the workbook (only ``sheets`` when given): one port call per sheet read."""
    present = port.sheet_names()
    names = sheets if sheets is not None else [*needed_sheets(present), *([RESULTS_SHEET] * (RESULTS_SHEET in present))]
    grids = {name: port.read_sheet(name) for name in names}
    data = workbook_from_sheets(port.path, grids, need_candidates=sheets is None,
                                uncalculated=port.uncalculated_sheets())
    return data, grids


def _folder(port: WorkbookPort, plan, key: str, default: str) -> Path | None:
    """A folder named on the 方案 sheet (relative to the workbook), else the default beside it, if it exists."""
    named = getattr(plan, key, "") if plan is not None else ""
    folder = Path(named) if named else Path(default)
    folder = folder if folder.is_absolute() else port.path.parent / folder
    return folder if folder.is_dir() else None


def _new_folder(base: Path) -> Path:
    candidate, counter = base, 2
    while candidate.exists():
        candidate, counter = base.with_name(f"{base.name}-{counter}"), counter + 1
    return candidate


# Showing a report ------------------------------------------------------------------------------

def previous_marks(grids: dict) -> dict[str, list[str]]:
    """The cells the last run marked, read from the 校验结果 sheet it wrote."""
    grid = grids.get(RESULTS_SHEET) or []
    header = next((i for i, row in enumerate(grid[:5]) if {"表", "单元格"} <= {header_key(c) for c in row}), None)
    if header is None:
        return {}
    columns = {header_key(c): i for i, c in enumerate(grid[header])}
    marked: dict[str, list[str]] = defaultdict(list)
    for row in grid[header + 1:]:
        sheet, cell = row[columns["表"]], row[columns["单元格"]]
        if sheet and cell and _is_address(str(cell)):
            marked[str(sheet)].append(str(cell))
    return marked


def _is_address(text: str) -> bool:
    try:
        coordinate_from_string(text)
    except (ValueError, CellCoordinatesException):
        return False
    return True


def _link(issue: Issue) -> object:
    if not (issue.sheet and issue.cell):
        return ""
    sheet = issue.sheet.replace("'", "''")
    return Formula(f'=HYPERLINK("#\'{sheet}\'!{issue.cell}","转到")')


def results_rows(report: Report, title: str) -> list[list[object]]:
    rows: list[list[object]] = [[title], [c.header for c in RESULTS.columns]]
    for issue in report.sorted_issues():
        sheet = issue.sheet or ("照片/附件" if issue.file is not None else "")
        place = issue.cell or issue.file or issue.candidate or ""
        rows.append([issue.severity.label, sheet, place, issue.column or "", issue.value, issue.message,
                     _link(issue), issue.code])
    width = len(RESULTS.columns)
    return [row + [""] * (width - len(row)) for row in rows]


def show_report(port: WorkbookPort, report: Report, grids: dict, title: str) -> None:
    """Clear the previous marks, mark this report's cells, write the results sheet: a few calls in all."""
    for sheet, cells in previous_marks(grids).items():
        port.clear_marks(sheet, cells)
    placed = sorted((i for i in report.issues if i.sheet and i.cell), key=lambda i: (i.sheet, i.cell))
    for sheet, issues in groupby(placed, key=lambda i: i.sheet):
        marks = []
        for cell, same_cell in groupby(issues, key=lambda i: i.cell):
            found = list(same_cell)
            note = "\n".join(f"{i.severity.label}：{i.message}" for i in found)
            marks.append(Mark(cell, any(i.is_error for i in found), note))
        port.mark_cells(sheet, marks)
    port.replace_sheet(RESULTS_SHEET, results_rows(report, title))


# The actions -------------------------------------------------------------------------------------

def validate(port: WorkbookPort, today: dt.date | None = None) -> str:
    """校验: every sheet, and the photo and attachment folders when they exist."""
    port.set_status("正在校验……")
    data, grids = read_book(port)
    report = validate_workbook(data, today=today)
    plan = read_plan(data.plan)[0] if data.plan else None
    photos = _folder(port, plan, "photos_dir", DEFAULT_PHOTOS)
    attachments = _folder(port, plan, "attachments_dir", DEFAULT_ATTACHMENTS)
    if photos or attachments:
        candidates, _ = read_candidates(data.registration)
        if photos:
            report.extend(check_photo_folder(photos, candidates).report.issues)
        if attachments:
            report.extend(check_attachments(attachments, candidates).issues)
    text = summary(report)
    show_report(port, report, grids, f"校验结果（{dt.datetime.now():%Y-%m-%d %H:%M}）：{text}")
    port.set_status(None)
    port.alert(text + ("\n详细问题见「校验结果」表，红色为错误，黄色为提醒。" if report.issues else ""))
    return text


def check_photos(port: WorkbookPort, today: dt.date | None = None) -> str:
    """检查照片: the photo folder against the candidates."""
    port.set_status("正在检查照片……")
    data, grids = read_book(port)
    plan = read_plan(data.plan)[0] if data.plan else None
    folder = _folder(port, plan, "photos_dir", DEFAULT_PHOTOS)
    if folder is None:
        raise CannotRun(NO_PHOTO_FOLDER)
    candidates, _ = read_candidates(data.registration)
    report = check_photo_folder(folder, candidates).report
    text = summary(report)
    show_report(port, report, grids, f"照片检查（{folder}）：{text}")
    port.set_status(None)
    port.alert(text)
    return text


def fix_photos(port: WorkbookPort, today: dt.date | None = None) -> str:
    """修复照片: a conforming copy of the photo folder in a new folder beside it."""
    data, grids = read_book(port)
    plan = read_plan(data.plan)[0] if data.plan else None
    folder = _folder(port, plan, "photos_dir", DEFAULT_PHOTOS)
    if folder is None:
        raise CannotRun(NO_PHOTO_FOLDER)
    out = _new_folder(folder.with_name(folder.name + "-已修复"))
    if not port.confirm(f"将把修复后的照片写到新文件夹「{out.name}」，原照片不会改动。继续吗？"):
        return "已取消"
    port.set_status("正在修复照片……")
    candidates, _ = read_candidates(data.registration)
    check = check_photo_folder(folder, candidates)
    result = fix_photo_folder(folder, check, out, candidates, make_zip=True)
    report = Report(candidates=len(candidates), issues=list(result.unfixable))
    title = f"照片修复（{out}）：已修复 {len(result.written)} 张，{len(result.unfixable)} 项需人工处理"
    show_report(port, report, grids, title)
    port.set_status(None)
    port.open_folder(out)
    text = f"已修复 {len(result.written)} 张照片到「{out}」。" + (
        f"\n有 {len(result.unfixable)} 项需要人工处理，见「校验结果」表。" if result.unfixable else "")
    port.alert(text)
    return text


def _contiguous_runs(cells: list[tuple[str, object]]) -> list[tuple[str, list[object]]]:
    """(first cell, values) for runs of cells one under another in the same column."""
    runs: list[tuple[str, list[object]]] = []
    previous = None
    for address, value in cells:
        column, row = coordinate_from_string(address)
        if previous and previous[0] == column and previous[1] + 1 == row:
            runs[-1][1].append(value)
        else:
            runs.append((address, [value]))
        previous = (column, row)
    return runs


def schedule(port: WorkbookPort, today: dt.date | None = None) -> str:
    """计算时间节点: the proposed system nodes on 方案, the due dates on 流程."""
    present = port.sheet_names()
    data, grids = read_book(port, [name for name in (PLAN_SHEET, OPTIONS_SHEET, PROCESS.sheet) if name in present])
    if data.plan is None:
        raise CannotRun("没有找到「方案」表，无法计算时间节点。")
    plan, _ = read_plan(data.plan)
    if plan.exam_date is None:
        raise CannotRun("请先在「方案」表填写考试日期，再计算时间节点。")
    nodes = propose_nodes(plan.exam_date)
    if any(getattr(plan, key) for key in NODE_KEYS) and not port.confirm(
            "「方案」表中已填有时间节点，要用建议的时间覆盖吗？"):
        return "已取消"
    calendar, _ = workbook_calendar(data)
    cells = sorted(((data.plan.cells[key], nodes[key]) for key in NODE_KEYS if key in data.plan.cells),
                   key=lambda item: coordinate_from_string(item[0]))
    for first, values in _contiguous_runs(cells):
        port.write_block(PLAN_SHEET, first, [[value] for value in values])
    steps = checklist(plan.exam_date, nodes, calendar)
    process = grids.get(PROCESS.sheet, [])
    header = next((i for i, row in enumerate(process[:10]) if "截止日期" in [header_key(c) for c in row]), None)
    if header is not None:
        due_column = [header_key(c) for c in process[header]].index("截止日期")
        top_left = f"{get_column_letter(due_column + 1)}{header + 2}"
        port.write_block(PROCESS.sheet, top_left, [[step.date or "", step.reason] for step in steps])
    text = f"已按考试日期 {plan.exam_date} 填好 {len(cells)} 个系统时间节点"
    text += "和流程表的截止日期。" if header is not None else "。"
    port.alert(text)
    return text


def export(port: WorkbookPort, today: dt.date | None = None) -> str:
    """导出申报包: save, validate, write the package beside the workbook, open its folder."""
    if not port.confirm("导出前会先保存工作簿。继续吗？"):
        return "已取消"
    port.save()
    port.set_status("正在导出申报材料……")
    data, grids = read_book(port)
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
    port.set_status(None)
    port.open_folder(result.folder)
    text = f"申报材料已导出到「{result.folder}」，共 {len(result.files)} 个文件。\n{result.pdf_note}"
    port.alert(text)
    return text


def clear_marks(port: WorkbookPort, today: dt.date | None = None) -> str:
    """清除标注: remove the fills and notes of the last run and empty the results sheet."""
    if not port.confirm("要清除上次校验留下的颜色标注和批注吗？"):
        return "已取消"
    grids = {RESULTS_SHEET: port.read_sheet(RESULTS_SHEET)} if RESULTS_SHEET in port.sheet_names() else {}
    marked = previous_marks(grids)
    for sheet, cells in marked.items():
        port.clear_marks(sheet, cells)
    port.replace_sheet(RESULTS_SHEET, [["已清除标注"], [c.header for c in RESULTS.columns]])
    text = f"已清除 {sum(len(c) for c in marked.values())} 个单元格的标注。"
    port.alert(text)
    return text


def about(port: WorkbookPort, today: dt.date | None = None) -> str:
    """关于/帮助: version, interpreter and where the log is."""
    text = (f"技能认定助手 qzxl {__version__}\nPython：{sys.executable}（{sys.version.split()[0]}）\n"
            f"工作簿：{port.path}\n日志：{log_path()}\n使用说明见 docs/用户指南.md。")
    port.alert(text)
    return text
