"""Masking: nothing that looks like an ID number survives in reports, messages and logs.

A "run" is what a reader would take for one number: digits with at most one
separator (space, dash, dot, invisible space…) between two of them. The
checker below walks the text on its own, without the masking regex.
"""

from __future__ import annotations

import io
import json
import logging

from hypothesis import given, settings
from hypothesis import strategies as st
from support.examples import examples

from qzxl.log import MaskedStream, MaskingFormatter
from qzxl.report import Issue, Report
from qzxl.textreport import render
from qzxl.values.privacy import SEPARATORS, mask_id, mask_ids_in_text

DIGITS = "0123456789０１２３４５６７８９"  # full-width digits are digits too


def longest_run(text: str) -> int:
    """The most digits in one run: a separator may stand between two digits, two separators break the run."""
    best = count = 0
    gap = False
    for ch in text:
        if ch.isdecimal():
            count, gap = count + 1, False
            best = max(best, count)
        elif ch in SEPARATORS and count and not gap:
            gap = True
        else:
            count, gap = 0, False
    return best


def strings_in(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings_in(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings_in(value)]
    return []


def test_the_checker_on_known_cases():
    assert longest_run("330822199012153420") == 18
    assert longest_run("3308 2219-9012.1534\u200b20") == 18
    assert longest_run("3308  2219") == 4
    assert longest_run("3308**********3420") == 4


# The typo'd and disguised numbers the field report found printed in full.
SEEN_IN_THE_FIELD = [
    "3308221990121534201",  # 19 digits
    "33082219901215342",  # 17 digits
    "ID330822200101021586",  # glued to letters
    "330802199001011234张三.jpg",  # a photo file name
    "3308 2219 9012 1534 26张三.jpg",  # spaces inside
    "照片/330822\u200b199012153426.jpg",  # a zero-width space inside
    "３３０８２２１９９０１２１５３４２６",  # full width
    "33082219901215342x",
    "6222 0212 3456 7890 123",  # a bank card
]


def test_every_number_seen_in_the_field_is_masked():
    for text in SEEN_IN_THE_FIELD:
        masked = mask_ids_in_text(text)
        assert longest_run(masked) < 14, (text, masked)
        assert masked[:2] == text[:2] and "*" in masked


def test_short_numbers_stay_readable():
    for text in ("13857012345", "20261218", "0570-8012345", "第 12 行", "1990-12-15", "QZ2026120012"):
        assert mask_ids_in_text(text) == text
    assert mask_id("330822199012153420") == "3308**********3420"


pieces = st.one_of(st.text(alphabet=DIGITS, min_size=1, max_size=22), st.sampled_from(list(SEPARATORS)),
                   st.sampled_from(["X", "x", "ID", "张三", ".jpg", "/", "（", "\n", "  "]), st.text(max_size=3))
texts = st.lists(pieces, max_size=12).map("".join)


@settings(max_examples=examples(150), deadline=None)
@given(texts)
def test_no_run_of_14_digits_survives_masking(text):
    masked = mask_ids_in_text(text)
    assert longest_run(masked) < 14
    assert len(masked) == len(text)  # masking stars characters, it never drops or adds any
    assert mask_ids_in_text(masked) == masked


@settings(max_examples=examples(60), deadline=None)
@given(value=texts, file=texts, sheet=texts)
def test_reports_messages_and_logs_carry_no_run_of_14_digits(value, file, sheet):
    issues = [Issue.create("id-length", value=value, params={"length": 19}, sheet="报名信息", cell="C3"),
              Issue.create("photo-name", file=file or "x.jpg"),
              Issue.create("option-unknown", value=value, params={"examples": file}, column=sheet)]
    report = Report(candidates=1, issues=issues)
    data = json.loads(json.dumps(report.as_dict(), ensure_ascii=False))  # the strings a JSON reader gets
    for shown in (*strings_in(data), render(report),
                  *(i.message for i in issues)):
        assert longest_run(shown) < 14, shown
    buffer = io.StringIO()
    MaskedStream(buffer).write(f"「{file}」既不是文件夹也不是 zip 压缩包 {sheet}")
    assert longest_run(buffer.getvalue()) < 14
    record = logging.LogRecord("qzxl", logging.ERROR, __file__, 1, "failed on %s", (value,), None)
    assert longest_run(MaskingFormatter("%(message)s").format(record)) < 14
