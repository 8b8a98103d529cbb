"""Print setup of the exported forms and of the workbook, read back with openpyxl and the drawing XML.

What the pages look like on paper is checked by the slow test in test_print_visual.py (LibreOffice).
"""

import datetime as dt
import os
import re
import zipfile

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter
from PIL import Image

from qzxl.catalogue import CATALOGUE
from qzxl.export import forms, package
from qzxl.export.fit import fit_box, line_count, photo_for_box, width_for
from qzxl.layout import FORMS, REGISTRATION
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.sample import generate_batch
from qzxl.sheets.intake import read_plan
from qzxl.sheets.models import Candidate, Plan
from qzxl.sheets.tables import FormData
from udfs.file_port import FilePort
from udfs.runner import run_action
from usecases.export import export_package

LAST_REGISTRATION_COLUMN = get_column_letter(len(REGISTRATION.columns))
TODAY = dt.date(2026, 11, 24)
LONG_COMPANY = "浙江省衢州市柯城区恒信达电气设备安装工程有限责任公司衢江第一分公司"  # 33
LONG_COMPANY = LONG_COMPANY + "经营部维修服务站"[:40 - len(LONG_COMPANY)]  # the 40 characters the system allows


# Sizing -------------------------------------------------------------------------------------------

@given(st.integers(1, 20_000), st.integers(1, 20_000), st.integers(20, 2_000), st.integers(20, 2_000))
def test_a_photo_of_any_size_fits_its_box_centred_with_its_aspect(width, height, box_w, box_h):
    fitted_w, fitted_h, x, y = fit_box((width, height), (box_w, box_h))
    assert fitted_w <= box_w and fitted_h <= box_h and x >= 0 and y >= 0
    assert fitted_w == box_w or fitted_h == box_h or min(fitted_w, fitted_h) == 1 or \
        abs(fitted_w - box_w) <= 1 or abs(fitted_h - box_h) <= 1  # one side fills the box
    assert abs(x - (box_w - fitted_w - x)) <= 1 and abs(y - (box_h - fitted_h - y)) <= 1  # centred
    if min(fitted_w, fitted_h) > 20:
        assert abs(fitted_w / fitted_h - width / height) / (width / height) < 0.1  # aspect kept


@given(st.text(min_size=1, max_size=120), st.integers(4, 60), st.integers(1, 30))
def test_a_wider_column_never_needs_more_lines(text, width, more):
    assert line_count(text, width + more) <= line_count(text, width)
    assert line_count(text + "\n" + text, width) == 2 * line_count(text, width)


@pytest.mark.parametrize(("value", "width", "lines"), [
    ("330822199012153426", width_for("330822199012153426"), 1),  # an ID number is never cut in two
    ("13857012345", width_for("13857012345"), 1),
    (LONG_COMPANY, 57, 2),  # the 申报表's 工作单位 (B:D): two lines
    ("衢州市柯城区荷花街道荷一路 1 号", 24, 2),
    ("", 10, 1),
])
def test_lines_of_real_values(value, width, lines):
    assert line_count(value, width) == lines


def test_a_phone_photo_is_shrunk_for_the_form_and_turned_upright(tmp_path):
    path = tmp_path / "phone.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways, as phones do
    path.write_bytes(jpeg_bytes(portrait(2000, 1500, seed=1), exif=exif.tobytes()))
    data, size = photo_for_box(path, (130, 182))
    assert size[0] <= 390 and size[1] <= 546 and size[1] > size[0]  # upright, at most 3× the box
    with Image.open(data) as small:
        assert small.size == size and small.format == "JPEG"


# Exported forms ----------------------------------------------------------------------------------

def plan_with(**values):
    batch = generate_batch(1, mistakes=False)
    fields = {**batch.plan, **values}
    form = FormData("方案", {key: value for key, value in fields.items() if key in Plan.model_fields})
    return read_plan(form)[0]


def person(**changes):
    batch = generate_batch(1, mistakes=False)
    return Candidate(**{**batch.candidates[0], **changes}).model_dump()


