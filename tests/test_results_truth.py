"""校验结果 always tells the whole truth: every action that writes it leaves the full current 校验 there, with
its own summary on top; what the action fixed is gone, what it could not fix stays; the marks are its findings."""

import datetime as dt

import pytest
from support.results_truth import as_rows, current_issues, listed, marks, placed, title

from cli.commands import main
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.sample import generate_batch
from qzxl.sheets.address import is_address

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def batch_book(write_book):
    """Twelve people with one of each common mistake, photos for all but the first, one a PNG."""
    batch = generate_batch(12)
    book = write_book(batch.plan, batch.candidates)
    photos = book.parent / "照片"
    photos.mkdir()
    spoiled = {index for index, _, _ in batch.mistakes}
    png = min(set(range(1, 12)) - spoiled)
    for index, person in enumerate(batch.candidates[1:], start=1):
        path = photos / f"{person['id_number']}{person['name']}.jpg"
        if index == png:
            portrait(seed=index).save(path.with_suffix(".png"), "PNG")  # fixable: 修复照片 makes it a JPG
        else:
            path.write_bytes(jpeg_bytes(portrait(seed=index), quality=95))
    return batch, book


@pytest.mark.parametrize("action", [pytest.param("validate", marks=pytest.mark.slow), "check_photos",
                                    pytest.param("schedule", marks=pytest.mark.slow),
                                    pytest.param("fill_conditions", marks=pytest.mark.slow)])
def test_the_results_sheet_is_the_whole_current_check(batch_book, action):
    _, book = batch_book
    assert main(["action", action, "--yes", str(book)]) in (0, 1)
    now = current_issues(book)
    assert listed(book) == as_rows(now)
    assert marks(book) == placed(now)
    assert {code for code, _, _ in listed(book)} >= {"photo-missing", "id-check-digit"}


def test_fix_photos_keeps_what_it_could_not_fix_and_the_workbook_errors(batch_book):
    """Done-when (c), on a generated batch: the missing photo and the 报名信息 errors are still listed."""
    batch, book = batch_book
    assert main(["action", "validate", str(book)]) == 1
    before = listed(book)
    assert main(["action", "fix_photos", "--yes", str(book)]) == 1
    after = listed(book)
    assert title(book).startswith("照片修复（") and "\n校验结果（" in title(book)
    assert ("photo-missing", "照片/附件", batch.candidates[0]["name"]) in {(c, s, x.split(" ")[-1])
                                                                         for c, s, x in after}
    fixed = before - after
    assert fixed and all(code.startswith("photo-") for code, _, _ in fixed)  # the PNG, and only photos
    assert not after - before
    registration = Counter_of(before, "报名信息")
    assert registration and registration == Counter_of(after, "报名信息")
    assert marks(book) == {(sheet, cell) for _, sheet, cell in after if sheet and is_address(cell)}


def Counter_of(rows, sheet):  # noqa: N802 — reads as the noun it returns
    from collections import Counter

    return Counter({key: n for key, n in rows.items() if key[1] == sheet})


def test_check_photos_says_its_own_summary_on_top(batch_book):
    _, book = batch_book
    assert main(["action", "check_photos", str(book)]) == 1
    lines = title(book).split("\n")
    assert lines[0].startswith("照片检查（") and lines[1].startswith("校验结果（")
    assert {code for code, _, _ in listed(book)} & {"id-check-digit", "mobile-invalid"}  # not only the photos
