"""资料汇总: the batch's export package, exam kit, 成绩 and lists (xlsx and PDF) and the workbook in one folder.

The folder and its .zip go beside the workbook (``qzxl archive --out`` elsewhere), never over an earlier one; what
is not there yet (no export, no exam kit, no scores) is said, not invented.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qzxl.catalogue import say
from qzxl.export.package import package_name
from qzxl.layout import EXAM_KIT_FOLDER, EXPORT_FOLDER
from qzxl.scores.archive import ArchiveResult, newest_folder, write_archive
from qzxl.scores.outputs import write_lists
from qzxl.sheets.intake import read_candidates, read_plan
from udfs.actions.common import read_book
from udfs.actions.scores import scores_sheet
from udfs.port import WorkbookPort
from usecases.scores import has_scores, run_scores

MANIFEST = "manifest.json"  # what every export package holds (qzxl.export.package)


def make_archive(port: WorkbookPort, out: Path | None = None, now: dt.datetime | None = None) -> ArchiveResult:
    book, _ = read_book(port)
    plan = read_plan(book.plan)[0] if book.plan is not None else None
    candidates = read_candidates(book.registration)[0]
    name = package_name(plan) if plan is not None else port.path.stem
    grid = scores_sheet(port)
    scores = None
    if has_scores(grid):
        run = run_scores(book, grid, [])

        def scores(folder: Path) -> None:
            write_lists(folder, run.result, run.rows, run.occupation, run.level)

    title = say("archive-title", org=getattr(plan, "org", "") or "", occupation=getattr(plan, "occupation", "") or "",
                level=getattr(plan, "level", "") or "", exam=getattr(plan, "exam_date", None) or "—",
                count=len(candidates), time=f"{now or dt.datetime.now():%Y-%m-%d %H:%M}")
    names = {c.id_number.upper(): c.name for c in candidates if c.id_number}
    return write_archive(out or port.path.parent, name, title=title, book=port.path,
                         package=newest_folder(port.path.parent / EXPORT_FOLDER, name, marker=MANIFEST),
                         exam_kit=newest_folder(port.path.parent, EXAM_KIT_FOLDER), write_scores=scores, names=names)


def archive_message(result: ArchiveResult) -> str:
    text = say("archive-done", folder=result.folder, count=len(result.entries), zip=result.zip.name)
    if result.missing:
        text += "\n" + say("archive-missing", items="、".join(result.missing))
    return text + (f"\n{result.pdf_note}" if result.pdf_note else "")


def archive_button(port: WorkbookPort, today: dt.date | None = None) -> str:
    """The ribbon's 资料汇总: saved first (the copy in the archive is what the clerk sees), then gathered."""
    port.save()
    result = make_archive(port)
    port.open_folder(result.folder)
    text = archive_message(result)
    port.alert(text)
    return text
