"""The workbook's native 自动检查 column agrees with the engine, row by row, after LibreOffice recalculates it.

Slow: several generated workbooks (500 rows each, valid people and every kind of mistake) are filled, the
engine validates each file, LibreOffice headless recalculates the same file, and a row's 自动检查 must be
non-empty exactly when the engine reports an error whose code is native on that row.
"""

import collections
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from native_cases import FIRST_ROW, cases, fill

from qzxl.catalogue import CATALOGUE
from qzxl.layout import REGISTRATION_SHEET
from qzxl.rules import check_workbook
from qzxl.sheets.reader import read_workbook

TOOL = Path(__file__).parent / "tools" / "lo_native.py"
BOOKS = 5
TODAY = dt.date(2026, 12, 1)
needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None or not Path("/usr/bin/python3").exists(),
                                       reason="LibreOffice and python3-uno are installed by .ci/run")


def recalculated(paths: list[Path]) -> dict:
    output = subprocess.run(["/usr/bin/python3", str(TOOL), *map(str, paths)], check=True, capture_output=True,
                            text=True, timeout=900).stdout
    return json.loads(output)


def native_error_rows(path: Path) -> dict[int, set[str]]:
    report = check_workbook(read_workbook(path), today=TODAY).report  # the exam date is the 方案's
    rows: dict[int, set[str]] = collections.defaultdict(set)
    for issue in report.issues:
        if issue.sheet == REGISTRATION_SHEET and issue.is_error and CATALOGUE[issue.code].native:
            rows[issue.row].add(issue.code)
    return rows


@pytest.mark.slow
@needs_libreoffice
def test_native_column_agrees_with_the_engine_on_every_row(built_workbook, tmp_path):
    books = {}
    for seed in range(1, BOOKS + 1):
        path = tmp_path / f"native{seed}.xlsm"
        rows = cases(seed)
        fill(built_workbook, path, rows)
        books[path] = rows
    assert sum(len(rows) for rows in books.values()) >= 2000
    lo = recalculated(list(books))
    table: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])  # label → [agree, total]
    codes: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    disagreements = []
    for path, rows in books.items():
        engine = native_error_rows(path)
        shown = {int(row): text for row, text in lo[str(path)]["auto"].items()}
        for offset, (label, _) in enumerate(rows):
            row = FIRST_ROW + offset
            agree = bool(engine.get(row)) == bool(shown.get(row))
            table[label][0] += agree
            table[label][1] += 1
            for code in engine.get(row) or {"(none)"}:
                codes[code][0] += agree
                codes[code][1] += 1
            if not agree:
                disagreements.append((path.name, row, label, sorted(engine.get(row, ())), shown.get(row, "")))
    print("\nagreement by row kind")
    for label, (agree, total) in sorted(table.items()):
        print(f"  {agree:5d}/{total:<5d} {100 * agree / total:6.1f}%  {label}")
    print("agreement by engine code")
    for code, (agree, total) in sorted(codes.items()):
        print(f"  {agree:5d}/{total:<5d} {100 * agree / total:6.1f}%  {code}")
    assert not disagreements, disagreements[:20]
