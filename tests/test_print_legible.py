"""Every PDF the export writes and every printed sheet of the workbook: text ≥ 8 pt at 100 %, as LibreOffice prints.

A 300-person batch (30 students with 工作年限 0 — the issue's trial had 29 — and the longest values a clerk
meets) is exported with its PDFs; pdfplumber reads the printed size of every character (tests/support/print_sizes.py).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pdfplumber
import pytest
from support.print_sizes import MIN_PRINTED_PT, lonely_punctuation, smallest_sizes

from qzxl.export import package
from qzxl.layout import FORMS
from qzxl.sample import generate_batch
from qzxl.sheets.writer import write_data_workbook
from usecases.export import export_package

pytestmark = pytest.mark.libreoffice

COMPANY = "浙江省衢州市柯城区恒信达电气设备安装工程有限责任公司衢江第一分公司经营部维修服务"
ADDRESS = "浙江省衢州市柯城区荷花街道荷花东路188号荷花苑小区12幢3单元1502室（衢州市第二人民医院东门对面）"
STUDENTS = range(5, 300, 10)  # 30 students; row 7, a worker, has 工作年限 left blank
PEOPLE = 300


def _skip_without_libreoffice():
    if package.libreoffice() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice is not installed here (CI installs it)")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    _skip_without_libreoffice()
    folder = tmp_path_factory.mktemp("legible")
    batch = generate_batch(PEOPLE, mistakes=False)
    batch.plan["training_hours"] = 120
    for index in STUDENTS:
        batch.candidates[index].update(source="学校(在校生)", work_years=0, condition="")
    batch.candidates[7].update(work_years=None)
    for index in (0, 1, 150, 299):
        batch.candidates[index].update(employer=COMPANY, address=ADDRESS[:60])
    book = write_data_workbook(folder / "book.xlsx", batch.plan, batch.candidates)
    result = export_package(book, folder / "out", force=True, today=dt.date(2026, 11, 24))
    assert result.pdf_note.startswith("已由 LibreOffice 生成 PDF"), result.pdf_note
    return batch, result.folder / "PDF"


def test_every_pdf_the_export_writes_is_at_least_8_pt(exported):
    _, pdf = exported
    files = sorted(pdf.glob("*.pdf"))
    assert {f.name for f in files} == {f"{Path(FORMS[key].file).stem}.pdf" for key in
                                        ("plan", "roster", "registration", "applications", "payment")}
    for file in files:
        smallest = min(smallest_sizes(file))
        assert smallest >= MIN_PRINTED_PT, f"{file.name}: {smallest:.1f} pt"


def test_the_registration_table_keeps_its_15_columns_on_one_page_width(exported):
    _, pdf = exported
    with pdfplumber.open(pdf / "报名信息表.pdf") as document:
        first = document.pages[0]
        assert first.width > first.height  # A4 landscape
        text = "".join(c["text"] for c in first.chars)  # as drawn, cell by cell: a wrapped header stays whole
    for header in ("姓名", "证件类型", "证件号码", "性别", "出生日期", "民族", "文化程度", "手机号码", "考生来源",
                   "所在单位", "工作年限", "原鉴定等级", "通讯地址", "电子邮箱", "申报条件"):
        assert header in text, header


def test_no_application_says_zero_years_and_none_leaves_punctuation_alone(exported):
    batch, pdf = exported
    with pdfplumber.open(pdf / "职业技能等级认定申报表.pdf") as document:
        texts = [page.extract_text() for page in document.pages]
    assert len(texts) == PEOPLE
    assert not [n for n, text in enumerate(texts) if "已满 0 年" in text or "已满0年" in text]
    for index in STUDENTS:
        assert batch.candidates[index]["name"] in texts[index] and "特此证明" in texts[index]
    assert lonely_punctuation(pdf / "职业技能等级认定申报表.pdf") == []


def test_the_check_finds_small_text_and_lonely_punctuation(tmp_path):
    """A sheet in 6 pt, and a full line whose 。 wraps: the checks above can fail."""
    _skip_without_libreoffice()
    import xlsxwriter

    from qzxl.export.package import convert_to_pdf

    book = xlsxwriter.Workbook(str(tmp_path / "small.xlsx"))
    ws = book.add_worksheet()
    wrap = book.add_format({"font_name": "宋体", "font_size": 10.5, "text_wrap": True, "border": 1})
    for col, width in enumerate((14, 24, 12, 20, 19)):  # the 申报表's columns; the text spans B–E
        ws.set_column(col, col, width)
    ws.merge_range(0, 1, 0, 4, "申报人已根据国家职业技能等级认定标准规定，完成职业技能等级认定的培训，共 120 学时。", wrap)
    ws.set_row(0, 40)
    ws.write_string(2, 0, "小字", book.add_format({"font_name": "宋体", "font_size": 6}))
    book.close()
    convert_to_pdf([tmp_path / "small.xlsx"], tmp_path / "PDF")
    assert min(smallest_sizes(tmp_path / "PDF" / "small.pdf")) < MIN_PRINTED_PT
    assert lonely_punctuation(tmp_path / "PDF" / "small.pdf") == [(1, "。")]


@pytest.fixture(scope="module")
def demo_printed(tmp_path_factory):
    """The demo's workbook after its buttons ran (30 people, marks, 校验结果, 导入结果), printed by LibreOffice."""
    _skip_without_libreoffice()
    from cli.demo import run_demo
    from qzxl.export.package import convert_to_pdf

    folder = tmp_path_factory.mktemp("demo")
    demo = run_demo(folder / "qzxl-demo", today=dt.date(2026, 11, 24))
    convert_to_pdf([demo.book], folder / "PDF")
    with pdfplumber.open(folder / "PDF" / f"{demo.book.stem}.pdf") as document:
        pages = [("".join(c["text"] for c in page.chars), page.width > page.height) for page in document.pages]
    return demo, folder / "PDF" / f"{demo.book.stem}.pdf", pages


def test_every_printed_sheet_of_the_workbook_is_at_least_8_pt(demo_printed):
    demo, pdf, _ = demo_printed
    sizes = smallest_sizes(pdf)
    assert min(sizes) >= MIN_PRINTED_PT, [round(size, 1) for size in sizes]
    for file in (demo.export.folder / "PDF").glob("*.pdf"):  # the demo's own export too
        assert min(smallest_sizes(file)) >= MIN_PRINTED_PT, file.name


def test_the_registration_sheet_prints_every_column_three_pages_wide_names_and_ids_on_each(demo_printed):
    demo, _, pages = demo_printed
    title = FORMS["registration"].title
    sheet_pages = [(text, landscape) for text, landscape in pages if title in text]
    assert len(sheet_pages) == 3 and all(landscape for _, landscape in sheet_pages)  # 30 people: one page tall
    from qzxl.layout import REGISTRATION

    printed = "".join(text for text, _ in sheet_pages)
    assert all(column.header in printed for column in REGISTRATION.columns)
    for text, _ in sheet_pages:
        assert "姓名" in text and "证件号码" in text
        assert demo.batch.candidates[0]["name"] in text
