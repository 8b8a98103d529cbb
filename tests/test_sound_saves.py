"""Every file-port save leaves a sound package, whatever came before: the last note, mark, results row or
import row removed, a workbook an older version (or another tool) left with a dangling reference or
without its ribbon. Judged by the project's own Excel checks (excel_checks.py), never by the writer's code."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from support import excel_checks as checks

from cli.commands import main
from qzxl.catalogue import say
from qzxl.errors import CannotRun
from qzxl.layout import FIRST_DATA_ROW, REGISTRATION, RESULTS_SHEET
from qzxl.sample import generate_batch
from udfs.file_port import FilePort, backups
from udfs.ooxml import CUSTOM_UI_PART, CUSTOM_UI_REL_TYPE
from udfs.port import Mark
from udfs.ribbon import ribbon_xml

NOTES_DRAWING = "xl/drawings/commentsDrawing1.vml"


def problems(book: Path) -> list[str]:
    with zipfile.ZipFile(book) as archive:
        duplicates = [name for name, count in Counter(archive.namelist()).items() if count > 1]
        return (checks.package_problems(archive) + checks.name_problems(archive) + checks.sheet_problems(archive)
                + [f"{name} is in the archive twice" for name in duplicates])


def problems_of_parts(book: Path) -> list[str]:
    """The package and name checks (a small book is not macro-enabled: that one finding is expected)."""
    return [problem for problem in problems(book) if "not macroEnabled" not in problem
            and "vbaProject.bin content type" not in problem]


def noted(book: Path) -> dict[str, list[str]]:
    """Sheet → the cells with a note."""
    workbook = openpyxl.load_workbook(book)
    return {ws.title: sorted(c.coordinate for row in ws.iter_rows() for c in row if c.comment)
            for ws in workbook.worksheets if any(c.comment for row in ws.iter_rows() for c in row)}


def rewrite(book: Path, change) -> None:
    """Change the parts of ``book`` as another tool would: ``change(parts)`` edits the name → bytes dict."""
    with zipfile.ZipFile(book) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change(parts)
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


@pytest.fixture
def book(built_workbook, tmp_path) -> Path:
    """A built workbook with six people typed in, two of them with mistakes (a check digit, a phone)."""
    path = tmp_path / "报名.xlsm"
    shutil.copyfile(built_workbook, path)
    batch = generate_batch(6, mistakes=False)
    rows = [[person.get(key) for key in REGISTRATION.keys] for person in batch.candidates]
    number = REGISTRATION.keys.index("id_number")
    rows[1][number] = rows[1][number][:-1] + ("1" if rows[1][number][-1] != "1" else "2")
    rows[4][REGISTRATION.keys.index("mobile")] = "1381234567"
    port = FilePort(path, backup=False)
    port.write_block(REGISTRATION.sheet, f"A{FIRST_DATA_ROW + 1}", rows)
    port.save()
    return path


def action(name: str, book: Path, capsys, *options: str) -> tuple[int, str]:
    """The exit code and everything said (standard output, then standard error)."""
    code = main(["action", name, str(book), *options])
    said = capsys.readouterr()
    return code, said.out + said.err


def drop_ribbon(parts):
    """What LibreOffice, WPS or an older openpyxl save does to the ribbon."""
    del parts[CUSTOM_UI_PART]
    parts["_rels/.rels"] = re.sub(rb"<Relationship [^>]*ui/extensibility[^>]*/>", b"", parts["_rels/.rels"])


# Small workbooks: the same repairs in well under a second ----------------------------------------------

@pytest.fixture
def small(tmp_path) -> Path:
    """A macro-enabled-named workbook with a 报名信息 sheet and one note (the file port keeps its parts)."""
    book = openpyxl.Workbook()
    book.active.title = REGISTRATION.sheet
    book.active["B3"] = "张伟"
    book.active["B3"].comment = openpyxl.comments.Comment("姓名有误", "技能认定助手")
    book.create_sheet("方案")["A1"] = "方案"
    book.code_name = "ThisWorkbook"  # as Excel names them: the file port warns when they are lost
    for index, sheet in enumerate(book.worksheets, 1):
        sheet.sheet_properties.codeName = f"Sheet{index}"
    path = tmp_path / "小.xlsm"
    book.save(path)

    def macros(parts):  # a stand-in VBA project: the package's parts and links are what these tests look at
        parts["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 VBA"
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", (
            b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
            b'Target="vbaProject.bin"/></Relationships>'))
    rewrite(path, macros)
    FilePort(path, backup=False).save()  # with the ribbon, as every qzxl workbook
    return path


def test_the_last_note_removed_then_a_new_one_saves_clean(small):
    port = FilePort(small, backup=False)
    port.clear_marks(REGISTRATION.sheet, ["B3"])
    port.save()
    assert problems_of_parts(small) == []
    port = FilePort(small, backup=False)  # the next 校验 notes a cell again: the old version crashed here
    port.mark_cells(REGISTRATION.sheet, [Mark("B3", error=True, note="姓名有误")])
    port.mark_cells("方案", [Mark("A1", error=True, note="方案有误")])  # and a second sheet: no clashing drawings
    port.save()
    assert problems_of_parts(small) == [] and noted(small) == {REGISTRATION.sheet: ["B3"], "方案": ["A1"]}
    assert port.messages == []  # nothing was damaged, nothing to say


def test_a_dangling_notes_link_is_repaired_and_said_once(small):
    def damage(parts):  # what 清除标注 of the previous version left: the notes gone, the drawing's link kept
        rels = "xl/worksheets/_rels/sheet1.xml.rels"
        parts[rels] = re.sub(rb"<Relationship [^>]*/comments\"[^>]*/>", b"", parts[rels])
        for name in [n for n in parts if n.startswith(("xl/comments/", "xl/drawings/"))]:
            del parts[name]
        parts["[Content_Types].xml"] = re.sub(rb'<Override PartName="/xl/comments/[^>]*/>', b"",
                                              parts["[Content_Types].xml"])
    rewrite(small, damage)
    assert any("points at missing" in problem for problem in problems_of_parts(small))
    port = FilePort(small, backup=False)
    port.mark_cells(REGISTRATION.sheet, [Mark("C3", error=True, note="证件号码有误")])
    port.save()
    assert problems_of_parts(small) == [] and noted(small) == {REGISTRATION.sheet: ["C3"]}
    assert port.messages == [say("port-book-repaired", name=small.name, count=1)]
    port = FilePort(small, backup=False)
    port.mark_cells(REGISTRATION.sheet, [Mark("D3", error=True, note="性别有误")])
    port.save()
    assert port.messages == []


def test_a_dangling_table_and_a_name_to_a_deleted_sheet_are_dropped(small):
    def damage(parts):
        sheet = "xl/worksheets/sheet2.xml"
        parts[sheet] = parts[sheet].replace(
            b"</worksheet>", b'<tableParts count="1"><tablePart r:id="rIdGone"/></tableParts></worksheet>')
        parts[sheet] = parts[sheet].replace(
            b"<worksheet ", b'<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                            b'relationships" ', 1)
        parts["xl/worksheets/_rels/sheet2.xml.rels"] = (
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rIdGone" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/table" Target="../tables/table9.xml"/></Relationships>')
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
            b"</workbook>", "<definedNames><definedName name=\"旧名单\">'删掉的表'!$A$1:$A$3</definedName>"
                            "</definedNames></workbook>".encode())
        sheet = "xl/worksheets/sheet1.xml"  # a drop-down list whose source is that name
        parts[sheet] = parts[sheet].replace(b"</sheetData>", b'</sheetData><dataValidations count="1">'
                                            b'<dataValidation type="list" sqref="D3:D9"><formula1>\xe6\x97\xa7'
                                            b'\xe5\x90\x8d\xe5\x8d\x95</formula1></dataValidation>'
                                            b'</dataValidations>')
    rewrite(small, damage)
    assert len(problems_of_parts(small)) == 2  # the list's name is still defined: the check sees two
    port = FilePort(small, backup=False)
    port.save()
    assert problems_of_parts(small) == [] and port.messages == [say("port-book-repaired", name=small.name,
                                                                    count=3)]  # the table, the name, the list
    assert openpyxl.load_workbook(small)[REGISTRATION.sheet].data_validations.dataValidation == []


def test_a_dropped_ribbon_comes_back_from_the_builds_definition_on_a_small_book(small):
    rewrite(small, drop_ribbon)
    port = FilePort(small, backup=False)
    port.save()
    with zipfile.ZipFile(small) as archive:
        assert archive.read(CUSTOM_UI_PART) == ribbon_xml()
        assert CUSTOM_UI_REL_TYPE.encode() in archive.read("_rels/.rels")
    assert problems_of_parts(small) == [] and port.messages == [say("port-book-repaired", name=small.name,
                                                                    count=1)]
    port = FilePort(small, backup=False)
    port.save()
    assert port.messages == []  # the ribbon it put back is the original's now


def test_a_save_that_cannot_repair_and_finds_no_backup_says_what_to_do(small):
    def damage(parts):  # the macros gone, their relationship kept: a save must not drop them silently
        del parts["xl/vbaProject.bin"]
    rewrite(small, damage)
    before = small.read_bytes()
    port = FilePort(small, backup=False)
    with pytest.raises(CannotRun) as refused:
        port.save()
    assert str(refused.value) == say("run-book-unrepairable-no-backup", name=small.name)
    assert small.read_bytes() == before


# The clerk's sequences on a built workbook ---------------------------------------------------------------


@pytest.mark.slow  # three actions on a built workbook (the small cases below are fast)
def test_validate_clear_validate_leaves_every_mark_in_place(book, capsys):
    assert action("validate", book, capsys)[0] == 1
    marks = noted(book)
    assert REGISTRATION.sheet in marks and problems(book) == []
    assert action("clear_marks", book, capsys, "--yes")[0] == 0
    assert noted(book) == {} and problems(book) == []  # the last note on every sheet removed
    code, said = action("validate", book, capsys)
    assert code == 1 and noted(book) == marks and problems(book) == []
    assert say("port-book-repaired", name=book.name, count=1)[:8] not in said  # nothing was damaged


@pytest.mark.slow  # three actions on a built workbook (the small cases below are fast)
def test_the_last_mark_fixed_leaves_no_notes_drawing(book, capsys):
    action("validate", book, capsys)
    people = generate_batch(6, mistakes=False).candidates
    port = FilePort(book, backup=False)  # the clerk fixes both cells
    port.write_block(REGISTRATION.sheet, f"C{FIRST_DATA_ROW + 2}", [[people[1]["id_number"]]])
    column = chr(ord("A") + REGISTRATION.keys.index("mobile"))
    port.write_block(REGISTRATION.sheet, f"{column}{FIRST_DATA_ROW + 5}", [[people[4]["mobile"]]])
    port.save()
    assert action("validate", book, capsys)[0] in (0, 1)
    assert REGISTRATION.sheet not in noted(book) and problems(book) == []


@pytest.mark.slow  # three actions on a built workbook (the small cases below are fast)
def test_notes_on_a_second_sheet_do_not_clash_with_the_first_sheets_drawing(book, capsys):
    action("validate", book, capsys)
    port = FilePort(book, backup=False)  # a mistake in the plan too: notes on 方案 as well as 报名信息
    port.write_block("方案", "C4", [["不是电话"]])
    port.save()
    action("validate", book, capsys)
    action("validate", book, capsys)
    assert problems(book) == []


@pytest.mark.slow  # three actions on a built workbook (the small cases below are fast)
def test_a_workbook_left_with_a_dangling_notes_drawing_is_repaired_once(book, capsys):
    action("validate", book, capsys)

    def damage(parts):  # what 清除标注 of the previous version left: the link kept, the notes gone
        for name in [n for n in parts if n.startswith(("xl/comments/", "xl/drawings/"))]:
            del parts[name]
        parts["[Content_Types].xml"] = re.sub(rb'<Override PartName="/xl/comments/[^>]*/>', b"",
                                              parts["[Content_Types].xml"])
        rels = "xl/worksheets/_rels/sheet2.xml.rels"
        parts[rels] = re.sub(rb"<Relationship [^>]*/comments\"[^>]*/>", b"", parts[rels])
    rewrite(book, damage)
    assert any("points at missing" in problem for problem in problems(book))
    code, said = action("validate", book, capsys)
    assert code == 1 and problems(book) == [] and REGISTRATION.sheet in noted(book)
    assert said.count("保存时已修复") == 1
    assert "保存时已修复" not in action("validate", book, capsys)[1]  # said once: the file is sound now


@pytest.mark.slow  # three actions on a built workbook (the small cases below are fast)
def test_a_dangling_drawing_and_defined_name_are_dropped_on_save(book, capsys):
    def damage(parts):
        sheet = "xl/worksheets/sheet1.xml"
        parts[sheet] = parts[sheet].replace(b"</worksheet>", b'<drawing r:id="rIdGone"/></worksheet>')
        if b"xmlns:r=" not in parts[sheet][:2000]:
            parts[sheet] = parts[sheet].replace(
                b"<worksheet ", b'<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                                b'relationships" ', 1)
        rels = "xl/worksheets/_rels/sheet1.xml.rels"
        parts[rels] = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       b'<Relationship Id="rIdGone" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       b'relationships/drawing" Target="../drawings/drawing9.xml"/></Relationships>')
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
            b"</definedNames>", b"<definedName name=\"OldList\">'\xe5\x88\xa0\xe6\x8e\x89\xe7\x9a\x84\xe8\xa1\xa8'!$A$1:$A$3"
                                b"</definedName></definedNames>")
    rewrite(book, damage)
    assert len(problems(book)) == 2
    code, said = action("validate", book, capsys)
    assert (code, problems(book)) == (1, []), said
    assert "2 处" in said


@pytest.mark.slow  # three actions on a built workbook (the small cases below are fast)
def test_a_dropped_ribbon_comes_back_from_the_builds_definition(book, capsys):
    rewrite(book, drop_ribbon)
    code, said = action("validate", book, capsys)
    assert code == 1 and "保存时已修复" in said
    with zipfile.ZipFile(book) as archive:
        assert archive.read(CUSTOM_UI_PART) == ribbon_xml()
        assert CUSTOM_UI_REL_TYPE.encode() in archive.read("_rels/.rels")
    assert problems(book) == []


@pytest.mark.slow  # three actions on a built workbook (the small cases below are fast)
def test_the_last_results_row_and_the_last_person_removed(book, capsys):
    action("validate", book, capsys)
    action("clear_marks", book, capsys, "--yes")
    results = openpyxl.load_workbook(book)[RESULTS_SHEET]
    assert results.max_row == 2 and problems(book) == []  # title and header: the last results row is gone
    port = FilePort(book, backup=False)  # the clerk deletes every person
    port.write_block(REGISTRATION.sheet, f"A{FIRST_DATA_ROW + 1}", [[None] * len(REGISTRATION.keys)] * 6)
    port.save()
    action("validate", book, capsys)
    assert REGISTRATION.sheet not in noted(book) and problems(book) == []  # the 方案 is still empty: marked


@pytest.mark.slow  # three actions on a built workbook (the small cases below are fast)
def test_a_save_that_cannot_repair_names_the_newest_sound_backup(book, capsys):
    action("validate", book, capsys)  # leaves a sound backup of the typed-in workbook

    def damage(parts):  # the macros are gone: nothing a save can put back
        del parts["xl/vbaProject.bin"]
    sound = backups(book)[-1]
    rewrite(book, damage)
    before = book.read_bytes()
    code = main(["action", "validate", str(book)])
    said = capsys.readouterr()
    assert code == 2 and said.err.strip() == say("run-book-unrepairable", name=book.name, backup=sound.name)
    assert book.read_bytes() == before


@pytest.mark.slow  # two imports and three actions on a built workbook
def test_imports_that_shrink_the_import_results_leave_a_sound_file(book, capsys, tmp_path):
    def class_list(name: str, people: list[dict]) -> Path:
        sheet = openpyxl.Workbook()
        sheet.active.append(["姓名", "身份证号码", "手机号码"])
        for person in people:
            sheet.active.append([person["name"], person["id_number"], person["mobile"]])
        path = tmp_path / name
        sheet.save(path)
        return path

    newcomers = generate_batch(4, seed=7, mistakes=False).candidates
    steps = [["action", "validate", book], ["import", class_list("名单一.xlsx", newcomers[:3]), "--book", book],
             ["action", "clear_marks", book, "--yes"],
             ["import", class_list("名单二.xlsx", newcomers[3:]), "--book", book],
             ["action", "validate", book]]
    for step in steps:
        code = main([str(part) for part in step])
        said = capsys.readouterr()
        assert code in (0, 1) and "出现意外错误" not in said.err, (step, said.err)
        assert problems(book) == [], step
    imported = openpyxl.load_workbook(book)["导入结果"]
    assert imported.max_row < 10  # the second, shorter report replaced the first


def test_a_workbook_without_our_macros_gets_no_ribbon(tmp_path):
    """Its buttons would call a procedure that is not there: only a qzxl workbook gets the build's ribbon."""
    book = openpyxl.Workbook()
    book.active.title = REGISTRATION.sheet
    path = tmp_path / "别人的.xlsm"
    book.save(path)
    port = FilePort(path, backup=False)
    port.save()
    with zipfile.ZipFile(path) as archive:
        assert CUSTOM_UI_PART not in archive.namelist()
    assert port.messages == [] and problems_of_parts(path) == []