def drawing_anchors(path):
    """(from col, from row, to col, to row, width EMU, height EMU) of every picture, from the XML itself."""
    with zipfile.ZipFile(path) as archive:
        xml = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/drawings/drawing"))
    pattern = (r"<xdr:from><xdr:col>(\d+)</xdr:col>.*?<xdr:row>(\d+)</xdr:row>.*?<xdr:to><xdr:col>(\d+)</xdr:col>"
               r".*?<xdr:row>(\d+)</xdr:row>.*?<a:ext cx=\"(\d+)\" cy=\"(\d+)\"")
    return [tuple(map(int, found)) for found in re.findall(pattern, xml)]


def test_applications_a_page_each_and_at_most_so_many_people_a_sheet(tmp_path, monkeypatch):
    monkeypatch.setattr(forms, "APPLICATIONS_PER_SHEET", 3)
    people = [person(name=f"学员{i}") for i in range(7)]
    path = tmp_path / "申报表.xlsx"
    forms.write_applications(path, plan_with(), people, {})
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["申报表1-3", "申报表4-6", "申报表7-7"]
    for ws, count in zip(book.worksheets, (3, 3, 1), strict=True):
        tops = [c.row for c in ws["A"] if c.value == FORMS["applications"].title]
        assert len(tops) == count
        assert [b.id for b in ws.row_breaks.brk] == [t - 1 for t in tops[1:]]
        assert ws.print_area == f"'{ws.title}'!$A$1:$E${ws.max_row}"
        assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"
        assert fit(ws) is None  # Excel ignores manual page breaks on a sheet scaled to fit


@pytest.mark.parametrize("size", [(358, 441), (900, 1200), (1500, 2000), (600, 600)])
def test_the_photo_sits_inside_its_box_whatever_its_size(tmp_path, size):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(jpeg_bytes(portrait(*size, seed=3)))
    path = tmp_path / "申报表.xlsx"
    someone = person(employer=LONG_COMPANY)
    forms.write_applications(path, plan_with(), [someone, someone], {someone["id_number"]: photo})
    anchors = drawing_anchors(path)
    assert len(anchors) == 2
    ws = openpyxl.load_workbook(path).active
    boxes = [r for r in ws.merged_cells.ranges if r.min_col == r.max_col == 5 and r.max_row - r.min_row == 4]
    assert len(boxes) == 2  # 申报人姓名 … 工作单位: five rows, as on the blank form
    for (col, row, to_col, to_row, cx, cy), box in zip(anchors, boxes, strict=True):
        assert col == to_col == 4  # column E only
        assert box.min_row - 1 <= row and to_row <= box.max_row - 1  # rows of the box only (0-based)
        assert abs(cx / cy - size[0] / size[1]) < 0.02  # aspect kept


def test_the_photo_box_has_id_photo_proportions(tmp_path):
    path = tmp_path / "申报表.xlsx"
    forms.write_applications(path, plan_with(), [person()], {})
    ws = openpyxl.load_workbook(path).active
    width_px = round(ws.column_dimensions["E"].width * 7)  # the file stores the width with its padding
    height_px = sum(ws.row_dimensions[r].height * 4 / 3 for r in range(2, 7))
    assert height_px / width_px == pytest.approx(7 / 5, rel=0.02)  # 35×49 mm, 25×35 mm


def test_training_hours_and_subjects_from_the_plan_unless_the_candidate_says_otherwise(tmp_path):
    path = tmp_path / "申报表.xlsx"
    plan = plan_with(training_hours=80, exam_subjects="实操")
    people = [person(), person(training_hours=120, exam_subjects="理论、实操、综合")]
    forms.write_applications(path, plan, people, {})
    texts = [c.value for row in openpyxl.load_workbook(path).active.iter_rows() for c in row
             if isinstance(c.value, str)]
    ticks = [t.strip() for t in texts if "□" in t or "☑" in t]
    hours = [t for t in texts if "学时" in t]
    assert ticks == ["□ 理论     ☑ 实操     □ 综合", "☑ 理论     ☑ 实操     ☑ 综合"]
    assert ["共 80 学时" in hours[0], "共 120 学时" in hours[1]] == [True, True]


