"""Every way a command or a button stops: the CannotRun code it stops with, and the sentence the clerk reads."""

import datetime as dt
import zipfile

import openpyxl
import pytest

from cli.commands import main
from cli.demo import run_demo
from qzxl.catalogue import CATALOGUE
from qzxl.dates.schedule import NODE_KEYS
from qzxl.errors import CannotRun
from qzxl.layout import PLAN_SHEET
from qzxl.photos import archive
from qzxl.photos.archive import extract_safely
from qzxl.photos.fix import fix_photos
from qzxl.photos.folder import check_photo_folder
from qzxl.sample import generate_batch
from udfs.file_port import FilePort
from udfs.runner import run_action
from usecases.export import export_package
from usecases.schedule import book_schedule


def stops_with(code, call, *args, **kwargs):
    with pytest.raises(CannotRun) as stop:
        call(*args, **kwargs)
    assert stop.value.code == code
    assert str(stop.value) == CATALOGUE[code].render(**stop.value.params)
    return stop.value


def test_an_unknown_code_is_refused_at_once():
    with pytest.raises(KeyError):
        CannotRun("no-such-code")


@pytest.fixture
def book(write_book):
    batch = generate_batch(3, mistakes=False)
    return write_book(batch.plan, batch.candidates)


def without_plan(path):
    book = openpyxl.load_workbook(path)
    del book[PLAN_SHEET]
    book.save(path)
    return path


def test_photo_folders_that_cannot_be_checked(tmp_path, monkeypatch):
    stops_with("run-photos-not-found", check_photo_folder, tmp_path / "照片")
    (tmp_path / "照片.rar").write_bytes(b"Rar!")
    stops_with("run-photos-not-folder", check_photo_folder, tmp_path / "照片.rar")
    (tmp_path / "照片.zip").write_bytes(b"not a zip")
    stops_with("run-zip-invalid", extract_safely, tmp_path / "照片.zip", tmp_path / "out")
    with zipfile.ZipFile(tmp_path / "many.zip", "w") as many:
        for index in range(3):
            many.writestr(f"{index}.jpg", b"x")
    monkeypatch.setattr(archive, "MAX_MEMBERS", 2)
    assert stops_with("run-zip-too-many", extract_safely, tmp_path / "many.zip", tmp_path / "out").params == {
        "count": 3, "limit": 2}


def test_fixed_photos_never_overwrite_anything(tmp_path):
    source = tmp_path / "照片"
    source.mkdir()
    check = check_photo_folder(source)
    (tmp_path / "已有").mkdir()
    (tmp_path / "已有" / "a.txt").write_text("mine")
    stops_with("run-fix-out-not-empty", fix_photos, source, check, tmp_path / "已有")
    (tmp_path / "新.zip").write_bytes(b"old zip")
    stops_with("run-fix-zip-exists", fix_photos, source, check, tmp_path / "新", make_zip=True)
    stops_with("run-fix-inside-source", fix_photos, source, check, source / "修复")


def test_schedule_needs_an_exam_date_or_a_plan(book, tmp_path, capsys):
    assert main(["schedule"]) == 2
    assert capsys.readouterr().err.strip() == CATALOGUE["run-schedule-source"].render()
    stops_with("run-schedule-no-plan", book_schedule, without_plan(book))


def test_schedule_check_needs_the_exam_date_typed(write_book):
    batch = generate_batch(2, mistakes=False)
    plan = {**batch.plan, "exam_date": None, **dict.fromkeys(NODE_KEYS)}
    stops_with("run-schedule-no-exam", book_schedule, write_book(plan, batch.candidates))


def test_buttons_that_stop_say_why_in_one_box(book, write_book):
    port = FilePort(book, backup=False)
    assert not run_action("check_photos", port)  # no 照片 folder beside the workbook
    assert port.messages == [CATALOGUE["run-no-photo-folder"].render(default="照片")]
    batch = generate_batch(2, mistakes=False)
    port = FilePort(write_book({**batch.plan, "exam_date": None}, batch.candidates, name="no-exam.xlsx"), backup=False)
    assert not run_action("schedule", port)
    assert port.messages == [CATALOGUE["run-nodes-exam-first"].render()]
    port = FilePort(without_plan(book), backup=False)
    assert not run_action("schedule", port)
    assert port.messages == [CATALOGUE["run-nodes-no-plan"].render()]


def test_export_needs_a_plan(book, tmp_path):
    stops_with("run-export-no-plan", export_package, without_plan(book), tmp_path / "out", force=True)


def test_an_empty_workbook_stops_the_export_before_a_missing_photo_folder_is_looked_at(tmp_path, write_book):
    empty = write_book(generate_batch(1, mistakes=False).plan, [])
    stops_with("run-export-no-candidates", export_package, empty, tmp_path / "out", photos=tmp_path / "没有这个文件夹",
               force=True)


def test_the_demo_never_empties_a_folder_it_did_not_make(tmp_path):
    (tmp_path / "我的文件.docx").write_bytes(b"important")
    stops_with("run-demo-folder-taken", run_demo, tmp_path, today=dt.date(2026, 12, 1))
    assert (tmp_path / "我的文件.docx").read_bytes() == b"important"
