"""The generated .xlsm, checked without Excel: independent readers (olevba, openpyxl, LibreOffice) and
static contracts between the ribbon, the VBA and Python."""

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import olefile
import openpyxl
import pytest
from oletools.olevba import VBA_Parser
from openpyxl.utils import column_index_from_string, get_column_letter

from cli.commands import main
from qzxl.dates.schedule import checklist, deadlines, propose_nodes
from qzxl.dates.workdays import Override, WorkCalendar
from qzxl.errors import CannotRun
from qzxl.layout import FIRST_DATA_ROW, PLAN_SHEET, PLAN_VALUE_COLUMN, REGISTRATION, ROSTER, plan_value_row
from qzxl.sheets.address import column_letter
from udfs import functions
from udfs.file_port import FilePort
from udfs.ooxml import CUSTOM_UI_NAMESPACE, CUSTOM_UI_PART, CUSTOM_UI_REL_TYPE
from udfs.registry import ACTIONS
from udfs.runner import run_action
from workbook import vbagen
from workbook.build import SHEETS, build_workbook

PROBE = Path(__file__).parent / "tools" / "lo_probe.py"


@pytest.fixture
def built(built_workbook):
    return built_workbook


def modules_by_olevba(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    return {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}


def normalised(source: str) -> str:
    lines = [line.rstrip() for line in source.replace("\r\n", "\n").splitlines()]
    return "\n".join(line for line in lines if line and not line.startswith("Attribute VB_"))


def test_olevba_decompresses_every_module_and_it_matches_our_sources(built):
    found = modules_by_olevba(built)
    assert {"ThisWorkbook", "xlwings", "Dictionary", vbagen.RIBBON_MODULE, "QzxlFolders", vbagen.UDF_MODULE} <= set(found)
    assert normalised(found[vbagen.RIBBON_MODULE]) == normalised(vbagen.ribbon_module())
    assert normalised(found["QzxlFolders"]) == normalised(vbagen.static_module("QzxlFolders"))
    assert normalised(found[vbagen.UDF_MODULE]) == normalised(vbagen.udf_module(vbagen.udf_signatures()))
    xlwings_version = re.search(r"'Version: (\S+)", found["xlwings"])[1]
    from importlib.metadata import version

    assert xlwings_version == version("xlwings")


def test_vba_project_is_source_only_with_the_version_ffff_header(built):
    with zipfile.ZipFile(built) as archive:
        ole = olefile.OleFileIO(io.BytesIO(archive.read("xl/vbaProject.bin")))
    streams = ["/".join(e) for e in ole.listdir()]
    assert ole.openstream("VBA/_VBA_PROJECT").read() == bytes.fromhex("CC61FFFF000000")
    assert not [s for s in streams if "__SRP_" in s]
    wm = ole.openstream("PROJECTwm").read()
    project = ole.openstream("PROJECT").read().decode("cp1252")
    for name in [s.split("/")[1] for s in streams if s.startswith("VBA/") and s not in ("VBA/dir", "VBA/_VBA_PROJECT")]:
        assert name.encode() + b"\0" + name.encode("utf-16-le") + b"\0\0" in wm  # ASCII and Unicode names agree
        assert re.search(rf"^(Document|Module|Class)={name}\b", project, re.M), name


def test_sheet_code_names_match_the_document_modules(built):
    with zipfile.ZipFile(built) as archive:
        project = olefile.OleFileIO(io.BytesIO(archive.read("xl/vbaProject.bin"))).openstream("PROJECT").read()
        sheet_parts = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
        code_names = [re.search(rb'codeName="([^"]+)"', archive.read(part))[1].decode() for part in sheet_parts]
        workbook_xml = archive.read("xl/workbook.xml")
    documents = set(re.findall(r"^Document=(\w+)/", project.decode("cp1252"), re.M))
    assert set(code_names) | {"ThisWorkbook"} == documents
    assert b'codeName="ThisWorkbook"' in workbook_xml
    assert len(code_names) == len(SHEETS)


def test_ribbon_part_relationship_and_callbacks(built):
    with zipfile.ZipFile(built) as archive:
        rels = ElementTree.fromstring(archive.read("_rels/.rels"))
        ribbon = ElementTree.fromstring(archive.read(CUSTOM_UI_PART))
    assert [r.get("Target") for r in rels if r.get("Type") == CUSTOM_UI_REL_TYPE] == [CUSTOM_UI_PART]
    assert ribbon.tag == f"{{{CUSTOM_UI_NAMESPACE}}}customUI"
    buttons = ribbon.iter(f"{{{CUSTOM_UI_NAMESPACE}}}button")
    vba = "\n".join(modules_by_olevba(built).values())
    subs = set(re.findall(r"^Public Sub (\w+)\(control As IRibbonControl\)", vba, re.M))
    ids = []
    for button in buttons:
        assert button.get("onAction") in subs
        ids.append(button.get("id"))
    assert [a.id for a in ACTIONS] == [i for i in ids if i != "pick_folder"]


def test_every_udf_wrapper_matches_a_python_udf(built):
    vba = modules_by_olevba(built)[vbagen.UDF_MODULE]
    wrappers = dict(re.findall(r"^Function (\w+)\(([^)]*)\)", vba, re.M))
    import inspect

    assert wrappers == {f.__name__: ", ".join(inspect.signature(f).parameters) for f in functions.UDFS}
    assert [name for name, _ in vbagen.udf_signatures()] == [f.__name__ for f in functions.UDFS]
    for name in wrappers:
        assert callable(getattr(functions, name))


@pytest.mark.slow
def test_the_build_is_reproducible(built, tmp_path):
    again = build_workbook(tmp_path / "again.xlsm", today=dt.date(2026, 11, 24))
    assert again.read_bytes() == built.read_bytes()


def test_the_sheets_the_engine_reads(built_openpyxl):
    book = built_openpyxl
    assert book.sheetnames == list(SHEETS)
    assert book["xlwings.conf"].sheet_state == "hidden"
    assert book["xlwings.conf"]["A3"].value == "UDF Modules" and book["xlwings.conf"]["B3"].value == "udfs.functions"
    registration = book["报名信息"]
    assert registration.column_dimensions["C"].number_format == "@"  # ID numbers stored as text
    validations = [dv for dv in registration.data_validations.dataValidation if dv.type == "list"]
    assert validations and all(dv.formula1.startswith("QZ_LIST_") for dv in validations)
    roster = book[ROSTER.sheet]
    first = FIRST_DATA_ROW + 1  # the first person's row, as Excel counts
    id_on_roster = column_letter(ROSTER.keys.index("id_number") + 1)
    assert roster[f"{id_on_roster}{first}"].value.startswith(f"=IF('{REGISTRATION.sheet}'!$A{first}")


@pytest.mark.slow  # an openpyxl load and save of the whole 500-row workbook
def test_saving_the_built_workbook_with_openpyxl_keeps_macros_and_ribbon(built, tmp_path):
    copy = tmp_path / "copy.xlsm"
    port = FilePort(built, copy)
    port.write_block(PLAN_SHEET, f"{column_letter(PLAN_VALUE_COLUMN + 1)}{plan_value_row('org') + 1}",
                     [["衢州市测试培训学校"]])
    port.save()
    with zipfile.ZipFile(copy) as archive:
        names = archive.namelist()
        assert CUSTOM_UI_REL_TYPE.encode() in archive.read("_rels/.rels")
    assert "xl/vbaProject.bin" in names and CUSTOM_UI_PART in names
    assert vbagen.RIBBON_MODULE in modules_by_olevba(copy)


def test_engine_on_the_empty_workbook(built, capsys):
    assert main(["validate", str(built), "--json"]) == 1  # the empty 方案 lacks its required fields
    codes = {i["code"] for i in json.loads(capsys.readouterr().out)["issues"]}
    assert "table-empty" in codes


def test_refuses_to_overwrite_and_other_bad_input(built, tmp_path):
    with pytest.raises(CannotRun, match=r"\.xlsm") as stop:
        build_workbook(tmp_path / "book.xlsx")
    assert stop.value.code == "run-build-not-xlsm"
    with pytest.raises(CannotRun, match="不存在") as stop:
        build_workbook(tmp_path / "没有" / "book.xlsm")
    assert stop.value.code == "run-build-no-folder"
    with pytest.raises(CannotRun) as stop:
        build_workbook(built)
    assert stop.value.code == "run-build-exists"


def test_a_workbook_open_in_excel_is_not_overwritten(tmp_path, monkeypatch):
    from workbook import build

    def locked(path):
        raise PermissionError(13, "locked by Excel")

    monkeypatch.setattr(build, "atomic_path", locked)
    with pytest.raises(CannotRun) as stop:
        build_workbook(tmp_path / "x.xlsm")
    assert stop.value.code == "run-build-cannot-write"


def test_without_xlwings_the_build_says_how_to_install_it(tmp_path, monkeypatch):
    from workbook import vbaproject

    monkeypatch.setattr(vbaproject.util, "find_spec", lambda name: None)
    with pytest.raises(CannotRun, match="pip install xlwings") as stop:
        build_workbook(tmp_path / "x.xlsm")
    assert stop.value.code == "run-xlwings-missing"


def test_missing_xlwings_template_names_the_version(tmp_path, monkeypatch):
    from workbook import vbaproject

    monkeypatch.setattr(vbaproject, "TEMPLATE_NAME", "missing.xlsm")
    with pytest.raises(CannotRun, match=r"xlwings \d+\.\d+") as stop:
        build_workbook(tmp_path / "x.xlsm")
    assert stop.value.code == "run-xlwings-template"


@pytest.mark.slow
def test_non_ascii_paths(tmp_path):
    folder = tmp_path / "衢州 培训（一班）"
    folder.mkdir()
    path = build_workbook(folder / "报名 表.xlsm")
    assert path.exists() and zipfile.is_zipfile(path)


def lo_probe(path: Path, *args: str) -> dict:
    output = subprocess.run(["/usr/bin/python3", str(PROBE), str(path), *args], check=True, capture_output=True,
                            text=True, timeout=300).stdout
    return json.loads(output)


needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None or not Path("/usr/bin/python3").exists(),
                                       reason="LibreOffice and python3-uno are installed by .ci/run")


