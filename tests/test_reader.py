"""Reading workbooks as clerks leave them, and files that are not workbooks at all."""

import datetime as dt
import zipfile

import openpyxl
import pytest
from conftest import ZHANG_SAN, file_digest

from qzxl.layout import REGISTRATION
from qzxl.rules import check_workbook
from qzxl.sheets.reader import read_workbook
from qzxl.sheets.tables import WorkbookError

HEADERS = [c.header for c in REGISTRATION.columns]


def person(**changes):
    values = {
        "姓名": "张三", "证件类型": "居民身份证", "证件号码": ZHANG_SAN, "性别": "女", "出生日期": dt.date(1990, 12, 15),
        "民族": "汉族", "文化程度": "高中", "手机号码": "13857012345", "考生来源": "企业", "工作年限": 8,
        "原鉴定等级": "无", "通讯地址": "衢州市柯城区荷一路 1 号", "申报条件": "累计从事本职业工作 6 年以上",
    }
    values.update(changes)
    return values


def save(tmp_path, rows, headers=HEADERS, name="messy.xlsx", prepare=None):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "报名信息"
    for row in rows:
        ws.append(row)
    if prepare:
        prepare(book, ws)
    path = tmp_path / name
    book.save(path)
    return path


def test_header_found_below_title_rows_with_moved_columns_blank_rows_and_a_total(tmp_path):
    headers = ["备注", *reversed(HEADERS)]  # columns in another order, an extra column in front
    def line(p):
        return [None, *(p.get(h) for h in reversed(HEADERS))]
    rows = [["职业技能等级认定报名信息表"], ["备案机构名称：某学校"], [], headers, line(person()), [], [],
            line(person(姓名="李四", 证件号码="11010519491231002X", 性别="女", 出生日期=dt.date(1949, 12, 31))),
            ["合计", "2 人"]]
    data = read_workbook(save(tmp_path, rows))
    assert data.registration.header_row == 4
    def letter(key):  # the column where this test put the header, counted here independently of the reader
        return openpyxl.utils.get_column_letter(headers.index(REGISTRATION.column(key).header) + 1)
    assert (data.registration.letters["name"], data.registration.letters["id_number"]) == (letter("name"),
                                                                                            letter("id_number"))
    assert letter("name") == openpyxl.utils.get_column_letter(1 + len(REGISTRATION.columns))  # the last column
    assert [r.number for r in data.registration.rows] == [5, 8]


def test_header_text_variants_are_recognised(tmp_path):
    headers = [h.replace("证件号码", "身份证号码") for h in HEADERS]
    headers[0] = " 姓 名 "
    headers[6] = "文化\n程度"
    data = read_workbook(save(tmp_path, [headers, [person().get(h) for h in HEADERS]]))
    assert {"name", "id_number", "education"} <= data.registration.letters.keys()


def test_merged_header_cells_and_hidden_sheet(tmp_path):
    def prepare(book, ws):
        ws.insert_rows(1)
        ws["A1"] = "报名信息"
        ws.merge_cells("A1:O1")
        hidden = book.create_sheet("备用")
        hidden.sheet_state = "hidden"
    data = read_workbook(save(tmp_path, [HEADERS, [person().get(h) for h in HEADERS]], prepare=prepare))
    assert [r.number for r in data.registration.rows] == [3]


@pytest.mark.slow
def test_ten_thousand_empty_formatted_rows_are_ignored(tmp_path):
    def prepare(book, ws):
        for row in range(3, 10_003):
            ws.cell(row, 3).number_format = "@"
            ws.cell(row, 1).fill = openpyxl.styles.PatternFill("solid", fgColor="FFFF00")
    path = save(tmp_path, [HEADERS, [person().get(h) for h in HEADERS]], prepare=prepare)
    report = check_workbook(read_workbook(path), today=dt.date(2026, 11, 24)).report
    assert report.candidates == 1


