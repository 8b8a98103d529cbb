"""Working days in mainland China: statutory holidays, make-up working days (调休) and local overrides.

Published arrangements come from ``chinesecalendar`` and, for a year it does
not cover yet, from the ``holidays`` package when that carries the year's
published 调休 (its make-up working days for the year; its generic 补假 rule
for later years is a guess and is not used). The 放假调整 table on the 字典
sheet wins over both, day by day.

A year no package has published is estimated so that a deadline is never
later than the real one. Every day of it is either a certain working day or a
possible day off: weekends (make-up working days are never assumed), the
statutory days of the current regulation (全国年节及纪念日放假办法, 2024
revision: 元旦 1, 春节 4 from 除夕, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3)
and every weekday the State Council's 调休 principles of 2024 could give off:

* 春节: the 8 days from 除夕 (2026 took a 9th, the Sunday before 除夕);
* 劳动节: 5 days from 5 月 1 日, or from the Saturday before when 5 月 1 日
  falls on a Sunday, Monday or Tuesday (both are counted then);
* 国庆节: 10 月 1–7 日; 10 月 1–8 日 with 中秋 when 中秋 falls from 9 月 28 日
  to 10 月 8 日 (from 中秋 on when it comes first);
* 元旦, 清明, 端午, 中秋: three days with the weekend — a Tuesday festival
  takes the Monday, a Thursday one the Friday, a Saturday or Sunday one the
  Monday as 补假, a Wednesday one stays one day (as every year since 2014);
  a Tuesday 元旦 takes the Monday 12 月 31 日 before it.

``WorkCalendar(unpublished={2026})`` treats chosen years as not yet published,
which is how ``python -m benchmarks.holidays`` back-tests the estimate.

>>> import datetime as dt
>>> calendar = WorkCalendar()
>>> calendar.day(dt.date(2026, 10, 10))  # a make-up working Saturday
Day(date=datetime.date(2026, 10, 10), workday=True, reason='周六调休上班', estimated=False)
>>> calendar.latest_workday(dt.date(2026, 10, 4)).date
datetime.date(2026, 9, 30)
>>> calendar.day(dt.date(2027, 10, 7))  # may be the last day of the National Day break
Day(date=datetime.date(2027, 10, 7), workday=False, reason='国庆节假期（可能调休放假）', estimated=True)
>>> WorkCalendar(unpublished=frozenset({2026})).latest_workday(dt.date(2026, 10, 7)).date
datetime.date(2026, 9, 30)
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import chinese_calendar
from lunardate import LunarDate

from qzxl.catalogue import say
from qzxl.errors import CannotRun

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
CHINESECALENDAR, HOLIDAYS, ESTIMATE = "chinesecalendar", "holidays", "预估"
POSSIBLY_OFF = "（可能调休放假）"


def estimate_marked(text: str, estimated: bool) -> str:
    """``text`` marked （预估） when what it names is estimated: the catalogue's one spelling of that mark.

    >>> estimate_marked("提交纸质材料", True), estimate_marked("提交纸质材料", False)
    ('提交纸质材料（预估）', '提交纸质材料')
    """
    return say("calendar-estimated", label=text) if estimated else text


_SEARCH_LIMIT = 60  # no run of days off in China is this long
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Day:
    date: dt.date
    workday: bool  # in an estimated year: a certain working day
    reason: str = ""  # why a day is off, or why a weekend day is worked
    estimated: bool = False


@dataclass(frozen=True)
class Override:
    workday: bool
    note: str = ""


@dataclass(frozen=True)
class WorkCalendar:
    overrides: Mapping[dt.date, Override] = field(default_factory=dict)
    unpublished: frozenset[int] = frozenset()  # years treated as not yet published (back-testing)

    def day(self, date: dt.date) -> Day:
        if date in self.overrides:
            override = self.overrides[date]
            default = "调整上班" if override.workday else "调整放假"
            return Day(date, override.workday, override.note or default)
        source = self.source(date.year)
        if source == CHINESECALENDAR:
            return chinesecalendar_day(date)
        if source == HOLIDAYS:
            return holidays_day(date)
        return _estimated_day(date)

    def source(self, year: int) -> str:
        """Where a year's days come from: chinesecalendar, holidays, or 预估."""
        return ESTIMATE if year in self.unpublished else published_source(year)

    def latest_workday(self, date: dt.date) -> Day:
        """The latest (certain) working day on or before ``date``, estimated if any day looked at was."""
        estimated = False
        for back in range(_SEARCH_LIMIT):
            day = self.day(date - dt.timedelta(days=back))
            estimated |= day.estimated
            if day.workday:
                return Day(day.date, True, day.reason, estimated)
        # Only the workbook's 放假调整 rows can do this: say which days, not 出现意外错误.
        raise CannotRun("run-holidays-no-workday", first=date - dt.timedelta(days=_SEARCH_LIMIT - 1), last=date,
                        days=_SEARCH_LIMIT)

    def earliest_workday(self, date: dt.date) -> Day:
        """The earliest (certain) working day on or after ``date``: where a period after the exam may start."""
        estimated = False
        for ahead in range(_SEARCH_LIMIT):
            day = self.day(date + dt.timedelta(days=ahead))
            estimated |= day.estimated
            if day.workday:
                return Day(day.date, True, day.reason, estimated)
        raise CannotRun("run-holidays-no-workday", first=date, last=date + dt.timedelta(days=_SEARCH_LIMIT - 1),
                        days=_SEARCH_LIMIT)


