"""The drop-down or input message of a table column, as the layout describes it."""

from __future__ import annotations

from qzxl.layout import Column


def column_validation(ws, column: Column, first: int, last: int, col: int, lists: dict[str, str]) -> None:
    options: dict = {}
    if column.options:
        options = {"validate": "list", "source": f"={lists[column.options]}", "error_type": "warning",
                   "error_title": column.header, "error_message": "不在下拉列表中，请从列表选择，否则系统可能不接受。"}
    elif column.hint:
        options = {"validate": "any"}
    if column.hint and options:
        options.update({"input_title": column.header[:32], "input_message": column.hint[:255]})
    if options:
        ws.data_validation(first, col, last, col, options)