def test_without_a_choice_the_ticks_follow_the_plans_arrangements():
    assert forms.subjects({}, plan_with(theory_time="", theory_place="", practice_place="实训室")) == {"实操"}
    assert forms.subjects({}, plan_with()) == {"理论", "实操"}


def fit(ws):
    """(pages wide, pages tall) of "fit to", None when the sheet is not scaled to fit (1 is the file's default)."""
    if not (ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage):
        return None
    setup = ws.page_setup
    return (1 if setup.fitToWidth is None else setup.fitToWidth, 1 if setup.fitToHeight is None else setup.fitToHeight)


def cells_by_row(ws):
    """Row → the last column each row reaches (merged ranges included)."""
    reach = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None or cell.border.right.style:
                reach[cell.row] = max(reach.get(cell.row, 0), cell.column)
    for merged in ws.merged_cells.ranges:
        for r in range(merged.min_row, merged.max_row + 1):
            reach[r] = max(reach.get(r, 0), merged.max_col)
    return reach


def test_plan_form_line_by_line_as_the_blank_form(tmp_path):
    path = tmp_path / "方案.xlsx"
    plan = plan_with(filing_date=dt.date(2026, 11, 20), theory_marking_lead="叶文斌", practice_examiner_lead="蒋海燕",
                     org=LONG_COMPANY)
    forms.write_plan_form(path, plan, [person()], [], today=TODAY)
    ws = openpyxl.load_workbook(path).active
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "2026 年 11 月 20 日" in texts  # the filing date, not the day of the export
    assert any(t.startswith("判卷人数：") for t in texts) and "负责人：叶文斌" in texts
    assert "负责人：蒋海燕" in texts and "应知认定负责人：周建国" in texts and "应会认定负责人：程晓东" in texts
    notes = [t.strip("　") for t in texts if re.match(r"^(说明：)?\s*[123]、", t.strip("　"))]
    assert [n.removeprefix("说明：")[:2] for n in notes] == ["1、", "2、", "3、"]  # numbered lines
    reach = cells_by_row(ws)
    table_rows = [r for r in reach if r >= 3]
    assert {reach[r] for r in table_rows} == {8}  # one right edge, upper and lower block alike
    assert fit(ws) == (1, 1) and ws.page_setup.paperSize == 9
    forms.write_plan_form(path, plan_with(), [person()], [], today=TODAY)
    assert openpyxl.load_workbook(path).active["A2"].value == "2026 年 11 月 24 日"  # empty: the export's day


def test_tables_print_landscape_one_page_wide_with_their_header_on_every_page(tmp_path):
    batch = generate_batch(5, mistakes=False)
    plan = plan_with()
    forms.write_registration(tmp_path / "r.xlsx", plan, batch.candidates)
    forms.write_roster(tmp_path / "h.xlsx", plan, [{"name": p["name"]} for p in batch.candidates])
    for name, columns, header_height in (("r.xlsx", "O", 21), ("h.xlsx", "J", 3 * 10.5 * 1.3)):
        ws = openpyxl.load_workbook(tmp_path / name).active
        assert ws.print_area == f"'{ws.title}'!$A$1:${columns}$9"  # title, two lines, header, five people
        assert ws.print_title_rows == "$4:$4"
        assert (ws.page_setup.orientation, fit(ws)) == ("landscape", (1, 0))
        assert ws.row_dimensions[4].height >= header_height  # 花名册: 本职业（工种）年限 takes three lines


# PDF fonts ---------------------------------------------------------------------------------------

def note(code, **params):
    return CATALOGUE[code].render(**params)


def fake_program(folder, name, script):
    path = folder / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return path