@pytest.mark.libreoffice
@needs_libreoffice
def test_libreoffice_opens_it_lists_the_modules_and_recalculates_the_deadlines(built):
    # 2026 published; 2027 estimated: 01-01 元旦 (D-15 of 01-16), 春节 from 除夕 02-05, 国庆 break to 10-07
    exams = ["2026-10-20", "2026-10-17", "2026-12-18", "2026-11-28", "2027-03-20", "2027-01-16", "2027-02-26",
             "2027-10-14", "2027-05-10"]
    found = lo_probe(built, *exams)
    assert {"xlwings", "Dictionary", vbagen.RIBBON_MODULE, "QzxlFolders", vbagen.UDF_MODULE} <= set(found["modules"])
    assert found["sheets"] == list(SHEETS)
    for exam in exams:
        items = deadlines(dt.date.fromisoformat(exam))
        assert found["deadlines"][exam] == [item.date.isoformat() for item in items], exam
        for item, note, step in zip(items, found["notes"][exam], found["process"][exam], strict=True):
            assert ("预估" in note) == item.estimated == ("预估" in step), (exam, item.key, note, step)
            if item.estimated:
                assert f"{item.estimated_year} 年放假安排尚未公布" in note
    assert found["deadlines"]["2027-10-14"][2] == "2027-09-30"  # D-7 = 10-07, a possible day off


