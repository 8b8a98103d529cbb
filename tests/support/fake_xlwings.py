"""A small recording stand-in for the xlwings objects ExcelPort touches: Book, Sheet, Range, Note, App.

Every touch is logged in ``book.calls`` so tests can check what the port asks
of Excel — and how often — without Excel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

SHEET_ROWS, SHEET_COLUMNS = 1_048_576, 16_384
READ_LIMIT = 5_000_000  # cells in one read; far more is a port reading a stray cell's whole used range


def _cells(address: str) -> list[tuple[int, int]]:
    found = []
    for part in address.split(","):
        letters, row = coordinate_from_string(part)
        found.append((row, column_index_from_string(letters)))
    return found


@dataclass
class FakeRange:
    sheet: FakeSheet
    address: str
    cells: list[tuple[int, int]]

    def options(self, **options):
        return self

    @property
    def value(self):
        self.sheet.book.log("range.value.get", self.address)
        (top, left), (bottom, right) = self.cells[0], self.cells[-1]
        cells = (bottom - top + 1) * (right - left + 1)
        assert cells <= READ_LIMIT, f"read {cells:,} cells at once: minutes in Excel"
        return [[self.sheet.grid.get((r, c)) for c in range(left, right + 1)] for r in range(top, bottom + 1)]

    @value.setter
    def value(self, rows):
        self.sheet.book.log("range.value.set", self.address)
        top, left = self.cells[0]
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.sheet.grid[(top + r, left + c)] = value

    @property
    def color(self):
        return self.sheet.colors.get(self.cells[0])

    @color.setter
    def color(self, value):
        self.sheet.book.log("range.color", self.address)
        for cell in self.cells:
            if value is None:
                self.sheet.colors.pop(cell, None)
            else:
                self.sheet.colors[cell] = value

    @property
    def note(self):
        self.sheet.book.log("range.note", self.address)
        text = self.sheet.notes.get(self.cells[0])
        return None if text is None else _LiveNote(self)

    def add_note(self, text: str):
        self.sheet.book.log("range.add_note", self.address)
        self.sheet.notes[self.cells[0]] = text

    @property
    def last_cell(self):
        return _Cell(*self.cells[-1])

    @property
    def row(self) -> int:
        return self.cells[0][0]

    @property
    def column(self) -> int:
        return self.cells[0][1]

    def end(self, direction: str) -> FakeRange:
        """Ctrl+arrow as Excel does it: to the edge of a block of values, else to the next value or the sheet's edge."""
        self.sheet.book.log("range.end", f"{self.address} {direction}")
        along = 0 if direction in ("up", "down") else 1  # the coordinate that moves
        sign = -1 if direction in ("up", "left") else 1
        here = self.cells[0]
        line = sorted(cell[along] for cell, value in self.sheet.grid.items()
                      if value is not None and cell[1 - along] == here[1 - along])
        filled = set(line)
        position, edge = here[along], (1 if sign < 0 else (SHEET_ROWS, SHEET_COLUMNS)[along])
        if position in filled and position + sign in filled:  # inside a block: to its last cell
            while position + sign in filled:
                position += sign
        else:  # to the next value on the way, else the sheet's edge
            ahead = [p for p in line if (p - position) * sign > 0]
            position = (max(ahead) if sign < 0 else min(ahead)) if ahead else edge
        return self.sheet.range((position, here[1]) if along == 0 else (here[0], position))


@dataclass
class _Cell:
    row: int
    column: int


class _LiveNote:
    def __init__(self, owner: FakeRange) -> None:
        self.owner = owner

    @property
    def text(self) -> str:
        return self.owner.sheet.notes[self.owner.cells[0]]

    @text.setter
    def text(self, value: str) -> None:
        self.owner.sheet.book.log("note.text", self.owner.address)
        self.owner.sheet.notes[self.owner.cells[0]] = value

    def delete(self) -> None:
        self.owner.sheet.book.log("note.delete", self.owner.address)
        self.owner.sheet.notes.pop(self.owner.cells[0], None)


@dataclass
class FakeSheet:
    book: FakeBook
    name: str
    grid: dict = field(default_factory=dict)
    colors: dict = field(default_factory=dict)
    notes: dict = field(default_factory=dict)
    print_area: str | None = None

    def range(self, first, second=None) -> FakeRange:
        if second is not None:
            (r1, c1), (r2, c2) = first, second
            return FakeRange(self, f"R{r1}C{c1}:R{r2}C{c2}", [(r1, c1), (r2, c2)])
        if isinstance(first, tuple):
            return FakeRange(self, f"R{first[0]}C{first[1]}", [first])
        return FakeRange(self, first, _cells(first))

    @property
    def used_range(self) -> FakeRange:
        self.book.log("sheet.used_range", self.name)
        bottom = max((r for r, _ in self.grid), default=1)
        right = max((c for _, c in self.grid), default=1)
        return FakeRange(self, "used", [(1, 1), (bottom, right)])

    def clear_contents(self) -> None:
        self.book.log("sheet.clear_contents", self.name)
        self.grid.clear()

    @property
    def page_setup(self) -> FakePageSetup:
        return FakePageSetup(self)


class FakePageSetup:
    def __init__(self, sheet: FakeSheet) -> None:
        self.sheet = sheet

    @property
    def print_area(self) -> str | None:
        return self.sheet.print_area

    @print_area.setter
    def print_area(self, value: str | None) -> None:
        self.sheet.book.log("page_setup.print_area", f"{self.sheet.name}!{value}")
        self.sheet.print_area = value


class FakeSheets(list):
    def __init__(self, book: FakeBook, sheets) -> None:
        super().__init__(sheets)
        self.book = book

    def __getitem__(self, key):
        if isinstance(key, str):
            return next(sheet for sheet in self if sheet.name == key)
        return super().__getitem__(key)

    def __iter__(self):
        self.book.log("book.sheets", "")
        return super().__iter__()

    def add(self, name: str, after=None) -> FakeSheet:
        self.book.log("sheets.add", name)
        sheet = FakeSheet(self.book, name)
        self.append(sheet)
        return sheet


@dataclass
class FakeApp:
    book: FakeBook
    answer: str = "yes"
    alerts: list = field(default_factory=list)
    statuses: list = field(default_factory=list)

    @property
    def status_bar(self):
        return self.statuses[-1] if self.statuses else False

    @status_bar.setter
    def status_bar(self, value):
        self.book.log("app.status_bar", str(value))
        self.statuses.append(value)

    def alert(self, prompt, title=None, buttons="ok", mode=None, callback=None):
        self.book.log("app.alert", prompt)
        self.alerts.append((prompt, buttons))
        return self.answer if buttons != "ok" else "ok"


class FakeBook:
    def __init__(self, fullname: Path, grids: dict[str, list[list[object]]]) -> None:
        self.fullname = str(fullname)
        self.calls: list[tuple[str, str]] = []
        self.app = FakeApp(self)
        sheets = []
        for name, rows in grids.items():
            sheet = FakeSheet(self, name)
            for r, row in enumerate(rows, start=1):
                for c, value in enumerate(row, start=1):
                    if value not in (None, ""):
                        sheet.grid[(r, c)] = value
            sheets.append(sheet)
        self.sheets = FakeSheets(self, sheets)
        self.saved = 0

    def log(self, what: str, detail: str) -> None:
        self.calls.append((what, detail))

    def save(self) -> None:
        self.log("book.save", "")
        self.saved += 1
