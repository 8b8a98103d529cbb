"""The workbook-level defined names (QZ_*) and where on 字典 the tables they point at sit: one table, so no
name is defined twice and every sheet writer finds the same cells.

>>> defined_names(dt.date(2026, 3, 1))["QZ_EXAM_DATE"]
"='方案'!$C$21"
"""

from __future__ import annotations

import datetime as dt

from xlsxwriter.utility import xl_col_to_name

from qzxl.dates.schedule import DEADLINES
from qzxl.layout import IMPORT_FILES_CELL, OPTIONS_SHEET, PLAN_SHEET, PLAN_VALUE_COLUMN, deadline_row, plan_value_row
from qzxl.sheets.address import column_index, split_address
from qzxl.values.options import DEFAULT_OPTIONS, DISTRICT_CONTACTS

IMPORT_FILES_NAME = "QZ_IMPORT_FILES"  # the 导入名单 picker writes the chosen paths here (QzxlImport.bas)
NAMED_FIELDS = ("org", "occupation", "level", "class_name", "training_start", "training_end", "filing_org",
                "plan_number", "exam_date", "district", "photos_dir", "attachments_dir")
OVERRIDE_ROWS = 40
OPTIONS_HEADER_ROW = 1  # 0-based, on 字典: a note above, then the headers of every table on the sheet


def field_name(key: str) -> str:
    return f"QZ_{key.upper()}"


def option_list_names() -> dict[str, str]:
    """Defined names of the 字典 lists (ASCII: QZ_LIST_1 …), by list name."""
    return {name: f"QZ_LIST_{index}" for index, name in enumerate(DEFAULT_OPTIONS, start=1)}


def contacts_column() -> int:
    return len(DEFAULT_OPTIONS) + 1


def overrides_column() -> int:
    return contacts_column() + 4


def calendar_column() -> int:
    return overrides_column() + 4


def calendar_days(today: dt.date) -> tuple[dt.date, dt.date]:
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
    contacts, overrides, calendar = contacts_column(), overrides_column(), calendar_column()
    start, end = calendar_days(today)
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
