"""Working days in mainland China: statutory holidays, make-up working days (调休) and local overrides.

Published arrangements come from ``chinesecalendar``. A year it does not
cover yet is estimated from the current national regulation (全国年节及纪念日
放假办法, 2024 revision: 元旦 1 day, 春节 4 days from 除夕, 清明 1, 劳动节 2,
端午 1, 中秋 1, 国庆 3) with lunar dates from ``lunardate`` and 清明 from the
solar terms — and every date of such a year is marked estimated. The
override table on the 字典 sheet wins over both (the State Council publishes
the next year's arrangement late in the year).

>>> import datetime as dt
>>> calendar = WorkCalendar()
>>> calendar.day(dt.date(2026, 10, 10))  # a make-up working Saturday
Day(date=datetime.date(2026, 10, 10), workday=True, reason='周六调休上班', estimated=False)
>>> calendar.latest_workday(dt.date(2026, 10, 4)).date
datetime.date(2026, 9, 30)
>>> calendar.day(dt.date(2027, 10, 1)).estimated
True
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

import chinese_calendar
from lunardate import LunarDate

WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
_SEARCH_LIMIT = 60  # no run of days off in China is this long


@dataclass(frozen=True)
class Day:
    date: dt.date
    workday: bool
    reason: str = ""  # why a day is off, or why a weekend day is worked
    estimated: bool = False


@dataclass(frozen=True)
class Override:
    workday: bool
    note: str = ""


@dataclass(frozen=True)
class WorkCalendar:
    overrides: Mapping[dt.date, Override] = field(default_factory=dict)

    def day(self, date: dt.date) -> Day:
        if date in self.overrides:
            override = self.overrides[date]
            default = "调整上班" if override.workday else "调整放假"
            return Day(date, override.workday, override.note or default)
        if covered_by_data(date.year):
            return _published_day(date)
        return _estimated_day(date)

    def latest_workday(self, date: dt.date) -> Day:
        """The latest working day on or before ``date``, estimated if any day looked at was."""
        estimated = False
        for back in range(_SEARCH_LIMIT):
            day = self.day(date - dt.timedelta(days=back))
            estimated |= day.estimated
            if day.workday:
                return Day(day.date, True, day.reason, estimated)
        raise ValueError(f"no working day in the {_SEARCH_LIMIT} days up to {date}")


@functools.cache
def covered_by_data(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def _published_day(date: dt.date) -> Day:
    holiday, name = chinese_calendar.get_holiday_detail(date)
    weekend = date.weekday() >= 5
    if holiday:
        reason = HOLIDAY_NAMES.get(name, name) if name else WEEKDAYS[date.weekday()]
        return Day(date, False, reason)
    return Day(date, True, f"{WEEKDAYS[date.weekday()]}调休上班" if weekend else "")


@functools.cache
def estimated_holidays(year: int) -> dict[dt.date, str]:
    """The statutory days off of a year with no published arrangement (no 调休 can be known)."""
    days = {dt.date(year, 1, 1): "元旦", dt.date(year, 5, 1): "劳动节", dt.date(year, 5, 2): "劳动节"}
    days.update({dt.date(year, 10, d): "国庆节" for d in (1, 2, 3)})
    new_year = LunarDate(year, 1, 1).to_solar_date()
    for offset in range(-1, 3):  # 除夕 to 正月初三
        days[new_year + dt.timedelta(days=offset)] = "春节"
    days[LunarDate(year, 5, 5).to_solar_date()] = "端午节"
    days[LunarDate(year, 8, 15).to_solar_date()] = "中秋节"
    for date, name in chinese_calendar.get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 10)):
        if name == "清明":
            days[date] = "清明节"
    return days


def _estimated_day(date: dt.date) -> Day:
    holiday = estimated_holidays(date.year).get(date)
    if holiday:
        return Day(date, False, holiday, estimated=True)
    weekend = date.weekday() >= 5
    return Day(date, not weekend, WEEKDAYS[date.weekday()] if weekend else "", estimated=True)
