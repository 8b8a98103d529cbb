"""申报条件: which routes to the level applied for does the candidate's data satisfy?

A rule set is a table: level → routes, each route an official sentence (what the
clerk writes into 申报条件) and the conditions the sentence sets. Two rule sets:

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

What the data cannot decide — a diploma in 本专业或相关专业, a school 经评估论证, a 职称 in a
field matching the occupation — passes with a warning naming exactly what to check. What
is missing to decide (no 工作年限, a 技工学校 without its class) is a warning; a candidate who
fails every route on the data given is an error. "N years after the certificate" is checked
against the certificate date when there is one, else taken with 工作年限.

>>> from qzxl.sheets.models import Candidate
>>> person = Candidate(row=2, applied_level="四级/中级工", work_years=3, prior_level="无", education="高中")
>>> [f.code for f in check(person, Context())]
['eligibility-not-met']
>>> propose(person.model_copy(update={"work_years": 5}), Context())
'累计从事本职业或相关职业工作满5年。'
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from qzxl.layout import ELIGIBILITY_TABLE, LEVELS
from qzxl.report import Finding, Issue
from qzxl.rules.context import Context
from qzxl.values.normalize import clean_text, parse_number
from qzxl.values.options import SCHOOL_LEVELS, STUDENT_SOURCE, intended_option

_RANK = {level: index for index, level in enumerate(LEVELS)}  # 0 = 五级, 4 = 一级
TITLE_RANK = {"初级": 1, "中级": 2, "副高级": 3, "正高级": 4}

# The 毕业院校类别 column (workbook only; 文化程度 keeps the provincial system's list).
MID_CLASS, HIGH_CLASS, PRE_TECHNICIAN, SECONDARY, HIGHER_VOCATIONAL, UNIVERSITY = SCHOOL_LEVELS
TECHNICAL = frozenset({MID_CLASS, HIGH_CLASS, PRE_TECHNICIAN})
HIGH_OR_ABOVE = frozenset({HIGH_CLASS, PRE_TECHNICIAN})
COLLEGE = frozenset({HIGHER_VOCATIONAL, UNIVERSITY})
# What 文化程度 alone says about the school: 技工学校 covers every class of a 技工院校.
_SCHOOLS_BY_EDUCATION: Mapping[str, frozenset[str]] = {
    "技工学校": TECHNICAL,
    "中等专业学校": frozenset({SECONDARY}),
    "大学专科和专科学校": COLLEGE,
    "大学本科": frozenset({UNIVERSITY}),
    "研究生": frozenset({UNIVERSITY}),
}

SAME_FIELD = "毕业证书的专业与申报职业相同或相关"
ASSESSED = "该校该专业经过评估论证（以相应技能为培养目标）"
TITLE_FIELD = "职称的专业与申报职业有对应关系"
APPRENTICE = "学徒期满的证明（由单位出具）"
UNSETTLED = "这一条没有找到权威原文，请向技师学院核实是否适用"


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
RULE_SET_NAMES = {"2023": "《国家职业标准编制技术规程（2023年版）》", "2018": "2018年版职业技能标准"}


@functools.lru_cache(maxsize=64)
def rule_set_key(text: object) -> str | None:
    """'2023' / '2018' from what a clerk types (2023版, 2018年), None when it names neither; blank → default.

    >>> rule_set_key("2018年版"), rule_set_key(""), rule_set_key("新版")
    ('2018', '2023', None)
    """
    found = re.findall(r"20\d\d", unicodedata.normalize("NFKC", str(text or "")))
    if not str(text or "").strip():
        return DEFAULT_RULE_SET
    return found[0] if len(found) == 1 and found[0] in RULE_SETS else None


@functools.lru_cache(maxsize=256)
def occupation_key(text: object) -> str:
    """Occupation names compared as people read them: width, spaces and brackets' shape do not count."""
    return "".join(unicodedata.normalize("NFKC", str(text or "")).split())


# Evaluating one route ----------------------------------------------------------------------------

@dataclass(slots=True)
class Verdict:
    route: Route
    fails: tuple[str, ...]  # why the data contradicts it
    missing: tuple[str, ...]  # what to fill in to decide
    checks: tuple[str, ...]  # what to verify by hand when it holds on the data

    @property
    def holds(self) -> bool:
        return not self.fails and not self.missing


def _years(value: float) -> str:
    return f"{value:g} 年"


