"""导入名单: four real-shaped sources (问卷星, 腾讯文档, a WPS GBK CSV, an .xls class list) into a workbook.

The sources are written here the way those tools write them (metadata columns and numbered questions,
a title row and extra columns, GB18030 bytes, merged title cells in BIFF8), and one header row comes from a real
问卷星 export (tests/data/questionnaires); the imported rows are read back with openpyxl, a second reader,
and checked cell by cell. ID numbers get their check digit from python-stdnum's cn.ric, not from the code
under test. Most tests use a small plain data workbook (milliseconds to open); the end-to-end runs into the
generated .xlsm are marked slow.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import TODAY
from stdnum.cn import ric

from cli.commands import main
from qzxl.errors import CannotRun
from qzxl.layout import REGISTRATION
from qzxl.sheets.reader import read_workbook
from qzxl.sheets.sources import read_source, source_key
from qzxl.sheets.writer import write_data_workbook
from udfs.actions.importing import import_list
from udfs.file_port import FilePort, backups
from usecases.validate import validate_book

DATA = Path(__file__).parent / "data" / "questionnaires"
EXAM = dt.date(2026, 12, 18)


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
def book(tmp_path):
    """A plain data workbook: 方案 with an exam date, an empty 报名信息 under its header in row 2, 字典."""
    return write_data_workbook(tmp_path / "报名.xlsx", {"exam_date": EXAM}, [], roster=False)


@pytest.fixture
def built(built_workbook, tmp_path):
    """A copy of the generated .xlsm (slow tests only: building it costs seconds)."""
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


def import_sheet(path):
    """The 导入结果 sheet as openpyxl reads it: (title, header, rows as dicts by header)."""
    ws = openpyxl.load_workbook(path)["导入结果"]
    grid = [[c.value for c in row] for row in ws.iter_rows()]
    header = grid[1]
    return grid[0][0], header, [dict(zip(header, row, strict=True)) for row in grid[2:]]


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
    assert source_key("来源渠道") == "-" and source_key("填写者") == "-"
    assert source_key("您从哪里知道本次培训？") is None


def test_tencent_questionnaire_metadata_is_ignored():
    """腾讯问卷's export columns about the answer sheet, as a public script reading such exports names them."""
    metadata = ["原始记录编号", "开始答题时间", "结束答题时间", "答题时长", "地理位置国家和地区", "地理位置省", "地理位置市",
                "用户类型", "用户标识", "昵称", "自定义字段"]
    assert {text: source_key(text) for text in metadata} == dict.fromkeys(metadata, "-")


