"""The package of a validated workbook (``qzxl export``), written into a new folder atomically.

The export use case (:mod:`usecases.export`) validates the workbook and its folders once
(:mod:`usecases.validate`) and hands the result here. The package is built in a hidden
temporary folder beside the target and renamed into place at the end, so an interrupted
export leaves no half package. The source workbook and the input folders are only read; the
roster, the registration table and the 申报表 are all written from the same candidate models,
so they agree by construction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from qzxl import __version__
from qzxl.catalogue import CATALOGUE
from qzxl.dates.schedule import full_schedule, plan_nodes
from qzxl.dates.workdays import WorkCalendar
from qzxl.errors import CannotRun, os_reason
from qzxl.files import (
    Busy,
    children_die_with_us,
    die_with_parent,
    exclusive_lock,
    free_path,
    leftover_prefix,
    remove_leftovers,
    shorten_to_bytes,
    staging_folder,
    swap_into_place,
)
from qzxl.layout import DEFAULT_FOLDERS, FORMS, PACKAGE_NAME_BLANKS, REPORT_FILE, REPORT_ISSUES, REPORT_SCHEDULE
from qzxl.photos.attachments import ACCEPTED, BATCH_KINDS, KIND_BY_KEY, attachment_owner, classify
from qzxl.photos.batch import settle_fixed_photos
from qzxl.photos.folder import list_files, opened_source
from qzxl.photos.naming import clean_file_stem
from qzxl.report import Report
from qzxl.rules.contact import tidy_mobile
from qzxl.sheets.models import CandidateLookup
from qzxl.sheets.tables import WorkbookData
from qzxl.sheets.writer import roster_row
from qzxl.values.privacy import mask_ids_in_text

FORM_FILES = {**{key: form.file for key, form in FORMS.items()}, "report": REPORT_FILE}
# The package's folders carry the names the workbook's folders have by default.
PHOTOS_FOLDER, ATTACHMENTS_FOLDER = DEFAULT_FOLDERS["photos_dir"], DEFAULT_FOLDERS["attachments_dir"]
_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\s\x00-\x1f\x7f]+')
# Room inside MAX_NAME_BYTES and Windows' 260-character paths for the files inside the package.
PACKAGE_NAME_BYTES = 150
PDF_TIMEOUT_SECONDS = 180
RESTART_REQUESTED = 81  # LibreOffice's exit code for "start me again" (oosplash restarts on it)


class ExportRefused(Exception):
    """Validation found errors and --force was not given; carries the report to show."""

    def __init__(self, report: Report) -> None:
        super().__init__("validation errors")
        self.report = report


@dataclass
class ExportResult:
    folder: Path
    report: Report
    files: list[Path] = field(default_factory=list)
    pdf_note: str = ""
    existing: Path | None = None  # the package of the same name left as it was (this one went beside it)


def package_name(plan) -> str:
    """<培训机构>_<工种><等级>_<考试日期>, safe as a folder name on Windows, at most PACKAGE_NAME_BYTES.

    A long organisation name is cut first (on a character boundary, no
    trailing dot or dash), so the date and the occupation always stay whole.
    """
    blank = PACKAGE_NAME_BLANKS
    org, job, date = (_UNSAFE_IN_NAMES.sub("-", part).strip("-.") or fallback for part, fallback in (
        (plan.org or "", blank["org"]), (f"{plan.occupation or ''}{plan.level or ''}", blank["job"]),
        (plan.exam_date.isoformat() if plan.exam_date else "", blank["date"])))
    job = shorten_to_bytes(job, PACKAGE_NAME_BYTES // 3).rstrip("-.")
    room = PACKAGE_NAME_BYTES - len(f"_{job}_{date}".encode())
    org = shorten_to_bytes(org, room).rstrip("-.") or blank["org"]
    return f"{org}_{job}_{date}"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_package(check, book: Path, out: Path, *, source_hash: str, photos: Path | None = None,
                  attachments: Path | None = None, make_zip: bool = False, force: bool = False,
                  replace: bool = False, today: dt.date | None = None) -> ExportResult:
    """Fix the photos into the package and write it; ExportRefused while errors remain (unless force).

    A package of the same name is never overwritten unless ``replace``: the new one goes beside it (``-2`` …).

    ``check`` is the validation of ``book`` with its folders checked at export (``usecases.validate``):
    its report is the one the package's 校验报告 and manifest show. The photos are fixed before the
    verdict: a photo the export can fix (too large, rotated, HEIC, misnamed) is fixed in the package and
    listed, and only what it cannot fix stops the export.
    """
    book, out = Path(book), Path(out)
    data, report, candidates, plan = check.data, check.report, check.candidates, check.plan
    if not candidates:  # not even --force: an empty package is never what the clerk meant
        raise CannotRun("run-export-no-candidates", sheet=data.registration.sheet)
    if plan is None:
        if report.errors and not force:
            raise ExportRefused(report)
        raise CannotRun("run-export-no-plan")
    target, existing = out / package_name(plan), None
    if not replace and (target.exists() or target.is_symlink()):
        existing, target = target, free_path(target, folder=True)
    made = [p for p in (out, *out.parents) if not p.exists()]
    try:
        out.mkdir(parents=True, exist_ok=True)
        remove_leftovers(out)
        with exclusive_lock(target, wait=0):
            if target.exists() and not replace:  # another export finished it meanwhile
                raise CannotRun("run-export-exists", target=target)
            staging = staging_folder(target.name, out)
            try:
                photo_files: dict[str, Path] = {}
                if check.photo_check is not None:
                    from qzxl.photos.fix import fix_photos

                    fixed = fix_photos(photos, check.photo_check, staging / PHOTOS_FOLDER, make_zip=make_zip)
                    settle_fixed_photos(report, fixed)
                    photo_files = {owner: staging / PHOTOS_FOLDER / name for owner, name in fixed.by_owner.items()}
                if report.errors and not force:
                    raise ExportRefused(report)
                pdf_note = _build(staging, data, plan, candidates, report, photo_files, attachments,
                                  check.calendar, today or dt.date.today())
                _write_manifest(staging, book, source_hash, len(candidates), report, pdf_note)
                _replace(staging, target)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except Busy as busy:
        raise CannotRun("run-export-busy", name=target.name) from busy
    except OSError as error:
        raise _os_refusal(error, out) from error
    finally:
        for folder in made:  # a refused or failed export leaves no folder it made
            if not target.exists():
                with contextlib.suppress(OSError):
                    folder.rmdir()
    files = sorted(p for p in target.rglob("*") if p.is_file())
    return ExportResult(target, report, files, pdf_note, existing)


def refuse_unusable_out(out: Path, photos: Path | None, attachments: Path | None) -> None:
    """The everyday mistakes in --out, each with its own sentence, before anything is read or written."""
    if out.exists() and not out.is_dir():
        raise CannotRun("run-export-out-is-file", path=out.name)
    resolved = out.resolve()
    for folder in (photos, attachments):
        if folder is not None and Path(folder).is_dir() and resolved.is_relative_to(Path(folder).resolve()):
            raise CannotRun("run-export-out-inside-input", folder=Path(folder).name)


def _os_refusal(error: OSError, out: Path) -> CannotRun:
    if error.errno == errno.ENOSPC:
        return CannotRun("run-disk-full", path=out.name)
    return CannotRun("run-export-out-not-writable", path=str(out), reason=os_reason(error))


def exported_values(candidate) -> dict:
    """A candidate as every form writes it: the 手机号码 as the system's 11 digits when it can be tidied."""
    values = candidate.model_dump()
    values["mobile"] = tidy_mobile(candidate.mobile) or candidate.mobile
    return values


