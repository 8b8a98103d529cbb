"""The regulations' 申报条件 as data: level → routes, each an official sentence and the conditions it sets.

The sentences are the clerk's to write into 申报条件 as the regulations word them, so they are data, not
catalogue messages (qzxl/catalogue.py holds the words the rule puts around them). The college's process text
names the 申报条件 field of the 申报表 and 报名信息表 but quotes no conditions; they come from:

``2023`` (the default) — the general conditions of 《国家职业标准编制技术规程（2023年版）》.
  Quzhou applies it to every occupation: the 2025 plan notice of 衢州职业技术学院
  (https://jxjy.qzct.net/2025/0320/c2064a55196/page.htm, citing 浙技评〔2025〕1号) says
  "目前，全市全职业申报条件统一依照《国家职业标准编制技术规程》执行" and quotes 五级 and 四级
  word for word (the copy stops inside 三级). 三级 (all six routes) and 二级 (1)–(3) and the
  start of (4) follow a notice quoting the same template
  (http://qqhb.sxqnjycy.com/addons/cms/identify/enroll_detail.html?id=3). Not seen in any
  text found: the end of 二级 (4), 二级 (5) (the 预备技师班 student) and 一级; their conditions
  follow the issue's verdicts (三级 + 高级技工学校/技师学院 graduate + 2 years; a 预备技师班
  student with 三级; 二级 + 5 years; 副高级职称 + 1 year) and the pattern of the lower levels.
  The routes whose wording no text settles (二级 (5), 一级 (2)) are ``confirmed=False``:
  a candidate who qualifies only by one of them gets a warning to check, never an error.
``2018`` — the general conditions of the national occupational skill standards written under
  the 2018 drafting rules (电工 2018, 育婴员 2019 and the others of that series), as copied by
  https://m.houxue.com/sz/kecheng-998242.html (五级 to 三级) and
  https://news.iaiso.net/1837688197cfd2d7c195e32ec7/720575941546133940.html (二级, 一级,
  including the 预备技师 route). Copies disagree on 四级 (1) (4 or 2 years after 五级) and
  三级 (1) (5 or 4 years after 四级): occupations differ; this table keeps 4 and 5.

Dates: the 衢州职业技术学院 notice is of 2025-03-20 (its address says so; 浙技评〔2025〕1号 is of 2025).
The other pages carry no date of their own; the table holds their text as read when it was
written, 2026-12-01. The 2023 and 2018 in the rule set's names are the years of the drafting rules.

``checks`` name what the data cannot decide by a key of the catalogue's eligibility words.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from qzxl.layout import LEVELS
from qzxl.values.options import SCHOOL_LEVELS

TITLE_RANK = {"初级": 1, "中级": 2, "副高级": 3, "正高级": 4}
TITLE_ALIASES = {"初级职称": "初级", "中级职称": "中级", "高级": "副高级"}  # what the 字典 table's 需职称 may say

# The 毕业院校类别 column (workbook only; 文化程度 keeps the provincial system's list).
MID_CLASS, HIGH_CLASS, PRE_TECHNICIAN, SECONDARY, HIGHER_VOCATIONAL, UNIVERSITY = SCHOOL_LEVELS
TECHNICAL = frozenset({MID_CLASS, HIGH_CLASS, PRE_TECHNICIAN})
HIGH_OR_ABOVE = frozenset({HIGH_CLASS, PRE_TECHNICIAN})
COLLEGE = frozenset({HIGHER_VOCATIONAL, UNIVERSITY})
# What 文化程度 alone says about the school: 技工学校 covers every class of a 技工院校.
SCHOOLS_BY_EDUCATION: Mapping[str, frozenset[str]] = {
    "技工学校": TECHNICAL,
    "中等专业学校": frozenset({SECONDARY}),
    "大学专科和专科学校": COLLEGE,
    "大学本科": frozenset({UNIVERSITY}),
    "研究生": frozenset({UNIVERSITY}),
}

# What to verify by hand (keys of the catalogue's eligibility words).
SAME_FIELD = "check-same-field"
ASSESSED = "check-assessed"
TITLE_FIELD = "check-title-field"
APPRENTICE = "check-apprentice"
UNSETTLED = "check-unsettled"


@dataclass(frozen=True)
class Route:
    """One way to qualify: the official sentence and every condition it sets (unset = no condition)."""

    sentence: str
    years: float | None = None  # 累计工作年限 at least
    working: bool | None = None  # True: 已从事 (工作年限 > 0); False: 拟从事 (工作年限 0 or blank)
    prior_level: str | None = None  # certificate held, this level or higher
    years_since_cert: float | None = None
    title: str | None = None  # 职称 held, this rank or higher
    years_since_title: float | None = None
    schools: frozenset[str] | None = None  # 毕业院校类别 accepted
    enrolled: str = "either"  # with schools: "graduate", "student" (在读) or "either" (含在读应届毕业生)
    claimed: bool = False  # only the 申报条件 text can claim it (学徒期满): no column shows it
    checks: tuple[str, ...] = ()  # what the data cannot decide
    confirmed: bool = True  # False: no authoritative text settles the route

    @functools.cached_property
    def needed_years(self) -> float | None:
        """The 工作年限 the route needs at least: its years, or the years after a certificate or title."""
        return max((n for n in (self.years, self.years_since_cert, self.years_since_title) if n), default=None)

    @functools.cached_property
    def alone(self) -> tuple[Route]:
        return (self,)

    @functools.cached_property
    def all_checks(self) -> tuple[str, ...]:
        return self.checks + (() if self.confirmed else (UNSETTLED,))


_W5 = "累计从事本职业或相关职业工作满{}年。"
_CERT_2023 = "取得本职业或相关职业{}职业资格（职业技能等级）证书后，累计从事本职业或相关职业工作满{}年。"
_TITLE_2023 = "取得符合专业对应关系的{}职称（专业技术人员职业资格）后，累计从事本职业或相关职业工作满{}年。"
_TITLE_AND_CERT_2023 = ("取得符合专业对应关系的{}职称（专业技术人员职业资格）后，累计从事本职业或相关职业工作满5年，"
                        "并在取得本职业或相关职业{}职业资格（职业技能等级）证书后，从事本职业或相关职业工作满1年。")
FIVE, FOUR, THREE, TWO, ONE = LEVELS

RULES_2023: Mapping[str, tuple[Route, ...]] = {
    FIVE: (
        Route("年满16周岁，拟从事本职业或相关职业工作。", working=False),
        Route("年满16周岁，从事本职业或相关职业工作。", working=True),
    ),
    FOUR: (
        Route(_W5.format(5), years=5),
        Route(_CERT_2023.format(FIVE, 3), prior_level=FIVE, years_since_cert=3),
        Route("取得本专业或相关专业的技工院校或中等及以上职业院校、专科及以上普通高等学校毕业证书（含在读应届毕业生）。",
              schools=frozenset(SCHOOL_LEVELS), checks=(SAME_FIELD,)),
    ),
    THREE: (
        Route(_W5.format(10), years=10),
        Route(_CERT_2023.format(FOUR, 4), prior_level=FOUR, years_since_cert=4),
        Route(_TITLE_2023.format("初级", 1), title="初级", years_since_title=1, checks=(TITLE_FIELD,)),
        Route("取得本专业或相关专业的技工院校高级工班及以上毕业证书（含在读应届毕业生）。",
              schools=HIGH_OR_ABOVE, checks=(SAME_FIELD,)),
        Route(f"取得本职业或相关职业{FOUR}职业资格（职业技能等级）证书，并取得高等职业学校、专科及以上普通高等学校"
              "本专业或相关专业毕业证书（含在读应届毕业生）。", prior_level=FOUR, schools=COLLEGE,
              checks=(SAME_FIELD,)),
        Route("取得经评估论证的高等职业学校、专科及以上普通高等学校本专业或相关专业的毕业证书（含在读应届毕业生）。",
              schools=COLLEGE, checks=(ASSESSED, SAME_FIELD)),
    ),
    TWO: (
        Route(_CERT_2023.format(THREE, 5), prior_level=THREE, years_since_cert=5),
        Route(_TITLE_AND_CERT_2023.format("初级", THREE), title="初级", years_since_title=5, prior_level=THREE,
              years_since_cert=1, checks=(TITLE_FIELD,)),
        Route(_TITLE_2023.format("中级", 1), title="中级", years_since_title=1, checks=(TITLE_FIELD,)),
        Route(f"取得本职业或相关职业{THREE}职业资格（职业技能等级）证书的高级技工学校、技师学院毕业生，"
              "累计从事本职业或相关职业工作满2年。", prior_level=THREE, schools=HIGH_OR_ABOVE, enrolled="graduate",
              years=2),
        Route(f"取得本职业或相关职业{THREE}职业资格（职业技能等级）证书的技工院校预备技师（技师）班在读学生。",
              prior_level=THREE, schools=frozenset({PRE_TECHNICIAN}), enrolled="student", confirmed=False),
    ),
    ONE: (
        Route(_CERT_2023.format(TWO, 5), prior_level=TWO, years_since_cert=5),
        Route(_TITLE_AND_CERT_2023.format("中级", TWO), title="中级", years_since_title=5, prior_level=TWO,
              years_since_cert=1, checks=(TITLE_FIELD,), confirmed=False),
        Route(_TITLE_2023.format("副高级", 1), title="副高级", years_since_title=1, checks=(TITLE_FIELD,)),
    ),
}

_CERT_2018 = "取得本职业或相关职业{}职业资格证书（技能等级证书）后，累计从事本职业或相关职业工作{}年（含）以上。"
_SCHOOL_2018_FOUR = ("取得技工学校本专业或相关专业毕业证书（含尚未取得毕业证书的在校应届毕业生）；或取得经评估论证、"
                     "以中级技能为培养目标的中等及以上职业学校本专业或相关专业毕业证书（含尚未取得毕业证书的在校应届毕业生）。")
_SCHOOL_2018_THREE = (f"取得本职业或相关职业{FOUR}职业资格证书（技能等级证书），并具有高级技工学校、技师学院毕业证书"
                      f"（含尚未取得毕业证书的在校应届毕业生）；或取得本职业或相关职业{FOUR}职业资格证书（技能等级证书），"
                      "并具有经评估论证、以高级技能为培养目标的高等职业学校本专业或相关专业毕业证书"
                      "（含尚未取得毕业证书的在校应届毕业生）。")
_SCHOOL_2018_TWO = (f"取得本职业或相关职业{THREE}职业资格证书（技能等级证书）的高级技工学校、技师学院毕业生，"
                    "累计从事本职业或相关职业工作3年（含）以上；或取得本职业或相关职业预备技师证书的技师学院毕业生，"
                    "累计从事本职业或相关职业工作2年（含）以上。")

# One sentence may hold two routes ("…；或…"): both rows carry it, the listing shows it once.
RULES_2018: Mapping[str, tuple[Route, ...]] = {
    FIVE: (
        Route("累计从事本职业或相关职业工作1年（含）以上。", years=1),
        Route("本职业或相关职业学徒期满。", claimed=True, checks=(APPRENTICE,)),
    ),
    FOUR: (
        Route(_CERT_2018.format(FIVE, 4), prior_level=FIVE, years_since_cert=4),
        Route("累计从事本职业或相关职业工作6年（含）以上。", years=6),
        Route(_SCHOOL_2018_FOUR, schools=TECHNICAL, checks=(SAME_FIELD,)),
        Route(_SCHOOL_2018_FOUR, schools=frozenset({SECONDARY, HIGHER_VOCATIONAL}), checks=(ASSESSED, SAME_FIELD)),
    ),
    THREE: (
        Route(_CERT_2018.format(FOUR, 5), prior_level=FOUR, years_since_cert=5),
        Route(_SCHOOL_2018_THREE, prior_level=FOUR, schools=HIGH_OR_ABOVE),
        Route(_SCHOOL_2018_THREE, prior_level=FOUR, schools=frozenset({HIGHER_VOCATIONAL}),
              checks=(ASSESSED, SAME_FIELD)),
        Route(f"具有大专及以上本专业或相关专业毕业证书，并取得本职业或相关职业{FOUR}职业资格证书（技能等级证书）后，"
              "累计从事本职业或相关职业工作2年（含）以上。", prior_level=FOUR, years_since_cert=2, schools=COLLEGE,
              enrolled="graduate", checks=(SAME_FIELD,)),
    ),
    TWO: (
        Route(_CERT_2018.format(THREE, 4), prior_level=THREE, years_since_cert=4),
        Route(_SCHOOL_2018_TWO, prior_level=THREE, schools=HIGH_OR_ABOVE, enrolled="graduate", years=3),
        Route(_SCHOOL_2018_TWO, schools=frozenset({PRE_TECHNICIAN}), enrolled="graduate", years=2),
    ),
    ONE: (
        Route(_CERT_2018.format(TWO, 4), prior_level=TWO, years_since_cert=4),
    ),
}

DEFAULT_RULE_SET = "2023"
RULE_SETS: Mapping[str, Mapping[str, tuple[Route, ...]]] = {"2023": RULES_2023, "2018": RULES_2018}
# The rule set's name in a sentence ("按…，报「四级/中级工」…"): a key of the catalogue's eligibility words.
RULE_SET_WORDS = {"2023": "basis-2023", "2018": "basis-2018"}
