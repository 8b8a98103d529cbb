"""The guide and README say what the sheets are: column counts, how a sheet prints, what an option writes."""

import re
from pathlib import Path

from cli.commands import build_parser
from qzxl.layout import REGISTRATION
from qzxl.sheets.address import column_letter
from workbook.sheets.registration import REGISTRATION_PAGES_WIDE

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "用户指南.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
IN_WORDS = {2: ("两", "two"), 3: ("三", "three"), 4: ("四", "four")}


def test_the_registration_sheet_s_column_count_and_letters():
    count, last = len(REGISTRATION.columns), column_letter(len(REGISTRATION.columns))
    assert re.findall(r"共 (\d+) 列（A–([A-Z]+)", GUIDE) == [(str(count), last)]
    assert f"{count} columns (A–{last}" in README
    assert "共 23 列" not in GUIDE and "23 columns" not in README


def test_how_the_registration_sheet_prints():
    chinese, english = IN_WORDS[REGISTRATION_PAGES_WIDE]
    assert f"分{chinese}页宽打印" in GUIDE
    assert f"prints {english} pages wide" in README.replace("\n", " ")


def test_the_photos_zip_option_says_what_it_writes():
    photos = build_parser()._subparsers._group_actions[0].choices["photos"]
    (zip_option,) = [a for a in photos._actions if "--zip" in a.option_strings]
    assert "--fix 文件夹" in zip_option.help and "照片.zip" not in zip_option.help