def _build(folder: Path, data: WorkbookData, plan, candidates, report: Report, photo_files: dict[str, Path],
           attachments: Path | None, calendar: WorkCalendar, today: dt.date) -> str:
    from qzxl.dates.ical import write_calendar
    from qzxl.export import forms

    people = [exported_values(c) for c in candidates]
    (folder / ATTACHMENTS_FOLDER).mkdir()  # where the scans still to add go, when there is no attachments folder
    if attachments:
        composed = _id_copies(attachments, candidates, plan, report, folder, today)
        _copy_attachments(attachments, candidates, folder / ATTACHMENTS_FOLDER, composed)
        shutil.rmtree(folder / ".idcopies", ignore_errors=True)
    examiners = [row.values for row in data.examiners.rows] if data.examiners else []
    forms.write_plan_form(folder / FORM_FILES["plan"], plan, candidates, examiners, today=today)
    forms.write_roster(folder / FORM_FILES["roster"], plan, [roster_row(i, p) for i, p in enumerate(people, 1)])
    forms.write_registration(folder / FORM_FILES["registration"], plan, people)
    forms.write_applications(folder / FORM_FILES["applications"], plan, people, photo_files)
    forms.write_payment(folder / FORM_FILES["payment"], plan, len(people))
    # The same dates as 计算时间节点 and `qzxl schedule`: the nodes staff typed (proposed when none is) on the
    # workbook's own calendar, 放假调整 included.
    nodes = plan_nodes(plan)
    schedule = full_schedule(plan.exam_date, nodes if any(nodes.values()) else None, calendar) if plan.exam_date else []
    write_report(folder / FORM_FILES["report"], report, schedule)
    if plan.exam_date:
        write_calendar(folder / "时间安排.ics", plan.exam_date, schedule)
    return convert_to_pdf([folder / name for key, name in FORM_FILES.items() if key != "report"], folder / "PDF")


