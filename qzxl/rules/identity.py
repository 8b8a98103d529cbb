"""The 证件号码 by its 证件类型, and what must agree with it: 性别, 出生日期, age on the exam date.

>>> import datetime as dt
>>> from qzxl.sheets.models import Candidate
>>> person = Candidate(row=2, id_type="居民身份证", id_number="330822199012153426", gender="男",
...                    birth_date=dt.date(1990, 12, 15))
>>> [f.code for f in check(person, Context(exam_date=dt.date(2026, 12, 20)))]
['gender-mismatch']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from qzxl.catalogue import CATALOGUE, Severity
from qzxl.report import Finding
from qzxl.rules.context import Context
from qzxl.values import idnumber

MINIMUM_AGE = 16
RESIDENT_CARD = "居民身份证"
RESIDENCE_PERMIT = "港澳台居民居住证"
_OTHER_DOCUMENT = re.compile(r"[0-9A-Z()（）-]{5,20}")


def age_on(born: dt.date, day: dt.date) -> int:
    """Whole years completed on ``day`` (a birthday on 29 February counts from 1 March)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def check(candidate, context: Context) -> Iterator[Finding]:
    number = candidate.id_number
    if "id_number" in candidate.unreadable or not number:
        return
    id_type = candidate.id_type
    if id_type not in ("", RESIDENT_CARD, RESIDENCE_PERMIT):
        if not _OTHER_DOCUMENT.fullmatch(number):
            yield Finding("id-other-length", "id_number", {"id_type": id_type, "length": len(number)})
        return
    found = idnumber.problems(number, today=context.today, permit=id_type == RESIDENCE_PERMIT)
    for code, params in found:
        yield Finding(code, "id_type" if code == "id-permit-as-resident-card" else "id_number", params)
    if any(CATALOGUE[code].severity is Severity.ERROR for code, _ in found):
        return
    yield from _agreement(candidate, number, context)


def _agreement(candidate, number: str, context: Context) -> Iterator[Finding]:
    expected_gender = idnumber.gender(number)
    if candidate.gender in ("男", "女") and candidate.gender != expected_gender:
        yield Finding("gender-mismatch", "gender", {"expected": expected_gender})
    born = idnumber.birth_date(number)
    if candidate.birth_date is not None and candidate.birth_date != born:
        yield Finding("birth-mismatch", "birth_date", {"expected": born.isoformat()})
    if context.exam_date is not None:
        age = age_on(born, context.exam_date)
        if age < MINIMUM_AGE:
            yield Finding("age-under-16", "id_number", {"exam": context.exam_date.isoformat(), "age": age})
