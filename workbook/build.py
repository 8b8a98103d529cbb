"""`qzxl workbook OUT.xlsm`: the clerk's workbook, generated from the layout, the registry and the VBA sources.

Everything a colleague with WPS or Excel for Mac needs works without Python:
drop-downs from the 字典 lists, ID columns stored as text, input messages,
conditional formats for missing cells and duplicate IDs, the roster derived
by formulas, and deadlines as native formulas over a working-day calendar
(调休 included) generated at build time. With Excel on Windows the 技能认定
ribbon tab runs the Python actions and the QZ_* functions call Python.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from qzxl.catalogue import CATALOGUE, say
from qzxl.dates.schedule import DEADLINES, checklist, propose_nodes
from qzxl.dates.workdays import WorkCalendar, estimate_marked
from qzxl.errors import CannotRun
from qzxl.export.fit import row_height
from qzxl.files import atomic_path
from qzxl.layout import (
    DEFAULT_FOLDERS,
    ELIGIBILITY_TABLE,
    EXAMINERS,
    FIRST_DATA_ROW,
    FORMS,
    HOLIDAY_ARRANGEMENTS,
    HOLIDAY_OVERRIDES,
    IMPORT_ALIAS_TABLE,
    IMPORT_FILES_CELL,
    IMPORT_RESULTS,
    IMPORT_RESULTS_FIRST_ROW,
    NATIVE_CHECK_HEADER,
    OPTIONS_SHEET,
    PLAN_FIELDS,
    PLAN_FIRST_FIELD_ROW,
    PLAN_SHEET,
    PLAN_VALUE_COLUMN,
    PROCESS,
    PROCESS_FIRST_STEP_ROW,
    PROCESS_STEP_NOTES,
    REGISTRATION,
    REGISTRATION_FORMATTED_ROWS,
    REGISTRATION_NATIVE_HELPERS,
    RESULTS,
    RESULTS_HEADER_ROW,
    ROSTER,
    ROSTER_NATIVE_HELPERS,
    SCORE_ALIAS_TABLE,
    SCORE_RANGE,
    SCORES,
    SCORES_FIRST_ROW,
    SCORES_HEADER_ROW,
    SCORES_INFO_ROW,
    SCORES_PASS_ROW,
    SCORES_SHEET,
    Column,
    deadline_row,
    native_column,
    plan_value_row,
)
from qzxl.scores.sheet import header_rows
from qzxl.sheets.address import column_index, split_address
from qzxl.sheets.reader import read_sheet_values
from qzxl.values.options import DEFAULT_OPTIONS, DISTRICT_CONTACTS
from udfs.calculated import calculated_cells
from udfs.ooxml import CUSTOM_UI_PART, ROOT_RELS, add_ribbon_relationship, cache_in_file
from udfs.ribbon import ribbon_xml
from workbook import native, vbagen
from workbook.vbaproject import Module, build_vba_project, document_module, read_template, xlwings_template_path

CONFIG_SHEET = "xlwings.conf"
SHEETS = (PLAN_SHEET, REGISTRATION.sheet, ROSTER.sheet, PROCESS.sheet, RESULTS.sheet, IMPORT_RESULTS.sheet,
          OPTIONS_SHEET, CONFIG_SHEET, SCORES_SHEET)  # 成绩 last: the older sheets keep their code names
DATA_ROWS = REGISTRATION_FORMATTED_ROWS
IMPORT_FILES_NAME = "QZ_IMPORT_FILES"  # the 导入名单 picker writes the chosen paths here (QzxlImport.bas)
BUILD_TIME = dt.datetime(2026, 1, 1)  # fixed, so the same sources give the same file
NAMED_FIELDS = ("org", "occupation", "level", "class_name", "training_start", "training_end", "filing_org",
                "plan_number", "exam_date", "district", "photos_dir", "attachments_dir")
DEFAULT_VALUES = {**DEFAULT_FOLDERS, "eligibility_basis": "2023"}  # what a new 方案 sheet shows filled in
OVERRIDE_ROWS = 40
PLAN_LABEL_WIDTH = 22
# Printed sizes (workbook/printing below): hints in 10 pt so that a sheet fitted to the page keeps them ≥ 8 pt.
HINT_SIZE = 10
REGISTRATION_PAGES_WIDE = 3
OPTIONS_HEADER_ROW = 1  # 0-based, on 字典: a note above, then the headers of every table on the sheet
WINDOWS_INTERPRETER = r"%LOCALAPPDATA%\qzxl\venv\Scripts\pythonw.exe"  # what the Windows install bundle creates


def field_name(key: str) -> str:
    return f"QZ_{key.upper()}"


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


def _column_letter(table, key: str) -> str:
    return xl_col_to_name(table.keys.index(key))


def option_list_names() -> dict[str, str]:
    """Defined names of the 字典 lists (ASCII: QZ_LIST_1 …), by list name."""
    return {name: f"QZ_LIST_{index}" for index, name in enumerate(DEFAULT_OPTIONS, start=1)}


def _contacts_column() -> int:
    return len(DEFAULT_OPTIONS) + 1


def _overrides_column() -> int:
    return _contacts_column() + 4


def _calendar_column() -> int:
    return _overrides_column() + 4


def _calendar_days(today: dt.date) -> tuple[dt.date, dt.date]:
    """From last January to three years on."""
    return dt.date(today.year - 1, 1, 1), dt.date(today.year + 2, 12, 31)


def _absolute(sheet: str, first_col: int, first_row: int, last_col: int | None = None,
              last_row: int | None = None) -> str:
    """``='sheet'!$A$1`` or ``='sheet'!$A$1:$B$9`` from 0-based positions."""
    ref = f"='{sheet}'!${xl_col_to_name(first_col)}${first_row + 1}"
    if last_col is None:
        return ref
    return f"{ref}:${xl_col_to_name(last_col)}${(first_row if last_row is None else last_row) + 1}"


def defined_names(today: dt.date) -> dict[str, str]:
    """Every workbook-level defined name and what it refers to: the one table the build writes them from.

    ECMA-376 wants names unique per scope, and Excel repairs a file that defines one twice ("Removed Records:
    Named range"), so a second entry for a name (case-insensitive) is refused here, at build time.
    """
    header = OPTIONS_HEADER_ROW
    lists = option_list_names()
    contacts, overrides, calendar = _contacts_column(), _overrides_column(), _calendar_column()
    start, end = _calendar_days(today)
    entries = [
        *((lists[name], _absolute(OPTIONS_SHEET, col, header + 1, col, header + len(values)))
          for col, (name, values) in enumerate(DEFAULT_OPTIONS.items())),
        ("QZ_CONTACTS", _absolute(OPTIONS_SHEET, contacts, header + 1, contacts + 2, header + len(DISTRICT_CONTACTS))),
        ("QZ_OVERRIDE_DATES", _absolute(OPTIONS_SHEET, overrides, header + 1, overrides, header + OVERRIDE_ROWS)),
        ("QZ_OVERRIDE_KINDS", _absolute(OPTIONS_SHEET, overrides + 1, header + 1, overrides + 1,
                                        header + OVERRIDE_ROWS)),
        ("QZ_CALENDAR", _absolute(OPTIONS_SHEET, calendar, header + 1, calendar + 3,
                                  header + 1 + (end - start).days)),
        ("QZ_CALENDAR_DATES", _absolute(OPTIONS_SHEET, calendar, header + 1, calendar,
                                        header + 1 + (end - start).days)),
        ("QZ_CALENDAR_ESTIMATED", _absolute(OPTIONS_SHEET, calendar + 5, header + 1, calendar + 5,
                                            header + 1 + (end - start).days)),
        (IMPORT_FILES_NAME, _absolute(OPTIONS_SHEET, column_index(split_address(IMPORT_FILES_CELL)[0]) - 1,
                                      split_address(IMPORT_FILES_CELL)[1] - 1)),
        *((field_name(key), _absolute(PLAN_SHEET, PLAN_VALUE_COLUMN, plan_value_row(key))) for key in NAMED_FIELDS),
        *((f"QZ_DEADLINE_{key.upper()}", _absolute(PLAN_SHEET, PLAN_VALUE_COLUMN, deadline_row(index)))
          for index, (key, _, _) in enumerate(DEADLINES)),
    ]
    names: dict[str, str] = {}
    for name, ref in entries:
        if name.upper() in {known.upper() for known in names}:
            raise ValueError(f"defined name {name} is in the table twice")
        names[name] = ref
    return names


def build_workbook(out: Path, *, interpreter: str | None = None, force: bool = False,
                   today: dt.date | None = None) -> Path:
    out = Path(out)
    if out.is_dir():
        raise CannotRun("run-build-out-is-folder", out=out)
    if out.suffix.lower() != ".xlsm":
        raise CannotRun("run-build-not-xlsm")
    if out.exists() and not force:
        raise CannotRun("run-build-exists", out=out)
    if not out.parent.exists():
        raise CannotRun("run-build-no-folder", folder=out.parent)
    template = read_template(xlwings_template_path())
    code_names = [f"Sheet{index}" for index in range(1, len(SHEETS) + 1)]
    modules = [Module("ThisWorkbook", template.modules["ThisWorkbook"].source, "document"),
               *(document_module(template, name) for name in code_names),
               template.modules["xlwings"], template.modules["Dictionary"],
               Module(vbagen.RIBBON_MODULE, vbagen.ribbon_module(), "module"),
               Module("QzxlFolders", vbagen.static_module("QzxlFolders"), "module"),
               Module("QzxlImport", vbagen.static_module("QzxlImport"), "module"),
               Module(vbagen.UDF_MODULE, vbagen.udf_module(vbagen.udf_signatures()), "module")]
    vba = build_vba_project(template, modules)
    try:
        with atomic_path(out) as temporary:
            _write_book(temporary, vba, code_names, interpreter, today or dt.date.today())
            _add_ribbon(temporary)
            _cache_results(temporary)
    except PermissionError as error:
        raise CannotRun("run-build-cannot-write", out=out) from error
    return out


def _write_book(path: Path, vba: bytes, code_names: list[str], interpreter: str | None, today: dt.date) -> None:
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                           "strings_to_urls": False})
    book.set_properties({"title": "职业技能等级认定申报", "author": "qzxl", "created": BUILD_TIME})
    book.set_vba_name("ThisWorkbook")
    book.add_vba_project(io.BytesIO(vba), is_stream=True)
    formats = Formats(book)
    sheets = {}
    for name, code_name in zip(SHEETS, code_names, strict=True):
        sheets[name] = book.add_worksheet(name)
        sheets[name].set_vba_name(code_name)
    for name, ref in defined_names(today).items():
        book.define_name(name, ref)
    lists = option_list_names()
    _options_sheet(sheets[OPTIONS_SHEET], formats, lists, today)
    _plan_sheet(sheets[PLAN_SHEET], formats, lists)
    _registration_sheet(sheets[REGISTRATION.sheet], formats, lists)
    _roster_sheet(sheets[ROSTER.sheet], formats)
    _process_sheet(sheets[PROCESS.sheet], formats, today)
    _results_sheet(sheets[RESULTS.sheet], formats)
    _import_results_sheet(sheets[IMPORT_RESULTS.sheet], formats)
    _config_sheet(sheets[CONFIG_SHEET], formats, interpreter)
    _scores_sheet(sheets[SCORES_SHEET], formats)
    sheets[PLAN_SHEET].activate()
    book.close()


def _options_sheet(ws, formats: Formats, lists: dict[str, str], today: dt.date) -> None:
    """The option lists, the district contacts, the 放假调整 table and the working-day calendar."""
    ws.write_string(0, 0, "下拉列表的可选项（可按省系统的数据规范修改）", formats.line)
    header_row = OPTIONS_HEADER_ROW
    for col, (name, values) in enumerate(DEFAULT_OPTIONS.items()):
        ws.write_string(header_row, col, name, formats.header)
        for offset, value in enumerate(values, start=1):
            ws.write_string(header_row + offset, col, value, formats.cell)
        ws.set_column(col, col, 16)
    col = _contacts_column()
    for offset, header in enumerate(("联系片区", "联系老师", "联系电话")):
        ws.write_string(header_row, col + offset, header, formats.header)
    for row, contact in enumerate(DISTRICT_CONTACTS, start=header_row + 1):
        for offset, value in enumerate(contact):
            ws.write_string(row, col + offset, value, formats.cell)
    ws.set_column(col, col + 2, 12)
    col = _overrides_column()
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
    _calendar(ws, formats, _calendar_column(), header_row, today)
    # The lists, contacts and 放假调整 print; the generated calendar beside them is for formulas, not paper.
    longest = max(max(len(v) for v in DEFAULT_OPTIONS.values()), len(DISTRICT_CONTACTS), OVERRIDE_ROWS)
    _print_setup(ws, header_row + longest, col + 2, landscape=True, pages_wide=2)
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
            _validation(ws, column, first, last, col + offset, lists)


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
    start, end = _calendar_days(today)
    date_col, base_col, work_col, latest_col = (xl_col_to_name(col + i) for i in range(4))
    row = header_row + 1
    day = start
    while day <= end:
        info = calendar.day(day)
        excel_row = row + 1
        overridden = f"COUNTIF(QZ_OVERRIDE_DATES,{date_col}{excel_row})>0"
        ws.write_datetime(row, col, dt.datetime.combine(day, dt.time()), formats.date)
        ws.write_number(row, col + 1, 1 if info.workday else 0, formats.cell)
        ws.write_formula(row, col + 2,
                         f'=IF({overridden},IF(INDEX(QZ_OVERRIDE_KINDS,'
                         f'MATCH({date_col}{excel_row},QZ_OVERRIDE_DATES,0))="{HOLIDAY_ARRANGEMENTS[1]}",1,0),{base_col}{excel_row})',
                         formats.cell, 1 if info.workday else 0)
        previous = f"{latest_col}{excel_row - 1}" if row > header_row + 1 else f"{date_col}{excel_row}"
        latest = calendar.latest_workday(day).date
        ws.write_formula(row, col + 3, f"=IF({work_col}{excel_row}=1,{date_col}{excel_row},{previous})",
                         formats.date, dt.datetime.combine(latest, dt.time()))
        ws.write_string(row, col + 4, estimate_marked(info.reason, info.estimated), formats.cell)
        if info.estimated:
            ws.write_formula(row, col + 5, f"=IF({overridden},0,1)", formats.cell, 1)
        else:
            ws.write_number(row, col + 5, 0, formats.cell)
        row += 1
        day += dt.timedelta(days=1)


def _text_formula(code: str, **expressions: str) -> str:
    """A catalogue sentence as a formula: its parameters are formula expressions joined with &."""
    return '="' + say(code, **{name: f'"&{expression}&"' for name, expression in expressions.items()}) + '"'


def estimated_deadline(key: str, days: int) -> str:
    """A formula that is TRUE when a 方案 deadline rests on an unpublished year (any day from it to its nominal
    date is 预估), as in the engine."""
    return (f'COUNTIFS(QZ_CALENDAR_DATES,">="&QZ_DEADLINE_{key.upper()},QZ_CALENDAR_DATES,"<="&'
            f'({field_name("exam_date")}-{days}),QZ_CALENDAR_ESTIMATED,1)>0')


def estimate_note(days: int) -> str:
    """The engine's 预估 note as a formula string expression, its year computed from the exam date."""
    year = f'"&YEAR({field_name("exam_date")}-{days})&"'
    return '"' + CATALOGUE["schedule-estimated-date"].render(year=year) + '"'


def _validation(ws, column: Column, first: int, last: int, col: int, lists: dict[str, str]) -> None:
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


def _plan_sheet(ws, formats: Formats, lists: dict[str, str]) -> None:
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
        ws.write_formula(row, PLAN_VALUE_COLUMN, f'=IF({field_name("exam_date")}="","",IFERROR(VLOOKUP('
                                                 f'{field_name("exam_date")}-{days},QZ_CALENDAR,4,FALSE),""))',
                         formats.formula_date, "")
        moved = say("formula-deadline-moved", days=days)  # then 预估（…） when estimated
        due = f"{xl_col_to_name(PLAN_VALUE_COLUMN)}{row + 1}"
        ws.write_formula(row, PLAN_VALUE_COLUMN + 1, f'=IF(OR({field_name("exam_date")}="",{due}=""),"",IF({due}<>'
                                 f'{field_name("exam_date")}-{days},"{moved}","")&IF({estimated_deadline(key, days)},'
                                 f'IF({due}<>{field_name("exam_date")}-{days},"；","")&{estimate_note(days)},""))',
                         formats.hint, "")
    row = deadline_row(len(DEADLINES))
    ws.write_string(row, PLAN_VALUE_COLUMN - 1, "联系老师", formats.label)
    ws.write_formula(row, PLAN_VALUE_COLUMN, f'=IFERROR(VLOOKUP({field_name("district")},QZ_CONTACTS,2,FALSE)&" "&'
                                             f'VLOOKUP({field_name("district")},QZ_CONTACTS,3,FALSE),"{say("formula-contact-missing")}")',
                     formats.formula, "")
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
    _print_setup(ws, row + 6, 6, landscape=True)  # portrait would print it at about 6 pt


def _merge_section(ws, formats: Formats, first: int, last: int, title: str) -> None:
    if first == last:
        ws.write_string(first, 0, title, formats.section)
    else:
        ws.merge_range(first, 0, last, 0, title, formats.section)


def _registration_sheet(ws, formats: Formats, lists: dict[str, str]) -> None:
    last_col = len(REGISTRATION.columns) - 1
    ws.merge_range(0, 0, 0, last_col, FORMS["registration"].title, formats.title)
    ws.write_formula(1, 0, f'="备案机构名称："&IF({field_name("filing_org")}<>"",{field_name("filing_org")},'
                           f'{field_name("org")})&"        计划编号："&{field_name("plan_number")}', formats.line, "")
    ws.write_formula(2, 0, f'="鉴定工种："&{field_name("occupation")}&"        考试时间："&'
                           f'IF({field_name("exam_date")}="","",TEXT({field_name("exam_date")},"yyyy-mm-dd"))',
                     formats.line, "")
    header = FIRST_DATA_ROW - 1
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + DATA_ROWS - 1
    name_letter = _column_letter(REGISTRATION, "name")
    for col, column in enumerate(REGISTRATION.columns):
        ws.write_string(header, col, column.header, formats.header)
        cell_format = {"id": formats.text, "phone": formats.text, "date": formats.date}.get(column.kind, formats.cell)
        ws.set_column(col, col, column.width, cell_format)
        _validation(ws, column, first, last, col, lists)
        letter = xl_col_to_name(col)
        if column.required:
            ws.conditional_format(first, col, last, col, {
                "type": "formula", "criteria": f'=AND(${name_letter}{first + 1}<>"",{letter}{first + 1}="")',
                "format": formats.error})
    _native_checks(ws, formats, lists, first, last)
    ws.freeze_panes(FIRST_DATA_ROW, 1)
    ws.set_row(header, 30)
    # 25 columns cannot be read one or two pages wide (4 pt, 7.5 pt at best): three, 姓名 to 证件号码 on each.
    _print_setup(ws, header, last_col, landscape=True, repeat_row=header, pages_wide=REGISTRATION_PAGES_WIDE)
    ws.repeat_columns(0, REGISTRATION.keys.index("id_number"))


def _native_checks(ws, formats: Formats, lists: dict[str, str], first: int, last: int) -> None:
    """The 自动检查 column, its hidden helpers and the marks on offending cells (workbook/native.py)."""
    auto_col = native_column(REGISTRATION)
    letters = {key: _column_letter(REGISTRATION, key) for key in REGISTRATION.keys}
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
        "type": "formula", "criteria": f'=${xl_col_to_name(auto_col)}{first + 1}<>""', "format": formats.error})


