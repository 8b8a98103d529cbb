"""The 身份证复印件 use case: ``qzxl idcopy`` and the 身份证复印件 button both come here.

The copies go into a new folder 身份证复印件 (``-2``, ``-3`` … when one is there: nothing is
overwritten), beside the workbook unless another place is given; the attachments are read from
the folder 校验 reads (the 方案's 附件文件夹, else 附件 beside the workbook) and never changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from qzxl.errors import CannotRun
from qzxl.files import Busy, exclusive_lock, free_path
from qzxl.idcards.copies import COPY_LABEL, CopyResult, make_copies, stamp_text
from qzxl.layout import DEFAULT_FOLDERS


@dataclass
class IdCopyRun:
    folder: Path  # the folder chosen (written only when at least one copy was made)
    result: CopyResult


def attachments_folder(book: Path, plan, given: Path | None = None) -> Path | None:
    """``given``, else the 方案's 附件文件夹 (relative to the workbook), else 附件 beside it; None if not there."""
    if given is not None:
        return Path(given)
    named = getattr(plan, "attachments_dir", "") if plan is not None else ""
    folder = Path(named or DEFAULT_FOLDERS["attachments_dir"])
    folder = folder if folder.is_absolute() else Path(book).parent / folder
    return folder if folder.is_dir() else None


def write_id_copies(book: Path, candidates, plan, *, attachments: Path | None = None, out: Path | None = None,
                    today: dt.date | None = None) -> IdCopyRun:
    """Compose every candidate's copy into a new 身份证复印件 folder under ``out`` (default: beside ``book``)."""
    source = attachments_folder(book, plan, attachments)
    if source is None:
        raise CannotRun("run-no-attachments-folder", default=DEFAULT_FOLDERS["attachments_dir"])
    base = Path(out if out is not None else Path(book).parent) / COPY_LABEL
    base.parent.mkdir(parents=True, exist_ok=True)
    stamp = stamp_text(getattr(plan, "idcopy_stamp", None) if plan is not None else None, today or dt.date.today())
    try:
        with exclusive_lock(base, wait=0):
            folder = free_path(base, folder=True)
            result = make_copies(source, candidates, folder, stamp=stamp)
    except Busy as busy:
        raise CannotRun("run-idcopy-busy", name=base.name) from busy
    return IdCopyRun(folder, result)


def idcopy_book(book: Path, *, attachments: Path | None = None, out: Path | None = None,
                today: dt.date | None = None) -> IdCopyRun:
    from qzxl.sheets.intake import read_candidates, read_plan
    from qzxl.sheets.reader import read_workbook

    data = read_workbook(book)
    candidates, _ = read_candidates(data.registration)
    plan = read_plan(data.plan)[0] if data.plan else None
    return write_id_copies(book, candidates, plan, attachments=attachments, out=out, today=today)
