"""What the clerk reads is Chinese they can act on: whole numbers as typed, file names they can find."""

import datetime as dt
import errno
import json

import openpyxl
import pytest

from cli.commands import main
from qzxl.catalogue import say
from qzxl.errors import os_reason
from qzxl.layout import REGISTRATION, RESULTS_HEADER_ROW, RESULTS_SHEET
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.rules import check_workbook
from qzxl.sample import generate_batch
from qzxl.sheets.reader import read_workbook
from udfs.file_port import FilePort
from udfs.runner import run_action

TODAY = dt.date(2026, 11, 24)


def test_a_whole_number_is_said_as_typed(write_book):
    batch = generate_batch(3, mistakes=False)
    batch.plan["headcount"] = 25  # Excel keeps every number as a float: it comes back as 25.0
    report = check_workbook(read_workbook(write_book(batch.plan, batch.candidates)), today=TODAY).report
    (issue,) = [i for i in report.issues if i.code == "plan-headcount"]
    assert issue.message == "方案的鉴定人数为 25，但报名信息中有 3 人，请改成一致。"
    assert issue.value == "25"


def test_a_fraction_is_kept(write_book):
    batch = generate_batch(3, mistakes=False)
    batch.plan["headcount"] = 2.5
    report = check_workbook(read_workbook(write_book(batch.plan, batch.candidates)), today=TODAY).report
    assert any("鉴定人数为 2.5，" in i.message for i in report.issues)


def _batch_missing_a_photo(write_book):
    batch = generate_batch(3, mistakes=False)
    book = write_book(batch.plan, batch.candidates)
    photos = book.parent / "照片"
    photos.mkdir()
    for index, person in enumerate(batch.candidates[1:], start=1):
        (photos / f"{person['id_number']}{person['name']}.jpg").write_bytes(jpeg_bytes(portrait(seed=index),
                                                                                     quality=95))
    return batch.candidates[0], book, photos


def test_advice_naming_a_masked_file_names_the_row_that_holds_the_number(write_book, capsys):
    """Everywhere IDs are masked (CLI, JSON, 校验报告) the advice says where the full number is."""
    person, book, photos = _batch_missing_a_photo(write_book)
    number, name = person["id_number"], person["name"]
    masked = f"{number[:4]}**********{number[-4:]}"
    main(["validate", str(book), "--photos", str(photos)])
    out = capsys.readouterr().out
    assert f"{name}（{masked}）没有照片，请补拍，以报名信息第 3 行的证件号码加姓名命名（{masked}{name}.jpg）。" in out
    assert number not in out
    main(["validate", str(book), "--photos", str(photos), "--json"])
    issues = json.loads(capsys.readouterr().out)["issues"]
    (missing,) = [i for i in issues if i["code"] == "photo-missing"]
    assert "以报名信息第 3 行的证件号码" in missing["message"] and number not in json.dumps(issues)


def test_in_the_workbook_the_advice_gives_the_full_file_name(write_book):
    """校验结果 sits beside the full numbers of 报名信息: there the clerk can type the name as given."""
    person, book, _ = _batch_missing_a_photo(write_book)
    out = book.with_name("checked.xlsx")
    port = FilePort(book, out)
    assert run_action("check_photos", port, TODAY)
    port.save()
    table = list(openpyxl.load_workbook(out)[RESULTS_SHEET].iter_rows(min_row=RESULTS_HEADER_ROW + 1,
                                                                     values_only=True))
    said = [row[table[0].index("说明")] for row in table[1:]]
    number, name = person["id_number"], person["name"]
    assert f"{name}（{number[:4]}**********{number[-4:]}）没有照片，请补拍，文件名为 {number}{name}.jpg。" in said


def test_a_second_level_is_told_to_go_in_a_second_workbook(write_book):
    batch = generate_batch(3, mistakes=False)
    batch.candidates[1]["applied_level"] = "三级/高级工"
    report = check_workbook(read_workbook(write_book(batch.plan, batch.candidates)), today=TODAY).report
    (issue,) = [i for i in report.issues if i.code == "plan-level"]
    assert issue.message == ("申报等级「三级/高级工」与方案的鉴定等级「四级/中级工」不一致，同一方案只能报一个等级："
                             "请改成「四级/中级工」或留空；报「三级/高级工」的学员请另建一本工作簿。")
    hints = {c.key: c.hint for c in REGISTRATION.columns}
    assert "一本工作簿只报一个等级" in hints["applied_level"] and "相同" not in hints["applied_level"]
    assert "一本工作簿只报一个工种" in hints["applied_occupation"]


@pytest.mark.parametrize(("error", "code", "words"), [
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), "value-os-not-found", "文件或文件夹不存在"),
    (PermissionError(errno.EACCES, "Permission denied"), "value-access-denied", "拒绝访问"),
    (OSError(errno.ENOSPC, "No space left on device"), "value-os-disk-full", "磁盘已满"),
    (OSError(errno.EROFS, "Read-only file system"), "value-os-read-only", "磁盘或文件夹是只读的"),
    (OSError(errno.EBUSY, "Device or resource busy"), "value-os-busy", "正被其他程序使用"),
    (FileExistsError(errno.EEXIST, "File exists"), "value-os-exists", "已有同名的文件"),
    (NotADirectoryError(errno.ENOTDIR, "Not a directory"), "value-os-not-folder", "路径中有一段不是文件夹"),
    (IsADirectoryError(errno.EISDIR, "Is a directory"), "value-os-is-folder", "这是一个文件夹"),
    (OSError(errno.ENAMETOOLONG, "File name too long"), "value-os-name-too-long", "文件名或路径太长"),
    (OSError(errno.EIO, "Input/output error"), "value-os-other", f"系统错误 {errno.EIO}"),
])
def test_the_system_s_refusals_are_said_in_chinese(error, code, words):
    assert os_reason(error) == words == say(code, number=errno.EIO)


def test_a_file_excel_holds_on_windows_is_busy():
    error = PermissionError(errno.EACCES, "The process cannot access the file")
    error.winerror = 32
    assert os_reason(error) == "正被其他程序使用"

