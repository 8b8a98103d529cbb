"""ID numbers from other validators' own test suites (tests/data/idnumbers), and two other implementations."""

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from id_validator import validator as jxlwqq
from stdnum.cn import ric
from support.examples import examples
from support.mod11_2 import mod11_2_holds

from qzxl.catalogue import CATALOGUE, Severity
from qzxl.values import idnumber

VECTORS = Path(__file__).parent / "data" / "idnumbers" / "vectors.csv"
ROWS = list(csv.DictReader(VECTORS.open(encoding="utf-8")))
TODAY = dt.date(2026, 12, 1)
# Where we differ from the source's verdict on purpose (see the README beside the data).
BY_DESIGN = {"id-old-15-digit", "id-permit-as-resident-card"}
REGION_YEAR = {"110111198012010078", "110201199312010077", "500154199301135886", "411082198901010002",
               "500154199804106120", "44040119580101000X"}


def ours(row) -> list[str]:
    permit = row["id_type"] == idnumber.PERMIT_TYPE
    return [code for code, _ in idnumber.problems(idnumber.compact(row["number"]), today=TODAY, permit=permit)]


def is_error(codes) -> bool:
    return any(CATALOGUE[code].severity is Severity.ERROR for code in codes)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['source']}-{r['number']}-{r['id_type']}" for r in ROWS])
def test_public_vector(row):
    found = ours(row)
    assert found == [c for c in row["expected"].split(";") if c]
    if not BY_DESIGN & set(found) and idnumber.compact(row["number"]) not in REGION_YEAR:
        assert is_error(found) == (row["source_verdict"] == "invalid")


def test_there_are_enough_vectors_from_each_source():
    assert len(ROWS) >= 35
    assert {row["source"] for row in ROWS} == {"jxlwqq", "guanguans", "python-stdnum"}


@pytest.mark.parametrize("row", [r for r in ROWS if len(idnumber.compact(r["number"])) == 18],
                         ids=lambda r: r["number"])
def test_stdnum_agrees_except_on_region_years_and_permits(row):
    number = idnumber.compact(row["number"])
    found = ours(row)
    if number in REGION_YEAR or number[:6] in idnumber.PERMIT_REGIONS:
        assert not is_error(found) or number[:6] in idnumber.PERMIT_REGIONS
        return
    assert ric.is_valid(number) == (not is_error(found))


def _fifteen_digit_numbers():
    born = st.dates(dt.date(1900, 1, 1), dt.date(1999, 12, 31))
    return st.builds(lambda region, day, seq: f"{region}{day:%y%m%d}{seq:03d}",
                     st.sampled_from(["330822", "330802", "110105", "610104", "440308"]), born,
                     st.integers(0, 999))


@settings(max_examples=examples(10), deadline=None)  # id-validator takes ~50 ms a call
@given(_fifteen_digit_numbers())
def test_upgrade_matches_id_validator(number15):
    upgraded = idnumber.upgrade(number15)
    assert upgraded == jxlwqq.upgrade_id(number15)
    assert ric.calc_check_digit(upgraded) == upgraded[17]


def test_upgrade_of_the_public_example():
    upgraded = idnumber.upgrade("610104620927690")  # jxlwqq's and guanguans' 15-digit example
    assert upgraded[:8] == "61010419" and mod11_2_holds(upgraded)
