"""The checks of test_excel_opens_clean can fail: each one on a copy of the built workbook spoiled the way a real
defect would spoil it, and the strict VBA readers on projects Excel itself saved (Apache POI's test files)."""

from __future__ import annotations

import functools
import io
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from oletools.olevba import VBA_Parser
from support import excel_checks as checks
from support import vba_checks

from workbook import ovba

EXCEL_SAVED = [checks.DATA / "SimpleMacro.xlsm", checks.DATA / "45431.xlsm"]
WORKBOOK = frozenset({"xl/workbook.xml"})


def spoiled(book: Path, changes: dict[str, Callable[[bytes], bytes] | bytes]) -> zipfile.ZipFile:
    """An in-memory copy of ``book`` with some parts rewritten (or added, given as bytes); the parts stored as they
    are (the checks read the parts, not how they are compressed), so a copy costs no compression."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as new:
        for name, data in parts(book):
            change = changes.get(name)
            new.writestr(name, change(data) if callable(change) else data)
        for name, data in changes.items():
            if not callable(data):
                new.writestr(name, data)
    return zipfile.ZipFile(buffer)


@functools.cache  # the session's built book never changes (tests copy it to change it): read it once a process
def parts(book: Path) -> tuple[tuple[str, bytes], ...]:
    with zipfile.ZipFile(book) as archive:
        return tuple((name, archive.read(name)) for name in archive.namelist())


def sub(pattern: bytes, replacement: bytes, count: int = 1) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        changed, made = re.subn(pattern, replacement, data, count=count)
        assert made, f"{pattern!r} not found: the spoiling no longer applies"
        return changed

    return change


# Names, sheets, package ----------------------------------------------------------------------------

def test_a_name_defined_twice_is_caught(built_workbook):
    """The old build's defect, put back: QZ_PHOTOS_DIR a second time."""
    twice = sub(rb'(<definedName name="QZ_PHOTOS_DIR">[^<]*</definedName>)', rb"\1\1")
    problems = checks.name_problems(spoiled(built_workbook, {"xl/workbook.xml": twice}))
    assert problems == ["defined name QZ_PHOTOS_DIR is defined 2 times in scope workbook"]


def test_names_differing_only_in_case_clash_but_sheet_local_names_do_not(built_workbook):
    lower = sub(rb"(<definedName name=\"QZ_ORG\">)", rb'<definedName name="qz_org">x!$A$1</definedName>\1')
    assert "defined name QZ_ORG is defined 2 times in scope workbook" in checks.name_problems(
        spoiled(built_workbook, {"xl/workbook.xml": lower}))
    local = sub(rb"(<definedName name=\"QZ_ORG\">)",
                '<definedName name="QZ_ORG" localSheetId="0">\'方案\'!$A$1</definedName>\\1'.encode())
    assert checks.name_problems(spoiled(built_workbook, {"xl/workbook.xml": local})) == []


@pytest.mark.parametrize("name", ["A1", "QZ1", "XFD1048576", "R1C1", "R", "C", "1abc", "my name"])
def test_names_excel_refuses(name):
    assert not checks.NAME.match(name) or checks.looks_like_reference(name)


@pytest.mark.parametrize("name", ["QZ_ORG", "XFE1", "_private", "报名.日期", "A1048577"])
def test_names_excel_accepts(name):
    assert checks.NAME.match(name) and not checks.looks_like_reference(name)


@pytest.mark.parametrize("bad", ["报名:信息", "History", "'方案", "x" * 32, "方案"])
def test_sheet_names_excel_refuses(built_workbook, bad):
    """方案 twice (the first sheet renamed to the second's name) is refused too."""
    rename = sub(rb'<sheet name="[^"]*"', f'<sheet name="{bad}"'.encode().replace(b"'", b"&apos;"))
    if bad == "方案":
        rename = sub(rb'<sheet name="\xe6\x8a\xa5\xe5\x90\x8d\xe4\xbf\xa1\xe6\x81\xaf"', '<sheet name="方案"'.encode())
    problems = checks.name_problems(spoiled(built_workbook, {"xl/workbook.xml": rename}))
    assert any("sheet name" in problem for problem in problems), problems


def test_a_part_without_content_type_and_a_dangling_relationship(built_workbook):
    book = spoiled(built_workbook, {"xl/extra.dat": b"x", "_rels/.rels": sub(rb'Target="customUI/customUI14.xml"',
                                                                             rb'Target="customUI/missing.xml"')})
    problems = checks.package_problems(book)
    assert "xl/extra.dat has no content type" in problems
    assert any("points at missing customUI/missing.xml" in problem for problem in problems)


