"""Rows for the native-formula agreement test: valid people and every kind of mistake a clerk makes.

Each case is (label, {layout key: cell value}); the value is what the clerk's cell holds (a str, a number for an
ID or phone typed into a General cell, a datetime for a date). Labels name the kind, for the agreement table.
"""

from __future__ import annotations

import datetime as dt
import random

from openpyxl import load_workbook

from qzxl.layout import REGISTRATION
from qzxl.values.idnumber import check_digit

EXAM = dt.date(2026, 12, 20)
FIRST_ROW = 5
_FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def make_id(birth: dt.date, seq: int, *, region: str = "330802", male: bool = True) -> str:
    digits = f"{region}{birth:%Y%m%d}{seq % 100:02d}"
    seventeenth = (seq % 5) * 2 + (1 if male else 0)
    first17 = digits + str(seventeenth)
    return first17 + check_digit(first17)


def _valid(rng: random.Random, seq: int) -> dict:
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 45))
    male = rng.random() < 0.5
    return {"name": rng.choice(("张伟", "王芳", "李娜", "刘洋", "陈静", "阿依古丽·买买提")), "id_type": "居民身份证",
            "id_number": make_id(birth, seq, male=male), "gender": "男" if male else "女",
            "birth_date": dt.datetime.combine(birth, dt.time()), "ethnicity": "汉族", "education": "高中",
            "mobile": f"138{rng.randrange(10**8):08d}", "source": "企业", "address": "浙江省衢州市柯城区新华街 8 号",
            "condition": "累计从事本职业或相关职业工作 1 年（含）以上。"}


def _with_id(row: dict, number) -> dict:
    return {**row, "id_number": number}


def _id_birth(row: dict, birth: dt.date, seq: int, **kw) -> dict:
    male = row["gender"] == "男"
    return {**row, "id_number": make_id(birth, seq, male=male, **kw),
            "birth_date": dt.datetime.combine(birth, dt.time())}


def _x_row(row: dict, seq: int) -> dict:
    """The row with a valid number ending in X (a man's): search birth dates from one that depends on ``seq``."""
    for extra in range(1000):
        birth = dt.date(1970, 1, 1) + dt.timedelta(days=(seq * 37 + extra) % 12000)
        number = make_id(birth, seq, male=True)
        if number.endswith("X"):
            return {**row, "id_number": number, "gender": "男", "birth_date": dt.datetime.combine(birth, dt.time())}
    raise AssertionError("no X")


