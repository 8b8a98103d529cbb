import datetime as dt

import pytest

from qzxl.values.normalize import clean_name, clean_text, compact_id, parse_date, parse_number, parse_year_month

D = dt.date(1990, 12, 15)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("３３０８２２", "330822"),  # full-width digits
        ("　张　三　", "张 三"),  # U+3000 ideographic spaces
        ("a \t b\n c", "a b c"),
        ("ＡＢＣ", "ABC"),
        (None, ""),
        (13857012345, "13857012345"),
        (13857012345.0, "13857012345"),  # a phone typed into a General cell
        ("", ""),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("阿依古丽.买买提", "阿依古丽·买买提"), ("阿依古丽•买买提", "阿依古丽·买买提"), ("阿依古丽・买买提", "阿依古丽·买买提"),
     ("阿依古丽 · 买买提", "阿依古丽·买买提"), ("王小明", "王小明")],
)
def test_clean_name_unifies_dots(raw, expected):
    assert clean_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(" 33082219901215342x", "33082219901215342X"), ("330822 19901215 3426", "330822199012153426"),
     ("３３０８２２１９９０１２１５３４２６", "330822199012153426"), ("330822-19901215-3426", "330822199012153426")],
)
def test_compact_id(raw, expected):
    assert compact_id(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [D, dt.datetime(1990, 12, 15), dt.datetime(1990, 12, 15, 8, 30), 33222, 33222.0, "1990-12-15", "1990.12.15",
     "1990/12/15", "19901215", 19901215, "1990年12月15日", "１９９０年１２月１５日", " 1990-12-15 ", "1990-12-15 00:00:00"],
)
def test_parse_date_forms(raw):
    assert parse_date(raw) == D


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_parse_date_empty(raw):
    assert parse_date(raw) is None


@pytest.mark.parametrize("raw", ["1990-13-01", "1990-02-30", "明天", "15/12/1990", True, -5, 10**9, "€", "😴"])
def test_parse_date_unreadable(raw):
    with pytest.raises(ValueError):
        parse_date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1990.12", (1990, 12)), ("1990-05", (1990, 5)), ("1990年5月", (1990, 5)), ("199005", (1990, 5)),
     (199005, (1990, 5)), (1990.12, (1990, 12)), (1990.1, (1990, 10)), (1990.05, (1990, 5)), (D, (1990, 12)),
     ("1990-12-15", (1990, 12)), (None, None)],
)
def test_parse_year_month(raw, expected):
    assert parse_year_month(raw) == expected


@pytest.mark.parametrize("raw", ["1990.13", "abc", 1990.2])
def test_parse_year_month_unreadable(raw):
    with pytest.raises(ValueError):
        parse_year_month(raw)


@pytest.mark.parametrize(("raw", "expected"), [(5, 5.0), ("5", 5.0), ("5年", 5.0), ("５.５", 5.5), ("", None), (None, None)])
def test_parse_number(raw, expected):
    assert parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["五年", "abc", True])
def test_parse_number_unreadable(raw):
    with pytest.raises(ValueError):
        parse_number(raw)


# Second implementations: openpyxl's helpers, which the engine no longer imports (they load all of openpyxl).
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter  # noqa: E402
from openpyxl.utils.datetime import from_excel  # noqa: E402
from openpyxl.utils.exceptions import CellCoordinatesException  # noqa: E402
from support.examples import examples  # noqa: E402

from qzxl.sheets.address import column_index, column_letter, is_address, split_address  # noqa: E402
from qzxl.values.normalize import excel_serial_date  # noqa: E402


@settings(max_examples=examples(50))
@given(st.floats(min_value=1, max_value=2958465.99, allow_nan=False))
def test_excel_serial_dates_agree_with_openpyxl(serial):
    assert excel_serial_date(serial) == from_excel(serial).date()


@pytest.mark.parametrize(("serial", "day"), [
    (1, dt.date(1900, 1, 1)), (59, dt.date(1900, 2, 28)), (61, dt.date(1900, 3, 1)),  # Lotus' 29 Feb 1900 skipped
    (46374, dt.date(2026, 12, 18)), (46374.5, dt.date(2026, 12, 18)), (2958465, dt.date(9999, 12, 31)),
])
def test_excel_serial_dates_known_days(serial, day):
    assert excel_serial_date(serial) == day


@settings(max_examples=examples(50))
@given(st.integers(min_value=1, max_value=16384))
def test_column_letters_agree_with_openpyxl(index):
    assert column_letter(index) == get_column_letter(index)
    assert column_index(column_letter(index)) == index == column_index_from_string(get_column_letter(index))


@settings(max_examples=examples(50))
@given(st.from_regex(r"\$?[A-Za-z]{1,3}\$?[0-9]{1,8}", fullmatch=True))
def test_cell_addresses_agree_with_openpyxl(text):
    try:
        expected = coordinate_from_string(text)
        if column_index_from_string(expected[0]) > 16384 or expected[1] > 1048576:  # past XFD1048576
            expected = None
        else:
            expected = (expected[0].upper(), expected[1])  # we give the letters as Excel shows them
    except (ValueError, CellCoordinatesException):
        expected = None
    assert (split_address(text) if is_address(text) else None) == expected


@pytest.mark.parametrize("text", ["", "A0", "1A", "表!A1", "A1:B2", "XFE1", "A1048577", "AAAA1", " A1"])
def test_not_cell_addresses(text):
    assert not is_address(text)
    with pytest.raises(ValueError):
        split_address(text)
