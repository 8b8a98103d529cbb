"""导入名单: candidates from class lists and questionnaire exports, appended to 报名信息, then 校验.

In Excel the button's file picker (VBA) puts the chosen paths, one a line, into the 字典 sheet's
``IMPORT_FILES_CELL`` before the click reaches Python: paths never go into the RunPython code string.
``qzxl import`` passes them as arguments. The rows go in as one block write after the last filled row;
saving a file over itself keeps a backup (the file port), as for every action that writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from qzxl.app.importing import ImportPlan, plan_import, row_cells, staff_aliases
from qzxl.errors import CannotRun
from qzxl.layout import IMPORT_FILES_CELL, OPTIONS_SHEET, REGISTRATION_FORMATTED_ROWS
from qzxl.sheets.address import column_index, column_letter, split_address
from qzxl.sheets.sources import read_source
from udfs.actions.common import read_book
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


def import_button(port: WorkbookPort, today: dt.date | None = None) -> str:
    """The ribbon's 导入名单: import the picked files, show the report, then run 校验 on the result."""
    from udfs.actions.validate import validate

    plan = import_list(port, today)
    port.write_block(OPTIONS_SHEET, IMPORT_FILES_CELL, [[None]])
    text = "\n".join(plan.sentences()[:30])
    port.alert(text)
    validate(port, today)
    return text
