"""The export use case: validate the workbook and its folders once, then write the package from that.

The 导出 button, ``qzxl export`` and the demo come here. The validation is the validate use case's
(:func:`usecases.validate.validate_book`, folders checked as at the export), so the package's 校验报告 is
the same report 校验 would show, and nothing is read twice.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qzxl.export.package import ExportRefused, ExportResult, refuse_unusable_out, sha256, write_package
from qzxl.sheets.reader import read_workbook
from usecases.validate import validate_book

__all__ = ["ExportRefused", "ExportResult", "export_package"]


def export_package(book: Path, out: Path, *, photos: Path | None = None, attachments: Path | None = None,
                   make_zip: bool = False, force: bool = False, replace: bool = False,
                   today: dt.date | None = None) -> ExportResult:
    """Validate, fix the photos into the package, and write it; ExportRefused while errors remain (unless force).

    A package of the same name stays: the new one goes beside it (``-2`` …) unless ``replace``.
    """
    book, out = Path(book), Path(out)
    refuse_unusable_out(out, photos, attachments)  # the everyday mistakes in --out, before anything is read
    source_hash = sha256(book) if book.is_file() else ""
    check = validate_book(read_workbook(book), today=today, photos=photos, attachments=attachments, at_export=True)
    return write_package(check, book, out, source_hash=source_hash, photos=photos, attachments=attachments,
                         make_zip=make_zip, force=force, replace=replace, today=today)
