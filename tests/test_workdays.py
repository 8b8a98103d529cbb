"""The holiday estimate for unpublished years: back-tested on the published ones, checked against the notices and
a second data source, and its invariants as properties."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.examples import examples

from benchmarks.holidays import back_test, covered_years, old_workday, source_disagreements
from qzxl.catalogue import CATALOGUE
from qzxl.dates.schedule import DEADLINES, deadlines, exam_findings
from qzxl.dates.workdays import (
    CHINESECALENDAR,
    ESTIMATE,
    Override,
    WorkCalendar,
    holidays_published,
    possible_days_off,
    published_source,
)

D = dt.date
CURRENT_REGULATION = (2025, 2026)  # the 2024 revision of 全国年节及纪念日放假办法 took effect on 2025-01-01

# Make-up working days (调休上班) of the State Council's notices on the 2025 and 2026 arrangements
# (国办发明电〔2024〕12 号, gov.cn/gongbao/2024/issue_11726/202411/content_6989767.html;
#  国办发明电〔2025〕7 号, gov.cn/gongbao/2025/issue_12406/202511/content_7048922.html).
MAKE_UP_DAYS = {
    2025: [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)],
    2026: [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)],
}


@pytest.mark.parametrize("year", CURRENT_REGULATION)
def test_back_test_no_deadline_later_and_few_earlier(year):
    result = back_test(year)
    assert result.later == 0
    assert result.earlier <= 0.15 * result.exam_dates


@pytest.mark.parametrize(("year", "days", "later", "earlier"), [(2025, 11, 18, 14), (2026, 15, 36, 28)])
def test_the_baseline_reproduces_the_measured_slip(year, days, later, earlier):
    """The figures the issue measured for the engine's previous estimator."""
    result = back_test(year, old_workday)
    assert (result.days_differ, result.later, result.earlier) == (days, later, earlier)


@pytest.mark.parametrize("year", CURRENT_REGULATION)
def test_the_only_days_the_estimate_gets_wrong_are_the_make_up_saturdays_and_sundays(year):
    estimate, official = WorkCalendar(unpublished=frozenset({year})), WorkCalendar()
    days = [D(year, 1, 1) + dt.timedelta(days=n) for n in range(365)]
    wrong = [day for day in days if estimate.day(day).workday != official.day(day).workday]
    assert wrong == MAKE_UP_DAYS[year]


def test_the_2026_example_of_the_issue():
    """Exam 2026-10-14, D−7 = 10-07 inside the National Day break: official 09-30, the old estimate said 10-07."""
    estimate = WorkCalendar(unpublished=frozenset({2026}))
    assert {i.key: i.date for i in deadlines(D(2026, 10, 14), estimate)}["paper_materials"] == D(2026, 9, 30)


@pytest.mark.parametrize(("date", "workday", "reason"), [
    (D(2027, 2, 5), False, "春节"),  # 除夕, a Friday
    (D(2027, 2, 12), False, "春节假期（可能调休放假）"),  # the eighth day from 除夕
    (D(2027, 2, 15), True, ""),
    (D(2027, 2, 20), False, "周六"),  # a make-up Saturday is never assumed
    (D(2027, 4, 5), False, "清明节"),  # a Monday: three days with the weekend
    (D(2027, 5, 3), False, "劳动节假期（可能调休放假）"),  # 05-01 is a Saturday: 05-01..05 likely
    (D(2027, 5, 6), True, ""),
    (D(2027, 6, 9), False, "端午节"),  # a Wednesday: that day only
    (D(2027, 6, 10), True, ""),
    (D(2027, 9, 15), False, "中秋节"),  # a Wednesday too
    (D(2027, 10, 7), False, "国庆节假期（可能调休放假）"),
    (D(2027, 10, 8), True, ""),
    (D(2027, 12, 31), True, ""),  # 2028-01-01 is a Saturday: its 补假 is 01-03
    (D(2028, 1, 3), False, "元旦假期（可能调休放假）"),
    (D(2028, 10, 8), False, "国庆节假期（可能调休放假）"),  # 中秋 2028-10-03 falls inside: eight days
    (D(2029, 12, 31), False, "元旦假期（可能调休放假）"),  # 2030-01-01 is a Tuesday
])
def test_estimated_days(date, workday, reason):
    day = WorkCalendar().day(date)
    assert (day.workday, day.reason, day.estimated) == (workday, reason, True)


def test_the_estimate_is_tight():
    """Only the breaks are uncertain. 2027 by hand: 元旦 Fri 1; 春节 from 除夕 Fri 02-05 for 8 days, 6 weekdays;
    清明 Mon 1; 劳动节 Sat 05-01..05, 3; 端午 Wed 1; 中秋 Wed 1; 国庆 Fri 10-01..07, 5 — 18 weekdays."""
    weekdays = [day for day in possible_days_off(2027) if day.weekday() < 5]
    assert len(weekdays) == 18
    assert {day.month for day in weekdays} == {1, 2, 4, 5, 6, 9, 10}


def test_an_exam_in_january_names_the_estimated_year():
    """D−15 of 2027-01-16 is 2027-01-01, moved to 2026-12-31: the estimate is 2027's, not 2026's."""
    findings = [f for f in exam_findings(D(2027, 1, 16), D(2026, 12, 1)) if f.code == "schedule-estimated"]
    assert [f.params["year"] for f in findings] == [2027]
    filing = {i.key: i for i in deadlines(D(2027, 1, 16))}["plan_filing"]
    assert filing.date == D(2026, 12, 31) and filing.estimated_year == 2027
    assert filing.estimate_note.startswith("预估（2027 年放假安排尚未公布")
    assert filing.estimate_note == CATALOGUE["schedule-estimated-date"].render(year=2027)


