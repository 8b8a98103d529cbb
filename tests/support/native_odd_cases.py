"""A 170-row book of the cells the native formulas once read otherwise than the engine: dates typed as text,
dates typed as numbers (19901215 into a General cell), dates typed with a time of day, and invisible characters
copied into a cell.

Rows are (label, {layout key: cell value}) as in tests/native_cases.py, each kind valid and wrong.
"""

from __future__ import annotations

import datetime as dt
import random

from support.native_cases import make_id, valid_case

_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
NBSP, ZWSP, BOM, NARROW = "\u00a0", "\u200b", "\ufeff", "\u202f"


def _born(row: dict) -> dt.date:
    return row["birth_date"].date()


def _other(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=1)


def _text_dates(day: dt.date) -> dict[str, str]:
    return {
        "1982年8月20日": f"{day.year}年{day.month}月{day.day}日",
        "1982-08-20": f"{day:%Y-%m-%d}",
        "1982/8/20": f"{day.year}/{day.month}/{day.day}",
        "1982.08.20": f"{day:%Y.%m.%d}",
        "19820820 as text": f"{day:%Y%m%d}",
        "1982-08-20 with spaces": f" {day:%Y-%m-%d}　",
        "1982-08-20 in full-width digits": f"{day:%Y-%m-%d}".translate(_FULL_WIDTH),
        "1982年08月20日": f"{day:%Y}年{day:%m}月{day:%d}日",
    }


def odd_cases(seed: int = 26) -> list[tuple[str, dict]]:
    rng = random.Random(seed)
    seq = 5000
    out: list[tuple[str, dict]] = []

    def base() -> dict:
        nonlocal seq
        seq += 1
        return valid_case(rng, seq)

    for _ in range(4):
        for form in _text_dates(dt.date(1982, 8, 20)):
            row = base()
            out.append((f"出生日期 typed as text {form}", {**row, "birth_date": _text_dates(_born(row))[form]}))
            row = base()
            out.append((f"出生日期 typed as text {form}, another day",
                        {**row, "birth_date": _text_dates(_other(_born(row)))[form]}))
        row = base()
        out.append(("出生日期 typed as the number 19820820", {**row, "birth_date": int(f"{_born(row):%Y%m%d}")}))
        row = base()
        out.append(("出生日期 typed as the number 19820820, another day",
                    {**row, "birth_date": int(f"{_other(_born(row)):%Y%m%d}")}))
        row = base()
        out.append(("出生日期 typed as the number 19820820.0", {**row, "birth_date": float(f"{_born(row):%Y%m%d}")}))
        row = base()
        out.append(("出生日期 as a serial number of another day", {**row, "birth_date": (
            _other(_born(row)) - dt.date(1899, 12, 30)).days}))
        row = base()
        out.append(("出生日期 text 2206-01-05 (out of range, not native)", {**row, "birth_date": "2206-01-05"}))
        row = base()
        out.append(("出生日期 text 1990-13-01 (unreadable, not native)", {**row, "birth_date": "1990-13-01"}))
        row = base()
        out.append(("出生日期 text 1990年2月30日 (no such day, not native)", {**row, "birth_date": "1990年2月30日"}))
        for name, mark in (("no-break space", NBSP), ("zero-width space", ZWSP), ("BOM", BOM),
                           ("narrow no-break space", NARROW)):
            row = base()
            number = row["id_number"]
            out.append((f"ID with a {name} inside", {**row, "id_number": number[:6] + mark + number[6:]}))
            row = base()
            out.append((f"ID with a {name} after it", {**row, "id_number": row["id_number"] + mark}))
        row = base()
        out.append(("gender followed by a no-break space", {**row, "gender": row["gender"] + NBSP}))
        row = base()
        out.append(("民族 followed by a no-break space", {**row, "ethnicity": "汉族" + NBSP}))
        row = base()
        out.append(("mobile with no-break spaces", {**row, "mobile": f"138{NBSP}0013{NBSP}8000"}))
        row = base()
        out.append(("mobile with a zero-width space", {**row, "mobile": f"1380013{ZWSP}8000"}))
        row = base()
        out.append(("address only a no-break space", {**row, "address": NBSP}))
        row = base()
        out.append(("出生日期 typed as text with a no-break space", {**row, "birth_date": f"{_born(row):%Y-%m-%d}{NBSP}"}))
        row = base()
        out.append(("name with a no-break space inside", {**row, "name": row["name"][0] + NBSP + row["name"][1:]}))
        row = base()
        out.append(("证件类型 followed by a no-break space", {**row, "id_type": row["id_type"] + NBSP}))
        row = base()
        out.append(("valid", row))
    for form, typed in _TIMED.items():  # a time of day after a date typed as text
        for day in ("same", "another"):
            row = base()
            born = _born(row) if day == "same" else _other(_born(row))
            out.append((f"出生日期 typed as text {form}, {day} day", {**row, "birth_date": typed(born)}))
    assert len(out) == 170, len(out)
    return out


_TIMED = {
    "1982-08-20 08:30": lambda day: f"{day:%Y-%m-%d} 08:30",
    "1982/8/20 8:05:00": lambda day: f"{day.year}/{day.month}/{day.day} 8:05:00",
    "1982-08-20T08:30": lambda day: f"{day:%Y-%m-%d}T08:30",
    "1982年8月20日 08:30": lambda day: f"{day.year}年{day.month}月{day.day}日 08:30",
    "19820820 08:30 (unreadable, not native)": lambda day: f"{day:%Y%m%d} 08:30",
}


def odd_roster(rows: list[tuple[str, dict]]) -> list[tuple[str, dict | None]]:
    """Every line follows its 报名信息 row, but a few typed over with the same odd IDs and dates."""
    out: list[tuple[str, dict | None]] = []
    for index, (label, values) in enumerate(rows):
        if index % 8 == 3 and isinstance(values["id_number"], str) and len(values["id_number"]) == 18:
            number = values["id_number"]
            out.append(("ID typed with a no-break space inside", {"id_number": number[:6] + NBSP + number[6:]}))
        elif index % 8 == 5 and isinstance(values["id_number"], str) and len(values["id_number"]) == 18:
            out.append(("出生年月 typed as the number 198208 of the ID's month",
                        {"birth_month": int(values["id_number"][6:12])}))
        else:
            out.append((f"follows 报名信息: {label}", None))
    return out


__all__ = ["make_id", "odd_cases", "odd_roster"]
