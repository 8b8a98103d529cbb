"""Files as the outside world saves them: Excel's and LibreOffice's formula results, stray cells far away,
sheets that inflate to gigabytes, lost headers, values that are not what they seem (issue 13)."""

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import ZHANG_SAN

from cli.commands import main
from qzxl.errors import CannotRun
from qzxl.export import package
from qzxl.layout import FIRST_DATA_ROW, REGISTRATION, ROSTER
from qzxl.rules import check_workbook
from qzxl.sheets import xlsx
from qzxl.sheets.grid import SparseGrid
from qzxl.sheets.intake import convert
from qzxl.sheets.parts import read_sheet_values, sheet_parts
from qzxl.sheets.reader import read_workbook
from qzxl.sheets.tables import WorkbookError
from qzxl.values.normalize import DateOutOfRange, parse_date, parse_number
from usecases.export import export_package

DATA = Path(__file__).parent / "data"
TOOLS = Path(__file__).parent / "tools"
HEADERS = [c.header for c in REGISTRATION.columns]
TODAY = dt.date(2026, 11, 24)
PERSON = {"姓名": "张三", "证件类型": "居民身份证", "证件号码": ZHANG_SAN, "性别": "女", "出生日期": dt.date(1990, 12, 15),
          "民族": "汉族", "文化程度": "高中", "手机号码": "13857012345", "考生来源": "企业", "工作年限": 8,
          "原鉴定等级": "无", "通讯地址": "衢州市柯城区荷一路 1 号", "申报条件": "累计从事本职业工作 6 年以上"}


def workbook(tmp_path, *, name="book.xlsx", people=1, prepare=None, roster=True):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "报名信息"
    ws.append(HEADERS)
    for _ in range(people):
        ws.append([PERSON.get(h) for h in HEADERS])
    if roster:
        book.create_sheet("花名册").append([c.header for c in ROSTER.columns])
    if prepare:
        prepare(book)
    path = tmp_path / name
    book.save(path)
    return path


def every_sheet(path):
    with zipfile.ZipFile(path) as archive:
        return list(sheet_parts(archive))


# 1. A calculated empty result is a result ---------------------------------------------------------------

@pytest.mark.parametrize("name", ["54206.xlsx", "46535.xlsx"])
def test_excel_saved_files_from_apache_poi_are_calculated(name):
    path = DATA / "poi" / name
    assert b"<v/>" in b"".join(zipfile.ZipFile(path).read(p) for p in zipfile.ZipFile(path).namelist()
                               if p.startswith("xl/worksheets/sheet"))  # the empty results are there
    found = set()
    read_sheet_values(path, every_sheet(path), uncalculated=found)
    assert found == set()


@pytest.mark.parametrize(("cell", "uncalculated"), [
    ('<c r="A1" t="str"><f>IF(B1="","",B1)</f><v></v></c>', False),  # Excel 2007/2010, LibreOffice
    ('<c r="A1" s="3" t="str"><f>IF(B1="","",B1)</f><v/></c>', False),
    ('<c r="A1" t="str"><f t="shared" si="2"/><v/></c>', False),
    ('<c r="A1"><f>B1*2</f><v>4</v></c>', False),
    ('<c r="A1"><f>IF(B1="","",B1)</f><v></v></c>', True),  # openpyxl and XlsxWriter: no result, no text type
    ('<c r="A1"><f>IF(B1="","",B1)</f><v /></c>', True),
    ('<c r="A1"><f>B1*2</f></c>', True),  # no value at all
    ('<c r="A1" t="str"><f>B1</f></c>', True),
])
def test_a_formula_is_uncalculated_only_when_its_result_is_missing(cell, uncalculated):
    assert xlsx.scan_xml(f"<sheetData><row r=\"1\">{cell}</row></sheetData>".encode()).uncalculated is uncalculated


needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None or not Path("/usr/bin/python3").exists(),
                                       reason="LibreOffice and python3-uno are installed by .ci/run")