def _print_setup(ws, last_row: int, last_col: int, *, landscape: bool = False, repeat_row: int | None = None,
                 one_page: bool = False, pages_wide: int = 1) -> None:
    """A4, margins, ``pages_wide`` pages wide, a static print area (the actions that fill rows move its end)."""
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.print_area(0, 0, last_row, last_col)
    ws.fit_to_pages(pages_wide, 1 if one_page else 0)
    if repeat_row is not None:
        ws.repeat_rows(repeat_row)
        ws.set_footer("&C第 &P 页，共 &N 页")


def _landscape(ws, header_row: int, last_col: int) -> None:
    """A table: landscape, its header on every page, printed down to the header until people are in it."""
    _print_setup(ws, header_row, last_col, landscape=True, repeat_row=header_row)


def _roster_sheet(ws, formats: Formats) -> None:
    """Each line a formula on the 报名信息 row of the same index: typed once, still editable."""
    last_col = len(ROSTER.columns) - 1
    ws.merge_range(0, 0, 0, last_col, FORMS["roster"].title, formats.title)
    ws.write_formula(1, 0, _text_formula("formula-roster-org", org=field_name("org")), formats.line, "")
    dates = {key: f'IF({field_name(key)}="","",TEXT({field_name(key)},"yyyy-mm-dd"))'
             for key in ("training_start", "training_end")}
    ws.write_formula(2, 0, _text_formula("formula-roster-class", occupation=field_name("occupation"),
                                         level=field_name("level"), class_name=field_name("class_name"),
                                         start=dates["training_start"], end=dates["training_end"]),
                     formats.line, "")
    header = FIRST_DATA_ROW - 1
    for col, column in enumerate(ROSTER.columns):
        ws.write_string(header, col, column.header, formats.header)
        ws.set_column(col, col, column.width)
    source = {key: _column_letter(REGISTRATION, key) for key in REGISTRATION.keys}
    sheet = f"'{REGISTRATION.sheet}'!"
    for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + DATA_ROWS):
        r = row + 1
        name = f"{sheet}${source['name']}{r}"

        def pick(key: str, r: int = r, name: str = name) -> str:
            return f'=IF({name}="","",{sheet}${source[key]}{r}&"")'

        cells = {
            "seq": f'=IF({name}="","",ROW()-{FIRST_DATA_ROW})',
            "name": pick("name"),
            "gender": pick("gender"),
            "birth_month": native.roster_birth_month(r),  # a line only for a person
            "education": pick("education"),
            "work_years": f'=IF({name}="","",{sheet}${source["work_years"]}{r})',
            "cert_number": pick("cert_number"),
            "employer_or_address": f'=IF({name}="","",IF({sheet}${source["employer"]}{r}<>"",'
                                   f'{sheet}${source["employer"]}{r},{sheet}${source["address"]}{r}))',
            "id_number": pick("id_number"),
            "phone": pick("mobile"),
        }
        for col, column in enumerate(ROSTER.columns):
            ws.write_formula(row, col, cells[column.key], formats.cell, "")
    _roster_native_checks(ws, formats)
    ws.freeze_panes(FIRST_DATA_ROW, 0)
    _landscape(ws, header, last_col)


