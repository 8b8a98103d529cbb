"""The exported forms as LibreOffice prints them: every value inside its ruled cell, a page per 申报表.

A 30-person batch with phone-sized photos (900×1200 as 修复照片 writes them, 3000×4000 straight from a
phone) and the longest values a clerk meets is exported with PDFs; pdfplumber reads back the text boxes
and the ruling lines (tests/support/pdf_layout.py). One deliberately broken sheet proves the check can fail.
"""

import datetime as dt
import os

import pdfplumber
import pytest
import xlsxwriter
from support.pdf_layout import Page

from qzxl.export import package
from qzxl.export.package import convert_to_pdf
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.sample import generate_batch
from usecases.export import export_package

pytestmark = pytest.mark.libreoffice

COMPANY = "浙江省衢州市柯城区恒信达电气设备安装工程有限责任公司衢江第一分公司经营部维修服务"  # 40: the system's limit
ADDRESS = ("浙江省衢州市柯城区荷花街道荷花东路188号荷花苑小区12幢3单元1502室"
           "（衢州市第二人民医院东门对面便民服务中心楼上）")[:60]
NAME = "穆罕默德·阿卜杜热合曼·买买提"  # a Uyghur name as written on the ID card, with the middle dots
CONDITION = ("取得本职业或相关职业五级/初级工职业资格（职业技能等级）证书后，"
             "累计从事本职业或相关职业工作4年（含）以上，且经本职业正规培训达规定标准学时数")[:60]
PHOTO_SIZES = {0: (3000, 4000), 1: (900, 1200), 2: (3000, 4000), 3: (358, 441)}  # the rest 900×1200
LONGEST = (0, 1, 13, 29)  # candidates with every longest value


def test_the_longest_values_are_as_long_as_the_issue_says():
    assert (len(COMPANY), len(ADDRESS), len(NAME), len(CONDITION)) == (40, 60, 15, 60)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    if package.libreoffice() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice is not installed here (CI installs it)")
    folder = tmp_path_factory.mktemp("visual")
    batch = generate_batch(30, mistakes=False)
    for index in LONGEST:
        batch.candidates[index].update(employer=COMPANY, address=ADDRESS, condition=CONDITION)
    batch.candidates[1]["name"] = NAME
    batch.plan.update(trainer=COMPANY, textbook="《电工（中级）》国家职业技能等级认定培训教程（第二版）",
                      theory_place=ADDRESS, filing_date=dt.date(2026, 11, 20), training_hours=120,
                      theory_marking_lead="叶文斌", practice_examiner_lead="蒋海燕")
    from qzxl.sheets.writer import write_data_workbook

    book = write_data_workbook(folder / "book.xlsx", batch.plan, batch.candidates)
    photos = folder / "照片"
    photos.mkdir()
    for index, person in enumerate(batch.candidates):
        width, height = PHOTO_SIZES.get(index, (900, 1200))
        image = portrait(width, height, seed=index, grain=0.03 if width > 1000 else 0.0)
        (photos / f"{person['id_number']}{person['name']}.jpg").write_bytes(jpeg_bytes(image, quality=85))
    result = export_package(book, folder / "out", photos=photos, force=True, today=dt.date(2026, 12, 1))
    assert result.pdf_note.startswith("已由 LibreOffice 生成 PDF"), result.pdf_note
    return batch, result.folder / "PDF"


def pages(pdf):
    with pdfplumber.open(pdf) as document:
        return [Page(page) for page in document.pages]


def problems(page_list, values):
    """Every value that is not wholly inside one ruled cell on some page."""
    found = []
    for value in values:
        text = str(value)
        per_page = [page.misplaced(text) for page in page_list if page.occurrences(text)]
        if not per_page:
            found.append(f"{text!r} is on no page")
        found += [problem for page_problems in per_page for problem in page_problems]
    return found


PERSON_KEYS = ("name", "id_type", "id_number", "gender", "education", "mobile", "source", "employer", "address",
               "condition", "prior_level", "title_level")


def test_each_application_is_one_page_with_every_value_and_the_photo_inside_its_box(exported):
    batch, pdf = exported
    forms = pages(pdf / "职业技能等级认定申报表.pdf")
    assert len(forms) == len(batch.candidates)  # exactly one page per person
    for person, page in zip(batch.candidates, forms, strict=True):
        assert page.occurrences(person["id_number"]), person["name"]  # the page is this person's
        assert problems([page], [person[key] for key in PERSON_KEYS if person[key]]) == [], person["name"]
        assert problems([page], ["共120学时"]) == []
        (photo,) = page.images()
        box = page.box_at((photo.left + photo.right) / 2, (photo.top + photo.bottom) / 2)
        assert box is not None and box.holds(photo.left, photo.top, photo.right, photo.bottom), person["name"]
        assert box.ratio == pytest.approx(7 / 5, rel=0.12)  # an ID photo's box (rows grow only for long values)
        width, height = PHOTO_SIZES.get(batch.candidates.index(person), (900, 1200))
        assert (photo.right - photo.left) / (photo.bottom - photo.top) == pytest.approx(width / height, rel=0.03)


def test_the_plan_form_is_one_page_with_every_value_inside_its_cell(exported):
    batch, pdf = exported
    (page,) = pages(pdf / "方案审批（备案）表.pdf")
    plan = batch.plan
    values = [plan[key] for key in ("org", "contact", "contact_phone", "occupation", "level", "review_status",
                                    "trainer", "textbook")]
    values += [f"认定地点：{ADDRESS}", "负责人：叶文斌", "负责人：蒋海燕", f"应知认定负责人：{plan['theory_lead']}",
               f"电话：{plan['theory_lead_phone']}", "试卷来源：衢州市技能人才评价管理服务中心"]
    assert problems([page], values) == []
    assert page.occurrences("2026年11月20日")  # the filing date under the title


@pytest.mark.parametrize(("name", "keys"), [
    ("学员花名册.pdf", ("name", "gender", "education", "id_number", "mobile", "employer")),
    ("报名信息表.pdf", PERSON_KEYS),
])
def test_tables_keep_every_value_in_its_cell_and_repeat_the_header(exported, name, keys):
    batch, pdf = exported
    page_list = pages(pdf / name)
    values = sorted({p[key] for p in batch.candidates for key in keys if p[key]} - {"无", "男", "女"})
    assert problems(page_list, values) == []
    header = "身份证号码" if name == "学员花名册.pdf" else "证件号码"
    assert all(page.occurrences(header) for page in page_list)  # the header row on every page


def test_payment_is_one_page(exported):
    batch, pdf = exported
    (page,) = pages(pdf / "缴费信息.pdf")
    assert problems([page], [batch.plan["payer_tax_id"], batch.plan["payer_bank"]]) == []


def test_the_check_finds_text_that_runs_over_a_border(tmp_path):
    if package.libreoffice() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice is not installed here (CI installs it)")
    path = tmp_path / "broken.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    boxed = book.add_format({"border": 1, "font_name": "宋体"})
    ws.set_column(0, 2, 10)
    ws.write_string(0, 0, COMPANY, boxed)  # no wrap: runs across B and C
    ws.write_string(1, 0, "短", boxed)
    ws.write_string(0, 2, "", boxed)
    book.close()
    convert_to_pdf([path], tmp_path / "PDF")
    (page,) = pages(tmp_path / "PDF" / "broken.pdf")
    assert page.misplaced(COMPANY) and page.misplaced("短") == []
