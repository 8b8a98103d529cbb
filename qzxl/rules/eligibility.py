"""申报条件: which routes to the level applied for does the candidate's data satisfy?

A rule set is a table (``qzxl.rules.eligibility_routes``, data: the two rule sets and where their
wording comes from): level → routes, each route an official sentence (what the clerk writes into
申报条件) and the conditions the sentence sets.

What the data cannot decide — a diploma in 本专业或相关专业, a school 经评估论证, a 职称 in a
field matching the occupation — passes with a warning naming exactly what to check. What
is missing to decide (no 工作年限, a 技工学校 without its class) is a warning; a candidate who
fails every route on the data given is an error. "N years after the certificate" is checked
against the certificate date when there is one, else taken with 工作年限. Why a route fails or
is undecided is a list of items (a key of the catalogue's eligibility words and its parameters),
never a sentence: the catalogue words it, the JSON report shows it as it is.

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
from qzxl.rules.eligibility_routes import (
    DEFAULT_RULE_SET,
    RULE_SET_WORDS,
    RULE_SETS,
    RULES_2018,
    RULES_2023,
    SAME_FIELD,
    SCHOOLS_BY_EDUCATION,
    TITLE_ALIASES,
    TITLE_FIELD,
    TITLE_RANK,
    Route,
)
from qzxl.rules.work_years import implausible, most_years
from qzxl.values.normalize import clean_text, parse_number
from qzxl.values.options import SCHOOL_LEVELS, STUDENT_SOURCE, intended_option

__all__ = ["RULES_2018", "RULES_2023", "Route", "check", "evaluate", "named_route", "propose", "verdicts"]

_RANK = {level: index for index, level in enumerate(LEVELS)}  # 0 = 五级, 4 = 一级


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

Why = Mapping[str, object]  # {"key": a key of the catalogue's eligibility words, **its parameters}


@dataclass(slots=True)
class Verdict:
    route: Route
    fails: tuple[Why, ...]  # why the data contradicts it
    missing: tuple[Why, ...]  # what to fill in to decide
    checks: tuple[str, ...]  # what to verify by hand when it holds on the data (word keys)

    @property
    def holds(self) -> bool:
        return not self.fails and not self.missing


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


def _since(fails: list, date: dt.date | None, need: float | None, on: dt.date, key: str) -> None:
    if need is not None and date is not None and not _has_years(date, on, need):
        fails.append({"key": key, "date": date, "on": on, "needed": need})


def _schools(route: Route, candidate, fails: list, missing: list) -> None:
    student = candidate.source == STUDENT_SOURCE
    if route.enrolled == "graduate" and student:
        fails.append({"key": "route-graduates-only"})
    elif route.enrolled == "student" and not student:
        fails.append({"key": "route-students-only"})
    if candidate.school_level:
        if candidate.school_level not in route.schools:
            fails.append({"key": "route-school-other", "school": candidate.school_level})
        return
    if student:
        missing.append({"key": "route-student-school"})
        return
    possible = SCHOOLS_BY_EDUCATION.get(candidate.education, frozenset())
    if not possible & route.schools:
        fails.append({"key": "route-education-other", "education": candidate.education or ""})
    elif not possible <= route.schools:
        missing.append({"key": "route-education-vague", "education": candidate.education})


def evaluate(route: Route, candidate, context: Context) -> Verdict:
    """What the candidate's data says about one route."""
    fails: list[Why] = []
    missing: list[Why] = []
    on = context.exam_date or context.today
    work = candidate.work_years
    if route.working is not None:
        if route.working and not work:
            fails.append({"key": "route-needs-work"})
        elif not route.working and work:
            fails.append({"key": "route-already-working", "years": work})
    needed = route.needed_years
    if needed is not None:
        if work is None:
            missing.append({"key": "route-years-blank"})
        elif work < needed:
            fails.append({"key": "route-years-short", "years": work, "needed": needed})
        elif implausible(candidate, on):  # met only through years the age does not allow
            missing.append({"key": "route-years-implausible", "years": work, "most": most_years(candidate, on)})
    if route.prior_level is not None:
        held = _RANK.get(candidate.prior_level)
        if held is None or held < _RANK[route.prior_level]:
            fails.append({"key": "route-level-short", "held": candidate.prior_level or "", "needs": route.prior_level})
        else:
            _since(fails, candidate.cert_date, route.years_since_cert, on, "route-cert-recent")
    if route.title is not None:
        if TITLE_RANK.get(candidate.title_level, 0) < TITLE_RANK[route.title]:
            fails.append({"key": "route-title-short", "held": candidate.title_level or "", "needs": route.title})
        else:
            _since(fails, candidate.title_date, route.years_since_title, on, "route-title-recent")
    if route.schools is not None:
        _schools(route, candidate, fails, missing)
    if route.claimed and named_route(route.alone, candidate.condition) is None:
        fails.append({"key": "route-not-claimed"})
    return Verdict(route, tuple(fails), tuple(missing), route.all_checks)


# Which rule set and routes apply -------------------------------------------------------------------

def effective_occupation(candidate, context: Context) -> str:
    """申报职业, else the 方案 工种."""
    plan_occupation = getattr(context.plan, "occupation", "") if context.plan is not None else ""
    return candidate.applied_occupation or plan_occupation or ""


