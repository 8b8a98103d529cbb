"""Deadlines and nodes against the published 2026 arrangement, an estimated 2027, and staff-typed plans."""

import datetime as dt
import json

import pytest
from icalendar import Calendar

from cli.commands import main
from qzxl.dates.schedule import check_nodes, checklist, deadlines, exam_findings, propose_nodes, window_days
from qzxl.dates.workdays import Override, WorkCalendar, statutory_days

D = dt.date


def due(exam):
    return {item.key: item for item in deadlines(exam)}


# 2026 as published by the State Council: 中秋 09-25..27, 国庆 10-01..07, make-up days Sun 09-20 and Sat 10-10.
@pytest.mark.parametrize(
    ("exam", "key", "nominal", "date", "reason_words"),
    [
        (D(2026, 11, 28), "paper_materials", D(2026, 11, 21), D(2026, 11, 20), "周六"),  # a plain Saturday
        (D(2026, 10, 20), "plan_filing", D(2026, 10, 5), D(2026, 9, 30), "国庆节"),  # inside National Day
        (D(2026, 10, 17), "electronic_materials", D(2026, 9, 27), D(2026, 9, 24), "中秋节"),
        (D(2026, 10, 17), "paper_materials", D(2026, 10, 10), D(2026, 10, 10), "调休上班"),  # make-up Saturday
        (D(2026, 10, 10), "electronic_materials", D(2026, 9, 20), D(2026, 9, 20), "调休上班"),  # make-up Sunday
        (D(2026, 12, 18), "electronic_materials", D(2026, 11, 28), D(2026, 11, 27), "周六"),
        (D(2026, 12, 18), "plan_filing", D(2026, 12, 3), D(2026, 12, 3), ""),
    ],
)
def test_2026_deadlines(exam, key, nominal, date, reason_words):
    item = due(exam)[key]
    assert (item.nominal, item.date, item.estimated) == (nominal, date, False)
    assert reason_words in item.reason
    assert (item.reason == "") == (reason_words == "")


def test_a_2027_exam_is_marked_estimated_with_its_reason():
    items = due(D(2027, 2, 26))  # D-20 = 02-06, 春节 in 2027 (除夕 02-05)
    electronic = items["electronic_materials"]
    assert electronic.estimated
    assert electronic.nominal == D(2027, 2, 6)
    assert electronic.date == D(2027, 2, 4)  # 02-05 除夕 and 02-06 are off, 02-04 a Thursday
    assert "春节" in electronic.reason
    codes = [f.code for f in exam_findings(D(2027, 2, 26), D(2026, 11, 24))]
    assert codes == ["schedule-estimated"]


def test_statutory_days_follow_the_2024_regulation():
    days = statutory_days(2027)
    assert len(days) == 13
    assert [d for d, name in days.items() if name == "春节"] == [D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7),
                                                                D(2027, 2, 8)]
    assert days[D(2027, 4, 5)] == "清明节"
    assert days[D(2027, 6, 9)] == "端午节"
    assert days[D(2027, 9, 15)] == "中秋节"
    assert sum(name == "国庆节" for name in days.values()) == 3
    assert sum(name == "劳动节" for name in days.values()) == 2


def test_workbook_overrides_win_over_estimates_and_are_not_estimated():
    calendar = WorkCalendar({D(2027, 2, 4): Override(False, "春节调休"), D(2027, 2, 20): Override(True)})
    assert calendar.day(D(2027, 2, 20)).workday
    item = {i.key: i for i in deadlines(D(2027, 2, 26), calendar)}["electronic_materials"]
    assert item.date == D(2027, 2, 3)


def test_the_proposal_meets_every_rule():
    for offset in range(0, 400, 7):
        exam = D(2026, 1, 5) + dt.timedelta(days=offset)
        nodes = propose_nodes(exam)
        assert check_nodes(nodes, exam) == []
        assert window_days(nodes["reg_publicity_start"], nodes["reg_publicity_end"]) >= 10


def test_window_counting_counts_both_ends():
    assert window_days(D(2026, 12, 1), D(2026, 12, 10)) == 10  # 1st to 10th: the ten days the college asks for
    assert window_days(D(2026, 12, 10), D(2026, 12, 10)) == 1


EXAM = D(2026, 12, 18)