def _id_copies(attachments: Path, candidates, plan, report: Report, folder: Path, today: dt.date) -> dict[str, Path]:
    """The 身份证复印件 composed from the trainees' ID-card photos (qzxl.idcards), by ID number.

    A candidate whose photos cannot make a copy keeps them in the package as they are, and is listed;
    a PDF that is already a copy is copied as it is.
    """
    from qzxl.idcards.copies import make_copies, stamp_text
    from qzxl.report import Issue

    result = make_copies(attachments, candidates, folder / ".idcopies", stamp=stamp_text(plan.idcopy_stamp, today))
    if result.combined is not None:  # every page in 报名信息 order, for the paper submission
        shutil.move(result.combined, folder / result.combined.name)
    if any(issue.code == "idcard-no-font" for issue in result.report.issues):
        report.extend([Issue.create("export-idcopy-no-font", params={"package": CHINESE_FONT_PACKAGE})])
    elif result.not_made:
        report.extend([Issue.create("export-idcopy-not-made", params={"count": len(result.not_made),
                                                                      "names": "、".join(result.not_made)})])
    return result.written


def _copy_attachments(source: Path, candidates, target: Path, composed: dict[str, Path] | None = None) -> None:
    """Matched attachments renamed <ID><姓名>_<材料>.<ext>; unmatched ones are left out (the report lists them).

    ``composed``: the 身份证复印件 made from a candidate's ID-card photos, put in place of those photos.
    """
    people = CandidateLookup(candidates)
    composed = composed or {}
    for path in composed.values():
        shutil.move(path, target / path.name)  # named <ID><姓名>_身份证复印件.pdf, as the export names it
    with opened_source(Path(source)) as (folder, _):
        files, _ = list_files(folder)
        for file in files:
            extension = Path(file.name).suffix.lower()
            owner = attachment_owner(clean_file_stem(Path(file.name).stem), people)
            kind = classify(file.name)
            if extension not in ACCEPTED or kind is None or (owner is None and kind not in BATCH_KINDS):
                continue
            if kind == "id_card" and owner in composed and extension != ".pdf":
                continue  # the composed copy stands for the photos
            label = KIND_BY_KEY[kind].label
            stem = f"{owner}{people.by_id[owner].name}_{label}" if owner else label
            destination, counter = target / f"{stem}{extension}", 2
            while destination.exists():
                destination, counter = target / f"{stem}_{counter}{extension}", counter + 1
            shutil.copy2(file.path, destination)


def write_report(path: Path, report: Report, schedule) -> None:
    """校验报告: the issues (A4 landscape, one page wide, header on every page) and the schedule."""
    from qzxl.export import forms

    book = forms.new_book(path)
    styles = forms.Styles(book)
    ws = book.add_worksheet(REPORT_ISSUES.sheet)
    grid = forms.FormSheet(ws, [c.width for c in REPORT_ISSUES.columns])
    grid.line(0, [(col, col, c.header, styles.label) for col, c in enumerate(REPORT_ISSUES.columns)])
    issues = report.sorted_issues()
    for row, issue in enumerate(issues, start=1):
        values = issue_values(issue)
        grid.line(row, [(col, col, mask_ids_in_text(forms.text(values[c.key])), styles.cell)
                        for col, c in enumerate(REPORT_ISSUES.columns)])
    ws.freeze_panes(1, 0)
    forms.page_setup(ws, len(issues), len(REPORT_ISSUES.columns) - 1, landscape=True, fit="width",
                     repeat_rows=(0, 0), page_numbers=True)
    ws = book.add_worksheet(REPORT_SCHEDULE.sheet)
    grid = forms.FormSheet(ws, [c.width for c in REPORT_SCHEDULE.columns])
    grid.line(0, [(col, col, c.header, styles.label) for col, c in enumerate(REPORT_SCHEDULE.columns)])
    for row, item in enumerate(schedule, start=1):
        grid.line(row, [(0, 0, item.title, styles.cell), (1, 1, forms.text(item.date), styles.centre),
                        (2, 2, "；".join(item.notes), styles.cell)])
    forms.page_setup(ws, len(schedule), len(REPORT_SCHEDULE.columns) - 1, fit="width", repeat_rows=(0, 0))
    book.close()


