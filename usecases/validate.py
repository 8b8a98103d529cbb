"""The validate use case: one workbook read once, its rules, then its photo and attachment folders.

Every caller (the 校验 button, ``qzxl validate``, ``qzxl photos``, the export) goes through here, so
"validate, then photos and attachments" is assembled in one place and nothing is read twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from qzxl.layout import DEFAULT_FOLDERS, REGISTRATION
from qzxl.photos.batch import check_folders
from qzxl.photos.folder import PhotoCheck
from qzxl.rules import Validation, check_workbook
from qzxl.sheets.tables import WorkbookData


@dataclasses.dataclass
class BookCheck(Validation):
    """A validation with its folders checked too; ``photo_check`` is what fixing the photos starts from."""

    photo_check: PhotoCheck | None = None


def plan_folder(plan, key: str, beside: Path) -> Path | None:
    """The folder the 方案 names under ``key`` (relative to ``beside``, the workbook's folder), else the default
    folder beside the workbook; None when it does not exist."""
    named = getattr(plan, key, "") if plan is not None else ""
    folder = Path(named or DEFAULT_FOLDERS[key])
    folder = folder if folder.is_absolute() else beside / folder
    return folder if folder.is_dir() else None


def validate_book(data: WorkbookData, *, exam_date: dt.date | None = None, today: dt.date | None = None,
                  photos: Path | None = None, attachments: Path | None = None,
                  at_export: bool = False, beside: Path | None = None) -> BookCheck:
    """Validate the workbook, then the folders it names, into one report (``at_export``: as the export checks them).

    With ``beside`` (the workbook's folder) the folders are those its 方案 names, found from the 方案 the rules
    just read (one reading of it). At the export a workbook with no one in it stops before any folder is looked at.
    """
    validation = check_workbook(data, exam_date=exam_date, today=today)
    if at_export and not validation.candidates:
        return BookCheck(**vars(validation))
    if beside is not None:
        photos = plan_folder(validation.plan, "photos_dir", beside)
        attachments = plan_folder(validation.plan, "attachments_dir", beside)
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
