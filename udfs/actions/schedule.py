"""计算时间节点: the proposed system nodes on the 方案 sheet (the 流程 sheet follows by formula)."""

from __future__ import annotations

import datetime as dt

from qzxl.catalogue import say
from qzxl.dates.schedule import NODE_KEYS, propose_nodes
from qzxl.errors import CannotRun
from qzxl.layout import OPTIONS_SHEET, PLAN_SHEET, PROCESS
from qzxl.sheets.address import split_address
from qzxl.sheets.intake import read_plan, workbook_calendar
from udfs.actions.common import read_book
from udfs.actions.validate import validate_and_show
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
    """计算时间节点: the proposed system nodes into the 方案 sheet's node cells, and nothing else.

    The 流程 sheet's dates are formulas over the 方案 sheet (deadlines from the exam date, nodes from these
    cells), so they follow a changed exam date on their own; writing fixed dates there would stop that.
    """
    present = port.sheet_names()
    data, _ = read_book(port, [name for name in (PLAN_SHEET, OPTIONS_SHEET) if name in present])
    if data.plan is None:
        raise CannotRun("run-nodes-no-plan")
    plan, _ = read_plan(data.plan)
    if plan.exam_date is None:
        raise CannotRun("run-nodes-exam-first")
    nodes = propose_nodes(plan.exam_date, workbook_calendar(data)[0])  # the workbook's own 放假调整 too
    if any(getattr(plan, key) for key in NODE_KEYS) and not port.confirm(say("button-nodes-confirm")):
        return say("button-cancelled")
    cells = sorted(((data.plan.cells[key], nodes[key]) for key in NODE_KEYS if key in data.plan.cells),
                   key=lambda item: split_address(item[0]))
    for first, values in _contiguous_runs(cells):
        port.write_block(PLAN_SHEET, first, [[value] for value in values])
    done = "button-nodes-done-process" if PROCESS.sheet in present else "button-nodes-done"
    text = say(done, exam=plan.exam_date, count=len(cells))
    validate_and_show(port, today, above=text)  # the nodes written, 校验结果 says what is still open
    port.alert(text)
    return text
