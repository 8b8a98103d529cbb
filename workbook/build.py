"""`qzxl workbook OUT.xlsm`: the clerk's workbook, generated from the layout, the registry and the VBA sources.

Everything a colleague with WPS or Excel for Mac needs works without Python:
drop-downs from the 字典 lists, ID columns stored as text, input messages,
conditional formats for missing cells and duplicate IDs, the roster derived
by formulas, and deadlines as native formulas over a working-day calendar
(调休 included) generated at build time. With Excel on Windows the 技能认定
ribbon tab runs the Python actions and the QZ_* functions call Python.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import xlsxwriter

from qzxl.errors import CannotRun
from qzxl.files import atomic_path
from qzxl.layout import IMPORT_RESULTS, OPTIONS_SHEET, PLAN_SHEET, PROCESS, REGISTRATION, RESULTS, ROSTER, SCORES_SHEET
from workbook import vbagen
from workbook.formats import Formats
from workbook.names import defined_names, option_list_names
from workbook.package import finish
from workbook.sheets import config, options, plan, process, registration, results, roster, scores
from workbook.sheets.config import CONFIG_SHEET
from workbook.vbaproject import Module, build_vba_project, document_module, read_template, xlwings_template_path
from workbook.worksheet import FormulaSheet

SHEETS = (PLAN_SHEET, REGISTRATION.sheet, ROSTER.sheet, PROCESS.sheet, RESULTS.sheet, IMPORT_RESULTS.sheet,
          OPTIONS_SHEET, CONFIG_SHEET, SCORES_SHEET)  # 成绩 last: the older sheets keep their code names
BUILD_TIME = dt.datetime(2026, 1, 1)  # fixed, so the same sources give the same file


def build_workbook(out: Path, *, interpreter: str | None = None, force: bool = False,
                   today: dt.date | None = None) -> Path:
    out = Path(out)
    if out.is_dir():
        raise CannotRun("run-build-out-is-folder", out=out)
    if out.suffix.lower() != ".xlsm":
        raise CannotRun("run-build-not-xlsm")
    if out.exists() and not force:
        raise CannotRun("run-build-exists", out=out)
    if not out.parent.exists():
        raise CannotRun("run-build-no-folder", folder=out.parent)
    template = read_template(xlwings_template_path())
    code_names = [f"Sheet{index}" for index in range(1, len(SHEETS) + 1)]
    modules = [Module("ThisWorkbook", template.modules["ThisWorkbook"].source, "document"),
               *(document_module(template, name) for name in code_names),
               template.modules["xlwings"], template.modules["Dictionary"],
               Module(vbagen.RIBBON_MODULE, vbagen.ribbon_module(), "module"),
               Module("QzxlFolders", vbagen.static_module("QzxlFolders"), "module"),
               Module("QzxlImport", vbagen.static_module("QzxlImport"), "module"),
               Module(vbagen.UDF_MODULE, vbagen.udf_module(vbagen.udf_signatures()), "module")]
    vba = build_vba_project(template, modules)
    try:
        with atomic_path(out) as temporary:
            _write_book(temporary, vba, code_names, interpreter, today or dt.date.today())
            finish(temporary)
    except PermissionError as error:
        raise CannotRun("run-build-cannot-write", out=out) from error
    return out


def _write_book(path: Path, vba: bytes, code_names: list[str], interpreter: str | None, today: dt.date) -> None:
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                           "strings_to_urls": False})
    book.set_properties({"title": "职业技能等级认定申报", "author": "qzxl", "created": BUILD_TIME})
    book.set_vba_name("ThisWorkbook")
    book.add_vba_project(io.BytesIO(vba), is_stream=True)
    formats = Formats(book)
    sheets = {}
    for name, code_name in zip(SHEETS, code_names, strict=True):
        sheets[name] = book.add_worksheet(name, worksheet_class=FormulaSheet)
        sheets[name].set_vba_name(code_name)
    for name, ref in defined_names(today).items():
        book.define_name(name, ref)
    lists = option_list_names()
    options.write(sheets[OPTIONS_SHEET], formats, lists, today)
    plan.write(sheets[PLAN_SHEET], formats, lists)
    registration.write(sheets[REGISTRATION.sheet], formats, lists)
    roster.write(sheets[ROSTER.sheet], formats)
    process.write(sheets[PROCESS.sheet], formats, today)
    results.write_results(sheets[RESULTS.sheet], formats)
    results.write_import_results(sheets[IMPORT_RESULTS.sheet], formats)
    config.write(sheets[CONFIG_SHEET], formats, interpreter)
    scores.write(sheets[SCORES_SHEET], formats)
    sheets[PLAN_SHEET].activate()
    book.close()
