"""导入名单: four real-shaped sources (问卷星, 腾讯文档, a WPS GBK CSV, an .xls class list) into a built workbook.

The sources are written here the way those tools write them (metadata columns and numbered questions,
a title row and extra columns, GB18030 bytes, merged title cells in BIFF8); the imported rows are read back
with openpyxl, a second reader, and checked cell by cell. ID numbers get their check digit from
python-stdnum's cn.ric, not from the code under test.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

import openpyxl
import pytest
from stdnum.cn import ric

from qzxl.app.cli import main
from qzxl.app.validate import validate_book
from qzxl.errors import CannotRun
from qzxl.layout import FIRST_DATA_ROW, REGISTRATION
from qzxl.sheets.address import column_letter
from qzxl.sheets.reader import read_workbook
from qzxl.sheets.sources import read_source, source_key
from tests.conftest import TODAY
from udfs.actions.importing import import_list
from udfs.file_port import FilePort, backups


def make_id(region: str, birth: str, sequence: str) -> str:
    first17 = region + birth + sequence
    return first17 + ric.calc_check_digit(first17 + "0")


LI = make_id("330802", "19880302", "123")  # 柯城区, male (3 odd)
WANG = make_id("330881", "19950610", "226")  # 江山市, female
ZHAO = make_id("330824", "20000101", "351")  # 开化县, male
QIAN = make_id("330825", "19791120", "088")  # 龙游县, female, check character X (typed x in the CSV)
SUN = make_id("330803", "19920808", "019")  # 衢江区, male
ZHOU = make_id("330822", "19850315", "026")  # 常山县, female
WU = make_id("330802", "19900909", "117")  # male


@pytest.fixture
def book(built_workbook, tmp_path):
    path = tmp_path / "报名.xlsm"
    shutil.copy(built_workbook, path)
    return path


def wjx_export(path):
    """问卷星 「按选项文本下载」: metadata first, numbered questions with hints, the ID column as numbers for one."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、您的姓名：", "2、身份证号码（18位）：",
               "3、民族：", "4、学历：", "5、请填写手机号", "6、工作单位（全称）：", "7、通讯地址：", "8、您从哪里知道本次培训？"])
    ws.append([1, "2026/11/20 09:12:33", "85秒", "微信", "N/A", "115.220.1.2(浙江-衢州)", "李 明", LI, "汉", "本科",
               "13857012345", "衢州市鑫达电气有限公司", "衢州市柯城区荷三路 8 号", "朋友介绍"])
    ws.append([2, "2026/11/20 10:01:02", "120秒", "手机提交", "N/A", "115.220.1.3(浙江-衢州)", "王芳", float(WANG),
               "汉族", "大专", 13905701234, "江山市恒达机械厂", "江山市双塔街道 12 号", "单位通知"])
    wb.save(path)


