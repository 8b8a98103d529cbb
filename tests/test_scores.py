"""导入成绩: score lists in the shapes colleges send, read with the import's matcher, judged, shown on 成绩.

The lists are built here as a college would send them (title rows, a header merged over 理论 | 实操, a sheet per
subject with a bare 成绩 column, a GBK CSV with 缺考 typed in a score cell); the 成绩 sheet is read back with
openpyxl, a second reader, and compared cell by cell with values written out here by hand.
"""

from __future__ import annotations

import csv
import json
import re

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.score_lists import (
    LI,
    PEOPLE,
    QIAN,
    STRANGER,
    SUN,
    WANG,
    ZHAO,
    make_book,
    make_id,
    masked,
    merged_header_list,
)

from cli.commands import main
from qzxl.errors import CannotRun
from qzxl.layout import SCORES, SCORES_FIRST_ROW, SCORES_PASS_ROW
from qzxl.scores.reading import ScoreLine, score_lines
from qzxl.scores.rules import Entrant, judge
from qzxl.scores.sheet import lines_from_sheet, pass_marks, sheet_rows
from qzxl.scores.values import parse_mark, parse_score, parse_verdict
from qzxl.sheets.sources import read_score_tables, score_key
from udfs.actions.marks import clear_marks
from udfs.actions.scores import import_scores
from udfs.file_port import FilePort


@pytest.fixture
def book(tmp_path):
    return make_book(tmp_path)


def sheet_per_subject_list(path):
    """理论 and 实操 on sheets of their own, each with a bare 成绩 column under a title."""
    wb = openpyxl.Workbook()
    theory = wb.active
    theory.title = "Sheet1"
    theory.append(["电工四级理论知识考试成绩"])
    theory.append(["姓名", "证件号码", "成绩"])
    for row in (["李明", LI, 86], ["王芳", WANG, 59], ["赵强", ZHAO, "缺"], ["钱红", QIAN, 61]):
        theory.append(row)
    practice = wb.create_sheet("技能操作")
    practice.append(["姓名", "证件号码", "成绩", "备注"])
    for row in (["李明", LI, 72, None], ["王芳", WANG, 91, None], ["赵强", ZHAO, None, "缺考"],
                ["钱红", QIAN, "八十", None], ["孙伟", "", 75, None]):
        practice.append(row)
    wb.save(path)
    return path