def issue_values(issue) -> dict[str, object]:
    """One issue by the REPORT_ISSUES keys: its fields as they are, the severity as its label."""
    return {"severity": issue.severity.label, "sheet": issue.sheet, "cell": issue.cell, "column": issue.column,
            "file": issue.file, "candidate": issue.candidate, "value": issue.value, "message": issue.message,
            "code": issue.code}


def libreoffice() -> str | None:
    """The real LibreOffice program: ``soffice.bin`` beside the ``soffice`` script when it is there.

    The script starts soffice.bin through oosplash as a grandchild, out of reach
    of PR_SET_PDEATHSIG; run directly, it dies with us.
    """
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        return None
    real = Path(program).resolve().with_name("soffice.bin")
    return str(real) if real.is_file() and os.access(real, os.X_OK) else program


# What to install where fontconfig finds no font for the forms (Debian/Ubuntu package names).
CHINESE_FONT_PACKAGE = "fonts-noto-cjk"
CALIBRI_METRICS_PACKAGE = "fonts-crosextra-carlito"


def font_families(pattern: str) -> str | None:
    """fontconfig's families matching ``pattern`` (``fc-list``), or None where it cannot be asked.

    Windows has no fontconfig and always has Chinese fonts; so does macOS, where fc-list may be absent.
    """
    program = shutil.which("fc-list")
    if sys.platform == "win32" or program is None:
        return None
    try:
        return subprocess.run([program, pattern, "family"], capture_output=True, text=True, timeout=60,
                              check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def font_problem() -> tuple[str, str] | None:
    """(catalogue code, package to install) when the forms cannot render right here, else None.

    Without a Chinese font every character of the PDF is an empty box: no PDF at all. Without
    Calibri's metrics (Carlito) on Linux, LibreOffice lays columns out wider than Excel does: the
    PDFs are made, with the advice to install it.
    """
    if (families := font_families(":lang=zh")) is not None and not families.strip():
        return "pdf-no-chinese-font", CHINESE_FONT_PACKAGE
    if sys.platform.startswith("linux"):
        metrics = font_families(":family=Carlito") or font_families(":family=Calibri")
        if metrics is not None and not metrics.strip():
            return "pdf-no-calibri-metrics", CALIBRI_METRICS_PACKAGE
    return None


def _note(code: str, **params: object) -> str:
    return CATALOGUE[code].render(**params)


def convert_to_pdf(files: list[Path], folder: Path) -> str:
    """PDFs of the forms through LibreOffice headless; a note instead of a failure when it is absent or fails."""
    program = libreoffice()
    if program is None:
        return _note("pdf-no-libreoffice")
    fonts = font_problem()
    if fonts and fonts[0] == "pdf-no-chinese-font":
        return _note(fonts[0], package=fonts[1])
    folder.mkdir()
    remove_leftovers(tempfile.gettempdir())
    children_die_with_us()
    with tempfile.TemporaryDirectory(prefix=leftover_prefix("lo-profile")) as profile:
        # Whole paths: LibreOffice misreads a relative --outdir that starts with ".~" (a staging folder beside a
        # workbook named without its folder) and converts nothing ("no export filter").
        command = [program, f"-env:UserInstallation=file://{Path(profile).as_posix()}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(folder.resolve()), *(str(f.resolve()) for f in files)]
        try:
            for _ in range(2):  # soffice.bin exits 81 after making a new profile, asking to be started again
                done = subprocess.run(command, capture_output=True, timeout=PDF_TIMEOUT_SECONDS,
                                      preexec_fn=die_with_parent if os.name == "posix" else None)
                if done.returncode != RESTART_REQUESTED:
                    break
            done.check_returncode()
        except (OSError, subprocess.SubprocessError):
            return _note("pdf-failed")
    missing = [f.name for f in files if not (folder / f.with_suffix(".pdf").name).exists()]
    note = _note("pdf-partial", files="、".join(missing)) if missing else _note("pdf-made")
    return note + (_note(fonts[0], package=fonts[1]) if fonts else "")


def _write_manifest(folder: Path, book: Path, source_hash: str, count: int, report: Report, pdf_note: str) -> None:
    entries = [{"path": p.relative_to(folder).as_posix(), "size": p.stat().st_size, "sha256": sha256(p)}
               for p in sorted(folder.rglob("*")) if p.is_file()]
    manifest = {
        "tool": "qzxl", "version": __version__,
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "source": {"name": book.name, "sha256": source_hash},
        "candidates": count,
        "validation": report.as_dict()["summary"],
        "pdf": pdf_note,
        "files": entries,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")


def _replace(staging: Path, target: Path) -> None:
    """Put the finished package in place; an old one (with --replace) is moved aside first, then removed."""
    swap_into_place(staging, target)