def real_wjx_rows():
    with (DATA / "wjx-reportgen-800_800_0.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_a_real_wjx_header_row_is_recognised():
    """问卷星's own export (reportgen's sample): its six metadata columns ignored, 「3、性别 」 with its space mapped."""
    header = real_wjx_rows()[0]
    keys = {text: source_key(text) for text in header}
    assert [text for text, key in keys.items() if key == "-"] == ["序号", "提交答卷时间", "所用时间", "来源", "来源详情",
                                                                   "来自IP"]
    assert keys["3、性别 "] == "gender"
    assert keys["4、年龄 "] is None and keys["6、兴趣爱好"] is None and keys["1、手机部数"] is None


def test_a_real_wjx_export_with_name_and_id_questions_added_imports(book, tmp_path):
    """The real rows and header, plus the two questions a registration form adds: real values land in the cells."""
    header, *rows = real_wjx_rows()
    src = tmp_path / "问卷星.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append([*header, "15、您的姓名：", "16、身份证号码："])
    people = [("龚磊", LI), ("郑强", SUN), ("徐文", WANG)]  # male, male, female: as the real answers say
    for row, (name, number) in zip(rows, people, strict=True):
        wb.active.append([*row, name, number])
    wb.save(src)
    plan = import_list(FilePort(book), sources=[src])
    lines = dict(plan.lines)
    assert lines["import-ignored-columns"]["columns"] == "序号、提交答卷时间、所用时间、来源、来源详情、来自IP"
    survey = [text.strip() for text in header[6:] if text != "3、性别 "]  # the real questions, 性别 mapped
    assert lines["import-unmapped-columns"]["columns"] == "、".join(survey)
    assert [r["gender"] for r in plan.new_rows] == [rows[0][8], rows[1][8], rows[2][8]] == ["男", "男", "女"]
    assert [r["name"] for r in plan.new_rows] == ["龚磊", "郑强", "徐文"]


def test_a_skipped_question_is_an_empty_answer(book, tmp_path):
    src = tmp_path / "问卷星.csv"
    src.write_text(f"序号,1、姓名,2、身份证号,3、性别,4、工作单位\n1,龚磊,{LI},(跳过),（跳过）\n", encoding="utf-8")
    plan = import_list(FilePort(book), sources=[src])
    assert plan.new_rows[0]["gender"] == "男"  # derived from the ID, not the text (跳过)
    assert "employer" not in plan.new_rows[0]


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
    assert [backup.name[:8] for backup in backups(book)] == ["报名.备份-20"]  # NAME.备份-YYYYMMDD-HHMMSS.xlsx


def four_sources(tmp_path):
    paths = [tmp_path / n for n in ("问卷星.xlsx", "腾讯文档.xlsx", "WPS名单.csv", "班级名单.xls")]
    for make, path in zip((wjx_export, tencent_export, wps_gbk_csv, xls_class_list), paths, strict=True):
        make(path)
    return [str(path) for path in paths]


def check_four_sources(out, result, first):
    """The seven people cell by cell, the report, and 校验's errors on 报名信息: exactly the planted ones."""
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
    assert duplicate["source"] == "腾讯文档.xlsx" and duplicate["cell"] == f"A{first}"  # where 李 明 went
    contradiction = next(line for line in lines if line["code"] == "import-contradicts-id")
    assert contradiction["params"] == {"source_row": 3, "name": "赵强", "column": "性别", "value": "女",
                                       "expected": "男"}
    assert contradiction["cell"] == f"D{first + 2}"  # 赵强's 性别
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
    issues = [i for i in validate_book(read_workbook(out), exam_date=EXAM, today=TODAY).report.issues
              if i.sheet == "报名信息" and i.severity.value == "error"]
    found: dict[int, set[str]] = {}
    for issue in issues:
        found.setdefault(issue.row, set()).add(issue.column if issue.code == "required-missing" else issue.code)
    planted = {
        first: {"name-implausible"},  # 李 明 typed with a space in the questionnaire
        first + 1: {"number-stored-id", "证件类型", "性别", "出生日期"},  # 王芳: an ID that arrived as a number
        first + 2: {"gender-mismatch"},  # 赵强: 女 against an odd 17th digit
    }
    source_of_row = dict(zip(range(first, first + 7), ["问卷星.xlsx", "问卷星.xlsx", "腾讯文档.xlsx", "WPS名单.csv",
                                                       "WPS名单.csv", "班级名单.xls", "班级名单.xls"], strict=True))
    expected = {row: planted.get(row, set()) | unfilled[source] for row, source in source_of_row.items()}
    assert found == expected
    validated = {(i["sheet"], i["cell"]) for i in result["validate"]["issues"] if i["severity"] == "error"}
    assert {(i.sheet, i.cell) for i in issues} <= validated  # the CLI printed what 校验 finds in the file


def test_all_four_sources_then_validate(book, tmp_path, capsys):
    out = tmp_path / "导入后.xlsx"
    code = main(["import", *four_sources(tmp_path), "--book", str(book), "--out", str(out), "--json"])
    assert code == 1  # errors remain: the planted ones and the columns no source had
    check_four_sources(out, json.loads(capsys.readouterr().out), first=3)


@pytest.mark.slow
def test_all_four_sources_into_the_generated_workbook(built, tmp_path, capsys):
    """End to end into the .xlsm the build makes: the rows, 导入结果 with its links, then 校验结果 and its marks."""
    out = tmp_path / "导入后.xlsm"
    code = main(["import", *four_sources(tmp_path), "--book", str(built), "--out", str(out), "--json",
                 "--exam-date", "2026-12-18"])
    assert code == 1
    check_four_sources(out, json.loads(capsys.readouterr().out), first=5)
    book = openpyxl.load_workbook(out, keep_vba=True)
    assert book.defined_names["QZ_IMPORT_FILES"].attr_text == "'字典'!$ZZ$1"
    assert book.sheetnames.index("导入结果") == book.sheetnames.index("校验结果") + 1
    title, _, lines = import_sheet(out)
    assert title.startswith("导入结果（") and "4 个文件，导入 7 人，跳过 1 人，补填 0 人" in title
    contradiction = next(line for line in lines if line["代码（技术支持用）"] == "import-contradicts-id")
    assert contradiction["转到"] == '=HYPERLINK("#\'报名信息\'!D7","转到")'
    results = book["校验结果"]
    assert [c.value for c in results[2]][:3] == ["级别", "表", "单元格"]
    fresh = openpyxl.load_workbook(built)["导入结果"]  # the build's sheet before any import: a hint, the header
    assert fresh["A1"].value.startswith("点「导入名单」按钮后") and fresh["G2"].value == "说明" and fresh["H2"].value == "代码（技术支持用）"
    assert fresh.column_dimensions["H"].width > fresh.column_dimensions["B"].width
    assert book["报名信息"]["D7"].comment is not None  # 校验 marked 赵强's 性别 as usual


def test_already_in_the_book_is_skipped_or_only_filled(book, tmp_path):
    src = tmp_path / "名单.csv"
    src.write_text(f"姓名,身份证号,手机号码,工作单位\n周敏,{ZHOU},13812345678,常山县胡柚合作社\n", encoding="utf-8-sig")
    port = FilePort(book)
    port.write_block("报名信息", "A3", [["周敏", "居民身份证", ZHOU]])
    port.write_block("报名信息", "H3", [["13000000000"]])
    port.save()
    plan = import_list(FilePort(book), sources=[src])
    assert [code for code, _ in plan.lines if code == "import-in-book"] == ["import-in-book"]
    assert plan.places[1] == ("名单.csv", "A3")  # the row it already has
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
    """The template formats 500 rows under its header (rows 3–502 here): up to 502 goes in, one more is refused."""
    src = tmp_path / "three.csv"
    src.write_text(f"姓名,身份证号\n钱丽,{QIAN}\n孙伟,{SUN}\n吴刚,{WU}\n", encoding="utf-8")
    port = FilePort(book)
    port.write_block("报名信息", "A499", [["周敏", "居民身份证", ZHOU]])
    assert import_list(port, sources=[src], limit_rows=True).last_row == 502  # rows 500–502: all formatted
    port = FilePort(book)
    port.write_block("报名信息", "A500", [["周敏", "居民身份证", ZHOU]])
    with pytest.raises(CannotRun) as caught:
        import_list(port, sources=[src], limit_rows=True)
    assert caught.value.code == "run-import-too-many"
    assert caught.value.params == {"limit": 500, "last": 503, "extra": 1}


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
    before = book.read_bytes()
    again = tmp_path / "只有周敏.csv"
    again.write_text(f"姓名,身份证号\n周敏,{ZHOU}\n", encoding="utf-8")
    assert main(["import", str(again), "--book", str(book)]) == 1
    assert "没有要写入的内容，工作簿未改动。" in capsys.readouterr().out
    assert book.read_bytes() == before and len(backups(book)) == 1


def test_the_import_results_sheet(book, tmp_path):
    """导入结果: a line per report line with its source row, name and a link to the cell; 校验结果 after it."""
    src = tmp_path / "名单.csv"
    src.write_text(f"姓名,身份证号,民族\n周敏,{ZHOU},汉\n", encoding="utf-8")
    assert main(["import", str(src), "--book", str(book)]) == 1
    title, header, lines = import_sheet(book)
    assert header == ["文件", "源文件行", "姓名", "表", "单元格", "转到", "说明", "代码（技术支持用）"]
    assert title.startswith("导入结果（") and title.endswith("：1 个文件，导入 1 人，跳过 0 人，补填 0 人。"
                                                            "导入后已自动校验，问题见「校验结果」表。")
    by_code = {}
    for line in lines:
        by_code.setdefault(line["代码（技术支持用）"], []).append(line)
    (source,) = by_code["import-source"]
    assert (source["文件"], source["单元格"], source["转到"]) == ("名单.csv", "A3", '=HYPERLINK("#\'报名信息\'!A3","转到")')
    gender = next(line for line in by_code["import-derived"] if "性别" in line["说明"])
    assert (gender["源文件行"], gender["姓名"], gender["表"], gender["单元格"]) == (2, "周敏", "报名信息", "D3")
    (tidied,) = by_code["import-tidied"]
    assert tidied["单元格"] == "F3" and tidied["说明"] == "第 2 行 周敏：民族「汉」按字典写法改为「汉族」。"
    (unfilled,) = by_code["import-unfilled-columns"]
    assert unfilled["单元格"] == "G3"  # the first required column no source had: 文化程度
    results = openpyxl.load_workbook(book)["校验结果"]
    assert results["A1"].value.startswith("校验结果（") and results["A2"].value == "级别"


def test_the_sentences_of_the_import_report():
    from qzxl.catalogue import CATALOGUE

    assert CATALOGUE["import-done"].render(imported=30, skipped=2, filled=1) == (
        "已导入 30 人，跳过 2 人，补填 1 人，详见「导入结果」表。")
    assert CATALOGUE["import-results-title"].render(time="2026-12-01 09:30", files=2, imported=30, skipped=2,
                                                    filled=1) == (
        "导入结果（2026-12-01 09:30）：2 个文件，导入 30 人，跳过 2 人，补填 1 人。导入后已自动校验，问题见「校验结果」表。")
    assert CATALOGUE["import-results-hint"].render().startswith("点「导入名单」按钮后，这里列出每个文件")


def test_user_text_in_the_report_stays_text_and_links_are_escaped(book, tmp_path):
    """A renamed 报名信息 sheet goes into the link formula escaped; a file named like a formula stays text."""
    wb = openpyxl.load_workbook(book)
    wb["报名信息"].title = '张三\'s"&WEBSERVICE("x")&"'
    wb.save(book)
    src = tmp_path / "=1+1.csv"
    src.write_text(f"姓名,身份证号\n周敏,{ZHOU}\n", encoding="utf-8")
    assert main(["import", str(src), "--book", str(book)]) == 1
    ws = openpyxl.load_workbook(book)["导入结果"]
    assert ws["A3"].value == "=1+1.csv" and ws["A3"].data_type == "s"
    assert ws["F3"].value == '=HYPERLINK("#\'张三\'\'s""&WEBSERVICE(""x"")&""\'!A3","转到")'


def test_staff_add_a_header_on_the_dictionary_sheet(book, tmp_path):
    port = FilePort(book)
    port.write_block("字典", "Z1", [["导入列名", "对应表头"], ["您的工作单位全称（盖章用）", "所在单位"]])
    port.save()
    src = tmp_path / "金数据.csv"
    src.write_text(f"姓名,身份证号,您的工作单位全称（盖章用）\n周敏,{ZHOU},常山县胡柚合作社\n", encoding="utf-8")
    plan = import_list(FilePort(book), sources=[src])
    assert plan.new_rows[0]["employer"] == "常山县胡柚合作社"
    assert not [code for code, _ in plan.lines if code == "import-unmapped-columns"]


def picked(tmp_path):
    first, second = tmp_path / "甲 班.csv", tmp_path / "乙班.csv"
    first.write_text(f"姓名,身份证号\n周敏,{ZHOU}\n", encoding="utf-8")
    second.write_text(f"姓名,身份证号\n吴刚,{WU}\n周敏,{ZHOU}\n", encoding="gb18030")
    return f"{first}\n{second}"


def test_the_button_reads_the_picked_paths_from_the_cell(book, tmp_path):
    """The picker leaves the paths in QZ_IMPORT_FILES; the button imports them, clears the cell, then 校验."""
    from udfs.registry import BY_ID
    from workbook.vbagen import ribbon_module

    assert "If Not QzxlPickImportFiles() Then Exit Sub" in ribbon_module()
    port = FilePort(book)
    port.write_block("字典", "ZZ1", [[picked(tmp_path)]])
    text = BY_ID["import_list"].function(port, TODAY)
    assert text.startswith("已导入 2 人，跳过 1 人，补填 0 人，详见「导入结果」表。\n共 2 人：")
    assert port.messages[-1] == text
    assert port.read_sheet("字典")[0][-1] is None
    assert [row[0] for row in port.read_sheet("报名信息")[2:4]] == ["周敏", "吴刚"]
    files = [row[0] for row in port.read_sheet("导入结果")[2:]]
    # 甲: the file, 3 derived for 周敏, unfilled columns; 乙: the file, 3 derived for 吴刚, 周敏 again, unfilled
    assert files == ["甲 班.csv"] * 5 + ["乙班.csv"] * 6
    assert port.read_sheet("校验结果")[0][0].startswith("校验结果（")
    empty = FilePort(book)
    with pytest.raises(CannotRun) as caught:
        BY_ID["import_list"].function(empty, TODAY)
    assert caught.value.code == "run-import-no-sources"


def test_the_button_through_the_live_port(book, tmp_path):
    """The xlwings port: the rows in one block, 导入结果 created and written whole, 校验结果 as 校验 writes it."""
    from support.fake_xlwings import FakeBook

    from qzxl.sheets.parts import read_sheet_values
    from udfs.excel_port import ExcelPort
    from udfs.registry import BY_ID

    grids = read_sheet_values(book, ["方案", "报名信息", "花名册", "字典"])
    grids["字典"] = [list(row) for row in grids["字典"]]
    fake = FakeBook(book, grids)
    ExcelPort(fake).write_block("字典", "ZZ1", [[picked(tmp_path)]])
    BY_ID["import_list"].function(ExcelPort(fake), TODAY)
    people = fake.sheets["报名信息"].grid
    assert (people[(3, 1)], people[(4, 1)], people[(4, 3)]) == ("周敏", "吴刚", WU)
    report = fake.sheets["导入结果"].grid
    assert report[(2, 1)] == "文件" and report[(3, 1)] == "甲 班.csv"
    assert report[(3, 6)] == '=HYPERLINK("#\'报名信息\'!A3","转到")'
    assert fake.sheets["校验结果"].grid[(2, 1)] == "级别"
    block_writes = [detail for what, detail in fake.calls if what == "range.value.set"]
    assert block_writes.count("A3") == 1  # both people in one write
    assert "已导入 2 人" in fake.app.alerts[-1][0]