def gbk_csv(path):
    """WPS saves CSV in GBK; 缺考 typed into a score cell; 违纪 in the 考试情况 column."""
    rows = [["姓名", "身份证号码", "理论成绩", "实操成绩", "考试情况"],
            ["李明", LI, "86", "72", ""], ["王芳", WANG, "59", "91", ""], ["赵强", ZHAO, "缺考", "", "缺考"],
            ["钱红", QIAN, "61", "", "违纪"], ["孙伟", SUN, "", "75", ""]]
    with path.open("w", encoding="gbk", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def scores_sheet(path):
    """The 成绩 sheet's people rows as openpyxl reads them (values only, trailing blanks kept)."""
    ws = openpyxl.load_workbook(path)["成绩"]
    rows = [[c.value for c in row][:len(SCORES.columns)] for row in ws.iter_rows(min_row=SCORES_FIRST_ROW + 1)]
    return ws, rows[:len(PEOPLE)]


# --- the header matcher, extended -----------------------------------------------------------------------------

@pytest.mark.parametrize(("header", "key"), [
    ("理论", "theory"), ("理论知识成绩", "theory"), ("应知", "theory"), ("理论考试成绩", "theory"),
    ("实操", "practice"), ("技能操作", "practice"), ("应会成绩", "practice"), ("实操\n成绩", "practice"),
    ("综合评审", "review"), ("总成绩", "total"), ("总分", "total"), ("是否合格", "verdict"), ("成绩判定", "verdict"),
    ("结果", "verdict"), ("缺考/违纪", "status"), ("备注", "status"), ("身份证号", "id_number"),
    ("证件号码", "id_number"), ("考生姓名", "name"), ("成绩", "score"), ("班级", None), ("准考证号", None),
])
def test_score_headers_as_colleges_write_them(header, key):
    assert score_key(header) == key


def test_the_clerks_own_score_header_wins():
    assert score_key("技能操作考核（满分100）") is None
    assert score_key("技能操作考核（满分100）", {"技能操作考核": "实操"}) == "practice"


def test_a_merged_header_over_two_rows_is_read_as_one(tmp_path):
    (table,) = read_score_tables(merged_header_list(tmp_path / "成绩.xlsx"))
    assert (table.header_row, sorted(table.columns.values())) == (3, ["id_number", "name", "practice", "theory",
                                                                      "verdict"])
    lines, unknown = score_lines(table)
    assert unknown is None
    assert [(line.row, line.name, line.scores) for line in lines[:3]] == [
        (5, "李明", {"theory": 86, "practice": 72}), (6, "王芳", {"theory": 59, "practice": 91}),
        (7, "赵强", {"theory": "缺考", "practice": "缺考"})]


def test_a_sheet_per_subject_takes_its_subject_from_the_title_or_sheet_name(tmp_path):
    tables = read_score_tables(sheet_per_subject_list(tmp_path / "成绩.xlsx"))
    first, second = (score_lines(t)[0] for t in tables)
    assert [(line.name, line.scores) for line in first[:2]] == [("李明", {"theory": 86}), ("王芳", {"theory": 59})]
    assert [(line.name, line.scores, line.status) for line in second[2:4]] == [
        ("赵强", {"practice": None}, "缺考"), ("钱红", {"practice": "八十"}, None)]


def test_a_bare_score_column_of_no_known_subject_is_said(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.active.append(["姓名", "身份证号", "成绩"])
    wb.active.append(["李明", LI, 80])
    wb.save(tmp_path / "list.xlsx")
    (table,) = read_score_tables(tmp_path / "list.xlsx")
    assert score_lines(table) == ([ScoreLine("list.xlsx", "Sheet1", 2, "李明", LI, {})], "Sheet1")


def test_a_gbk_csv_is_read(tmp_path):
    (table,) = read_score_tables(gbk_csv(tmp_path / "成绩.csv"))
    assert table.encoding == "GBK/GB18030"
    assert [line.scores for line in score_lines(table)[0]][2] == {"theory": "缺考", "practice": None}


def test_a_file_without_a_score_header_is_refused(tmp_path):
    path = tmp_path / "名单.csv"
    path.write_text("姓名,身份证号,手机\n李明,1,2\n", encoding="utf-8")
    with pytest.raises(CannotRun) as refused:
        read_score_tables(path)
    assert refused.value.code == "run-scores-no-header"


# --- one cell ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("cell", "value", "mark", "text"), [
    (86, 86.0, "", ""), ("72.5", 72.5, "", ""), ("60分", 60.0, "", ""), ("８５", 85.0, "", ""),
    ("缺考", None, "缺考", ""), ("缺", None, "缺考", ""), ("违纪", None, "违纪", ""), ("作弊", None, "作弊", ""),
    ("八十", None, "", "八十"), ("A", None, "", "A"), (None, None, "", ""), ("  ", None, "", ""),
])
def test_a_score_cell(cell, value, mark, text):
    score = parse_score(cell)
    assert (score.value, score.mark, score.text) == (value, mark, text)


def test_verdicts_and_marks_in_words():
    assert [parse_verdict(v) for v in ("合格", "通过", "是", "不合格", "未通过", "否", "待定", None)] == [
        True, True, True, False, False, False, None, None]
    assert [parse_mark(v) for v in ("缺考", "理论缺考", "考试违纪", "正常", None)] == ["缺考", "缺考", "违纪", "", ""]


# --- the rules --------------------------------------------------------------------------------------------------

def entrant(row, name, number, subjects=("theory", "practice")):
    return Entrant(row, name, number, subjects=subjects)


def line(name, number, row=2, source="a.xlsx", **scores):
    verdict = scores.pop("verdict", None)
    status = scores.pop("status", None)
    return ScoreLine(source, "Sheet1", row, name, number, scores, verdict=verdict, status=status)


