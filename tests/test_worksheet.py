"""Worksheet functions as plain Python: one call answers a whole column, bad cells get a message, never an error.

Excel shows an exception as #VALUE! with no hint, so every function must answer every input with a value or
a sentence from the catalogue. The UDF wrappers in udfs/functions.py are called the same way here (on Linux the
xlwings decorators only record metadata).
"""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.examples import examples

from qzxl.catalogue import CATALOGUE
from qzxl.dates.schedule import deadlines, full_schedule
from qzxl.worksheet import (
    condition_sentence,
    deadline,
    id_age,
    id_birth_date,
    id_check,
    id_gender,
    latest_workday,
    photo_name,
    schedule_table,
)
from udfs import functions

D = dt.date
WEIGHTS = [2 ** (17 - i) % 11 for i in range(18)]


def with_check(first17: str) -> str:
    """The full number, its check digit found by the GB 11643 property (weighted sum ≡ 1 mod 11), not by qzxl."""
    return next(first17 + c for c in "0123456789X"
                if sum((10 if ch == "X" else int(ch)) * w for ch, w in zip(first17 + c, WEIGHTS, strict=True)) % 11 == 1)


VALID = "330822199012153426"  # 常山县, born 1990-12-15, 17th digit 2: 女 (the college's example with its right check digit)
FEMALE_X = "11010519491231002X"  # 北京朝阳, born 1949-12-31, 17th digit 2: 女, check digit X
MALE = with_check("33080219850607123")  # 衢州柯城, born 1985-06-07, 17th digit 3: 男
OLD_15 = "330822901215342"  # a first-generation 15-digit number
RETIRED_COUNTY = with_check("33082119900101123")  # 衢县, retired in 2001 but still on valid cards: a warning only


def say(code, **params):
    return CATALOGUE[code].render(**params)


def test_latest_workday_keeps_the_shape_of_a_column():
    assert latest_workday("2026-10-04") == D(2026, 9, 30)  # 国庆 holiday: back to the Wednesday before
    assert latest_workday(["2026-10-04", "2026-10-10"]) == [D(2026, 9, 30), D(2026, 10, 10)]  # 10-10 is a 调休 Saturday
    assert latest_workday([[D(2026, 11, 21)], [None]]) == [[D(2026, 11, 20)], [say("worksheet-date-missing")]]


def test_deadline_by_key_or_chinese_name_matches_the_engine():
    exams = [[D(2026, 10, 20)], [D(2026, 12, 18)]]
    expected = [[{i.key: i.date for i in deadlines(e[0])}["plan_filing"]] for e in exams]
    assert deadline(exams, "plan_filing") == expected
    assert deadline(exams, "方案审批") == expected
    assert deadline([[D(2026, 12, 18)]], "electronic_materials") == [[D(2026, 11, 27)]]  # 21 days before: a Friday


@pytest.mark.parametrize("which", ["明天", "", None, 15])
def test_unknown_deadline_names_every_choice(which):
    answer = deadline([[D(2026, 12, 18)]], which)
    shown = "" if which is None else which
    assert answer == say("worksheet-deadline-unknown", value=shown, choices="提交电子材料、方案审批、提交纸质材料")


def test_schedule_table_is_one_two_column_array():
    table = schedule_table(D(2026, 12, 18))
    assert [row[1] for row in table] == [item.date for item in full_schedule(D(2026, 12, 18))]
    assert all(len(row) == 2 for row in table)
    assert schedule_table("abc") == [[say("date-unreadable", value="abc"), ""]]


@pytest.mark.parametrize(("value", "code"), [
    ("2026-02-30", "date-unreadable"),
    (True, "date-unreadable"),
    ("", "worksheet-date-missing"),
    (D(1, 1, 5), "worksheet-date-out-of-range"),  # 20 days before it is no date at all
    (D(9999, 12, 31), "worksheet-date-out-of-range"),
])
def test_dates_no_calendar_can_answer_get_a_sentence(value, code):
    assert latest_workday(value).startswith(say(code, value=value, first=1901, last=2098)[:4])
    assert deadline(value, "plan_filing") == latest_workday(value)


@pytest.mark.parametrize(("number", "check", "birth", "gender", "age"), [
    (VALID, "", D(1990, 12, 15), "女", 36),
    (FEMALE_X, "", D(1949, 12, 31), "女", 76),
    (FEMALE_X.lower(), "", D(1949, 12, 31), "女", 76),  # a lower-case x is the same number
    (MALE, "", D(1985, 6, 7), "男", 41),
    ("3308 2219 9012 1534 26", "", D(1990, 12, 15), "女", 36),  # spaces as typed from the card
    (RETIRED_COUNTY, "", D(1990, 1, 1), "男", 36),
])
def test_id_functions_on_numbers_that_are_usable(number, check, birth, gender, age):
    assert id_check(number) == check
    assert id_birth_date(number) == birth
    assert id_gender(number) == gender
    assert id_age(number, "2026-12-18") == age
    assert photo_name(number, " 张 三 ") == f"{birth and number.replace(' ', '').upper()}张 三.jpg"


@pytest.mark.parametrize(("number", "message"), [
    (OLD_15, say("id-old-15-digit", check="6")),  # no birth date or gender is guessed from the old number
    ("330822199012153420", say("id-check-digit", expected="6")),  # the college's example, wrong check digit
    ("33082219901215342", say("id-length", length=17)),
    ("33082219901315342A", say("id-format")),
    (330822199012153426, say("number-stored-id", value=330822199012153426)),
    (3.30822199012153e17, say("number-stored-id", value=3.30822199012153e17)),
])
def test_id_functions_answer_a_bad_number_with_what_is_wrong(number, message):
    assert id_check(number) == message
    assert id_birth_date(number) == message
    assert id_gender(number) == message
    assert id_age(number, D(2026, 12, 18)) == message
    assert photo_name(number, "张三") == message


