"""导入成绩: the college's score lists matched to 报名信息 on the 成绩 sheet, cells marked, lists written beside.

In Excel the button's file picker (the one 导入名单 uses) leaves the chosen paths in the 字典 sheet's import
cell; ``qzxl scores`` passes them as arguments, or none to judge again what the sheet holds (after a pass mark
was changed). A workbook built before the 成绩 sheet existed gets it here, with the build's headers and print area.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

from qzxl.catalogue import say
from qzxl.errors import CannotRun
from qzxl.layout import (
    IMPORT_FILES_CELL,
    OPTIONS_SHEET,
    SCORE_FOLDER,
    SCORES,
    SCORES_HEADER_ROW,
    SCORES_MARKS_CELL,
    SCORES_SHEET,
)
from qzxl.scores.outputs import new_folder, write_lists
from qzxl.sheets.printing import area
from udfs.actions.common import read_book
from udfs.actions.importing import picked_files
from udfs.actions.marks import score_marks
from udfs.port import Mark, WorkbookPort
from usecases.scores import ScoreRun, has_scores, run_scores


def scores_sheet(port: WorkbookPort) -> list[list[object]] | None:
    return port.read_sheet(SCORES_SHEET) if SCORES_SHEET in port.sheet_names() else None


def show_scores(port: WorkbookPort, run: ScoreRun, grid) -> None:
    """Write the 成绩 sheet over the old one (its formats stay) or make it, clear the old marks, mark this run's."""
    if grid:
        port.clear_marks(SCORES_SHEET, score_marks(grid))
    rows = [list(row) for row in run.rows]
    width = len(SCORES.columns)
    old_rows = len(grid) if grid else 0
    rows += [[None] * width for _ in range(max(old_rows - len(rows), 0))]  # a longer old sheet is emptied
    if grid is None:  # a workbook built before the 成绩 sheet: made here, with the build's rows and print setup
        port.replace_sheet(SCORES_SHEET, rows)
        port.set_page_setup(SCORES_SHEET, landscape=True, title_row=SCORES_HEADER_ROW + 1)
    else:
        port.write_block(SCORES_SHEET, "A1", [rows[0][:1]])  # the title: the build merges it over the row
        port.write_block(SCORES_SHEET, "A2", rows[1:])
    marks = []
    placed = sorted((i for i in run.report.issues if i.sheet == SCORES_SHEET and i.cell), key=lambda i: i.cell)
    for cell, same in groupby(placed, key=lambda i: i.cell):
        found = list(same)
        marks.append(Mark(cell, any(i.is_error for i in found),
                          "\n".join(f"{i.severity.label}：{i.message}" for i in found)))
    if marks:
        port.mark_cells(SCORES_SHEET, marks)
    port.write_block(SCORES_SHEET, SCORES_MARKS_CELL, [[",".join(m.cell for m in marks) or None]])
    port.set_print_area(SCORES_SHEET, area(width, len(run.rows)))


def import_scores(port: WorkbookPort, sources: Sequence[Path] | None = None, *, lists: bool = True,
                  beside: Path | None = None, now: dt.datetime | None = None) -> tuple[ScoreRun, Path | None]:
    """Read the lists (``None``: the picked files), fill the 成绩 sheet, write the lists' folder (in ``beside``,
    else the workbook's folder); the run and that folder."""
    paths = list(sources) if sources is not None else picked_files(port)
    if sources is None and not paths:
        raise CannotRun("run-scores-no-sources")
    book, _ = read_book(port)
    grid = scores_sheet(port)
    if not paths and not has_scores(grid):
        raise CannotRun("run-scores-none")
    run = run_scores(book, grid, paths, now)
    show_scores(port, run, grid)
    folder = None
    if lists:
        with new_folder((beside or port.path.parent) / SCORE_FOLDER) as (staging, folder):
            write_lists(staging, run.result, run.rows, run.occupation, run.level)
    return run, folder


def import_scores_button(port: WorkbookPort, today: dt.date | None = None) -> str:
    """The ribbon's 导入成绩: the picked lists onto the 成绩 sheet, the lists written beside the workbook."""
    run, folder = import_scores(port)
    port.write_block(OPTIONS_SHEET, IMPORT_FILES_CELL, [[None]])
    text = say("scores-done", **run.counts(), folder=folder)
    port.alert(text)
    return text
