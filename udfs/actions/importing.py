"""导入名单: candidates from class lists and questionnaire exports, appended to 报名信息, then 校验.

In Excel the button's file picker (VBA) puts the chosen paths, one a line, into the 字典 sheet's
``IMPORT_FILES_CELL`` before the click reaches Python: paths never go into the RunPython code string.
``qzxl import`` passes them as arguments. The rows go in as one block write after the last filled row;
saving a file over itself keeps a backup (the file port), as for every action that writes.

The report goes to the 导入结果 sheet in the way 校验结果 shows 校验's: a line per source file and per person,
with the 报名信息 cell it is about and a 转到 link there; then 校验 runs on the result as usual.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from qzxl.catalogue import CATALOGUE
from qzxl.layout import IMPORT_FILES_CELL, IMPORT_RESULTS, IMPORT_RESULTS_SHEET, OPTIONS_SHEET
from qzxl.report import Report
from qzxl.sheets.address import column_index, is_address, split_address
from qzxl.sheets.printing import area
from qzxl.textreport import summary
from udfs.actions.common import read_book
from udfs.formulas import hyperlink
from udfs.port import WorkbookPort
from usecases.importing import ImportPlan, import_sources


def picked_files(port: WorkbookPort) -> list[Path]:
    """The paths the file picker left in the 字典 sheet's import cell."""
    if OPTIONS_SHEET not in port.sheet_names():
        return []
    letters, row = split_address(IMPORT_FILES_CELL)
    grid = port.read_sheet(OPTIONS_SHEET)
    col = column_index(letters) - 1
    text = grid[row - 1][col] if row <= len(grid) and col < len(grid[row - 1]) else None
    return [Path(line.strip()) for line in str(text or "").splitlines() if line.strip()]


def import_list(port: WorkbookPort, today: dt.date | None = None, sources: Sequence[Path] | None = None,
                *, update: bool = False, limit_rows: bool | None = None) -> ImportPlan:
    """Read the sources, write the new rows and the empty cells, return the plan (its report) — no 校验 here."""
    paths = list(sources) if sources is not None else picked_files(port)
    book, _ = read_book(port)
    if limit_rows is None:
        limit_rows = port.path.suffix.lower() == ".xlsm"  # the generated workbook formats a fixed number of rows
    plan = import_sources(book, paths, update=update, limit_rows=limit_rows)
    for cell, rows in plan.blocks(book.registration.letters):
        port.write_block(plan.sheet, cell, rows)
    return plan


def import_and_validate(port: WorkbookPort, today: dt.date | None = None, sources: Sequence[Path] | None = None, *,
                     update: bool = False, exam_date: dt.date | None = None) -> tuple[ImportPlan, Report]:
    """导入名单 as the button and ``qzxl import`` run it: the import, its 导入结果 sheet, then 校验 (校验结果).

    Without ``sources`` the files are those the picker left in the 字典 sheet, and that cell is emptied.
    """
    from udfs.actions.validate import validate_and_show

    plan = import_list(port, today, sources, update=update)
    if sources is None:
        port.write_block(OPTIONS_SHEET, IMPORT_FILES_CELL, [[None]])
    show_import_report(port, plan)
    return plan, validate_and_show(port, today, exam_date=exam_date)


def _counts(plan: ImportPlan) -> dict[str, int]:
    return {"imported": len(plan.new_rows), "skipped": sum(s.skipped for s in plan.summaries),
            "filled": len(plan.fills)}


def import_rows(plan: ImportPlan, title: str) -> list[list[object]]:
    """The 导入结果 sheet: the title, the header row, a line per report line; links escaped for the formula."""
    sheet = plan.sheet
    rows: list[list[object]] = [[title], [c.header for c in IMPORT_RESULTS.columns]]
    label = IMPORT_RESULTS.column("link").header
    for (code, params), (source, cell) in zip(plan.lines, plan.places, strict=True):
        placed = bool(cell) and is_address(cell)
        values = {"source": source, "source_row": params.get("source_row", ""), "name": params.get("name", ""),
                  "sheet": sheet if placed else "", "cell": cell if placed else "",
                  "link": hyperlink(sheet, cell, label) if placed else "", "message": CATALOGUE[code].render(**params),
                  "code": code}
        rows.append([values[c.key] for c in IMPORT_RESULTS.columns])
    width = len(IMPORT_RESULTS.columns)
    return [row + [""] * (width - len(row)) for row in rows]


def show_import_report(port: WorkbookPort, plan: ImportPlan, now: dt.datetime | None = None) -> None:
    """Write the 导入结果 sheet (created if an older workbook lacks it) and its print area: two calls."""
    title = CATALOGUE["import-results-title"].render(time=f"{now or dt.datetime.now():%Y-%m-%d %H:%M}",
                                                     files=len(plan.summaries), **_counts(plan))
    rows = import_rows(plan, title)
    port.replace_sheet(IMPORT_RESULTS_SHEET, rows)
    port.set_print_area(IMPORT_RESULTS_SHEET, area(len(IMPORT_RESULTS.columns), len(rows)))


def import_button(port: WorkbookPort, today: dt.date | None = None) -> str:
    """The ribbon's 导入名单: import the picked files, write 导入结果, then run 校验 on the result (校验结果)."""
    plan, report = import_and_validate(port, today)
    text = CATALOGUE["import-done"].render(**_counts(plan)) + "\n" + summary(report)
    port.alert(text)
    return text