def test_sources():
    assert published_source(2026) == CHINESECALENDAR
    assert published_source(2040) == ESTIMATE
    assert WorkCalendar(unpublished=frozenset({2026})).source(2026) == ESTIMATE
    assert holidays_published(2026)
    assert not holidays_published(2040)  # its generic 补假 rule for 2040 is no publication


# The one day chinesecalendar and holidays disagree on: holidays has Saturday 2005-12-31 as the make-up working day
# for 2006-01-03 (with its 2006 notice), chinesecalendar as a weekend.
KNOWN_DISAGREEMENTS = [D(2005, 12, 31)]


def test_the_two_sources_agree_on_every_day_both_cover():
    years = [year for year in covered_years() if holidays_published(year)]
    assert years[0] <= 2004 and years[-1] >= 2026
    assert source_disagreements(years) == KNOWN_DISAGREEMENTS


# Properties over exam dates from 2025 (published) to 2029 (estimated), with or without 2025/2026 unpublished.
exams = st.dates(D(2025, 1, 25), D(2029, 12, 31))
calendars = st.sampled_from([WorkCalendar(), WorkCalendar(unpublished=frozenset({2025})),
                             WorkCalendar(unpublished=frozenset({2026})),
                             WorkCalendar(unpublished=frozenset({2025, 2026}))])


@settings(max_examples=examples(60), deadline=None)
@given(exams, calendars)
def test_a_deadline_is_a_certain_working_day_never_after_its_nominal_date(exam, calendar):
    for item in deadlines(exam, calendar):
        assert item.date <= item.nominal
        day = calendar.day(item.date)
        assert day.workday
        if calendar.source(item.date.year) == ESTIMATE:
            assert item.date.weekday() < 5  # a make-up weekend is never assumed
        assert all(not calendar.day(item.nominal - dt.timedelta(days=n)).workday
                   for n in range(1, (item.nominal - item.date).days))


@settings(max_examples=examples(60), deadline=None)
@given(exams, exams, calendars)
def test_deadlines_are_monotone_in_the_exam_date(first, second, calendar):
    first, second = sorted((first, second))
    for early, late in zip(deadlines(first, calendar), deadlines(second, calendar), strict=True):
        assert early.date <= late.date


@settings(max_examples=examples(60), deadline=None)
@given(st.dates(D(2024, 1, 1), D(2026, 12, 31)), st.sets(st.integers(2024, 2030)))
def test_published_years_are_unaffected_by_estimating_others(date, unpublished):
    calendar = WorkCalendar(unpublished=frozenset(unpublished - {date.year}))
    assert calendar.day(date) == WorkCalendar().day(date)


@settings(max_examples=examples(60), deadline=None)
@given(st.dates(D(2025, 1, 1), D(2026, 12, 31)))
def test_every_official_day_off_is_a_possible_day_off_of_the_estimate(date):
    if not WorkCalendar().day(date).workday:
        assert not WorkCalendar(unpublished=frozenset({date.year})).day(date).workday


@settings(max_examples=examples(40), deadline=None)
@given(exams, st.dates(D(2025, 1, 1), D(2029, 12, 31)), st.booleans())
def test_a_holiday_override_wins_and_is_not_estimated(exam, date, workday):
    calendar = WorkCalendar({date: Override(workday)})
    day = calendar.day(date)
    assert (day.workday, day.estimated) == (workday, False)
    for key, _, days in DEADLINES:
        due = {i.key: i for i in deadlines(exam, calendar)}[key]
        assert calendar.day(due.date).workday and due.nominal == exam - dt.timedelta(days=days)


def test_every_output_of_an_estimated_date_says_why(tmp_path):
    import openpyxl
    from icalendar import Calendar

    from qzxl.dates.ical import build_calendar
    from qzxl.export.package import write_report
    from qzxl.report import Report
    from qzxl.worksheet import schedule_table
    from usecases.schedule import exam_schedule, render_schedule

    result = exam_schedule(D(2027, 10, 14), today=D(2026, 12, 1))
    text = render_schedule(result)
    assert "09-30（周四）；预估（2027 年放假安排尚未公布，可能调休放假的日子按放假算）" in text
    assert "2027 年的放假安排尚未公布" in text  # the warning explains the rule
    events = {str(e["uid"]): e for e in Calendar.from_ical(
        build_calendar(result.exam, result.items, stamp=dt.datetime(2026, 12, 1)).to_ical()).walk("VEVENT")}
    paper = events["paper_materials-20271014@qzxl"]
    assert str(paper["summary"]).endswith("（按 2027 年预估的放假安排）")
    assert "2027 年放假安排尚未公布" in str(paper["description"])
    labels = [label for label, _ in schedule_table(D(2027, 10, 14))]
    assert labels[2] == "提交纸质材料（开考前 7 天） 预估（2027 年放假安排尚未公布，可能调休放假的日子按放假算）"
    write_report(tmp_path / "问题.xlsx", Report(), result.items)
    rows = list(openpyxl.load_workbook(tmp_path / "问题.xlsx")["时间安排"].iter_rows(min_row=2, values_only=True))
    assert rows[2][0] == "提交纸质材料（开考前 7 天）（按 2027 年预估的放假安排）" and "2027 年放假安排尚未公布" in rows[2][2]
    exam_row = next(row for row in rows if str(row[0]).startswith("考试时间"))
    assert exam_row[0] == "考试时间"  # the clerk's own date: nothing about it is estimated
    published = exam_schedule(D(2026, 10, 20), today=D(2026, 10, 1))
    assert "预估" not in render_schedule(published).split("系统时间节点")[0]
