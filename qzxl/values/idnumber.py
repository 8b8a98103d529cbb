"""公民身份号码 (GB 11643) and 港澳台居民居住证 numbers.

The check digit and the GB/T 2260 region table come from python-stdnum
(``stdnum.cn.ric``). Unlike ``stdnum.cn.ric.validate``, a region code is
accepted whatever the birth year: the code says where the card was issued,
and codes that were retired (衢县 330821, to 2001) still stand on valid
cards. An unknown county is only a warning, and so is a province-level
code (330000…): real cards carry county codes, but a few old ones do not.

A first-generation 15-digit number is an error (the system takes 18); its
18-digit equivalent is :func:`upgrade`: 19 before the two-digit birth year,
and the check digit. 810000/820000/830000 are the codes of the 港澳台居民居住证
(830000 is Taiwan's permit code, not a province), so on a 居民身份证 they mean
the wrong 证件类型.

The college's own example, 330822199012153420, has a wrong check digit
(it should end in 6) — fine for a file-name example, not for a test:

>>> validate("330822199012153426")
'330822199012153426'
>>> is_valid("330822199012153420")
False
>>> [code for code, _ in problems("33089919901215342X")]
['id-county-unknown']
>>> upgrade("330822901215342")
'330822199012153426'
>>> [code for code, _ in problems("830000199201300022")]
['id-permit-as-resident-card']
>>> birth_date("330822199012153426"), gender("330822199012153426")
(datetime.date(1990, 12, 15), '女')
"""

from __future__ import annotations

import datetime as dt
import functools

from stdnum import numdb
from stdnum.cn import ric

from qzxl.catalogue import CATALOGUE, Severity
from qzxl.values.normalize import compact_id

PERMIT_REGIONS = frozenset({"810000", "820000", "830000"})
# GB 11643 (ISO 7064 MOD 11-2) spelled out for the workbook's native formulas: the weight of each of the first
# 17 digits, and the check character for each remainder of the weighted sum modulo 11 (tests: same as stdnum).
WEIGHTS = tuple(pow(2, 17 - position, 11) for position in range(17))
CHECK_CHARACTERS = "".join("X" if (12 - remainder) % 11 == 10 else str((12 - remainder) % 11)
                           for remainder in range(11))
PERMIT_TYPE = "港澳台居民居住证"
EARLIEST_BIRTH_YEAR = 1900


class InvalidIdNumber(ValueError):
    """The first error found; ``code`` is the catalogue code."""

    def __init__(self, code: str, params: dict[str, object]) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def compact(number: object) -> str:
    return compact_id(number)


def check_digit(first17: str) -> str:
    """The GB 11643 (ISO 7064 MOD 11-2) check character for 17 digits."""
    return ric.calc_check_digit(first17 + "0")


def upgrade(number15: str) -> str:
    """The 18-digit number of a 15-digit one (GB 11643-1999): 19 inserted before the birth year, check digit added."""
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + check_digit(first17)


def birth_date(number: str) -> dt.date | None:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def gender(number: str) -> str:
    """男 for an odd 17th digit, 女 for an even one."""
    return "男" if int(number[16]) % 2 else "女"


@functools.lru_cache(maxsize=8192)
def _region(code: str) -> tuple[bool, bool]:
    """(province known, county known) for a 6-digit region code, any year."""
    parts = dict(numdb.get("cn/loc").info(code))
    province = code[:2] in parts and "province" in parts[code[:2]]
    county = code[2:] in parts and "county" in parts[code[2:]]
    return province, county


@functools.cache
def province_codes() -> tuple[str, ...]:
    """The two-digit province codes of the region table, as :func:`problems` accepts them (once: the build asks a
    row at a time)."""
    return tuple(code for code in (f"{n:02d}" for n in range(100)) if _region(code + "0000")[0])


def problems(number: str, *, today: dt.date | None = None, permit: bool = False) -> list[tuple[str, dict]]:
    """Every problem with a compact number (see :func:`compact`) as (catalogue code, message parameters)."""
    if len(number) == 15 and number.isdigit():
        return [_old_number(number)]
    if len(number) != 18:
        return [("id-length", {"length": len(number)})]
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return [("id-format", {})]
    expected = check_digit(number[:17])
    if number[17] != expected:
        return [("id-check-digit", {"expected": expected})]
    if int(number[6:10]) < EARLIEST_BIRTH_YEAR:
        return [("id-birth-too-early", {"year": number[6:10]})]
    born = birth_date(number)
    if born is None:
        return [("id-birth-date", {"digits": number[6:14]})]
    if born > (today or dt.date.today()):
        return [("id-birth-future", {"birth": born.isoformat()})]
    if permit:
        return [] if number[:6] in PERMIT_REGIONS else [("id-permit-region", {})]
    if number[:6] in PERMIT_REGIONS:
        return [("id-permit-as-resident-card", {"digits": number[:6], "id_type": PERMIT_TYPE})]
    province, county = _region(number[:6])
    if not province:
        return [("id-province", {"digits": number[:2]})]
    if number[2:6] == "0000":
        return [("id-region-province-level", {"digits": number[:6]})]
    return [] if county else [("id-county-unknown", {"digits": number[:6]})]


def _old_number(number: str) -> tuple[str, dict]:
    """A 15-digit number: what to insert to make it 18 digits, when its birth date is a date."""
    upgraded = upgrade(number)
    if birth_date(upgraded) is None:
        return ("id-old-15-digit-date", {"digits": number[6:12]})
    return ("id-old-15-digit", {"check": upgraded[17], "upgraded": upgraded})

def validate(number: object, *, permit: bool = False) -> str:
    """The compact number, or InvalidIdNumber for the first error (warnings do not raise)."""
    number = compact(number)
    for code, params in problems(number, permit=permit):
        if CATALOGUE[code].severity is Severity.ERROR:
            raise InvalidIdNumber(code, params)
    return number


def is_valid(number: object, *, permit: bool = False) -> bool:
    try:
        validate(number, permit=permit)
    except InvalidIdNumber:
        return False
    return len(compact(number)) == 18
