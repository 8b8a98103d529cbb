"""The attachments folder: for every candidate, the scans the college asks for (process text, step 1).

Each file is matched to a candidate by the ID number in its name (or the
name, when only one candidate has it) and to a kind by a keyword.

>>> classify("330822199012153426张三身份证.pdf")
'id_card'
>>> classify("张三-毕业证书.jpg"), classify("张三 电工四级证书.png")
('diploma', 'certificate')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from qzxl.photos.folder import candidate_label, list_files, opened_source
from qzxl.photos.naming import ID_IN_TEXT, clean_file_stem
from qzxl.report import Issue, Report
from qzxl.values.options import STUDENT_SOURCE
from qzxl.values.privacy import mask_id

ACCEPTED = (".pdf", ".jpg", ".jpeg", ".png")


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    keywords: tuple[str, ...]


# Checked in this order: 毕业证书 must count as a diploma before 证书 counts as a certificate.
KINDS = (
    Kind("student_proof", "在校证明", ("在校证明", "在读证明", "学籍证明")),
    Kind("diploma", "学历证书", ("毕业证", "学历", "学位")),
    Kind("id_card", "身份证复印件", ("身份证",)),
    Kind("certificate", "技能等级证书或职业资格证书", ("技能等级", "职业资格", "资格证", "等级证", "证书")),
)
KIND_BY_KEY = {kind.key: kind for kind in KINDS}


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


def attachment_owner(stem: str, by_id: dict, by_name: dict) -> str | None:
    """The ID number of the candidate a file name is about: its ID number, else a name only one candidate has."""
    match = ID_IN_TEXT.search(stem)
    if match:
        number = match[1].upper()
        return number if number in by_id else None
    named = [number for name, numbers in by_name.items() if name in stem for number in numbers]
    return named[0] if len(set(named)) == 1 else None


def check_attachments(source: Path, candidates: Sequence) -> Report:
    report = Report(candidates=len(candidates))
    by_id = {c.id_number: c for c in candidates if c.id_number}
    by_name: dict[str, list[str]] = defaultdict(list)
    for candidate in by_id.values():
        by_name[candidate.name].append(candidate.id_number)
    found: dict[str, set[str]] = defaultdict(set)
    with opened_source(Path(source)) as (folder, archive_issues):
        files, ignored = list_files(folder)
    report.extend(archive_issues)
    for file in files:
        extension = Path(file.name).suffix.lower()
        if extension not in ACCEPTED:
            report.extend([Issue.create("attachment-format", params={"extension": extension or "无扩展名"},
                                        file=file.name, candidate="")])
            continue
        owner, kind = attachment_owner(clean_file_stem(Path(file.name).stem), by_id, by_name), classify(file.name)
        if owner is None or kind is None:
            report.extend([Issue.create("attachment-unmatched", file=file.name, candidate="")])
            continue
        found[owner].add(kind)
    report.extend(_missing(by_id, found))
    report.counts.update({"files": len(files), "ignored": ignored})
    return report


def _missing(by_id: dict, found: dict[str, set[str]]) -> Iterator[Issue]:
    for number, candidate in by_id.items():
        for group in required_kinds(candidate):
            if found[number].isdisjoint(group):
                kind = KIND_BY_KEY[group[0]]
                yield Issue.create("attachment-missing", params={"name": candidate.name, "id": mask_id(number),
                                                                 "kind": "或".join(KIND_BY_KEY[k].label for k in group),
                                                                 "keyword": kind.keywords[0]},
                                   file="", candidate=candidate_label(number, candidate.name))
