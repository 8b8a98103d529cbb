"""The clerk's week, as steps a test can replay: actions through `qzxl action` / `qzxl import` (in process, the
CLI's own code), edits a clerk makes between them, and what must hold after every action.

A step is a plain tuple, so a sequence the state-machine test finds can be pasted into a regression test as is:
``("action", "validate")``, ``("import", 2)``, ``("type", row, key, value)``, ``("clear", row, key)``,
``("fix_id", row)``, ``("break_id", row)``, ``("delete_row", row)``, ``("add_photo", person)``,
``("remove_photo", n)``, ``("add_attachment", person, kind)``, ``("remove_attachment", n)``,
``("exam_date", days_from_today)``, ``("headcount", n)``, ``("scores", 0 or 1)``.

Cell edits are queued and saved together just before the next action (as a clerk types, saves in WPS, then
clicks): the file port's save calculates the formulas over them, as WPS would. Folder edits happen at once.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import random
import re
import shutil
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

from lxml import etree

from cli.commands import main
from qzxl.export import package
from qzxl.layout import (
    FIRST_DATA_ROW,
    PLAN_SHEET,
    PLAN_VALUE_COLUMN,
    REGISTRATION,
    RESULTS_SHEET,
    SCORES_SHEET,
    plan_value_row,
)
from qzxl.photos.samples import jpeg_bytes, pdf_bytes, portrait
from qzxl.sample import generate_batch, make_id
from qzxl.sheets.address import column_letter
from qzxl.values.idnumber import check_digit
from support import excel_checks as checks
from support.results_truth import as_rows, current_issues, listed, placed
from udfs import file_port, functions
from udfs.file_port import NOTE_AUTHOR, FilePort

PEOPLE = 6
ACTIONS = ("validate", "clear_marks", "schedule", "check_photos", "fix_photos", "fill_conditions", "export",
           "id_copies", "exam_kit", "archive", "make_retake")
WRITES_RESULTS = {"validate", "schedule", "check_photos", "fix_photos", "fill_conditions", "export", "id_copies",
                  "exam_kit"}
# Buttons whose 校验结果 holds their own findings (codes starting so) above everything 校验 would list now.
OWN_FINDINGS = {"id_copies": "idcard-", "exam_kit": "examkit-"}
CATCH_ALL = "出现意外错误"
FIRST_ROW = FIRST_DATA_ROW + 1  # the first person's row on 报名信息
LETTER = {key: column_letter(i + 1) for i, key in enumerate(REGISTRATION.keys)}


def plan_cell(key: str) -> str:
    return f"{column_letter(PLAN_VALUE_COLUMN + 1)}{plan_value_row(key) + 1}"


def make_batch(today: dt.date):
    return generate_batch(PEOPLE, exam=today + dt.timedelta(days=35))


def prepare(template_book: Path, folder: Path, today: dt.date) -> Path:
    """A filled workbook (the built .xlsm with a plan and PEOPLE candidates) and its photo and attachment folders."""
    from cli import demo

    book = folder / "报名.xlsm"
    shutil.copy(template_book, book)
    batch = make_batch(today)
    demo._fill(book, batch)
    photos = folder / "照片"
    photos.mkdir()
    for index, person in enumerate(batch.candidates):
        if isinstance(person["id_number"], str):
            (photos / f"{person['id_number']}{person['name']}.jpg").write_bytes(
                jpeg_bytes(portrait(seed=index), quality=95))
    (folder / "附件").mkdir()
    return book


@dataclass
class Week:
    """One run of the clerk's week in ``book``'s folder; ``log`` is what each step did, for a failure's message."""

    book: Path
    vba: bytes
    today: dt.date
    pending: list[tuple] = field(default_factory=list)
    log: list[str] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.book.parent

    def run(self, steps) -> None:
        for step in steps:
            self.step(step)

    def step(self, step: tuple) -> None:
        kind = step[0]
        if kind == "action":
            self.action(step[1])
        elif kind == "import":
            self.import_list(step[1])
        elif kind == "scores":
            self.import_scores(step[1])
        elif kind in ("add_photo", "remove_photo", "add_attachment", "remove_attachment"):
            getattr(self, kind)(*step[1:])
            self.log.append(repr(step))
        else:
            self.pending.append(step)
            self.log.append(repr(step) + " (typed)")

    # Edits ----------------------------------------------------------------------------------------

    def _person(self, index: int) -> dict:
        return make_batch(self.today).candidates[index % PEOPLE]

    def add_photo(self, index: int) -> None:
        person = self._person(index)
        (self.folder / "照片").mkdir(exist_ok=True)
        (self.folder / "照片" / f"{person['id_number']}{person['name']}.jpg").write_bytes(
            jpeg_bytes(portrait(seed=index), quality=95))

    def remove_photo(self, n: int) -> None:
        files = sorted((self.folder / "照片").glob("*")) if (self.folder / "照片").is_dir() else []
        if files:
            files[n % len(files)].unlink()

    def add_attachment(self, index: int, kind: str) -> None:
        person = self._person(index)
        name = f"{person['id_number']}{person['name']}{kind}"
        target = self.folder / "附件" / (name + (".pdf" if kind == "身份证" else ".jpg"))
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(pdf_bytes(portrait(300, 200, seed=index)) if kind == "身份证" else
                           jpeg_bytes(portrait(200, 150, seed=index)))

    def remove_attachment(self, n: int) -> None:
        files = sorted((self.folder / "附件").glob("*")) if (self.folder / "附件").is_dir() else []
        if files:
            files[n % len(files)].unlink()

    def type_into(self, port: FilePort) -> None:
        """The queued cell edits, typed into the workbook the action opened."""
        sheet = REGISTRATION.sheet
        for step in self.pending:
            kind, args = step[0], step[1:]
            if kind == "type":
                row, key, value = args
                port.write_block(sheet, f"{LETTER[key]}{FIRST_ROW + row}", [[value]])
            elif kind == "clear":
                row, key = args
                port.write_block(sheet, f"{LETTER[key]}{FIRST_ROW + row}", [[None]])
            elif kind in ("fix_id", "break_id"):
                (row,) = args
                rng = random.Random(row)
                number = make_id(rng, dt.date(1980 + row, 1 + row % 12, 1 + row), bool(row % 2))
                if kind == "break_id":
                    number = number[:17] + ("0" if check_digit(number[:17]) != "0" else "1")
                port.write_block(sheet, f"{LETTER['id_number']}{FIRST_ROW + row}", [[number]])
            elif kind == "delete_row":
                (row,) = args
                grid = port.read_sheet(sheet)
                width = len(REGISTRATION.keys)
                below = [list(line[:width]) + [None] * (width - len(line[:width]))
                         for line in grid[FIRST_ROW + row:]]  # rows under the deleted one (0-based: its own is -1)
                port.write_block(sheet, f"A{FIRST_ROW + row}", [*below, [None] * width])
            elif kind == "exam_date":
                (days,) = args
                port.write_block(PLAN_SHEET, plan_cell("exam_date"), [[self.today + dt.timedelta(days=days)]])
            elif kind == "headcount":
                (count,) = args
                port.write_block(PLAN_SHEET, plan_cell("headcount"), [[count]])

    # Actions --------------------------------------------------------------------------------------

    def save_edits(self) -> None:
        """The queued cell edits, typed and saved as a clerk saves in WPS: the save calculates the formulas over them
        (the 花名册 follows 报名信息), so the action that follows reads what Excel or WPS would have saved."""
        if self.pending:
            port = FilePort(self.book, backup=False)
            self.type_into(port)
            port.save()
            self.pending = []

    def _run(self, argv: list[str]) -> tuple[int, str, str, bool]:
        """Run the command in process; (code, out, err, whether it saved the workbook)."""
        saved = []

        class SavingPort(FilePort):
            def save(self) -> None:
                super().save()
                saved.append(True)

        out, err = io.StringIO(), io.StringIO()
        # No PDFs (LibreOffice's, seconds each, checked by their own slow tests): the week is about the workbook.
        with mock.patch.object(file_port, "FilePort", SavingPort), mock.patch.object(package, "libreoffice", no_pdf), \
                contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        return code, out.getvalue(), err.getvalue(), bool(saved)

    def action(self, name: str) -> None:
        self.save_edits()
        before = self.book.read_bytes()
        code, out, err, saved = self._run(["action", name, "--yes", str(self.book)])
        self.log.append(f"('action', {name!r}) → {code}, saved={saved}")
        self.judge(name, code, out, err, saved, before)

    def import_list(self, count: int) -> None:
        """`qzxl import` of ``count`` people: new ones drawn from the seed, or ones already in the workbook."""
        source = self.folder / f"名单{len(self.log)}.csv"
        people = generate_batch(PEOPLE + count, seed=len(self.log), mistakes=False).candidates[PEOPLE:] if count \
            else make_batch(self.today).candidates[:2]
        with source.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["姓名", "身份证号", "手机号码", "性别"])
            for person in people:
                writer.writerow([person["name"], person["id_number"], person["mobile"], person["gender"]])
        self.save_edits()
        before = self.book.read_bytes()
        code, out, err, saved = self._run(["import", str(source), "--book", str(self.book)])
        self.log.append(f"('import', {count}) → {code}, saved={saved}")
        self.judge("import", code, out, err, saved, before)

    def import_scores(self, variant: int) -> None:
        """`qzxl scores`: the college's score list for the batch as first filled in (0), or a re-judge with none (1)."""
        from qzxl.scores.samples import write_score_list

        argv = ["scores", "--book", str(self.book)]
        if variant == 0:
            source = self.folder / f"成绩{len(self.log)}.xlsx"
            write_score_list(source, [(person["name"], person["id_number"] if isinstance(person["id_number"], str)
                                       else "") for person in make_batch(self.today).candidates])
            argv.append(str(source))
        self.save_edits()
        before = self.book.read_bytes()
        code, out, err, saved = self._run(argv)
        self.log.append(f"('scores', {variant}) → {code}, saved={saved}")
        self.judge("scores", code, out, err, saved, before)

    # What must hold ---------------------------------------------------------------------------------

    def fail(self, what: str) -> AssertionError:
        return AssertionError(what + "\nsteps:\n  " + "\n  ".join(self.log))

    def judge(self, name: str, code: int, out: str, err: str, saved: bool, before: bytes) -> None:
        if CATCH_ALL in out + err:
            raise self.fail(f"{name}: catch-all\n{out}{err}")
        if code not in (0, 1, 2):  # 3 only without --yes
            raise self.fail(f"{name}: exit code {code}\n{out}{err}")
        if not saved:
            if self.book.read_bytes() != before:
                raise self.fail(f"{name}: the workbook changed though the command did not save it")
            return
        problems = excel_problems(self.book, self.vba)
        if problems:
            raise self.fail(f"{name}: the saved workbook fails the Excel checks: {problems}")
        if code == 2:
            return
        if name == "clear_marks":
            if note_marks(self.book) or listed(self.book):
                raise self.fail(f"clear_marks left marks {note_marks(self.book)} or rows {listed(self.book)}")
            return
        if name not in WRITES_RESULTS | {"import"}:
            return
        truth = current_issues(self.book)
        rows = listed(self.book)
        errors = any(key[0] and is_error(key[0]) for key in rows.elements())
        if (code == 1) != errors:
            raise self.fail(f"{name}: exit code {code} but 校验结果 {'lists' if errors else 'has no'} errors")
        marks = {mark for mark in note_marks(self.book) if mark[0] != SCORES_SHEET}  # 成绩's are 导入成绩's own
        if marks != placed(truth):
            raise self.fail(f"{name}: marks {sorted(marks ^ placed(truth))} differ from 校验")
        expected = as_rows(truth)
        if name in OWN_FINDINGS:
            rows = Counter({key: n for key, n in rows.items() if not key[0].startswith(OWN_FINDINGS[name])})
        if name in ("fix_photos", "export"):  # what the photo fix (or the export's) fixed is gone, the rest stays
            on_cells = Counter({k: n for k, n in rows.items() if not is_folder_row(k)})
            wanted = Counter({k: n for k, n in expected.items() if not is_folder_row(k)})
            if on_cells != wanted:
                raise self.fail(f"{name}: 校验结果 {on_cells - wanted} extra, {wanted - on_cells} missing")
            if name == "fix_photos":  # of the folders' findings, only what the fix fixes may be gone
                from qzxl.photos.batch import FIXES

                folder_rows = rows - on_cells
                gone = (expected - wanted) - folder_rows
                if folder_rows - (expected - wanted) or any(code not in FIXES for code, _, _ in gone):
                    raise self.fail(f"fix_photos: 校验结果 lists {folder_rows - (expected - wanted)} that 校验 does "
                                    f"not, and drops {gone} that the fix does not fix")
            return
        if rows != expected:
            raise self.fail(f"{name}: 校验结果 lists {rows - expected} that 校验 does not, "
                            f"and misses {expected - rows}")


