"""Regenerate the README's pictures (docs/images/*.png) from a fresh ``qzxl demo``, as LibreOffice prints them.

    .venv/bin/python scripts/render_images.py [--keep DIR]

Needs LibreOffice, a Chinese font and poppler's pdftoppm (the same as the slow tests). Prints the page
count of every exported form and of the workbook, sheet by sheet.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

import pdfplumber

from cli.demo import run_demo
from qzxl.export.package import convert_to_pdf
from qzxl.layout import EXAM_KIT_FILES, FORMS

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
TODAY = dt.date(2026, 12, 1)
PHONE_PHOTO = 2  # the demo's rotated 1500×2000 phone photo, made upright by 修复照片
SHEET_TITLES = {"方案": "方案审批（备案）表黄色格", "报名信息": "报名信息表备案机构", "花名册": "学员花名册培训机构",
                "流程": "申报流程", "校验结果": "级别表单元格", "导入结果": "文件源文件行", "字典": "下拉列表的可选项",
                "成绩": "职业技能等级认定成绩表"}


def pdf_name(form: str) -> str:
    return Path(FORMS[form].file).with_suffix(".pdf").name


def png(pdf: Path, page: int, out: Path, dpi: int = 80) -> None:
    stem = out.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(stem)], check=True)


def page_texts(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        return ["".join((page.extract_text() or "").split()) for page in document.pages]


def render_kit(pdfs: Path) -> None:
    """The exam kit's first sign-in sheet page and first desk-card page (考务材料, issue 29)."""
    for name in EXAM_KIT_FILES.values():
        print(f"{Path(name).stem}: {len(page_texts(pdfs / Path(name).with_suffix('.pdf').name))} 页")
    png(pdfs / Path(EXAM_KIT_FILES["sign_in"]).with_suffix(".pdf").name, 1, IMAGES / "签到表.png", dpi=60)
    png(pdfs / Path(EXAM_KIT_FILES["desk_cards"]).with_suffix(".pdf").name, 1, IMAGES / "桌贴.png", dpi=60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="leave the demo folder here instead of a temporary one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qzxl-images-") as temporary:
        folder = args.keep or Path(temporary) / "demo"
        demo = run_demo(folder, today=TODAY)
        pdfs = demo.export.folder / "PDF"
        for pdf in sorted(pdfs.glob("*.pdf")):
            print(f"{pdf.stem}: {len(page_texts(pdf))} 页")
        png(pdfs / pdf_name("applications"), PHONE_PHOTO + 1, IMAGES / "申报表.png")
        png(pdfs / pdf_name("plan"), 1, IMAGES / "方案审批表.png")
        png(pdfs / pdf_name("roster"), 1, IMAGES / "花名册.png", dpi=60)
        render_kit(demo.kit.folder / "PDF")
        book_pdfs = Path(temporary) / "book"
        print(convert_to_pdf([demo.book], book_pdfs))
        book_pdf = book_pdfs / f"{demo.book.stem}.pdf"
        texts = page_texts(book_pdf)
        print(f"工作簿：共 {len(texts)} 页")
        first = {}
        for number, content in enumerate(texts, start=1):
            sheet = next((name for name, marker in SHEET_TITLES.items() if marker in content), "（续页）")
            first.setdefault(sheet, number)
            print(f"  第 {number} 页：{sheet}")
        png(book_pdf, first["方案"], IMAGES / "方案.png")
        png(book_pdf, first["报名信息"], IMAGES / "报名信息.png", dpi=60)
        png(book_pdf, first["成绩"], IMAGES / "成绩.png", dpi=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
