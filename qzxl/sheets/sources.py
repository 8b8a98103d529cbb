"""A class list or a questionnaire export as rows keyed by 报名信息 column: find the table, name its columns.

Sources are .xlsx/.xlsm/.xls/.ods (python-calamine reads them all) and .csv. A CSV is decoded strictly,
trying UTF-8 (with or without BOM), UTF-16 with a BOM, then GB18030 (a superset of the GBK that WPS and
Excel save); the encoding used is reported, and a file none of them decodes is refused, never guessed.

>>> source_key("1、您的姓名：")
'name'
>>> source_key("2. 身份证号码（18位）"), source_key("请填写联系电话"), source_key("提交答卷时间")
('id_number', 'mobile', '-')
>>> source_key("7、从事电工相关工作年限："), source_key("相关工作经历（年）"), source_key("参加工作时间（年月）")
('work_years', 'work_years', None)

Another table's columns (a seat assignment's 准考证号, 考场, 座位号) are matched the same way, beside the
报名信息 ones, when given as ``columns``:

>>> from qzxl.layout import TICKETS
>>> source_key("3、考场号：", columns=TICKETS.columns), source_key("考场号")
('room', None)
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from qzxl.errors import CannotRun
from qzxl.layout import (
    IMPORT_ALIASES,
    QUESTIONNAIRE_METADATA,
    REGISTRATION,
    SCORE_ALIASES,
    SKIPPED_ANSWERS,
    SUBJECTS,
    Column,
    header_key,
)

IGNORED = "-"  # the key of a questionnaire metadata column
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")
CSV_ENCODINGS = ("utf-8-sig", "utf-16", "gb18030")
HEADER_SEARCH_ROWS = 30
_SCIENTIFIC = re.compile(r"[+-]?\d(?:\.\d+)?[eE]\+?\d+")

_NUMBERING = re.compile(r"^(?:第?\d+[题、.．:：)）\]】]|[(（【\[]\d+[)）】\]]|Q\d+[.．:：、]?)")
_HINTS = re.compile(r"[(（【\[][^)）】\]]*[)）】\]]")
_ASKING = re.compile(r"^(?:请(?:您)?(?:填写|输入|选择|填)?|您的|你的|本人)+")
_TRAILING = re.compile(r"[:：?？*＊]+$")
# 工作年限 asked in the occupation's own words (从事电工相关工作年限, 焊工从业年限, 相关工作经历（年）): a work word,
# and a years word at the end, or an 经历/时间/经验 whose bracketed hint is the unit 年.
_WORK_WORD = re.compile(r"工作|从业|从事|工龄|本职业|工种|岗位")
_YEARS_END = re.compile(r"(?:年限|年数|工龄|几年)了?$")
_SPAN_END = re.compile(r"(?:经历|时间|经验|时长)$")
_YEARS_HINT = re.compile(r"[(（【\[]\s*(?:单位\s*[:：]?\s*)?年\s*[)）】\]]")


def _phrase(text: object) -> str:
    """A header as the question it asks: numbering, hints in brackets, 请填写/您的 and colons taken off."""
    key = header_key(text)
    key = _NUMBERING.sub("", key)
    key = _HINTS.sub("", key)
    key = _TRAILING.sub("", key)
    key = _ASKING.sub("", key)
    return _TRAILING.sub("", key).lower()


def _alias_table(extra: Mapping[str, str], columns: tuple[Column, ...] = ()) -> dict[str, str]:
    """Every phrasing of every 报名信息 column (and of ``columns``) → its key; ``extra`` (字典's 导入列名) wins."""
    table: dict[str, str] = {}
    for column in (*REGISTRATION.columns, *columns):
        for text in (column.header, *column.aliases, *IMPORT_ALIASES.get(column.key, ())):
            table.setdefault(_phrase(text), column.key)
            table.setdefault(header_key(text).lower(), column.key)
    for text in QUESTIONNAIRE_METADATA:
        table.setdefault(header_key(text).lower(), IGNORED)
    by_header = {header_key(c.header): c.key for c in REGISTRATION.columns}
    for source, target in extra.items():  # staff additions win over the built-in phrasings
        if header_key(target) in by_header:
            table[_phrase(source)] = table[header_key(source).lower()] = by_header[header_key(target)]
    return table


@functools.cache
def _built_in(columns: tuple[Column, ...] = ()) -> dict[str, str]:
    return _alias_table({}, columns)


def source_key(text: object, aliases: Mapping[str, str] | None = None, columns: tuple[Column, ...] = ()) -> str | None:
    """The 报名信息 (or ``columns``) key a source header means, IGNORED for submission metadata, None when unknown."""
    table = _built_in(columns) if not aliases else _alias_table(aliases, columns)
    exact = header_key(text).lower()
    if exact in table:
        return table[exact]
    phrase = _phrase(text)
    if not phrase:
        return None
    return table.get(phrase) or _wrapped_key(exact, phrase)


def _wrapped_key(header: str, phrase: str) -> str | None:
    """A field word wrapped in occupation words: for now 工作年限, the one such question a class list asks."""
    if _WORK_WORD.search(phrase) and (_YEARS_END.search(phrase)
                                      or (_SPAN_END.search(phrase) and _YEARS_HINT.search(header))):
        return "work_years"
    return None


@dataclass
class SourceTable:
    """One source file's table: where the header was, which column means what, the rows under it."""

    path: Path
    sheet: str
    header_row: int  # 1-based, as the clerk sees it in the source
    columns: dict[int, str]  # source column index → key
    headers: list[str]
    ignored: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)  # (source row, key → raw value)
    encoding: str = ""
    title: str = ""  # the text above the header row (a score list's 理论考试成绩单), for what the sheet is about


