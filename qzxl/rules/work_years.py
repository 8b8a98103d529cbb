"""工作年限 against age: no one has worked longer than since the age of 16 (the legal minimum working age).

A candidate born in 2003 cannot have 16 years of work at an exam in 2026: the cell gets a warning, and a
申报条件 route met only through such a 工作年限 is not taken as met (``qzxl.rules.eligibility``).

>>> import datetime as dt
>>> from qzxl.sheets.models import Candidate
>>> person = Candidate(row=2, birth_date=dt.date(2003, 5, 1), work_years=16)
>>> [(f.code, dict(f.params)["most"]) for f in check(person, Context(exam_date=dt.date(2026, 12, 18)))]
[('work-years-implausible', 7)]
>>> most_years(person, dt.date(2026, 12, 18)), implausible(person.model_copy(update={"work_years": 7}),
...                                                        dt.date(2026, 12, 18))
(7, False)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from qzxl.report import Finding
from qzxl.rules.context import Context
from qzxl.rules.identity import MINIMUM_AGE, age_on
from qzxl.values import idnumber


def birth(candidate) -> dt.date | None:
    """The 出生日期, else the one in an 18-digit 证件号码."""
    if isinstance(candidate.birth_date, dt.date):
        return candidate.birth_date
    number = str(candidate.id_number or "")
    return idnumber.birth_date(number) if len(number) == 18 and number[:17].isdigit() else None


def most_years(candidate, on: dt.date) -> int | None:
    """The most years of work possible on ``on``: the age then, less 16; None without a birth date."""
    born = birth(candidate)
    return None if born is None else max(0, age_on(born, on) - MINIMUM_AGE)


def implausible(candidate, on: dt.date) -> bool:
    """True when the 工作年限 is more than the candidate's age allows."""
    years, most = candidate.work_years, most_years(candidate, on)
    return isinstance(years, int | float) and most is not None and years > most


def check(candidate, context: Context) -> Iterator[Finding]:
    on = context.exam_date or context.today
    if "work_years" not in candidate.unreadable and implausible(candidate, on):
        born = birth(candidate)
        yield Finding("work-years-implausible", "work_years",
                      {"years": candidate.work_years, "age": age_on(born, on), "most": most_years(candidate, on),
                       "on": on.isoformat()})