def test_sixty_passes_and_fifty_nine_and_a_half_fails():
    result = judge([line("李明", LI, theory=60, practice=59.5)], [entrant(5, "李明", LI)])
    assert result.people[0].results() == ("合格", "不合格", "")
    assert (result.people[0].passed, result.people[0].retake) == (False, ("practice",))


def test_the_clerks_pass_mark_is_used():
    result = judge([line("李明", LI, theory=56, practice=80)], [entrant(5, "李明", LI)], {"theory": 55})
    assert result.people[0].results() == ("合格", "合格", "") and result.people[0].passed


def test_scores_outside_the_range_and_text_are_findings_not_verdicts():
    result = judge([line("李明", LI, theory=101, practice="良好")], [entrant(5, "李明", LI)])
    assert [(f.code, f.column) for f in result.findings] == [("score-out-of-range", "theory"),
                                                             ("score-not-a-number", "practice")]
    assert result.people[0].results() == ("", "", "") and result.people[0].passed is None


def test_a_second_different_score_is_an_error_and_the_first_is_kept():
    result = judge([line("李明", LI, theory=70, practice=80), line("李明", LI, row=9, source="b.xlsx", theory=50)],
                   [entrant(5, "李明", LI)])
    (finding,) = result.findings
    assert (finding.code, finding.params["kept"], finding.params["other"]) == ("score-duplicate", "70", "50")
    assert result.people[0].passed is True


def test_the_same_score_twice_is_a_warning():
    result = judge([line("李明", LI, theory=70), line("李明", LI, row=3, theory="70")],
                   [entrant(5, "李明", LI, ("theory",))])
    assert [f.code for f in result.findings] == ["score-repeated"]


def test_the_lists_verdict_wins_and_the_disagreement_is_flagged():
    result = judge([line("钱红", QIAN, theory=60, practice=60, verdict="不合格")], [entrant(5, "钱红", QIAN)])
    (finding,) = result.findings
    assert (finding.code, finding.column, finding.params["given"], finding.params["computed"]) == (
        "score-verdict-disagrees", "source_verdict", "不合格", "合格")
    assert result.people[0].passed is False and result.people[0].retake == ("theory", "practice")


def test_matching_by_name_alone_is_a_warning_and_strangers_are_listed():
    result = judge([line("李明", "", theory=70, practice=70), line("周杰", STRANGER, theory=80, practice=80)],
                   [entrant(5, "李明", LI), entrant(6, "王芳", WANG)])
    assert [(f.code, f.person) for f in result.findings] == [
        ("score-matched-by-name", 0), ("score-not-in-book", None), ("score-missing", 1)]
    assert [s.name for s in result.strangers] == ["周杰"]
    assert result.people[0].passed is True and result.people[1].verdict == "无成绩"


def test_two_people_of_one_name_are_never_matched_by_name():
    result = judge([line("李明", "")], [entrant(5, "李明", LI), entrant(6, "李明", WANG)])
    assert [f.code for f in result.findings][:1] == ["score-not-in-book"]


def test_a_masked_number_with_the_same_name_matches():
    result = judge([line("李明", masked(LI), theory=70, practice=70)], [entrant(5, "李明", LI)])
    assert result.findings == [] and result.people[0].passed


def test_a_subject_not_taken_is_not_judged():
    result = judge([line("孙伟", SUN, theory=30, practice=75)], [entrant(5, "孙伟", SUN, ("practice",))])
    assert [f.code for f in result.findings] == ["score-not-taken"]
    assert result.people[0].passed is True


