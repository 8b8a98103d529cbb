"""Rooms and seats for exam day: the clerk's seat assignment where there is one, else an even split.

A candidate sits a session only if their 考核科目 (报名信息, else the 方案's) includes its subject; 综合
has no exam-day session. 理论 candidates are split as evenly as possible over the 方案's 试场个数 rooms
(the first rooms take the one extra), seats 1…n in 报名信息 order — the order the clerk typed, the
roster's and the 申报表's order, so the sign-in sheet reads like the list the clerk already checked.
实操 is one list for the 应会认定地点: the 方案 has no field that groups candidates by 考评员.
An assignment (:mod:`qzxl.examkit.tickets`) wins over the split for every person it names.

>>> from qzxl.sheets.models import Candidate, Plan
>>> plan = Plan(exam_subjects="理论、实操", theory_rooms=2, theory_invigilators=2)
>>> people = [Candidate(row=5 + i, name=f"学员{i}", id_number=f"33080219900101{i:03d}1") for i in range(5)]
>>> seating = seat_candidates(people, plan)
>>> [(room.session.subject, room.name, len(room.seats), room.seat_range) for room in seating.rooms]
[('理论', '第1试场', 3, '1–3'), ('理论', '第2试场', 2, '1–2'), ('实操', '实操考场', 5, '1–5')]
>>> [issue.code for issue in seat_candidates(people, plan, per_invigilator=1).issues]
['examkit-room-crowded', 'examkit-room-crowded']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from qzxl.export.forms import subjects, text
from qzxl.layout import CANDIDATES_PER_INVIGILATOR, EXAM_SESSIONS, REGISTRATION_SHEET, ROOM_NAMES
from qzxl.report import Issue

THEORY, PRACTICE = EXAM_SESSIONS
UNASSIGNED_ROOM = ROOM_NAMES["unassigned"]  # who the assignment file leaves out of a session it seats: no one is lost


@dataclass(frozen=True)
class Session:
    """One sitting on exam day: 理论 (应知) or 实操 (应会), at the 方案's time and place."""

    subject: str
    date: dt.date | None
    time: str
    place: str

    @property
    def when(self) -> str:
        return " ".join(part for part in (text(self.date), self.time) if part)


@dataclass(frozen=True)
class Assignment:
    """A seat the clerk's assignment file gives one person for one subject ("" when the file has no 科目)."""

    room: str
    seat: str
    ticket: str = ""


@dataclass(frozen=True)
class Seat:
    seat: str
    name: str
    id_number: str
    ticket: str = ""
    row: int = 0  # the candidate's 报名信息 row


@dataclass
class Room:
    session: Session
    name: str
    seats: list[Seat] = field(default_factory=list)
    invigilators: float | None = None  # 监考人数 ÷ 试场个数 for 理论; None when the 方案 does not say

    @property
    def seat_range(self) -> str:
        return f"{self.seats[0].seat}–{self.seats[-1].seat}" if self.seats else ""


@dataclass
class Seating:
    rooms: list[Room]
    issues: list[Issue] = field(default_factory=list)


def sessions(plan) -> dict[str, Session]:
    return {THEORY: Session(THEORY, plan.exam_date, text(plan.theory_time), text(plan.theory_place)),
            PRACTICE: Session(PRACTICE, plan.exam_date, text(plan.practice_time), text(plan.practice_place))}


def natural_key(value: str) -> tuple:
    """Room 2 before room 10, seat 07 as 7: digits compare as numbers.

    >>> sorted(["第10考场", "第2考场", "第1考场"], key=natural_key)
    ['第1考场', '第2考场', '第10考场']
    """
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.split(r"(\d+)", value) if part)


def even_split(count: int, rooms: int) -> list[int]:
    """``count`` people over ``rooms`` rooms, sizes differing by at most one, the larger first; no empty room.

    >>> even_split(65, 3), even_split(2, 3), even_split(0, 2)
    ([22, 22, 21], [1, 1], [])
    """
    rooms = max(1, min(rooms, count))
    size, extra = divmod(count, rooms)
    return [size + (index < extra) for index in range(rooms)] if count else []


