"""字典: the option lists, the district contacts, the 放假调整 table, the generated working-day calendar and the
tables staff fill (申报条件按职业, 导入列名, 成绩列名)."""

from __future__ import annotations

import datetime as dt

from xlsxwriter.utility import xl_col_to_name

from qzxl.catalogue import say
from qzxl.dates.workdays import WorkCalendar, estimate_marked
from qzxl.export.fit import row_height
from qzxl.export.forms import page_setup
from qzxl.layout import (
    ELIGIBILITY_TABLE,
    HOLIDAY_ARRANGEMENTS,
    HOLIDAY_OVERRIDES,
    IMPORT_ALIAS_TABLE,
    SCORE_ALIAS_TABLE,
)
from qzxl.values.options import DEFAULT_OPTIONS, DISTRICT_CONTACTS
from workbook.formats import HINT_SIZE, Formats
from workbook.formulas import calendar_row
from workbook.names import (
    OPTIONS_HEADER_ROW,
    OVERRIDE_ROWS,
    calendar_column,
    calendar_days,
    contacts_column,
    option_list_names,
    overrides_column,
)
from workbook.validation import column_validation


def write(ws, formats: Formats, lists: dict[str, str], today: dt.date) -> None:
    """The option lists, the district contacts, the 放假调整 table and the working-day calendar."""
    ws.write_string(0, 0, "下拉列表的可选项（可按省系统的数据规范修改）", formats.line)
    header_row = OPTIONS_HEADER_ROW
    for col, (name, values) in enumerate(DEFAULT_OPTIONS.items()):
        ws.write_string(header_row, col, name, formats.header)
        for offset, value in enumerate(values, start=1):
            ws.write_string(header_row + offset, col, value, formats.cell)
        ws.set_column(col, col, 16)
    col = contacts_column()
    for offset, header in enumerate(("联系片区", "联系老师", "联系电话")):
        ws.write_string(header_row, col + offset, header, formats.header)
    for row, contact in enumerate(DISTRICT_CONTACTS, start=header_row + 1):
        for offset, value in enumerate(contact):
            ws.write_string(row, col + offset, value, formats.cell)
    ws.set_column(col, col + 2, 12)
    col = overrides_column()
    for offset, column in enumerate(HOLIDAY_OVERRIDES.columns):
        ws.write_string(header_row, col + offset, column.header, formats.header)
        ws.set_column(col + offset, col + offset, column.width)
    first, last = header_row + 1, header_row + OVERRIDE_ROWS
    ws.data_validation(first, col + 1, last, col + 1, {"validate": "list", "source": list(HOLIDAY_ARRANGEMENTS),
                                                       "input_title": "安排",
                                                       "input_message": " 或 ".join(HOLIDAY_ARRANGEMENTS)})
    for row in range(first, last + 1):
        ws.write_blank(row, col, None, formats.input_date)
        ws.write_blank(row, col + 1, None, formats.input)
        ws.write_blank(row, col + 2, None, formats.input)
    note = "放假调整：国务院公布下一年放假安排后，在此补录调休日期"
    ws.merge_range(first - 2, col, first - 2, col + 2, note, formats.hint)
    note_width = sum(c.width for c in HOLIDAY_OVERRIDES.columns)
    ws.set_row(first - 2, row_height([(note, note_width)], minimum=15, font_size=HINT_SIZE))
    _calendar(ws, formats, calendar_column(), header_row, today)
    # The lists, contacts and 放假调整 print; the generated calendar beside them is for formulas, not paper.
    longest = max(max(len(v) for v in DEFAULT_OPTIONS.values()), len(DISTRICT_CONTACTS), OVERRIDE_ROWS)
    page_setup(ws, header_row + longest, col + 2, landscape=True, fit="width", pages_wide=2)
    # 申报条件按职业: for an occupation whose standard differs from the basis chosen on 方案.
    _clerk_table(ws, formats, ELIGIBILITY_TABLE, "申报条件按职业：某职业标准的条件与方案所选依据不同时填写。"
                 "整职业改用旧版：职业填「电工」、条件依据填「2018」；自定条件：每条一行，写明适用等级、条件原文和年限等",
                 col + 10, header_row, option_list_names())
    # 导入列名: a source header the 导入名单 button does not know, and the 报名信息 header it means.
    _clerk_table(ws, formats, IMPORT_ALIAS_TABLE, "导入列名：名单或问卷中认不出的列名，写上它对应的报名信息表头",
                 col + 10 + len(ELIGIBILITY_TABLE.columns) + 1, header_row)
    # 成绩列名: a score list's header the 导入成绩 button does not know, and the 成绩 header it means.
    _clerk_table(ws, formats, SCORE_ALIAS_TABLE, say("scores-alias-note"),
                 col + 10 + len(ELIGIBILITY_TABLE.columns) + 1 + len(IMPORT_ALIAS_TABLE.columns) + 1, header_row)


def _clerk_table(ws, formats: Formats, table, note: str, col: int, header_row: int,
                 lists: dict[str, str] | None = None) -> None:
    """A table on 字典 for staff to fill: the note above, the headers, empty input rows (drop-downs given ``lists``)."""
    ws.write_string(header_row - 1, col, note, formats.hint)
    first, last = header_row + 1, header_row + OVERRIDE_ROWS
    for offset, column in enumerate(table.columns):
        ws.write_string(header_row, col + offset, column.header, formats.header)
        ws.set_column(col + offset, col + offset, column.width)
        for row in range(first, last + 1):
            ws.write_blank(row, col + offset, None, formats.input)
        if lists is not None:
            column_validation(ws, column, first, last, col + offset, lists)


def _calendar(ws, formats: Formats, col: int, header_row: int, today: dt.date) -> None:
    """Every date from last January to three years on: published or estimated workday, and the latest workday
    on or before it — by formula, so rows added to the 放假调整 table take effect at once. In a year not yet
    published only certain working days count (possible days off and make-up weekends do not), and 预估 is 1
    until a 放假调整 row settles the day."""
    calendar = WorkCalendar()
    headers = ("日期", "基础工作日", "工作日", "最近工作日", "说明", "预估")
    for offset, header in enumerate(headers):
        ws.write_string(header_row, col + offset, header, formats.header)
    ws.set_column(col, col + 5, 12)
    start, end = calendar_days(today)
    date_col, base_col, work_col, latest_col = (xl_col_to_name(col + i) for i in range(4))
    row = header_row + 1
    day = start
    latest = calendar.latest_workday(start).date  # then carried along: a search back from every day was slow
    while day <= end:
        info = calendar.day(day)
        if info.workday:
            latest = day
        excel_row = row + 1
        previous = f"{latest_col}{excel_row - 1}" if row > header_row + 1 else f"{date_col}{excel_row}"
        workday, latest_formula, estimated = calendar_row(date_col, base_col, work_col, excel_row, previous)
        ws.write_datetime(row, col, dt.datetime.combine(day, dt.time()), formats.date)
        ws.write_number(row, col + 1, 1 if info.workday else 0, formats.cell)
        ws.write_formula(row, col + 2, workday, formats.cell, 1 if info.workday else 0)
        ws.write_formula(row, col + 3, latest_formula, formats.date, dt.datetime.combine(latest, dt.time()))
        ws.write_string(row, col + 4, estimate_marked(info.reason, info.estimated), formats.cell)
        if info.estimated:
            ws.write_formula(row, col + 5, estimated, formats.cell, 1)
        else:
            ws.write_number(row, col + 5, 0, formats.cell)
        row += 1
        day += dt.timedelta(days=1)
