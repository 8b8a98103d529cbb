"""Rows for the native-formula agreement test: valid people and every kind of mistake a clerk makes.

Each case is (label, {layout key: cell value}); the value is what the clerk's cell holds (a str, a number for an
ID or phone typed into a General cell, a datetime for a date). Labels name the kind, for the agreement table.
"""

from __future__ import annotations

import datetime as dt
import random

from openpyxl import load_workbook

from qzxl.layout import REGISTRATION, ROSTER
from qzxl.values.idnumber import check_digit

EXAM = dt.date(2026, 12, 20)
FIRST_ROW = 5
_FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def make_id(birth: dt.date, seq: int, *, region: str = "330802", male: bool = True) -> str:
    digits = f"{region}{birth:%Y%m%d}{seq % 100:02d}"
    seventeenth = (seq % 5) * 2 + (1 if male else 0)
    first17 = digits + str(seventeenth)
    return first17 + check_digit(first17)


def valid_case(rng: random.Random, seq: int) -> dict:
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
        return valid_case(rng, seq)

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
        "valid birth date typed as text 1990-12-15": lambda r: {**r, "birth_date": f"{r['birth_date']:%Y-%m-%d}"},
        "valid birth date typed as text 1990年12月15日": lambda r: {
            **r, "birth_date": f"{r['birth_date'].year}年{r['birth_date'].month}月{r['birth_date'].day}日"},
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
    # the same ID under two names: a 花名册 line is compared with the first of the two rows
    first = base()
    out.append(("duplicate ID, first of two names", {**first, "name": "赵一"}))
    out.append(("duplicate ID, second of two names", {**first, "name": "钱二"}))
    return out


def _month_text(value) -> str:
    return f"{value.year}.{value.month:02d}"


# How a 出生年月 gets written: what the 花名册's formula shows, what Excel makes of what a clerk types, what a
# paste or an import leaves as text.
MONTH_FORMS = {
    "text 1990.05": lambda d: f"{d.year}.{d.month:02d}",
    "text 1990.5": lambda d: f"{d.year}.{d.month}",
    "text 1990-05": lambda d: f"{d.year}-{d.month:02d}",
    "text 1990/5": lambda d: f"{d.year}/{d.month}",
    "text 1990年05月": lambda d: f"{d.year}年{d.month:02d}月",
    "text 1990年5月": lambda d: f"{d.year}年{d.month}月",
    "text 1990年5月5日": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "text 1990/5/5": lambda d: f"{d.year}/{d.month}/{d.day}",
    "text 1990-05-05日": lambda d: f"{d:%Y-%m-%d}日",
    "text 1990.5.15": lambda d: f"{d.year}.{d.month}.{d.day}",
    "text 19900505": lambda d: f"{d:%Y%m%d}",
    "text 199005 with spaces": lambda d: f" {d:%Y%m} ",
    "text in full-width digits": lambda d: f"{d.year}.{d.month:02d}".translate(_FULL_WIDTH),
    "number 1990.05 (typed into a General cell)": lambda d: float(f"{d.year}.{d.month:02d}"),
    "number 199005": lambda d: int(f"{d:%Y%m}"),
    "number 19900505": lambda d: int(f"{d:%Y%m%d}"),
    "a date": lambda d: d,
}


