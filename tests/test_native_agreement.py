"""The workbook's native 自动检查 columns agree with the engine, row by row, after LibreOffice recalculates them.

Slow: several generated workbooks (500 报名信息 rows and 500 花名册 lines each: valid people and every kind of
mistake, the 花名册 partly following 报名信息 by its formulas, partly typed over) are filled, LibreOffice headless
recalculates each file and saves it with every result, the engine validates the files, and a row's 自动检查 must be
non-empty exactly when the engine reports an error on that row whose code is native on that sheet
(qzxl.report.native_on), its text the title of one of those codes. The 报名信息 rows are checked on the file as
filled (the engine needs no formula results there), the 花名册 lines on LibreOffice's saved copy (they are formulas).
"""

import collections
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from support.native_cases import FIRST_ROW, cases, fill, roster_cases
from support.native_odd_cases import odd_cases, odd_roster

from qzxl.catalogue import CATALOGUE
from qzxl.layout import REGISTRATION_SHEET, ROSTER_SHEET
from qzxl.report import native_on
from qzxl.rules import check_workbook
from qzxl.sheets.reader import read_workbook

TOOL = Path(__file__).parent / "tools" / "lo_native.py"
BOOKS = 5
TODAY = dt.date(2026, 12, 1)
needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None or not Path("/usr/bin/python3").exists(),
                                       reason="LibreOffice and python3-uno are installed by .ci/run")


def recalculated(paths: list[Path], saved: Path) -> dict:
    output = subprocess.run(["/usr/bin/python3", str(TOOL), *map(str, paths), "--save", str(saved)], check=True,
                            capture_output=True, text=True, timeout=1800).stdout
    return json.loads(output)


def native_error_rows(path: Path, sheet: str) -> dict[int, set[str]]:
    report = check_workbook(read_workbook(path), today=TODAY).report  # the exam date is the 方案's
    rows: dict[int, set[str]] = collections.defaultdict(set)
    for issue in report.issues:
        if issue.sheet == sheet and issue.is_error and native_on(issue.code, issue.sheet):
            rows[issue.row].add(issue.code)
    return rows


class Agreement:
    """Rows compared, by row kind and by engine code: [agreed, total]."""

    def __init__(self, sheet: str) -> None:
        self.sheet = sheet
        self.kinds: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
        self.codes: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
        self.disagreements: list[tuple] = []

    def compare(self, book: str, labels: list[str], engine: dict[int, set[str]], shown: dict[str, str]) -> None:
        for offset, label in enumerate(labels):
            row = FIRST_ROW + offset
            codes, text = engine.get(row, set()), shown.get(str(row), "")
            agree = bool(codes) == bool(text) and (not text or text in {CATALOGUE[c].title for c in codes})
            self.kinds[label][0] += agree
            self.kinds[label][1] += 1
            for code in codes or {"(none)"}:
                self.codes[code][0] += agree
                self.codes[code][1] += 1
            if not agree:
                self.disagreements.append((book, row, label, sorted(codes), text))

    def print(self) -> None:
        for title, table in (("row kind", self.kinds), ("engine code", self.codes)):
            print(f"\n{self.sheet}: agreement by {title}")
            for label, (agree, total) in sorted(table.items()):
                print(f"  {agree:5d}/{total:<5d} {100 * agree / total:6.1f}%  {label}")


@pytest.mark.libreoffice
@needs_libreoffice
def test_native_columns_agree_with_the_engine_on_every_row(built_workbook, tmp_path):
    books = {}
    for seed in range(1, BOOKS + 1):
        path = tmp_path / f"native{seed}.xlsm"
        rows = cases(seed)
        roster = roster_cases(rows, seed)
        fill(built_workbook, path, rows, roster)
        books[path] = (rows, roster)
    assert sum(len(rows) for rows, _ in books.values()) >= 2000
    assert sum(len(roster) for _, roster in books.values()) >= 2000
    saved = tmp_path / "recalculated"
    saved.mkdir()
    lo = recalculated(list(books), saved)
    registration, roster_agreement = Agreement(REGISTRATION_SHEET), Agreement(ROSTER_SHEET)
    for path, (rows, roster) in books.items():
        found = lo[str(path)]
        registration.compare(path.name, [label for label, _ in rows], native_error_rows(path, REGISTRATION_SHEET),
                             found[REGISTRATION_SHEET])
        roster_agreement.compare(path.name, [label for label, _ in roster],
                                 native_error_rows(Path(found["saved"]), ROSTER_SHEET), found[ROSTER_SHEET])
    registration.print()
    roster_agreement.print()
    assert sum(total for _, total in roster_agreement.kinds.values()) >= 2000
    assert not registration.disagreements, registration.disagreements[:20]
    assert not roster_agreement.disagreements, roster_agreement.disagreements[:20]


@pytest.mark.libreoffice
@needs_libreoffice
def test_text_dates_numeric_dates_and_invisible_characters_agree(built_workbook, tmp_path):
    """The 170-row book of the cells the column once read otherwise (tests/support/native_odd_cases.py)."""
    path = tmp_path / "odd.xlsm"
    rows = odd_cases()
    roster = odd_roster(rows)
    fill(built_workbook, path, rows, roster)
    saved = tmp_path / "recalculated"
    saved.mkdir()
    found = recalculated([path], saved)[str(path)]
    registration, roster_agreement = Agreement(REGISTRATION_SHEET), Agreement(ROSTER_SHEET)
    engine = native_error_rows(path, REGISTRATION_SHEET)
    registration.compare(path.name, [label for label, _ in rows], engine, found[REGISTRATION_SHEET])
    roster_engine = native_error_rows(Path(found["saved"]), ROSTER_SHEET)
    roster_agreement.compare(path.name, [label for label, _ in roster], roster_engine, found[ROSTER_SHEET])
    registration.print()
    roster_agreement.print()
    print(f"报名信息: {len(engine)} rows with a native error by the engine, {len(found[REGISTRATION_SHEET])} by the "
          f"column; 花名册: {len(roster_engine)} and {len(found[ROSTER_SHEET])}")
    assert not registration.disagreements, registration.disagreements[:20]
    assert not roster_agreement.disagreements, roster_agreement.disagreements[:20]
    assert len(engine) == len(found[REGISTRATION_SHEET]) == 84 and len(roster_engine) == 49
