"""Sequences the clerk's-week state machine (test_clerks_week.py) found failing, replayed as plain tests.

Each is replayed through the machine's own harness (clerks_week.Week: `qzxl action` in process, every judgement)
on the built .xlsm, where they fail (a generated .xlsx does not show the first); slow, as every file-port step
loads and saves the whole workbook.
"""

import datetime as dt
import shutil
import zipfile

import pytest
from support.clerks_week import Week, prepare


@pytest.mark.slow
@pytest.mark.parametrize("steps", [
    # The first found, the done-when (a): once 清除标注 removed the last note of a sheet, the save kept the
    # sheet's link to the comments drawing it dropped, and the next note crashed (KeyError, 出现意外错误).
    [("action", "validate"), ("action", "clear_marks"), ("action", "validate")],
    # After the merge of the calculated saves: `qzxl import` re-checked against the 花名册 as it was before the
    # import, so 校验结果 listed roster-missing for every imported person whom the saved 花名册 does list.
    [("import", 2)],
    [("delete_row", 0), ("action", "validate")],
])
def test_found_sequences_on_the_built_workbook(built_workbook, tmp_path, steps):
    folder = tmp_path / "week"
    folder.mkdir()
    book = prepare(built_workbook, folder, dt.date.today())
    with zipfile.ZipFile(book) as archive:
        vba = archive.read("xl/vbaProject.bin")
    Week(book, vba, dt.date.today()).run(steps)
    shutil.rmtree(folder)


def test_the_file_port_reads_the_roster_as_the_save_will_cache_it(built_workbook, tmp_path):
    """The fast form of the import sequence: a person written to 报名信息 is on the 花名册 the next read sees."""
    from qzxl.layout import FIRST_DATA_ROW, REGISTRATION, ROSTER
    from udfs.file_port import FilePort

    book = tmp_path / "报名.xlsm"
    shutil.copy(built_workbook, book)
    port = FilePort(book, backup=False)
    assert not any("周敏" in str(value) for row in port.read_sheet(ROSTER.sheet) for value in row)
    person = {"name": "周敏", "id_type": "居民身份证", "id_number": "330822199012153426", "gender": "女"}
    port.write_block(REGISTRATION.sheet, f"A{FIRST_DATA_ROW + 1}", [[person.get(k) for k in REGISTRATION.keys]])
    assert any(value == "周敏" for row in port.read_sheet(ROSTER.sheet) for value in row)