def test_the_2006_ribbon_relationship_on_a_2009_part_is_caught(built_workbook):
    old_type = sub(rb"office/2007/relationships/ui/extensibility", rb"office/2006/relationships/ui/extensibility")
    problems = checks.package_problems(spoiled(built_workbook, {"_rels/.rels": old_type}))
    assert problems == ["customUI/customUI14.xml is not in http://schemas.microsoft.com/office/2006/01/customui, "
                        "which relationship http://schemas.microsoft.com/office/2006/relationships/ui/extensibility "
                        "expects"]


def test_an_xlsx_content_type_on_a_macro_workbook_is_caught(built_workbook):
    xlsx = sub(rb"application/vnd.ms-excel.sheet.macroEnabled.main\+xml",
               rb"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
    problems = checks.package_problems(spoiled(built_workbook, {"[Content_Types].xml": xlsx}))
    assert any("not macroEnabled" in problem for problem in problems)


# Schemas --------------------------------------------------------------------------------------------

def test_an_element_the_schema_does_not_allow_is_caught(built_workbook, ecma_schemas):
    wrong = sub(rb"<sheetData>", rb"<sheetDate/><sheetData>")
    problems, _ = checks.schema_problems(spoiled(built_workbook, {"xl/worksheets/sheet1.xml": wrong}), ecma_schemas,
                                         frozenset({"xl/worksheets/sheet1.xml"}))
    assert len(problems) == 1 and "sheetDate" in problems[0]


def test_ignorable_markup_is_resolved_before_validation(built_workbook, ecma_schemas):
    """Excel 2010+ extensions under mc:Ignorable are skipped, as Excel 2007 would; unknown ones are not."""
    declared = sub(rb"<workbook ", rb'<workbook xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/'
                                   rb'2006" xmlns:x99="urn:future" mc:Ignorable="x99" x99:flag="1" ')
    problems, _ = checks.schema_problems(spoiled(built_workbook, {"xl/workbook.xml": declared}), ecma_schemas, WORKBOOK)
    assert problems == []
    undeclared = sub(rb"<workbook ", rb'<workbook xmlns:x99="urn:future" x99:flag="1" ')
    problems, _ = checks.schema_problems(spoiled(built_workbook, {"xl/workbook.xml": undeclared}), ecma_schemas, WORKBOOK)
    assert problems and "flag" in problems[0]


# The ribbon -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ribbon():
    schema = checks.custom_ui_schema(checks.DATA / "customui14.xsd")
    ids = {name: checks.control_ids(checks.DATA / name) for name in checks.CONTROL_LISTS}
    return schema, ids


def test_the_old_outlook_and_word_icons_are_caught(built_workbook, ribbon):
    old = sub(rb'imageMso="ErrorChecking"', rb'imageMso="AcceptInvitation"')
    problems = checks.ribbon_problems(spoiled(built_workbook, {"customUI/customUI14.xml": old}), *ribbon)
    assert len(problems) == 1 and problems[0].startswith("imageMso AcceptInvitation (button validate)")


def test_an_icon_missing_from_one_list_only_is_caught(ribbon):
    schema, ids = ribbon
    only_365 = sorted(ids["excel_Microsoft_365_Current_Channel.xlsx"] - ids["excel_Office_2016.xlsx"]
                      - ids["excel_Office_2019.xlsx"])
    assert only_365, "Microsoft 365 has ids Office 2016 and 2019 lack"
    xml = (f'<customUI xmlns="{checks.CUSTOM_UI_2009}"><ribbon><tabs><tab id="t" label="x"><group id="g" label="y">'
           f'<button id="b" label="z" imageMso="{only_365[0]}"/></group></tab></tabs></ribbon></customUI>').encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'relationships"><Relationship Id="r" Type="http://schemas.microsoft.com/office/2007/'
                         'relationships/ui/extensibility" Target="customUI/customUI14.xml"/></Relationships>')
        archive.writestr("customUI/customUI14.xml", xml)
    assert checks.ribbon_problems(zipfile.ZipFile(buffer), schema, ids) == [
        f"imageMso {only_365[0]} (button b) is not an Excel control id in ['excel_Office_2016.xlsx', "
        f"'excel_Office_2019.xlsx']"]


def test_duplicate_ids_and_schema_errors_in_the_ribbon_are_caught(built_workbook, ribbon):
    twice = sub(rb'id="clear_marks"', rb'id="validate"')
    problems = checks.ribbon_problems(spoiled(built_workbook, {"customUI/customUI14.xml": twice}), *ribbon)
    assert "id validate used 2 times" in problems
    unknown = sub(rb'size="large"', rb'size="huge"')
    problems = checks.ribbon_problems(spoiled(built_workbook, {"customUI/customUI14.xml": unknown}), *ribbon)
    assert problems and "huge" in problems[0]


