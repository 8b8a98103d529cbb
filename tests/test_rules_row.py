"""Every row rule with valid and invalid cases: (changes to a valid candidate, expected [(key, code)])."""

import datetime as dt

import pytest
from conftest import context, valid_candidate

from qzxl.rules import check_candidates, choices, contact, identity, required
from qzxl.values.options import DEFAULT_OPTIONS

STUDENT = "学校(在校生)"


def flat(rule, candidate, ctx=None):
    return [(f.key, f.code) for f in rule.check(candidate, ctx or context())]


def test_the_valid_candidate_passes_every_rule():
    assert check_candidates([valid_candidate()], context()) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"name": ""}, [("name", "required-missing")]),
        ({"mobile": "", "address": ""}, [("mobile", "required-missing"), ("address", "required-missing")]),
        ({"birth_date": None}, [("birth_date", "required-missing")]),
        ({"birth_date": None, "unreadable": frozenset({"birth_date"})}, []),  # already reported as unreadable
        ({"name": "张3"}, [("name", "name-implausible")]),
        ({"name": "张"}, [("name", "name-implausible")]),
        ({"name": "张三（学生）"}, [("name", "name-implausible")]),
        ({"name": "张三😴"}, [("name", "name-implausible")]),
        ({"name": "Zhang San"}, []),
        ({"name": "John O'Brien-Smith"}, []),
        ({"name": "阿依古丽·买买提"}, []),
        ({"name": "张Smith"}, [("name", "name-implausible")]),
        ({"name": "𠮷野家"}, []),  # a name with a character outside the BMP
        ({"address": "路" * 201}, [("address", "text-too-long")]),
    ],
)
def test_required(changes, expected):
    assert flat(required, valid_candidate(**changes)) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"id_number": "330822199012153420"}, [("id_number", "id-check-digit")]),
        ({"id_number": "330822901215342"}, [("id_number", "id-old-15-digit")]),
        ({"gender": "男"}, [("gender", "gender-mismatch")]),
        ({"birth_date": dt.date(1990, 12, 16)}, [("birth_date", "birth-mismatch")]),
        ({"gender": "男", "id_number": "330822199012153420"}, [("id_number", "id-check-digit")]),  # no pile-up
        ({"id_type": "护照(外国国籍)", "id_number": "E12345678"}, []),
        ({"id_type": "护照(外国国籍)", "id_number": "E1"}, [("id_number", "id-other-length")]),
        ({"id_type": "台湾居民来往大陆通行证", "id_number": "0123456789012345678901"}, [("id_number", "id-other-length")]),
        ({"id_type": "港澳台居民居住证"}, [("id_number", "id-permit-region")]),
        # a Taiwan permit number typed as 居民身份证: the 证件类型 is what to change
        ({"id_number": "830000199201300022"}, [("id_type", "id-permit-as-resident-card")]),
        ({"id_type": "港澳台居民居住证", "id_number": "830000199201300022", "gender": "女",
          "birth_date": dt.date(1992, 1, 30)}, []),
        # province-level region code: a warning, the agreement checks still run
        ({"id_number": "330000199012153424", "gender": "男"}, [("id_number", "id-region-province-level"),
                                                              ("gender", "gender-mismatch")]),
        ({"id_number": "", "unreadable": frozenset({"id_number"})}, []),
    ],
)
def test_identity(changes, expected):
    assert flat(identity, valid_candidate(**changes)) == expected


def _born(years_before_exam: int, days: int = 0) -> str:
    """A valid 常山 ID number of a woman born that many years (and days) before the exam."""
    born = dt.date(2026 - years_before_exam, 12, 18) + dt.timedelta(days=days)
    first17 = f"330822{born:%Y%m%d}342"
    from qzxl.values.idnumber import check_digit

    return first17 + check_digit(first17)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (_born(16), []),  # 16th birthday on the exam day
        (_born(16, days=1), [("id_number", "age-under-16")]),  # a day short
        (_born(15), [("id_number", "age-under-16")]),
        (_born(60), []),
    ],
)
def test_age_on_exam_date(number, expected):
    person = valid_candidate(id_number=number, birth_date=None)
    assert flat(identity, person) == expected


def test_age_not_checked_without_exam_date():
    assert flat(identity, valid_candidate(id_number=_born(10), birth_date=None), context(exam_date=None)) == []


def test_age_on_leap_day_birthday():
    assert identity.age_on(dt.date(2008, 2, 29), dt.date(2024, 2, 28)) == 15
    assert identity.age_on(dt.date(2008, 2, 29), dt.date(2024, 2, 29)) == 16


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"mobile": "13857012345"}, []),
        ({"mobile": "138 5701 2345"}, [("mobile", "mobile-tidied")]),
        ({"mobile": "+86 138-5701-2345"}, [("mobile", "mobile-tidied")]),
        ({"mobile": "008613857012345"}, [("mobile", "mobile-tidied")]),
        ({"mobile": "(138)5701-2345"}, [("mobile", "mobile-tidied")]),
        ({"mobile": "138 5701 23456"}, [("mobile", "mobile-invalid")]),  # 12 digits: nothing to tidy
        ({"mobile": "19957012345"}, []),
        ({"mobile": "1385701234"}, [("mobile", "mobile-invalid")]),  # 10 digits
        ({"mobile": "12357012345"}, [("mobile", "mobile-invalid")]),  # no 123 network
        ({"mobile": "0570-3012345"}, [("mobile", "mobile-invalid")]),  # a landline
        ({"email": "zhang@qq.com"}, []),
        ({"email": "zhang@qq"}, [("email", "email-invalid")]),
        ({"email": "zhang.qq.com"}, [("email", "email-invalid")]),
        ({"email": "张三@qq.com"}, []),  # internationalised local parts are valid
    ],
)
def test_contact(changes, expected):
    assert flat(contact, valid_candidate(**changes)) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"ethnicity": "汉"}, [("ethnicity", "option-near-miss")]),
        ({"ethnicity": "僮族"}, [("ethnicity", "option-near-miss")]),
        ({"ethnicity": "畲族"}, []),
        ({"ethnicity": "火星族"}, [("ethnicity", "option-unknown")]),
        ({"education": "本科"}, [("education", "option-near-miss")]),
        ({"education": "大专"}, [("education", "option-near-miss")]),
        ({"source": "在校生"}, [("source", "option-near-miss")]),
        ({"id_type": "身份证"}, [("id_type", "option-near-miss")]),
        ({"prior_level": "初级工"}, [("prior_level", "option-near-miss")]),
        ({"applied_level": "四级"}, [("applied_level", "option-near-miss")]),
        ({"applied_level": "特级"}, [("applied_level", "option-unknown")]),
        ({"gender": "男性"}, [("gender", "option-near-miss")]),
        ({"title_level": "副高"}, [("title_level", "option-near-miss")]),
    ],
)
def test_choices(changes, expected):
    assert flat(choices, valid_candidate(**changes)) == expected


def test_choices_follow_the_workbook_lists():
    ctx = context(options={**DEFAULT_OPTIONS, "民族": ("汉族", "穿青人")})
    assert flat(choices, valid_candidate(ethnicity="穿青人"), ctx) == []
    assert flat(choices, valid_candidate(ethnicity="畲族"), ctx) == [("ethnicity", "option-unknown")]


def test_near_miss_message_names_the_intended_value():
    finding = next(choices.check(valid_candidate(education="本科"), context()))
    assert finding.params["intended"] == "大学本科"
