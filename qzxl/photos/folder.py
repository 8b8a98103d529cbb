"""A folder (or zip) of photos against the candidates: every file checked, every person accounted for.

Files are inspected in parallel across cores once there are enough of them
to pay for starting the workers. Hidden and system files (Thumbs.db,
.DS_Store, __MACOSX, ~$…) are ignored and counted; nothing in the input is
changed — a zip is extracted into a temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from qzxl.catalogue import say
from qzxl.errors import CannotRun
from qzxl.files import children_die_with_us, die_with_parent, leftover_prefix, remove_leftovers
from qzxl.layout import REGISTRATION
from qzxl.photos.archive import extract_safely
from qzxl.photos.naming import clean_file_stem, expected_photo_name, parse_photo_name
from qzxl.photos.settings import PhotoSettings
from qzxl.report import Issue, Report
from qzxl.sheets.models import CandidateLookup
from qzxl.values import idnumber
from qzxl.values.privacy import mask_id

if TYPE_CHECKING:  # Pillow is imported when a photo is inspected, not when a workbook without photos is checked
    from qzxl.photos.inspect import PhotoFacts

SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})
SYSTEM_FOLDERS = frozenset({"__macosx", ".git", "$recycle.bin"})
PARALLEL_FROM = 24  # below this, starting worker processes costs more than it saves
PROGRESS_FROM = 50


@dataclass
class PhotoFile:
    path: Path
    name: str  # relative to the folder, with / separators, as shown to the user
    facts: PhotoFacts | None = None
    owner: tuple[str, str] | None = None  # (ID number, name) the file is for, by PhotoMatcher
    kept_number: str | None = None  # the file name's own valid ID, kept when the workbook's is the wrong one
    id_row: int | None = None  # then the 报名信息 row whose 证件号码 is to correct
    problems: set[str] = field(default_factory=set)  # catalogue codes found for this file


@dataclass
class PhotoCheck:
    report: Report
    files: list[PhotoFile] = field(default_factory=list)
    ignored: int = 0


def candidate_label(id_number: str, name: str) -> str:
    return f"{mask_id(id_number)} {name}".strip()


def is_system_file(relative: Path) -> bool:
    return (
        relative.name.lower() in SYSTEM_FILES
        or relative.name.startswith((".", "~$"))
        or any(part.lower() in SYSTEM_FOLDERS or part.startswith(".") for part in relative.parts[:-1])
    )


_SYSTEM_ROOTS = ("/proc", "/sys", "/dev", "/etc", "/usr", "/bin", "C:\\Windows", "C:\\Program Files")


def _too_broad(folder: Path) -> bool:
    """A disk root, the home folder or a system folder: never a photo folder, and far too big to scan."""
    resolved = folder.resolve()
    if resolved == Path(resolved.anchor) or resolved == Path.home().resolve():
        return True
    return any(resolved == Path(root) or resolved.is_relative_to(root) for root in _SYSTEM_ROOTS
               if Path(root).is_absolute())


@contextlib.contextmanager
def opened_source(source: Path) -> Iterator[tuple[Path, list[Issue]]]:
    """The folder to read: ``source`` itself, or a temporary extraction of a zip (removed afterwards)."""
    if not source.exists():
        raise CannotRun("run-photos-not-found", source=source)
    if source.is_dir():
        if _too_broad(source):
            raise CannotRun("run-folder-too-broad", folder=str(source))
        yield source, []
        return
    if source.suffix.lower() != ".zip":
        raise CannotRun("run-photos-not-folder", name=source.name)
    remove_leftovers(tempfile.gettempdir())
    with tempfile.TemporaryDirectory(prefix=leftover_prefix("photos")) as folder:
        extraction = extract_safely(source, Path(folder))
        issues = [Issue.create("archive-unsafe", params={"member": member, "reason": reason}, file=member,
                               candidate="") for member, reason in extraction.skipped]
        yield Path(folder), issues


def list_files(folder: Path) -> tuple[list[PhotoFile], int]:
    files, ignored = [], 0
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(folder)
        if is_system_file(relative):
            ignored += 1
            continue
        files.append(PhotoFile(path, relative.as_posix()))
    return files, ignored


def inspect_all(files: Sequence[PhotoFile], settings: PhotoSettings, *, fast: bool = True,
                jobs: int | None = None) -> None:
    """Fill in ``facts`` of every file, in parallel when it pays, with a progress bar on a terminal."""
    from tqdm import tqdm

    inspect = partial(_inspect_one, settings=settings, fast=fast)
    items = [(f.path, f.name) for f in files]
    jobs = jobs or os.cpu_count() or 1
    show = len(files) >= PROGRESS_FROM and sys.stderr.isatty()
    if jobs > 1 and len(files) >= PARALLEL_FROM:
        # Imported (and the face detector read) once here: forked workers share them instead of each loading them.
        import qzxl.photos.inspect  # noqa: F401
        from qzxl.photos.face import load_detector

        if settings.face_check:
            load_detector()
        children_die_with_us()
        with ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent) as pool:
            results = pool.map(inspect, items, chunksize=max(1, len(items) // (jobs * 8)))
            facts = list(tqdm(results, total=len(items), desc=say("progress-photos"), disable=not show,
                              file=sys.stderr))
    else:
        facts = [inspect(item) for item in tqdm(items, desc=say("progress-photos"), disable=not show, file=sys.stderr)]
    for file, fact in zip(files, facts, strict=True):
        file.facts = fact


def _inspect_one(item: tuple[Path, str], settings: PhotoSettings, fast: bool) -> PhotoFacts:
    from qzxl.photos.inspect import inspect_photo

    path, name = item
    return inspect_photo(path, name, settings, fast=fast)


def check_photo_folder(source: Path, candidates: Sequence | None = None, settings: PhotoSettings | None = None,
                       *, fast: bool = True, jobs: int | None = None) -> PhotoCheck:
    """Check every photo in ``source``; with ``candidates`` also who has none, who has two, who is unknown."""
    settings = settings or PhotoSettings()
    with opened_source(Path(source)) as (folder, archive_issues):
        files, ignored = list_files(folder)
        inspect_all(files, settings, fast=fast, jobs=jobs)
    check = PhotoCheck(Report(), files, ignored)
    check.report.extend(archive_issues)
    check.report.extend(_file_issues(files, settings, PhotoMatcher(candidates)))
    if candidates is not None:
        check.report.extend(_per_candidate(files, candidates))
        check.report.candidates = len(candidates)
    check.report.counts.update({"files": len(files), "ignored": ignored})
    return check


@dataclass(frozen=True)
class PhotoMatch:
    """Whom a photo file is for, and what is wrong with its name."""

    number: str | None  # the candidate's 证件号码 as typed on 报名信息; None when the photo is nobody's
    name: str  # the candidate's name, or the name in the file when it is nobody's
    problem: tuple[str, dict] | None = None  # (catalogue code, parameters) about the file name
    kept_number: str | None = None  # the file's valid ID, when the workbook's (``number``) is the invalid one
    row: int | None = None  # the candidate's 报名信息 row, when the problem is the workbook's cell


class PhotoMatcher:
    """The one way a photo is matched to a candidate: by check, by fix and by export.

    The ID number in the file name is compared with the numbers typed on 报名信息 as they are, so a
    number with a wrong check digit still finds its own photo (the number itself is reported on the
    sheet). A name without a usable number is matched by a name only one candidate has.
    """

    def __init__(self, candidates: Sequence | None) -> None:
        self.known = candidates is not None
        self.people = CandidateLookup(candidates)
        self.by_id = self.people.by_id

    def match(self, file_name: str) -> PhotoMatch:
        stem = Path(file_name).stem
        parsed = parse_photo_name(stem)
        if parsed is None:
            named = self.people.named(clean_file_stem(stem)) if self.known else None
            return PhotoMatch(named.id_number if named else None, named.name if named else "", ("photo-name", {}))
        number, name = parsed
        if not self.known:
            if idnumber.is_valid(number):
                return PhotoMatch(number, name)
            return PhotoMatch(None, name, ("photo-name-id-invalid", {"id": mask_id(number)}))
        candidate = self.by_id.get(number)
        if candidate is not None:
            problem = None if name == candidate.name else (
                "photo-name-mismatch", {"name": name, "expected": candidate.name})
            return PhotoMatch(number, candidate.name, problem)
        named = self.people.named(name)
        if named is not None and idnumber.is_valid(number) and not idnumber.is_valid(named.id_number):
            return PhotoMatch(named.id_number, named.name, ("photo-name-id-workbook-invalid", {
                "id": mask_id(number), "name": named.name, "expected": mask_id(named.id_number), "row": named.row,
            }), kept_number=number, row=named.row)
        if named is not None:
            return PhotoMatch(named.id_number, named.name, ("photo-name-id-mismatch", {
                "id": mask_id(number), "name": named.name, "expected": mask_id(named.id_number)}))
        if not idnumber.is_valid(number):
            return PhotoMatch(None, name, ("photo-name-id-invalid", {"id": mask_id(number)}))
        return PhotoMatch(None, name, ("photo-unknown-candidate", {"id": mask_id(number)}))


def _file_issues(files: Sequence[PhotoFile], settings: PhotoSettings, matcher: PhotoMatcher) -> Iterator[Issue]:
    from qzxl.photos.inspect import photo_problems

    subfolders = sorted({f.name.rsplit("/", 1)[0] for f in files if "/" in f.name})
    for folder in subfolders:
        yield Issue.create("photo-subfolder", params={"folder": folder}, file=folder + "/", candidate="")
    for file in files:
        match = matcher.match(file.name)
        file.owner = (match.number, match.name) if match.number else None
        file.kept_number, file.id_row = match.kept_number, match.row
        label = candidate_label(match.number, match.name) if match.number else ""
        for code, params in photo_problems(file.facts, settings):
            file.problems.add(code)
            yield Issue.create(code, params=params, file=file.name, candidate=label)
        if match.problem:
            code, params = match.problem
            file.problems.add(code)
            on_cell = {"sheet": REGISTRATION.sheet, "row": match.row, "key": "id_number",
                       "column": REGISTRATION.column("id_number").header} if match.row else {}
            yield Issue.create(code, params=params, file=file.name, candidate=label, **on_cell)


def _per_candidate(files: Sequence[PhotoFile], candidates: Sequence) -> Iterator[Issue]:
    """Who has no photo, who has more than one."""
    photos: dict[str, list[PhotoFile]] = defaultdict(list)
    for file in files:
        if file.owner is not None:
            photos[file.owner[0]].append(file)
    for candidate in CandidateLookup(candidates).by_id.values():
        number = candidate.id_number
        label = candidate_label(number, candidate.name)
        mine = photos.get(number, [])
        params = {"name": candidate.name, "id": mask_id(number)}
        if not mine:
            yield Issue.create("photo-missing", params={**params, "row": candidate.row, "expected": expected_photo_name(
                number, candidate.name)}, file="", candidate=label)
        elif len(mine) > 1:
            yield Issue.create("photo-duplicate", params={**params, "count": len(mine),
                                                          "files": "、".join(f.name for f in mine)},
                               file=mine[0].name, candidate=label)
