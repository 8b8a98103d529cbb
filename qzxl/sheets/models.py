"""Pydantic models of a candidate, a roster line and the plan, built from the layout definition.

The fields are the layout's keys, so adding a column to the layout adds it
here; values are normalised (see :mod:`qzxl.values.normalize`) before they arrive.
Each model keeps its Excel row and the fields that could not be read, so
rules skip a value that is already reported as unreadable.

>>> Candidate(row=5, name="张三", id_number="330822199012153420").gender
''
>>> sorted(Plan.model_fields)[:3]
['attachments_dir', 'class_name', 'contact']
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

from qzxl.layout import PLAN_FIELDS, REGISTRATION, ROSTER, ColumnKind

_TYPES: dict[ColumnKind, tuple[Any, Any]] = {
    "date": (dt.date | None, None),
    "number": (float | None, None),
    "month": (tuple[int, int] | None, None),
}


class Record(BaseModel):
    """What every row read from a sheet has: where it is and what could not be read."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    row: int = 0
    unreadable: frozenset[str] = frozenset()


def _fields(pairs: tuple[tuple[str, ColumnKind], ...]) -> dict[str, Any]:
    return {key: _TYPES.get(kind, (str, "")) for key, kind in pairs}


Candidate = create_model(
    "Candidate",
    __base__=Record,
    __doc__="One person on the 报名信息 sheet.",
    **_fields(tuple((c.key, c.kind) for c in REGISTRATION.columns)),
)

RosterLine = create_model(
    "RosterLine",
    __base__=Record,
    __doc__="One line of the 花名册.",
    **_fields(tuple((c.key, c.kind) for c in ROSTER.columns)),
)

Plan = create_model(
    "Plan",
    __base__=Record,
    __doc__="The 方案 sheet: the plan filing form, the system time nodes and the payer.",
    **_fields(tuple((f.key, f.kind) for f in PLAN_FIELDS)),
)


class CandidateLookup:
    """The candidates by ID number and by name: how a photo, an attachment or a roster line finds its person.

    A repeated ID number keeps its last row (the rules report the repeat itself); ``by_name`` lists,
    in row order, the candidates of ``by_id`` that have each name, so a shared name matches no one.

    >>> people = CandidateLookup([Candidate(row=5, name="张三", id_number="330822199012153426"),
    ...                           Candidate(row=6, name="李四", id_number="")])
    >>> sorted(people.by_id), people.named("张三").row, people.named("李四")
    (['330822199012153426'], 5, None)
    """

    def __init__(self, candidates: Iterable | None) -> None:
        self.by_id: dict[str, Any] = {c.id_number: c for c in candidates or () if c.id_number}
        self.by_name: dict[str, list] = defaultdict(list)
        for candidate in self.by_id.values():
            self.by_name[candidate.name].append(candidate)

    def named(self, name: str):
        """The one candidate with this name, or None when no one or more than one has it."""
        matches = self.by_name.get(name, [])
        return matches[0] if len(matches) == 1 else None