def test_absent_removed_and_the_tally():
    people = [entrant(5, "李明", LI), entrant(6, "王芳", WANG), entrant(7, "赵强", ZHAO), entrant(8, "钱红", QIAN)]
    result = judge([line("李明", LI, theory=90, practice=90), line("王芳", WANG, theory="违纪", practice=88),
                    line("赵强", ZHAO, status="缺考"), line("钱红", QIAN, theory=70, practice="缺")], people)
    assert [p.results()[:2] for p in result.people] == [("合格", "合格"), ("违纪", "合格"), ("缺考", "缺考"),
                                                        ("合格", "缺考")]
    theory, overall = result.tally("theory"), result.tally()
    assert (theory.entered, theory.sat, theory.absent, theory.passed) == (4, 3, 1, 2)
    assert (overall.entered, overall.sat, overall.absent, overall.passed, overall.rate) == (4, 3, 1, 1, 1 / 3)
    assert [p.entrant.name for p in result.retakers] == ["王芳", "赵强", "钱红"]


@given(st.lists(st.tuples(st.one_of(st.integers(0, 100), st.sampled_from(["缺考", "违纪"])),
                          st.one_of(st.integers(0, 100), st.sampled_from(["缺考", "作弊"]))), min_size=1, max_size=12),
       st.integers(0, 100))
def test_the_verdict_is_every_subject_at_the_pass_mark(scores, mark):
    numbers = [make_id("330802", "19900101", f"{i:03d}") for i in range(len(scores))]
    people = [entrant(i + 5, f"学员{i}", number) for i, number in enumerate(numbers)]
    lines = [line(f"学员{i}", number, theory=t, practice=p)
             for i, (number, (t, p)) in enumerate(zip(numbers, scores, strict=True))]
    result = judge(lines, people, {"theory": mark, "practice": mark})
    for person, (t, p) in zip(result.people, scores, strict=True):
        expected = all(isinstance(s, int) and s >= mark for s in (t, p))
        assert person.passed is expected
        assert set(person.retake) == {k for k, s in (("theory", t), ("practice", p))
                                      if not (isinstance(s, int) and s >= mark)}
    overall = result.tally()
    assert overall.passed <= overall.sat <= overall.entered and overall.absent + overall.sat <= overall.entered


def test_a_pass_mark_that_is_no_mark_is_an_error_and_sixty_is_used():
    grid = [[None] * len(SCORES.columns) for _ in range(SCORES_FIRST_ROW)]
    grid[SCORES_PASS_ROW][SCORES.keys.index("theory")] = "六十"
    grid[SCORES_PASS_ROW][SCORES.keys.index("practice")] = 120
    marks, issues = pass_marks(grid)
    assert (marks["theory"], marks["practice"]) == (60.0, 60.0)
    assert [(i.code, i.cell) for i in issues] == [("score-pass-mark-invalid", "E2"), ("score-pass-mark-invalid", "G2")]


def test_the_sheet_reads_back_what_it_shows():
    people = [entrant(5, "李明", LI), entrant(6, "赵强", ZHAO)]
    result = judge([line("李明", LI, theory=86, practice=72), line("赵强", ZHAO, status="缺考")], people)
    rows, _ = sheet_rows(result, "info")
    again = judge([], people, earlier=lines_from_sheet(rows))
    assert [p.results() for p in again.people] == [p.results() for p in result.people]
    assert again.findings == []


# --- the 成绩 sheet, cell by cell ------------------------------------------------------------------------------

