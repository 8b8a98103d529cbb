"""The cell formats of the built workbook: yellow to type in, green computed, grey hints, red and amber marks."""

from __future__ import annotations

import xlsxwriter

# Printed sizes: hints in 10 pt so that a sheet fitted to the page keeps them ≥ 8 pt.
HINT_SIZE = 10


class Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter"}
        self.title = book.add_format({**base, "bold": True, "font_size": 16, "align": "center"})
        self.section = book.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "border": 1,
                                        "align": "center", "text_wrap": True})
        self.label = book.add_format({**base, "bold": True, "border": 1, "text_wrap": True})
        self.input = book.add_format({**base, "border": 1, "bg_color": "#FFFBE6", "text_wrap": True})
        self.input_date = book.add_format({**base, "border": 1, "bg_color": "#FFFBE6", "num_format": "yyyy-mm-dd"})
        self.formula_date = book.add_format({**base, "border": 1, "num_format": "yyyy-mm-dd", "bg_color": "#E2EFDA"})
        self.formula = book.add_format({**base, "border": 1, "bg_color": "#E2EFDA", "text_wrap": True})
        self.check = book.add_format({**base, "border": 1, "bg_color": "#E2EFDA"})  # 自动检查: one line
        self.hint = book.add_format({**base, "font_size": HINT_SIZE, "font_color": "#7F7F7F", "text_wrap": True})
        self.note = book.add_format({**base, "font_color": "#7F7F7F"})  # one line, runs on; full size: it prints scaled
        self.bold = book.add_format({**base, "bold": True})  # one line, runs on over the empty cells
        self.header = book.add_format({**base, "bold": True, "border": 1, "bg_color": "#D9D9D9", "align": "center",
                                       "text_wrap": True})
        self.text = book.add_format({**base, "border": 1, "num_format": "@"})
        self.cell = book.add_format({**base, "border": 1})
        self.date = book.add_format({**base, "border": 1, "num_format": "yyyy-mm-dd"})
        self.line = book.add_format({**base})
        self.error = book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
        self.warning = book.add_format({"bg_color": "#FFEB9C"})