@pytest.mark.libreoffice
@needs_libreoffice
def test_the_process_sheet_still_follows_a_changed_exam_date_after_the_schedule_button(built, tmp_path):
    """计算时间节点 writes the 方案 node cells only: 流程 keeps its formulas and follows the exam date."""
    book = tmp_path / "报名.xlsm"
    shutil.copy(built, book)
    port = FilePort(book, backup=False)
    port.write_block(PLAN_SHEET, f"{column_letter(PLAN_VALUE_COLUMN + 1)}{plan_value_row('exam_date') + 1}",
                     [[dt.date(2026, 12, 18)]])
    assert run_action("schedule", port, dt.date(2026, 11, 24))
    port.save()
    nodes = propose_nodes(dt.date(2026, 12, 18))  # what the button wrote, for the first exam date
    found = lo_probe(book, "2026-12-18", "2027-03-20")
    for exam in ("2026-12-18", "2027-03-20"):
        due = dict(zip([s.key for s in checklist(dt.date.fromisoformat(exam), nodes)], found["process_dates"][exam],
                       strict=True))
        engine = {item.key: item.date.isoformat() for item in deadlines(dt.date.fromisoformat(exam))}
        assert due["step_1"] == engine["electronic_materials"], exam
        assert due["step_1b"] == engine["plan_filing"] and due["step_2"] == engine["paper_materials"], exam
        assert due["step_8"] == exam
        assert due["step_4"] == nodes["registration_start"].isoformat()  # from the 方案 node cell the button filled


