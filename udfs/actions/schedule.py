"""计算时间节点: the proposed system nodes on the 方案 sheet."""

from __future__ import annotations

import datetime as dt

from qzxl.dates.schedule import NODE_KEYS, checklist, propose_nodes
from qzxl.errors import CannotRun
from qzxl.layout import OPTIONS_SHEET, PLAN_SHEET, PROCESS, header_key
from qzxl.sheets.address import column_letter, split_address
from qzxl.sheets.intake import read_plan, workbook_calendar
from udfs.actions.common import read_book
from udfs.port import WorkbookPort


def _contiguous_runs(cells: list[tuple[str, object]]) -> list[tuple[str, list[object]]]:
    """(first cell, values) for runs of cells one under another in the same column."""
    runs: list[tuple[str, list[object]]] = []
    previous = None
    for address, value in cells:
        column, row = split_address(address)
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
        raise CannotRun("run-nodes-no-plan")
    plan, _ = read_plan(data.plan)
    if plan.exam_date is None:
        raise CannotRun("run-nodes-exam-first")
    nodes = propose_nodes(plan.exam_date)
    if any(getattr(plan, key) for key in NODE_KEYS) and not port.confirm(
            "「方案」表中已填有时间节点，要用建议的时间覆盖吗？"):
        return "已取消"
    calendar, _ = workbook_calendar(data)
    cells = sorted(((data.plan.cells[key], nodes[key]) for key in NODE_KEYS if key in data.plan.cells),
                   key=lambda item: split_address(item[0]))
    for first, values in _contiguous_runs(cells):
        port.write_block(PLAN_SHEET, first, [[value] for value in values])
    steps = checklist(plan.exam_date, nodes, calendar)
    process = grids.get(PROCESS.sheet, [])
    header = next((i for i, row in enumerate(process[:10]) if "截止日期" in [header_key(c) for c in row]), None)
    if header is not None:
        due_column = [header_key(c) for c in process[header]].index("截止日期")
        top_left = f"{column_letter(due_column + 1)}{header + 2}"
        port.write_block(PROCESS.sheet, top_left, [[step.date or "", step.reason] for step in steps])
    text = f"已按考试日期 {plan.exam_date} 填好 {len(cells)} 个系统时间节点"
    text += "和流程表的截止日期。" if header is not None else "。"
    port.alert(text)
    return text