def seat_candidates(candidates: Sequence, plan, assignments: Mapping[str, Mapping[str, Assignment]] | None = None,
                    *, per_invigilator: int = CANDIDATES_PER_INVIGILATOR) -> Seating:
    """Every candidate once in each session of their subjects; ``assignments``: 证件号码 → 科目 → seat."""
    assignments = assignments or {}
    seating = Seating([])
    for subject, session in sessions(plan).items():
        people = [c for c in candidates if subject in subjects({"exam_subjects": c.exam_subjects}, plan)]
        if not people:
            continue
        given = {c.id_number: _assignment(assignments.get(c.id_number, {}), subject) for c in people}
        if any(given.values()):
            rooms = _assigned_rooms(session, people, given, assignments, seating.issues)
        elif subject == THEORY:
            rooms = _split_rooms(session, people, int(plan.theory_rooms or 1), assignments)
        else:
            rooms = [Room(session, ROOM_NAMES["practice"], _numbered(people, assignments))]
        if subject == THEORY:
            _check_crowding(rooms, plan, per_invigilator, seating.issues)
        seating.rooms.extend(rooms)
    return seating


def _assignment(mine: Mapping[str, Assignment], subject: str) -> Assignment | None:
    """A row for this subject, else a row without 科目 — the 准考证 of the 理论 exam."""
    return mine.get(subject) or (mine.get("") if subject == THEORY else None)


def ticket_of(assignments: Mapping[str, Mapping[str, Assignment]], id_number: str) -> str:
    return next((a.ticket for a in assignments.get(id_number, {}).values() if a.ticket), "")


def _seat(candidate, seat: str, assignments) -> Seat:
    return Seat(seat, candidate.name, candidate.id_number, ticket_of(assignments, candidate.id_number), candidate.row)


def _numbered(people: Sequence, assignments) -> list[Seat]:
    return [_seat(c, str(number), assignments) for number, c in enumerate(people, start=1)]


def _split_rooms(session: Session, people: Sequence, rooms: int, assignments) -> list[Room]:
    result, start = [], 0
    for number, size in enumerate(even_split(len(people), rooms), start=1):
        name = ROOM_NAMES["theory"].format(number=number)
        result.append(Room(session, name, _numbered(people[start:start + size], assignments)))
        start += size
    return result


def _assigned_rooms(session: Session, people: Sequence, given: Mapping[str, Assignment | None], assignments,
                    issues: list[Issue]) -> list[Room]:
    """Rooms as the file gives them, seats in order; whoever the file leaves out sits in 未排考场, warned."""
    by_room: dict[str, list[Seat]] = {}
    missing = []
    for candidate in people:
        chosen = given[candidate.id_number]
        if chosen is None:
            missing.append(candidate)
            issues.append(Issue.create("examkit-not-assigned", sheet=REGISTRATION_SHEET, row=candidate.row,
                                       params={"name": candidate.name, "subject": session.subject}))
            continue
        by_room.setdefault(chosen.room, []).append(_seat(candidate, chosen.seat, assignments))
    rooms = [Room(session, name, sorted(seats, key=lambda s: natural_key(s.seat)))
             for name, seats in sorted(by_room.items(), key=lambda item: natural_key(item[0]))]
    if missing:
        rooms.append(Room(session, UNASSIGNED_ROOM, _numbered(missing, assignments)))
    return rooms


def _check_crowding(rooms: list[Room], plan, per_invigilator: int, issues: list[Issue]) -> None:
    """监考人数 is the 方案's total: each room has its share; a room with more than they should watch is warned."""
    planned = plan.theory_rooms or len(rooms)
    if not plan.theory_invigilators or not planned:
        return
    share = plan.theory_invigilators / planned
    for room in rooms:
        room.invigilators = share
        limit = int(share * per_invigilator)
        if len(room.seats) > limit:
            issues.append(Issue.create("examkit-room-crowded", params={
                "room": room.name, "count": len(room.seats), "invigilators": text(round(share, 1)),
                "per": per_invigilator, "limit": limit}))
