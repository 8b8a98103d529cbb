"""A button and its command say the same facts in the same sentence, with the same numbers.

Only the remedy may differ (a button or a cell in Excel, an option or a command on the CLI): so each pair is
compared on its first sentence, with folder names (where each writes) taken out. Both sides run for real on
the same batch: the button through the file port, the command through ``qzxl``.
"""

import datetime as dt
import re

import pytest

from cli.commands import main
from qzxl.catalogue import say
from qzxl.export import package
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.sample import generate_batch
from udfs.file_port import FilePort
from udfs.runner import run_action

TODAY = dt.date.today()  # the command has no --today: both sides check against the real date


def facts(text: str) -> str:
    """The first sentence, each 「folder」 and archive name replaced by a placeholder."""
    first = re.split(r"(?<=。)", text.strip(), maxsplit=1)[0]
    return re.sub(r"\S+\.zip", "<zip>", re.sub(r"「[^」]*」", "「<folder>」", first))


def numbers(text: str) -> list[str]:
    return re.findall(r"\d+", facts(text))


@pytest.fixture
def batch_beside_photos(write_book):
    def make(count=4, *, mistakes=False, missing=1, large=False):
        batch = generate_batch(count, mistakes=mistakes)
        book = write_book(batch.plan, batch.candidates, name="报名.xlsx")
        photos = book.parent / "照片"
        photos.mkdir()
        for index, person in enumerate(batch.candidates[missing:], start=missing):
            # a large one has too many pixels to be kept as is: the fix re-encodes it
            image = portrait(900, 1200, seed=index) if large else portrait(seed=index)
            (photos / f"{person['id_number']}{person['name']}.jpg").write_bytes(jpeg_bytes(image, quality=95))
        return batch, book, photos

    return make


def _button(book, action, out_name, **port_options):
    port = FilePort(book, book.with_name(out_name), **port_options)
    assert run_action(action, port, TODAY)
    return port.messages[-1]  # the alert at the end (a confirmation may come first)


def test_validate_says_the_same_summary(batch_beside_photos, capsys):
    _, book, photos = batch_beside_photos(mistakes=True)
    button = _button(book, "validate", "v.xlsx")
    main(["validate", str(book), "--photos", str(photos)])
    command = capsys.readouterr().out.strip().splitlines()[-1]
    assert facts(button) == facts(command)
    assert "个错误" in command and numbers(button) == numbers(command)


def test_fixing_photos_says_the_same(batch_beside_photos, capsys):
    _, book, photos = batch_beside_photos(large=True)
    button = _button(book, "fix_photos", "f.xlsx", answer=True)
    main(["photos", str(photos), "--book", str(book), "--fix", str(book.parent / "另存"), "--zip"])
    command = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("已修复"))
    assert facts(button) == facts(command) == "已修复 3 张照片到「<folder>」，并打包为 <zip>。"
    assert numbers(button) == numbers(command) == ["3"]


def test_an_export_refused_says_the_same_count(batch_beside_photos, capsys, monkeypatch):
    monkeypatch.setattr(package, "libreoffice", lambda: None)
    _, book, photos = batch_beside_photos(mistakes=True)
    button = _button(book, "export", "e.xlsx", answer=True)
    main(["export", str(book), "--out", str(book.parent / "申报"), "--photos", str(photos)])
    command = next(line for line in capsys.readouterr().out.splitlines() if "未导出" in line)
    assert facts(button) == facts(command) and facts(command).endswith("个错误，未导出。")
    assert numbers(button) == numbers(command)
    assert button != command  # the remedy: 「校验结果」表 in Excel, --force on the command line


def test_an_export_says_the_same_file_count(batch_beside_photos, capsys, monkeypatch):
    monkeypatch.setattr(package, "libreoffice", lambda: None)
    _, book, photos = batch_beside_photos(missing=0)
    button = _button(book, "export", "e.xlsx", answer=True)
    main(["export", str(book), "--out", str(book.parent / "申报"), "--photos", str(photos), "--zip"])
    command = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("申报材料"))
    assert facts(button) == facts(command)
    assert re.fullmatch(r"申报材料已导出到「<folder>」，共 \d+ 个文件。", facts(command))
    assert numbers(button) == numbers(command)


@pytest.mark.parametrize(("button", "command", "params"), [
    ("button-fix-done", "cli-photos-fixed-zip", {"written": 3, "folder": "照片-已修复", "archive": "照片-已修复.zip"}),
    ("button-export-refused", "cli-export-refused", {"errors": 4}),
    ("button-export-done", "cli-export-done", {"folder": "申报材料/电工", "count": 9, "pdf_note": ""}),
    ("button-cancelled", "cli-cancelled", {}),
])
def test_each_pair_of_sentences_agrees_before_the_remedy(button, command, params):
    assert facts(say(button, **params)) == facts(say(command, **params))