def _roster_native_checks(ws, formats: Formats) -> None:
    """The 花名册's 自动检查 column, its hidden helpers and the marks on offending cells (workbook/native.py)."""
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + DATA_ROWS - 1
    auto_col = native_column(ROSTER)
    ws.write_string(first - 1, auto_col, NATIVE_CHECK_HEADER, formats.header)
    ws.set_column(auto_col, auto_col, 20, formats.check)
    for offset, header in enumerate(ROSTER_NATIVE_HELPERS.values(), start=1):
        ws.write_string(first - 1, auto_col + offset, header, formats.header)
    ws.set_column(auto_col + 1, auto_col + len(ROSTER_NATIVE_HELPERS), 14, None, {"hidden": True})
    for row in range(first, last + 1):
        formulas = native.RosterFormulas(row + 1)
        for offset, expression in enumerate(formulas.helpers().values(), start=1):
            ws.write_formula(row, auto_col + offset, "=" + expression, None, "")
        ws.write_formula(row, auto_col, formulas.auto_check(), formats.check, "")
    for key, condition in native.RosterFormulas(first + 1).marks().items():
        col = ROSTER.keys.index(key)
        ws.conditional_format(first, col, last, col, {"type": "formula", "criteria": "=" + condition,
                                                      "format": formats.error})
    ws.conditional_format(first, auto_col, last, auto_col, {
        "type": "formula", "criteria": f'=${xl_col_to_name(auto_col)}{first + 1}<>""', "format": formats.error})


