"""The validate use case: one workbook read once, its rules, then its photo and attachment folders.

Every caller (the 校验 button, ``qzxl validate``, ``qzxl photos``, the export) goes through here, so
"validate, then photos and attachments" is assembled in one place and nothing is read twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from qzxl.photos.attachments import check_attachments
from qzxl.photos.folder import PhotoCheck, check_photo_folder
from qzxl.report import Report
from qzxl.rules import Validation, check_workbook
from qzxl.sheets.reader import WorkbookData


@dataclasses.dataclass
class BookCheck(Validation):
    """A validation with its folders checked too; ``photo_check`` is what fixing the photos starts from."""

    photo_check: PhotoCheck | None = None


def check_folders(report: Report, candidates: Sequence | None, *, photos: Path | None = None,
                  attachments: Path | None = None) -> PhotoCheck | None:
    """Add the photo and attachment folders' issues to ``report``; the photo check, for fixing them later."""
    photo_check = check_photo_folder(photos, candidates) if photos else None
    if photo_check is not None:
        report.extend(photo_check.report.issues)
        report.counts.update(photo_check.report.counts)
    if attachments:
        found = check_attachments(attachments, candidates or [])
        report.extend(found.issues)
        report.counts.update({f"attachment_{key}": value for key, value in found.counts.items()})
    return photo_check


def validate_book(data: WorkbookData, *, exam_date: dt.date | None = None, today: dt.date | None = None,
                  photos: Path | None = None, attachments: Path | None = None) -> BookCheck:
    """Validate the workbook, then the folders it names, into one report."""
    validation = check_workbook(data, exam_date=exam_date, today=today)
    photo_check = check_folders(validation.report, validation.candidates, photos=photos, attachments=attachments)
    return BookCheck(**vars(validation), photo_check=photo_check)
