"""Normalisation before rules: what a clerk typed, as the system expects it.

Free text (units, addresses, conditions, every plan text) is kept exactly as
typed, only trimmed: official forms use full-width punctuation. Values that
are matched against a list or parsed (options, numbers, dates, ID numbers)
have full-width characters made half width and spaces collapsed. Names keep
their characters; only the middle dot is unified. Dates are read from every
form people type them in.

>>> clean_free_text("　已初审，符合申报条件《电工（中级）》 ")
'已初审，符合申报条件《电工（中级）》'
>>> clean_text("　３３０８２２　１９９０ ")
'330822 1990'
>>> clean_name("阿依古丽.买买提")
'阿依古丽·买买提'
>>> compact_id(" 33082219901215342x ")
'33082219901215342X'
>>> parse_date("1990年12月15日"), parse_date("1990.12.15"), parse_date(33222)
(datetime.date(1990, 12, 15), datetime.date(1990, 12, 15), datetime.date(1990, 12, 15))
>>> parse_year_month("1990.12")
(1990, 12)
>>> parse_date("2206-01-05")
Traceback (most recent call last):
    ...
qzxl.values.normalize.DateOutOfRange: 2206-01-05
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

NAME_DOTS = ".•・‧∙⋅●・．"  # written as U+00B7 in a name (and so by the 花名册's native formulas)
_NAME_DOTS = str.maketrans(dict.fromkeys(NAME_DOTS, "·"))
# How a typed date separates its parts (the 花名册's native formulas read 出生年月 by the same characters).
YEAR_SEPARATORS = "-./年"  # after the year
MONTH_SEPARATORS = "-./月"  # after the month, before the day
DAY_MARK, MONTH_MARK = "日", "月"  # what may end a date, or a year and month
_DATE_PATTERNS = (
    re.compile(rf"(\d{{4}})[{re.escape(YEAR_SEPARATORS)}](\d{{1,2}})[{re.escape(MONTH_SEPARATORS)}](\d{{1,2}})"
               rf"{DAY_MARK}?(?:[ T]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
_MONTH_PATTERNS = (
    re.compile(rf"(\d{{4}})[{re.escape(YEAR_SEPARATORS)}](\d{{1,2}}){MONTH_MARK}?"),
    re.compile(r"(\d{4})(\d{2})"),
)
# Excel serials for 1900-01-01 … 9999-12-31
SERIAL_RANGE = (1, 2958465)
# The years a typed number or a year and month may name (19901215 and 199012 typed into a General cell, 1990.12)
TYPED_YEARS = (1900, 2100)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
DATE_RANGE = (dt.date(1901, 1, 1), dt.date(2098, 12, 31))
"""Dates the schedule can work with: lunardate covers 1900–2099, and deadlines reach months either side."""


class DateOutOfRange(ValueError):
    """A real date, but outside DATE_RANGE: most likely a typo in the year (2206 for 2026)."""


# Characters an XML 1.0 file cannot hold: every control character but tab, line feed and carriage return,
# lone surrogates, and U+FFFE/U+FFFF.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# Unicode 14.0 (Python 3.11's unicodedata), code point ranges; tests/test_native_definitions.py derives them again.
_INVISIBLE_RANGES = (
    (0x00A0, 0x00A0), (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x1680, 0x1680), (0x180E, 0x180E), (0x2000, 0x200F), (0x202A, 0x202F),
    (0x205F, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB),
)
INVISIBLE = "".join(chr(code) for first, last in _INVISIBLE_RANGES for code in range(first, last + 1))
"""The characters that look like nothing or like a plain space but are neither: zero-width spaces and joiners,
BOMs, soft hyphens and direction marks (Unicode format characters, Cf), and the no-break and narrow spaces (Zs
other than the plain and the full-width space), of the Basic Multilingual Plane: the format characters beyond it
(tags, Egyptian and musical format controls) come from no paste, and in an ID count as characters (id-length).
Spelled out once, for the engine and the native formulas alike."""
_INVISIBLE = frozenset(INVISIBLE)
FORMULA_SPACES = "\u3000\u00a0"
"""The spaces the native formulas read as a plain one, besides it: the full-width space of a Chinese input method
and the no-break space of a web page (clean_text reads them so too, and more: NFKC)."""


def invisible_characters(text: str) -> str:
    """The characters of ``text`` that are INVISIBLE: copied from web pages and chat apps into an ID number, they
    make it a digit longer than the clerk can see. Anywhere in it, at its ends too, as the native formula sees it.

    >>> invisible_characters("3308\u200b22 19\u00a090"), invisible_characters("3308 22　1990")
    ('\u200b\xa0', '')
    """
    return "".join(c for c in text if c in _INVISIBLE)


def clean_free_text(value: object) -> str:
    """Free text exactly as typed, without the spaces around it (U+3000 included)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def clean_text(value: object) -> str:
    """A value matched against a list or parsed: NFKC, single spaces, no padding."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unicodedata.normalize("NFKC", str(value)).split())


def clean_name(value: object) -> str:
    """A name with every kind of middle dot written as U+00B7 and no spaces around it."""
    text = " ".join(clean_free_text(value).split()).translate(_NAME_DOTS)
    return re.sub(r"\s*·\s*", "·", text)


def compact_id(value: object) -> str:
    """An ID number without spaces or dashes, X in upper case."""
    return re.sub(r"[\s-]", "", clean_text(value)).upper()


def parse_date(value: object) -> dt.date | None:
    """A date from a cell: datetime, Excel serial or typed text. None when empty; ValueError when unreadable.

    DateOutOfRange (a ValueError) when the date is real but outside DATE_RANGE.
    """
    date = _parse_date(value)
    if date is not None and not DATE_RANGE[0] <= date <= DATE_RANGE[1]:
        raise DateOutOfRange(date.isoformat())
    return date


def _parse_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return _date_from_number(value)
    text = clean_text(value)
    if not text:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return dt.date(year, month, day)
    raise ValueError(text)


def excel_serial_date(serial: float) -> dt.date:
    """The day of an Excel serial number (1900 date system), as openpyxl's ``from_excel`` gives it.

    Serials below 60 count from 1899-12-31, those from 61 from 1899-12-30: Excel keeps Lotus 1-2-3's
    29 February 1900, a day that never was. A time of day that rounds up to midnight is the next day.

    >>> excel_serial_date(46374), excel_serial_date(1), excel_serial_date(61)
    (datetime.date(2026, 12, 18), datetime.date(1900, 1, 1), datetime.date(1900, 3, 1))
    """
    day, fraction = divmod(serial, 1)
    day += round(fraction * 86_400_000) // 86_400_000  # 23:59:59.9996 is the next day, to the millisecond
    return _EXCEL_EPOCH + dt.timedelta(days=int(day) + (1 if 0 < serial < 60 else 0))


def _date_from_number(number: float) -> dt.date:
    if float(number).is_integer() and TYPED_YEARS[0] * 10000 + 101 <= number <= TYPED_YEARS[1] * 10000 + 1231:
        return _parse_date(str(int(number)))  # type: ignore[return-value]  # 19901215 typed as a number
    if SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]:
        return excel_serial_date(number)
    raise ValueError(number)


def parse_year_month(value: object) -> tuple[int, int] | None:
    """(year, month) from a 出生年月 cell; full dates are accepted too."""
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, int, float)) and not isinstance(value, bool):
        if isinstance(value, (int, float)) and TYPED_YEARS[0] * 100 + 1 <= value <= TYPED_YEARS[1] * 100 + 12 \
                and float(value).is_integer():
            text = str(int(value))
            return _month(int(text[:4]), int(text[4:]))
        if isinstance(value, float) and not value.is_integer():
            return _month_from_decimal(value)
        date = parse_date(value)
        return (date.year, date.month) if date else None
    text = clean_text(value)
    try:
        date = parse_date(text)
    except ValueError:
        for pattern in _MONTH_PATTERNS:
            match = pattern.fullmatch(text)
            if match:
                return _month(int(match[1]), int(match[2]))
        raise
    return (date.year, date.month) if date else None


def _month_from_decimal(value: float) -> tuple[int, int]:
    """1990.12 typed into a General cell arrives as a float; 1990.10 arrives as 1990.1."""
    year_text, fraction = repr(value).split(".")
    if fraction == "1":
        return _month(int(year_text), 10)
    if len(fraction) != 2:
        raise ValueError(value)
    return _month(int(year_text), int(fraction))


def _month(year: int, month: int) -> tuple[int, int]:
    if not (1 <= month <= 12 and TYPED_YEARS[0] <= year <= TYPED_YEARS[1]):
        raise ValueError(f"{year}.{month}")
    return (year, month)


def parse_number(value: object) -> float | None:
    """A count of years or people: 5, '5', '5年', '５.５'. None when empty; ValueError when not a number.

    ``nan`` and ``inf`` are words float() happens to read, not numbers anyone typed as a count.

    >>> parse_number("5年"), parse_number(" ５.５ ")
    (5.0, 5.5)
    >>> parse_number("nan")
    Traceback (most recent call last):
        ...
    ValueError: nan
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = clean_text(value).removesuffix("年").removesuffix("人").removesuffix("个").strip()
        if not text:
            return None
        number = float(text)
    if not math.isfinite(number):
        raise ValueError(value)
    return number
