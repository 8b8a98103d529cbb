"""The photo and attachment folders of one batch, checked into the batch's one report.

Both the check (校验, ``qzxl validate``) and the export add their folder
findings here, so every count the clerk sees (校验结果, the terminal, 校验报告,
manifest) comes from one report. At the export two things differ, and only
these: missing attachments are warnings that list what to add; and a photo
problem that the export fixes in the package (a re-encode, a rename) stops
being an error and becomes one warning naming the fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from qzxl.catalogue import REASONS
from qzxl.photos.attachments import scan_attachments, withdraw_answered_reminders
from qzxl.photos.face import CROP_CURES
from qzxl.photos.folder import PhotoCheck, check_photo_folder
from qzxl.report import Issue, Report
from qzxl.values.privacy import mask_ids_in_text

if TYPE_CHECKING:  # Pillow comes in with the fix, not when a workbook is only checked
    from qzxl.photos.fix import FixResult

# The problems the export fixes (the original stays as it is); photo-fixed lists their codes, the catalogue
# says what was done about each.
FIXES = REASONS["photo-fixed"].keys()


def check_folders(report: Report, candidates: Sequence | None, *, photos: Path | None = None,
                  attachments: Path | None = None, at_export: bool = False) -> PhotoCheck | None:
    """Add the folders' issues to ``report``; returns the photo check, for fixing the photos later.

    At the export the attachments are always checked: without a folder, everything required is still to add.
    """
    photo_check = check_photo_folder(photos, candidates) if photos else None
    if photo_check is not None:
        report.extend(photo_check.report.issues)
        report.counts.update(photo_check.report.counts)
    if attachments or (at_export and candidates):
        found = scan_attachments(attachments, candidates or [], at_export=at_export)
        withdraw_answered_reminders(report, candidates or [], found.kinds)
        report.extend(found.report.issues)
        report.counts.update({f"attachment_{key}": value for key, value in found.report.counts.items()})
    return photo_check


def settle_fixed_photos(report: Report, fixed: FixResult) -> None:
    """Errors the export fixed in the package become one warning per photo; what it could not fix is added."""
    fixes_by_file: dict[str, list[str]] = {}
    for source in fixed.copied:
        fixes_by_file[mask_ids_in_text(source)] = []
    uncropped = {mask_ids_in_text(source) for source in fixed.copied if source not in fixed.cropped}
    kept: list[Issue] = []
    for issue in report.issues:
        if issue.file in fixes_by_file and issue.code in FIXES and not (
                issue.code in CROP_CURES and issue.file in uncropped):
            fixes_by_file[issue.file].append(issue.code)
        else:
            kept.append(issue)
    labels = {issue.file: issue.candidate for issue in report.issues if issue.file in fixes_by_file}
    report.issues[:] = kept
    for file, fixes in fixes_by_file.items():
        if fixes:
            report.extend([Issue.create("photo-fixed", params={"fixes": list(dict.fromkeys(fixes))}, file=file,
                                        candidate=labels.get(file, ""))])
    report.extend(fixed.failed)