def tencent_export(path):
    """腾讯文档 收集表: a title row, plain headers, extra columns, dates as text, one gender against the ID."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收集结果"
    ws.append(["2026年电工培训班报名表"])
    ws.append(["提交时间", "填写人", "姓名", "身份证号", "性别", "出生日期", "联系电话", "文化程度", "单位名称", "备注", "微信号"])
    ws.append(["2026-11-21 08:00", "微信用户", "赵强", ZHAO, "女", "2000/1/1", "13511112222", "高中", "开化县电力公司",
               "需要住宿", "zq2000"])
    ws.append(["2026-11-21 09:00", "微信用户", "李明", LI, "男", "1988年3月2日", "13857099999", "大学本科",
               "另一家单位", "", ""])
    wb.save(path)


def wps_gbk_csv(path):
    """WPS 「另存为 CSV」 on Chinese Windows: GBK bytes, CRLF, lowercase x kept as typed."""
    lines = ["姓名,公民身份号码,手机号码,学历,家庭住址", f"钱丽,{QIAN[:-1]}{QIAN[-1].lower()},13600001111,初中,龙游县龙洲街道 3 号",
             f"孙伟,{SUN},13700002222,中专,衢江区樟潭街道 5 号"]
    path.write_bytes("\r\n".join(lines).encode("gbk") + b"\r\n")


def xls_class_list(path):
    """An old .xls class list: a merged title over the table, a merged subtitle, then the header row."""
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("班级名单")
    ws.write_merge(0, 0, 0, 7, "衢州市职业技能培训班学员名单")
    ws.write_merge(1, 1, 0, 7, "培训单位：衢州市技师学院　　2026年11月")
    for col, text in enumerate(["序号", "姓名", "身份证号码", "性别", "出生年月", "文化程度", "联系电话", "工作单位"]):
        ws.write(2, col, text)
    ws.write(3, 0, 1)
    for col, text in enumerate(["周敏", ZHOU, "女", "1985.03.15", "高中", "13812345678", "常山县胡柚合作社"], start=1):
        ws.write(3, col, text)
    ws.write(4, 0, 2)
    for col, text in enumerate(["吴刚", WU, "", "", "高中", "13898765432", ""], start=1):
        ws.write(4, col, text)
    wb.save(str(path))


TYPED_HEADERS = {column.header for column in REGISTRATION.columns}  # not the 自动检查 formulas beside them


def registration_rows(path):
    ws = openpyxl.load_workbook(path)["报名信息"]
    header_row = next(r for r in range(1, 20) if ws.cell(r, 1).value == "姓名")
    headers = [c.value for c in ws[header_row]]
    rows = []
    for r in range(header_row + 1, header_row + 30):
        values = {h: ws.cell(r, i + 1).value for i, h in enumerate(headers) if h in TYPED_HEADERS}
        if any(v not in (None, "") for v in values.values()):
            rows.append({k: v for k, v in values.items() if v not in (None, "")})
    return rows


def test_questionnaire_headers_map_to_the_layout():
    assert source_key("1、您的姓名：") == "name"
    assert source_key("2. 身份证号码（18位）") == "id_number"
    assert source_key("Q3. 请输入您的手机号码") == "mobile"
    assert source_key("【必填】工作单位") == "employer"
    assert source_key("公民身份号码") == "id_number"
    assert source_key("学历") == "education"
    assert source_key("单位名称") == "employer"
    assert source_key("考生来源") == "source"
    assert source_key("来源") == "-"
    assert source_key("来自IP") == "-"
    assert source_key("您从哪里知道本次培训？") is None


def test_staff_aliases_from_the_table():
    assert source_key("所属企业", {"所属企业": "所在单位"}) == "employer"
    assert source_key("所属企业") is None


def test_wjx_export_imports_cell_by_cell(book, tmp_path):
    src = tmp_path / "问卷星导出.xlsx"
    wjx_export(src)
    port = FilePort(book)
    plan = import_list(port, sources=[src])
    port.save()
    rows = registration_rows(book)
    assert rows[0] == {"姓名": "李 明", "证件类型": "居民身份证", "证件号码": LI, "性别": "男",
                       "出生日期": dt.datetime(1988, 3, 2), "民族": "汉族", "文化程度": "大学本科",
                       "手机号码": "13857012345", "所在单位": "衢州市鑫达电气有限公司", "通讯地址": "衢州市柯城区荷三路 8 号"}
    assert rows[1]["证件号码"] == float(WANG)  # the number it arrived as, lost digits and all
    assert rows[1]["手机号码"] == "13905701234" and rows[1]["文化程度"] == "大学专科和专科学校"
    assert "性别" not in rows[1]  # no valid ID, nothing derived
    codes = [code for code, _ in plan.lines]
    assert codes[0] == "import-source" and codes.count("import-derived") == 3  # 李 明: 证件类型, 性别, 出生日期
    assert codes.count("import-tidied") == 3  # 汉 → 汉族, 本科 → 大学本科, 大专 → the 字典's 大学专科和专科学校
    ignored = dict(plan.lines)["import-ignored-columns"]["columns"]
    assert ignored == "序号、提交答卷时间、所用时间、来源、来源详情、来自IP"
    assert dict(plan.lines)["import-unmapped-columns"]["columns"] == "8、您从哪里知道本次培训？"
    assert [backup.name[:8] for backup in backups(book)] == ["报名.备份-20"]  # NAME.备份-YYYYMMDD-HHMMSS.xlsm


def test_all_four_sources_then_validate(book, tmp_path, capsys):
    wjx, tencent, csv_path, xls = (tmp_path / n for n in ("问卷星.xlsx", "腾讯文档.xlsx", "WPS名单.csv", "班级名单.xls"))
    wjx_export(wjx)
    tencent_export(tencent)
    wps_gbk_csv(csv_path)
    xls_class_list(xls)
    out = tmp_path / "导入后.xlsm"
    code = main(["import", str(wjx), str(tencent), str(csv_path), str(xls), "--book", str(book), "--out", str(out),
                 "--json", "--exam-date", "2026-12-18"])
    result = json.loads(capsys.readouterr().out)
    assert code == 1  # errors remain: the planted ones and the columns no source had
    rows = registration_rows(out)
    assert [r["姓名"] for r in rows] == ["李 明", "王芳", "赵强", "钱丽", "孙伟", "周敏", "吴刚"]
    zhao, qian, sun, zhou, wu = rows[2:]
    assert zhao == {"姓名": "赵强", "证件类型": "居民身份证", "证件号码": ZHAO, "性别": "女",
                    "出生日期": dt.datetime(2000, 1, 1), "文化程度": "高中", "手机号码": "13511112222",
                    "所在单位": "开化县电力公司"}
    assert qian["证件号码"] == QIAN and qian["性别"] == "女" and qian["文化程度"] == "初中"
    assert qian["通讯地址"] == "龙游县龙洲街道 3 号"
    assert sun["文化程度"] == "中等专业学校" and sun["出生日期"] == dt.datetime(1992, 8, 8)
    assert zhou["出生日期"] == dt.datetime(1985, 3, 15) and zhou["所在单位"] == "常山县胡柚合作社"
    assert wu["性别"] == "男" and wu["文化程度"] == "高中" and wu["出生日期"] == dt.datetime(1990, 9, 9)
    lines = result["import"]["lines"]
    duplicate = next(line for line in lines if line["code"] == "import-duplicate")
    assert duplicate["params"]["first"] == "问卷星.xlsx"
    assert "手机号码「13857012345」/「13857099999」" in duplicate["params"]["differences"]
    contradiction = next(line for line in lines if line["code"] == "import-contradicts-id")
    assert contradiction["params"] == {"source_row": 3, "name": "赵强", "column": "性别", "value": "女",
                                       "expected": "男"}
    sources = result["import"]["sources"]
    assert [s["encoding"] for s in sources] == ["", "", "GBK/GB18030", ""]
    assert [s["imported"] for s in sources] == [2, 1, 2, 2]
    assert [s["header_row"] for s in sources] == [1, 2, 1, 3]
    unfilled = {line["params"]["source"]: set(line["params"]["columns"].split("、"))
                for line in lines if line["code"] == "import-unfilled-columns"}
    assert unfilled == {"问卷星.xlsx": {"考生来源", "申报条件"},
                        "腾讯文档.xlsx": {"民族", "考生来源", "通讯地址", "申报条件"},
                        "WPS名单.csv": {"民族", "考生来源", "申报条件"},
                        "班级名单.xls": {"民族", "考生来源", "通讯地址", "申报条件"}}
    issues = [i for i in validate_book(read_workbook(out), exam_date=dt.date(2026, 12, 18), today=TODAY).report.issues
              if i.sheet == "报名信息" and i.severity.value == "error"]
    found: dict[int, set[str]] = {}
    for issue in issues:
        found.setdefault(issue.row, set()).add(issue.column if issue.code == "required-missing" else issue.code)
    planted = {
        5: {"name-implausible"},  # 李 明 typed with a space in the questionnaire
        6: {"number-stored-id", "证件类型", "性别", "出生日期"},  # 王芳: an ID that arrived as a number, nothing derived
        7: {"gender-mismatch"},  # 赵强: 女 against an odd 17th digit
    }
    source_of_row = {5: "问卷星.xlsx", 6: "问卷星.xlsx", 7: "腾讯文档.xlsx", 8: "WPS名单.csv", 9: "WPS名单.csv",
                     10: "班级名单.xls", 11: "班级名单.xls"}
    expected = {row: planted.get(row, set()) | unfilled[source] for row, source in source_of_row.items()}
    assert found == expected


def test_already_in_the_book_is_skipped_or_only_filled(book, tmp_path):
    src = tmp_path / "名单.csv"
    src.write_text(f"姓名,身份证号,手机号码,工作单位\n周敏,{ZHOU},13812345678,常山县胡柚合作社\n", encoding="utf-8-sig")
    port = FilePort(book)
    first = FIRST_DATA_ROW + 1  # the first person's row in the built workbook, as Excel counts
    port.write_block(REGISTRATION.sheet, f"A{first}", [["周敏", "居民身份证", ZHOU]])
    port.write_block(REGISTRATION.sheet, f"{column_letter(REGISTRATION.keys.index('mobile') + 1)}{first}",
                     [["13000000000"]])
    port.save()
    plan = import_list(FilePort(book), sources=[src])
    assert [code for code, _ in plan.lines if code == "import-in-book"] == ["import-in-book"]
    assert not plan.new_rows
    port = FilePort(book)
    plan = import_list(port, sources=[src], update=True)
    port.save()
    assert [params["columns"] for code, params in plan.lines if code == "import-filled-empty"] == ["性别、出生日期、所在单位"]
    rows = registration_rows(book)
    assert len(rows) == 1
    assert rows[0]["手机号码"] == "13000000000"  # typed value kept
    assert rows[0]["所在单位"] == "常山县胡柚合作社"  # empty cell filled
    assert rows[0]["性别"] == "女"


def test_encodings_are_detected_not_guessed(tmp_path):
    for encoding, name in (("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8"), ("gb18030", "GBK/GB18030"),
                           ("utf-16", "UTF-16")):
        path = tmp_path / f"{encoding}.csv"
        path.write_text(f"姓名\t身份证号\n龚磊\t{LI}\n", encoding=encoding)
        table = read_source(path)
        assert table.encoding == name and table.rows[0][1] == {"name": "龚磊", "id_number": LI}
    broken = tmp_path / "broken.csv"
    broken.write_bytes("姓名,身份证号\n".encode() + b"\xff\xfe\x80\x81\xfe,1\n")
    with pytest.raises(CannotRun) as caught:
        read_source(broken)
    assert caught.value.code == "run-import-encoding"


def test_excel_scientific_id_in_csv_is_a_number(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text("姓名,身份证号\n龚磊,3.30802E+17\n", encoding="utf-8")
    assert read_source(path).rows[0][1]["id_number"] == 3.30802e17


def test_refusals_are_sentences(book, tmp_path):
    no_header = tmp_path / "x.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["甲", "乙"])
    wb.save(no_header)
    with pytest.raises(CannotRun) as caught:
        read_source(no_header)
    assert caught.value.code == "run-import-no-header"
    with pytest.raises(CannotRun) as caught:
        read_source(tmp_path / "x.pdf")
    assert caught.value.code in {"run-book-not-found", "run-import-format"}
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF")
    with pytest.raises(CannotRun) as caught:
        read_source(pdf)
    assert caught.value.code == "run-import-format"
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(CannotRun) as caught:
        read_source(bad)
    assert caught.value.code == "run-import-unreadable"
    with pytest.raises(CannotRun) as caught:
        import_list(FilePort(book), sources=[])
    assert caught.value.code == "run-import-no-sources"


def test_more_rows_than_the_template_formats_is_refused(book, tmp_path):
    src = tmp_path / "many.csv"
    people = [make_id("330802", "19900101", f"{n:03d}") for n in range(501)]
    src.write_text("姓名,身份证号\n" + "".join(f"学员{n},{p}\n" for n, p in enumerate(people)), encoding="utf-8")
    with pytest.raises(CannotRun) as caught:
        import_list(FilePort(book), sources=[src])
    assert caught.value.code == "run-import-too-many"
    assert caught.value.params["extra"] == 1


def test_text_report_per_source(book, tmp_path, capsys):
    src = tmp_path / "名单.csv"
    src.write_text(f"姓名,身份证号,手机号码\n周敏,{ZHOU},13812345678\n无证件,,13800000000\n", encoding="utf-8")
    code = main(["import", str(src), "--book", str(book)])
    out = capsys.readouterr().out
    assert code == 1
    plan_lines = out.split("\n\n")[0].splitlines()
    assert plan_lines[0] == ("「名单.csv」（名单表第 1 行为表头，编码 UTF-8）：导入 2 人，跳过 0 人，"
                             "自动填写 3 处，规范写法 0 处。")
    assert "第 2 行 周敏：性别 按证件号码填为「女」。" in plan_lines
    assert "第 2 行 周敏：证件类型 按证件号码填为「居民身份证」。" in plan_lines
    assert "第 3 行 无证件 没有证件号码，已导入，无法与已有名单核对是否重复。" in plan_lines
    (backup,) = backups(book)
    assert f"原文件备份为「{backup.name}」" in out
    assert ZHOU not in out  # masked everywhere outside the workbook
    port = FilePort(book)
    plan = import_list(port, sources=[src])
    assert [code for code, _ in plan.lines] == ["import-source", "import-in-book", "import-no-id",
                                                "import-unfilled-columns"]  # 周敏 is in the book now


def test_staff_add_a_header_on_the_dictionary_sheet(book, tmp_path):
    port = FilePort(book)
    table = next(r for r in range(1, 10) for c in port.read_sheet("字典")[r - 1] if c == "导入列名")
    col = port.read_sheet("字典")[table - 1].index("导入列名")

    port.write_block("字典", f"{column_letter(col + 1)}{table + 1}", [["您的工作单位全称（盖章用）", "所在单位"]])
    port.save()
    src = tmp_path / "金数据.csv"
    src.write_text(f"姓名,身份证号,您的工作单位全称（盖章用）\n周敏,{ZHOU},常山县胡柚合作社\n", encoding="utf-8")
    port = FilePort(book)
    plan = import_list(port, sources=[src])
    assert plan.new_rows[0]["employer"] == "常山县胡柚合作社"
    assert not [code for code, _ in plan.lines if code == "import-unmapped-columns"]


def test_the_button_reads_the_picked_paths_from_the_cell(book, tmp_path):
    """The picker leaves the paths in QZ_IMPORT_FILES; the button imports them, clears the cell, then 校验."""
    from udfs.registry import BY_ID
    from workbook.vbagen import ribbon_module

    names = openpyxl.load_workbook(book, keep_vba=True).defined_names
    assert names["QZ_IMPORT_FILES"].attr_text == "'字典'!$ZZ$1"
    assert "If Not QzxlPickImportFiles() Then Exit Sub" in ribbon_module()
    first, second = tmp_path / "甲 班.csv", tmp_path / "乙班.csv"
    first.write_text(f"姓名,身份证号\n周敏,{ZHOU}\n", encoding="utf-8")
    second.write_text(f"姓名,身份证号\n吴刚,{WU}\n周敏,{ZHOU}\n", encoding="gb18030")
    port = FilePort(book)
    port.write_block("字典", "ZZ1", [[f"{first}\n{second}"]])
    text = BY_ID["import_list"].function(port, TODAY)
    assert text.startswith("「甲 班.csv」（甲 班表第 1 行为表头，编码 UTF-8）：导入 1 人")
    assert port.read_sheet("字典")[0][-1] is None
    assert [row[0] for row in port.read_sheet("报名信息")[4:6]] == ["周敏", "吴刚"]
    assert any(cell == "校验结果" or (isinstance(cell, str) and cell.startswith("校验结果"))
               for row in port.read_sheet("校验结果")[:2] for cell in row)
    empty = FilePort(book)
    with pytest.raises(CannotRun) as caught:
        BY_ID["import_list"].function(empty, TODAY)
    assert caught.value.code == "run-import-no-sources"
