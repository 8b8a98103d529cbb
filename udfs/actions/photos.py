"""检查照片 and 修复照片: the photo folder against the candidates, and a conforming copy of it."""

from __future__ import annotations

import datetime as dt

from qzxl.catalogue import say
from qzxl.errors import CannotRun
from qzxl.files import free_path
from qzxl.photos.folder import check_photo_folder
from qzxl.report import Report
from qzxl.sheets.intake import read_candidates, read_plan
from qzxl.textreport import summary
from udfs.actions.common import DEFAULT_PHOTOS, _folder, read_book
from udfs.actions.marks import fit_print_areas, show_report
from udfs.port import WorkbookPort


def check_photos(port: WorkbookPort, today: dt.date | None = None) -> str:
    """检查照片: the photo folder against the candidates."""
    port.set_status(say("button-photos-status"))
    data, grids = read_book(port)
    plan = read_plan(data.plan)[0] if data.plan else None
    folder = _folder(port, plan, "photos_dir", DEFAULT_PHOTOS)
    if folder is None:
        raise CannotRun("run-no-photo-folder", default=DEFAULT_PHOTOS)
    candidates, _ = read_candidates(data.registration)
    report = check_photo_folder(folder, candidates).report
    text = summary(report)
    show_report(port, report, grids, say("button-photos-title", folder=folder, summary=text))
    fit_print_areas(port, data, grids)
    port.set_status(None)
    port.alert(text)
    return text


def fix_photos(port: WorkbookPort, today: dt.date | None = None) -> str:
    """修复照片: a conforming copy of the photo folder in a new folder beside it."""
    from qzxl.photos.fix import fix_photos as fix_photo_folder

    data, grids = read_book(port)
    plan = read_plan(data.plan)[0] if data.plan else None
    folder = _folder(port, plan, "photos_dir", DEFAULT_PHOTOS)
    if folder is None:
        raise CannotRun("run-no-photo-folder", default=DEFAULT_PHOTOS)
    out = free_path(folder.with_name(folder.name + "-已修复"), folder=True, companions=(".zip",))
    if not port.confirm(say("button-fix-confirm", folder=out.name)):
        return say("button-cancelled")
    port.set_status(say("button-fix-status"))
    candidates, _ = read_candidates(data.registration)
    check = check_photo_folder(folder, candidates)
    result = fix_photo_folder(folder, check, out, make_zip=True)
    report = Report(candidates=len(candidates), issues=list(result.unfixable))
    title = say("button-fix-title", folder=out, written=len(result.written), unfixable=len(result.unfixable))
    show_report(port, report, grids, title)
    fit_print_areas(port, data, grids)
    port.set_status(None)
    port.open_folder(out)
    text = say("button-fix-done", written=len(result.written), folder=out) + (
        "\n" + say("button-fix-manual", count=len(result.unfixable)) if result.unfixable else "")
    port.alert(text)
    return text
