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

from qzxl.app.importing import ImportPlan, plan_import, row_cells, staff_aliases
from qzxl.catalogue import CATALOGUE
from qzxl.errors import CannotRun
from qzxl.layout import (
    IMPORT_FILES_CELL,
    IMPORT_RESULTS,
    IMPORT_RESULTS_SHEET,
    OPTIONS_SHEET,
    REGISTRATION_FORMATTED_ROWS,
)
from qzxl.sheets.address import column_index, column_letter, is_address, split_address
from qzxl.sheets.printing import area
from qzxl.sheets.sources import read_source
from qzxl.textreport import summary
from udfs.actions.common import read_book
from udfs.formulas import hyperlink
from udfs.port import WorkbookPort


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
    if not paths:
        raise CannotRun("run-import-no-sources")
    book, _ = read_book(port)
    aliases = staff_aliases(book)
    tables = [read_source(path, aliases) for path in paths]
    plan = plan_import(tables, book, update=update)
    table = book.registration
    if limit_rows is None:
        limit_rows = port.path.suffix.lower() == ".xlsm"  # the generated workbook formats a fixed number of rows
    last_formatted = table.header_row + REGISTRATION_FORMATTED_ROWS
    if limit_rows and plan.new_rows and plan.last_row > last_formatted:
        raise CannotRun("run-import-too-many", limit=REGISTRATION_FORMATTED_ROWS, last=plan.last_row,
                        extra=plan.last_row - last_formatted)
    first_letter = column_letter(min(column_index(x) for x in table.letters.values()))
    if plan.new_rows:
        port.write_block(table.sheet, f"{first_letter}{plan.first_row}",
                         [row_cells(values, table.letters) for values in plan.new_rows])
    for row, values in plan.fills:
        for key, value in values.items():
            port.write_block(table.sheet, f"{table.letters[key]}{row}", [[value]])
    return plan


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
    from udfs.actions.validate import check_book

    plan = import_list(port, today)
    port.write_block(OPTIONS_SHEET, IMPORT_FILES_CELL, [[None]])
    show_import_report(port, plan)
    report = check_book(port, today)
    text = CATALOGUE["import-done"].render(**_counts(plan)) + "\n" + summary(report)
    port.alert(text)
    return text