def plan_rule_set(context: Context) -> str:
    value = getattr(context.plan, "eligibility_basis", "") if context.plan is not None else ""
    return rule_set_key(value) or DEFAULT_RULE_SET


def routes_for(candidate, context: Context) -> tuple[str, object, tuple[Route, ...]]:
    """(level, basis, routes): the 字典 table for the occupation first, then the 方案's choice; the basis is a word
    key of the catalogue (the rule set's name) or an item (the 字典 table's occupation).

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
        basis_table = {"key": "basis-table", "occupation": occupation}
        return level, basis_table, choice if isinstance(choice, tuple) else tuple(choice)
    words = RULE_SET_WORDS.get(basis, RULE_SET_WORDS[DEFAULT_RULE_SET])
    return level, words, RULE_SETS.get(basis, RULES_2023).get(level, ())


def verdicts(candidate, context: Context) -> tuple[str, object, list[Verdict]]:
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

    >>> named_route(RULES_2018[LEVELS[0]], "本职业学徒期满").sentence
    '本职业或相关职业学徒期满。'
    >>> named_route(RULES_2018[LEVELS[0]], "未满学徒期") is None
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

def _listing(routes: list[Route]) -> list[Why]:
    """The routes' sentences, numbered, each once (one sentence may hold two routes)."""
    sentences = dict.fromkeys(route.sentence for route in routes)
    return [{"key": "route-listed", "number": i, "sentence": sentence} for i, sentence in enumerate(sentences, 1)]


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
                          {**params, "route": typed.sentence, "reason": list(verdict.fails)})
    if chosen is not None:
        if chosen.checks:
            shown = next((v for v in found if v.route is typed and v.holds), chosen)
            yield Finding("eligibility-check", "condition",
                          {**params, "route": shown.route.sentence, "check": list(shown.checks)})
        if not candidate.condition:
            yield Finding("condition-proposed", "condition", {"sentence": chosen.route.sentence})
        return
    undecided = [v for v in found if not v.fails]
    if undecided:
        missing = [{"key": "route-undecided", "route": v.route.sentence.rstrip("。"), "missing": list(v.missing)}
                   for v in undecided]
        yield Finding("eligibility-unclear", "condition", {**params, "missing": missing})
        return
    yield Finding("eligibility-not-met", "condition", {**params, "routes": _listing([v.route for v in found])})


# The 字典 table: per occupation (and level), a rule set or the routes themselves -----------------

def _level(text: str) -> str | None:
    return text if text in _RANK else intended_option("等级", text)


def _table_route(values: Mapping[str, object]) -> tuple[Route | None, str, Why]:
    """(route, the column at fault, why) for a row that defines its own route."""
    numbers = {}
    for key in ("years", "years_since_cert", "years_since_title"):
        try:
            numbers[key] = parse_number(values.get(key))
        except (ValueError, TypeError):
            return None, key, {"key": "table-years-number"}
    prior = clean_text(values.get("prior_level"))
    if prior and _level(prior) is None:
        return None, "prior_level", {"key": "table-level-unknown"}
    title = clean_text(values.get("title"))
    title = TITLE_ALIASES.get(title, title)
    if title and title not in TITLE_RANK:
        return None, "title", {"key": "table-title-unknown"}
    schools = [part for part in re.split(r"[、,，;；/\s]+", clean_text(values.get("schools"))) if part]
    known = [school if school in SCHOOL_LEVELS else intended_option("院校类别", school) for school in schools]
    if None in known:
        return None, "schools", {"key": "table-school-unknown", "choices": list(SCHOOL_LEVELS)}
    checks = ((SAME_FIELD,) if known else ()) + ((TITLE_FIELD,) if title else ())
    return Route(clean_text(values.get("sentence")), prior_level=_level(prior) if prior else None,
                 title=title or None, schools=frozenset(known) if known else None, checks=checks,
                 **numbers), "", {}


def read_eligibility_table(data) -> tuple[dict[str, dict[str, str | tuple[Route, ...]]], list[Issue]]:
    """occupation → level ("" = every level) → a rule set name or routes; an issue for each row it cannot use."""
    overrides: dict[str, dict[str, str | tuple[Route, ...]]] = {}
    issues: list[Issue] = []
    if data is None:
        return overrides, issues

    def problem(row, key: str, reason: str | Why) -> None:
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
            problem(row, "occupation", "table-no-occupation")
        elif level is None:
            problem(row, "level", "table-level-invalid")
        elif basis_text and sentence:
            problem(row, "basis", "table-basis-and-sentence")
        elif basis_text:
            basis = rule_set_key(basis_text)
            if basis is None:
                problem(row, "basis", "table-basis-unknown")
            else:
                overrides.setdefault(occupation, {})[level] = basis
        elif not sentence:
            problem(row, "sentence", "table-nothing")
        elif not level:
            problem(row, "level", "table-sentence-level")
        else:
            route, key, reason = _table_route(values)
            if route is None:
                problem(row, key, reason)
                continue
            earlier = overrides.setdefault(occupation, {}).get(level)
            overrides[occupation][level] = (*(earlier if isinstance(earlier, tuple) else ()), route)
    return overrides, issues
