"""After 导入成绩: the buttons (picker, 补考 workbook, 资料汇总), a workbook built today, and the archive's check.

The 补考 workbook is built by a stand-in that copies the session's built workbook (building is tested elsewhere
and costs seconds); the archive's PDFs are LibreOffice's and made in the slow test only.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from support.score_lists import LI, PEOPLE, QIAN, SUN, WANG, ZHAO, make_book, masked, merged_header_list

from cli.commands import main
from qzxl.errors import CannotRun
from qzxl.layout import FIRST_DATA_ROW, PLAN_SHEET, REGISTRATION, SCORES_SHEET, plan_value_row
from qzxl.scores import archive as archive_module
from qzxl.scores.archive import Entry, verify
from qzxl.scores.reading import ScoreLine
from qzxl.scores.rules import Entrant, judge
from qzxl.sheets.reader import read_workbook
from qzxl.sheets.writer import write_data_workbook
from udfs.actions.scores import import_scores, import_scores_button
from udfs.file_port import FilePort
from udfs.runner import run_action
from usecases.scores import read_lists


@pytest.fixture
def no_pdf(monkeypatch):
    monkeypatch.setattr(archive_module, "convert_to_pdf", lambda files, folder: "")


@pytest.fixture
def copy_build(monkeypatch, built_workbook):
    import workbook.retake

    def build(out, **options):
        shutil.copy(built_workbook, out)
        return out

    monkeypatch.setattr(workbook.retake, "build_workbook", build)


@pytest.fixture
def book(tmp_path):
    return make_book(tmp_path)


@pytest.fixture
def scored(book, tmp_path):
    port = FilePort(book)
    import_scores(port, [merged_header_list(tmp_path / "成绩单.xlsx")], lists=False)
    port.save()
    return book


def test_a_subject_missing_from_the_list_is_said():
    result = judge([ScoreLine("a.xlsx", "Sheet1", 2, "李明", LI, {"theory": 70})], [Entrant(5, "李明", LI)])
    assert [(f.code, f.params["subject"]) for f in result.findings] == [("score-subject-missing", "实操")]


def test_a_sheet_of_unknown_subject_is_a_finding_about_the_file(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "身份证号", "成绩"])
    wb.active.append(["李明", LI, 80])
    wb.save(tmp_path / "list.xlsx")
    lines, issues = read_lists([tmp_path / "list.xlsx"], {})
    assert [(i.code, i.file) for i in issues] == [("score-subject-unknown", "list.xlsx")] and lines[0].scores == {}


def test_what_is_said_about_a_whole_file_closes_the_sheet(book, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.active.append(["姓名", "身份证号", "成绩"])
    wb.active.append(["李明", LI, 80])
    wb.save(tmp_path / "list.xlsx")
    port = FilePort(book)
    run, _ = import_scores(port, [tmp_path / "list.xlsx"], lists=False)
    assert run.rows[-2][1] == "读取成绩单时的说明："
    assert run.rows[-1][1].startswith("「list.xlsx」的「Sheet1」表只有一列「成绩」")
    assert [i.code for i in run.report.issues if i.file] == ["score-subject-unknown"]


def test_the_button_reads_the_picked_files_and_clears_the_cell(book, tmp_path):
    port = FilePort(book)
    with pytest.raises(CannotRun) as refused:
        import_scores_button(port)
    assert refused.value.code == "run-scores-no-sources"
    source = merged_header_list(tmp_path / "成绩单.xlsx")
    port.write_block("字典", "ZZ1", [[str(source)]])
    text = import_scores_button(port)
    assert "合格 2 人" in text and port.read_sheet("字典")[0][-1] is None
    assert (tmp_path / "成绩名单" / "合格名单.xlsx").is_file()


def test_retake_and_archive_refuse_a_book_without_scores(book, capsys):
    assert main(["retake", str(book)]) == 2
    assert "还没有成绩" in capsys.readouterr().err
    port = FilePort(book)
    assert not run_action("make_retake", port) and "还没有成绩" in port.messages[-1]
    with pytest.raises(CannotRun) as refused:
        import_scores(port, [])
    assert refused.value.code == "run-scores-none"


def test_no_one_to_retake_is_said(book, tmp_path, copy_build):
    source = tmp_path / "all.csv"
    source.write_text("姓名,身份证号,理论,实操\n" + "".join(f"{n},{i},90,90\n" for n, i, _ in PEOPLE),
                      encoding="utf-8")
    port = FilePort(book)
    import_scores(port, [source], lists=False)
    port.save()
    with pytest.raises(CannotRun) as refused:
        from workbook.retake import make_retake

        make_retake(FilePort(book))
    assert refused.value.code == "run-retake-none"


@pytest.mark.slow  # two openpyxl loads and saves of the whole 500-row workbook
def test_the_retake_workbook_holds_the_people_and_subjects_to_retake(scored, tmp_path, copy_build, capsys):
    assert main(["retake", str(scored)]) == 0
    path = tmp_path / "报名-补考" / "报名-补考.xlsm"
    assert f"「{path}」，3 人" in capsys.readouterr().out
    wb = openpyxl.load_workbook(path)
    ws = wb[REGISTRATION.sheet]
    keys = REGISTRATION.keys
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=FIRST_DATA_ROW + 1, max_row=FIRST_DATA_ROW + 4)]
    assert [(r[keys.index("name")], r[keys.index("id_number")], r[keys.index("mobile")],
             r[keys.index("exam_subjects")]) for r in rows] == [
        ("王芳", WANG, "13905701234", "理论"), ("赵强", ZHAO, "13757001122", "理论、实操"),
        ("钱红", QIAN, "15857003344", "理论、实操"), (None, None, None, None)]
    plan = wb[PLAN_SHEET]
    value = {key: plan.cell(plan_value_row(key) + 1, 3).value for key in ("org", "occupation", "exam_date",
                                                                          "headcount", "exam_subjects")}
    assert value == {"org": "衢州市明远职业技能培训学校", "occupation": "电工", "exam_date": None, "headcount": 3,
                     "exam_subjects": "理论、实操"}
    assert len(read_workbook(path).registration.rows) == 3  # the engine reads it as a batch
    assert main(["retake", str(scored)]) == 0
    assert (tmp_path / "报名-补考-2" / "报名-补考.xlsm").is_file()  # never over the first


@pytest.mark.slow  # an openpyxl load and save of the whole 500-row workbook (1.7 s)
def test_the_retake_workbook_takes_only_its_peoples_files_into_a_folder_of_its_own(scored, tmp_path, copy_build,
                                                                                   capsys):
    """QA of the whole journey: written beside the first workbook, the 补考 workbook read the first batch's
    照片 and 附件, and its 校验 listed every photo of the people who passed as a stranger (请核对或删除这张照片)."""
    photos, attachments = tmp_path / "照片", tmp_path / "附件"
    photos.mkdir()
    attachments.mkdir()
    for name, number in (("李明", LI), ("王芳", WANG), ("赵强", ZHAO)):  # 李明 passed; 王芳 and 赵强 sit again
        (photos / f"{number}{name}.jpg").write_bytes(f"photo of {name}".encode())
        (attachments / f"{number}{name}身份证.pdf").write_bytes(b"%PDF-1.4 card")
        (attachments / f"{name}毕业证书.jpg").write_bytes(b"diploma")
    (attachments / "申报表（全体）.pdf").write_bytes(b"%PDF-1.4 everyone")  # the batch's, nobody's own
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert main(["retake", str(scored)]) == 0
    folder = tmp_path / "报名-补考"
    assert {p.name for p in (folder / "照片").iterdir()} == {f"{WANG}王芳.jpg", f"{ZHAO}赵强.jpg"}
    assert {p.name for p in (folder / "附件").iterdir()} == {
        f"{WANG}王芳身份证.pdf", f"{ZHAO}赵强身份证.pdf", "王芳毕业证书.jpg", "赵强毕业证书.jpg"}
    assert sorted(p.name for p in tmp_path.rglob("*") if folder not in p.parents and p != folder) == before
    assert (folder / "照片" / f"{WANG}王芳.jpg").read_bytes() == "photo of 王芳".encode()  # a copy, not moved
    plan = openpyxl.load_workbook(folder / "报名-补考.xlsm")[PLAN_SHEET]
    assert [plan.cell(plan_value_row(key) + 1, 3).value for key in ("photos_dir", "attachments_dir")] == ["照片", "附件"]
    assert f"「{folder / '报名-补考.xlsm'}」，3 人" in capsys.readouterr().out


def file_sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_archive_lists_every_file_with_its_hash_and_zips_it(scored, tmp_path, no_pdf, capsys):
    package = tmp_path / "申报材料" / "衢州市明远职业技能培训学校_电工四级-中级工_2026-12-18"
    (package / "照片").mkdir(parents=True)
    (package / "manifest.json").write_text("{}", encoding="utf-8")
    (package / "照片" / f"{LI}李明.jpg").write_bytes(b"\xff\xd8 photo")
    kit = tmp_path / "考务材料_2026-12-18"
    kit.mkdir()
    (kit / "签到表.xlsx").write_bytes(b"kit")
    assert main(["archive", str(scored), "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    folder = tmp_path / "资料汇总_衢州市明远职业技能培训学校_电工四级-中级工_2026-12-18"
    assert said["folder"] == str(folder) and said["missing"] == []
    on_disk = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    listed = openpyxl.load_workbook(folder / "资料清单.xlsx").active
    rows = [[c.value for c in row] for row in listed.iter_rows(min_row=3)]
    assert "衢州市明远职业技能培训学校" in listed["A1"].value and "5 人" in listed["A1"].value
    assert sorted([*(r[0] for r in rows), "资料清单.xlsx"]) == sorted(
        p.replace(LI, masked(LI)) for p in on_disk)
    photo = next(r for r in rows if r[0].endswith("李明.jpg"))
    assert photo[1:3] == ["申报材料", "李明"] and LI not in photo[0]
    for path, _, _, size, digest, _ in rows:
        real = folder / path.replace(masked(LI), LI)
        assert (size, digest) == (real.stat().st_size, file_sha(real))
    with zipfile.ZipFile(tmp_path / f"{folder.name}.zip") as packed:
        assert packed.testzip() is None
        assert sorted(n.split("/", 1)[1] for n in packed.namelist()) == on_disk
    assert main(["archive", str(scored)]) == 0
    assert (tmp_path / f"{folder.name}-2").is_dir() and (tmp_path / f"{folder.name}-2.zip").is_file()


def test_the_archive_button_from_the_command_line_says_it_saved_the_workbook(scored, no_pdf, capsys):
    capsys.readouterr()
    assert main(["action", "archive", str(scored)]) == 0
    said = capsys.readouterr().out
    assert f"已写入「{scored}」（原文件备份为「" in said and said.count("已写入") == 1, said


def test_what_is_not_there_yet_is_said(scored, tmp_path, no_pdf):
    port = FilePort(scored)
    assert run_action("archive", port)
    assert "未找到，未汇总：申报材料、考务材料。" in port.messages[-1]


def test_a_file_changed_after_writing_is_caught(tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "x.txt").write_text("x", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as packed:
        packed.writestr("a/x.txt", "y")
    entry = Entry("x.txt", "", "", 1, file_sha(folder / "x.txt"), "")
    with pytest.raises(CannotRun) as refused:
        verify(folder, tmp_path / "a.zip", [entry])
    assert refused.value.code == "run-archive-verify"
    with pytest.raises(CannotRun):
        verify(folder, tmp_path / "a.zip", [Entry("x.txt", "", "", 1, "0" * 64, "")])


def test_an_interrupted_archive_leaves_nothing(scored, tmp_path, no_pdf, monkeypatch):
    def broken(*args):
        raise CannotRun("run-archive-verify", file="x")

    monkeypatch.setattr(archive_module, "verify", broken)
    assert main(["archive", str(scored)]) == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("资料汇总")] == []


@pytest.mark.slow  # openpyxl loads and saves of the whole 500-row workbook, then the ECMA schemas
def test_a_workbook_built_today_gets_its_scores_and_stays_sound(built_workbook, tmp_path, ecma_schemas):
    from support import excel_checks as checks

    path = tmp_path / "报名.xlsm"
    shutil.copy(built_workbook, path)
    port = FilePort(path)
    letters = {k: i for i, k in enumerate(REGISTRATION.keys)}
    rows = []
    for name, number, mobile in PEOPLE:
        row = [None] * len(REGISTRATION.keys)
        row[letters["name"]], row[letters["id_number"]], row[letters["mobile"]] = name, number, mobile
        rows.append(row)
    port.write_block(REGISTRATION.sheet, f"A{FIRST_DATA_ROW + 1}", rows)
    port.save()
    port = FilePort(path)
    import_scores(port, [merged_header_list(tmp_path / "成绩单.xlsx")], lists=False)
    port.save()
    ws = openpyxl.load_workbook(path)[SCORES_SHEET]
    assert [ws.cell(row, 2).value for row in range(5, 10)] == [n for n, _, _ in PEOPLE]
    assert ws["A1"].value == "职业技能等级认定成绩表" and "A1:N1" in {str(r) for r in ws.merged_cells.ranges}
    with zipfile.ZipFile(path) as archive:
        assert checks.package_problems(archive) == []
        assert checks.sheet_problems(archive) == []
        assert checks.schema_problems(archive, ecma_schemas)[0] == []


@pytest.mark.libreoffice
def test_the_archive_holds_a_pdf_of_the_scores_sheet(scored, tmp_path):
    assert main(["archive", str(scored)]) == 0
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir() and p.name.startswith("资料汇总")]
    pdf = folder / "成绩" / "PDF" / "成绩.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "李明" in text and masked(SUN) in text and SUN not in text
    assert "需补考：理论" in text
    assert sorted(p.name for p in (folder / "成绩" / "PDF").iterdir()) == ["合格名单.pdf", "成绩.pdf", "补考名单.pdf"]


@pytest.mark.libreoffice
def test_a_workbook_named_without_its_folder_still_gets_the_pdfs(scored, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # `qzxl action archive 报名.xlsm` in the workbook's folder: a staging folder ".~…"
    assert main(["action", "archive", scored.name]) == 0
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir() and p.name.startswith("资料汇总")]
    assert sorted(p.name for p in (folder / "成绩" / "PDF").iterdir()) == ["合格名单.pdf", "成绩.pdf", "补考名单.pdf"]


def test_the_live_port_makes_the_sheet_of_an_older_workbook(book, tmp_path):
    from support.fake_xlwings import FakeBook

    from qzxl.sheets.parts import read_sheet_values
    from udfs.excel_port import ExcelPort

    source = merged_header_list(tmp_path / "成绩单.xlsx")
    fake = FakeBook(book, read_sheet_values(book))
    port = ExcelPort(fake)
    run, _ = import_scores(port, [source], lists=False)
    grid = fake.sheets[SCORES_SHEET].grid  # the fake counts rows and columns from 1
    assert [grid.get((5 + i, 2)) for i in range(len(PEOPLE))] == [n for n, _, _ in PEOPLE]
    assert grid[(8, 13)] == "不合格" and (8, 12) in fake.sheets[SCORES_SHEET].notes
    again, _ = import_scores(port, [source], lists=False)  # the sheet is there now: written over, marks renewed
    assert fake.sheets[SCORES_SHEET].grid[(8, 13)] == "不合格" and again.counts() == run.counts()


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    plan = {"occupation": "电工", "level": "四级/中级工", "exam_subjects": "理论"}
    book = write_data_workbook(tmp_path / "报名.xlsx", plan, [{"name": "=1+1", "id_number": LI, "mobile": "+86"}],
                               roster=False)
    source = tmp_path / "成绩.csv"
    source.write_text(f"姓名,身份证号,理论\n=1+1,{LI},80\n@SUM(1),{WANG},70\n", encoding="utf-8")
    port = FilePort(book)
    _, folder = import_scores(port, [source])
    port.save()
    ws = openpyxl.load_workbook(book)[SCORES_SHEET]
    assert (ws["B5"].value, ws["B5"].data_type) == ("=1+1", "s")
    stranger = next(c for row in ws.iter_rows(min_row=6) for c in row if c.value and "@SUM" in str(c.value))
    assert stranger.data_type == "s"
    notice = (folder / "成绩通知.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    assert notice.startswith("'=1+1,'+86,'=1+1您好")


@pytest.mark.slow  # the 补考 workbook: an openpyxl load and save of the whole workbook
def test_the_clerks_weeks_after_the_exam(book, tmp_path, copy_build, no_pdf, capsys):
    """理论 comes first, the pass mark changes, 实操 comes a week later, then 补考 and the archive."""
    theory = tmp_path / "理论.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "理论考试"
    wb.active.append(["姓名", "身份证号", "成绩"])
    for name, number, score in (("李明", LI, 86), ("王芳", WANG, 58), ("赵强", ZHAO, "缺考"), ("钱红", QIAN, 62)):
        wb.active.append([name, number, score])
    wb.save(theory)
    assert main(["scores", str(theory), "--book", str(book)]) == 0
    capsys.readouterr()
    sheet = openpyxl.load_workbook(book)[SCORES_SHEET]
    assert [sheet.cell(r, 13).value for r in range(5, 10)] == ["无成绩", "不合格", "不合格", "无成绩", "无成绩"]
    port = FilePort(book)
    port.write_block(SCORES_SHEET, "E2", [[55]])  # the college says 理论 passes at 55 this time
    port.save()
    practice = tmp_path / "实操.csv"
    practice.write_text("姓名,身份证号,实操\n" + "".join(f"{n},{i},{s}\n" for (n, i, _), s in zip(
        PEOPLE, (70, 75, "缺考", 50, 88), strict=True)), encoding="gbk")
    assert main(["scores", str(practice), "--book", str(book)]) == 0
    sheet = openpyxl.load_workbook(book)[SCORES_SHEET]
    rows = [[sheet.cell(r, c).value for c in (5, 7, 13, 14)] for r in range(5, 10)]
    assert rows == [[86, 70, "合格", None], [58, 75, "合格", None], ["缺考", "缺考", "不合格", "需补考：理论、实操"],
                    [62, 50, "不合格", "需补考：实操"], [None, 88, "合格", None]]
    assert main(["retake", str(book)]) == 0
    retake = openpyxl.load_workbook(tmp_path / "报名-补考" / "报名-补考.xlsm")[REGISTRATION.sheet]
    keys = REGISTRATION.keys
    assert [(retake.cell(r, keys.index("name") + 1).value, retake.cell(r, keys.index("exam_subjects") + 1).value)
            for r in (5, 6)] == [("赵强", "理论、实操"), ("钱红", "实操")]
    assert main(["archive", str(book)]) == 0
    assert "资料已汇总" in capsys.readouterr().out
