"""The workbook's native 自动检查 columns evaluated in Python (tests/support/excel_formulas.py) beside the engine.

The rows are typed into a Book as the clerk's cells hold them (a date as its serial), the 报名信息 helper and
自动检查 columns are evaluated column by column, then the 花名册's own formulas (each line following its 报名信息
row unless typed over), its helpers and its 自动检查. The engine reads the same cells as sheets of values (a date
as the datetime a reader gives), the 花名册 as the formula results, as it reads LibreOffice's saved copy.
"""

from __future__ import annotations

import collections
import datetime as dt
from pathlib import Path

from xlsxwriter.utility import xl_col_to_name

from qzxl.catalogue import CATALOGUE
from qzxl.layout import FIRST_DATA_ROW, REGISTRATION, REGISTRATION_SHEET, ROSTER, ROSTER_SHEET
from qzxl.report import native_on
from qzxl.rules import check_workbook
from qzxl.sheets.reader import workbook_from_sheets
from qzxl.values.options import DEFAULT_OPTIONS
from support.excel_formulas import Book, compile_formula, serial

FIRST_ROW = FIRST_DATA_ROW + 1
ROWS = range(FIRST_ROW, FIRST_ROW + 500)


def _cell_value(value: object) -> object:
    """What a formula sees in a cell the clerk typed ``value`` into."""
    if isinstance(value, (dt.datetime, dt.date)):
        return serial(value.date() if isinstance(value, dt.datetime) else value)
    return None if value == "" else value


def _read_value(value: object) -> object:
    """What the engine's reader gives for that cell (a date cell as a datetime)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time())
    return None if value == "" else value


class Columns:
    """Compiled formulas of one sheet's generated columns, by column letter, in the order they are evaluated."""

    def __init__(self, sheet: str, formulas: dict[str, str], *, array_names: frozenset[str] = frozenset(),
                 row: int = FIRST_ROW) -> None:
        self.sheet = sheet
        self.compiled = {col: compile_formula(text, sheet=sheet, row=row, array_names=array_names)
                         for col, text in formulas.items()}

    def evaluate(self, book: Book, rows: range = ROWS, *, typed: dict[str, dict[int, object]] | None = None) -> None:
        """Fill every column; a cell in ``typed`` ({letter: {row: value}}) keeps the clerk's value instead."""
        typed = typed or {}
        for col, function in self.compiled.items():
            own = typed.get(col, {})
            book.set_column(self.sheet, col, {r: own[r] if r in own else function(book, r) for r in rows})


def lists(list_names: dict[str, str]) -> dict[str, list]:
    """The 字典 lists as the formulas' defined names see them."""
    return {name: list(DEFAULT_OPTIONS[list_name]) for list_name, name in list_names.items()}


class Evaluation:
    """One book of rows: the formulas' texts per row and the engine's native errors per row, for each sheet."""

    def __init__(self, registration: Columns, roster_cells: Columns, roster: Columns, names: dict[str, object],
                 rows: list[tuple[str, dict]], roster_lines: list[tuple[str, dict | None]], *,
                 exam: dt.date, today: dt.date) -> None:
        reg_letters = {key: xl_col_to_name(i) for i, key in enumerate(REGISTRATION.keys)}
        ros_letters = {key: xl_col_to_name(i) for i, key in enumerate(ROSTER.keys)}
        book = Book({REGISTRATION_SHEET: {}, ROSTER_SHEET: {}}, {**names, "QZ_EXAM_DATE": serial(exam)})
        for key, col in reg_letters.items():
            book.set_column(REGISTRATION_SHEET, col, {FIRST_ROW + i: _cell_value(values.get(key))
                                                      for i, (_, values) in enumerate(rows)})
        rows_used = range(FIRST_ROW, FIRST_ROW + max(len(rows), len(roster_lines)))  # the others are empty
        registration.evaluate(book, rows_used)
        typed: dict[str, dict[int, object]] = collections.defaultdict(dict)
        for offset, (_, values) in enumerate(roster_lines):
            for key, value in (values or {}).items():
                typed[ros_letters[key]][FIRST_ROW + offset] = _cell_value(value)
        roster_cells.evaluate(book, rows_used, typed=typed)
        roster.evaluate(book, rows_used)
        self.book = book
        self.shown = {sheet: {r: book.cell(sheet, col, r) for r in rows_used}
                      for sheet, col in ((REGISTRATION_SHEET, xl_col_to_name(len(REGISTRATION.columns))),
                                         (ROSTER_SHEET, xl_col_to_name(len(ROSTER.columns))))}
        grids = {REGISTRATION_SHEET: self._grid(REGISTRATION, {FIRST_ROW + i: {k: _read_value(v) for k, v in
                                                                            values.items()}
                                                               for i, (_, values) in enumerate(rows)}),
                 ROSTER_SHEET: self._grid(ROSTER, {r: {key: book.cell(ROSTER_SHEET, col, r)
                                                       for key, col in ros_letters.items()} for r in rows_used})}
        for offset, (_, values) in enumerate(roster_lines):  # a date the clerk typed reads as a datetime
            for key, value in (values or {}).items():
                grids[ROSTER_SHEET][FIRST_ROW + offset - 1][ROSTER.keys.index(key)] = _read_value(value)
        data = workbook_from_sheets(Path("evaluated.xlsm"), grids)
        report = check_workbook(data, exam_date=exam, today=today).report
        self.engine: dict[str, dict[int, set[str]]] = {REGISTRATION_SHEET: collections.defaultdict(set),
                                                       ROSTER_SHEET: collections.defaultdict(set)}
        for issue in report.issues:
            if issue.sheet in self.engine and issue.is_error and native_on(issue.code, issue.sheet):
                self.engine[issue.sheet][issue.row].add(issue.code)

    @staticmethod
    def _grid(table, values_by_row: dict[int, dict[str, object]]) -> list[list[object]]:
        grid: list[list[object]] = [[None] * len(table.columns) for _ in range(FIRST_ROW + len(ROWS) - 1)]
        grid[FIRST_DATA_ROW - 1] = [column.header for column in table.columns]
        for row, values in values_by_row.items():
            for key, value in values.items():
                if value is not None and value != "":
                    grid[row - 1][table.keys.index(key)] = value
        return grid

    def disagreements(self, sheet: str, labels: list[str]) -> list[tuple]:
        """(row, label, engine's native error codes, the column's text) for each row where they disagree."""
        out = []
        for offset, label in enumerate(labels):
            row = FIRST_ROW + offset
            codes, shown = self.engine[sheet].get(row, set()), self.shown[sheet][row]
            text = shown if isinstance(shown, str) else repr(shown)
            agree = bool(codes) == bool(text) and (not text or text in {CATALOGUE[c].title for c in codes})
            if not agree:
                out.append((row, label, sorted(codes), text))
        return out