def _has_years(start: dt.date, end: dt.date, need: float) -> bool:
    """Whether ``need`` full years lie between the dates (an anniversary, 29 February → 28 February)."""
    if need != int(need):
        return (end - start).days >= need * 365.2425
    year = start.year + int(need)
    try:
        anniversary = start.replace(year=year)
    except ValueError:
        anniversary = dt.date(year, 2, 28)
    return end >= anniversary


def _since(fails: list, date: dt.date | None, need: float | None, on: dt.date, what: str) -> None:
    if need is not None and date is not None and not _has_years(date, on, need):
        fails.append(f"{what}（{date.isoformat()}）到 {on.isoformat()} 不满 {_years(need)}")


def _schools(route: Route, candidate, fails: list, missing: list) -> None:
    student = candidate.source == STUDENT_SOURCE
    if route.enrolled == "graduate" and student:
        fails.append("这一条要求已毕业，考生来源是在校生")
    elif route.enrolled == "student" and not student:
        fails.append("这一条只适用于在读学生，考生来源不是在校生")
    if candidate.school_level:
        if candidate.school_level not in route.schools:
            fails.append(f"毕业院校类别「{candidate.school_level}」不在这一条之列")
        return
    if student:
        missing.append("在校生请在「毕业院校类别」中选择就读的学校和班级")
        return
    possible = _SCHOOLS_BY_EDUCATION.get(candidate.education, frozenset())
    if not possible & route.schools:
        fails.append(f"文化程度「{candidate.education or '未填'}」不是这一条要求的学校")
    elif not possible <= route.schools:
        missing.append(f"文化程度「{candidate.education}」看不出是哪类学校或班级，请填「毕业院校类别」")


def evaluate(route: Route, candidate, context: Context) -> Verdict:
    """What the candidate's data says about one route."""
    fails: list[str] = []
    missing: list[str] = []
    on = context.exam_date or context.today
    work = candidate.work_years
    if route.working is not None:
        if route.working and not work:
            fails.append("这一条要求已从事本职业，工作年限为 0 或未填")
        elif not route.working and work:
            fails.append(f"已从事本职业 {_years(work)}，应写「从事本职业或相关职业工作」一条")
    needed = route.needed_years
    if needed is not None:
        if work is None:
            missing.append("工作年限未填")
        elif work < needed:
            fails.append(f"工作年限 {_years(work)}，这一条需要 {_years(needed)}")
    if route.prior_level is not None:
        held = _RANK.get(candidate.prior_level)
        if held is None or held < _RANK[route.prior_level]:
            fails.append(f"原鉴定等级为「{candidate.prior_level or '未填'}」，这一条需要 {route.prior_level} 证书")
        else:
            _since(fails, candidate.cert_date, route.years_since_cert, on, "原等级发证日期")
    if route.title is not None:
        if TITLE_RANK.get(candidate.title_level, 0) < TITLE_RANK[route.title]:
            fails.append(f"现职称等级为「{candidate.title_level or '未填'}」，这一条需要{route.title}职称")
        else:
            _since(fails, candidate.title_date, route.years_since_title, on, "职称取得日期")
    if route.schools is not None:
        _schools(route, candidate, fails, missing)
    if route.claimed and named_route(route.alone, candidate.condition) is None:
        fails.append("申报条件中没有写明这一条")
    return Verdict(route, tuple(fails), tuple(missing), route.all_checks)


# Which rule set and routes apply -------------------------------------------------------------------

def effective_occupation(candidate, context: Context) -> str:
    """申报职业, else the 方案 工种."""
    plan_occupation = getattr(context.plan, "occupation", "") if context.plan is not None else ""
    return candidate.applied_occupation or plan_occupation or ""


def plan_rule_set(context: Context) -> str:
    value = getattr(context.plan, "eligibility_basis", "") if context.plan is not None else ""
    return rule_set_key(value) or DEFAULT_RULE_SET


def routes_for(candidate, context: Context) -> tuple[str, str, tuple[Route, ...]]:
    """(level, basis shown to the clerk, routes): the 字典 table for the occupation first, then the 方案's choice.

    An override maps level → routes or → a rule set name; the level "" stands for every level.
    """
    level = context.applied_level(candidate)
    basis = plan_rule_set(context)
    overrides = context.eligibility_overrides
    occupation = effective_occupation(candidate, context)
    chosen = overrides.get(occupation) or overrides.get(occupation_key(occupation)) or {}
    choice = chosen.get(level, chosen.get(""))
    if isinstance(choice, str):
        basis = choice
    elif choice:
        return level, f"「字典」表中{occupation}的申报条件", choice if isinstance(choice, tuple) else tuple(choice)
    return level, RULE_SET_NAMES.get(basis, basis), RULE_SETS.get(basis, RULES_2023).get(level, ())