def test_empty_id_cells_stay_empty_and_a_missing_name_is_said():
    assert id_check([[None], [""]]) == [[""], [""]]
    assert id_gender(None) == ""
    assert photo_name(VALID, "") == say("required-missing", column="姓名")
    assert id_age(VALID, "x") == say("date-unreadable", value="x")


def test_one_on_date_applies_to_the_whole_column():
    assert id_age([[VALID], [FEMALE_X]], D(2026, 12, 15)) == [[36], [76]]  # her birthday that day counts
    assert id_age([[VALID], [FEMALE_X]], [[D(2026, 12, 14)], [D(1950, 1, 1)]]) == [[35], [0]]


def test_the_udfs_answer_as_the_worksheet_functions_do():
    column = [[VALID], [OLD_15], [None]]
    assert functions.QZ_ID_CHECK(column) == id_check(column)
    assert functions.QZ_ID_BIRTH(column) == id_birth_date(column)
    assert functions.QZ_ID_GENDER(column) == id_gender(column)
    assert functions.QZ_ID_AGE(column, D(2026, 12, 18)) == id_age(column, D(2026, 12, 18))
    assert functions.QZ_PHOTO_NAME(column, [["张三"], ["李四"], [None]]) == photo_name(column, [["张三"], ["李四"], [None]])
    assert functions.QZ_WORKDAY([["2026-10-04"]]) == [[D(2026, 9, 30)]]
    assert functions.QZ_DEADLINE([[D(2026, 12, 18)]], "方案审批") == deadline([[D(2026, 12, 18)]], "plan_filing")
    assert functions.QZ_SCHEDULE(D(2026, 12, 18)) == schedule_table(D(2026, 12, 18))


# Whatever a clerk types or Excel passes: text, numbers of any size, booleans, dates, empty cells.
CELL = st.one_of(st.none(), st.text(max_size=25), st.integers(), st.floats(), st.booleans(),
                 st.dates(), st.datetimes(), st.from_regex(r"[0-9]{15,18}[Xx]?", fullmatch=True))
SHAPES = st.one_of(CELL, st.lists(CELL, max_size=3), st.lists(st.lists(CELL, min_size=1, max_size=1), max_size=3))


def same_shape(answer, given_value):
    if isinstance(given_value, list):
        return isinstance(answer, list) and len(answer) == len(given_value) and all(
            same_shape(a, g) for a, g in zip(answer, given_value, strict=True))
    return not isinstance(answer, list)


@settings(max_examples=examples(60), deadline=None)
@given(SHAPES, CELL)
def test_no_input_raises_and_every_answer_keeps_the_shape(cells, other):
    for function in (id_check, id_birth_date, id_gender, latest_workday):
        assert same_shape(function(cells), cells)
    assert same_shape(deadline(cells, "plan_filing"), cells)
    assert same_shape(id_age(cells, other), cells)
    assert same_shape(photo_name(cells, other), cells)
    deadline(cells, other)
    schedule_table(other)


@settings(max_examples=examples(30), deadline=None)
@given(SHAPES, SHAPES)
def test_two_columns_of_any_shapes_never_raise(first, second):
    id_age(first, second)
    photo_name(first, second)


CONDITION_HEADERS = [["姓名", "申报等级", "工作年限", "原鉴定等级", "原等级发证日期", "毕业院校类别", "考生来源"]]


def test_condition_sentence_per_row_as_excel_passes_ranges():
    rows = [["张三", "四级/中级工", 6, "无", None, None, "企业"],
            ["李四", "", 3, "五级/初级工", None, None, "企业"],  # 申报等级 blank: the level argument
            ["王五", "三级/高级工", 8, "四级/中级工", dt.date(2025, 6, 1), None, "企业"],  # certificate too recent
            ["赵六", "四级/中级工", None, "无", None, None, "企业"],
            [None, None, None, None, None, None, None]]
    assert condition_sentence(CONDITION_HEADERS, rows, "四级/中级工", "", "2026-12-18") == [
        ["累计从事本职业或相关职业工作满5年。"],
        ["取得本职业或相关职业五级/初级工职业资格（职业技能等级）证书后，累计从事本职业或相关职业工作满3年。"],
        [say("condition-none", level="三级/高级工")],
        ["无法确认申报条件：工作年限未填。"],  # no 工作年限 to decide the year routes; no school for the third
        [""],
    ]


def test_condition_sentence_follows_the_basis():
    rows = [["张三", "四级/中级工", 6, "无", None, None, "企业"], ["李四", "四级/中级工", 5, "无", None, None, "企业"]]
    assert condition_sentence(CONDITION_HEADERS, rows, "", "2018", None) == [
        ["累计从事本职业或相关职业工作6年（含）以上。"], [say("condition-none", level="四级/中级工")]]
    assert condition_sentence(CONDITION_HEADERS, rows, "", "新版", None) == [
        [say("rule-set-unknown", value="新版")]] * 2
    assert condition_sentence(CONDITION_HEADERS, [["张三", "", 6, "无", None, None, "企业"]], "特级", "", None) == [[say("worksheet-level-unknown", value="特级")]]
    assert functions.QZ_CONDITION(CONDITION_HEADERS, rows, "", "2018", None) == condition_sentence(
        CONDITION_HEADERS, rows, "", "2018", None)


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.lists(CELL, min_size=7, max_size=7), max_size=3), CELL, CELL, CELL)
def test_condition_sentence_never_raises_and_answers_every_row(rows, level, basis, on_date):
    answer = condition_sentence(CONDITION_HEADERS, rows, level, basis, on_date)
    assert len(answer) == len(rows) and all(isinstance(line[0], str) for line in answer)