def test_a_second_ribbon_relationship_is_caught(built_workbook, ribbon):
    twice = sub(rb"(<Relationship [^>]*ui/extensibility[^>]*/>)", rb'\1<Relationship Id="rIdX" Type="http://schemas.'
                rb'microsoft.com/office/2007/relationships/ui/extensibility" Target="customUI/customUI14.xml"/>')
    problems = checks.ribbon_problems(spoiled(built_workbook, {"_rels/.rels": twice}), *ribbon)
    assert problems[0].startswith("expected one customUI14 relationship")


@pytest.mark.slow
def test_the_control_id_reader_agrees_with_openpyxl():
    import openpyxl

    for name in checks.CONTROL_LISTS:
        book = openpyxl.load_workbook(checks.DATA / name, read_only=True)
        expected = {str(row[0]).strip() for sheet in book.worksheets
                    for row in sheet.iter_rows(min_row=2, values_only=True) if row and row[0]}
        assert checks.control_ids(checks.DATA / name) == expected, name


# Sheets ----------------------------------------------------------------------------------------------

SHEET = "xl/worksheets/sheet2.xml"  # 报名信息: validations, conditional formats, a merged title


def test_a_list_longer_than_255_characters_is_caught(built_workbook):
    long_list = '"' + ",".join(f"选项{i}" for i in range(80)) + '"'
    spoil = sub(rb"<formula1>QZ_LIST_1</formula1>", f"<formula1>{long_list}</formula1>".encode())
    problems = checks.sheet_problems(spoiled(built_workbook, {SHEET: spoil}))
    assert any("characters (> 255)" in problem for problem in problems), problems


def test_a_list_from_an_undefined_name_is_caught(built_workbook):
    spoil = sub(rb"<formula1>QZ_LIST_1</formula1>", rb"<formula1>QZ_LIST_99</formula1>")
    problems = checks.sheet_problems(spoiled(built_workbook, {SHEET: spoil}))
    assert any("QZ_LIST_99 is not defined" in problem for problem in problems)


def test_a_dxf_id_past_the_styles_is_caught(built_workbook):
    spoil = sub(rb'dxfId="\d+"', rb'dxfId="99"')
    problems = checks.sheet_problems(spoiled(built_workbook, {SHEET: spoil}))
    assert any("dxfId 99" in problem for problem in problems)


def test_overlapping_merges_and_validations_are_caught(built_workbook):
    merge = sub(rb"(<mergeCell ref=\"[^\"]+\"/>)", rb'\1<mergeCell ref="B1:C2"/>')
    problems = checks.sheet_problems(spoiled(built_workbook, {SHEET: merge}))
    assert any("merged ranges B1:C2" in problem for problem in problems)
    validation = sub(rb'(<dataValidation [^>]*sqref=")([^"]+)"', rb'\1\2 C5"')  # C5 has its own
    problems = checks.sheet_problems(spoiled(built_workbook, {SHEET: validation}))
    assert any("data validations" in problem for problem in problems)


@pytest.mark.parametrize(("formula", "unknown"), [
    ("XLOOKUP(A1,B:B,C:C)", ["XLOOKUP"]),  # Excel 2021: blank #NAME? in Excel 2016
    ('IF(A1="",QZ_NOPE(A1),"SUM(x)")', ["QZ_NOPE"]),
    ("'报名(1)'!A1+SUM(A1)", []),
    ("_xlfn.CONCAT(A1)", ["_XLFN.CONCAT"]),
])
def test_functions_excel_does_not_know(formula, unknown):
    assert sorted(checks._functions(formula) - checks.FORMULAE - {"QZ_ID_CHECK"}) == unknown


def test_an_unknown_function_in_a_cell_is_caught(built_workbook):
    spoil = sub(rb"<f>IF\(", rb"<f>IFS(")
    problems = checks.sheet_problems(spoiled(built_workbook, {"xl/worksheets/sheet3.xml": spoil}))
    assert any("['IFS']" in problem for problem in problems)


# Code names ------------------------------------------------------------------------------------------

def test_a_sheet_without_code_name_and_an_orphan_module_are_caught(built_workbook):
    modules = {name.rsplit(".", 1)[0]: code for _, _, name, code in VBA_Parser(str(built_workbook)).extract_macros()}
    spoil = sub(rb' codeName="Sheet3"', b"")
    problems = checks.code_name_problems(spoiled(built_workbook, {"xl/worksheets/sheet3.xml": spoil}), modules)
    assert problems == ["sheet 花名册 has no codeName", "document module Sheet3 belongs to no sheet"]
    renamed = sub(rb' codeName="Sheet3"', b' codeName="xlwings"')
    problems = checks.code_name_problems(spoiled(built_workbook, {"xl/worksheets/sheet3.xml": renamed}), modules)
    assert any("module xlwings has VB_Base None" in problem for problem in problems)


