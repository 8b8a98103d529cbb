"""生成补考工作簿 (``qzxl retake``): a new workbook for the next batch with the people who must sit again.

Built exactly as ``qzxl workbook`` builds one, then filled through the file port (so it is as sound as any
workbook an action wrote): the 方案 less this sitting's dates, rooms and numbers (layout.EXAM_SPECIFIC_FIELDS;
鉴定人数 becomes the number of people), and 报名信息 with each retake candidate's own row, 考核科目 set to the
subjects to retake. It lives here, above the actions, because it builds a workbook.

By default it goes into a new folder of its own, ``<workbook>-补考/``, with copies of its people's photos and
attachments in 照片 and 附件: the next batch's 校验, 考务材料 and 资料汇总 then see only its own people and files,
never the first batch's (whose photos 校验 would otherwise list as strangers to delete).
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Sequence
from pathlib import Path

from qzxl.catalogue import say
from qzxl.errors import CannotRun
from qzxl.files import free_path
from qzxl.layout import (
    DEFAULT_FOLDERS,
    EXAM_SPECIFIC_FIELDS,
    FIRST_DATA_ROW,
    PLAN_FIELDS,
    PLAN_SHEET,
    PLAN_VALUE_COLUMN,
    REGISTRATION,
    RETAKE_SUFFIX,
    SUBJECTS,
    plan_value_row,
)
from qzxl.photos.attachments import attachment_owner
from qzxl.photos.naming import clean_file_stem
from qzxl.sheets.address import column_letter
from qzxl.sheets.intake import read_candidates, read_plan
from qzxl.sheets.models import CandidateLookup
from udfs.actions.common import book_folder, read_book
from udfs.actions.scores import scores_sheet
from udfs.file_port import FilePort
from udfs.port import WorkbookPort
from usecases.importing import row_cells
from usecases.scores import has_scores, run_scores
from workbook.build import build_workbook
from workbook.sheets.plan import DEFAULT_VALUES


def retake_path(book: Path) -> Path:
    """<workbook>-补考/<workbook>-补考.xlsm beside the workbook (the folder -2, -3 … when that exists)."""
    name = f"{book.stem}{RETAKE_SUFFIX}"
    return free_path(book.with_name(name), folder=True) / f"{name}.xlsm"


def copy_files(source: Path | None, target: Path, everyone: Sequence, keep: set[str]) -> int:
    """Copy the files of ``source`` that name a person whose ID number is in ``keep`` into ``target`` (made
    here); the originals stay. A file names its person as 校验 matches it among ``everyone`` (the whole batch):
    by ID number, else by a name only one of them has. A folder already there is left alone: nothing is copied
    over."""
    if source is None or target.exists():
        return 0
    lookup = CandidateLookup(everyone)
    files = [path for path in sorted(source.iterdir()) if path.is_file() and not path.is_symlink()
             and attachment_owner(clean_file_stem(path.stem), lookup) in keep]
    if files:
        target.mkdir(parents=True)
    for path in files:
        shutil.copy2(path, target / path.name)
    return len(files)


def make_retake(port: WorkbookPort, out: Path | None = None, *, today: dt.date | None = None) -> tuple[Path, int]:
    """Build the 补考 workbook at ``out`` (a free name: never over a file); its path and the number of people."""
    book, _ = read_book(port)
    grid = scores_sheet(port)
    if not has_scores(grid):
        raise CannotRun("run-scores-none")
    result = run_scores(book, grid, []).result
    retakers = result.retakers
    if not retakers:
        raise CannotRun("run-retake-none")
    target = free_path(out) if out is not None else retake_path(port.path)
    target.parent.mkdir(parents=True, exist_ok=True)
    build_workbook(target, today=today)
    new = FilePort(target, backup=False)
    plan = book.plan.values if book.plan is not None else {}
    column = [[_plan_value(f.key, plan, len(retakers))] for f in PLAN_FIELDS]
    keep = {person.entrant.id_number for person in retakers if person.entrant.id_number}
    if target.parent != port.path.parent:  # its own folder: its people's files go with it, the 方案 names them
        plan_now = read_plan(book.plan)[0] if book.plan is not None else None
        for key in ("photos_dir", "attachments_dir"):
            source = book_folder(port, plan_now, key)
            if copy_files(source, target.parent / DEFAULT_FOLDERS[key], read_candidates(book.registration)[0], keep):
                column[[f.key for f in PLAN_FIELDS].index(key)] = [DEFAULT_FOLDERS[key]]
    top = f"{column_letter(PLAN_VALUE_COLUMN + 1)}{plan_value_row(PLAN_FIELDS[0].key) + 1}"
    new.write_block(PLAN_SHEET, top, column)
    rows = {row.number: row.values for row in book.registration.rows}
    letters = {key: column_letter(index + 1) for index, key in enumerate(REGISTRATION.keys)}
    lines = []
    for person in retakers:
        values = {k: v for k, v in rows.get(person.entrant.row, {}).items() if k in letters}
        values["exam_subjects"] = "、".join(SUBJECTS[key] for key in person.retake)
        lines.append(row_cells(values, letters))
    new.write_block(REGISTRATION.sheet, f"A{FIRST_DATA_ROW + 1}", lines)
    new.save()
    return target, len(retakers)


def _plan_value(key: str, plan: dict, count: int) -> object:
    if key == "headcount":
        return count
    if key in EXAM_SPECIFIC_FIELDS:
        return None
    value = plan.get(key)
    return value if value not in (None, "") else DEFAULT_VALUES.get(key)


def retake_button(port: WorkbookPort, today: dt.date | None = None) -> str:
    """The ribbon's 生成补考工作簿: writes <workbook>-补考.xlsm beside the workbook."""
    path, count = make_retake(port, today=today)
    text = say("retake-done", path=path, count=count)
    port.alert(text)
    return text