def read_source(path: str | Path, aliases: Mapping[str, str] | None = None,
                columns: tuple[Column, ...] = ()) -> SourceTable:
    """The table in a source file; CannotRun when the file cannot be read or has no 姓名 and 证件号码 header.

    ``columns``: another table's columns recognised too (a seat assignment's 考场, 座位号 …).
    """
    path = Path(path)
    grids, encoding = _grids(path)
    for sheet, grid in grids.items():
        found = _find_header(grid, aliases, functools.partial(source_key, columns=columns))
        if found is not None:
            row, columns = found
            table = _table(path, sheet, grid, row, columns)
            table.encoding = encoding
            return table
    raise CannotRun("run-import-no-header", name=path.name)


def _grids(path: Path) -> tuple[dict[str, list[list[object]]], str]:
    """Every sheet of a source as rows of cells (a CSV as one sheet named after the file), and a CSV's encoding."""
    if not path.is_file():
        raise CannotRun("run-book-not-found", path=path)
    if path.suffix.lower() in (".csv", ".txt"):
        rows, encoding = _csv_rows(path)
        return {path.stem: rows}, encoding
    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        return _spreadsheet(path), ""
    raise CannotRun("run-import-format", name=path.name)


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    for encoding in CSV_ENCODINGS:
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return data.decode(encoding), {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "gb18030": "GBK/GB18030"}[encoding]
        except UnicodeDecodeError:
            continue
    raise CannotRun("run-import-encoding", name=path.name)


def _csv_rows(path: Path) -> tuple[list[list[object]], str]:
    text, encoding = _decode(path.read_bytes(), path)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    return [[_csv_value(cell) for cell in row] for row in csv.reader(io.StringIO(text), dialect)], encoding


def _csv_value(text: str) -> object:
    """CSV cells are text; 3.30822E+17 is what Excel wrote for a number, so it is read back as that number."""
    stripped = text.strip()
    if _SCIENTIFIC.fullmatch(stripped):
        return float(stripped)
    return stripped or None


def _spreadsheet(path: Path) -> dict[str, list[list[object]]]:
    try:
        book = CalamineWorkbook.from_path(str(path))
        return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}
    except (CalamineError, ValueError, OSError) as error:
        raise CannotRun("run-import-unreadable", name=path.name, reason=type(error).__name__) from error


def _find_header(grid: Sequence[Sequence[object]], aliases, key: Callable = source_key,
                 accept: Callable[[set], bool] = lambda keys: {"name", "id_number"} <= keys,
                 ) -> tuple[int, dict[int, str | None]] | None:
    """The first row (under any title rows) that names both 姓名 and a 证件号码 column (or what ``accept`` wants)."""
    for index, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns = {col: key(cell, aliases) for col, cell in enumerate(cells) if header_key(cell)}
        keys = set(columns.values())
        if accept(keys):
            return index, columns
    return None