def _process_sheet(ws, formats: Formats, today: dt.date) -> None:
    """The ten steps; dates by formula from the 方案 deadlines and nodes, so they follow the exam date."""
    ws.merge_range(0, 0, 0, len(PROCESS.columns) - 1, "申报流程（衢州市技师学院）", formats.title)
    for col, column in enumerate(PROCESS.columns):
        ws.write_string(1, col, column.header, formats.header)
        ws.set_column(col, col, column.width)
    example = dt.date(today.year, 12, 31)  # any exam date: only the steps' labels and reasons are used here
    steps = checklist(example, propose_nodes(example))
    node_rows = {f.key: plan_value_row(f.key) for f in PLAN_FIELDS}
    deadline_names = {key: f"QZ_DEADLINE_{key.upper()}" for key, _, _ in DEADLINES}
    sources = {"step_1": deadline_names["electronic_materials"], "step_1b": deadline_names["plan_filing"],
               "step_2": deadline_names["paper_materials"], "step_8": field_name("exam_date")}
    deadline_steps = {"step_1": "electronic_materials", "step_1b": "plan_filing", "step_2": "paper_materials"}
    days_before = {key: days for key, _, days in DEADLINES}
    estimates = {step: (estimated_deadline(key, days_before[key]), estimate_note(days_before[key]))
                 for step, key in deadline_steps.items()}
    nodes = {"step_4": "registration_start", "step_6": "review_end", "step_7": "ticket_start",
             "step_9": "score_publicity_end"}
    for offset, step in enumerate(steps):
        row = PROCESS_FIRST_STEP_ROW + offset
        ws.write_string(row, 0, step.label, formats.cell)
        if step.key in sources:
            ws.write_formula(row, 1, f'=IF({sources[step.key]}="","",{sources[step.key]})', formats.formula_date, "")
            if step.key in estimates:
                follows = say("formula-follows-exam")
                ws.write_formula(row, 2, f'=IFERROR(IF(AND({sources[step.key]}<>"",{estimates[step.key][0]}),'
                                         f'"{follows}；"&{estimates[step.key][1]},"{follows}"),"{follows}")',
                                 formats.cell, follows)
            else:
                ws.write_string(row, 2, say("formula-follows-exam"), formats.cell)
        elif step.key in nodes:
            ws.write_formula(row, 1, f"=IF('{PLAN_SHEET}'!$C${node_rows[nodes[step.key]] + 1}=\"\",\"\","
                                     f"'{PLAN_SHEET}'!$C${node_rows[nodes[step.key]] + 1})", formats.formula_date, "")
            ws.write_string(row, 2, "；".join(filter(None, (step.reason, PROCESS_STEP_NOTES.get(step.key)))),
                            formats.cell)
        else:
            ws.write_string(row, 1, "", formats.cell)
            ws.write_string(row, 2, step.reason, formats.cell)
        ws.write_blank(row, 3, None, formats.input)
    ws.data_validation(PROCESS_FIRST_STEP_ROW, 3, PROCESS_FIRST_STEP_ROW + len(steps), 3,
                       {"validate": "list", "source": ["√"]})
    _print_setup(ws, PROCESS_FIRST_STEP_ROW - 1 + len(steps), len(PROCESS.columns) - 1, one_page=True)


