"""方案: the batch's fields, the deadlines computed from the exam date, 联系老师 and the examiner table."""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name

from qzxl.dates.schedule import DEADLINES
from qzxl.export.fit import row_height
from qzxl.export.forms import page_setup
from qzxl.layout import (
    DEFAULT_FOLDERS,
    EXAMINERS,
    FORMS,
    PLAN_FIELDS,
    PLAN_FIRST_FIELD_ROW,
    PLAN_VALUE_COLUMN,
    deadline_row,
)
from workbook.formats import Formats
from workbook.formulas import plan_contact, plan_deadline, plan_deadline_note

DEFAULT_VALUES = {**DEFAULT_FOLDERS, "eligibility_basis": "2023"}  # what a new 方案 sheet shows filled in
PLAN_LABEL_WIDTH = 22


def write(ws, formats: Formats, lists: dict[str, str]) -> None:
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, PLAN_LABEL_WIDTH)
    ws.set_column(2, 2, 36)
    ws.set_column(3, 3, 40)
    ws.merge_range(0, 0, 0, 3, FORMS["plan"].title, formats.title)
    ws.set_row(0, 30)
    ws.merge_range(1, 0, 1, 3, "黄色格填写，绿色格自动计算。时间节点可点「计算时间节点」按钮生成。", formats.hint)
    row = PLAN_FIRST_FIELD_ROW
    section_start, current_section = row, None
    for field in PLAN_FIELDS:
        if field.section != current_section:
            if current_section is not None:
                _merge_section(ws, formats, section_start, row - 1, current_section)
            current_section, section_start = field.section, row
        ws.write_string(row, PLAN_VALUE_COLUMN - 1, field.label, formats.label)
        fmt = formats.input_date if field.kind == "date" else formats.input
        default = DEFAULT_VALUES.get(field.key)
        if default:
            ws.write_string(row, PLAN_VALUE_COLUMN, default, fmt)
        else:
            ws.write_blank(row, PLAN_VALUE_COLUMN, None, fmt)
        if field.options:
            ws.data_validation(row, PLAN_VALUE_COLUMN, row, PLAN_VALUE_COLUMN,
                               {"validate": "list", "source": f"={lists[field.options]}", "error_type": "warning"})
        if field.hint:
            ws.write_string(row, PLAN_VALUE_COLUMN + 1, field.hint, formats.hint)
        if "\n" in field.label:
            ws.set_row(row, 30)
        row += 1
    _merge_section(ws, formats, section_start, row - 1, current_section)
    start = deadline_row(0)
    for index, (key, label, days) in enumerate(DEADLINES):
        row = deadline_row(index)
        ws.write_string(row, PLAN_VALUE_COLUMN - 1, label, formats.label)
        ws.set_row(row, row_height([(label, PLAN_LABEL_WIDTH)], minimum=15, font_size=11))
        ws.write_formula(row, PLAN_VALUE_COLUMN, plan_deadline(days), formats.formula_date, "")
        due = f"{xl_col_to_name(PLAN_VALUE_COLUMN)}{row + 1}"
        ws.write_formula(row, PLAN_VALUE_COLUMN + 1, plan_deadline_note(key, days, due), formats.hint, "")
    row = deadline_row(len(DEADLINES))
    ws.write_string(row, PLAN_VALUE_COLUMN - 1, "联系老师", formats.label)
    ws.write_formula(row, PLAN_VALUE_COLUMN, plan_contact(), formats.formula, "")
    _merge_section(ws, formats, start, row, "截止日期（自动计算）")
    row += 2
    ws.set_h_pagebreaks([row])  # the examiner table on a page of its own, never split from its header
    ws.merge_range(row, 1, row, 6, "考评员简况（受认定管理机构委托后填写）", formats.section)
    row += 1
    for offset, column in enumerate(EXAMINERS.columns):
        ws.write_string(row, 1 + offset, column.header, formats.header)
        for blank in range(1, 7):
            ws.write_blank(row + blank, 1 + offset, None, formats.input)
    ws.set_column(4, 6, 14)
    ws.set_row(row, row_height([(c.header, 14) for c in EXAMINERS.columns], minimum=15, font_size=11))
    ws.freeze_panes(2, 0)
    page_setup(ws, row + 6, 6, landscape=True, fit="width")  # portrait would print it at about 6 pt


def _merge_section(ws, formats: Formats, first: int, last: int, title: str) -> None:
    if first == last:
        ws.write_string(first, 0, title, formats.section)
    else:
        ws.merge_range(first, 0, last, 0, title, formats.section)
