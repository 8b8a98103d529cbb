"""The built workbook's formula texts, by sheet, other than the 自动检查 columns' (workbook/native.py's): each a
function of the cells it reads, so the sheet writers only place them.

>>> text_formula("formula-roster-org", org=field_name("org"))
'="培训机构  "&QZ_ORG&"（盖章）"'
"""

from __future__ import annotations

from functools import cache

from xlsxwriter.utility import xl_col_to_name

from qzxl.catalogue import CATALOGUE, say
from qzxl.layout import FIRST_DATA_ROW, HOLIDAY_ARRANGEMENTS, PLAN_SHEET, REGISTRATION
from workbook import native
from workbook.names import field_name


def table_letter(table, key: str) -> str:
    return xl_col_to_name(table.keys.index(key))


def text_formula(code: str, **expressions: str) -> str:
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


# 字典's working-day calendar ------------------------------------------------------------------------------------

def calendar_row(date_col: str, base_col: str, work_col: str, excel_row: int,
                 previous: str) -> tuple[str, str, str]:
    """A calendar day's 工作日 (the base day unless a 放假调整 row says otherwise), 最近工作日 (itself or the
    ``previous`` row's) and 预估 (1 until a 放假调整 row settles it) formulas."""
    overridden = f"COUNTIF(QZ_OVERRIDE_DATES,{date_col}{excel_row})>0"
    workday = (f'=IF({overridden},IF(INDEX(QZ_OVERRIDE_KINDS,'
               f'MATCH({date_col}{excel_row},QZ_OVERRIDE_DATES,0))="{HOLIDAY_ARRANGEMENTS[1]}",1,0),{base_col}{excel_row})')
    latest = f"=IF({work_col}{excel_row}=1,{date_col}{excel_row},{previous})"
    return workday, latest, f"=IF({overridden},0,1)"


# 方案 -----------------------------------------------------------------------------------------------------------

def plan_deadline(days: int) -> str:
    """The last working day ``days`` before the exam (QZ_CALENDAR's 最近工作日)."""
    return (f'=IF({field_name("exam_date")}="","",IFERROR(VLOOKUP('
            f'{field_name("exam_date")}-{days},QZ_CALENDAR,4,FALSE),""))')


def plan_deadline_note(key: str, days: int, due: str) -> str:
    """Beside a deadline in cell ``due``: moved off a day off, then 预估（…） when estimated."""
    moved = say("formula-deadline-moved", days=days)  # then 预估（…） when estimated
    return (f'=IF(OR({field_name("exam_date")}="",{due}=""),"",IF({due}<>'
            f'{field_name("exam_date")}-{days},"{moved}","")&IF({estimated_deadline(key, days)},'
            f'IF({due}<>{field_name("exam_date")}-{days},"；","")&{estimate_note(days)},""))')


def plan_contact() -> str:
    """联系老师: the district's contact and number from 字典."""
    return (f'=IFERROR(VLOOKUP({field_name("district")},QZ_CONTACTS,2,FALSE)&" "&'
            f'VLOOKUP({field_name("district")},QZ_CONTACTS,3,FALSE),"{say("formula-contact-missing")}")')


# 报名信息 and 花名册 ------------------------------------------------------------------------------------------------

def registration_lines() -> tuple[str, str]:
    """The two lines under 报名信息's title: filing body and plan number, occupation and exam date."""
    return (f'="备案机构名称："&IF({field_name("filing_org")}<>"",{field_name("filing_org")},'
            f'{field_name("org")})&"        计划编号："&{field_name("plan_number")}',
            f'="鉴定工种："&{field_name("occupation")}&"        考试时间："&'
            f'IF({field_name("exam_date")}="","",TEXT({field_name("exam_date")},"yyyy-mm-dd"))')


def required_missing(name_letter: str, letter: str, excel_row: int) -> str:
    """The mark on a required cell left empty in a row that has a name."""
    return f'=AND(${name_letter}{excel_row}<>"",{letter}{excel_row}="")'


def check_shown(auto_col: int, excel_row: int) -> str:
    """The mark on a 自动检查 cell that says something."""
    return f'=${xl_col_to_name(auto_col)}{excel_row}<>""'


def roster_lines() -> tuple[str, str]:
    """The two lines under the 花名册's title: the institution, then occupation, level, class and training dates."""
    dates = {key: f'IF({field_name(key)}="","",TEXT({field_name(key)},"yyyy-mm-dd"))'
             for key in ("training_start", "training_end")}
    return (text_formula("formula-roster-org", org=field_name("org")),
            text_formula("formula-roster-class", occupation=field_name("occupation"),
                         level=field_name("level"), class_name=field_name("class_name"),
                         start=dates["training_start"], end=dates["training_end"]))


@cache
def _registration_letters() -> dict[str, str]:
    return {key: table_letter(REGISTRATION, key) for key in REGISTRATION.keys}


def roster_line(row: int) -> dict[str, str]:
    """A 花名册 line's formulas by column key (0-based ``row``): the 报名信息 row of the same index, typed once."""
    source = _registration_letters()
    sheet = f"'{REGISTRATION.sheet}'!"
    r = row + 1
    name = f"{sheet}${source['name']}{r}"

    def pick(key: str, r: int = r, name: str = name) -> str:
        return f'=IF({name}="","",{sheet}${source[key]}{r}&"")'

    return {
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


# 流程 -----------------------------------------------------------------------------------------------------------

def process_date(source: str) -> str:
    """A step's date: the 方案 deadline or date named ``source``."""
    return f'=IF({source}="","",{source})'


def process_note(source: str, estimated: str, note: str) -> str:
    """A dated step's note: it follows the exam date, and the 预估 ``note`` while ``estimated`` holds."""
    follows = say("formula-follows-exam")
    return (f'=IFERROR(IF(AND({source}<>"",{estimated}),'
            f'"{follows}；"&{note},"{follows}"),"{follows}")')


def process_node(plan_row: int) -> str:
    """A step's date: the 方案 time node on 0-based ``plan_row``."""
    return (f"=IF('{PLAN_SHEET}'!$C${plan_row + 1}=\"\",\"\","
            f"'{PLAN_SHEET}'!$C${plan_row + 1})")
