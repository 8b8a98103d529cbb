"""The exam-kit use case: validate the batch, refuse what would print a wrong name or photo, write the kit.

The 考务材料 button, ``qzxl exam-kit`` and the demo come here. The workbook and its photo folder are
validated as 校验 does (:func:`usecases.validate.validate_book`); only the errors that would put a wrong
name, ID number or photo on a sheet stop the kit (``force`` goes on anyway). A missing photo does not
stop it: the row says 无照片 and the kit's report warns.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qzxl.errors import CannotRun
from qzxl.examkit.kit import KitResult, write_kit
from qzxl.examkit.tickets import read_tickets
from qzxl.export.package import refuse_unusable_out
from qzxl.layout import (
    CANDIDATES_PER_INVIGILATOR,
    REGISTRATION,
    REGISTRATION_SHEET,
    TICKETS_FILE,
    TICKETS_FILE_SUFFIXES,
    YES,
)
from qzxl.photos.folder import opened_source
from qzxl.report import Issue, Report
from qzxl.sheets.intake import read_plan
from qzxl.sheets.reader import read_workbook
from usecases.validate import plan_folder, validate_book

__all__ = ["KitRefused", "KitResult", "blocks_kit", "make_exam_kit", "tickets_beside"]

# The 报名信息 columns a sheet prints or seats by, and the photo errors that would show someone else's face.
KIT_COLUMNS = frozenset(REGISTRATION.column(key).header for key in ("name", "id_type", "id_number", "exam_subjects"))
KIT_PHOTO_CODES = frozenset({"photo-name-mismatch", "photo-name-id-mismatch", "photo-duplicate"})


class KitRefused(Exception):
    """Errors that would print a wrong name or photo, and no force: carries them to show."""

    def __init__(self, report: Report) -> None:
        super().__init__("exam kit refused")
        self.report = report


def blocks_kit(issue: Issue) -> bool:
    """An error that would put a wrong name, ID number, seat or photo on a sheet."""
    return issue.is_error and (issue.code in KIT_PHOTO_CODES or (
        issue.sheet == REGISTRATION_SHEET and issue.column in KIT_COLUMNS))


def tickets_beside(book: Path) -> Path | None:
    """The button's assignment file: 考场安排.xlsx (or .xls, .ods, .csv) beside the workbook, if there is one."""
    return next((path for suffix in TICKETS_FILE_SUFFIXES
                 if (path := Path(book).parent / f"{TICKETS_FILE}{suffix}").is_file()), None)


def make_exam_kit(book: Path, out: Path | None = None, *, tickets: Path | None = None, photos: Path | None = None,
                  full_ids: bool = False, per_invigilator: int | None = None, force: bool = False,
                  today: dt.date | None = None) -> KitResult:
    """Validate, seat and write 考务材料_<考试日期> under ``out`` (default: beside the workbook).

    ``full_ids`` or the 方案's 签到表印完整证件号码 = 是 prints whole ID numbers; ``per_invigilator``, else the
    方案's 每名监考最多考生数, else :data:`~qzxl.layout.CANDIDATES_PER_INVIGILATOR` sets the crowding warning.

    ``photos`` may be a zip, as everywhere: it is extracted for the run, so the sheets can print its photos.
    Without it, the 方案's 照片文件夹 (relative to the workbook), else 照片 beside it, when one exists.
    """
    book = Path(book)
    out = (Path(out) if out is not None else book.parent).resolve()  # the message names a whole path
    refuse_unusable_out(out, photos, None)
    data = read_workbook(book)
    if data.plan is None:
        raise CannotRun("run-export-no-plan")
    folder = Path(photos) if photos is not None else plan_folder(read_plan(data.plan)[0], "photos_dir", book.parent)
    if photos is None:
        refuse_unusable_out(out, folder, None)  # the kit never goes inside the folder the 方案 names
    if folder is None or folder.is_dir():
        return _make(out, data, folder, tickets, full_ids, per_invigilator, force, today)
    with opened_source(folder) as (extracted, _):  # the zip's own problems are 校验's and 检查照片's to list
        return _make(out, data, extracted, tickets, full_ids, per_invigilator, force, today)


def _make(out: Path, data, photos: Path | None, tickets: Path | None, full_ids: bool,
          per_invigilator: int | None, force: bool, today: dt.date | None) -> KitResult:
    check = validate_book(data, today=today, photos=photos)
    plan, candidates = check.plan, check.candidates
    if not candidates:
        raise CannotRun("run-examkit-no-candidates", sheet=data.registration.sheet)
    if plan is None or plan.exam_date is None:
        raise CannotRun("run-examkit-no-exam-date")
    blocking = [issue for issue in check.report.issues if blocks_kit(issue)]
    report = Report(candidates=len(candidates), issues=list(blocking))
    if blocking and not force:
        raise KitRefused(report)
    assignments = None
    if tickets is not None:
        read = read_tickets(tickets, candidates)
        report.extend(read.issues)
        assignments = read.assignments
    photo_files = {}
    if check.photo_check is not None:
        for file in check.photo_check.files:
            if file.owner is not None:
                photo_files.setdefault(file.owner[0], file.path)
    full_ids = full_ids or plan.kit_full_ids.strip() == YES
    per_invigilator = per_invigilator or int(plan.kit_per_invigilator or 0) or CANDIDATES_PER_INVIGILATOR
    return write_kit(out, plan, candidates, photo_files, report, assignments=assignments, full_ids=full_ids,
                     per_invigilator=per_invigilator)