def test_merged_header_list_fills_the_sheet_of_an_older_workbook(book, tmp_path):
    port = FilePort(book)
    run, folder = import_scores(port, [merged_header_list(tmp_path / "成绩单.xlsx")])
    port.save()
    ws, rows = scores_sheet(book)
    assert rows == [
        [1, "李明", masked(LI), "理论、实操", 86, "合格", 72, "合格", None, None, None, "合格", "合格", None],
        [2, "王芳", masked(WANG), "理论、实操", 59, "不合格", 91, "合格", None, None, None, "不合格", "不合格",
         "需补考：理论"],
        [3, "赵强", masked(ZHAO), "理论、实操", "缺考", "缺考", "缺考", "缺考", None, None, None, "不合格", "不合格",
         "需补考：理论、实操"],
        [4, "钱红", masked(QIAN), "理论、实操", 60, "合格", 60, "合格", None, None, None, "不合格", "不合格",
         "需补考：理论、实操"],
        [5, "孙伟", masked(SUN), "实操", None, None, 75, "合格", None, None, None, "合格", "合格", None],
    ]
    assert [c.value for c in ws[2]][:9] == ["及格分（可改）", None, None, None, 60, None, 60, None, 60]
    assert [c.value for c in ws[4]][:len(SCORES.columns)] == [c.header for c in SCORES.columns]
    summary = [[c.value for c in row][1:7] for row in ws.iter_rows(min_row=12, max_row=15)]
    assert summary == [["科目", "合格率", "报名", "实考", "缺考", "合格"], ["理论", "66.7%", 4, 3, 1, 2],
                       ["实操", "100.0%", 5, 4, 1, 4], ["总体", "50.0%", 5, 4, 1, 2]]
    assert "周杰" in ws["B18"].value and STRANGER not in ws["B18"].value
    assert ws.print_area == "'成绩'!$A$1:$N$18"
    assert (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth) == ("landscape", 9, 1)
    assert ws.print_title_rows == "$4:$4" and ws.sheet_properties.pageSetUpPr.fitToPage  # as the build sets them
    marked = {c.coordinate: c.comment.text for row in ws.iter_rows() for c in row if c.comment}
    assert sorted(marked) == ["B18", "L8"] and "按及格分应为「合格」" in marked["L8"]
    assert ws["L8"].fill.fgColor.rgb == "FFFFEB9C"  # a warning
    assert run.counts()["passed"] == 2 and folder.name == "成绩名单"


def marks_on_scores(book) -> list[str]:
    ws = openpyxl.load_workbook(book)["成绩"]
    return sorted(c.coordinate for row in ws.iter_rows() for c in row
                  if c.comment or c.fill.fgColor.rgb in ("FFFFC7CE", "FFFFEB9C"))


def test_the_score_marks_can_be_cleared_and_come_back_with_the_next_import(book, tmp_path):
    source = merged_header_list(tmp_path / "成绩单.xlsx")
    port = FilePort(book)
    import_scores(port, [source], lists=False)
    port.save()
    assert marks_on_scores(book) == ["B18", "L8"]
    port = FilePort(book, answer=True)
    assert clear_marks(port) == "已清除 2 个单元格的标注。"
    port.save()
    assert marks_on_scores(book) == []
    _, rows = scores_sheet(book)
    assert rows[0][:6] == [1, "李明", masked(LI), "理论、实操", 86, "合格"]  # the scores stay
    assert clear_marks(FilePort(book, answer=True)) == "已清除 0 个单元格的标注。"  # nothing left
    port = FilePort(book)
    import_scores(port, [source], lists=False)
    port.save()
    assert marks_on_scores(book) == ["B18", "L8"]


def test_clear_marks_clears_the_score_marks_too(book, tmp_path, capsys):
    """QA of the journey: 导入成绩 then 清除标注 said 已清除 0 个单元格的标注 and the 成绩 marks stayed."""
    port = FilePort(book)
    import_scores(port, [merged_header_list(tmp_path / "成绩单.xlsx")], lists=False)
    port.save()
    assert main(["action", "clear_marks", str(book), "--yes"]) == 0
    assert marks_on_scores(book) == []


def test_sheet_per_subject_and_a_later_list_fill_in_what_is_missing(book, tmp_path):
    port = FilePort(book)
    import_scores(port, [sheet_per_subject_list(tmp_path / "成绩单.xlsx")], lists=False)
    port.save()
    ws, rows = scores_sheet(book)
    assert [row[4:8] for row in rows] == [[86, "合格", 72, "合格"], [59, "不合格", 91, "合格"],
                                         ["缺考", "缺考", "缺考", "缺考"], [61, "合格", "八十", None],
                                         [None, None, 75, "合格"]]
    assert ws["G8"].fill.fgColor.rgb == "FFFFC7CE" and "不是分数" in ws["G8"].comment.text
    assert "只按姓名" in ws["B9"].comment.text  # 孙伟 came without a number
    fixed = tmp_path / "实操补.csv"
    fixed.write_text(f"姓名,身份证号,实操\n钱红,{QIAN},80\n", encoding="utf-8-sig")
    port = FilePort(book)
    again, _ = import_scores(port, [fixed], lists=False)
    port.save()
    ws, rows = scores_sheet(book)
    assert [row[4:8] for row in rows][:4] == [[86, "合格", 72, "合格"], [59, "不合格", 91, "合格"],
                                              ["缺考", "缺考", "缺考", "缺考"], [61, "合格", 80, "合格"]]
    assert ws["G8"].comment is None and ws["G8"].fill.fgColor.rgb != "FFFFC7CE"  # the old mark is gone
    assert again.report.errors == 0


