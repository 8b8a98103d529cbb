"""What a workbook's 校验结果 and cell marks say, read back from the saved file, and what 校验 finds in it now.

Shared by the regression tests and the clerk's-week state machine: after any action that writes 校验结果,
the two must agree (the sheet lists every open problem, the marks are exactly the placed findings).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import openpyxl

from qzxl.layout import DEFAULT_FOLDERS, RESULTS, RESULTS_SHEET
from qzxl.report import Issue
from qzxl.sheets.address import is_address
from qzxl.sheets.intake import read_plan
from qzxl.sheets.reader import read_workbook
from udfs.file_port import NOTE_AUTHOR
from usecases.validate import validate_book


def listed(book: Path) -> Counter:
    """(code, sheet, cell or file) of every row under the header of the saved 校验结果."""
    sheet = openpyxl.load_workbook(book, read_only=True)[RESULTS_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    columns = [c.key for c in RESULTS.columns]
    found = Counter()
    for row in rows[2:]:
        values = dict(zip(columns, row, strict=False))
        if any(values.values()):
            found[(values["code"], values["sheet"] or "", str(values["cell"] or ""))] += 1
    return found


def title(book: Path) -> str:
    return str(openpyxl.load_workbook(book, read_only=True)[RESULTS_SHEET]["A1"].value or "")


def marks(book: Path) -> set[tuple[str, str]]:
    """(sheet, cell) of every note qzxl put on a cell, with its fill."""
    wb = openpyxl.load_workbook(book)
    return {(ws.title, cell.coordinate) for ws in wb.worksheets for row in ws.iter_rows() for cell in row
            if cell.comment is not None and cell.comment.author == NOTE_AUTHOR}


def folders(book: Path) -> dict[str, Path | None]:
    """The photo and attachment folders 校验 checks: as the 方案 sheet names them, else the defaults beside it."""
    data = read_workbook(book)
    plan = read_plan(data.plan)[0] if data.plan else None
    found = {}
    for key in ("photos_dir", "attachments_dir"):
        named = getattr(plan, key, "") if plan is not None else ""
        folder = Path(named or DEFAULT_FOLDERS[key])
        folder = folder if folder.is_absolute() else book.parent / folder
        found[key] = folder if folder.is_dir() else None
    return found


def current_issues(book: Path, today: dt.date | None = None) -> list[Issue]:
    """What 校验 finds in the saved file and its folders now."""
    where = folders(book)
    return validate_book(read_workbook(book), today=today, photos=where["photos_dir"],
                         attachments=where["attachments_dir"]).report.issues


def as_rows(issues: list[Issue]) -> Counter:
    """The same (code, sheet, cell or file) key the 校验结果 rows carry."""
    from qzxl.catalogue import say

    return Counter((i.code, i.sheet or (say("results-files-sheet") if i.file is not None else ""),
                    str(i.cell or i.file or i.candidate or "")) for i in issues)


def placed(issues: list[Issue]) -> set[tuple[str, str]]:
    return {(i.sheet, i.cell) for i in issues if i.sheet and i.cell and is_address(i.cell)}
