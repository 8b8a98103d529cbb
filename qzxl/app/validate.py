"""The validate use case: one workbook read once, its rules, then its photo and attachment folders.

Every caller (the 校验 button, ``qzxl validate``, ``qzxl photos``, the export) goes through here, so
"validate, then photos and attachments" is assembled in one place and nothing is read twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from qzxl.layout import REGISTRATION
from qzxl.photos.batch import check_folders
from qzxl.photos.folder import PhotoCheck
from qzxl.rules import Validation, check_workbook
from qzxl.sheets.reader import WorkbookData


@dataclasses.dataclass
class BookCheck(Validation):
    """A validation with its folders checked too; ``photo_check`` is what fixing the photos starts from."""

    photo_check: PhotoCheck | None = None


def validate_book(data: WorkbookData, *, exam_date: dt.date | None = None, today: dt.date | None = None,
                  photos: Path | None = None, attachments: Path | None = None,
                  at_export: bool = False) -> BookCheck:
    """Validate the workbook, then the folders it names, into one report (``at_export``: as the export checks them).

    At the export a workbook with no one in it stops the export before any folder is looked at.
    """
    validation = check_workbook(data, exam_date=exam_date, today=today)
    if at_export and not validation.candidates:
        return BookCheck(**vars(validation))
    photo_check = check_folders(validation.report, validation.candidates, photos=photos, attachments=attachments,
                                at_export=at_export)
    _place_on_cells(validation.report, data)
    return BookCheck(**vars(validation), photo_check=photo_check)


def _place_on_cells(report, data: WorkbookData) -> None:
    """A folder's finding about a 报名信息 cell (a photo whose name shows the typed 证件号码 is wrong) gets
    that cell's address as the sheet was read, so it is marked and linked like the rules' own."""
    letters = data.registration.letters
    report.issues[:] = [
        dataclasses.replace(issue, sheet=data.registration.sheet, cell=f"{letters[issue.key]}{issue.row}")
        if issue.sheet == REGISTRATION.sheet and issue.cell is None and issue.row and issue.key in letters
        else issue for issue in report.issues]