def _results_sheet(ws, formats: Formats) -> None:
    ws.write_string(0, 0, "点「校验」按钮后，这里列出所有问题，点「转到」可跳到对应单元格。", formats.hint)
    for col, column in enumerate(RESULTS.columns):
        ws.write_string(RESULTS_HEADER_ROW, col, column.header, formats.header)
        ws.set_column(col, col, column.width)
    ws.freeze_panes(RESULTS_HEADER_ROW + 1, 0)
    _landscape(ws, RESULTS_HEADER_ROW, len(RESULTS.columns) - 1)


def _import_results_sheet(ws, formats: Formats) -> None:
    """Filled by 导入名单 (udfs.actions.importing): a hint until then, the header and the widths of the layout."""
    ws.write_string(0, 0, CATALOGUE["import-results-hint"].render(), formats.hint)
    for col, column in enumerate(IMPORT_RESULTS.columns):
        ws.write_string(IMPORT_RESULTS_FIRST_ROW - 1, col, column.header, formats.header)
        ws.set_column(col, col, column.width)
    ws.freeze_panes(IMPORT_RESULTS_FIRST_ROW, 0)
    _landscape(ws, IMPORT_RESULTS_FIRST_ROW - 1, len(IMPORT_RESULTS.columns) - 1)


def _scores_sheet(ws, formats: Formats) -> None:
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
    _landscape(ws, SCORES_HEADER_ROW, last_col)


