"""The exam kit's folder: 考务材料_<考试日期>, new every time, written whole or not at all.

The four workbooks and their PDFs are made in a hidden folder beside the target and renamed into place
at the end, under a lock, onto the first free name (``-2``, ``-3`` … by :func:`qzxl.files.free_path`):
an old kit is never overwritten, and an interrupted run leaves nothing half made.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qzxl.errors import CannotRun
from qzxl.examkit import documents
from qzxl.examkit.rooms import Assignment, Seating, seat_candidates
from qzxl.export.package import convert_to_pdf
from qzxl.files import Busy, exclusive_lock, free_path, leftover_prefix, remove_leftovers
from qzxl.layout import CANDIDATES_PER_INVIGILATOR, EXAM_KIT_FILES, EXAM_KIT_FOLDER, REGISTRATION_SHEET
from qzxl.report import Issue, Report
from qzxl.values.privacy import mask_id

LOCK_WAIT_SECONDS = 30  # another kit of the same batch finishing its rename


@dataclass
class KitResult:
    folder: Path
    report: Report
    seating: Seating
    files: list[Path] = field(default_factory=list)
    pdf_note: str = ""


def kit_name(plan) -> str:
    return f"{EXAM_KIT_FOLDER}_{plan.exam_date.isoformat()}"


def write_kit(out: Path, plan, candidates: Sequence, photo_files: Mapping[str, Path], report: Report, *,
              assignments: Mapping[str, Mapping[str, Assignment]] | None = None, full_ids: bool = False,
              per_invigilator: int = CANDIDATES_PER_INVIGILATOR) -> KitResult:
    """Seat the candidates and write the kit under ``out``; ``report`` gains the seating's and the photos' warnings."""
    seating = seat_candidates(candidates, plan, assignments, per_invigilator=per_invigilator)
    if not seating.rooms:
        raise CannotRun("run-examkit-no-sessions")
    report.extend(seating.issues)
    photos = documents.Photos(photo_files)
    seated = {(seat.id_number, seat.name, seat.row) for room in seating.rooms for seat in room.seats}
    for number, name, row in sorted(seated, key=lambda person: person[2]):
        if photos.get(number) is None:
            report.extend([Issue.create("examkit-photo-missing", params={"name": name, "id": mask_id(number)},
                                        sheet=REGISTRATION_SHEET, row=row)])
    batch = documents.Batch(plan.org or "", plan.occupation or "", plan.level or "")
    name = kit_name(plan)
    out.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    staging = Path(tempfile.mkdtemp(prefix=leftover_prefix(name), dir=out))
    try:
        files = [staging / EXAM_KIT_FILES[key] for key in ("rooms", "sign_in", "desk_cards", "door_lists")]
        documents.write_arrangement(files[0], batch, seating.rooms)
        documents.write_sign_in(files[1], batch, seating.rooms, photos, full_ids=full_ids)
        documents.write_desk_cards(files[2], batch, seating.rooms, photos)
        documents.write_door_lists(files[3], batch, seating.rooms)
        pdf_note = convert_to_pdf(files, staging / "PDF")
        try:
            with exclusive_lock(out / name, wait=LOCK_WAIT_SECONDS):
                target = free_path(out / name, folder=True)
                staging.rename(target)
        except Busy as busy:
            raise CannotRun("run-examkit-busy", name=name) from busy
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when it became the kit
    written = sorted(p for p in target.rglob("*") if p.is_file())
    return KitResult(target, report, seating, written, pdf_note)
