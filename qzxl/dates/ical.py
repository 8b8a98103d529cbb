"""The schedule as an iCalendar file staff import into Outlook or a phone calendar.

Each dated item is an all-day event; deadlines carry a reminder at 09:00 the
day before. UIDs are stable per exam date and item, so importing an updated
file replaces the old events instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from qzxl.catalogue import say
from qzxl.dates.schedule import DEADLINES, ScheduleItem
from qzxl.files import atomic_path

REMINDER_BEFORE_START = dt.timedelta(hours=-15)  # 09:00 on the day before an all-day event
_DEADLINE_KEYS = frozenset(key for key, _, _ in DEADLINES)


def build_calendar(exam: dt.date, items: Sequence[ScheduleItem], *, stamp: dt.datetime) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//qzxl//职业技能等级认定//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", say("calendar-name", exam=exam.isoformat()))
    for item in items:
        if item.date is None:
            continue
        event = Event()
        event.add("uid", f"{item.key}-{exam:%Y%m%d}@qzxl")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.date)
        event.add("dtend", item.date + dt.timedelta(days=1))
        event.add("summary", item.title)
        description = "；".join(item.notes)
        if description:
            event.add("description", description)
        if item.key in _DEADLINE_KEYS:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", say("calendar-reminder", label=item.label))
            alarm.add("trigger", REMINDER_BEFORE_START)
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar


def write_calendar(path: str | Path, exam: dt.date, items: Sequence[ScheduleItem]) -> Path:
    path = Path(path)
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    with atomic_path(path) as temporary:
        temporary.write_bytes(build_calendar(exam, items, stamp=stamp).to_ical())
    return path
