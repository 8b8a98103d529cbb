"""The port on a saved workbook (openpyxl): for `qzxl action`, for WPS and for the tests.

Values are read as Excel last saved them (the engine's reader); writes go to
an openpyxl copy of the workbook that keeps the VBA project, and saving puts
the ribbon back (openpyxl drops its relationship) and writes atomically.
Saving over the source first keeps a backup beside it, so nothing is lost.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import io
import re
import shutil
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NoReturn

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from qzxl.catalogue import CATALOGUE, Severity, say
from qzxl.errors import CannotRun, os_reason
from qzxl.files import Busy, atomic_path, exclusive_lock
from qzxl.layout import OPTIONS_SHEET, PLAN_SHEET, PROCESS, REGISTRATION, ROSTER
from qzxl.sheets.address import column_index, split_address
from qzxl.sheets.codenames import lost_code_names
from qzxl.sheets.grid import SparseGrid
from qzxl.sheets.parts import read_sheet_values, refuse_oversized_sheets
from qzxl.values.privacy import mask_ids_in_text
from udfs.calculated import calculated_cells
from udfs.ooxml import VBA_PART, PackageDamaged, dangling, finish_saved, formula_result, repaired_copy
from udfs.port import ERROR_FILL, WARNING_FILL, Formula, Mark
from udfs.ribbon import ribbon_xml

NOTE_AUTHOR = "技能认定助手"
CALCULATED_SHEETS = frozenset({PLAN_SHEET, PROCESS.sheet, ROSTER.sheet})  # formulas whose results a save caches
NOTE_SIZE = (110, 320)  # height, width in points: room for two or three sentences


def _hex(rgb: tuple[int, int, int]) -> str:
    return "FF" + "".join(f"{part:02X}" for part in rgb)


def _put(grid: list | SparseGrid, row: int, col: int, value: object) -> None:
    """Keep the values read so far in step with what was written (formulas have no value until Excel runs)."""
    if isinstance(grid, SparseGrid):
        grid.put(row, col, value)
        return
    while len(grid) <= row:
        grid.append([])
    line = grid[row] = list(grid[row])
    line.extend([None] * (col + 1 - len(line)))
    line[col] = value


BACKUPS_KEPT = 10
BACKUP_MARK = ".备份-"
LOCK_WAIT_SECONDS = 30.0


def open_elsewhere(path: Path) -> tuple[str, Path] | None:
    """(program, lock file) when Excel/WPS (``~$NAME``) or LibreOffice (``.~lock.NAME#``) has the workbook open."""
    for program, lock in (("Excel 或 WPS", path.with_name("~$" + path.name)),
                          ("Excel 或 WPS", path.with_name("~$" + path.name[2:])),
                          ("LibreOffice", path.with_name(f".~lock.{path.name}#"))):
        if lock.exists():
            return program, lock
    return None


def refuse_unwritable(path: Path) -> None:
    """CannotRun with the way out when the workbook is open elsewhere or cannot be opened for writing."""
    found = open_elsewhere(path)
    if found:
        raise CannotRun("run-book-open-elsewhere", name=path.name, program=found[0], lock=found[1].name)
    try:
        with path.open("r+b"):  # on Windows this fails while Excel holds the file
            pass
    except OSError as error:
        raise CannotRun("run-book-not-writable", name=path.name, reason=os_reason(error)) from error


def refuse_unusable_out(out: Path, book: Path) -> None:
    """CannotRun before any work when ``--out`` names a folder or a file in a folder that does not exist."""
    if out.is_dir():
        raise CannotRun("run-out-is-folder", path=out, example=out / book.name)
    if not out.parent.is_dir():
        raise CannotRun("run-out-no-folder", folder=out.parent)


@contextlib.contextmanager
def editing(path: Path, *, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Read-modify-write of a workbook in place, one process at a time; refuses while it is open elsewhere."""
    path = Path(path)
    refuse_unwritable(path)
    try:
        with exclusive_lock(path, wait=wait):
            yield
    except Busy as busy:
        raise CannotRun("run-book-busy", name=path.name, seconds=int(wait)) from busy


class FilePort:
    def __init__(self, path: Path, out: Path | None = None, *, answer: bool | None = False,
                 ask: Callable[[str], bool] | None = None, backup: bool = True) -> None:
        self.path = Path(path)
        self.out = Path(out) if out else self.path
        if out:
            refuse_unusable_out(self.out, self.path)
        self.answer = answer  # True (--yes) or False (--no) answers every question; None asks ``ask``
        self.ask = ask  # a question put to the clerk (a terminal); without one an unanswered question does nothing
        self.unanswered: list[str] = []  # questions nobody could answer: the command exits "needs confirmation"
        self.backup = backup
        self.backup_path: Path | None = None
        self.replaced: set[str] = set()  # sheets this run rewrote (the 校验结果 sheet says how many errors)
        self.changed = False  # whether anything was written since the last save (a cancelled action leaves none)
        self.saved = False  # whether the workbook was written to ``out`` (资料汇总 saves before it gathers)
        self.messages: list[str] = []
        self.statuses: list[str | None] = []
        self._uncalculated: set[str] = set()
        self._repair_said = False
        self._results_stale = False  # written cells the 方案/流程/花名册 formulas read: their values follow on read
        self._values = read_sheet_values(self.path, uncalculated=self._uncalculated)
        refuse_oversized_sheets(self.path)  # openpyxl below loads every sheet, needed or not
        source, self._repaired = self._sound_source()
        try:
            self._book = openpyxl.load_workbook(source, keep_vba=self.path.suffix.lower() == ".xlsm",
                                                keep_links=True)
        except (KeyError, IndexError, ValueError, TypeError, AttributeError, zipfile.BadZipFile,
                SyntaxError) as error:  # values readable, parts openpyxl needs broken (styles, say)
            if self._repaired is None and _sound_backup(self.path, None):  # a part gone: a backup has it
                self._unrepairable(error)
            raise CannotRun("run-book-damaged", name=self.path.name) from error
        if lost_code_names(self.path):  # said before any action: every button is affected, not only 校验
            self.alert(f"{Severity.WARNING.label}：{CATALOGUE['workbook-code-names-lost'].render()}")

    def sheet_names(self) -> list[str]:
        return list(self._book.sheetnames)

    def read_sheet(self, sheet: str) -> list[list[object]]:
        """Rows of equal length; a sheet with a stray cell far away comes as the reader's sparse grid."""
        grid = self._grid(sheet)
        if isinstance(grid, SparseGrid):
            return grid  # type: ignore[return-value]
        rows = [list(row) for row in grid]
        width = max((len(row) for row in rows), default=0)
        return [row + [None] * (width - len(row)) for row in rows]

    def _grid(self, sheet: str) -> list | SparseGrid:
        """The values of ``sheet``, read from the file the first time they are needed; a sheet of formulas over
        cells written since reads as the save will cache it (a 花名册 line for an imported person, say)."""
        if sheet not in self._values and sheet in self._book.sheetnames:
            self._values.update(read_sheet_values(self.path, [sheet], uncalculated=self._uncalculated))
        if self._results_stale and sheet in CALCULATED_SHEETS:
            self._results_stale = False
            for name, cells in self._results().items():
                grid, formulas = self._grid(name), self._book[name]
                for address, result in cells.items():
                    value = formula_result(formulas[address].value, result)  # only where the save will cache it
                    if value is not None:
                        letters, row = split_address(address)
                        _put(grid, row - 1, column_index(letters) - 1, value)
        return self._values.setdefault(sheet, [])

    def uncalculated_sheets(self) -> frozenset[str]:
        return frozenset(self._uncalculated)

    def _sheet(self, sheet: str):
        if sheet not in self._book.sheetnames:
            self._book.create_sheet(sheet)
        return self._book[sheet]

    def write_block(self, sheet: str, top_left: str, rows: Sequence[Sequence[object]]) -> None:
        self.changed = True
        ws = self._sheet(sheet)
        letters, first_row = split_address(top_left)
        first_col = column_index(letters)
        grid = self._grid(sheet)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                cell = ws.cell(first_row + r, first_col + c)
                cell.value = value
                if isinstance(value, str) and not isinstance(value, Formula) and value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula stays text
                _put(grid, first_row + r - 1, first_col + c - 1, None if isinstance(value, Formula) else value)
        if sheet in (PLAN_SHEET, REGISTRATION.sheet, OPTIONS_SHEET):
            self._results_stale = True

    def replace_sheet(self, sheet: str, rows: Sequence[Sequence[object]]) -> None:
        ws = self._sheet(sheet)
        if ws.max_row:
            ws.delete_rows(1, ws.max_row)
        self._values[sheet] = []
        self.replaced.add(sheet)
        self.write_block(sheet, "A1", rows)

    def mark_cells(self, sheet: str, marks: Sequence[Mark]) -> None:
        self.changed = True
        ws = self._sheet(sheet)
        for mark in marks:
            cell = ws[mark.cell]
            cell.fill = PatternFill("solid", fgColor=_hex(ERROR_FILL if mark.error else WARNING_FILL))
            cell.comment = Comment(mark.note, NOTE_AUTHOR, height=NOTE_SIZE[0], width=NOTE_SIZE[1])

    def clear_marks(self, sheet: str, cells: Sequence[str]) -> None:
        self.changed = True
        if sheet not in self._book.sheetnames:
            return
        ws = self._book[sheet]
        for address in cells:
            ws[address].fill = PatternFill(fill_type=None)
            ws[address].comment = None

    def set_print_area(self, sheet: str, area: str) -> None:
        if sheet in self._book.sheetnames:
            self._book[sheet].print_area = area

    def set_page_setup(self, sheet: str, *, landscape: bool, title_row: int) -> None:
        if sheet not in self._book.sheetnames:
            return
        ws = self._book[sheet]
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_title_rows = f"{title_row}:{title_row}"
        ws.print_options.horizontalCentered = True

    def set_status(self, text: str | None) -> None:
        self.statuses.append(text)

    def alert(self, text: str) -> None:
        self.messages.append(mask_ids_in_text(text))

    def confirm(self, text: str) -> bool:
        """The given answer; else the clerk's at a terminal; else no, and the question is kept as unanswered."""
        if self.answer is not None:
            self.messages.append(text)
            return self.answer
        if self.ask is not None:
            return self.ask(text)
        self.unanswered.append(text)
        return False

    def save(self) -> None:
        """Write the workbook to ``out`` atomically, ribbon restored and no reference left pointing at a part
        that is gone (said once when the file read had one); a backup first when ``out`` is the source."""
        if self.backup and self.backup_path is None and self.out.resolve() == self.path.resolve():
            self.backup_path = keep_backup(self.path)
        repaired = [*(self._repaired or []), *self._drop_stale_notes_drawings(), *self._drop_names_to_lost_sheets(),
                    *self._drop_lists_without_source()]
        try:
            with atomic_path(self.out) as temporary:
                self._book.save(temporary)
                # the source is still the original until the replace
                repaired += finish_saved(self.path, temporary, ribbon=self._ribbon(), results=self._results())
        except (PackageDamaged, KeyError) as error:  # atomic: nothing was written
            self._unrepairable(error)
        except OSError as error:  # atomic: nothing was written
            if error.errno == errno.ENOSPC:
                raise CannotRun("run-disk-full", path=self.out) from error
            if isinstance(error, PermissionError) or error.errno == errno.EROFS:  # a read-only folder or file
                raise CannotRun("run-book-not-writable", name=self.out.name,
                                reason=os_reason(error)) from error
            raise

        self.changed, self.saved = False, True
        if repaired and not self._repair_said:
            self._repair_said = True
            self.alert(say("port-book-repaired", name=self.out.name, count=len(repaired)))

    def _sound_source(self) -> tuple[Path | io.BytesIO, list[str] | None]:
        """The file to load, and what was repaired on the way: an in-memory copy without the dangling
        references openpyxl stumbles on (a notes part that is gone, say); None when that cannot be done."""
        try:
            if not dangling(self.path):
                return self.path, []
            data, repaired = repaired_copy(self.path)
        except (PackageDamaged, KeyError, zipfile.BadZipFile, SyntaxError):
            return self.path, None
        return io.BytesIO(data), repaired

    def _unrepairable(self, error: Exception) -> NoReturn:
        """CannotRun naming the newest sound backup and how to put it back."""
        backup = _sound_backup(self.path, self.backup_path)
        if backup is None:
            raise CannotRun("run-book-unrepairable-no-backup", name=self.path.name) from error
        raise CannotRun("run-book-unrepairable", name=self.path.name, backup=backup.name) from error

    def _results(self) -> dict[str, dict[str, object]]:
        """What Excel would cache for the workbook's own formulas (方案, 流程, 花名册), from the values now."""
        if REGISTRATION.sheet not in self._book:  # not a qzxl workbook: its formulas are not ours to cache
            return {}
        grids = {sheet: self.read_sheet(sheet) for sheet in (PLAN_SHEET, REGISTRATION.sheet, OPTIONS_SHEET)
                 if sheet in self._book}
        return {sheet: cells for sheet, cells in calculated_cells(grids).items() if sheet in self._book}

    def _ribbon(self) -> bytes | None:
        """The build's ribbon, for a qzxl workbook (its VBA project, whose procedure the buttons call, and the
        报名信息 sheet) that lost its own."""
        archive = self._book.vba_archive
        ours = archive is not None and VBA_PART in archive.namelist() and REGISTRATION.sheet in self._book
        return ribbon_xml() if ours else None

    def _drop_stale_notes_drawings(self) -> list[str]:
        """Let openpyxl draw every sheet's notes afresh: it would otherwise keep a sheet's link to the notes
        drawing it read (dangling once the last note is gone, fatal when that part is already missing, and
        clashing with the next sheet's new drawing of the same name). Returns the links that were dangling."""
        archive = self._book.vba_archive
        dropped = []
        for ws in self._book.worksheets:
            if ws.legacy_drawing is None or archive is None:
                continue
            if ws.legacy_drawing not in archive.namelist():
                dropped.append(f"{ws.title} → {ws.legacy_drawing}")
            elif not _only_notes(archive.read(ws.legacy_drawing)):
                continue  # form controls live there too: openpyxl keeps them and adds the notes
            ws.legacy_drawing = None
        return dropped

    def _drop_names_to_lost_sheets(self) -> list[str]:
        """Defined names that refer to a sheet no longer in the workbook (Excel would show them as #REF!)."""
        sheets = set(self._book.sheetnames)
        dropped = []
        for names in (self._book.defined_names, *(ws.defined_names for ws in self._book.worksheets)):
            for name, defined in list(names.items()):
                try:
                    lost = [sheet for sheet, _ in defined.destinations if sheet not in sheets]
                except (ValueError, TypeError, AttributeError):  # not a plain range: left as it is
                    continue
                if lost:
                    del names[name]
                    dropped.append(f"{name} → {lost[0]}")
        return dropped

    def _drop_lists_without_source(self) -> list[str]:
        """Drop-down lists whose source is a defined name the workbook no longer has (Excel refuses them)."""
        dropped = []
        for ws in self._book.worksheets:
            names = {name.upper() for name in (*self._book.defined_names, *ws.defined_names)}
            for validation in list(ws.data_validations.dataValidation):
                source = (validation.formula1 or "").lstrip("=")
                if (validation.type == "list" and re.fullmatch(r"[^\W\d][\w.]*", source)
                        and source.upper() not in names):
                    ws.data_validations.dataValidation.remove(validation)
                    dropped.append(f"{ws.title} {validation.sqref} → {source}")
        return dropped

    def open_folder(self, folder: Path) -> None:
        self.messages.append(say("port-folder-made", folder=folder))


def _only_notes(vml: bytes) -> bool:
    """Whether a VML drawing holds nothing but notes (the shapes openpyxl writes for comments)."""
    kinds = re.findall(rb'ObjectType="(\w+)"', vml)
    return all(kind == b"Note" for kind in kinds)


def _sound_backup(path: Path, made_now: Path | None) -> Path | None:
    """The newest backup of ``path`` that opens with no dangling reference (not the one this save just made)."""
    for backup in reversed(backups(path)):
        try:
            if backup != made_now and not dangling(backup):
                return backup
        except (OSError, KeyError, zipfile.BadZipFile, SyntaxError):
            continue
    return None


def keep_backup(path: Path, now: dt.datetime | None = None) -> Path:
    """Copy ``path`` to ``NAME.备份-YYYYMMDD-HHMMSS.ext`` beside it; only the newest BACKUPS_KEPT stay."""
    stamp = f"{(now or dt.datetime.now()):%Y%m%d-%H%M%S}"
    backup, counter = path.with_name(f"{path.stem}{BACKUP_MARK}{stamp}{path.suffix}"), 2
    while backup.exists():
        backup, counter = path.with_name(f"{path.stem}{BACKUP_MARK}{stamp}-{counter}{path.suffix}"), counter + 1
    shutil.copy2(path, backup)
    for old in backups(path)[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return backup


def backups(path: Path) -> list[Path]:
    """The kept backups of ``path``, oldest first (the time stamp sorts them)."""
    pattern = re.compile(re.escape(path.stem + BACKUP_MARK) + r"(\d{8}-\d{6})(?:-(\d+))?" + re.escape(path.suffix))
    found = [(m[1], int(m[2] or 1), p) for p in path.parent.iterdir() if (m := pattern.fullmatch(p.name))]
    return [p for _, _, p in sorted(found)]
