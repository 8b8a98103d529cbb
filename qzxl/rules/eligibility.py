"""申报条件: does the candidate meet any route to the level applied for?

The routes are the general conditions of the national occupational skill
standards (国家职业技能标准, 2019 edition onward). An occupation whose own
standard differs gets its own table through ``Context.eligibility_overrides``
(occupation → level → routes). What the data cannot show — that a diploma is
in 本专业或相关专业 — is taken on trust; what is missing (no 工作年限) makes
the case unclear, a warning; a candidate who fails every route on the data
given is an error.

>>> from qzxl.sheets.models import Candidate
>>> person = Candidate(row=2, applied_level="四级/中级工", work_years=3, prior_level="无", education="高中")
>>> [f.code for f in check(person, Context())]
['eligibility-not-met']
>>> [f.code for f in check(person.model_copy(update={"work_years": 6}), Context())]
[]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from qzxl.layout import LEVELS
from qzxl.report import Finding
from qzxl.rules.context import Context
from qzxl.values.options import STUDENT_SOURCE

_RANK = {level: index for index, level in enumerate(LEVELS)}  # 0 = 五级, 4 = 一级
VOCATIONAL = frozenset({"技工学校", "中等专业学校", "大学专科和专科学校"})
HIGHER_VOCATIONAL = frozenset({"技工学校", "大学专科和专科学校"})
COLLEGE_OR_ABOVE = frozenset({"大学专科和专科学校", "大学本科", "研究生"})


@dataclass(frozen=True)
class Route:
    """One way to qualify; every condition that is set must hold."""

    text: str
    prior_level: str | None = None
    years: float | None = None
    education: frozenset[str] | None = None
    keyword: str | None = None  # a claim only the 申报条件 text can make (学徒期满)


GENERAL_ROUTES: dict[str, tuple[Route, ...]] = {
    "五级/初级工": (
        Route("累计从事本职业或相关职业工作 1 年以上", years=1),
        Route("本职业或相关职业学徒期满（在申报条件中写明）", keyword="学徒"),
    ),
    "四级/中级工": (
        Route("取得五级/初级工证书后累计工作 4 年以上", prior_level="五级/初级工", years=4),
        Route("累计从事本职业或相关职业工作 6 年以上", years=6),
        Route("技工学校、中职或高职本专业或相关专业毕业（含在校应届毕业生）", education=VOCATIONAL),
    ),
    "三级/高级工": (
        Route("取得四级/中级工证书后累计工作 5 年以上", prior_level="四级/中级工", years=5),
        Route("取得四级/中级工证书，并有高级技工学校、技师学院或高职毕业证书（含在校应届毕业生）",
              prior_level="四级/中级工", education=HIGHER_VOCATIONAL),
        Route("大专及以上本专业或相关专业毕业，取得四级/中级工证书后累计工作 2 年以上",
              prior_level="四级/中级工", years=2, education=COLLEGE_OR_ABOVE),
    ),
    "二级/技师": (
        Route("取得三级/高级工证书后累计工作 4 年以上", prior_level="三级/高级工", years=4),
        Route("取得三级/高级工证书的高级技工学校、技师学院毕业生，累计工作 3 年以上",
              prior_level="三级/高级工", years=3, education=frozenset({"技工学校"})),
    ),
    "一级/高级技师": (
        Route("取得二级/技师证书后累计工作 4 年以上", prior_level="二级/技师", years=4),
    ),
}


def _route_gaps(route: Route, candidate) -> tuple[bool, list[str]]:
    """(fails on the data given, what is missing to decide)."""
    fails, missing = False, []
    if route.prior_level is not None:
        held = _RANK.get(candidate.prior_level)
        fails |= held is None or held < _RANK[route.prior_level]
    if route.years is not None:
        if candidate.work_years is None:
            missing.append("工作年限未填")
        else:
            fails |= candidate.work_years < route.years
    if route.education is not None and candidate.education not in route.education:
        if candidate.source == STUDENT_SOURCE:
            missing.append("在校生就读的学校类型无法从文化程度看出，请核实")
        else:
            fails = True
    if route.keyword is not None:
        fails |= route.keyword not in candidate.condition
    return fails, missing


def check(candidate, context: Context) -> Iterator[Finding]:
    if candidate.source == STUDENT_SOURCE:
        yield Finding("student-proof", "source")
    level = context.applied_level(candidate)
    routes = context.eligibility_overrides.get(candidate.applied_occupation, GENERAL_ROUTES).get(level)
    if not routes:
        return
    gaps = [_route_gaps(route, candidate) for route in routes]
    if any(not fails and not missing for fails, missing in gaps):
        return
    undecided = [(route, missing) for route, (fails, missing) in zip(routes, gaps, strict=True) if not fails]
    if undecided:
        missing = "；".join(f"{route.text}：{'、'.join(gap)}" for route, gap in undecided)
        yield Finding("eligibility-unclear", "work_years", {"level": level, "missing": missing})
        return
    routes_text = "；".join(f"（{i}）{route.text}" for i, route in enumerate(routes, 1))
    yield Finding("eligibility-not-met", "condition", {"level": level, "routes": routes_text})
