"""报名信息: the header lines, one formatted row per person with drop-downs, and the 自动检查 column."""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name

from qzxl.export.forms import page_setup
from qzxl.layout import (
    FIRST_DATA_ROW,
    FORMS,
    NATIVE_CHECK_HEADER,
    REGISTRATION,
    REGISTRATION_FORMATTED_ROWS,
    REGISTRATION_NATIVE_HELPERS,
    native_column,
)
from workbook import native
from workbook.formats import Formats
from workbook.formulas import check_shown, registration_lines, required_missing, table_letter
from workbook.validation import column_validation

DATA_ROWS = REGISTRATION_FORMATTED_ROWS
REGISTRATION_PAGES_WIDE = 3


def write(ws, formats: Formats, lists: dict[str, str]) -> None:
    last_col = len(REGISTRATION.columns) - 1
    ws.merge_range(0, 0, 0, last_col, FORMS["registration"].title, formats.title)
    for row, formula in enumerate(registration_lines(), start=1):
        ws.write_formula(row, 0, formula, formats.line, "")
    header = FIRST_DATA_ROW - 1
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + DATA_ROWS - 1
    name_letter = table_letter(REGISTRATION, "name")
    for col, column in enumerate(REGISTRATION.columns):
        ws.write_string(header, col, column.header, formats.header)
        cell_format = {"id": formats.text, "phone": formats.text, "date": formats.date}.get(column.kind, formats.cell)
        ws.set_column(col, col, column.width, cell_format)
        column_validation(ws, column, first, last, col, lists)
        letter = xl_col_to_name(col)
        if column.required:
            ws.conditional_format(first, col, last, col, {
                "type": "formula", "criteria": required_missing(name_letter, letter, first + 1),
                "format": formats.error})
    _native_checks(ws, formats, lists, first, last)
    ws.freeze_panes(FIRST_DATA_ROW, 1)
    ws.set_row(header, 30)
    # 25 columns cannot be read one or two pages wide (4 pt, 7.5 pt at best): three, 姓名 to 证件号码 on each.
    page_setup(ws, header, last_col, landscape=True, fit="width", pages_wide=REGISTRATION_PAGES_WIDE,
               repeat_rows=(header, header), page_numbers=True)
    ws.repeat_columns(0, REGISTRATION.keys.index("id_number"))


def _native_checks(ws, formats: Formats, lists: dict[str, str], first: int, last: int) -> None:
    """The 自动检查 column, its hidden helpers and the marks on offending cells (workbook/native.py)."""
    auto_col = native_column(REGISTRATION)
    letters = {key: table_letter(REGISTRATION, key) for key in REGISTRATION.keys}
    helper_letter = xl_col_to_name(auto_col + 1)

    def row_formulas(row: int) -> native.RowFormulas:
        return native.RowFormulas(letters, helpers=native.HELPER_KEYS, first_letter=helper_letter, row=row + 1,
                                  first_row=first + 1, last_row=last + 1, lists=lists)

    ws.write_string(first - 1, auto_col, NATIVE_CHECK_HEADER, formats.header)
    ws.set_column(auto_col, auto_col, 26, formats.check)
    for offset, key in enumerate(native.HELPER_KEYS, start=1):
        ws.write_string(first - 1, auto_col + offset, REGISTRATION_NATIVE_HELPERS[key], formats.header)
    ws.set_column(auto_col + 1, auto_col + len(native.HELPER_KEYS), 14, None, {"hidden": True})
    for row in range(first, last + 1):
        formulas = row_formulas(row)
        for offset, expression in enumerate(formulas.helpers().values(), start=1):
            ws.write_formula(row, auto_col + offset, "=" + expression, None, "")
        ws.write_formula(row, auto_col, formulas.auto_check(), formats.check, "")
    top = row_formulas(first)
    marks = {key: [top.option_unknown(key)] for key in top.option_keys()}
    marks.setdefault("id_number", []).append(f'OR({top.at("id_problem")}<>"",{top.under_age()},{top.duplicate()})')
    marks["gender"].append(top.gender_mismatch())
    marks.setdefault("birth_date", []).append(top.birth_mismatch())
    marks.setdefault("mobile", []).append(top.mobile_invalid())
    for key, conditions in marks.items():
        col = REGISTRATION.keys.index(key)
        condition = conditions[0] if len(conditions) == 1 else "OR(" + ",".join(conditions) + ")"
        ws.conditional_format(first, col, last, col, {"type": "formula", "criteria": "=" + condition,
                                                      "format": formats.error})
    for key in top.option_keys():
        col = REGISTRATION.keys.index(key)
        ws.conditional_format(first, col, last, col, {"type": "formula", "criteria": "=" + top.option_warning(key),
                                                      "format": formats.warning})
    ws.conditional_format(first, auto_col, last, auto_col, {
        "type": "formula", "criteria": check_shown(auto_col, first + 1), "format": formats.error})