def broken(**changes):
    nodes = propose_nodes(EXAM)
    nodes.update(changes)
    return [(f.key, f.code) for f in check_nodes(nodes, EXAM)]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"review_end": None}, [("review_end", "schedule-node-missing")]),
        ({"registration_end": D(2026, 11, 1)}, [("registration_end", "schedule-order")]),
        ({"reg_publicity_end": D(2026, 12, 5)}, [("reg_publicity_end", "schedule-publicity-short")]),
        ({"ticket_start": D(2026, 12, 10)}, [("ticket_start", "schedule-ticket-short")]),
        ({"ticket_end": D(2026, 12, 17)}, [("ticket_end", "schedule-ticket-end")]),
        ({"exam": D(2026, 12, 19)}, [("exam", "schedule-exam-mismatch")]),
        ({"score_publicity_start": EXAM, "score_publicity_end": EXAM},
         [("score_publicity_start", "schedule-score-before-exam")]),
    ],
)
def test_typed_plans(changes, expected):
    assert broken(**changes) == expected


def test_exam_before_registration_start_is_an_order_error():
    nodes = propose_nodes(EXAM)
    nodes["registration_start"] = EXAM + dt.timedelta(days=1)
    assert ("registration_end", "schedule-order") in [(f.key, f.code) for f in check_nodes(nodes, EXAM)]


@pytest.mark.parametrize(
    ("exam", "today", "codes"),
    [
        (D(2026, 12, 18), D(2026, 11, 24), []),
        (D(2026, 10, 1), D(2026, 11, 24), ["exam-in-past", "exam-on-holiday"]),
        (D(2026, 12, 10), D(2026, 11, 24), ["deadline-passed"]),  # D-20 = 11-20 is gone
    ],
)
def test_exam_date_warnings(exam, today, codes):
    assert [f.code for f in exam_findings(exam, today)] == codes


def test_checklist_dates_only_what_the_text_dates():
    items = checklist(EXAM, propose_nodes(EXAM))
    assert len(items) == 11  # ten steps; step 1 has two deadlines
    undated = [i.label for i in items if i.date is None]
    assert undated == ["3. 理论实操考试备案表", "5. 现场勘查", "10. 资料汇总"]
    assert all(i.reason == "流程文本未给出期限" for i in items if i.date is None)


def test_cli_schedule_json_and_ics(tmp_path, capsys):
    ics = tmp_path / "考试.ics"
    assert main(["schedule", "--exam", "2026-10-20", "--json", "--ics", str(ics)]) == 0
    out = json.loads(capsys.readouterr().out)
    keys = [item["key"] for item in out["items"]]
    assert keys[:3] == ["electronic_materials", "plan_filing", "paper_materials"]
    assert keys[3:] == ["registration_start", "registration_end", "review_end", "reg_publicity_start",
                        "reg_publicity_end", "ticket_start", "ticket_end", "exam", "score_publicity_start",
                        "score_publicity_end"]
    assert set(out["items"][0]) == {"key", "label", "date", "workday", "estimated", "reason", "estimate_note"}
    plan_filing = out["items"][1]
    assert (plan_filing["date"], "国庆节" in plan_filing["reason"]) == ("2026-09-30", True)

    calendar = Calendar.from_ical(ics.read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 13
    filing = events["plan_filing-20261020@qzxl"]
    assert filing.decoded("dtstart") == D(2026, 9, 30)
    alarms = filing.walk("VALARM")
    assert len(alarms) == 1 and alarms[0].decoded("trigger") == dt.timedelta(hours=-15)
    assert not events["exam-20261020@qzxl"].walk("VALARM")


def test_cli_schedule_check_points_at_the_plan_cells(write_book, capsys):
    from qzxl.sample import generate_batch

    batch = generate_batch(3, mistakes=False)
    batch.plan["ticket_end"] = D(2026, 12, 17)
    path = write_book(batch.plan, batch.candidates)
    assert main(["schedule", "--check", str(path), "--json"]) == 1
    issues = json.loads(capsys.readouterr().out)["issues"]
    ticket = [i for i in issues if i["code"] == "schedule-ticket-end"]
    assert [(i["sheet"], i["column"]) for i in ticket] == [("方案", "准考证下载结束时间")]
    assert ticket[0]["cell"].startswith("C")


@pytest.mark.parametrize("args", [["schedule"], ["schedule", "--exam", "2026-02-30"]])
def test_cli_schedule_bad_input(args, capsys):
    try:
        code = main(args)
    except SystemExit as stop:
        code = stop.code
    assert code == 2
    assert "Traceback" not in capsys.readouterr().err
