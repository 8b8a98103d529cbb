"""What a clerk reads about 申报条件, as real cases: the sentences written out by hand, and the JSON's parameters.

The regulations' sentences are those the college asks for in the 申报表's 申报条件 field; the words around them
(why a route does not hold, what to fill in, what to check) are written here as a clerk should read them. The exam
is on 2026-12-18, the occupation 电工.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import ZHANG_SAN, context, valid_candidate

from qzxl.catalogue import ELIGIBILITY_WORDS, PHRASED, phrase
from qzxl.report import Issue
from qzxl.rules import eligibility
from qzxl.rules.eligibility_routes import Route
from qzxl.sheets.models import Plan
from qzxl.sheets.tables import TableData, TableRow
from qzxl.worksheet import condition_sentence

FIVE, FOUR, THREE, TWO, ONE = "五级/初级工", "四级/中级工", "三级/高级工", "二级/技师", "一级/高级技师"
RULES_2023 = "《国家职业标准编制技术规程（2023年版）》"


def person(level: str, **data):
    values = {"applied_level": level, "work_years": None, "prior_level": "无", "education": "初中",
              "title_level": "无", "condition": "", "source": "企业"}
    return valid_candidate(**{**values, **data})


def issues(candidate, basis: str = "", **changes) -> dict[str, Issue]:
    """The 申报条件 issues of one row, by code, placed as the rules place them."""
    ctx = context(plan=Plan(occupation="电工", eligibility_basis=basis), **changes)
    return {f.code: Issue.create(f.code, params=f.params, sheet="报名信息", row=3, column="申报条件", key=f.key)
            for f in eligibility.check(candidate, ctx)}


def test_three_years_is_not_the_five_the_typed_route_needs():
    wang = person(FOUR, work_years=3.0, school_level="中等职业学校", condition="累计从事本职业或相关职业工作满5年")
    found = issues(wang)["condition-contradicted"]
    assert found.message == ("申报条件写的是「累计从事本职业或相关职业工作满5年。」，但工作年限 3 年，这一条需要 5 年。"
                             "请核对，或改写为符合的一条。")
    params = found.as_dict()["params"]
    assert params["reason"] == [{"key": "route-years-short", "years": 3.0, "needed": 5}]
    assert params["basis"] == "basis-2023" and params["level"] == FOUR


def test_a_certificate_too_recent_names_both_dates():
    li = person(THREE, prior_level=FOUR, cert_date=dt.date(2025, 6, 1), work_years=8.0, education="大学本科",
                condition="取得本职业或相关职业四级/中级工职业资格（职业技能等级）证书后，累计从事本职业或相关职业工作满4年")
    found = issues(li)["condition-contradicted"]
    assert "但原等级发证日期（2025-06-01）到 2026-12-18 不满 4 年。" in found.message
    reason = json.loads(json.dumps(found.as_dict()))["params"]["reason"]
    assert reason == [{"key": "route-cert-recent", "date": "2025-06-01", "on": "2026-12-18", "needed": 4}]


def test_two_reasons_are_joined_by_the_catalogue_separator():
    zhao = person(TWO, prior_level=THREE, school_level="技工院校高级工班", work_years=2.0,
                  condition="取得本职业或相关职业三级/高级工职业资格（职业技能等级）证书的技工院校预备技师（技师）班在读学生")
    found = issues(zhao)["condition-contradicted"]
    assert found.message == (
        "申报条件写的是「取得本职业或相关职业三级/高级工职业资格（职业技能等级）证书的技工院校预备技师（技师）班在读学生。」，"
        "但这一条只适用于在读学生，考生来源不是在校生；毕业院校类别「技工院校高级工班」不在这一条之列。"
        "请核对，或改写为符合的一条。")
    assert [item["key"] for item in found.as_dict()["params"]["reason"]] == ["route-students-only",
                                                                              "route-school-other"]


def test_a_blank_certificate_level_reads_as_not_filled_in():
    sun = person(THREE, prior_level="", education="大学本科",
                 condition="取得本职业或相关职业四级/中级工职业资格（职业技能等级）证书后，累计从事本职业或相关职业工作满4年")
    found = issues(sun)["condition-contradicted"]
    assert "但原鉴定等级为「未填」，这一条需要 四级/中级工 证书。" in found.message
    assert found.as_dict()["params"]["reason"][0]["held"] == ""  # the JSON keeps the value as it was


def test_an_id_number_typed_into_a_column_is_masked_in_the_message_and_the_json():
    typed = person(THREE, work_years=10.0, school_level=ZHANG_SAN,
                   condition="取得本专业或相关专业的技工院校高级工班及以上毕业证书（含在读应届毕业生）")
    found = issues(typed)["condition-contradicted"]
    assert "毕业院校类别「3308**********3426」不在这一条之列" in found.message
    shown = json.dumps(found.as_dict(), ensure_ascii=False)
    assert ZHANG_SAN not in shown and "3308**********3426" in shown


def test_what_to_fill_in_is_listed_per_route():
    # 二级 by a certificate (5 years after it) or as a 高级技工学校 graduate (2 years): no 工作年限, no class given
    qian = person(TWO, prior_level=THREE, education="技工学校")
    found = issues(qian)["eligibility-unclear"]
    assert found.message == (
        f"按{RULES_2023}，报「二级/技师」的条件无法确认："
        "「取得本职业或相关职业三级/高级工职业资格（职业技能等级）证书后，累计从事本职业或相关职业工作满5年」工作年限未填；"
        "「取得本职业或相关职业三级/高级工职业资格（职业技能等级）证书的高级技工学校、技师学院毕业生，"
        "累计从事本职业或相关职业工作满2年」工作年限未填、文化程度「技工学校」看不出是哪类学校或班级，请填「毕业院校类别」。"
        "请补填或核实。")
    missing = found.as_dict()["params"]["missing"]
    assert [item["key"] for item in missing] == ["route-undecided", "route-undecided"]
    assert missing[1]["missing"] == [{"key": "route-years-blank"},
                                     {"key": "route-education-vague", "education": "技工学校"}]


def test_the_worksheet_function_says_each_thing_to_fill_in_once():
    headers = [["姓名", "申报等级", "工作年限", "原鉴定等级", "文化程度", "考生来源"]]
    rows = [["钱七", TWO, None, THREE, "技工学校", "企业"]]
    assert condition_sentence(headers, rows, "", "", "2026-12-18") == [[
        "无法确认申报条件：工作年限未填；文化程度「技工学校」看不出是哪类学校或班级，请填「毕业院校类别」。"]]


def test_none_of_the_routes_is_listed_once_each_numbered():
    # 2018: the 技工学校 sentence holds two routes, listed once
    zhou = person(FOUR, work_years=2.0)
    found = issues(zhou, "2018")["eligibility-not-met"]
    assert found.message.startswith(
        "按2018年版职业技能标准，报「四级/中级工」需要满足以下任一条："
        "（1）取得本职业或相关职业五级/初级工职业资格证书（技能等级证书）后，累计从事本职业或相关职业工作4年（含）以上。"
        "（2）累计从事本职业或相关职业工作6年（含）以上。"
        "（3）取得技工学校本专业或相关专业毕业证书（含尚未取得毕业证书的在校应届毕业生）；或取得经评估论证、")
    assert found.message.endswith("（含尚未取得毕业证书的在校应届毕业生）。该学员都不满足，请核对工作年限、原鉴定等级、"
                                  "现职称等级和毕业院校类别，或改报其他等级。")
    routes = found.as_dict()["params"]["routes"]
    assert [item["number"] for item in routes] == [1, 2, 3]


def test_what_no_column_shows_is_named_for_checking():
    wu = person(TWO, prior_level=THREE, school_level="技工院校预备技师（技师）班", source="学校(在校生)")
    found = issues(wu)
    assert found["eligibility-check"].message == (
        "按「取得本职业或相关职业三级/高级工职业资格（职业技能等级）证书的技工院校预备技师（技师）班在读学生。」"
        "可报「二级/技师」，但表中看不出以下几点，请核实：这一条没有找到权威原文，请向技师学院核实是否适用。")
    graduate = person(THREE, education="大学本科")
    assert issues(graduate)["eligibility-check"].message.endswith(
        "但表中看不出以下几点，请核实：该校该专业经过评估论证（以相应技能为培养目标）；毕业证书的专业与申报职业相同或相关。")


def test_an_occupation_of_the_dictionary_table_is_named_as_the_basis():
    own = {FOUR: (Route("本工种需累计工作满8年。", years=8),)}
    nurse = person(FOUR, applied_occupation="保育师", work_years=2.0)
    found = issues(nurse, eligibility_overrides={"保育师": own})["eligibility-not-met"]
    assert found.message.startswith("按「字典」表中保育师的申报条件，报「四级/中级工」需要满足以下任一条："
                                    "（1）本工种需累计工作满8年。该学员都不满足")
    assert found.as_dict()["params"]["basis"] == {"key": "basis-table", "occupation": "保育师"}


@pytest.mark.parametrize(("row", "said"), [
    ({"occupation": ""}, "没有填职业"),
    ({"occupation": "电工", "basis": "新版"}, "条件依据填 2023 或 2018"),
    ({"occupation": "电工", "level": "四级", "sentence": "满五年", "years": "五年"}, "年限只能填数字"),
    ({"occupation": "电工", "level": "四级", "sentence": "毕业即可", "schools": "党校"},
     "院校类别可选：技工院校中级工班、技工院校高级工班、技工院校预备技师（技师）班、中等职业学校、高等职业学校、普通高等学校"),
])
def test_a_dictionary_row_that_cannot_be_used_says_why(row, said):
    data = TableData("字典", 1, dict.fromkeys(("occupation", "level", "basis", "sentence", "years", "schools"), "A"),
                     [TableRow(2, row)])
    _, found = eligibility.read_eligibility_table(data)
    assert [issue.message.split("无法识别：")[1] for issue in found] == [said + "。"]
    assert found[0].code == "eligibility-table-unreadable"


def test_the_student_is_asked_for_the_proof_the_process_text_names():
    # "在校生无毕业证书需提供在校生证明"
    assert "在校证明" in issues(person(FOUR, source="学校(在校生)", school_level="中等职业学校"))["student-proof"].message


def test_the_worksheet_function_says_when_no_route_can_hold():
    headers = [["姓名", "申报等级", "工作年限", "原鉴定等级"]]
    assert condition_sentence(headers, [["郑八", ONE, 3, "无"]], "", "", None) == [[
        "不满足「一级/高级技师」的任何一条申报条件，请点「校验」查看各条。"]]
    assert {"condition-undecided", "condition-contradicted"} <= PHRASED.keys()  # their lists are keys and items


def test_every_word_is_used_by_the_code():
    root = Path(__file__).parent.parent
    sources = "".join(p.read_text(encoding="utf-8") for p in [*(root / "qzxl").rglob("*.py"), *(root / "usecases").rglob("*.py")]
                      if p.name != "catalogue.py")
    assert [key for key in ELIGIBILITY_WORDS if f'"{key}"' not in sources] == []


def test_a_word_key_that_is_not_catalogued_fails_loudly():
    with pytest.raises(KeyError):
        phrase({"key": "route-unknown"})


def test_validate_json_shows_the_reasons_as_keys_and_items(write_book, capsys):
    from cli.commands import main
    from qzxl.sample import generate_batch

    batch = generate_batch(2)
    first, second = batch.candidates
    # 四级 in 2023: 5 years, or 3 years after a 五级 certificate; the certificate is from 2025
    first.update(applied_level=FOUR, work_years=12, prior_level=FIVE, cert_date=dt.date(2025, 6, 1),
                 condition="取得本职业或相关职业五级/初级工职业资格（职业技能等级）证书后，累计从事本职业或相关职业工作满3年")
    second.update(applied_level=THREE, work_years=10, school_level=ZHANG_SAN,
                  condition="取得本专业或相关专业的技工院校高级工班及以上毕业证书（含在读应届毕业生）")
    main(["validate", str(write_book(batch.plan, batch.candidates)), "--json"])
    out = capsys.readouterr().out
    issues = [i for i in json.loads(out)["issues"] if i["code"] == "condition-contradicted"]
    assert [i["params"]["reason"] for i in issues] == [
        [{"key": "route-cert-recent", "date": "2025-06-01", "on": "2026-12-18", "needed": 3}],
        [{"key": "route-school-other", "school": "3308**********3426"}]]
    assert issues[0]["message"] == (
        "申报条件写的是「取得本职业或相关职业五级/初级工职业资格（职业技能等级）证书后，累计从事本职业或相关职业工作满3年。」，"
        "但原等级发证日期（2025-06-01）到 2026-12-18 不满 3 年。请核对，或改写为符合的一条。")
    assert ZHANG_SAN not in out
