"""Sequences the clerk's-week state machine (test_clerks_week.py) found failing, replayed as plain tests.

Each is replayed through the machine's own harness (clerks_week.Week: `qzxl action` in process, every judgement)
on the built .xlsm, where they fail (a generated .xlsx does not show the first); slow, as every file-port step
loads and saves the whole workbook.
"""

import datetime as dt
import shutil
import zipfile

import pytest
from clerks_week import Week, prepare


@pytest.mark.slow
@pytest.mark.parametrize("steps", [
    # The first found, the done-when (a): once 清除标注 removed the last note of a sheet, the save kept the
    # sheet's link to the comments drawing it dropped, and the next note crashed (KeyError, 出现意外错误).
    [("action", "validate"), ("action", "clear_marks"), ("action", "validate")],
])
def test_found_sequences_on_the_built_workbook(built_workbook, tmp_path, steps):
    folder = tmp_path / "week"
    folder.mkdir()
    book = prepare(built_workbook, folder, dt.date.today())
    with zipfile.ZipFile(book) as archive:
        vba = archive.read("xl/vbaProject.bin")
    Week(book, vba, dt.date.today()).run(steps)
    shutil.rmtree(folder)