# The compound file and the dir stream ----------------------------------------------------------------

def vba_bin(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/vbaProject.bin")


@pytest.mark.parametrize("sample", EXCEL_SAVED, ids=lambda p: p.name)
def test_projects_excel_saved_pass_the_strict_readers(sample):
    compound = vba_checks.read_compound_file(vba_bin(sample))
    assert compound.problems == []
    directory = vba_checks.read_dir(compound.streams["VBA/dir"])
    assert directory.problems == []
    assert directory.modules
    assert vba_checks.project_problems(compound.streams, directory) == []


def patched(data: bytes, offset: int, fmt: str, *values: int) -> bytes:
    copy = bytearray(data)
    struct.pack_into(fmt, copy, offset, *values)
    return bytes(copy)


def directory_entry_offset(data: bytes, index: int) -> int:
    first_directory = struct.unpack_from("<I", data, 48)[0]
    return 512 + first_directory * 512 + index * 128  # our directory fits one run of sectors


def test_two_chains_through_one_sector_are_caught(built_workbook):
    data = vba_bin(built_workbook)
    first_fat = struct.unpack_from("<I", data, 76)[0]
    start_of_directory = struct.unpack_from("<I", data, 48)[0]
    spoilt = patched(data, 512 + first_fat * 512, "<I", start_of_directory)  # sector 0's chain runs into the dir
    problems = vba_checks.read_compound_file(spoilt).problems
    assert any("already belongs to" in problem or "chain" in problem for problem in problems), problems


def test_a_red_root_and_a_wrong_order_are_caught(built_workbook):
    data = vba_bin(built_workbook)
    root_child = struct.unpack_from("<I", data, directory_entry_offset(data, 0) + 76)[0]
    red = patched(data, directory_entry_offset(data, root_child) + 67, "<B", 0)
    assert any("is red" in problem for problem in vba_checks.read_compound_file(red).problems)
    left = struct.unpack_from("<I", data, directory_entry_offset(data, root_child) + 68)[0]
    right = struct.unpack_from("<I", data, directory_entry_offset(data, root_child) + 72)[0]
    swapped = patched(patched(data, directory_entry_offset(data, root_child) + 68, "<I", right),
                      directory_entry_offset(data, root_child) + 72, "<I", left)
    assert any("out of order" in problem for problem in vba_checks.read_compound_file(swapped).problems)


def test_a_stream_size_that_its_chain_cannot_hold_is_caught(built_workbook):
    data = vba_bin(built_workbook)
    compound = vba_checks.read_compound_file(data)
    assert compound.problems == []
    for index in range(64):
        offset = directory_entry_offset(data, index)
        name = data[offset:offset + 64].decode("utf-16-le").rstrip("\0")
        if name == "xlwings":  # the biggest module: a regular-sector stream
            break
    spoilt = patched(data, offset + 120, "<I", struct.unpack_from("<I", data, offset + 120)[0] + 4096)
    assert any("its size needs" in problem for problem in vba_checks.read_compound_file(spoilt).problems)


def dir_with(records: bytes) -> bytes:
    return ovba.compress(records)


def test_the_dir_walk_catches_a_wrong_module_count_and_trailing_bytes(built_workbook):
    streams = vba_checks.read_compound_file(vba_bin(built_workbook)).streams
    plain = ovba.decompress(streams["VBA/dir"])
    count_at = plain.index(struct.pack("<HIH", 0x000F, 2, 16))  # 9 sheets, ThisWorkbook and 6 code modules
    one_more = plain[:count_at] + struct.pack("<HIH", 0x000F, 2, 17) + plain[count_at + 8:]
    assert vba_checks.read_dir(dir_with(one_more)).problems
    trailing = vba_checks.read_dir(dir_with(plain + b"\x00\x00"))
    assert trailing.problems == ["2 bytes after the dir stream's terminator"]


def test_project_stream_disagreeing_with_the_dir_stream_is_caught(built_workbook):
    streams = vba_checks.read_compound_file(vba_bin(built_workbook)).streams
    directory = vba_checks.read_dir(streams["VBA/dir"])
    project = streams["PROJECT"].replace(b"Module=QzxlRibbon\r\n", b"Document=QzxlRibbon/&H00000000\r\n")
    problems = vba_checks.project_problems({**streams, "PROJECT": project}, directory)
    assert problems == ["module QzxlRibbon: PROJECT says Document, dir says procedural"]
    wm = streams["PROJECTwm"].replace(b"QzxlFolders\0", b"QzxlFolderZ\0", 1)
    problems = vba_checks.project_problems({**streams, "PROJECTwm": wm}, directory)
    assert any("PROJECTwm" in problem for problem in problems)
