"""Issues as data: what rules find, placed where the user sees it.

Rules return :class:`Finding` (a code, the layout key of the field it concerns, the message
parameters); the runner places each on a sheet, an Excel row and a cell and
renders the catalogue message, giving an :class:`Issue`. ID numbers in values
and messages are masked: a report is read on screens and sent around.

>>> issue = Issue.create("required-missing", sheet="报名信息", row=5, column="姓名", cell="A5", value="")
>>> (issue.row, issue.column, issue.code, issue.message)
(5, '姓名', 'required-missing', '「姓名」不能为空，请补填。')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from types import MappingProxyType

from qzxl.catalogue import CATALOGUE, NATIVE_CODES, NOTES, Severity
from qzxl.layout import REGISTRATION_SHEET, ROSTER_SHEET
from qzxl.values.privacy import mask_ids_in_text

_NO_PARAMS: Mapping[str, object] = MappingProxyType({})
_VALUE_SHOWN = 60


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem a rule found, before it is placed on a sheet."""

    code: str
    key: str | None = None
    params: Mapping[str, object] = field(default_factory=dict)
    row: int | None = None
    sheet: str | None = None


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    severity: Severity
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    value: str = ""
    file: str | None = None
    candidate: str | None = None
    key: str | None = None  # the layout key of the field (id_number, exam_date…), for programs and tests
    params: tuple[tuple[str, object], ...] = ()  # the message's parameters (name, value), masked, JSON-ready
    note: str = field(default="", compare=False)  # the unmasked cell note, for the clerk's own workbook only

    @classmethod
    def create(cls, code: str, *, value: object = "", params: Mapping[str, object] = _NO_PARAMS,
               **place: object) -> Issue:
        entry = CATALOGUE[code]
        if place.get("file"):
            place = {**place, "file": mask_ids_in_text(str(place["file"]))}
        shown = mask_ids_in_text(shorten(value))
        masked = {key: _masked(v) for key, v in params.items()}
        values = {"value": shown, "column": mask_ids_in_text(str(place.get("column") or "")), **masked}
        message = entry.render(**values)  # params masked, the template's own example stays
        # The cell note stays in the clerk's own workbook: it may carry the full number (the 18-digit proposal).
        note = NOTES[code].format(**{**values, **params}) if code in NOTES else ""
        return cls(code=code, severity=entry.severity, message=message, value=shown, note=note, **place,
                   params=tuple((name, json_ready(param)) for name, param in params.items()))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def where(self) -> str:
        """Where to look, as a clerk would say it: 报名信息!C5（证件号码）."""
        if self.file:
            return self.file
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}（{self.column}）" if self.column else f"{self.sheet}!{self.cell}"
        return self.sheet or ""

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of the CLI: a cell's place for workbook issues, file and candidate for file issues."""
        data = asdict(self)
        data["severity"] = self.severity.value
        data["params"] = {name: _as_json(value) for name, value in self.params}
        place = ("file", "candidate") if self.file is not None else ("sheet", "row", "column", "cell", "value")
        place += ("key",) if self.key is not None else ()
        data["native"] = native_on(self.code, self.sheet)
        return {key: mask_ids_in_text(data[key]) if isinstance(data[key], str) else data[key]
                for key in ("code", "severity", "native", *place, "message", "params")}


_NATIVE_SHEETS = MappingProxyType({REGISTRATION_SHEET: NATIVE_CODES["registration"],
                                   ROSTER_SHEET: NATIVE_CODES["roster"]})


def native_on(code: str, sheet: str | None) -> bool:
    """True when the 自动检查 column of the workbook's own ``sheet`` checks ``code`` too (no Python: WPS, Mac).

    >>> native_on("number-stored-id", "花名册"), native_on("option-unknown", "方案")
    (True, False)
    """
    return code in _NATIVE_SHEETS.get(sheet or "", ())


def json_ready(value: object) -> object:
    """A parameter as JSON shows it: dates as ISO strings, ID numbers masked as in the message; lists and items
    (a reason's key and its own parameters) likewise, all the way down.

    >>> json_ready(dt.date(2026, 12, 18)), json_ready("330822199012153426"), json_ready(3)
    ('2026-12-18', '3308**********3426', 3)
    >>> json_ready([{"key": "route-cert-recent", "date": dt.date(2025, 6, 1)}])
    ({'key': 'route-cert-recent', 'date': '2025-06-01'},)
    """
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Mapping):
        return {str(name): json_ready(item) for name, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(json_ready(item) for item in value)
    return mask_ids_in_text(str(value))


def _masked(value: object) -> object:
    """A parameter for the message: ID numbers masked in its text, in lists and items too; dates stay dates;
    a whole number read as 25.0 is said as 25."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return mask_ids_in_text(value)
    if isinstance(value, Mapping):
        return {name: _masked(item) for name, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_masked(item) for item in value)
    return value


def _as_json(value: object) -> object:
    """A stored parameter for json.dumps: tuples as lists, all the way down."""
    if isinstance(value, tuple):
        return [_as_json(item) for item in value]
    if isinstance(value, Mapping):
        return {name: _as_json(item) for name, item in value.items()}
    return value


def shorten(value: object) -> str:
    """A value as it may be shown in a message: text, one line, not a page long; 25.0 as 25.

    >>> shorten(25.0), shorten(2.5), shorten("  两 行   文字 ")
    ('25', '2.5', '两 行 文字')
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= _VALUE_SHOWN else text[: _VALUE_SHOWN - 1] + "…"


@dataclass
class Report:
    """All issues of one run, in the order a clerk fixes them: by sheet, row, column."""

    candidates: int = 0
    issues: list[Issue] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # further summary figures (files checked, …)

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    @property
    def errors(self) -> int:
        return sum(issue.is_error for issue in self.issues)

    @property
    def warnings(self) -> int:
        return len(self.issues) - self.errors

    def sorted_issues(self) -> list[Issue]:
        return sorted(self.issues, key=lambda i: (i.sheet or "", i.file or "", i.candidate or "", i.row or 0,
                                                  i.cell or "", i.code))

    def as_dict(self) -> dict[str, object]:
        return {
            "summary": {"candidates": self.candidates, **self.counts, "errors": self.errors,
                        "warnings": self.warnings},
            "issues": [issue.as_dict() for issue in self.sorted_issues()],
        }
