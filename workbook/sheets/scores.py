"""成绩: the sheet the 导入成绩 action fills, built with the rows that action writes."""

from __future__ import annotations

from qzxl.catalogue import say
from qzxl.export.forms import page_setup
from qzxl.layout import SCORE_RANGE, SCORES, SCORES_FIRST_ROW, SCORES_HEADER_ROW, SCORES_INFO_ROW, SCORES_PASS_ROW
from qzxl.scores.sheet import header_rows
from workbook.formats import Formats


def write(ws, formats: Formats) -> None:
    """Filled by 导入成绩 (udfs.actions.scores): the pass marks above the subjects, the header, formatted rows.

    The same rows the action writes (qzxl.scores.sheet.header_rows), so a workbook that gets the sheet from the
    action instead of the build reads the same; the verdicts are the engine's, written by the action, not formulas.
    """
    last_col = len(SCORES.columns) - 1
    rows = header_rows(None, say("scores-hint"))
    ws.merge_range(0, 0, 0, last_col, rows[0][0], formats.title)
    for col, value in enumerate(rows[SCORES_PASS_ROW]):
        if isinstance(value, float):
            ws.write_number(SCORES_PASS_ROW, col, value, formats.input)
            ws.data_validation(SCORES_PASS_ROW, col, SCORES_PASS_ROW, col, {
                "validate": "decimal", "criteria": "between", "minimum": SCORE_RANGE[0], "maximum": SCORE_RANGE[1],
                "input_title": say("scores-pass-label"), "input_message": f"{SCORE_RANGE[0]:g}–{SCORE_RANGE[1]:g}"})
        elif value is not None:
            ws.write_string(SCORES_PASS_ROW, col, value, formats.bold)
    ws.write_string(SCORES_INFO_ROW, 0, rows[SCORES_INFO_ROW][0], formats.note)
    for col, column in enumerate(SCORES.columns):
        ws.write_string(SCORES_HEADER_ROW, col, column.header, formats.header)
        ws.set_column(col, col, column.width, formats.cell)
    ws.freeze_panes(SCORES_FIRST_ROW, 2)
    ws.set_row(SCORES_HEADER_ROW, 30)
    page_setup(ws, SCORES_HEADER_ROW, last_col, landscape=True, fit="width",
               repeat_rows=(SCORES_HEADER_ROW, SCORES_HEADER_ROW), page_numbers=True)