@pytest.mark.libreoffice
@needs_libreoffice
def test_after_libreoffice_recalculates_the_roster_check_runs_and_finds_a_typo(tmp_path):
    from qzxl.sample import generate_batch
    from udfs.file_port import FilePort
    from workbook.build import build_workbook

    book = build_workbook(tmp_path / "book.xlsm", today=TODAY)
    batch = generate_batch(6, mistakes=False, exam=dt.date(2027, 1, 20))
    port = FilePort(book, backup=False)
    port.write_block(REGISTRATION.sheet, f"A{FIRST_DATA_ROW + 1}",
                     [[person.get(key) for key in REGISTRATION.keys] for person in batch.candidates])
    port.save()
    roster = read_workbook(book).roster
    typo_row = roster.header_row + 2  # the second person's line
    port = FilePort(book, backup=False)
    port.write_block("花名册", roster.cell("name", typo_row), [[batch.candidates[1]["name"] + "一"]])
    port.save()
    before = check_workbook(read_workbook(book), today=TODAY).report  # saved by the file port: results cached

    saved = tmp_path / "saved-by-libreoffice.xlsx"
    subprocess.run(["/usr/bin/python3", str(TOOLS / "lo_recalc.py"), str(book), str(saved)], check=True,
                   capture_output=True, timeout=300)
    sheet = zipfile.ZipFile(saved).read(sheet_parts(zipfile.ZipFile(saved))["花名册"])
    assert re.search(rb't="str"><f[^>]*>[^<]*</f>(?:<v\s*/>|<v></v>)', sheet)  # its blank rows' empty results
    after = check_workbook(read_workbook(saved), today=TODAY).report
    for report in (before, after):  # the file port's cached results and LibreOffice's own find the same
        roster_issues = [(i.code, i.sheet, i.row, i.column) for i in report.issues if i.code.startswith("roster")]
        assert roster_issues == [("roster-mismatch", "花名册", typo_row, "姓名")]


# 2. Reading is bounded by the cells that hold data --------------------------------------------------------

def stray(ref):
    def prepare(book):
        book.create_sheet("备注")[ref] = "备注"
    return prepare


def on_registration(ref, value="备注"):
    def prepare(book):
        book["报名信息"][ref] = value
    return prepare


@pytest.mark.parametrize("prepare", [stray("XFD1048576"), stray("XFD5000"), stray("A1048576")],
                         ids=["XFD1048576", "XFD5000", "A1048576"])
def test_a_stray_cell_on_a_sheet_the_engine_does_not_need_is_never_read(tmp_path, prepare):
    path = workbook(tmp_path, prepare=prepare)
    report = check_workbook(read_workbook(path), today=TODAY).report
    assert report.candidates == 1
    assert "备注" not in read_sheet_values(path)


def test_a_stray_cell_at_the_last_cell_of_the_registration_sheet_is_read_sparsely(tmp_path):
    path = workbook(tmp_path, people=3, prepare=on_registration("XFD1048576"))
    scan = xlsx.scan_chunks(xlsx.part_chunks(zipfile.ZipFile(path), sheet_parts(zipfile.ZipFile(path))["报名信息"]))
    assert (scan.rows, scan.columns, scan.cells) == (1048576, 16384, 3 * 13 + len(HEADERS) + 1)
    grid = read_sheet_values(path)["报名信息"]
    assert isinstance(grid, SparseGrid) and len(grid.rows) == 5
    data = read_workbook(path)
    assert [row.number for row in data.registration.rows] == [2, 3, 4]  # XFD is no column of the table


def test_a_cell_past_column_xfd_makes_the_extent_unknown_not_an_error():
    scan = xlsx.scan_chunks([b'<c r="A1" t="s"><v>0</v></c><c r="ZZZ9" t="s"><v>1</v></c>'])
    assert (scan.rows, scan.columns, scan.cells, scan.certain) == (9, 16384, 2, False)


def test_a_name_typed_in_row_1048576_is_a_candidate_on_that_row(tmp_path):
    path = workbook(tmp_path, prepare=on_registration("A1048576", "李四"))
    report = check_workbook(read_workbook(path), today=TODAY).report
    assert report.candidates == 2
    assert {i.row for i in report.issues if i.code == "required-missing"} == {1048576}


