"""Shared builders: a valid candidate to spoil one field at a time, and sample workbooks on disk."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import settings

from qzxl.rules.context import Context
from qzxl.sheets.models import Candidate
from qzxl.sheets.writer import write_data_workbook

EXAM = dt.date(2026, 12, 18)
TODAY = dt.date(2026, 11, 24)
# Real-shaped numbers with correct check digits (computed independently in test_idnumber).
ZHANG_SAN = "330822199012153426"  # 常山县, 1990-12-15, female

# `make test-fast` loads this profile: a quarter of hypothesis' default examples, and of every count a test names
# (tests/support/examples.py); the whole suite runs the default profile.
settings.register_profile("fast", max_examples=25)


def valid_candidate(**changes: object) -> Candidate:
    values: dict[str, object] = {
        "row": 3, "name": "张三", "id_type": "居民身份证", "id_number": ZHANG_SAN, "gender": "女",
        "birth_date": dt.date(1990, 12, 15), "ethnicity": "汉族", "education": "高中", "mobile": "13857012345",
        "source": "企业", "employer": "衢州市鑫达电气有限公司", "work_years": 8.0, "prior_level": "无",
        "address": "衢州市柯城区荷花街道荷一路 1 号", "email": "", "condition": "累计从事本职业工作 6 年以上",
    }
    values.update(changes)
    return Candidate(**values)


def context(**changes: object) -> Context:
    values: dict[str, object] = {"exam_date": EXAM, "today": TODAY}
    values.update(changes)
    return Context(**values)


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def built_workbook(tmp_path_factory, pytestconfig) -> Path:
    """A built .xlsm for the whole session; tests must not change it.

    Building takes ~3 CPU seconds, so the book is built once into .pytest_cache and copied from there: by the
    first xdist worker that needs it (the other waits on the lock), and again only when what it is built from
    changes (see :func:`build_key`). ``--cache-clear`` or ``-p no:cacheprovider`` builds afresh.
    """
    from filelock import FileLock

    from workbook.build import build_workbook

    book = tmp_path_factory.mktemp("book") / "报名.xlsm"
    cache = getattr(pytestconfig, "cache", None)
    if cache is None:
        return build_workbook(book, today=TODAY)
    folder = cache.mkdir("built-workbook")
    cached = folder / f"{build_key()}.xlsm"
    with FileLock(folder / "lock"):
        if not cached.exists():
            for old in folder.glob("*.xlsm"):
                old.unlink()
            build_workbook(cached, today=TODAY)
        shutil.copyfile(cached, book)
    return book


@pytest.fixture(scope="session")
def _built_openpyxl(built_workbook):
    import openpyxl

    return openpyxl.load_workbook(built_workbook)


@pytest.fixture
def built_openpyxl(_built_openpyxl):
    """The built workbook as openpyxl reads it, parsed once a session (its 报名信息 and 花名册 are 4.5 MB of XML
    each): for tests that only read it. A test that changes a value loads its own copy; this fixture fails a test
    that changed one (every sheet's values are compared after the test; reading may add empty cells)."""
    before = _values(_built_openpyxl)
    yield _built_openpyxl
    assert _values(_built_openpyxl) == before, "a test changed the shared built workbook: load your own to change it"


def _values(book) -> list[tuple[str, int]]:
    return [(ws.title, hash(tuple((key, cell._value) for key, cell in ws._cells.items() if cell._value is not None)))
            for ws in book.worksheets]


def build_key() -> str:
    """What the built workbook depends on: the sources of the packages that build it (VBA, templates and all),
    every installed distribution's version (the xlwings template, xlsxwriter), the interpreter (the book names
    it), this file (the build's arguments), and today's date (so a cache never outlives a day)."""
    import qzxl
    import udfs
    import workbook

    digest = hashlib.sha256()
    for package in (qzxl, udfs, workbook):
        root = Path(package.__file__).parent
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root.parent).as_posix().encode() + b"\0" + path.read_bytes())
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update(Path(__file__).read_bytes())
    for fact in (*versions, sys.version, sys.executable, sys.platform, dt.date.today().isoformat()):
        digest.update(fact.encode() + b"\0")
    return digest.hexdigest()[:32]


@pytest.fixture(scope="session")
def ecma_schemas(tmp_path_factory):
    """The vendored ECMA-376 Transitional and OPC schemas, unzipped and compiled once for the session."""
    from support import excel_checks

    folder = tmp_path_factory.mktemp("ecma")
    with zipfile.ZipFile(excel_checks.DATA / "ecma-376-transitional-schemas.zip") as archive:
        archive.extractall(folder)
    return excel_checks.load_schemas(folder)


@pytest.fixture
def write_book(tmp_path):
    """Write a data workbook from a plan and candidates; returns its path. The same plan, candidates and options
    give the same book, so a worker writes each once and copies its bytes after that (each test its own file)."""

    def write(plan, candidates, name="book.xlsx", **options):
        path = tmp_path / name
        key = repr((sorted(plan.items()), [sorted(dict(candidate).items()) for candidate in candidates],
                    sorted(options.items())))
        if key not in _WRITTEN_BOOKS:
            _WRITTEN_BOOKS[key] = write_data_workbook(path, plan, candidates, **options).read_bytes()
        else:
            path.write_bytes(_WRITTEN_BOOKS[key])
        return path

    return write


_WRITTEN_BOOKS: dict[str, bytes] = {}  # the repr of write_book's arguments → the bytes written for them


collect_ignore = ["tools"]  # run with LibreOffice's own Python (it imports uno), never imported by pytest