def roster_cases(rows: list[tuple[str, dict]], seed: int) -> list[tuple[str, dict | None]]:
    """What the clerk does to each 花名册 line (FIRST_ROW on): None leaves the line's formulas (it follows its
    报名信息 row), a dict types over those cells ({roster key: value}, None empties a cell). Lines after the last
    报名信息 row are typed from scratch. Labels name the kind, for the agreement table."""
    rng = random.Random(seed + 100)
    seq = seed * 1000 + 900

    def fresh() -> dict:
        nonlocal seq
        seq += 1
        return valid_case(rng, seq)

    def month_of(values: dict):
        """A day of the month the line must show: the typed 出生日期, else the one in an 18-character ID (a 出生日期
        typed as text here is the ID's)."""
        if isinstance(values["birth_date"], dt.datetime):
            return values["birth_date"]
        number = values["id_number"] if isinstance(values["id_number"], str) else ""
        digits = number.strip()[6:14]
        if digits.isdigit() and len(number.strip()) == 18:
            try:
                return dt.datetime.strptime(digits, "%Y%m%d")
            except ValueError:
                pass
        return dt.datetime(1990, 1, 1)

    def other_month(values: dict) -> str:
        born = month_of(values)
        return f"{born.year}.{born.month % 12 + 1:02d}"

    kinds = {
        "ID typed as a number": lambda v: {"id_number": int(str(v["id_number"])[:15]) * 1000},
        "ID with spaces around": lambda v: {"id_number": "  " + str(v["id_number"]) + " "},
        "ID with a dash": lambda v: {"id_number": str(v["id_number"])[:6] + "-" + str(v["id_number"])[6:]},
        "ID in lower case": lambda v: {"id_number": str(v["id_number"]).lower()},
        "ID in full-width digits": lambda v: {"id_number": str(v["id_number"]).translate(_FULL_WIDTH)},
        "ID not on 报名信息": lambda v: {"id_number": fresh()["id_number"]},
        "ID emptied": lambda v: {"id_number": None},
        "ID only spaces": lambda v: {"id_number": "   "},
        "name emptied": lambda v: {"name": None},
        "name only ideographic spaces": lambda v: {"name": "　　"},
        "name with spaces around": lambda v: {"name": " " + v["name"] + "　"},
        "name with another middle dot": lambda v: {"name": v["name"].replace("·", ".")},
        "name differs": lambda v: {"name": v["name"] + "一"},
        "name in Latin letters": lambda v: {"name": "Zhang Wei"},
        "gender differs": lambda v: {"gender": "女" if v["gender"] == "男" else "男"},
        "gender with a space": lambda v: {"gender": (v["gender"] or "男") + " "},
        "gender emptied": lambda v: {"gender": None},
        "出生年月 unreadable 1990.13 (not native)": lambda v: {"birth_month": f"{month_of(v).year}.13"},
        "出生年月 1990-02-30 (not a date, not native)": lambda v: {"birth_month": f"{month_of(v).year}-02-30"},
        "出生年月 1899.12 (not native)": lambda v: {"birth_month": "1899.12"},
        "出生年月 2099.01 (a month of another year)": lambda v: {"birth_month": "2099.01"},
        "出生年月 2099-01-01 (out of range, not native)": lambda v: {"birth_month": "2099-01-01"},
        "出生年月 1990月5 (not a date, not native)": lambda v: {"birth_month": f"{month_of(v).year}月5"},
        "出生年月 typed 1990.123 (not a month, not native)": lambda v: {"birth_month": 1990.123},
        "出生年月 as number 199000 (month 0, not native)": lambda v: {"birth_month": 199000},
        "name with spaces around its dot": lambda v: {"name": v["name"].replace("·", " · ")},
        "name with a space inside": lambda v: {"name": v["name"][0] + "  " + v["name"][1:]},
        "another line's ID (a repeat)": None,  # filled below: the previous line's ID
        "only 出生年月 left": lambda v: dict.fromkeys(("name", "gender", "education", "work_years", "cert_number",
                                                      "employer_or_address", "id_number", "phone")),
    }
    for form, write in MONTH_FORMS.items():  # each way of writing 出生年月, with the right month and another
        kinds[f"出生年月 as {form}"] = lambda v, write=write: {"birth_month": write(month_of(v))}
        kinds[f"出生年月 as {form}, another month"] = lambda v, write=write: {
            "birth_month": write(month_of(v).replace(day=1) + dt.timedelta(days=40))}
    out: list[tuple[str, dict | None]] = []
    names = list(kinds)
    pick = 0
    for index, (label, values) in enumerate(rows):
        if label == "duplicate ID, first of two names":  # this line keeps the ID, the next line moves off it
            name = values["name"] if seed % 2 else rows[index + 1][1]["name"]
            out.append((f"ID twice on 报名信息, line named as its {'first' if seed % 2 else 'second'} row",
                        {"name": name}))
            continue
        if label == "duplicate ID, second of two names":
            out.append(("ID twice on 报名信息, second line's ID not on 报名信息", {"id_number": fresh()["id_number"]}))
            continue
        if label == "birth date missing":  # the line's 出生年月 is compared with the ID's
            born = month_of(values)
            typed = _month_text(born) if index % 2 else f"{born.year}.{born.month % 12 + 1:02d}"
            out.append((f"出生日期 empty, 出生年月 typed as {'the ID' if index % 2 else 'another'}'s month",
                        {"birth_month": typed}))
            continue
        if index % 2:
            out.append((f"follows 报名信息: {label}", None))
            continue
        kind = names[pick % len(names)]
        pick += 1
        if kind == "another line's ID (a repeat)":
            out.append((kind, {"id_number": rows[index - 1][1]["id_number"]}))
        else:
            out.append((kind, kinds[kind](values)))
    while len(out) < 500:  # people typed onto the 花名册 only
        person = fresh()
        line = {"name": person["name"], "gender": person["gender"], "birth_month": _month_text(person["birth_date"]),
                "id_number": person["id_number"], "phone": person["mobile"]}
        out.append(("typed onto the 花名册 only (not on 报名信息)", line) if len(out) % 2 else
                   ("typed onto the 花名册 only, ID typed as a number", {**line, "id_number": int(person["id_number"][:15])}))
    return out


def _recheck(first17: str) -> str:
    return first17 + check_digit(first17)


def fill(template, target, rows: list[tuple[str, dict]], roster: list[tuple[str, dict | None]] = ()) -> None:
    """Type the rows into a copy of the built workbook (openpyxl keeps the macros, formulas and formats), and
    type over the 花名册 lines ``roster`` changes."""
    book = load_workbook(template, keep_vba=True)
    ws = book["报名信息"]
    letters = {c.key: index + 1 for index, c in enumerate(REGISTRATION.columns)}
    for offset, (_, values) in enumerate(rows):
        for key, value in values.items():
            if isinstance(value, dt.datetime):
                ws.cell(FIRST_ROW + offset, letters[key], value.date()).number_format = "yyyy-mm-dd"
            elif value is not None and value != "":
                ws.cell(FIRST_ROW + offset, letters[key], value)
    ws = book["花名册"]
    letters = {c.key: index + 1 for index, c in enumerate(ROSTER.columns)}
    for offset, (_, values) in enumerate(roster):
        for key, value in (values or {}).items():
            cell = ws.cell(FIRST_ROW + offset, letters[key])
            cell.value = value.date() if isinstance(value, dt.datetime) else value
            if isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd"
    plan = book["方案"]
    destination = book.defined_names["QZ_EXAM_DATE"].attr_text.split("!")[1].replace("$", "")
    plan[destination] = dt.datetime.combine(EXAM, dt.time())
    book.save(target)