@pytest.fixture
def fake_fonts(tmp_path, monkeypatch):
    """fc-list answering from a table, and a soffice that writes an empty PDF for every file."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(package.sys, "platform", "linux")
    soffice = fake_program(bin_dir, "soffice", 'out=""; for a in "$@"; do case "$prev" in --outdir) out=$a;; esac; '
                                               'case "$a" in *.xlsx) b=$(basename "$a" .xlsx); '
                                               ': > "$out/$b.pdf";; esac; prev=$a; done\n')
    monkeypatch.setattr(package, "libreoffice", lambda: str(soffice))

    def answer(chinese: str, carlito: str):
        fake_program(bin_dir, "fc-list", f'case "$1" in :lang=zh) printf "{chinese}";; '
                                         f':family=Carlito) printf "{carlito}";; esac\n')
    return answer


def export_small(tmp_path, write_book):
    batch = generate_batch(2, mistakes=False)
    book = write_book(batch.plan, batch.candidates)
    return export_package(book, tmp_path / "out", today=TODAY)


def test_no_chinese_font_means_no_pdf_and_the_package_to_install(tmp_path, write_book, fake_fonts):
    fake_fonts("", "Carlito\\n")
    result = export_small(tmp_path, write_book)
    assert not (result.folder / "PDF").exists()
    assert result.pdf_note == note("pdf-no-chinese-font", package="fonts-noto-cjk")
    assert "方框" in result.pdf_note  # says why
    manifest = (result.folder / "manifest.json").read_text(encoding="utf-8")
    assert "fonts-noto-cjk" in manifest


def test_with_fonts_the_pdfs_are_made(tmp_path, write_book, fake_fonts):
    fake_fonts("Noto Sans CJK SC\\n", "Carlito\\n")
    result = export_small(tmp_path, write_book)
    assert sorted(p.name for p in (result.folder / "PDF").iterdir()) == sorted(
        name.replace(".xlsx", ".pdf") for key, name in package.FORM_FILES.items() if key != "report")
    assert result.pdf_note == note("pdf-made") == "已由 LibreOffice 生成 PDF（在「PDF」文件夹中）。"


def test_without_calibri_metrics_the_pdfs_come_with_advice(tmp_path, write_book, fake_fonts):
    fake_fonts("Noto Sans CJK SC\\n", "")
    result = export_small(tmp_path, write_book)
    assert (result.folder / "PDF").is_dir()
    assert result.pdf_note == note("pdf-made") + note("pdf-no-calibri-metrics", package="fonts-crosextra-carlito")


def test_libreoffice_missing_failing_or_converting_only_some(tmp_path, fake_fonts, monkeypatch):
    fake_fonts("Noto Sans CJK SC\\n", "Carlito\\n")
    files = [tmp_path / "a.xlsx", tmp_path / "b.xlsx"]
    monkeypatch.setattr(package, "libreoffice", lambda: None)
    assert package.convert_to_pdf(files, tmp_path / "none") == note("pdf-no-libreoffice")
    monkeypatch.setattr(package, "libreoffice", lambda: str(fake_program(tmp_path, "broken", "exit 1\n")))
    assert package.convert_to_pdf(files, tmp_path / "failed") == note("pdf-failed")
    half = fake_program(tmp_path, "half", 'for a in "$@"; do out=$a; done; : > "$(dirname "$out")/some/a.pdf"\n')
    monkeypatch.setattr(package, "libreoffice", lambda: str(half))
    assert package.convert_to_pdf(files, tmp_path / "some") == note("pdf-partial", files="b.xlsx")


def test_windows_is_assumed_to_have_chinese_fonts(monkeypatch):
    monkeypatch.setattr(package.sys, "platform", "win32")
    assert package.font_problem() is None


# The workbook ------------------------------------------------------------------------------------

def test_actions_print_only_the_filled_rows(write_book, tmp_path):
    batch = generate_batch(12)
    book = write_book(batch.plan, batch.candidates)
    out = tmp_path / "after.xlsx"
    port = FilePort(book, out)
    run_action("validate", port, TODAY)
    port.save()
    saved = openpyxl.load_workbook(out)
    assert saved["报名信息"].print_area == f"'报名信息'!$A$1:${LAST_REGISTRATION_COLUMN}$14"  # title, header, 12 people
    assert saved["花名册"].print_area == "'花名册'!$A$1:$J$14"
    results = saved["校验结果"]
    assert results.print_area == f"'校验结果'!$A$1:$H${results.max_row}"
