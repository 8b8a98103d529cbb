"""The package folder's name when the 方案 leaves a part blank: a stand-in word, never an empty part."""

import datetime as dt

from qzxl.export.package import package_name
from qzxl.sheets.models import Plan


def test_a_blank_plan_names_every_part_by_what_is_missing():
    assert package_name(Plan()) == "培训机构_工种_考试日期未定"


def test_only_the_blank_part_is_stood_in_for():
    plan = Plan(org="衢州市衢江区明远职业技能培训学校", occupation="电工", level="四级/中级工")
    assert package_name(plan) == "衢州市衢江区明远职业技能培训学校_电工四级-中级工_考试日期未定"
    assert package_name(Plan(occupation="电工", exam_date=dt.date(2026, 12, 18))) == "培训机构_电工_2026-12-18"


def test_an_organisation_of_symbols_only_gets_the_stand_in():
    assert package_name(Plan(org="...", occupation="电工", exam_date=dt.date(2026, 12, 18))) == (
        "培训机构_电工_2026-12-18")
