"""The attachments folder: for every candidate, the scans the college asks for (process text, step 1).

Each file is matched to a candidate by the ID number in its name (or the
name, when only one candidate has it) and to a kind by a keyword. The signed
申报表 scan is a kind of its own; it may cover the whole batch (``申报表.pdf``),
and it is never required: it can only exist after the export.

Missing required scans (身份证; 学历证书, or 在校证明 for students; the prior
certificate when a 原鉴定等级 is given) are errors when checking and, at the
export, warnings that list what to add. A file too small to be a scan or one
that does not open is a warning. A student's 学历证书 or 在校证明, once found,
answers the rules' reminder to prepare one (``student-proof``).

>>> classify("330822199012153426张三身份证.pdf")
'id_card'
>>> classify("张三-毕业证书.jpg"), classify("张三 电工四级证书.png")
('diploma', 'certificate')
>>> classify("330822199012153426张三职业技能等级认定申报表.pdf"), classify("申报表.pdf")
('application_form', 'application_form')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from qzxl.catalogue import say
from qzxl.photos.folder import PhotoFile, candidate_label, list_files, opened_source
from qzxl.photos.naming import ID_IN_TEXT, clean_file_stem
from qzxl.report import Issue, Report
from qzxl.sheets.models import CandidateLookup
from qzxl.values.options import STUDENT_SOURCE
from qzxl.values.privacy import mask_id

ACCEPTED = (".pdf", ".jpg", ".jpeg", ".png")
# A scanned or photographed page is tens of kilobytes at least; below this a file is a placeholder.
MIN_BYTES = 2048
_PDF_TAIL = 2048


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    keywords: tuple[str, ...]


# Checked in this order: 申报表 before 技能等级 (its title contains 职业技能等级), 毕业证书 before 证书.
KINDS = (
    Kind("application_form", "职业技能等级认定申报表（签字盖章）", ("申报表",)),
    # 在校生证明 is the college's own word (process text, step 1)
    Kind("student_proof", "在校证明", ("在校证明", "在校生证明", "在读证明", "学籍证明")),
    Kind("diploma", "学历证书", ("毕业证", "学历", "学位")),
    Kind("id_card", "身份证复印件", ("身份证",)),
    Kind("certificate", "技能等级证书或职业资格证书", ("技能等级", "职业资格", "资格证", "等级证", "证书")),
)
KIND_BY_KEY = {kind.key: kind for kind in KINDS}
BATCH_KINDS = frozenset({"application_form"})  # may be one file for everyone


def classify(file_name: str) -> str | None:
    stem = clean_file_stem(Path(file_name).stem)
    return next((kind.key for kind in KINDS if any(word in stem for word in kind.keywords)), None)


def required_kinds(candidate) -> list[tuple[str, ...]]:
    """Groups of kinds, one of each group must be there: ID card; diploma (or proof for students); certificate."""
    needed: list[tuple[str, ...]] = [("id_card",)]
    needed.append(("diploma", "student_proof") if candidate.source == STUDENT_SOURCE else ("diploma",))
    if candidate.prior_level not in ("", "无"):
        needed.append(("certificate",))
    return needed


def attachment_owner(stem: str, people: CandidateLookup) -> str | None:
    """The ID number of the candidate a file name is about: its ID number, else a name only one candidate has
    (also when the name's ID number is nobody's: scans named before a 证件号码 was corrected)."""
    named_id = _named_id(stem)
    if named_id in people.by_id:
        return named_id
    named = {c.id_number for name, same in people.by_name.items() if name in stem for c in same}
    return next(iter(named)) if len(named) == 1 else None


def foreign_id(stem: str, owner: str | None) -> str | None:
    """The ID number a file name holds when it is not its owner's (matched by the name instead)."""
    named_id = _named_id(stem)
    return named_id if owner and named_id and named_id != owner else None


def _named_id(stem: str) -> str | None:
    match = ID_IN_TEXT.search(stem)
    return match[1].upper() if match else None