def no_pdf() -> None:
    """What package.libreoffice says on a machine without LibreOffice: the forms are written, their PDFs not."""


def is_folder_row(key: tuple) -> bool:
    return key[1] == "照片/附件" or key[0].startswith(("photo-", "attachment-"))


def is_error(code: str) -> bool:
    from qzxl.catalogue import CATALOGUE, Severity

    return code in CATALOGUE and CATALOGUE[code].severity is Severity.ERROR


def note_marks(book: Path) -> set[tuple[str, str]]:
    """(sheet, cell) of every note qzxl wrote, read from the package's comments parts (no openpyxl load)."""
    main_ns = {"m": checks.MAIN}
    found = set()
    with zipfile.ZipFile(book) as archive:
        for sheet, part in checks.worksheet_parts(archive).items():
            rels = checks.relationships(archive, part)
            for _, (rel_type, target) in rels.items():
                if rel_type.endswith("/comments") and target in archive.namelist():
                    root = etree.fromstring(archive.read(target))
                    authors = [a.text for a in root.iterfind("m:authors/m:author", main_ns)]
                    for comment in root.iterfind("m:commentList/m:comment", main_ns):
                        if authors[int(comment.get("authorId", 0))] == NOTE_AUTHOR:
                            found.add((sheet, comment.get("ref")))
    return found