def test_gbk_csv_with_marks_in_cells(book, tmp_path):
    port = FilePort(book)
    import_scores(port, [gbk_csv(tmp_path / "成绩.csv")], lists=False)
    port.save()
    _, rows = scores_sheet(book)
    assert [row[4:8] + row[12:13] for row in rows] == [
        [86, "合格", 72, "合格", "合格"], [59, "不合格", 91, "合格", "不合格"], ["缺考", "缺考", "缺考", "缺考", "不合格"],
        [61, "合格", "违纪", "违纪", "不合格"], [None, None, 75, "合格", "合格"]]


def test_a_changed_pass_mark_judges_again_without_a_list(book, tmp_path, capsys):
    port = FilePort(book)
    import_scores(port, [gbk_csv(tmp_path / "成绩.csv")], lists=False)
    port.write_block("成绩", "E2", [[55]])
    port.save()
    assert main(["scores", "--book", str(book)]) == 0
    _, rows = scores_sheet(book)
    assert rows[1][4:6] == [59, "合格"] and rows[1][12] == "合格"


def test_the_command_writes_the_lists_and_never_over_old_ones(book, tmp_path, capsys):
    source = merged_header_list(tmp_path / "成绩单.xlsx")
    assert main(["scores", str(source), "--book", str(book)]) == 0
    out = capsys.readouterr().out
    assert "需补考 3 人" in out and LI not in out and masked(STRANGER) in out
    folder = tmp_path / "成绩名单"
    passed = openpyxl.load_workbook(folder / "合格名单.xlsx").active
    assert [[c.value for c in row] for row in passed.iter_rows(min_row=3)] == [
        [1, "李明", LI, "电工", "四级/中级工"], [2, "孙伟", SUN, "电工", "四级/中级工"]]
    retake = openpyxl.load_workbook(folder / "补考名单.xlsx").active
    assert [[c.value for c in row][1:6] for row in retake.iter_rows(min_row=3)] == [
        ["王芳", masked(WANG), "13905701234", "理论、实操", "理论"],
        ["赵强", masked(ZHAO), "13757001122", "理论、实操", "理论、实操"],
        ["钱红", masked(QIAN), "15857003344", "理论、实操", "理论、实操"]]
    data = (folder / "成绩通知.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not re.search(rb"\d{15}", data)
    notice = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert notice[0] == ["姓名", "手机号码", "通知内容"]
    assert notice[2] == ["王芳", "13905701234", "王芳您好：电工四级/中级工认定成绩 理论59、实操91，不合格。"
                                              "需补考理论，补考安排另行通知。"]
    assert main(["scores", str(source), "--book", str(book), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["folder"].endswith("成绩名单-2") and report["scores"]["retake"] == 3
    assert LI not in json.dumps(report, ensure_ascii=False)


def test_errors_exit_one_and_a_book_without_scores_is_refused(book, tmp_path, capsys):
    assert main(["scores", "--book", str(book)]) == 2
    assert "还没有成绩" in capsys.readouterr().err
    path = tmp_path / "错.csv"
    path.write_text(f"姓名,身份证号,理论,实操\n李明,{LI},101,80\n", encoding="utf-8")
    assert main(["scores", str(path), "--book", str(book), "--out", str(tmp_path / "新.xlsx")]) == 1
    assert "不在 0–100 之间" in capsys.readouterr().out
