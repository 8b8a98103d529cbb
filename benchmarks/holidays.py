"""Back-test of the holiday estimate: every published year treated as unpublished, old and new estimator.

    python -m benchmarks.holidays

For each year the data package covers, a calendar that treats only that year
as unpublished is compared with the official one: how many days of the year
have a different status (working day / possible day off), and of the 365 (366)
exam dates of the year how many get a deadline (开考前 20/15/7 天) later or
earlier than with the official data (chinesecalendar's). An exam date is *later* when any of its
three deadlines is later, otherwise *earlier* when any is earlier. ``old``
lines are the estimator the engine had before (statutory days only, kept here
as the baseline); ``new`` lines are the engine's. Then the source of every
year's data, and the days on which the second source (``holidays``) differs.
Years before 2025 fall under older regulations (no 除夕, one-day 劳动节 until
2024; a different 春节 from 2008 to 2013), which both estimators ignore: only
2025 and 2026 test the current regulation.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version

import chinese_calendar
from lunardate import LunarDate

from qzxl.dates.schedule import DEADLINES
from qzxl.dates.workdays import (
    CHINESECALENDAR,
    HOLIDAYS,
    WorkCalendar,
    chinesecalendar_day,
    covered_by_data,
    holidays_day,
    holidays_published,
    published_source,
)

_DAY = dt.timedelta(days=1)


@functools.cache
def old_estimated_holidays(year: int) -> frozenset[dt.date]:
    """The previous estimator: the statutory days of the 2024 regulation, nothing else."""
    days = {dt.date(year, 1, 1), dt.date(year, 5, 1), dt.date(year, 5, 2)}
    days.update(dt.date(year, 10, d) for d in (1, 2, 3))
    new_year = LunarDate(year, 1, 1).to_solar_date()
    days.update(new_year + offset * _DAY for offset in range(-1, 3))
    days.add(LunarDate(year, 5, 5).to_solar_date())
    days.add(LunarDate(year, 8, 15).to_solar_date())
    days.update(date for date, name in chinese_calendar.get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 10))
                if name == "清明")
    return frozenset(days)


def old_workday(year: int) -> Callable[[dt.date], bool]:
    def workday(date: dt.date) -> bool:
        if date.year != year:
            return official_workday(date)
        return date.weekday() < 5 and date not in old_estimated_holidays(year)
    return workday


def official_workday(date: dt.date) -> bool:
    return WorkCalendar().day(date).workday


def new_workday(year: int) -> Callable[[dt.date], bool]:
    calendar = WorkCalendar(unpublished=frozenset({year}))
    return lambda date: calendar.day(date).workday


@dataclass(frozen=True)
class BackTest:
    year: int
    days_differ: int
    later: int
    earlier: int
    exam_dates: int

    def line(self, prefix: str) -> str:
        return (f"{prefix} {self.year}: {self.days_differ} days differ, {self.later} later, {self.earlier} earlier "
                f"(of {self.exam_dates} exam dates)")


def _latest(workday: Callable[[dt.date], bool], date: dt.date) -> dt.date:
    while not workday(date):
        date -= _DAY
    return date


def back_test(year: int, estimate: Callable[[int], Callable[[dt.date], bool]] = new_workday) -> BackTest:
    """Compare the estimate of ``year`` (every other year official) with the official calendar."""
    official, estimated = official_workday, estimate(year)
    days = [dt.date(year, 1, 1) + offset * _DAY for offset in range(366)]
    days = [day for day in days if day.year == year]
    differ = sum(official(day) != estimated(day) for day in days)
    later = earlier = 0
    for exam in days:
        pairs = [(_latest(official, exam - days_before * _DAY), _latest(estimated, exam - days_before * _DAY))
                 for _, _, days_before in DEADLINES]
        if any(guess > real for real, guess in pairs):
            later += 1
        elif any(guess < real for real, guess in pairs):
            earlier += 1
    return BackTest(year, differ, later, earlier, len(days))


def covered_years() -> list[int]:
    return [year for year in range(2000, dt.date.today().year + 3) if covered_by_data(year)]


def source_disagreements(years: list[int]) -> list[dt.date]:
    """Days of the given years on which chinesecalendar and holidays give a different working-day status."""
    days = [dt.date(year, 1, 1) + offset * _DAY for year in years for offset in range(366)]
    return [day for day in days if day.year in years and chinesecalendar_day(day).workday != holidays_day(day).workday]


def main() -> None:
    years = covered_years()
    for prefix, estimate in (("old", old_workday), ("new", new_workday)):
        for year in years:
            print(back_test(year, estimate).line(prefix))
    names = {CHINESECALENDAR: f"chinesecalendar {version('chinesecalendar')}",
             HOLIDAYS: f"holidays {version('holidays')}"}
    for year in range(years[0], dt.date.today().year + 3):
        source = published_source(year)
        print(f"source {year}: {names.get(source, '未公布，按放假办法预估')}")
    both = [year for year in years if holidays_published(year)]
    differ = source_disagreements(both)
    print(f"second source holidays {version('holidays')}, {both[0]}–{both[-1]} where both have data: differs from "
          f"chinesecalendar on {len(differ)} day(s) ({', '.join(day.isoformat() for day in differ) or 'none'})")


if __name__ == "__main__":
    main()
