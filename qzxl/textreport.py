"""The report as a clerk reads it in a terminal: grouped by sheet and row, errors marked."""

from __future__ import annotations

from itertools import groupby

from qzxl.catalogue import say
from qzxl.report import Issue, Report
from qzxl.values.privacy import mask_ids_in_text

MARKS = {"error": "✗", "warning": "!"}


def render(report: Report) -> str:
    lines: list[str] = []
    for (sheet, row, file), group in groupby(report.sorted_issues(), key=_group):
        if file is not None:
            lines.append(file)
        elif row:
            lines.append(say("summary-row", sheet=sheet, row=row))
        else:
            lines.append(sheet or say("summary-whole-sheet"))
        for issue in group:
            place = f"{issue.cell} {issue.column}：" if issue.cell else (f"{issue.column}：" if issue.column else "")
            lines.append(f"  {MARKS[issue.severity.value]} {place}{issue.message}")
    lines.append(summary(report))
    return mask_ids_in_text("\n".join(lines))  # sheet names and places are user text too


def _group(issue: Issue) -> tuple[str | None, int | None, str | None]:
    """Workbook issues by sheet and row; file issues by file, or by candidate when there is no file."""
    if issue.file is not None:
        return (None, None, issue.file or issue.candidate or say("summary-photo-folder"))
    return (issue.sheet, issue.row, None)


def summary(report: Report) -> str:
    counted = [say("summary-people", count=report.candidates)] if report.candidates or "files" not in report.counts \
        else []
    if "files" in report.counts:
        counted.append(say("summary-files", count=report.counts["files"]))
    if not report.issues:
        return say("summary-clean", counted="、".join(counted))
    return say("summary-counts", counted="、".join(counted), errors=report.errors, warnings=report.warnings)
