"""Excel opens the workbook clean: what Excel checks on open, checked on Linux against Microsoft's and Ecma's own
files, on a freshly built workbook and on what `qzxl action` saved through openpyxl.

The four defects a new user met (issue 11) each have a regression test here: a name defined twice, the folder
picker's Intersect across sheets, ribbon icons that are not Excel's, and a Linux interpreter path in
xlwings.conf. The checks themselves live in excel_checks.py and vba_checks.py; test_excel_checks.py shows
that each of them catches the fault it is for.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import re
import shutil
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import compoundfiles
import olefile
import pytest
from conftest import TODAY, ZHANG_SAN
from oletools.olevba import VBA_Parser
from python_calamine import CalamineWorkbook
from support import excel_checks as checks
from support import vba_checks

from cli.commands import main
from qzxl.layout import FIRST_DATA_ROW, PLAN_SHEET, PLAN_VALUE_COLUMN, REGISTRATION, plan_value_row
from qzxl.sheets.address import column_letter
from udfs import functions
from udfs.file_port import FilePort
from udfs.registry import ACTIONS
from workbook import names, vbagen
from workbook.build import build_workbook
from workbook.names import defined_names
from workbook.sheets.config import CONFIG_SHEET, WINDOWS_INTERPRETER, interpreters

EXPECTED_MODULES = {"ThisWorkbook", *(f"Sheet{i}" for i in range(1, 10)), "xlwings", "Dictionary",
                    vbagen.RIBBON_MODULE, "QzxlFolders", "QzxlImport", vbagen.UDF_MODULE}


# Shared reference data: loaded once ------------------------------------------------------------------

@pytest.fixture(scope="session")
def ribbon_schema():
    return checks.custom_ui_schema(checks.DATA / "customui14.xsd")


@pytest.fixture(scope="session")
def excel_control_ids():
    return {name: checks.control_ids(checks.DATA / name) for name in checks.CONTROL_LISTS}


def vba_modules(path: Path) -> dict[str, str]:
    """Module name → source, as oletools' olevba reads them (a second VBA reader)."""
    parser = VBA_Parser(str(path))
    try:
        return {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


@pytest.fixture(scope="session")
def action_output(built_workbook, tmp_path_factory):
    """A built workbook a clerk filled in, then `qzxl action schedule` and `qzxl action validate --out`."""
    folder = tmp_path_factory.mktemp("action")
    filled, out = folder / "填好.xlsm", folder / "校验后.xlsm"
    shutil.copy(built_workbook, filled)
    port = FilePort(filled, backup=False)
    plan = {"org": "衢州市测试培训学校", "occupation": "电工", "level": "四级/中级工", "exam_date": dt.date(2026, 12, 18)}
    for key, value in plan.items():
        port.write_block(PLAN_SHEET, f"{column_letter(PLAN_VALUE_COLUMN + 1)}{plan_value_row(key) + 1}", [[value]])
    people = [{"name": "张三", "id_type": "居民身份证", "id_number": ZHANG_SAN, "gender": "女",
               "birth_date": dt.date(1990, 12, 15), "mobile": "13857012345"},
              {"name": "李四", "id_type": "居民身份证", "id_number": ZHANG_SAN[:-1] + "0", "gender": "男"}]
    port.write_block(REGISTRATION.sheet, f"A{FIRST_DATA_ROW + 1}",
                     [[person.get(key) for key in REGISTRATION.keys] for person in people])
    port.save()
    # 李四's check digit is wrong and his row is incomplete: errors found, so exit 1 as `qzxl validate` gives
    # (计算时间节点 checks again too, and 校验结果 lists them).
    assert main(["action", "schedule", str(filled)]) == 1
    assert main(["action", "validate", str(filled), "--out", str(out)]) == 1
    assert out.is_file()
    return out


@pytest.fixture(params=["built", pytest.param("action", marks=pytest.mark.slow)])
def book(request) -> Path:
    """Each check runs on the fresh build and (slow: two openpyxl saves) on an action's output."""
    return request.getfixturevalue("built_workbook" if request.param == "built" else "action_output")


# The four defects --------------------------------------------------------------------------------

def test_every_defined_name_is_unique_in_its_scope(built_workbook):
    """Defect 1: QZ_PHOTOS_DIR and QZ_ATTACHMENTS_DIR were defined twice (Excel's repair dialog)."""
    with zipfile.ZipFile(built_workbook) as archive:
        assert checks.name_problems(archive) == []
        workbook = archive.read("xl/workbook.xml").decode()
    written = re.findall(r'<definedName name="([^"]+)">', workbook)  # workbook scope: no localSheetId
    assert sorted(written) == sorted(defined_names(TODAY))
    assert written.count("QZ_PHOTOS_DIR") == written.count("QZ_ATTACHMENTS_DIR") == 1


def test_a_name_cannot_enter_the_table_twice(monkeypatch):
    monkeypatch.setattr(names, "NAMED_FIELDS", (*names.NAMED_FIELDS, "photos_dir"))
    with pytest.raises(ValueError, match="QZ_PHOTOS_DIR"):
        defined_names(TODAY)


def test_the_folder_names_point_at_the_folder_cells(built_workbook):
    with zipfile.ZipFile(built_workbook) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
    plan = CalamineWorkbook.from_path(str(built_workbook)).get_sheet_by_name(PLAN_SHEET).to_python()
    for name, label in (("QZ_PHOTOS_DIR", "照片文件夹"), ("QZ_ATTACHMENTS_DIR", "附件文件夹")):
        row = int(re.search(rf'<definedName name="{name}">\'{PLAN_SHEET}\'!\$C\$(\d+)<', workbook)[1])
        assert label in plan[row - 1][1]


def call_arguments(text: str, start: int) -> list[str]:
    """The top-level arguments of the call whose opening parenthesis is at ``start``."""
    arguments, depth, current = [], 0, ""
    for ch in text[start + 1:]:
        if ch == "," and depth == 0:
            arguments.append(current.strip())
            current = ""
            continue
        if ch == ")" and depth == 0:
            return [*arguments, current.strip()]
        depth += {"(": 1, ")": -1}.get(ch, 0)
        current += ch
    raise ValueError("unbalanced parentheses")


def intersect_calls(source: str) -> list[tuple[str, str, str]]:
    """(procedure body, first argument, second argument) of each Application.Intersect call."""
    calls = []
    for body in re.findall(r"^(?:Public |Private )?(?:Function|Sub) .*?^End (?:Function|Sub)", source, re.M | re.S):
        for match in re.finditer(r"\bIntersect\(", body):
            first, second, *_ = call_arguments(body, match.end() - 1)
            calls.append((body, first, second))
    return calls


def test_intersect_is_only_called_on_ranges_of_one_sheet():
    """Defect 2: Intersect of ranges on two sheets is run-time error 1004 (not Nothing) in Excel, so a click on
    选择文件夹 from 报名信息 stopped in the VBA debugger. Every Intersect must sit behind a same-sheet test."""
    sources = {path.name: path.read_text(encoding="utf-8") for path in vbagen.VBA_FOLDER.glob("*.bas")}
    sources[vbagen.RIBBON_MODULE] = vbagen.ribbon_module()
    calls = [(name, *call) for name, source in sources.items() for call in intersect_calls(source)]
    assert calls, "the folder picker uses Intersect"
    for name, body, first, second in calls:
        before = body[:body.index("Intersect(")]
        same_sheet = re.search(rf"{re.escape(first)}\.Parent Is {re.escape(second)}\.Parent|"
                               rf"{re.escape(second)}\.Parent Is {re.escape(first)}\.Parent", before)
        assert same_sheet, f"{name}: Intersect({first}, {second}) without comparing their sheets first"


def test_intersect_check_sees_the_old_folder_picker():
    old = '''Private Function QzxlFolderCell(cell As Range) As Range
    For Each name In Array("QZ_PHOTOS_DIR", "QZ_ATTACHMENTS_DIR")
        If Not Application.Intersect(cell, ThisWorkbook.Names(name).RefersToRange) Is Nothing Then
        End If
    Next name
End Function'''
    [(body, first, second)] = intersect_calls(old)
    assert (first, second) == ("cell", "ThisWorkbook.Names(name).RefersToRange")
    assert ".Parent Is" not in body


def test_every_ribbon_icon_is_in_all_three_excel_control_lists(built_workbook, ribbon_schema, excel_control_ids):
    """Defect 3: AcceptInvitation (Outlook) and DateAndTimeInsert (Word) are not Excel ids and may render blank."""
    with zipfile.ZipFile(built_workbook) as archive:
        assert checks.ribbon_problems(archive, ribbon_schema, excel_control_ids) == []
    for action in ACTIONS:
        assert all(action.icon in ids for ids in excel_control_ids.values()), action.icon


def test_no_two_buttons_look_alike():
    """QA of the journey: 身份证复印件 and 考务材料 both showed FilePrintPreview, side by side on the ribbon."""
    icons = [action.icon for action in ACTIONS]
    assert len(set(icons)) == len(icons), [icon for icon in icons if icons.count(icon) > 1]


@pytest.mark.parametrize(("platform", "given", "windows", "mac"), [
    ("linux", None, WINDOWS_INTERPRETER, ""),
    ("linux", r"D:\Python312\pythonw.exe", r"D:\Python312\pythonw.exe", ""),
    ("win32", None, sys.executable, ""),
    ("win32", r"D:\Python312\pythonw.exe", r"D:\Python312\pythonw.exe", ""),
    ("darwin", None, WINDOWS_INTERPRETER, sys.executable),
])
def test_interpreter_written_for_windows(monkeypatch, platform, given, windows, mac):
    """Defect 4: built on Linux, the workbook named /…/.venv/bin/python3 for Windows Excel."""
    monkeypatch.setattr(sys, "platform", platform)
    assert interpreters(given) == (windows, mac)


def config(path: Path) -> dict[str, str]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(CONFIG_SHEET).to_python()
    return {key: value for key, value, *_ in rows}


def test_built_here_the_workbook_names_the_windows_bundle_python(built_workbook):
    settings = config(built_workbook)
    assert settings["Interpreter_Win"] == r"%LOCALAPPDATA%\qzxl\venv\Scripts\pythonw.exe"
    assert settings["Interpreter_Mac"] == ""
    assert settings["UDF Modules"] == "udfs.functions"


@pytest.mark.slow
def test_interpreter_option_wins_and_windows_keeps_its_own_python(tmp_path, monkeypatch, capsys):
    chosen = r"C:\Users\clerk\AppData\Local\Programs\Python\Python312\pythonw.exe"
    assert main(["workbook", str(tmp_path / "given.xlsm"), "--interpreter", chosen]) == 0
    assert config(tmp_path / "given.xlsm")["Interpreter_Win"] == chosen
    monkeypatch.setattr(sys, "platform", "win32")
    build_workbook(tmp_path / "windows.xlsm", today=TODAY)
    assert config(tmp_path / "windows.xlsm")["Interpreter_Win"] == sys.executable


# What Excel checks, on both workbooks --------------------------------------------------------------

@pytest.mark.slow
def test_every_covered_xml_part_validates_against_ecma_376(book, ecma_schemas):
    with zipfile.ZipFile(book) as archive:
        problems, validated = checks.schema_problems(archive, ecma_schemas)
        parts = set(archive.namelist())
    assert problems == []
    assert {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/styles.xml", "xl/theme/theme1.xml",
            "docProps/app.xml"} <= set(validated)
    sheets_and_notes = {part for part in parts if part.startswith(("xl/worksheets/sheet", "xl/comments/",
                                                                   "xl/sharedStrings"))}
    assert len([part for part in sheets_and_notes if part.startswith("xl/worksheets/sheet")]) == 9  # with 导入结果, 成绩
    assert sheets_and_notes <= set(validated)  # openpyxl writes the notes (comments) part, no shared strings


def test_ribbon_validates_against_customui14_and_uses_excel_icons(book, ribbon_schema, excel_control_ids):
    with zipfile.ZipFile(book) as archive:
        assert checks.ribbon_problems(archive, ribbon_schema, excel_control_ids) == []


def test_content_types_and_relationships_are_complete(book):
    with zipfile.ZipFile(book) as archive:
        assert checks.package_problems(archive) == []


def test_sheet_and_defined_names_are_legal(book):
    with zipfile.ZipFile(book) as archive:
        assert checks.name_problems(archive) == []


def test_code_names_match_the_document_modules(book):
    with zipfile.ZipFile(book) as archive:
        assert checks.code_name_problems(archive, vba_modules(book)) == []


def test_validations_formats_merges_and_functions(book):
    udfs = frozenset(function.__name__ for function in functions.UDFS)
    with zipfile.ZipFile(book) as archive:
        assert checks.sheet_problems(archive, udfs) == []


def vba_project(book: Path) -> bytes:
    with zipfile.ZipFile(book) as archive:
        return archive.read("xl/vbaProject.bin")


@pytest.mark.filterwarnings("ignore::compoundfiles.CompoundFileEmulationWarning")  # in-memory file: no mmap
def test_vba_project_is_a_strict_compound_file_that_two_libraries_read_alike(book):
    data = vba_project(book)
    strict = vba_checks.read_compound_file(data)
    assert strict.problems == []
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    assert {"/".join(entry): ole.openstream(entry).read() for entry in ole.listdir()} == strict.streams
    reader = compoundfiles.CompoundFileReader(io.BytesIO(data))
    for path, content in strict.streams.items():
        with reader.open(path) as stream:
            assert stream.read() == content, path


def test_dir_stream_walks_per_ms_ovba_and_agrees_with_project_streams(book):
    streams = vba_checks.read_compound_file(vba_project(book)).streams
    directory = vba_checks.read_dir(streams["VBA/dir"])
    assert directory.problems == []
    assert {module.name for module in directory.modules} == EXPECTED_MODULES
    assert set(directory.cookies) == {0xFFFF}  # what [MS-OVBA] 2.3.4.2.3 says to write (Excel writes others)
    assert len(directory.cookies) == 1 + len(EXPECTED_MODULES)
    assert vba_checks.project_problems(streams, directory) == []
    procedural = {module.name for module in directory.modules if module.procedural}
    assert procedural == {"xlwings", vbagen.RIBBON_MODULE, "QzxlFolders", "QzxlImport", vbagen.UDF_MODULE}


# The UDF wrappers against xlwings' own generator ----------------------------------------------------

@pytest.fixture
def xlwings_generator(monkeypatch):
    """xlwings.udfs.generate_vba_wrapper (the code behind "Import Functions"), importable on Linux: pywin32
    stubbed, the real decorators in place of the Linux no-ops, udfs.functions loaded afresh under them."""
    stubs = {name: types.ModuleType(name) for name in ("pythoncom", "pywintypes", "win32com", "win32com.client")}
    stubs["pythoncom"].CoInitialize = lambda: None
    stubs["win32com.client"].Dispatch = None
    for name, module in stubs.items():
        monkeypatch.setitem(sys.modules, name, module)
    import xlwings

    udfs_module = importlib.import_module("xlwings.udfs")
    monkeypatch.setattr(xlwings, "func", udfs_module.xlfunc)
    monkeypatch.setattr(xlwings, "arg", udfs_module.xlarg)
    monkeypatch.setattr(xlwings, "ret", udfs_module.xlret)
    spec = importlib.util.spec_from_file_location("udfs_functions_decorated", functions.__file__)
    decorated = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(decorated)
    yield lambda: _generate(udfs_module, decorated)
    sys.modules.pop("xlwings.udfs", None)
    if hasattr(xlwings, "udfs"):
        delattr(xlwings, "udfs")


def _generate(udfs_module, decorated) -> str:
    out = io.StringIO()
    udfs_module.generate_vba_wrapper(vbagen.UDF_PYTHON_MODULE, decorated, out, types.SimpleNamespace(Name="b.xlsm"))
    return out.getvalue()


def procedures(source: str) -> dict[str, list[str]]:
    """Name → stripped lines of each Function/Sub: order, indentation and the module header ignored."""
    found: dict[str, list[str]] = {}
    for match in re.finditer(r"^\s*((?:Function|Sub) (\w+)\(.*?^\s*End (?:Function|Sub))", source, re.M | re.S):
        found[match[2]] = [line.strip() for line in match[1].splitlines() if line.strip()]
    return found


def test_udf_wrappers_equal_what_xlwings_generates(book, xlwings_generator):
    theirs = procedures(xlwings_generator())
    ours = procedures(vba_modules(book)[vbagen.UDF_MODULE])
    assert sorted(theirs) == sorted(function.__name__ for function in functions.UDFS)
    assert ours == theirs


# A workbook LibreOffice saved ------------------------------------------------------------------------

def without_code_names(source: Path, target: Path) -> Path:
    """What LibreOffice's save does to the sheets: the VBA project stays, every codeName goes."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/workbook.xml" or item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb' codeName="[^"]*"', b"", data)
            new.writestr(item, data)
    return target


def test_lost_code_names_are_reported_by_validate(built_workbook, tmp_path, capsys):
    saved = without_code_names(built_workbook, tmp_path / "另存过.xlsm")
    assert main(["validate", str(saved), "--json"]) == 1
    output = capsys.readouterr().out
    assert '"workbook-code-names-lost"' in output and "LibreOffice" in output


def test_a_fresh_workbook_is_not_reported(built_workbook, capsys):
    main(["validate", str(built_workbook), "--json"])
    assert "workbook-code-names-lost" not in capsys.readouterr().out


needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                       reason="LibreOffice is installed by .ci/run")


@pytest.mark.libreoffice
@needs_libreoffice
def test_a_real_libreoffice_save_is_recognised(built_workbook, tmp_path, capsys):
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    "xlsm:Calc MS Excel 2007 VBA XML", "--outdir", str(tmp_path / "out"), str(built_workbook)],
                   check=True, capture_output=True, timeout=300)
    saved = tmp_path / "out" / built_workbook.name
    with zipfile.ZipFile(saved) as archive:
        assert "xl/vbaProject.bin" in archive.namelist()  # the macros are still there …
        assert checks.code_name_problems(archive, vba_modules(saved))  # … cut off from their sheets
    main(["validate", str(saved), "--json"])
    assert '"workbook-code-names-lost"' in capsys.readouterr().out
    assert main(["action", "clear_marks", str(saved), "--yes", "--out", str(tmp_path / "copy.xlsm")]) == 0
    output = capsys.readouterr().out
    assert output.startswith("提醒：这个工作簿被 LibreOffice") and "qzxl workbook" in output
