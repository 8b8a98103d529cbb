"""Inputs that used to get another cause's sentence (issue 16, misleading messages): each says what it is.

The inputs are made by the tools that make them in real life: xlwt writes the
BIFF8 .xls, Info-ZIP's ``zip -P`` wrote the encrypted zip (tests/data/hostile),
Pillow writes the EXIF. Warnings of the libraries go to the log, never to the
terminal: those are checked in a fresh interpreter, whose warning filters are
the defaults a clerk's Python has.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import TODAY
from PIL import Image
from test_hostile_corpus import (
    HOSTILE_DATA,
    ID,
    book_with,
    corrupt_exif_jpeg,
    jpeg_claiming,
    real_xls,
    with_unsupported_extension,
)
from test_privacy import longest_run

from qzxl.catalogue import CATALOGUE
from qzxl.errors import CannotRun
from qzxl.photos.archive import extract_safely
from qzxl.photos.inspect import inspect_photo, photo_problems
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.photos.settings import PhotoSettings
from qzxl.rules import check_workbook
from qzxl.sample import generate_batch
from qzxl.sheets.reader import read_workbook


def qzxl(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qzxl", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120, env={"XDG_STATE_HOME": str(cwd / "state"), "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm"])
def test_an_xls_renamed_xlsx_says_it_is_an_old_xls(tmp_path, suffix):
    path = real_xls(tmp_path / f"名单{suffix}")
    with pytest.raises(CannotRun) as raised:
        read_workbook(path)
    assert raised.value.code == "run-book-xls-renamed"
    assert "密码" not in str(raised.value) and "另存为」.xlsx" in str(raised.value)


def test_a_zipcrypto_archive_says_it_is_password_protected(tmp_path):
    archive = HOSTILE_DATA / "zipcrypto.zip"
    assert zipfile.ZipFile(archive).infolist()[0].flag_bits & 0x1  # what zip -P wrote: really encrypted
    result = extract_safely(archive, tmp_path / "out")
    assert result.files == [] and [reason for _, reason in result.skipped] == ["zip-encrypted"]
    words = CATALOGUE["archive-unsafe"].render(member="x.jpg", reason="zip-encrypted")
    assert "密码" in words and "比声明的大小更大" not in words


def test_a_20000_by_20000_jpeg_is_too_large_to_open_not_a_non_image(tmp_path):
    path = tmp_path / f"{ID}张三.jpg"
    path.write_bytes(jpeg_claiming(20_000, 20_000))  # 400 megapixels: Pillow's DecompressionBombError
    settings = PhotoSettings()
    problems = photo_problems(inspect_photo(path, path.name, settings), settings)
    assert [code for code, _ in problems] == ["photo-too-large-to-open"]
    sentence = CATALOGUE["photo-too-large-to-open"].render(**problems[0][1])
    assert "不是图片" not in sentence and "像素" in sentence


def test_a_jpeg_just_over_pillows_warning_limit_is_too_large_to_open(tmp_path):
    path = tmp_path / f"{ID}张三.jpg"
    path.write_bytes(jpeg_claiming(10_000, 10_000))  # 100 megapixels: the DecompressionBombWarning range
    settings = PhotoSettings()
    problems = photo_problems(inspect_photo(path, path.name, settings), settings)
    assert [code for code, _ in problems] == ["photo-too-large-to-open"]


@pytest.mark.parametrize("number", [ID[:6] + "\u200b" + ID[6:], ID[:6] + "\u00a0" + ID[6:],  # zero-width, no-break
                                    ID[:9] + "\u2060" + ID[9:], ID[:3] + "\u00ad" + ID[3:],  # word joiner, soft hyphen
                                    ID[:6] + "\u202e" + ID[6:],  # right-to-left override
                                    "\ufeff" + ID, ID + "\u200d"],  # a BOM in front, a zero-width joiner behind
                         ids=["zwsp", "nbsp", "word-joiner", "soft-hyphen", "rlo", "bom", "zwj"])
def test_invisible_characters_in_an_id_are_named_not_counted(write_book, number):
    batch = generate_batch(3, mistakes=False)
    batch.candidates[0]["id_number"] = number
    issues = check_workbook(read_workbook(write_book(batch.plan, batch.candidates)), today=TODAY).report.issues
    found = [issue for issue in issues if issue.sheet == "报名信息"]
    assert [(issue.code, issue.cell) for issue in found] == [("id-invisible-characters", "C3")]
    assert "位" not in found[0].message and longest_run(found[0].message) < 14
    assert {issue.code for issue in issues} == {"id-invisible-characters"}  # the 花名册 copies it: same sentence


def test_an_id_with_ordinary_spaces_is_still_tidied(write_book):
    batch = generate_batch(3, mistakes=False)
    batch.candidates[0]["id_number"] = "3308 2219-9012 1534 26"  # typed with gaps: visible, removed as before
    issues = check_workbook(read_workbook(write_book(batch.plan, batch.candidates)), today=TODAY).report.issues
    assert [issue.code for issue in issues if issue.column == "证件号码"] == []


@pytest.mark.slow
def test_library_warnings_never_reach_the_terminal(tmp_path):
    photos = tmp_path / "照片"
    photos.mkdir()
    (photos / f"{ID}张三.jpg").write_bytes(corrupt_exif_jpeg())
    book = with_unsupported_extension(book_with(tmp_path, "book.xlsx"))
    runs = [qzxl("photos", str(photos), cwd=tmp_path),
            qzxl("validate", str(book), "--photos", str(photos), cwd=tmp_path),
            qzxl("action", "validate", str(book), "--out", str(tmp_path / "marked.xlsx"), cwd=tmp_path),
            qzxl("export", str(book), "--out", str(tmp_path / "out"), "--photos", str(photos), "--force",
                 cwd=tmp_path)]
    for run in runs:
        assert run.stderr == "", run.args
        assert run.returncode in (0, 1), run.args
    log = tmp_path / "state" / "qzxl" / "qzxl.log"
    logged = log.read_text(encoding="utf-8")  # kept where support can see them
    assert "Corrupt EXIF data" in logged and "extension is not supported" in logged


def test_a_60_kb_exif_software_tag_is_shortened(tmp_path):
    exif = Image.Exif()
    exif[0x0131] = "Photoshop " * 6000
    path = tmp_path / f"{ID}张三.jpg"
    path.write_bytes(jpeg_bytes(portrait(), quality=95, exif=exif.tobytes()))
    settings = PhotoSettings()
    facts = inspect_photo(path, path.name, settings)
    assert len(facts.software) <= 60 and facts.software.endswith("…")
    problems = dict(photo_problems(facts, settings))
    sentence = CATALOGUE["photo-edited"].render(**problems["photo-edited"])
    assert len(sentence) < 150


@pytest.mark.slow
@pytest.mark.parametrize("json", [True, False])
def test_validate_into_a_pipe_closed_after_100_bytes(tmp_path, json):
    book = book_with(tmp_path, "many.xlsx", rows=300)
    process = subprocess.Popen([sys.executable, "-m", "qzxl", "validate", *(["--json"] if json else []), str(book)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
                               env={"XDG_STATE_HOME": str(tmp_path / "state"), "PATH": "/usr/bin:/bin"})
    head = process.stdout.read(100)  # what `| head -c 100` reads before it exits
    process.stdout.close()
    err = process.stderr.read().decode()
    process.wait(timeout=120)
    assert len(head) == 100
    assert err == "" and process.returncode in (1, 2)
