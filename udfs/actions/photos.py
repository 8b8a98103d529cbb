"""检查照片 and 修复照片: the photo folder against the candidates, and a conforming copy of it."""

from __future__ import annotations

import datetime as dt

from qzxl.errors import CannotRun
from qzxl.photos.folder import check_photo_folder
from qzxl.report import Report
from qzxl.sheets.intake import read_candidates, read_plan
from qzxl.textreport import summary
from udfs.actions.common import DEFAULT_PHOTOS, _folder, _new_folder, read_book
from udfs.actions.marks import fit_print_areas, show_report
from udfs.port import WorkbookPort


def check_photos(port: WorkbookPort, today: dt.date | None = None) -> str:
    """检查照片: the photo folder against the candidates."""
    port.set_status("正在检查照片……")
    data, grids = read_book(port)
    plan = read_plan(data.plan)[0] if data.plan else None
    folder = _folder(port, plan, "photos_dir", DEFAULT_PHOTOS)
    if folder is None:
        raise CannotRun("run-no-photo-folder", default=DEFAULT_PHOTOS)
    candidates, _ = read_candidates(data.registration)
    report = check_photo_folder(folder, candidates).report
    text = summary(report)
    show_report(port, report, grids, f"照片检查（{folder}）：{text}")
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
    out = _new_folder(folder.with_name(folder.name + "-已修复"))
    if not port.confirm(f"将把修复后的照片写到新文件夹「{out.name}」，原照片不会改动。继续吗？"):
        return "已取消"
    port.set_status("正在修复照片……")
    candidates, _ = read_candidates(data.registration)
    check = check_photo_folder(folder, candidates)
    result = fix_photo_folder(folder, check, out, make_zip=True)
    report = Report(candidates=len(candidates), issues=list(result.unfixable))
    title = f"照片修复（{out}）：已修复 {len(result.written)} 张，{len(result.unfixable)} 项需人工处理"
    show_report(port, report, grids, title)
    fit_print_areas(port, data, grids)
    port.set_status(None)
    port.open_folder(out)
    text = f"已修复 {len(result.written)} 张照片到「{out}」。" + (
        f"\n有 {len(result.unfixable)} 项需要人工处理，见「校验结果」表。" if result.unfixable else "")
    port.alert(text)
    return text
