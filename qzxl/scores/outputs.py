"""What 导入成绩 hands on: the 成绩 sheet as a file, the 合格名单, the 补考名单 and the 成绩通知 for SMS.

All in one new folder beside the workbook (成绩名单, else 成绩名单-2 …), made in a temporary folder and put in
place whole, so an interrupted run leaves nothing half-written. Only the 合格名单 shows 证件号码 in full (it
goes to certificate issuing); the 成绩通知 has none, and is UTF-8 with a BOM so Excel and WPS open it right.

>>> notice_line(PersonResult(Entrant(5, "张三", "330822199012153420", subjects=("theory",)),
...             subjects={"theory": SubjectResult(Score(58.0), True, "不合格", False)}, passed=False), "电工", "")
'张三您好：电工认定成绩 理论58，不合格。需补考理论，补考安排另行通知。'
"""

from __future__ import annotations

import contextlib
import csv
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from qzxl.catalogue import say
from qzxl.export.forms import FONT, new_book
from qzxl.files import free_path, leftover_prefix, remove_leftovers
from qzxl.layout import (
    NOTICE_COLUMNS,
    PASSED_LIST,
    RETAKE_LIST,
    SCORE_FILES,
    SCORES,
    SCORES_FIRST_ROW,
    SCORES_SHEET,
    SUBJECTS,
)
from qzxl.scores.rules import Entrant, PersonResult, ScoreResult, SubjectResult  # noqa: F401 (doctest)
from qzxl.scores.values import Score  # noqa: F401 (doctest)
from qzxl.values.privacy import mask_id

_FORMULA_START = ("=", "+", "-", "@")


@contextlib.contextmanager
def new_folder(base: Path) -> Iterator[tuple[Path, Path]]:
    """(a temporary folder beside ``base``, the free name it gets): put in place whole when the block ends."""
    base.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(base.parent)
    target = free_path(base, folder=True)
    staging = Path(tempfile.mkdtemp(prefix=leftover_prefix(base.name), dir=base.parent))
    try:
        yield staging, target
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _subject_text(subject_key: str, subject: SubjectResult) -> str:
    score = subject.score
    shown = f"{score.value:g}" if score.value is not None else score.mark or subject.result or "—"
    return f"{SUBJECTS[subject_key]}{shown}"


def notice_line(person: PersonResult, occupation: str, level: str) -> str:
    """The one-line result a trainee receives: every subject taken, the verdict, what to do next."""
    results = "、".join(_subject_text(k, s) for k, s in person.subjects.items() if s.taken)
    advice = say("scores-notice-pass") if person.passed else \
        say("scores-notice-retake", subjects="、".join(SUBJECTS[k] for k in person.retake)) if person.retake else \
        say("scores-notice-none")
    return say("scores-notice", name=person.entrant.name, occupation=occupation, level=level, results=results,
               verdict=person.verdict, advice=advice)


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_table(path: Path, title: str, headers: Sequence[str], widths: Sequence[int], rows: Sequence[Sequence],
                *, text_columns: Sequence[int] = (), sheet_name: str | None = None) -> None:
    """A plain printable list: title, header, rows; IDs and phones as text; A4 landscape, one page wide."""
    book = new_book(path)
    sheet = book.add_worksheet(sheet_name or title[:31])
    bold = book.add_format({"bold": True, "border": 1, "bg_color": "#D9D9D9", "align": "center", "font_name": FONT})
    cell = book.add_format({"border": 1, "font_name": FONT})
    text = book.add_format({"border": 1, "font_name": FONT, "num_format": "@"})
    big = book.add_format({"bold": True, "font_size": 16, "align": "center", "font_name": FONT})
    sheet.merge_range(0, 0, 0, max(len(headers) - 1, 1), title, big)
    for col, (header, width) in enumerate(zip(headers, widths, strict=True)):
        sheet.write_string(1, col, header, bold)
        sheet.set_column(col, col, width)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values):
            if value is None or value == "":
                sheet.write_blank(r, c, None, cell)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value, cell)
            else:
                sheet.write_string(r, c, str(value), text if c in text_columns else cell)
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(1)
    sheet.set_footer("&C&P / &N")
    book.close()


def _job(person: PersonResult, occupation: str, level: str) -> tuple[str, str]:
    return person.entrant.occupation or occupation, person.entrant.level or level


def write_lists(folder: Path, result: ScoreResult, sheet_rows: Sequence[Sequence], occupation: str,
                level: str) -> list[Path]:
    """The four files in ``folder`` (an empty staging folder): 成绩, 合格名单, 补考名单, 成绩通知."""
    files = {key: folder / name for key, name in SCORE_FILES.items()}
    write_table(files["scores"], SCORES_SHEET, [c.header for c in SCORES.columns], [c.width for c in SCORES.columns],
                sheet_rows[SCORES_FIRST_ROW:], text_columns=[SCORES.keys.index("id_number")])
    passed = [p for p in result.people if p.passed]
    write_table(files["passed"], PASSED_LIST.sheet, [c.header for c in PASSED_LIST.columns],
                [c.width for c in PASSED_LIST.columns],
                [[i, p.entrant.name, p.entrant.id_number, *_job(p, occupation, level)]
                 for i, p in enumerate(passed, start=1)], text_columns=[PASSED_LIST.keys.index("id_number")])
    retake = [[i, p.entrant.name, mask_id(p.entrant.id_number), p.entrant.mobile,
               "、".join(SUBJECTS[k] for k in p.entrant.subjects), "、".join(SUBJECTS[k] for k in p.retake),
               "、".join(_subject_text(k, s) + (s.result if s.score.value is not None else "")
                        for k, s in p.subjects.items() if s.taken)]
              for i, p in enumerate(result.retakers, start=1)]
    write_table(files["retake"], RETAKE_LIST.sheet, [c.header for c in RETAKE_LIST.columns],
                [c.width for c in RETAKE_LIST.columns], retake,
                text_columns=[RETAKE_LIST.keys.index("id_number"), RETAKE_LIST.keys.index("mobile")])
    with files["notice"].open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(NOTICE_COLUMNS)
        for person in result.people:
            writer.writerow([_csv_safe(person.entrant.name), _csv_safe(person.entrant.mobile),
                             _csv_safe(notice_line(person, *_job(person, occupation, level)))])
    return list(files.values())
