"""The built workbook's formula texts other than the 自动检查 columns' (those are workbook/native.py's).

>>> text_formula("formula-roster-org", org=field_name("org"))
'="培训机构  "&QZ_ORG&"（盖章）"'
"""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name

from qzxl.catalogue import CATALOGUE, say
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