def cases(seed: int) -> list[tuple[str, dict]]:
    rng = random.Random(seed)
    out: list[tuple[str, dict]] = []
    seq = seed * 1000

    def base() -> dict:
        nonlocal seq
        seq += 1
        return _valid(rng, seq)

    kinds = {
        "valid": lambda r: r,
        "valid X check digit": lambda r: _x_row(r, seq),
        "valid x check digit (lower case)": lambda r: (lambda x: {**x, "id_number": x["id_number"].lower()})(
            _x_row(r, seq)),
        "valid leap day 2000-02-29": lambda r: _id_birth(r, dt.date(2000, 2, 29), seq),
        "valid exactly 16 on exam day": lambda r: _id_birth(r, EXAM.replace(year=EXAM.year - 16), seq),
        "valid ID with spaces around": lambda r: _with_id(r, "  " + r["id_number"] + " "),
        "valid ID in full-width digits": lambda r: _with_id(r, r["id_number"].translate(_FULL_WIDTH)),
        "valid ID with ideographic space": lambda r: _with_id(r, "　" + r["id_number"]),
        "15-digit old ID": lambda r: _with_id(r, r["id_number"][:6] + r["id_number"][8:17]),
        "valid mobile +86 and spaces": lambda r: {**r, "mobile": "+86 138 0013 8000"},
        "valid mobile typed as a number": lambda r: {**r, "mobile": 13800138000},
        "valid mobile full-width": lambda r: {**r, "mobile": "１３９１２３４５６７８"},
        "valid 17400 satellite mobile": lambda r: {**r, "mobile": "17400123456"},
        "valid near miss 汉 (warning)": lambda r: {**r, "ethnicity": "汉"},
        "valid near miss 本科 (warning)": lambda r: {**r, "education": "本科"},
        "valid 港澳台 permit": lambda r: _id_birth({**r, "id_type": "港澳台居民居住证"}, dt.date(1990, 5, 5), seq,
                                                region="810000"),
        "valid 护照 (other document, not checked natively)": lambda r: {**r, "id_type": "护照(外国国籍)",
                                                                     "id_number": "E12345678"},
        "valid bad e-mail (not native)": lambda r: {**r, "email": "zhang.example.com"},
        "ID stored as a number": lambda r: _with_id(r, int(r["id_number"][:15]) * 1000),
        "ID 17 digits": lambda r: _with_id(r, r["id_number"][:17]),
        "ID 19 digits": lambda r: _with_id(r, r["id_number"] + "1"),
        "ID with a letter": lambda r: _with_id(r, r["id_number"][:5] + "A" + r["id_number"][6:]),
        "ID wrong check digit": lambda r: _with_id(r, r["id_number"][:17] + ("1" if r["id_number"][17] != "1"
                                                                             else "2")),
        "ID birth 1990-02-30": lambda r: _with_id(r, _recheck(r["id_number"][:6] + "19900230" + r["id_number"][14:17])),
        "ID birth 2001-02-29 (not leap)": lambda r: _with_id(r, _recheck(r["id_number"][:6] + "20010229"
                                                                         + r["id_number"][14:17])),
        "ID birth 1900-02-29 (not leap)": lambda r: _with_id(r, _recheck(r["id_number"][:6] + "19000229"
                                                                         + r["id_number"][14:17])),
        "ID birth 1899 (too early)": lambda r: _with_id(r, _recheck(r["id_number"][:6] + "18991215"
                                                                    + r["id_number"][14:17])),
        "resident card with a permit number": lambda r: _with_id(r, _recheck("810000" + r["id_number"][6:17])),
        "ID province-level region 330000 (warning only)": lambda r: {**r, "id_number": _recheck(
            "330000" + r["id_number"][6:17])},
        "ID birth month 13": lambda r: _with_id(r, _recheck(r["id_number"][:6] + "19901315" + r["id_number"][14:17])),
        "ID province 99": lambda r: _with_id(r, _recheck("99" + r["id_number"][2:17])),
        "permit with a mainland region": lambda r: {**r, "id_type": "港澳台居民居住证"},
        "gender contradicts the ID": lambda r: {**r, "gender": "女" if r["gender"] == "男" else "男"},
        "birth date contradicts the ID": lambda r: {**r, "birth_date": r["birth_date"] + dt.timedelta(days=1)},
        "15 on exam day": lambda r: _id_birth(r, EXAM.replace(year=EXAM.year - 16) + dt.timedelta(days=1), seq),
        "born 2012-02-29, 14": lambda r: _id_birth(r, dt.date(2012, 2, 29), seq),
        "mobile 10 digits": lambda r: {**r, "mobile": "1380013800"},
        "mobile 12345678901": lambda r: {**r, "mobile": "12345678901"},
        "mobile 17406 (not a mobile range)": lambda r: {**r, "mobile": "17406123456"},
        "mobile with letters": lambda r: {**r, "mobile": "138OO138000"},
        "ethnicity unknown": lambda r: {**r, "ethnicity": "火星族"},
        "education unknown": lambda r: {**r, "education": "大学"},
        "source unknown": lambda r: {**r, "source": "自由职业"},
        "address missing": lambda r: {**r, "address": ""},
        "condition only spaces": lambda r: {**r, "condition": "   "},
        "birth date missing": lambda r: {**r, "birth_date": None},
        "gender missing": lambda r: {**r, "gender": None},
    }
    rows_per_book = 500
    while len(out) < rows_per_book - 10:
        for label, make in kinds.items():
            if len(out) >= rows_per_book - 10:
                break
            out.append((label, make(base())))
    # duplicates: the same person twice, once with a lower-case x and spaces
    twin = _x_row(base(), seq + 7)
    out.append(("duplicate ID", twin))
    out.append(("duplicate ID (lower x, spaces)", {**twin, "id_number": " " + twin["id_number"].lower()}))
    # two 18-digit numbers equal in their first 15 digits are not duplicates (COUNTIF would say they are)
    near = base()
    out.append(("valid, same first 15 digits as the next", near))
    other = near["id_number"][:15] + "5"
    out.append(("valid, same first 15 digits as the previous", {**near, "id_number": other + check_digit(other)}))
    return out


def _recheck(first17: str) -> str:
    return first17 + check_digit(first17)


def fill(template, target, rows: list[tuple[str, dict]]) -> None:
    """Type the rows into a copy of the built workbook (openpyxl keeps the macros, formulas and formats)."""
    book = load_workbook(template, keep_vba=True)
    ws = book["报名信息"]
    letters = {c.key: index + 1 for index, c in enumerate(REGISTRATION.columns)}
    for offset, (_, values) in enumerate(rows):
        for key, value in values.items():
            if isinstance(value, dt.datetime):
                ws.cell(FIRST_ROW + offset, letters[key], value.date()).number_format = "yyyy-mm-dd"
            elif value is not None and value != "":
                ws.cell(FIRST_ROW + offset, letters[key], value)
    plan = book["方案"]
    destination = book.defined_names["QZ_EXAM_DATE"].attr_text.split("!")[1].replace("$", "")
    plan[destination] = dt.datetime.combine(EXAM, dt.time())
    book.save(target)