def interpreters(interpreter: str | None, platform: str | None = None,
                 running: str | None = None) -> tuple[str, str]:
    r"""(Interpreter_Win, Interpreter_Mac) for xlwings.conf.

    ``--interpreter`` always wins for Windows. Built on Windows, the running Python's full path; built anywhere
    else, the path the Windows install bundle creates (xlwings expands ``%LOCALAPPDATA%``), since this machine's
    path means nothing there. The Mac entry is the running Python only when built on a Mac.

    >>> windows, mac = interpreters(None, "linux", "/home/me/.venv/bin/python3")
    >>> print(windows, repr(mac))
    %LOCALAPPDATA%\qzxl\venv\Scripts\pythonw.exe ''
    """
    platform = platform or sys.platform
    running = running or sys.executable
    windows = interpreter or (running if platform == "win32" else WINDOWS_INTERPRETER)
    mac = (interpreter or running) if platform == "darwin" else ""
    return windows, mac


def _config_sheet(ws, formats: Formats, interpreter: str | None) -> None:
    """xlwings' settings: the interpreter Excel starts, our UDF module, no console."""
    windows, mac = interpreters(interpreter)
    settings = (("Interpreter_Win", windows), ("Interpreter_Mac", mac),
                ("UDF Modules", vbagen.UDF_PYTHON_MODULE), ("Use UDF Server", "False"), ("Show Console", "False"))
    for row, (key, value) in enumerate(settings):
        ws.write_string(row, 0, key, formats.line)
        ws.write_string(row, 1, value, formats.line)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 60)
    ws.hide()


def _cache_results(path: Path) -> None:
    """The results Excel would cache for the 方案, 流程 and 花名册 formulas (XlsxWriter writes them empty, which
    readers without a calculation engine take for a workbook never calculated)."""
    grids = read_sheet_values(path, [PLAN_SHEET, OPTIONS_SHEET])
    cache_in_file(path, calculated_cells(grids))


def _add_ribbon(path: Path) -> None:
    """customUI14.xml and its relationship, which XlsxWriter does not write."""
    with zipfile.ZipFile(path) as archive:
        entries = [(item, archive.read(item.filename)) for item in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for item, data in entries:
            archive.writestr(item, add_ribbon_relationship(data) if item.filename == ROOT_RELS else data)
        info = zipfile.ZipInfo(CUSTOM_UI_PART, date_time=entries[0][0].date_time)
        archive.writestr(info, ribbon_xml(), zipfile.ZIP_DEFLATED)

