"""资料汇总 (step 10 of the college's process): the batch's papers in one folder and a .zip of it, with a list.

The folder (资料汇总_<package name>, -2, -3 … when it exists) holds the newest export package, the exam kit when
one was made, the 成绩 sheet and lists as .xlsx and PDF, and the workbook itself; 资料清单.xlsx lists every other
file with its kind, candidate, size, SHA-256 and date, the batch's identity on top. It is made in a temporary
folder and put in place whole, the .zip written atomically, and after writing every listed file is read again
(in the folder and in the .zip) and its hash compared: a mismatch removes both and says so.

>>> candidate_of("照片/330822199012153426张三.jpg", {"330822199012153426": "张三"})
'张三'
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from qzxl.errors import CannotRun
from qzxl.export.package import convert_to_pdf, sha256
from qzxl.files import atomic_path, free_path
from qzxl.layout import ARCHIVE_COLUMNS, ARCHIVE_KINDS, ARCHIVE_LIST, ARCHIVE_PREFIX, SCORE_FILES
from qzxl.scores.outputs import new_folder, write_table
from qzxl.values.privacy import mask_ids_in_text

_ID_IN_NAME = re.compile(r"(\d{17}[\dXx])")


@dataclass(frozen=True)
class Entry:
    path: str  # inside the archive folder, with / separators
    kind: str
    candidate: str
    size: int
    sha256: str
    date: str


@dataclass
class ArchiveResult:
    folder: Path
    zip: Path
    entries: list[Entry] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # kinds not found (no export yet, no exam kit …)
    pdf_note: str = ""


def candidate_of(path: str, names: Mapping[str, str]) -> str:
    """The person a file is about, by the ID number its name starts with (photos, attachments, forms)."""
    found = _ID_IN_NAME.search(Path(path).name)
    return names.get(found[1].upper(), "") if found else ""


def newest_folder(parent: Path, prefix: str, *, marker: str | None = None) -> Path | None:
    """The most recently written folder in ``parent`` whose name starts with ``prefix`` (holding ``marker``)."""
    if not parent.is_dir():
        return None
    found = [p for p in parent.iterdir() if p.is_dir() and p.name.startswith(prefix) and not p.name.startswith(".")
             and (marker is None or (p / marker).is_file())]
    return max(found, key=lambda p: p.stat().st_mtime, default=None)


def write_archive(out: Path, name: str, *, title: str, book: Path, package: Path | None, exam_kit: Path | None,
                  write_scores: Callable[[Path], None] | None, names: Mapping[str, str]) -> ArchiveResult:
    """Gather the batch under ``out``; ``write_scores(folder)`` writes the 成绩 files there (None: no scores yet)."""
    missing = [ARCHIVE_KINDS[kind] for kind, there in (("package", package), ("exam_kit", exam_kit),
                                                        ("scores", write_scores)) if there is None]
    pdf_note = ""
    with new_folder(out / f"{ARCHIVE_PREFIX}_{name}") as (staging, target):
        if package is not None:
            shutil.copytree(package, staging / ARCHIVE_KINDS["package"] / package.name)
        if exam_kit is not None:
            shutil.copytree(exam_kit, staging / ARCHIVE_KINDS["exam_kit"] / exam_kit.name)
        if write_scores is not None:
            scores = staging / ARCHIVE_KINDS["scores"]
            scores.mkdir()
            write_scores(scores)
            sheets = [scores / n for n in SCORE_FILES.values() if n.endswith(".xlsx") and (scores / n).exists()]
            pdf_note = convert_to_pdf(sheets, scores / "PDF")
        shutil.copy2(book, staging / book.name)
        entries = [_entry(staging, path, names) for path in sorted(staging.rglob("*")) if path.is_file()]
        write_table(staging / ARCHIVE_LIST, title, [c.header for c in ARCHIVE_COLUMNS.columns],
                    [c.width for c in ARCHIVE_COLUMNS.columns],
                    [[mask_ids_in_text(e.path), e.kind, e.candidate, e.size, e.sha256, e.date] for e in entries],
                    sheet_name=ARCHIVE_COLUMNS.sheet)
    archive = free_path(target.with_name(target.name + ".zip"))
    try:
        with atomic_path(archive) as temporary, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as packed:
            for path in sorted(target.rglob("*")):
                if path.is_file():
                    packed.write(path, f"{target.name}/{path.relative_to(target).as_posix()}")
        verify(target, archive, entries)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        archive.unlink(missing_ok=True)
        raise
    return ArchiveResult(target, archive, entries, missing, pdf_note)


def _entry(root: Path, path: Path, names: Mapping[str, str]) -> Entry:
    relative = path.relative_to(root).as_posix()
    top = relative.split("/", 1)[0]
    kind = next((label for label in ARCHIVE_KINDS.values() if label == top), ARCHIVE_KINDS["workbook"])
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0).isoformat(sep=" ")
    return Entry(relative, kind, candidate_of(relative, names), path.stat().st_size, sha256(path), stamp)


def verify(folder: Path, archive: Path, entries: list[Entry]) -> None:
    """Every listed file read again, in the folder and in the .zip: CannotRun on the first that differs."""
    import hashlib

    with zipfile.ZipFile(archive) as packed:
        for entry in entries:
            on_disk = folder / entry.path
            if not on_disk.is_file() or sha256(on_disk) != entry.sha256:
                raise CannotRun("run-archive-verify", file=mask_ids_in_text(entry.path))
            digest = hashlib.sha256()
            try:
                with packed.open(f"{folder.name}/{entry.path}") as member:
                    for block in iter(lambda member=member: member.read(1 << 20), b""):
                        digest.update(block)
            except (KeyError, zipfile.BadZipFile) as error:
                raise CannotRun("run-archive-verify", file=mask_ids_in_text(entry.path)) from error
            if digest.hexdigest() != entry.sha256:
                raise CannotRun("run-archive-verify", file=mask_ids_in_text(entry.path))