def verdicts(candidate, context: Context) -> tuple[str, str, list[Verdict]]:
    level, basis, routes = routes_for(candidate, context)
    return level, basis, [evaluate(route, candidate, context) for route in routes]


def first_holding(found: list[Verdict]) -> Verdict | None:
    """The route to write down: the first that holds with nothing to check, else the first that holds."""
    holding = [v for v in found if v.holds]
    return next((v for v in holding if not v.checks), holding[0] if holding else None)


def propose(candidate, context: Context) -> str | None:
    """The official sentence of the route the data satisfies first, None when none does (yet)."""
    chosen = first_holding(verdicts(candidate, context)[2])
    return chosen.route.sentence if chosen else None


# Naming a route in typed text -------------------------------------------------------------------

_NOT_TEXT = re.compile(r"[^\w]|_")
_ENUMERATION = re.compile(r"^[（(]?[0-9一二三四五六七八九十]+[)）.、．]")
MIN_CLAIM = 4  # characters: shorter text names no route
COVERAGE = 0.8  # share of the typed text found, in order, in the sentence
SENTENCE_SHARE = 0.25  # share of the sentence the text must cover ("毕业证书" names no route)


@functools.lru_cache(maxsize=1024)
def _plain(text: str) -> str:
    text = _ENUMERATION.sub("", unicodedata.normalize("NFKC", text).strip())
    return _NOT_TEXT.sub("", text)


_NAMED: dict[tuple[int, str], tuple[tuple[Route, ...], Route | None]] = {}
_NAMED_KEPT = 4096


def named_route(routes: tuple[Route, ...], text: str) -> Route | None:
    """:func:`name_route`, remembered: a batch repeats a few sentences down thousands of rows.

    Keyed on the tuple's identity (hashing routes costs more than the lookup saves); the entry keeps the
    tuple alive so the identity cannot be reused.
    """
    key = (id(routes), text)
    found = _NAMED.get(key)
    if found is not None and found[0] is routes:
        return found[1]
    if len(_NAMED) >= _NAMED_KEPT:
        _NAMED.clear()
    answer = name_route(routes, text)
    _NAMED[key] = (routes, answer)
    return answer


def name_route(routes: tuple[Route, ...], text: str) -> Route | None:
    """The route a typed 申报条件 names: most of the text is found, in order, in a good part of its sentence;
    the closest wins.

    >>> named_route(RULES_2018[FIVE], "本职业学徒期满").sentence
    '本职业或相关职业学徒期满。'
    >>> named_route(RULES_2018[FIVE], "未满学徒期") is None
    True
    """
    typed = _plain(text or "")
    if len(typed) < MIN_CLAIM:
        return None
    best, best_ratio = None, 0.0
    for route in routes:
        sentence = _plain(route.sentence)
        matcher = difflib.SequenceMatcher(None, typed, sentence, autojunk=False)
        found = sum(block.size for block in matcher.get_matching_blocks())
        if found >= COVERAGE * len(typed) and found >= SENTENCE_SHARE * len(sentence) and matcher.ratio() > best_ratio:
            best, best_ratio = route, matcher.ratio()
    return best


# The rule ---------------------------------------------------------------------------------------

def _listing(routes: list[Route]) -> str:
    sentences = list(dict.fromkeys(route.sentence for route in routes))
    return "".join(f"（{i}）{sentence}" for i, sentence in enumerate(sentences, 1))