def _table(path: Path, sheet: str, grid, index: int, columns: dict[int, str | None], *,
           header_rows: int = 1) -> SourceTable:
    def text(col: int) -> str:  # a column under a merged header is named by the row below
        rows = reversed(grid[index:index + header_rows])
        return next((str(cells[col]).strip() for cells in rows if col < len(cells) and header_key(cells[col])), "")

    headers = [text(col) for col in columns]
    mapped: dict[int, str] = {}
    ignored, unmapped = [], []
    for col, key in columns.items():
        header = text(col)
        if key == IGNORED:
            ignored.append(header)
        elif key is None or key in mapped.values():  # a second 电话 column is listed, not merged
            unmapped.append(header)
        else:
            mapped[col] = key
    table = SourceTable(path, sheet, index + 1, mapped, headers, ignored, unmapped)
    for offset, cells in enumerate(grid[index + header_rows:], start=index + header_rows + 1):
        values = {key: _blank_to_none(cells[col]) for col, key in mapped.items() if col < len(cells)}
        if any(value is not None for value in values.values()):
            table.rows.append((offset, values))
    return table


def _blank_to_none(value: object) -> object:
    """Nothing typed: an empty cell, spaces, or the (跳过) 问卷星 writes for a question the person skipped."""
    if isinstance(value, str) and (not value.strip() or value.strip() in SKIPPED_ANSWERS):
        return None
    return value


# --- Score lists (导入成绩): the same matcher over the 成绩 headers (layout.SCORE_ALIASES) --------------------------
SCORE_VALUES = frozenset({*SUBJECTS, "total", "verdict", "status", "score"})  # keys that say a list holds scores


def _score_table(extra: Mapping[str, str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for key, words in SCORE_ALIASES.items():
        for text in (*words, *((SUBJECTS[key],) if key in SUBJECTS else ())):
            table.setdefault(_phrase(text), key)
            table.setdefault(header_key(text).lower(), key)
    by_header = {header_key(word): key for key, words in SCORE_ALIASES.items() for word in words[:1]}
    by_header |= {header_key(word): key for key, word in SUBJECTS.items()}
    for source, target in extra.items():  # staff additions win over the built-in phrasings
        if header_key(target) in by_header:
            table[_phrase(source)] = table[header_key(source).lower()] = by_header[header_key(target)]
    return table


_SCORE_BUILT_IN = _score_table({})


def score_key(text: object, aliases: Mapping[str, str] | None = None) -> str | None:
    """The 成绩 key a score list's header means (theory, practice, review, total, verdict, status, score…).

    >>> score_key("理论知识成绩"), score_key("技能操作"), score_key("身份证号"), score_key("成绩判定")
    ('theory', 'practice', 'id_number', 'verdict')
    >>> score_key("实操考核（满分100）", {"实操考核": "实操"}), score_key("班级")
    ('practice', None)
    """
    table = _SCORE_BUILT_IN if not aliases else _score_table(aliases)
    exact = header_key(text).lower()
    if exact in table:
        return table[exact]
    return table.get(_phrase(text)) if _phrase(text) else None


def _holds_scores(keys: set) -> bool:
    return "name" in keys and bool(keys & SCORE_VALUES)


def read_score_tables(path: str | Path, aliases: Mapping[str, str] | None = None) -> list[SourceTable]:
    """Every sheet's score table (理论 and 实操 may come on sheets of their own); CannotRun when there is none.

    A header merged over two rows (成绩 above 理论 | 实操) is read as one: the row under it names the columns
    it covers. The rows above the header (the list's title) are kept in ``title``, to tell a sheet's subject.
    """
    path = Path(path)
    grids, encoding = _grids(path)
    tables = []
    for sheet, grid in grids.items():
        found = _find_header(grid, aliases, score_key, _holds_scores)
        if found is None:
            continue
        row, columns = found
        below = grid[row + 1] if row + 1 < len(grid) else []
        sub = {col: score_key(cell, aliases) for col, cell in enumerate(below) if header_key(cell)}
        header_rows = 1
        if sub and all(key in SCORE_VALUES for key in sub.values()):  # 理论 | 实操 under a merged 成绩
            columns = {**columns, **sub}
            header_rows = 2
        table = _table(path, sheet, grid, row, {c: columns[c] for c in sorted(columns)}, header_rows=header_rows)
        table.encoding = encoding
        table.title = " ".join(str(cell) for cells in grid[:row] for cell in cells if header_key(cell))
        tables.append(table)
    if not tables:
        raise CannotRun("run-scores-no-header", name=path.name)
    return tables
