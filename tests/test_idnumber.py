"""公民身份号码: real cases, and the check digit against its defining property (ISO 7064 MOD 11-2)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.mod11_2 import mod11_2_holds

from qzxl.catalogue import CATALOGUE, Severity
from qzxl.report import Issue
from qzxl.values import idnumber
from qzxl.values.privacy import mask_ids_in_text


def with_check(first17: str) -> str:
    """The full number, check digit found by the test's own MOD 11-2 search, not by the code under test."""
    return next(first17 + c for c in "0123456789X" if mod11_2_holds(first17 + c))


@pytest.mark.parametrize(
    ("number", "codes"),
    [
        ("330822199012153426", []),  # 常山县
        ("33082219901215342X", ["id-check-digit"]),
        ("330822199012153420", ["id-check-digit"]),  # the college's own example in the process text
        (with_check("33082119850301123"), []),  # 衢县, retired in 2001: still valid on old cards
        (with_check("33080320050301123"), []),  # 衢江区, created 2001
        ("11010519491231002X", []),  # 北京朝阳, X check digit
        ("330899199012153427", ["id-check-digit"]),
        (with_check("33089919901215342"), ["id-county-unknown"]),  # county code never existed: a warning
        (with_check("99082219901215342"), ["id-province"]),
        (with_check("33082219901315342"), ["id-birth-date"]),  # month 13
        (with_check("33082218991215342"), ["id-birth-too-early"]),  # before 1900: a real date, but not a living person
        (with_check("33082218990231342"), ["id-birth-too-early"]),
        ("3308221990121534", ["id-length"]),
        ("33082219901215342Y", ["id-format"]),
        ("330822901215342", ["id-old-15-digit"]),  # first generation: the system takes 18 digits
        ("330822901315342", ["id-old-15-digit-date"]),
        (with_check("83000019901215342"), ["id-permit-as-resident-card"]),  # Taiwan permit, not "not a province"
        (with_check("81000019901215342"), ["id-permit-as-resident-card"]),
        (with_check("82000019901215342"), ["id-permit-as-resident-card"]),
        (with_check("33000019901215342"), ["id-region-province-level"]),  # 浙江省 only
        (with_check("71000019901215342"), ["id-region-province-level"]),  # 台湾省
        (with_check("81010019901215342"), ["id-county-unknown"]),
        (with_check("33082220301215342"), ["id-birth-future"]),
    ],
)
def test_resident_card_cases(number, codes):
    assert [code for code, _ in idnumber.problems(number, today=dt.date(2026, 11, 24))] == codes


@pytest.mark.parametrize(
    ("number", "valid"),
    [(with_check("81000019901215342"), True), (with_check("83000019901215342"), True),
     ("330822199012153426", False)],
)
def test_residence_permit_regions(number, valid):
    assert idnumber.is_valid(number, permit=True) is valid


def test_check_digit_worked_examples():
    assert idnumber.check_digit("11010519491231002") == "X"
    assert idnumber.check_digit("33082219901215342") == "6"


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_digit_satisfies_mod_11_2(first17):
    assert mod11_2_holds(first17 + idnumber.check_digit(first17))


@given(st.text(alphabet="0123456789", min_size=17, max_size=17), st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_change_is_caught(first17, position, delta):
    number = first17 + idnumber.check_digit(first17)
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1:]
    assert changed[17] != idnumber.check_digit(changed[:17])


@given(st.text(alphabet="0123456789", min_size=17, max_size=17), st.integers(0, 15))
def test_adjacent_swaps_of_different_digits_are_caught(first17, position):
    number = first17 + idnumber.check_digit(first17)
    if number[position] == number[position + 1]:
        return
    swapped = number[:position] + number[position + 1] + number[position] + number[position + 2:]
    assert swapped[17] != idnumber.check_digit(swapped[:17])


def test_gender_and_birth_from_number():
    assert idnumber.gender("330822199012153426") == "女"
    assert idnumber.gender("330821198503011237") == "男"
    assert idnumber.birth_date("330822199012153426") == dt.date(1990, 12, 15)


def test_validate_raises_first_error_and_ignores_warnings():
    with pytest.raises(idnumber.InvalidIdNumber) as raised:
        idnumber.validate("330822199012153420")
    assert raised.value.code == "id-check-digit"
    assert idnumber.validate(" 33089919901215342x ") == "33089919901215342X"


def test_fifteen_digits_is_an_error_that_says_what_to_insert():
    code, params = idnumber.problems("330822901215342")[0]
    assert CATALOGUE[code].severity is Severity.ERROR
    assert params["upgraded"] == "330822199012153426"  # the college's person, check digit by MOD 11-2
    assert mod11_2_holds(params["upgraded"])


def test_fifteen_digit_message_survives_masking_and_the_note_shows_the_full_number():
    issue = Issue.create("id-old-15-digit", value="330822901215342", params=idnumber.problems("330822901215342")[0][1],
                         sheet="报名信息", row=3, column="证件号码", cell="C3")
    assert "插入「19」" in issue.message and "「6」" in issue.message
    assert mask_ids_in_text(issue.message) == issue.message
    assert "330822199012153426" in issue.note
    assert "330822199012153426" not in str(issue.as_dict())


def test_the_cell_note_in_the_clerks_workbook_offers_the_18_digit_number(write_book, tmp_path):
    import openpyxl

    from qzxl.sample import generate_batch
    from udfs.file_port import FilePort
    from udfs.runner import run_action

    batch = generate_batch(2, mistakes=False)
    batch.candidates[0]["id_number"] = "330822901215342"
    copy = tmp_path / "copy.xlsx"
    port = FilePort(write_book(batch.plan, batch.candidates), copy)
    run_action("validate", port, dt.date(2026, 11, 24))
    port.save()
    book = openpyxl.load_workbook(copy)
    note = book["报名信息"]["C3"].comment.text
    assert "330822199012153426" in note  # the clerk's own workbook: full numbers are allowed there
    results = " ".join(str(v) for row in book["校验结果"].iter_rows(values_only=True) for v in row if v)
    assert "330822199012153426" not in results and "插入「19」" in results
