"""The report as a clerk reads it in a terminal: grouped by sheet and row, errors marked."""

from __future__ import annotations

from itertools import groupby

from qzxl.report import Report

MARKS = {"error": "✗", "warning": "!"}


def render(report: Report) -> str:
    lines: list[str] = []
    for (sheet, row, file), group in groupby(report.sorted_issues(), key=lambda i: (i.sheet, i.row, i.file)):
        if file:
            lines.append(f"{file}")
        elif row:
            lines.append(f"{sheet} 第 {row} 行")
        else:
            lines.append(sheet or "整体")
        for issue in group:
            place = f"{issue.cell} {issue.column}：" if issue.cell else (f"{issue.column}：" if issue.column else "")
            lines.append(f"  {MARKS[issue.severity.value]} {place}{issue.message}")
    lines.append(summary(report))
    return "\n".join(lines)


def summary(report: Report) -> str:
    if not report.issues:
        return f"共 {report.candidates} 人，没有发现问题。"
    return f"共 {report.candidates} 人：{report.errors} 个错误（✗，必须改），{report.warnings} 个提醒（!，请核实）。"