@pytest.mark.libreoffice
@needs_libreoffice
def test_a_holiday_override_typed_on_the_dictionary_sheet_moves_the_deadline(built):
    found = lo_probe(built, "2027-01-07", "--override=2026-12-31=放假")
    calendar = WorkCalendar({dt.date(2026, 12, 31): Override(False)})
    engine = [item.date.isoformat() for item in deadlines(dt.date(2027, 1, 7), calendar)]
    assert found["deadlines"]["2027-01-07"] == engine
    assert engine[2] == "2026-12-30"  # D-7 = 12-31, now a day off


def test_eligibility_fields_and_the_dictionary_table(built_openpyxl):
    from qzxl.layout import REGISTRATION

    headers = [c.value for c in built_openpyxl["报名信息"][4]]
    start = headers.index("毕业院校类别")  # after the system's columns; the 申报表's own columns may follow
    assert headers[start:start + 3] == ["毕业院校类别", "原等级发证日期", "职称取得日期"]
    assert headers[len(REGISTRATION.columns)] == "自动检查"  # after every column of the layout; hidden helpers follow
    options = built_openpyxl["字典"]
    cell = next(c for row in options.iter_rows(max_row=3) for c in row if c.value == "申报条件职业")
    assert options.cell(cell.row, cell.column + 2).value == "条件依据"


@pytest.mark.slow  # a load and save of the whole built workbook; test_eligibility_workbook reads typed 字典 tables
def test_the_dictionary_table_typed_in_the_built_workbook_is_read(built, tmp_path):
    from qzxl.rules.eligibility import read_eligibility_table
    from qzxl.sheets.intake import read_plan
    from qzxl.sheets.reader import read_workbook

    book = openpyxl.load_workbook(built)
    options = book["字典"]
    cell = next(c for row in options.iter_rows(max_row=3) for c in row if c.value == "申报条件职业")
    options.cell(cell.row + 1, cell.column, "电工")
    options.cell(cell.row + 1, cell.column + 2, "2018")
    copy = tmp_path / "typed.xlsx"
    book.save(copy)
    data = read_workbook(copy)
    assert read_plan(data.plan)[0].eligibility_basis == "2023"  # the default, written in the 方案 cell
    assert read_eligibility_table(data.eligibility_table) == ({"电工": {"": "2018"}}, [])
    assert data.options["院校类别"][2] == "技工院校预备技师（技师）班"


def test_the_built_workbook_prints_every_sheet_on_a4_within_its_content(built_openpyxl):
    book = built_openpyxl
    for ws in book.worksheets:
        if ws.sheet_state == "hidden":
            continue
        assert ws.page_setup.paperSize == 9, ws.title
        assert ws.print_area, ws.title
        # one page wide, but 报名信息 (25 columns) three and 字典 (its lists side by side) two: text ≥ 8 pt
        wide = {"报名信息": 3, "字典": 2}.get(ws.title, 1)
        assert ws.sheet_properties.pageSetUpPr.fitToPage and (ws.page_setup.fitToWidth or 1) == wide, ws.title
    last = get_column_letter(len(REGISTRATION.columns))
    assert book["报名信息"].print_area == f"'报名信息'!$A$1:${last}$4"  # no one yet: the header only
    assert book["花名册"].print_area == "'花名册'!$A$1:$J$4"
    assert book["报名信息"].print_title_rows == "$4:$4"
    assert book["报名信息"].print_title_cols == "$A:$C"  # 姓名, 证件类型, 证件号码 on every page across
    assert book["方案"].page_setup.orientation == "landscape"
    last_calendar_column = book["字典"].max_column
    area_end = re.search(r"\$([A-Z]+)\$\d+$", book["字典"].print_area).group(1)
    assert column_index_from_string(area_end) < last_calendar_column  # not the calendar
