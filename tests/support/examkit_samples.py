"""A batch with photos, and the seat assignment file the guide shows (docs/用户指南.md, 考务材料)."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.sample import generate_batch
from qzxl.sheets.writer import write_data_workbook

# The assignment as the provincial system exports it: a title row, then its own headers, some unknown to us.
TICKET_TITLE = "2026年12月职业技能等级认定考场安排"
TICKET_HEADERS = ("序号", "考生姓名", "身份证号", "准考证号", "考场号", "座位号", "考试科目", "报考职业", "联系电话")


def write_batch(folder: Path, count: int, *, missing_photo: int | None = None, mistakes: bool = False, **plan):
    """A data workbook of ``count`` candidates and a 照片 folder beside it; returns (batch, book)."""
    batch = generate_batch(count, mistakes=mistakes)
    batch.plan.update(plan)
    book = write_data_workbook(folder / "book.xlsx", batch.plan, batch.candidates)
    photos = folder / "照片"
    photos.mkdir()
    for index, person in enumerate(batch.candidates):
        if index != missing_photo and isinstance(person["id_number"], str):
            (photos / f"{person['id_number']}{person['name']}.jpg").write_bytes(
                jpeg_bytes(portrait(seed=index), quality=90))
    return batch, book


def ticket_rows(candidates, per_room: int = 20) -> list[list[object]]:
    """Everyone's 理论 seat, rooms of ``per_room`` numbered from 1, seats counting down (so order is the file's)."""
    rows = []
    for index, person in enumerate(candidates):
        room, seat = divmod(index, per_room)
        rows.append([index + 1, person["name"], person["id_number"], f"2026{33080000 + index:08d}", room + 1,
                     f"{per_room - seat:02d}", "理论知识", "电工", person["mobile"]])
    return rows


def write_tickets(path: Path, rows) -> Path:
    """The assignment file: .xlsx with a title row, or a GBK .csv as WPS saves it."""
    if path.suffix == ".csv":
        with path.open("w", encoding="gb18030", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(TICKET_HEADERS)
            writer.writerows(rows)
        return path
    book = openpyxl.Workbook()
    ws = book.active
    ws.append([TICKET_TITLE])
    ws.append(list(TICKET_HEADERS))
    for row in rows:
        ws.append(row)
    book.save(path)
    return path
