"""校验结果 and 导入结果: the sheets the 校验 and 导入名单 actions fill, built with their hint and header."""

from __future__ import annotations

from qzxl.catalogue import CATALOGUE
from qzxl.export.forms import page_setup
from qzxl.layout import IMPORT_RESULTS, IMPORT_RESULTS_FIRST_ROW, RESULTS, RESULTS_HEADER_ROW
from workbook.formats import Formats


def write_results(ws, formats: Formats) -> None:
    ws.write_string(0, 0, "点「校验」按钮后，这里列出所有问题，点「转到」可跳到对应单元格。", formats.hint)
    for col, column in enumerate(RESULTS.columns):
        ws.write_string(RESULTS_HEADER_ROW, col, column.header, formats.header)
        ws.set_column(col, col, column.width)
    ws.freeze_panes(RESULTS_HEADER_ROW + 1, 0)
    page_setup(ws, RESULTS_HEADER_ROW, len(RESULTS.columns) - 1, landscape=True, fit="width",
               repeat_rows=(RESULTS_HEADER_ROW, RESULTS_HEADER_ROW), page_numbers=True)


def write_import_results(ws, formats: Formats) -> None:
    """Filled by 导入名单 (udfs.actions.importing): a hint until then, the header and the widths of the layout."""
    ws.write_string(0, 0, CATALOGUE["import-results-hint"].render(), formats.hint)
    for col, column in enumerate(IMPORT_RESULTS.columns):
        ws.write_string(IMPORT_RESULTS_FIRST_ROW - 1, col, column.header, formats.header)
        ws.set_column(col, col, column.width)
    ws.freeze_panes(IMPORT_RESULTS_FIRST_ROW, 0)
    header = IMPORT_RESULTS_FIRST_ROW - 1
    page_setup(ws, header, len(IMPORT_RESULTS.columns) - 1, landscape=True, fit="width", repeat_rows=(header, header),
               page_numbers=True)