def check(candidate, context: Context) -> Iterator[Finding]:
    if candidate.source == STUDENT_SOURCE:
        yield Finding("student-proof", "source")
    level, basis, routes = routes_for(candidate, context)
    if not routes:
        return
    found = [evaluate(route, candidate, context) for route in routes]
    params = {"level": level, "basis": basis}
    chosen = first_holding(found)
    typed = named_route(routes, candidate.condition) if candidate.condition else None
    if typed is not None and any(not v.fails for v in found):  # when none holds, not-met says it all
        verdict = next(v for v in found if v.route is typed)
        if verdict.fails:
            yield Finding("condition-contradicted", "condition",
                          {**params, "route": typed.sentence, "reason": "；".join(verdict.fails)})
    if chosen is not None:
        if chosen.checks:
            shown = next((v for v in found if v.route is typed and v.holds), chosen)
            yield Finding("eligibility-check", "condition",
                          {**params, "route": shown.route.sentence, "check": "；".join(shown.checks)})
        if not candidate.condition:
            yield Finding("condition-proposed", "condition", {"sentence": chosen.route.sentence})
        return
    undecided = [v for v in found if not v.fails]
    if undecided:
        missing = "；".join(f"「{v.route.sentence.rstrip('。')}」{'、'.join(v.missing)}" for v in undecided)
        yield Finding("eligibility-unclear", "condition", {**params, "missing": missing})
        return
    yield Finding("eligibility-not-met", "condition", {**params, "routes": _listing([v.route for v in found])})


# The 字典 table: per occupation (and level), a rule set or the routes themselves -----------------

def _level(text: str) -> str | None:
    return text if text in _RANK else intended_option("等级", text)


def _table_route(values: Mapping[str, object]) -> tuple[Route | None, str, str]:
    """(route, the column at fault, why) for a row that defines its own route."""
    numbers = {}
    for key in ("years", "years_since_cert", "years_since_title"):
        try:
            numbers[key] = parse_number(values.get(key))
        except (ValueError, TypeError):
            return None, key, "年限只能填数字"
    prior = clean_text(values.get("prior_level"))
    if prior and _level(prior) is None:
        return None, "prior_level", "不是五级到一级中的一个"
    title = clean_text(values.get("title"))
    title = {"初级职称": "初级", "中级职称": "中级", "高级": "副高级"}.get(title, title)
    if title and title not in TITLE_RANK:
        return None, "title", "职称填 初级、中级、副高级 或 正高级"
    schools = [part for part in re.split(r"[、,，;；/\s]+", clean_text(values.get("schools"))) if part]
    known = [school if school in SCHOOL_LEVELS else intended_option("院校类别", school) for school in schools]
    if None in known:
        return None, "schools", f"院校类别可选：{'、'.join(SCHOOL_LEVELS)}"
    checks = ((SAME_FIELD,) if known else ()) + ((TITLE_FIELD,) if title else ())
    return Route(clean_text(values.get("sentence")), prior_level=_level(prior) if prior else None,
                 title=title or None, schools=frozenset(known) if known else None, checks=checks,
                 **numbers), "", ""


def read_eligibility_table(data) -> tuple[dict[str, dict[str, str | tuple[Route, ...]]], list[Issue]]:
    """occupation → level ("" = every level) → a rule set name or routes; an issue for each row it cannot use."""
    overrides: dict[str, dict[str, str | tuple[Route, ...]]] = {}
    issues: list[Issue] = []
    if data is None:
        return overrides, issues

    def problem(row, key: str, reason: str) -> None:
        column = ELIGIBILITY_TABLE.column(key)
        issues.append(Issue.create("eligibility-table-unreadable", value=row.values.get(key),
                                   params={"reason": reason}, sheet=data.sheet, row=row.number,
                                   column=column.header, cell=data.cell(key, row.number)
                                   if key in data.letters else None))

    for row in data.rows:
        values = row.values
        occupation = occupation_key(values.get("occupation"))
        level_text, basis_text = clean_text(values.get("level")), clean_text(values.get("basis"))
        sentence = clean_text(values.get("sentence"))
        level = _level(level_text) if level_text else ""
        if not occupation:
            problem(row, "occupation", "没有填职业")
        elif level is None:
            problem(row, "level", "等级应为五级/初级工到一级/高级技师中的一个，或留空表示所有等级")
        elif basis_text and sentence:
            problem(row, "basis", "「条件依据」和「自定申报条件」只填一项")
        elif basis_text:
            basis = rule_set_key(basis_text)
            if basis is None:
                problem(row, "basis", "条件依据填 2023 或 2018")
            else:
                overrides.setdefault(occupation, {})[level] = basis
        elif not sentence:
            problem(row, "sentence", "请填「条件依据」（2023 或 2018）或「自定申报条件」")
        elif not level:
            problem(row, "level", "自定申报条件要写明适用等级")
        else:
            route, key, reason = _table_route(values)
            if route is None:
                problem(row, key, reason)
                continue
            earlier = overrides.setdefault(occupation, {}).get(level)
            overrides[occupation][level] = (*(earlier if isinstance(earlier, tuple) else ()), route)
    return overrides, issues
