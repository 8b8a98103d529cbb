"""Odd values never crash a rule; every code used in the engine is in the catalogue and renders."""

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import context
from hypothesis import given, settings
from hypothesis import strategies as st

from qzxl.catalogue import CATALOGUE
from qzxl.layout import REGISTRATION
from qzxl.rules import check_candidates
from qzxl.sheets.intake import UnreadableValue, convert
from qzxl.sheets.models import Candidate

JUNK = [None, "", " ", "€", "😴", "#REF!", 0, -1, 3.30822e17, 1e308, float("nan"), True, dt.date(1990, 1, 1),
        dt.datetime(2030, 1, 1, 12), "x" * 40_000, "\u200b", "=1+1", "３３０８２２", "1990.13", "NULL"]


def junk_candidate(values):
    """What the intake makes of a row of junk: values that convert, the rest marked unreadable."""
    converted, unreadable = {}, set()
    for column, raw in zip(REGISTRATION.columns, values, strict=False):
        try:
            converted[column.key] = convert(column.key, column.kind, raw)
        except UnreadableValue:
            unreadable.add(column.key)
    return Candidate(row=2, unreadable=frozenset(unreadable), **converted)


@pytest.mark.parametrize("junk", JUNK)
def test_every_rule_survives_the_same_junk_in_every_column(junk):
    person = junk_candidate([junk] * len(REGISTRATION.columns))
    findings = check_candidates([person, person], context())
    assert all(f.code in CATALOGUE for f in findings)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=30), st.integers(), st.floats(), st.dates(), st.booleans()),
                min_size=len(REGISTRATION.columns), max_size=len(REGISTRATION.columns)))
def test_every_rule_survives_random_rows(values):
    findings = check_candidates([junk_candidate(values)], context())
    assert all(f.code in CATALOGUE for f in findings)


SOURCE = Path(__file__).resolve().parent.parent / "qzxl"
CODE_USE = re.compile(r"""(?:Finding|Issue\.create|UnreadableValue)\(\s*["']([a-z0-9-]+)["']""")


def test_every_code_the_engine_emits_is_in_the_catalogue():
    used = {code for path in SOURCE.rglob("*.py") for code in CODE_USE.findall(path.read_text(encoding="utf-8"))}
    assert used, "the pattern must find the engine's codes"
    assert used <= CATALOGUE.keys()


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_message_renders_in_plain_chinese(code):
    entry = CATALOGUE[code]
    message = entry.render(**dict.fromkeys(entry.placeholders, "X"))
    assert re.search(r"[\u4e00-\u9fff]", message)
    assert message.endswith(("。", "）"))
    assert "{" not in message
