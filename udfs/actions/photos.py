"""检查照片 and 修复照片: the photo folder against the candidates, and a conforming copy of it."""

from __future__ import annotations

import datetime as dt

from qzxl.catalogue import say
from qzxl.errors import CannotRun
from qzxl.files import free_path
from qzxl.photos.batch import settle_fixed_photos
from qzxl.report import Report
from qzxl.sheets.intake import read_plan
from qzxl.textreport import summary
from udfs.actions.common import DEFAULT_PHOTOS, book_folder, read_book
from udfs.actions.validate import read_and_validate, show_validation
from udfs.port import WorkbookPort


def check_photos(port: WorkbookPort, today: dt.date | None = None) -> str:
    """检查照片: the photo folder against the candidates, on top of the whole current 校验 in 校验结果."""
    port.set_status(say("button-photos-status"))
    check, grids = read_and_validate(port, today)
    folder = book_folder(port, check.plan, "photos_dir")  # the 方案 校验 read
    if folder is None:
        raise CannotRun("run-no-photo-folder", default=DEFAULT_PHOTOS)
    photos = check.photo_check.report if check.photo_check else Report(candidates=len(check.candidates))
    text = summary(photos)
    show_validation(port, check.report, check.data, grids, say("button-photos-title", folder=folder, summary=text))
    port.set_status(None)
    port.alert(text)
    return text


def fix_photos(port: WorkbookPort, today: dt.date | None = None) -> str:
    """修复照片: a conforming copy of the photo folder in a new folder beside it.

    校验结果 then holds the whole current 校验 less what the copy fixed: what it could not fix stays.
    """
    from qzxl.photos.fix import fix_photos as fix_photo_folder

    data, _ = read_book(port)
    plan = read_plan(data.plan)[0] if data.plan else None
    folder = book_folder(port, plan, "photos_dir")
    if folder is None:
        raise CannotRun("run-no-photo-folder", default=DEFAULT_PHOTOS)
    out = free_path(folder.with_name(folder.name + "-已修复"), folder=True, companions=(".zip",))
    if not port.confirm(say("button-fix-confirm", folder=out.name)):
        return say("button-cancelled")
    port.set_status(say("button-fix-status"))
    check, grids = read_and_validate(port, today)
    result = fix_photo_folder(folder, check.photo_check, out, make_zip=True)
    report = check.report
    settle_fixed_photos(report, result)
    report.issues[:] = [issue for issue in report.issues if issue.code != "photo-fixed"]  # fixed: gone
    title = say("button-fix-title", folder=out, written=len(result.written), unfixable=len(result.unfixable))
    show_validation(port, report, check.data, grids, title)
    port.set_status(None)
    port.open_folder(out)
    text = say("button-fix-done", written=len(result.written), folder=out, archive=result.archive.name) + (
        "\n" + say("button-fix-manual", count=len(result.unfixable)) if result.unfixable else "")
    port.alert(text)
    return text