@functools.cache
def covered_by_data(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@functools.cache
def published_source(year: int) -> str:
    if covered_by_data(year):
        return CHINESECALENDAR
    return HOLIDAYS if holidays_published(year) else ESTIMATE


def chinesecalendar_day(date: dt.date) -> Day:
    holiday, name = chinese_calendar.get_holiday_detail(date)
    weekend = date.weekday() >= 5
    if holiday:
        reason = HOLIDAY_NAMES.get(name, name) if name else WEEKDAYS[date.weekday()]
        return Day(date, False, reason)
    return Day(date, True, f"{WEEKDAYS[date.weekday()]}调休上班" if weekend else "")


@functools.cache
def _holidays_china():
    import holidays  # imported only for years chinesecalendar does not cover

    return holidays.China(language="zh_CN")


def holidays_published(year: int) -> bool:
    """True when ``holidays`` carries the year's published 调休: make-up working days dated in it."""
    china = _holidays_china()
    china.get(dt.date(year, 1, 1))  # expands the calendar to the year
    return any(day.year == year for day in china.weekend_workdays)


def holidays_day(date: dt.date) -> Day:
    china = _holidays_china()
    china.get(dt.date(date.year + 1, 1, 1))  # a make-up day late in December is listed with the next year
    name = china.get(date)
    if not china.is_working_day(date):
        return Day(date, False, name.split("（")[0] if name else WEEKDAYS[date.weekday()])
    return Day(date, True, f"{WEEKDAYS[date.weekday()]}调休上班" if date.weekday() >= 5 else "")


def _three_day_break(festival: dt.date) -> list[dt.date]:
    """A one-day festival and the weekday the usual three-day break takes with it."""
    extra = {1: -1, 3: 1, 5: 2, 6: 1}.get(festival.weekday())  # Tue→Mon, Thu→Fri, Sat/Sun→Mon
    return [festival] + ([festival + extra * _DAY] if extra else [])


def _days(start: dt.date, count: int) -> list[dt.date]:
    return [start + offset * _DAY for offset in range(count)]


def _labour_day_starts(year: int) -> Iterable[dt.date]:
    may_day = dt.date(year, 5, 1)
    yield may_day
    if may_day.weekday() in (6, 0, 1):  # Sun, Mon, Tue: the break may start on the Saturday before
        yield may_day - ((may_day.weekday() + 2) % 7) * _DAY


def _qingming(year: int) -> dt.date:
    return next(date for date, name in chinese_calendar.get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 10))
                if name == "清明")


@functools.cache
def statutory_days(year: int) -> dict[dt.date, str]:
    """The statutory days off of the current regulation (13 a year since 2025)."""
    eve = LunarDate(year, 1, 1).to_solar_date() - _DAY
    days = {dt.date(year, 1, 1): "元旦"}
    days.update(dict.fromkeys(_days(eve, 4), "春节"))  # 除夕 to 正月初三
    days[_qingming(year)] = "清明节"
    days.update(dict.fromkeys(_days(dt.date(year, 5, 1), 2), "劳动节"))
    days[LunarDate(year, 5, 5).to_solar_date()] = "端午节"
    days[LunarDate(year, 8, 15).to_solar_date()] = "中秋节"
    days.update(dict.fromkeys(_days(dt.date(year, 10, 1), 3), "国庆节"))
    return days


@functools.cache
def possible_days_off(year: int) -> dict[dt.date, str]:
    """Every day of the year besides weekends a plausible arrangement could give off, by festival."""
    eve = LunarDate(year, 1, 1).to_solar_date() - _DAY
    mid_autumn = LunarDate(year, 8, 15).to_solar_date()
    breaks: list[tuple[str, list[dt.date]]] = [
        ("元旦", _three_day_break(dt.date(year, 1, 1))),
        ("元旦", [day for day in _three_day_break(dt.date(year + 1, 1, 1)) if day.year == year]),
        ("春节", _days(eve, 8)),
        ("清明节", _three_day_break(_qingming(year))),
        ("劳动节", [day for start in _labour_day_starts(year) for day in _days(start, 5)]),
        ("端午节", _three_day_break(LunarDate(year, 5, 5).to_solar_date())),
    ]
    national_day = dt.date(year, 10, 1)
    if national_day - 3 * _DAY <= mid_autumn <= national_day + 7 * _DAY:  # merged: 8 days
        first = min(mid_autumn, national_day)
        breaks.append(("国庆节", _days(first, (dt.date(year, 10, 8) - first).days + 1)))
    else:
        breaks.append(("中秋节", _three_day_break(mid_autumn)))
        breaks.append(("国庆节", _days(national_day, 7)))
    days: dict[dt.date, str] = {}
    for name, dates in breaks:
        for date in dates:
            days.setdefault(date, f"{name}假期{POSSIBLY_OFF}")
    days.update(statutory_days(year))
    return days


def _estimated_day(date: dt.date) -> Day:
    off = possible_days_off(date.year).get(date)
    if off:
        return Day(date, False, off, estimated=True)
    weekend = date.weekday() >= 5
    return Day(date, not weekend, WEEKDAYS[date.weekday()] if weekend else "", estimated=True)
