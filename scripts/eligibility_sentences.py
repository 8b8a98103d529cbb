"""Every sentence the 申报条件 rule shows, for many generated cases: to compare two versions byte for byte.

    .venv/bin/python scripts/eligibility_sentences.py [RANDOM_CASES] > sentences.txt

One line per finding (case|code|message), the proposed sentence and the QZ_CONDITION answer of each case: every
level and rule set against every 工作年限 and certificate, then random mixes of every column, exam date and 字典
override (seeded, so the same cases each run), then the 字典 table's rows. Run from the repository root.
"""
import datetime as dt
import random
import sys

sys.path.insert(0, "tests")
from conftest import valid_candidate

from qzxl import worksheet
from qzxl.report import Issue
from qzxl.rules import eligibility
from qzxl.rules.context import Context
from qzxl.sheets.models import Plan
from qzxl.sheets.tables import TableData, TableRow

LEVELS = ["五级/初级工", "四级/中级工", "三级/高级工", "二级/技师", "一级/高级技师"]
YEARS = [None, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 4.5, 5.0, 6.0, 7.0, 10.0, 30.0]
PRIOR = ["无", "", *LEVELS]
TITLES = ["无", "", "初级", "中级", "副高级", "正高级"]
EDU = ["", "研究生", "大学本科", "大学专科和专科学校", "中等专业学校", "技工学校", "高中", "初中", "小学"]
SCHOOLS = ["", "技工院校中级工班", "技工院校高级工班", "技工院校预备技师（技师）班", "中等职业学校", "高等职业学校",
           "普通高等学校"]
SOURCES = ["企业", "学校(在校生)", "社会"]
DATES = [None, dt.date(2010, 6, 1), dt.date(2020, 2, 29), dt.date(2021, 12, 18), dt.date(2022, 6, 1),
         dt.date(2023, 12, 18), dt.date(2023, 12, 19), dt.date(2025, 6, 1), dt.date(2025, 12, 18),
         dt.date(2026, 1, 5)]
EXAMS = [dt.date(2026, 12, 18), dt.date(2023, 2, 28), None]
SENTENCES = sorted({r.sentence for table in (eligibility.RULES_2023, eligibility.RULES_2018)
                    for routes in table.values() for r in routes})
CONDITIONS = ["", "未满学徒期", "本职业学徒期满", "累计从事本职业工作 6 年以上", "毕业证书", *SENTENCES,
              *(s[:12] for s in SENTENCES)]
CUSTOM = (eligibility.Route("本工种只需 2 年", years=2), eligibility.Route("持三级证书后满1年", prior_level=LEVELS[2],
          years_since_cert=1))
OVERRIDES = [{}, {"电工": {"": "2018"}}, {"电工": {LEVELS[1]: CUSTOM, LEVELS[2]: "2023"}}]


def out(*parts):
    print("|".join(str(p) for p in parts))


def case(n, candidate, ctx):
    for f in eligibility.check(candidate, ctx):
        out(n, f.code, Issue.create(f.code, params=f.params, sheet="报名信息", row=3, column="申报条件").message)
    out(n, "propose", eligibility.propose(candidate, ctx))
    out(n, "QZ", worksheet._one_sentence(candidate, ctx))


def main():
    rng = random.Random(12)
    n = 0
    # every level × years × prior × basis, the rest plain
    for basis in ("2023", "2018"):
        for level in LEVELS:
            for years in YEARS:
                for prior in PRIOR:
                    for source in SOURCES:
                        n += 1
                        c = valid_candidate(applied_level=level, work_years=years, prior_level=prior,
                                            education="初中", title_level="无", condition="", source=source)
                        case(n, c, Context(exam_date=EXAMS[0], today=dt.date(2026, 11, 24),
                                           plan=Plan(occupation="电工", eligibility_basis=basis)))
    # random combinations of everything
    for _ in range(int(sys.argv[1]) if len(sys.argv) > 1 else 25000):
        n += 1
        c = valid_candidate(
            applied_level=rng.choice([*LEVELS, ""]), work_years=rng.choice(YEARS), prior_level=rng.choice(PRIOR),
            cert_date=rng.choice(DATES), title_level=rng.choice(TITLES), title_date=rng.choice(DATES),
            education=rng.choice(EDU), school_level=rng.choice(SCHOOLS), source=rng.choice(SOURCES),
            condition=rng.choice(CONDITIONS), applied_occupation=rng.choice(["", "电工", "保育师"]))
        plan = rng.choice([None, Plan(occupation="电工", eligibility_basis=rng.choice(["", "2023", "2018"]),
                                      level=rng.choice(LEVELS))])
        ctx = Context(exam_date=rng.choice(EXAMS), today=dt.date(2026, 11, 24), plan=plan,
                      eligibility_overrides=rng.choice(OVERRIDES))
        case(n, c, ctx)
    # the 字典 table's rows, good and bad
    rows = [{"occupation": ""}, {"occupation": "电工", "level": "六级"}, {"occupation": "电工", "basis": "2018",
            "sentence": "x"}, {"occupation": "电工", "basis": "新版"}, {"occupation": "电工"},
            {"occupation": "电工", "sentence": "满5年"}, {"occupation": "电工", "level": "四级", "sentence": "s",
            "years": "五年"}, {"occupation": "电工", "level": "四级", "sentence": "s", "prior_level": "特级"},
            {"occupation": "电工", "level": "四级", "sentence": "s", "title": "院士"},
            {"occupation": "电工", "level": "四级", "sentence": "s", "schools": "大学、党校"},
            {"occupation": "电 工", "level": "四级", "sentence": "s", "years": 3, "schools": "技工院校高级工班",
             "title": "中级职称"}, {"occupation": "电工", "basis": "2018"}]
    columns = ("occupation", "level", "basis", "sentence", "years", "prior_level", "title", "schools")
    data = TableData("字典", 1, dict.fromkeys(columns, "A"),
                     [TableRow(i + 2, row) for i, row in enumerate(rows)])
    overrides, issues = eligibility.read_eligibility_table(data)
    for issue in issues:
        out("table", issue.row, issue.code, issue.message)
    for occupation, levels in overrides.items():
        for level, choice in levels.items():
            out("table", occupation, level, choice if isinstance(choice, str) else [r.sentence for r in choice])
        ctx = Context(exam_date=EXAMS[0], today=dt.date(2026, 11, 24), plan=Plan(occupation="电工"),
                      eligibility_overrides=overrides)
        for years in YEARS:
            for school in SCHOOLS:
                n += 1
                case(n, valid_candidate(applied_level=LEVELS[1], applied_occupation=occupation, work_years=years,
                                        school_level=school, title_level="中级", condition=""), ctx)


main()
