"""``qzxl demo [DIR]``: the whole job on a realistic batch, through the same code the buttons run.

It builds the workbook, types a plan and 30 candidates from Quzhou into it
(with the mistakes clerks really make), makes a photo folder (a few phone
photos among them) and an attachments folder, then runs the actions through
the file port — 计算时间节点, 校验 with marks, 修复照片 — exports the
package and makes the exam kit (考务材料: sign-in sheets with photos, desk cards,
door lists). Everything lands in DIR; nothing outside it is touched.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from qzxl.catalogue import say
from qzxl.errors import CannotRun
from qzxl.layout import (
    DEFAULT_FOLDERS,
    EXPORT_FOLDER,
    FIRST_DATA_ROW,
    PLAN_FIELDS,
    PLAN_SHEET,
    PLAN_VALUE_COLUMN,
    REGISTRATION,
    plan_value_row,
)
from qzxl.photos.samples import GREY_WALL, jpeg_bytes, pdf_bytes, portrait
from qzxl.report import Report
from qzxl.sample import Batch, generate_batch
from qzxl.sheets.address import column_letter
from qzxl.textreport import summary
from usecases.examkit import KitResult, make_exam_kit
from usecases.export import ExportResult, export_package

DEMO_CANDIDATES = 30
DEMO_BOOK = "示例-电工四级.xlsm"
SCORE_LIST = "成绩单（学校发来）.xlsx"
MARKER = ".qzxl-demo"
DAYS_TO_EXAM = 35
ID_PHOTOS = 10  # the first ten send phone photos of their ID card; the others a scanned PDF
ID_BOTH_IN_ONE, ID_FRONT_ONLY = 3, 6


@dataclass
class DemoResult:
    folder: Path
    book: Path
    batch: Batch
    report: Report
    export: ExportResult
    photo_mistakes: dict[int, str] = field(default_factory=dict)  # candidate index → what is wrong
    kit: KitResult | None = None
    after_exam: AfterExam | None = None  # 导入成绩, 生成补考工作簿, 资料汇总 on a simulated score list


@dataclass
class AfterExam:
    """After the exam: the college's (simulated) score list imported, the 补考 workbook, the archive."""

    score_list: Path
    scores: object  # usecases.scores.ScoreRun
    lists: Path
    retake: Path
    retakers: int
    archive: object  # qzxl.scores.archive.ArchiveResult


def _after_exam(folder: Path, book: Path, batch: Batch, today: dt.date) -> AfterExam:
    """Weeks later the college sends the scores: import them, make the 补考 workbook, gather the batch."""
    from qzxl.scores.samples import write_score_list
    from udfs.actions.archive import make_archive
    from udfs.actions.scores import import_scores
    from udfs.file_port import FilePort
    from workbook.retake import make_retake

    people = [(p["name"], p["id_number"] if isinstance(p["id_number"], str) else "") for p in batch.candidates]
    source = folder / SCORE_LIST
    write_score_list(source, people)
    port = FilePort(book, backup=False)
    run, lists = import_scores(port, [source])
    port.save()
    retake, count = make_retake(FilePort(book), today=today)
    archived = make_archive(FilePort(book))
    return AfterExam(source, run, lists, retake, count, archived)


def _prepare(folder: Path) -> None:
    """A new folder, or one an earlier demo made (emptied); never somebody else's folder."""
    if folder.exists() and any(folder.iterdir()):
        if not (folder / MARKER).exists():
            raise CannotRun("run-demo-folder-taken", folder=folder)
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text("qzxl demo\n", encoding="utf-8")


def _fill(book: Path, batch: Batch) -> None:
    """Type the plan and the candidates into the workbook, as a clerk would."""
    from udfs.file_port import FilePort

    port = FilePort(book, answer=True, backup=False)
    top = f"{column_letter(PLAN_VALUE_COLUMN + 1)}{plan_value_row(PLAN_FIELDS[0].key) + 1}"
    port.write_block(PLAN_SHEET, top, [[batch.plan.get(f.key, _keep(f.key))] for f in PLAN_FIELDS])
    rows = [[person.get(key) for key in REGISTRATION.keys] for person in batch.candidates]
    port.write_block(REGISTRATION.sheet, f"A{FIRST_DATA_ROW + 1}", rows)
    port.save()


def _keep(key: str) -> object:
    return DEFAULT_FOLDERS.get(key)


def _photos(folder: Path, batch: Batch) -> dict[int, str]:
    """A photo per candidate, some as phones take them; returns which are wrong and how."""
    folder.mkdir()
    mistakes = {2: "手机拍的横图（带旋转标记）", 5: "PNG 改名为 .jpg", 8: "灰色背景", 11: "没有照片"}
    for index, person in enumerate(batch.candidates):
        name = f"{person['id_number']}{person['name']}.jpg"
        if index == 11 or not isinstance(person["id_number"], str):
            continue
        if index == 2:
            image = portrait(1500, 2000, seed=index, grain=0.05).transpose(Image.Transpose.ROTATE_90)
            exif = Image.Exif()
            exif[0x0112] = 6
            data = jpeg_bytes(image, quality=97, exif=exif.tobytes())
        elif index == 5:
            portrait(seed=index).save(folder / name, "PNG")
            continue
        else:
            data = jpeg_bytes(portrait(seed=index, background=GREY_WALL if index == 8 else (255, 255, 255)),
                              quality=95)
        (folder / name).write_bytes(data)
    (folder / "Thumbs.db").write_bytes(b"\0")
    return mistakes


