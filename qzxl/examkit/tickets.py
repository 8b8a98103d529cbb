"""The seat assignment the provincial system or the college sends (准考证号, 考场, 座位号), by 证件号码.

Any spreadsheet or CSV they send: its header row is found and its columns named by the same matching as
导入名单 (:mod:`qzxl.sheets.sources`), with the :data:`qzxl.layout.TICKETS` columns beside the 报名信息 ones.
A person is found by 证件号码; a row for someone not on 报名信息, a name that differs, a row without a room
or a seat, two people on one seat and the columns nobody knows are listed, never guessed at. A 科目 column
says which session a row seats (理论/应知, 实操/应会); a row without one seats the 理论 exam.

>>> subject_of("理论知识"), subject_of("操作技能"), subject_of("应会"), subject_of(None)
('理论', '实操', '实操', '')
>>> room_name(3.0), room_name("A301")
('第3考场', 'A301')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qzxl.errors import CannotRun
from qzxl.examkit.rooms import THEORY, Assignment
from qzxl.export.forms import text
from qzxl.layout import EXAM_SESSIONS, ROOM_NAMES, TICKETS
from qzxl.report import Issue
from qzxl.sheets.models import CandidateLookup
from qzxl.sheets.sources import read_source
from qzxl.values.normalize import clean_name, compact_id
from qzxl.values.privacy import mask_id


@dataclass
class Tickets:
    assignments: dict[str, dict[str, Assignment]] = field(default_factory=dict)  # 证件号码 → 科目 → seat
    issues: list[Issue] = field(default_factory=list)
    rows: int = 0


def subject_of(value: object) -> str:
    words = text(value)
    return next((subject for subject, spellings in EXAM_SESSIONS.items() if any(w in words for w in spellings)), "")


def room_name(value: object) -> str:
    """A bare number is a room number (第 3 考场); anything else is the room's own name."""
    name = text(value).strip()
    return ROOM_NAMES["numbered"].format(number=name) if name.isdigit() else name


def _id_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():  # a number the spreadsheet kept: its last digits are gone
        value = str(int(value))
    return compact_id(value) if value is not None else ""


def read_tickets(path: str | Path, candidates: Sequence) -> Tickets:
    """The assignment in ``path`` for ``candidates``; CannotRun when it has no 考场 column."""
    path = Path(path)
    table = read_source(path, columns=TICKETS.columns)
    if "room" not in table.columns.values():
        raise CannotRun("run-examkit-tickets-no-room", name=path.name)
    tickets = Tickets(rows=len(table.rows))
    if table.unmapped:
        tickets.issues.append(Issue.create("examkit-tickets-columns", file=path.name, candidate="", params={
            "count": len(table.unmapped), "columns": "、".join(table.unmapped)}))
    people = CandidateLookup(candidates)
    seats: dict[tuple[str, str, str], str] = {}
    for row, values in table.rows:
        number, name = _id_text(values.get("id_number")), clean_name(values.get("name") or "")
        where = {"file": path.name, "candidate": name}
        candidate = people.by_id.get(number)
        if candidate is None:
            tickets.issues.append(Issue.create("examkit-ticket-unknown", **where, params={
                "row": row, "name": name, "id": mask_id(number)}))
            continue
        if name and name != candidate.name:
            tickets.issues.append(Issue.create("examkit-ticket-name-differs", **where, params={
                "row": row, "name": name, "expected": candidate.name, "id": mask_id(number)}))
        room, seat = room_name(values.get("room")), text(values.get("seat")).strip()
        if not room or not seat:
            tickets.issues.append(Issue.create("examkit-ticket-incomplete", **where, params={"row": row,
                                                                                         "name": candidate.name}))
            continue
        subject = subject_of(values.get("subject"))
        place = (subject or THEORY, room, seat)
        if place in seats and seats[place] != candidate.name:
            tickets.issues.append(Issue.create("examkit-seat-taken", **where, params={
                "row": row, "room": room, "seat": seat, "names": f"{seats[place]}、{candidate.name}"}))
        seats[place] = candidate.name
        ticket = text(values.get("ticket_number")).strip()
        tickets.assignments.setdefault(number, {})[subject] = Assignment(room, seat, ticket)
    return tickets