def test_formula_errors_huge_strings_and_numbers_stored_ids_are_reported(tmp_path):
    rows = [HEADERS,
            [person(姓名="#REF!").get(h) for h in HEADERS],
            [person(通讯地址="很长" * 20_000).get(h) for h in HEADERS],
            [person(证件号码=330822199012153426).get(h) for h in HEADERS]]
    report = check_workbook(read_workbook(save(tmp_path, rows)), today=dt.date(2026, 11, 24)).report
    codes = [(i.row, i.code) for i in report.sorted_issues() if i.code != "exam-date-missing"]
    assert (2, "cell-formula-error") in codes
    assert (3, "text-too-long") in codes
    assert (4, "number-stored-id") in codes
    assert all(len(i.value) <= 60 for i in report.issues)


def test_option_lists_come_from_the_dictionary_sheet(tmp_path):
    def prepare(book, ws):
        options = book.create_sheet("字典")
        options.append(["说明"])
        options.append(["民族", "考生来源"])
        options.append(["汉族", "企业"])
        options.append(["穿青人", None])
    data = read_workbook(save(tmp_path, [HEADERS], prepare=prepare))
    assert data.options["民族"] == ("汉族", "穿青人")
    assert data.options["考生来源"] == ("企业",)
    assert "大学本科" in data.options["文化程度"]  # not on the sheet: the default


def test_reading_never_changes_the_file(tmp_path):
    path = save(tmp_path, [HEADERS, [person().get(h) for h in HEADERS]])
    before = file_digest(path)
    check_workbook(read_workbook(path))
    assert file_digest(path) == before


def test_lock_file_gives_a_warning_not_a_failure(tmp_path):
    path = save(tmp_path, [HEADERS, [person().get(h) for h in HEADERS]])
    (tmp_path / ("~$" + path.name)).write_bytes(b"\x00" * 165)
    report = check_workbook(read_workbook(path)).report
    assert "workbook-open-elsewhere" in [i.code for i in report.issues]


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize(
    ("name", "content", "code", "words"),
    [
        ("old.xls", OLE, "run-book-xls", "旧版 .xls"),
        ("secret.xlsx", OLE, "run-book-encrypted", "打开密码"),
        ("notes.xlsx", "这不是表格".encode(), "run-book-not-excel", "不是 Excel 工作簿"),
        ("empty.xlsx", b"", "run-book-not-excel", "不是 Excel 工作簿"),
        ("~$book.xlsx", b"\x00" * 165, "run-book-lock-file", "临时锁文件"),
    ],
)
def test_files_that_are_not_readable_workbooks(tmp_path, name, content, code, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(WorkbookError, match=words) as stop:
        read_workbook(path)
    assert stop.value.code == code and stop.value.params == {"name": name}


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "hello")
    with pytest.raises(WorkbookError, match="已损坏或不是 Excel 工作簿") as stop:
        read_workbook(path)
    assert stop.value.code == "run-book-damaged"


def test_missing_file_folder_and_missing_header(tmp_path):
    with pytest.raises(WorkbookError, match="找不到文件") as stop:
        read_workbook(tmp_path / "nope.xlsx")
    assert stop.value.code == "run-book-not-found"
    with pytest.raises(WorkbookError, match="是文件夹") as stop:
        read_workbook(tmp_path)
    assert stop.value.code == "run-book-is-folder"
    with pytest.raises(WorkbookError, match="没有找到报名信息表头") as stop:
        read_workbook(save(tmp_path, [["随便", "什么"], [1, 2]]))
    assert stop.value.code == "run-book-registration-header"


def test_a_file_that_cannot_be_opened_names_the_reason(tmp_path, monkeypatch):
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"PK")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(path), "open", refuse)
    with pytest.raises(WorkbookError) as stop:
        read_workbook(path)
    assert stop.value.code == "run-book-unreadable" and stop.value.params["reason"] == "拒绝访问"  # Chinese, never the English strerror


def test_a_missing_required_column_is_reported_once(tmp_path):
    headers = [h for h in HEADERS if h != "手机号码"]
    rows = [headers, *([person().get(h) for h in headers] for _ in range(3))]
    report = check_workbook(read_workbook(save(tmp_path, rows))).report
    assert [(i.row, i.column, i.code) for i in report.issues if i.column == "手机号码"] == [
        (1, "手机号码", "column-missing")
    ]