def test_a_sheet_that_inflates_past_the_limit_is_refused_with_one_sentence(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(xlsx, "PART_LIMIT", 64 * 1024)
    path = workbook(tmp_path, people=300)  # about 100 KB of sheet XML, 64 KB allowed here
    with pytest.raises(WorkbookError) as error:
        read_workbook(path)
    assert error.value.code == "run-book-part-too-large"
    assert "「报名信息」解压后有" in str(error.value) and "上限 0.1 MB" in str(error.value)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("。") == 2 and "Traceback" not in err  # one sentence and what to do


def test_a_big_sheet_that_is_not_needed_does_not_count(tmp_path, monkeypatch):
    def prepare(book):
        notes = book.create_sheet("备注")
        for row in range(1, 3000):
            notes.append([f"说明 {row}", row, row * 2])
    path = workbook(tmp_path, prepare=prepare)
    monkeypatch.setattr(xlsx, "PART_LIMIT", 64 * 1024)
    assert read_workbook(path).registration.rows[0].values["name"] == "张三"


def test_a_library_panic_becomes_the_unreadable_sentence(tmp_path, monkeypatch):
    class PanicException(BaseException):  # what pyo3 raises when Rust code panics
        pass

    def panics(path):
        raise PanicException("index out of bounds")
    from qzxl.sheets import parts
    monkeypatch.setattr(parts.CalamineWorkbook, "from_path", panics)
    path = workbook(tmp_path)
    assert main(["validate", str(path)]) == 2


def test_excel_escapes_are_decoded_by_both_readers(tmp_path):
    path = workbook(tmp_path, prepare=on_registration("B2", "PLACEHOLDER"))
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name, data in parts.items():  # as Excel stores a control character and a literal "_x"
        parts[name] = data.replace(b"PLACEHOLDER", b"A_x0001_B_x005F_x0002_")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    dense = read_sheet_values(path)["报名信息"]
    broken = workbook(tmp_path, name="sparse.xlsx", prepare=on_registration("XFD1048576"))
    shutil.copy(path, broken)  # the same text through the sparse reader: a stray cell far away
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = sheet_parts(zipfile.ZipFile(path))["报名信息"]
    parts[sheet] = parts[sheet].replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr">'
                                                         b"<is><t>x</t></is></c></row></sheetData>")
    with zipfile.ZipFile(broken, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    sparse = read_sheet_values(broken)["报名信息"]
    assert isinstance(sparse, SparseGrid) and not isinstance(dense, SparseGrid)
    assert dense[1][1] == sparse[1][1] == "A\x01B_x0002_"


# 10. A lost 报名信息 header is an error, never a reason to read the 花名册 ---------------------------------

def lose_header(how):
    def prepare(book):
        book.create_sheet("方案").append(["基本信息", "培训机构", "衢州某培训学校"])
        ws = book["报名信息"]
        if how == "merged":
            ws.merge_cells("A1:C1")  # 姓名 over 证件类型 and 证件号码: the two anchors are gone
        else:
            ws.delete_rows(1)
        line = {"seq": 1, "name": "张三", "gender": "女", "birth_month": "1990.12", "id_number": ZHANG_SAN}
        book["花名册"].append([line.get(c.key) for c in ROSTER.columns])
    return prepare


@pytest.mark.parametrize("how", ["merged", "deleted"])
def test_a_lost_registration_header_is_an_error_that_names_the_sheet(tmp_path, how):
    path = workbook(tmp_path, prepare=lose_header(how))
    with pytest.raises(WorkbookError) as error:
        read_workbook(path)
    assert error.value.code == "run-book-registration-header"
    assert "「报名信息」表中没有找到报名信息表头" in str(error.value)


@pytest.mark.parametrize("how", ["merged", "deleted"])
def test_export_with_force_writes_no_package_when_the_header_is_lost(tmp_path, how):
    path = workbook(tmp_path, prepare=lose_header(how))
    assert main(["export", str(path), "--out", str(tmp_path / "out"), "--force"]) == 2
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_export_with_force_writes_no_empty_package(tmp_path, monkeypatch):
    def prepare(book):
        plan = book.create_sheet("方案")
        plan.append(["基本信息", "培训机构", "衢州某培训学校"])
    path = workbook(tmp_path, people=0, prepare=prepare)
    with pytest.raises(CannotRun) as error:
        export_package(path, tmp_path / "out", force=True, today=TODAY)
    assert error.value.code == "run-export-no-candidates" and "没有任何人员" in str(error.value)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_workbook_without_the_sheet_and_without_a_header_elsewhere_says_so(tmp_path):
    def prepare(book):
        book["报名信息"].title = "Sheet1"
        book["Sheet1"].delete_rows(1)
    with pytest.raises(WorkbookError) as error:
        read_workbook(workbook(tmp_path, prepare=prepare))
    assert error.value.code == "run-book-no-registration"


def test_a_table_on_a_sheet_the_clerk_named_is_still_found(tmp_path):
    def prepare(book):
        book["报名信息"].title = "Sheet1"
    data = read_workbook(workbook(tmp_path, prepare=prepare, roster=False))
    assert data.registration.sheet == "Sheet1" and len(data.registration.rows) == 1


# 11. Values that are not what they seem -------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["nan", "NaN", "inf", "-inf", "Infinity", float("nan"), float("inf")])
def test_nan_and_infinity_are_not_years(typed):
    with pytest.raises(ValueError):
        parse_number(typed)


@pytest.mark.parametrize(("typed", "code"), [("nan", "number-unreadable"), ("inf", "number-unreadable"),
                                              ("-5", "number-negative"), (-0.5, "number-negative")])
def test_work_years_that_are_no_count_are_reported_with_a_sentence(tmp_path, typed, code):
    path = workbook(tmp_path, prepare=on_registration("K2", typed))
    report = check_workbook(read_workbook(path), today=TODAY).report
    found = [(i.code, i.cell) for i in report.issues if i.column == "工作年限"]
    assert found == [(code, "K2")]
    assert str(typed) in report.issues[[i.cell for i in report.issues].index("K2")].message


@pytest.mark.parametrize("typed", ["2206-01-05", "1899-12-31", "2099-06-01", dt.date(2206, 1, 5),
                                   dt.datetime(3026, 12, 18), 110000])
def test_dates_outside_the_calendar_range_are_a_clear_error(typed):
    with pytest.raises(DateOutOfRange):
        parse_date(typed)
    with pytest.raises(ValueError, match="date-out-of-range"):
        convert("exam_date", "date", typed)


@pytest.mark.parametrize("typed", ["1901-01-01", "2098-12-31", dt.date(2026, 12, 18)])
def test_dates_inside_the_range_are_read(typed):
    assert parse_date(typed).year in range(1901, 2099)


def test_an_exam_date_typo_on_the_plan_is_an_error_not_a_crash(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(package, "libreoffice", lambda: None)
    def prepare(book):
        plan = book.create_sheet("方案")
        plan.append(["基本信息", "考试日期", dt.datetime(2206, 12, 18)])
    path = workbook(tmp_path, prepare=prepare)
    assert main(["validate", str(path)]) == 1
    assert "超出了能推算的范围（1901–2098 年）" in capsys.readouterr().out
    assert main(["schedule", "--check", str(path)]) == 2
    assert "超出了能推算的范围（1901–2098 年）" in capsys.readouterr().err
    assert main(["export", str(path), "--out", str(tmp_path / "out"), "--force"]) == 0
    assert "出现意外错误" not in capsys.readouterr().err


def test_an_exam_date_typo_on_the_command_line_is_a_clear_error(capsys):
    assert main(["schedule", "--exam", "2206-12-18"]) == 2  # argparse's stop comes back as the exit code
    assert "超出了能推算的范围" in capsys.readouterr().err
