"""Showing a report in the workbook: cell marks with notes, the 校验结果 sheet; and 清除标注."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import groupby

from qzxl.catalogue import say
from qzxl.layout import RESULTS, RESULTS_SHEET, header_key
from qzxl.report import Issue, Report
from qzxl.sheets.address import is_address
from qzxl.sheets.printing import print_areas, results_area
from udfs.formulas import hyperlink
from udfs.port import Mark, WorkbookPort


def previous_marks(grids: dict) -> dict[str, list[str]]:
    """The cells the last run marked, read from the 校验结果 sheet it wrote."""
    grid = grids.get(RESULTS_SHEET) or []
    sheet_header, cell_header = RESULTS.column("sheet").header, RESULTS.column("cell").header
    header = next((i for i, row in enumerate(grid[:5]) if {sheet_header, cell_header} <= {header_key(c) for c in row}),
                  None)
    if header is None:
        return {}
    columns = {header_key(c): i for i, c in enumerate(grid[header])}
    marked: dict[str, list[str]] = defaultdict(list)
    for row in grid[header + 1:]:
        sheet, cell = row[columns[sheet_header]], row[columns[cell_header]]
        if sheet and cell and is_address(str(cell)):
            marked[str(sheet)].append(str(cell))
    return marked


def _link(issue: Issue) -> object:
    if not (issue.sheet and issue.cell and is_address(issue.cell)):
        return ""
    return hyperlink(issue.sheet, issue.cell, say("results-link"))


def _advice(issue: Issue) -> str:
    """A file's advice as the clerk can follow it beside the full numbers of 报名信息: the full file name (the
    note); a cell's stays as it is (its note, e.g. an 18-digit proposal, is on the cell itself)."""
    return issue.note or issue.message if issue.file is not None else issue.message


def results_rows(report: Report, title: str) -> list[list[object]]:
    rows: list[list[object]] = [[title], [c.header for c in RESULTS.columns]]
    for issue in report.sorted_issues():
        sheet = issue.sheet or (say("results-files-sheet") if issue.file is not None else "")
        values = {"severity": issue.severity.label, "sheet": sheet,
                  "cell": issue.cell or issue.file or issue.candidate or "", "column": issue.column or "",
                  "value": issue.value, "message": _advice(issue), "link": _link(issue), "code": issue.code}
        rows.append([values[c.key] for c in RESULTS.columns])
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
            note = "\n".join(f"{i.severity.label}：{i.note or i.message}" for i in found)
            marks.append(Mark(cell, any(i.is_error for i in found), note))
        port.mark_cells(sheet, marks)
    rows = results_rows(report, title)
    port.replace_sheet(RESULTS_SHEET, rows)
    port.set_print_area(RESULTS_SHEET, results_area(len(rows)))


def fit_print_areas(port: WorkbookPort, data, grids: dict) -> None:
    """Print 报名信息 and 花名册 down to the last person, not down to the last formatted row."""
    for sheet, area in print_areas(data.registration, data.roster).items():
        if sheet in grids:
            port.set_print_area(sheet, area)


def clear_marks(port: WorkbookPort, today: dt.date | None = None) -> str:
    """清除标注: remove the fills and notes of the last run and empty the results sheet."""
    if not port.confirm(say("button-clear-confirm")):
        return say("button-cancelled")
    grids = {RESULTS_SHEET: port.read_sheet(RESULTS_SHEET)} if RESULTS_SHEET in port.sheet_names() else {}
    marked = previous_marks(grids)
    for sheet, cells in marked.items():
        port.clear_marks(sheet, cells)
    port.replace_sheet(RESULTS_SHEET, [[say("button-clear-title")], [c.header for c in RESULTS.columns]])
    port.set_print_area(RESULTS_SHEET, results_area(2))
    text = say("button-clear-done", count=sum(len(c) for c in marked.values()))
    port.alert(text)
    return text