def content_problem(path: Path, size: int) -> tuple[str, dict] | None:
    """Why a file is unlikely to be a real scan: too small, or it does not open as what its extension says."""
    if size < MIN_BYTES:
        return ("attachment-too-small", {"size": size})
    if path.suffix.lower() == ".pdf":
        with path.open("rb") as handle:
            head = handle.read(1024)
            handle.seek(max(0, size - _PDF_TAIL))
            tail = handle.read()
        if b"%PDF-" not in head:
            return ("attachment-unreadable", {"reason": "attachment-not-pdf"})
        if b"%%EOF" not in tail:
            return ("attachment-unreadable", {"reason": "attachment-pdf-truncated"})
        return None
    from PIL import Image, UnidentifiedImageError  # only when there is an image to look at

    try:
        with Image.open(path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return ("attachment-unreadable", {"reason": "attachment-image-damaged"})
    return None


@dataclass
class AttachmentCheck:
    """The folder's issues and, per ID number, the kinds of scan recognised for that candidate."""

    report: Report
    kinds: dict[str, set[str]]


def check_attachments(source: Path | None, candidates: Sequence, *, at_export: bool = False) -> Report:
    """Every file in ``source`` and every candidate's required scans; ``source`` None: nothing there yet."""
    return scan_attachments(source, candidates, at_export=at_export).report


def scan_attachments(source: Path | None, candidates: Sequence, *, at_export: bool = False) -> AttachmentCheck:
    """:func:`check_attachments`, keeping what was recognised for whom (to settle the rules' reminders)."""
    report = Report(candidates=len(candidates))
    people = CandidateLookup(candidates)
    by_id = people.by_id
    found: dict[str, set[str]] = defaultdict(set)
    files: list[PhotoFile] = []
    ignored = 0
    if source is not None:
        with opened_source(Path(source)) as (folder, archive_issues):
            files, ignored = list_files(folder)
            report.extend(archive_issues)
            report.extend(_file_issues(files, people, found))
    report.extend(_to_add(by_id, found) if at_export else _missing(by_id, found))
    report.counts.update({"files": len(files), "ignored": ignored})
    return AttachmentCheck(report, dict(found))


# What a student's 在校证明 reminder asks for: either scan answers it (process text: 在校生无毕业证书需提供在校生证明).
SCHOOL_PROOFS = frozenset({"diploma", "student_proof"})


def withdraw_answered_reminders(report: Report, candidates: Sequence, kinds: dict[str, set[str]]) -> None:
    """Drop the ``student-proof`` reminder of every student whose 学历证书 or 在校证明 is in the folder."""
    answered = {c.row for c in candidates if c.id_number and not SCHOOL_PROOFS.isdisjoint(kinds.get(c.id_number, ()))}
    report.issues[:] = [issue for issue in report.issues
                        if not (issue.code == "student-proof" and issue.row in answered and issue.key == "source")]


def _file_issues(files: Sequence[PhotoFile], people: CandidateLookup, found: dict) -> Iterator[Issue]:
    for file in files:
        extension = Path(file.name).suffix.lower()
        if extension not in ACCEPTED:
            yield Issue.create("attachment-format", params={"extension": extension or say("value-no-extension")},
                               file=file.name, candidate="")
            continue
        stem = clean_file_stem(Path(file.name).stem)
        owner, kind = attachment_owner(stem, people), classify(file.name)
        if kind is None or (owner is None and kind not in BATCH_KINDS):
            yield Issue.create("attachment-unmatched", file=file.name, candidate="")
            continue
        if owner is not None:
            found[owner].add(kind)
            foreign = foreign_id(stem, owner)
            if foreign:
                name = people.by_id[owner].name
                yield Issue.create("attachment-name-id-differs", file=file.name,
                                   candidate=candidate_label(owner, name),
                                   params={"id": mask_id(foreign), "name": name, "expected": mask_id(owner)})
        problem = content_problem(file.path, file.path.stat().st_size)
        if problem:
            label = candidate_label(owner, people.by_id[owner].name) if owner else ""
            yield Issue.create(problem[0], params=problem[1], file=file.name, candidate=label)


def _missing_groups(candidate, kinds: set[str]) -> list[tuple[str, ...]]:
    return [group for group in required_kinds(candidate) if kinds.isdisjoint(group)]


def _group_label(group: tuple[str, ...]) -> str:
    return "或".join(KIND_BY_KEY[k].label for k in group)


def _group_keyword(group: tuple[str, ...]) -> str:
    """The word to put in the file name: a student without a diploma brings a 在校证明, named so."""
    kind = "student_proof" if "student_proof" in group else group[0]
    return KIND_BY_KEY[kind].keywords[0]


def _missing(by_id: dict, found: dict[str, set[str]]) -> Iterator[Issue]:
    for number, candidate in by_id.items():
        for group in _missing_groups(candidate, found[number]):
            yield Issue.create("attachment-missing", params={"name": candidate.name, "id": mask_id(number),
                                                             "kind": _group_label(group),
                                                             "keyword": _group_keyword(group)},
                               file="", candidate=candidate_label(number, candidate.name))


def _to_add(by_id: dict, found: dict[str, set[str]]) -> Iterator[Issue]:
    """At the export: one warning per candidate listing every scan still to add."""
    for number, candidate in by_id.items():
        groups = _missing_groups(candidate, found[number])
        if groups:
            yield Issue.create("attachment-to-add", params={"name": candidate.name, "id": mask_id(number),
                                                            "kinds": "、".join(map(_group_label, groups))},
                               file="", candidate=candidate_label(number, candidate.name))
