"""The everyday causes that used to end in 出现意外错误: each stops with its own code and way out."""

from __future__ import annotations

import datetime as dt
import errno
import re
import tempfile
import zipfile

import openpyxl
import pytest
from conftest import TODAY
from test_hostile_corpus import with_days_off

from cli.commands import main
from qzxl.errors import CannotRun
from qzxl.files import exclusive_lock
from qzxl.layout import RESULTS, RESULTS_SHEET
from qzxl.photos.folder import opened_source
from qzxl.rules import check_workbook
from qzxl.sample import generate_batch
from qzxl.sheets.reader import read_workbook
from udfs.file_port import FilePort, editing, refuse_unwritable
from usecases.export import export_package


@pytest.fixture
def book(write_book):
    batch = generate_batch(3, mistakes=False)
    return write_book(batch.plan, batch.candidates, name="book.xlsx")


def code_of(call) -> str:
    with pytest.raises(CannotRun) as raised:
        call()
    assert "{" not in str(raised.value) and str(raised.value).endswith(("。", "）"))
    return raised.value.code


def test_a_book_open_in_excel_wps_or_libreoffice(book):
    for lock in (book.with_name("~$book.xlsx"), book.with_name(".~lock.book.xlsx#")):
        lock.write_bytes(b"")
        assert code_of(lambda: refuse_unwritable(book)) == "run-book-open-elsewhere"
        lock.unlink()
    refuse_unwritable(book)  # no lock: fine


def test_a_book_that_cannot_be_opened_for_writing(tmp_path):
    folder = tmp_path / "book.xlsx"
    folder.mkdir()
    assert code_of(lambda: refuse_unwritable(folder)) == "run-book-not-writable"


def test_a_book_another_action_is_editing(book):
    with exclusive_lock(book):
        assert code_of(lambda: editing(book, wait=0.2).__enter__()) == "run-book-busy"


def test_export_out_mistakes(book, tmp_path):
    photos = tmp_path / "照片"
    photos.mkdir()
    file = tmp_path / "a.txt"
    file.write_text("x")
    assert code_of(lambda: export_package(book, file, force=True, today=TODAY)) == "run-export-out-is-file"
    assert code_of(lambda: export_package(book, photos / "pkg", photos=photos, force=True,
                                          today=TODAY)) == "run-export-out-inside-input"
    assert not (photos / "pkg").exists()


@pytest.mark.parametrize(("number", "code"), [(errno.EACCES, "run-export-out-not-writable"),
                                              (errno.ENOSPC, "run-disk-full")])
def test_export_out_not_writable_or_disk_full(book, tmp_path, monkeypatch, number, code):
    monkeypatch.setattr("qzxl.export.package.libreoffice", lambda: None)

    def refuse(*args, **kwargs):
        raise OSError(number, "simulated")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    out = tmp_path / "new" / "out"
    assert code_of(lambda: export_package(book, out, force=True, today=TODAY)) == code
    assert not (tmp_path / "new").exists()  # the folders it made are gone again


def test_two_exports_of_the_same_package(book, tmp_path, monkeypatch):
    monkeypatch.setattr("qzxl.export.package.libreoffice", lambda: None)
    out = tmp_path / "out"
    out.mkdir()
    first = export_package(book, tmp_path / "probe", force=True, today=TODAY).folder.name
    with exclusive_lock(out / first):
        assert code_of(lambda: export_package(book, out, force=True, today=TODAY)) == "run-export-busy"


def test_a_photo_folder_that_is_a_disk_root():
    def open_root():
        with opened_source(__import__("pathlib").Path("/")):
            pass
    assert code_of(open_root) == "run-folder-too-broad"


def test_an_ole_file_that_holds_no_workbook_stream_is_taken_for_an_encrypted_book(tmp_path):
    # An encrypted .xlsx is an OLE file with an EncryptedPackage stream; a real .xls renamed .xlsx (it holds a
    # Workbook stream) says so instead: tests/test_misleading.py.
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert code_of(lambda: read_workbook(path)) == "run-book-encrypted"


def test_a_book_openpyxl_cannot_load_is_damaged_not_a_crash(book, tmp_path):
    # The styles part is gone while the cells still name styles: the reader reads the values, openpyxl
    # (which the file port needs to write) fails on the first styled cell.
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            if info.filename != "xl/styles.xml":
                data = source.read(info)
                if info.filename == "xl/_rels/workbook.xml.rels":
                    data = re.sub(rb'<Relationship [^>]*styles\.xml"/>', b"", data)
                target.writestr(info, data)
    assert code_of(lambda: FilePort(damaged, tmp_path / "out.xlsx")) == "run-book-damaged"


@pytest.mark.parametrize(("days", "stops"), [(30, False), (100, True), (400, True)])
def test_sixty_days_off_in_a_row_have_their_own_sentence(book, days, stops):
    exam = generate_batch(3, mistakes=False).plan["exam_date"]
    # The 20-day deadline falls inside the run of days off, its last day a week after it.
    with_days_off(book, exam - dt.timedelta(days=20 + days - 7), days)
    data = read_workbook(book)
    if not stops:
        check_workbook(data, today=TODAY)  # a month off: the working day before it is found
        return
    assert code_of(lambda: check_workbook(data, today=TODAY)) == "run-holidays-no-workday"


def test_out_names_a_folder_or_a_missing_folder(book, tmp_path):
    (tmp_path / "folder").mkdir()
    assert code_of(lambda: FilePort(book, tmp_path / "folder")) == "run-out-is-folder"
    assert code_of(lambda: FilePort(book, tmp_path / "missing" / "out.xlsx")) == "run-out-no-folder"
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(("number", "code"), [(errno.EACCES, "run-book-not-writable"), (errno.ENOSPC, "run-disk-full")])
def test_action_out_read_only_or_disk_full(book, tmp_path, monkeypatch, number, code):
    port = FilePort(book, tmp_path / "out.xlsx")

    def refuse(*args, **kwargs):
        raise (PermissionError if number == errno.EACCES else OSError)(number, "simulated")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert code_of(port.save) == code
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]


def test_results_rows_with_impossible_addresses_are_not_marks(book, tmp_path, capsys):
    marked = tmp_path / "marked.xlsx"
    assert main(["action", "validate", str(book), "--out", str(marked)]) in (0, 1)
    workbook = openpyxl.load_workbook(marked)
    results = workbook[RESULTS_SHEET]
    cell = [c.value for c in results[2]].index(RESULTS.column("cell").header) + 1
    results.append(["错误", "报名信息", "A99999999"])  # past Excel's last row
    results.append(["错误", "报名信息", "XFE1"])  # past XFD
    results.cell(results.max_row, cell).value = "XFE1"
    workbook.save(marked)
    capsys.readouterr()
    assert main(["action", "clear_marks", str(marked), "--out", str(tmp_path / "cleared.xlsx"), "--yes"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "意外错误" not in out