_SCHEMAS: dict = {}
_CHECKED: dict[tuple, list[str]] = {}  # (check, part, CRC, size, context) → its problems: unchanged parts once


def _changed(archive: zipfile.ZipFile, check: str, names, context: tuple = ()) -> tuple[frozenset[str], list[str]]:
    """The parts among ``names`` not yet checked by ``check`` in this form, and the cached problems of the rest."""
    todo, known = set(), []
    for name in names:
        info = archive.getinfo(name)
        key = (check, name, info.CRC, info.file_size, context)
        if key in _CHECKED:
            known += _CHECKED[key]
        else:
            todo.add(name)
    return frozenset(todo), known


def _remember(archive: zipfile.ZipFile, check: str, names, problems: list[str], context: tuple = ()) -> None:
    for name in names:
        info = archive.getinfo(name)
        _CHECKED[(check, name, info.CRC, info.file_size, context)] = [p for p in problems if p.startswith(name)
                                                                      or f" {name} " in f" {p} "]


def excel_problems(book: Path, vba: bytes) -> list[str]:
    """What Excel checks when it opens the file (tests/support/excel_checks.py), and the VBA project as built (byte for
    byte: the built one passes tests/support/vba_checks.py, see the template fixture).

    The schema and sheet checks are per part and a part that has not changed (same CRC and size) is not checked
    again: an action rewrites a few sheets, and checking them all costs more than the action.
    """
    if not _SCHEMAS:
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="ecma"))
        with zipfile.ZipFile(checks.DATA / "ecma-376-transitional-schemas.zip") as archive:
            archive.extractall(folder)
        _SCHEMAS.update(checks.load_schemas(folder))
        _SCHEMAS["ribbon"] = (checks.custom_ui_schema(checks.DATA / "customui14.xsd"),
                              {name: checks.control_ids(checks.DATA / name) for name in checks.CONTROL_LISTS})
    schemas = {k: v for k, v in _SCHEMAS.items() if k != "ribbon"}
    udfs = frozenset(function.__name__ for function in functions.UDFS)
    with zipfile.ZipFile(book) as archive:
        xml = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
        todo, problems = _changed(archive, "schema", xml)
        found = checks.schema_problems(archive, schemas, todo)[0]
        _remember(archive, "schema", todo, found)
        problems += found
        sheets = list(checks.worksheet_parts(archive).values())
        context = tuple(archive.getinfo(n).CRC for n in ("xl/styles.xml", "xl/workbook.xml"))
        todo, known = _changed(archive, "sheet", sheets, context)
        for part in todo:  # one part at a time, so each part's problems are remembered with it
            found = checks.sheet_problems(archive, udfs, frozenset({part}))
            _CHECKED[("sheet", part, archive.getinfo(part).CRC, archive.getinfo(part).file_size, context)] = found
            known += found
        problems += known
        problems += [*checks.package_problems(archive), *checks.name_problems(archive),
                     *checks.ribbon_problems(archive, *_SCHEMAS["ribbon"])]
        if archive.read("xl/vbaProject.bin") != vba:
            problems.append("the VBA project is not the one built")
        if RESULTS_SHEET not in checks.worksheet_parts(archive):
            problems.append(f"no {RESULTS_SHEET} sheet")
    return [re.sub(r"\s+", " ", p) for p in problems]