def _id_card_photos(folder: Path, stem: str, index: int) -> None:
    """Phone photos of a drawn card (never a real one), as trainees send them: the sides named or not,
    both cards in one photo (ID_BOTH_IN_ONE), only the 人像面 (ID_FRONT_ONLY: listed, its photo kept)."""
    from qzxl.idcards.samples import both_sides_photo, draw_card, phone_photo

    front, back = draw_card("front", seed=index), draw_card("back", seed=index)
    desk = ("wood", "dark cloth", "pattern")[index % 3]
    if index == ID_BOTH_IN_ONE:
        (folder / f"{stem}.jpg").write_bytes(jpeg_bytes(both_sides_photo(front, back, background=desk, seed=index)[0]))
        return
    names = ("人像面", "国徽面") if index % 2 == 0 else ("1", "2")
    for name, card, seed in ((names[0], front, index), (names[1], back, index + 100)):
        if index == ID_FRONT_ONLY and card is back:
            continue
        shot = phone_photo(card, background=desk, seed=seed, glare=False, blur=0.6)
        (folder / f"{stem}{name}.jpg").write_bytes(jpeg_bytes(shot.image, quality=88))


def _attachments(folder: Path, batch: Batch) -> None:
    folder.mkdir()
    for index, person in enumerate(batch.candidates):
        if not isinstance(person["id_number"], str):
            continue
        stem = f"{person['id_number']}{person['name']}身份证"
        if index < ID_PHOTOS:
            _id_card_photos(folder, stem, index)
        else:  # a scanned copy already: left as it is
            (folder / f"{stem}.pdf").write_bytes(pdf_bytes(portrait(300, 200, seed=index)))
        if index != 14:
            (folder / f"{person['name']}毕业证书.jpg").write_bytes(jpeg_bytes(portrait(200, 150, seed=index)))


def run_demo(folder: Path, *, today: dt.date | None = None) -> DemoResult:
    from udfs.file_port import FilePort
    from udfs.runner import run_action
    from workbook.build import build_workbook

    today = today or dt.date.today()
    _prepare(folder)
    book = build_workbook(folder / DEMO_BOOK, today=today)
    batch = generate_batch(DEMO_CANDIDATES, exam=today + dt.timedelta(days=DAYS_TO_EXAM))
    _fill(book, batch)
    photos, attachments = folder / DEFAULT_FOLDERS["photos_dir"], folder / DEFAULT_FOLDERS["attachments_dir"]
    photo_mistakes = _photos(photos, batch)
    _attachments(attachments, batch)
    port = FilePort(book, answer=True, backup=False)
    said = {}
    for action in ("schedule", "fix_photos", "id_copies", "validate"):  # 校验 last: its marks are what the clerk sees
        before = len(port.messages)
        run_action(action, port, today)
        said[action] = port.messages[before:]
    port.save()
    result = export_package(book, folder / EXPORT_FOLDER, photos=photos, attachments=attachments,
                            make_zip=True, force=True, today=today)
    # The kit from the original photos (a missing one prints 无照片); forced like the package, for the same errors.
    kit = make_exam_kit(book, folder, photos=photos, force=True, today=today)
    demo = DemoResult(folder, book, batch, result.report, result, photo_mistakes, kit)
    demo.after_exam = _after_exam(folder, book, batch, today)
    print(render_summary(demo, said["fix_photos"][-1:] + said["id_copies"][-1:]))  # what 修复照片 and 身份证复印件 said
    return demo


def render_summary(demo: DemoResult, messages: list[str]) -> str:
    """What the demo did, and ``messages`` (the 修复照片 button's alert) indented under the photos."""
    plan = demo.batch.plan
    lines = [
        say("demo-batch", occupation=plan["occupation"], level=plan["level"], count=len(demo.batch.candidates),
            exam=plan["exam_date"]),
        say("demo-book", book=demo.book),
        say("demo-book-done"),
        say("demo-photos", folder=demo.folder / DEFAULT_FOLDERS["photos_dir"],
            mistakes="、".join(demo.photo_mistakes.values())),
        *(f"  {message}" for message in messages),
        say("demo-export", folder=demo.export.folder, count=len(demo.export.files)),
        f"  {demo.export.pdf_note}",
        *([say("demo-examkit", folder=demo.kit.folder, rooms=len(demo.kit.seating.rooms),
               count=len(demo.kit.files))] if demo.kit else []),
        say("demo-report", summary=summary(demo.report)),
        say("demo-mistakes", count=len(demo.batch.mistakes)),
        say("demo-forced"),
    ]
    after = demo.after_exam
    if after is not None:
        counts = after.scores.counts()
        lines += [say("demo-scores", source=after.score_list.name, **counts, folder=after.lists),
                  say("demo-retake", path=after.retake, count=after.retakers),
                  say("demo-archive", folder=after.archive.folder, count=len(after.archive.entries))]
    return "\n".join(lines)
