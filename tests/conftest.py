"""Shared builders: a valid candidate to spoil one field at a time, and sample workbooks on disk."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path

import pytest

from qzxl.rules.context import Context
from qzxl.sheets.models import Candidate
from qzxl.sheets.writer import write_data_workbook

EXAM = dt.date(2026, 12, 18)
TODAY = dt.date(2026, 11, 24)
# Real-shaped numbers with correct check digits (computed independently in test_idnumber).
ZHANG_SAN = "330822199012153426"  # 常山县, 1990-12-15, female


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
def built_workbook(tmp_path_factory) -> Path:
    """One freshly built .xlsm for the whole session (building takes seconds); tests must not change it."""
    from workbook.build import build_workbook

    return build_workbook(tmp_path_factory.mktemp("book") / "报名.xlsm", today=TODAY)


@pytest.fixture(scope="session")
def ecma_schemas(tmp_path_factory):
    """The vendored ECMA-376 Transitional and OPC schemas, unzipped and compiled once for the session."""
    import excel_checks

    folder = tmp_path_factory.mktemp("ecma")
    with zipfile.ZipFile(excel_checks.DATA / "ecma-376-transitional-schemas.zip") as archive:
        archive.extractall(folder)
    return excel_checks.load_schemas(folder)


@pytest.fixture
def write_book(tmp_path):
    """Write a data workbook from a plan and candidates; returns its path."""

    def write(plan, candidates, name="book.xlsx", **options):
        return write_data_workbook(tmp_path / name, plan, candidates, **options)

    return write


collect_ignore = ["tools"]  # run with LibreOffice's own Python (it imports uno), never imported by pytest
