"""考务材料 (issue 29): seating, the assignment import, the four workbooks read back by openpyxl, the run itself.

The PDFs LibreOffice makes of them are read in tests/test_examkit_pdf.py (slow suite); here the conversion
is replaced by a note, so these run in the fast suite.
"""

from __future__ import annotations

import json

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.examkit_samples import TICKET_HEADERS, ticket_rows, write_batch, write_tickets

from cli.commands import main
from qzxl.catalogue import say
from qzxl.errors import CannotRun
from qzxl.examkit import kit as kit_module
from qzxl.examkit.rooms import UNASSIGNED_ROOM, Assignment, even_split, seat_candidates
from qzxl.examkit.tickets import read_tickets
from qzxl.layout import CANDIDATES_PER_INVIGILATOR, EXAM_KIT_FILES, PROCESS_STEP_NOTES
from qzxl.sheets.models import Candidate, Plan
from qzxl.values.privacy import mask_id
from usecases.examkit import KitRefused, make_exam_kit


@pytest.fixture(autouse=True)
def no_libreoffice(monkeypatch):
    """The PDFs are the slow suite's; here the kit says what the export says without LibreOffice."""
    monkeypatch.setattr(kit_module, "convert_to_pdf", lambda files, folder: "未生成 PDF（测试）")


def people(count: int, subjects: dict[int, str] | None = None) -> list:
    subjects = subjects or {}
    return [Candidate(row=5 + i, name=f"学员{i}", id_number=f"3308021990010{i:04d}",
                      exam_subjects=subjects.get(i, "")) for i in range(count)]


def seated(seating, subject: str) -> list[tuple[str, str, str]]:
    return [(room.name, seat.seat, seat.name) for room in seating.rooms if room.session.subject == subject
            for seat in room.seats]


# Seating -------------------------------------------------------------------------------------------

@given(st.integers(0, 600), st.integers(1, 40))
def test_an_even_split_loses_no_one_and_differs_by_one_at_most(count, rooms):
    sizes = even_split(count, rooms)
    assert sum(sizes) == count
    assert all(size > 0 for size in sizes) and len(sizes) == min(count, rooms)
    assert not sizes or max(sizes) - min(sizes) <= 1
    assert sizes == sorted(sizes, reverse=True)


@given(st.integers(1, 120), st.integers(1, 9),
       st.lists(st.sampled_from(["", "理论", "实操", "综合", "理论、实操", "理论、实操、综合"]), min_size=120, max_size=120))
def test_every_candidate_sits_each_of_their_subjects_exactly_once(count, rooms, own):
    plan = Plan(exam_subjects="理论、实操", theory_rooms=rooms)
    group = people(count, dict(enumerate(own)))
    seating = seat_candidates(group, plan)
    for subject in ("理论", "实操"):
        expected = [c.name for c in group if subject in (c.exam_subjects or plan.exam_subjects)]
        assert [name for _, _, name in seated(seating, subject)] == expected  # once each, in 报名信息 order
        for room in (r for r in seating.rooms if r.session.subject == subject):
            assert [s.seat for s in room.seats] == [str(n) for n in range(1, len(room.seats) + 1)]
    assert len({room.name for room in seating.rooms if room.session.subject == "理论"}) <= rooms


def test_comprehensive_only_candidates_have_no_exam_day_seat():
    seating = seat_candidates(people(3, {0: "综合", 1: "实操"}), Plan(exam_subjects="理论"))
    assert seated(seating, "理论") == [("第1试场", "1", "学员2")]
    assert seated(seating, "实操") == [("实操考场", "1", "学员1")]


def test_65_people_over_3_rooms_as_the_plan_says():
    seating = seat_candidates(people(65), Plan(exam_subjects="理论", theory_rooms=3, theory_invigilators=6))
    assert [(r.name, len(r.seats), r.seat_range, r.invigilators) for r in seating.rooms] == [
        ("第1试场", 22, "1–22", 2), ("第2试场", 22, "1–22", 2), ("第3试场", 21, "1–21", 2)]
    assert seating.issues == []  # 22 ≤ 2 invigilators × 15


def test_a_room_over_what_its_invigilators_watch_is_warned():
    seating = seat_candidates(people(40), Plan(exam_subjects="理论", theory_rooms=1, theory_invigilators=2))
    (issue,) = seating.issues
    assert issue.code == "examkit-room-crowded" and issue.severity.value == "warning"
    assert dict(issue.params) == {"room": "第1试场", "count": 40, "invigilators": "2", "per": 15, "limit": 30}
    assert CANDIDATES_PER_INVIGILATOR == 15
    assert seat_candidates(people(40), Plan(exam_subjects="理论", theory_rooms=1, theory_invigilators=2),
                           per_invigilator=20).issues == []
    assert seat_candidates(people(40), Plan(exam_subjects="理论", theory_rooms=1)).issues == []  # 监考人数 not given


def test_an_assignment_wins_and_whoever_it_leaves_out_is_still_seated_and_warned():
    group = people(4)
    assignments = {group[0].id_number: {"": Assignment("第2考场", "7", "T1")},
                   group[1].id_number: {"理论": Assignment("第10考场", "1")},
                   group[2].id_number: {"实操": Assignment("实训室A", "3")}}
    seating = seat_candidates(group, Plan(exam_subjects="理论、实操", theory_rooms=1), assignments)
    assert seated(seating, "理论") == [("第2考场", "7", "学员0"), ("第10考场", "1", "学员1"),
                                      (UNASSIGNED_ROOM, "1", "学员2"), (UNASSIGNED_ROOM, "2", "学员3")]
    assert seated(seating, "实操")[0] == ("实训室A", "3", "学员2")
    assert [room.name for room in seating.rooms if room.session.subject == "实操"] == ["实训室A", UNASSIGNED_ROOM]
    assert next(s.ticket for r in seating.rooms for s in r.seats if s.name == "学员0") == "T1"
    assert [(i.code, i.row) for i in seating.issues] == [("examkit-not-assigned", 7), ("examkit-not-assigned", 8),
                                                         ("examkit-not-assigned", 5), ("examkit-not-assigned", 6),
                                                         ("examkit-not-assigned", 8)]


# The assignment file ---------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_systems_assignment_is_read_by_id_number(tmp_path, suffix):
    batch, _ = write_batch(tmp_path, 3)
    group = [Candidate(row=5 + i, name=p["name"], id_number=p["id_number"]) for i, p in enumerate(batch.candidates)]
    rows = ticket_rows(batch.candidates, per_room=2)
    rows[1][1] = "错名字"  # a name the system spells differently
    rows.append([9, "陌生人", "330802199001010011", "X", 1, "09", "理论", "电工", ""])
    rows.append([10, batch.candidates[2]["name"], batch.candidates[2]["id_number"], "", "", "", "实操", "电工", ""])
    rows.append([11, batch.candidates[0]["name"], batch.candidates[0]["id_number"], "", 1, "02", "实操", "", ""])
    rows.append([12, batch.candidates[1]["name"], batch.candidates[1]["id_number"], "", 1, "02", "实操", "", ""])
    tickets = read_tickets(write_tickets(tmp_path / f"考场{suffix}", rows), group)
    first, _second, third = (c["id_number"] for c in batch.candidates)
    assert tickets.assignments[first]["理论"] == Assignment("第1考场", "02", rows[0][3])
    assert tickets.assignments[third]["理论"] == Assignment("第2考场", "02", rows[2][3])
    assert tickets.assignments[first]["实操"] == Assignment("第1考场", "02", "")
    assert [(i.code, dict(i.params).get("row")) for i in tickets.issues] == [
        ("examkit-tickets-columns", None), ("examkit-ticket-name-differs", 3 + (suffix == ".xlsx")),
        ("examkit-ticket-unknown", 5 + (suffix == ".xlsx")), ("examkit-ticket-incomplete", 6 + (suffix == ".xlsx")),
        ("examkit-seat-taken", 8 + (suffix == ".xlsx"))]
    assert dict(tickets.issues[0].params)["columns"] == "报考职业"
    assert dict(tickets.issues[2].params)["id"] == mask_id("330802199001010011")


def test_an_assignment_without_a_room_column_is_refused(tmp_path):
    path = tmp_path / "名单.csv"
    path.write_text("姓名,证件号码,座位号\n张三,330822199012153426,1\n", encoding="utf-8")
    with pytest.raises(CannotRun) as stop:
        read_tickets(path, [])
    assert stop.value.code == "run-examkit-tickets-no-room"


# The workbooks ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """32 people, the third without a photo, 理论 in 2 rooms (the sample plan's), 实操 in one."""
    folder = tmp_path_factory.mktemp("kit")
    batch, book = write_batch(folder, 32, missing_photo=2)
    import qzxl.examkit.kit as module

    saved, module.convert_to_pdf = module.convert_to_pdf, lambda files, target: "未生成 PDF（测试）"
    try:
        result = make_exam_kit(book)
    finally:
        module.convert_to_pdf = saved
    return batch, book, result


def sheet_rows(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def test_the_kit_is_a_new_folder_beside_the_workbook(kit):
    batch, book, result = kit
    assert result.folder == book.parent / f"考务材料_{batch.plan['exam_date'].isoformat()}"
    assert sorted(p.name for p in result.files) == sorted(EXAM_KIT_FILES.values())
    assert [(r.session.subject, r.name, len(r.seats)) for r in result.seating.rooms] == [
        ("理论", "第1试场", 16), ("理论", "第2试场", 16), ("实操", "实操考场", 32)]
    registration = openpyxl.load_workbook(book)["报名信息"]
    row = next(c.row for c in registration["C"] if c.value == batch.candidates[2]["id_number"])
    assert [(i.code, i.row) for i in result.report.issues] == [("examkit-photo-missing", row)]


def test_sign_in_sheets_list_each_room_in_seat_order_with_masked_ids_and_photos_in_their_rows(kit):
    batch, _, result = kit
    book = openpyxl.load_workbook(result.folder / EXAM_KIT_FILES["sign_in"])
    assert book.sheetnames == ["理论-第1试场", "理论-第2试场", "实操-实操考场"]
    names = [p["name"] for p in batch.candidates]
    listed, without_photo = {}, []
    for ws in book.worksheets:
        rows = sheet_rows(ws)
        header = rows.index(("座位号", "姓名", "证件号码", "照片", "签名", "备注"))
        body = [row for row in rows[header + 1:] if row[1]]
        listed[ws.title] = [row[1] for row in body]
        assert [row[0] for row in body] == [str(n) for n in range(1, len(body) + 1)]
        for row in body:
            person = batch.candidates[names.index(row[1])]
            assert row[2] == mask_id(person["id_number"])
        assert any(f"应到 {len(body)} 人" in (row[0] or "") for row in rows[header + 1:])
        assert any("监考人员签名" in (row[0] or "") or "考评员签名" in (row[0] or "") for row in rows)
        photo_rows = sorted(image.anchor._from.row for image in ws._images)
        missing = [header + 1 + i for i, row in enumerate(body) if row[3] == "无照片"]
        assert sorted(photo_rows + missing) == list(range(header + 1, header + 1 + len(body)))
        assert {image.anchor._from.col for image in ws._images} == {3}
        without_photo += [(ws.title, body[row - header - 1][1]) for row in missing]
        sizes = {cell.font.sz for row in ws.iter_rows() for cell in row if cell.value}
        assert min(sizes) >= 10
        assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"
        assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
    assert listed["理论-第1试场"] + listed["理论-第2试场"] == names
    assert listed["实操-实操考场"] == names
    assert without_photo == [("理论-第1试场", names[2]), ("实操-实操考场", names[2])]


def test_full_ids_print_the_whole_number(tmp_path):
    batch, book = write_batch(tmp_path, 2)
    result = make_exam_kit(book, tmp_path / "out", full_ids=True)
    ws = openpyxl.load_workbook(result.folder / EXAM_KIT_FILES["sign_in"]).worksheets[0]
    numbers = [cell.value for row in ws.iter_rows() for cell in row if cell.column == 3 and cell.value]
    assert numbers[1:] == [p["id_number"] for p in batch.candidates]


def test_desk_cards_are_eight_a_page_in_cut_boxes(kit):
    batch, _, result = kit
    ws = openpyxl.load_workbook(result.folder / EXAM_KIT_FILES["desk_cards"])["桌贴"]
    cards = [(cell.row, cell.column, cell.value) for row in ws.iter_rows() for cell in row
             if cell.column in (1, 3) and (cell.row - 1) % 5 == 0 and cell.value]
    assert len(cards) == 64  # 32 理论 + 32 实操
    assert [v for _, _, v in cards[:2]] == [batch.candidates[0]["name"], batch.candidates[1]["name"]]
    assert ws.cell(2, 1).value == "第1试场  1 号" and ws.cell(2, 3).value == "第1试场  2 号"
    assert [b.id for b in ws.row_breaks.brk] == list(range(20, 160, 20))
    top_left = ws.cell(1, 1).border
    assert top_left.top.style == "dashed" and top_left.left.style == "dashed"
    assert ws.cell(5, 1).border.bottom.style == "dashed"
    assert len(ws._images) == 62  # everyone twice but the one without a photo
    assert {image.anchor._from.col for image in ws._images} == {1, 3}


def test_door_lists_are_a_page_a_room_and_the_arrangement_a_line_a_room(kit):
    batch, _, result = kit
    doors = openpyxl.load_workbook(result.folder / EXAM_KIT_FILES["door_lists"])
    assert doors.sheetnames == ["理论-第1试场", "理论-第2试场", "实操-实操考场"]
    first = doors["理论-第1试场"]
    assert first["A1"].value == "第1试场" and first["A1"].font.sz == 48
    assert not first.sheet_properties.pageSetUpPr or not first.sheet_properties.pageSetUpPr.fitToPage  # 100 %
    assert first.row_breaks.brk == [] and first.print_title_rows == "$1:$4"
    names = [cell.value for row in first.iter_rows(min_row=5) for cell in row if cell.column % 2 == 0 and cell.value]
    assert sorted(names) == sorted(p["name"] for p in batch.candidates[:16])
    rows = sheet_rows(openpyxl.load_workbook(result.folder / EXAM_KIT_FILES["rooms"]).active)
    plan = batch.plan
    assert rows[3] == ("理论", plan["exam_date"].isoformat(), plan["theory_time"], plan["theory_place"], "第1试场",
                       "16", "1–16", "")  # the names to fill in by hand
    assert rows[5][:7] == ("实操", plan["exam_date"].isoformat(), plan["practice_time"], plan["practice_place"],
                           "实操考场", "32", "1–32")
    assert rows[6][0] == "合计 64 人次，3 个考场。"


# The run ---------------------------------------------------------------------------------------------

def test_a_wrong_id_refuses_the_kit_and_force_makes_it_anyway(tmp_path, capsys):
    _batch, book = write_batch(tmp_path, 12, mistakes=True)  # a wrong check digit, a number-stored ID …
    with pytest.raises(KitRefused) as refused:
        make_exam_kit(book)
    codes = {issue.code for issue in refused.value.report.issues}
    assert {"id-check-digit", "number-stored-id"} <= codes
    assert "mobile-invalid" not in codes  # a phone number prints on no exam-day sheet
    assert not list(tmp_path.glob("考务材料*"))
    assert main(["exam-kit", str(book)]) == 1
    assert say("cli-examkit-refused", errors=refused.value.report.errors) in capsys.readouterr().out
    assert main(["exam-kit", str(book), "--force"]) == 0
    assert "考务材料已生成到" in capsys.readouterr().out


def test_an_old_kit_is_never_overwritten(tmp_path, capsys):
    _, book = write_batch(tmp_path, 2)
    first = make_exam_kit(book).folder
    (first / "手写备注.txt").write_text("mine", encoding="utf-8")
    assert main(["exam-kit", str(book), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["folder"] == f"{first}-2" and (first / "手写备注.txt").read_text(encoding="utf-8") == "mine"
    assert [room["room"] for room in data["rooms"]] == ["第1试场", "实操考场"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~qzxl")]


def test_the_cli_imports_the_assignment(tmp_path, capsys):
    batch, book = write_batch(tmp_path, 5)
    tickets = write_tickets(tmp_path / "考场安排.xlsx", ticket_rows(batch.candidates, per_room=3))
    assert main(["exam-kit", str(book), "--tickets", str(tickets), "--out", str(tmp_path / "给考点")]) == 0
    out = capsys.readouterr().out
    assert "给考点" in out and "报考职业" in out  # the unknown column is listed
    sign_in = openpyxl.load_workbook(next((tmp_path / "给考点").glob("考务材料_*")) / EXAM_KIT_FILES["sign_in"])
    assert sign_in.sheetnames == ["理论-第1考场", "理论-第2考场", "实操-实操考场"]
    seats = [(r[0], r[1]) for r in sheet_rows(sign_in["理论-第1考场"])[5:8]]
    assert seats == [("01", batch.candidates[2]["name"]), ("02", batch.candidates[1]["name"]),
                     ("03", batch.candidates[0]["name"])]


def test_no_plan_date_and_nobody_to_seat_are_said_plainly(tmp_path, capsys):
    _, book = write_batch(tmp_path, 2, exam_date=None)
    assert main(["exam-kit", str(book)]) == 2
    assert capsys.readouterr().err.strip() == say("run-examkit-no-exam-date")
    other = tmp_path / "b"
    other.mkdir()
    _, book = write_batch(other, 2, exam_subjects="综合")
    with pytest.raises(CannotRun) as stop:
        make_exam_kit(book)
    assert stop.value.code == "run-examkit-no-sessions"


def test_the_guide_shows_the_assignment_file_the_tests_build():
    from pathlib import Path

    guide = (Path(__file__).parent.parent / "docs" / "用户指南.md").read_text(encoding="utf-8")
    assert "| " + " | ".join(TICKET_HEADERS) + " |" in guide
    assert "--tickets" in guide and "考务材料" in guide


def test_the_button_makes_the_kit_beside_the_workbook_and_says_where(tmp_path):
    from udfs.file_port import FilePort
    from udfs.runner import run_action

    _, book = write_batch(tmp_path, 3)
    port = FilePort(book, tmp_path / "copy.xlsx", answer=False)
    assert run_action("exam_kit", port) and port.messages == ["生成考务材料前会先保存工作簿。继续吗？"]
    port = FilePort(book, tmp_path / "copy.xlsx", answer=True)
    assert run_action("exam_kit", port)
    (folder,) = tmp_path.glob("考务材料_*")
    assert port.messages[-2:] == [f"已生成：{folder}",  # the folder opened, then button-examkit-done
                                   f"考务材料已生成到「{folder}」：2 个考场，4 个文件。\n未生成 PDF（测试）"]


def test_the_button_refuses_a_batch_with_a_wrong_id_and_lists_it(tmp_path):
    from udfs.file_port import FilePort
    from udfs.runner import run_action

    _, book = write_batch(tmp_path, 12, mistakes=True)
    port = FilePort(book, tmp_path / "copy.xlsx", answer=True)
    assert run_action("exam_kit", port)
    with pytest.raises(KitRefused) as refused:
        make_exam_kit(book)
    assert port.messages[-1] == say("button-examkit-refused", errors=refused.value.report.errors)
    assert not list(tmp_path.glob("考务材料_*"))


def test_an_empty_batch_and_a_kit_being_written_are_said_plainly(tmp_path, monkeypatch):
    from qzxl.files import exclusive_lock

    _, book = write_batch(tmp_path, 0)
    with pytest.raises(CannotRun) as stop:
        make_exam_kit(book)
    assert stop.value.code == "run-examkit-no-candidates"
    (tmp_path / "b").mkdir()
    _, book = write_batch(tmp_path / "b", 1)
    monkeypatch.setattr(kit_module, "LOCK_WAIT_SECONDS", 0)
    with exclusive_lock(book.parent / "考务材料_2026-12-18"), pytest.raises(CannotRun) as stop:
        make_exam_kit(book)
    assert stop.value.code == "run-examkit-busy"


def test_the_button_takes_the_assignment_file_beside_the_workbook(tmp_path):
    from udfs.file_port import FilePort
    from udfs.runner import run_action

    batch, book = write_batch(tmp_path, 4)
    write_tickets(tmp_path / "考场安排.csv", ticket_rows(batch.candidates, per_room=4))
    port = FilePort(book, tmp_path / "copy.xlsx", answer=True)
    assert run_action("exam_kit", port)
    assert port.messages[-1].endswith("\n" + say("button-examkit-tickets", name="考场安排.csv"))
    (folder,) = tmp_path.glob("考务材料_*")
    assert openpyxl.load_workbook(folder / EXAM_KIT_FILES["sign_in"]).sheetnames[0] == "理论-第1考场"


def test_the_process_sheets_step_7_points_to_the_button(built_openpyxl):
    from qzxl.layout import PROCESS_FIRST_STEP_ROW, PROCESS_SHEET

    ws = built_openpyxl[PROCESS_SHEET]
    steps = [row for row in ws.iter_rows(min_row=PROCESS_FIRST_STEP_ROW + 1, values_only=True) if row[0]]
    (step,) = [row for row in steps if str(row[0]).startswith("7. ")]
    assert str(step[2]).endswith(PROCESS_STEP_NOTES["step_7"]) and "考务材料" in step[2]
    assert sum("考务材料" in str(row[2]) for row in steps) == 1


def test_photos_from_a_zip_are_printed_too(tmp_path):
    import shutil

    _, book = write_batch(tmp_path, 3)
    archive = shutil.make_archive(str(tmp_path / "照片包"), "zip", tmp_path / "照片")
    shutil.rmtree(tmp_path / "照片")
    result = make_exam_kit(book, photos=archive)
    assert result.report.issues == []
    ws = openpyxl.load_workbook(result.folder / EXAM_KIT_FILES["sign_in"]).worksheets[0]
    assert len(ws._images) == 3
    warned = make_exam_kit(book, tmp_path / "no-photos").report.issues  # no photo folder at all: everyone warned
    assert [issue.code for issue in warned] == ["examkit-photo-missing"] * 3


@given(st.lists(st.tuples(st.sampled_from(["1", "2", "10", "A301", "实训楼 2-105"]), st.integers(1, 99),
                          st.sampled_from(["理论", "实操", "应知", "技能操作", ""])), min_size=1, max_size=6))
def test_any_assignment_reads_back_as_written(tmp_path_factory, seats):
    folder = tmp_path_factory.mktemp("tickets")
    group = [Candidate(row=5 + i, name=f"学员{i}", id_number=f"3308021990010{i:04d}") for i in range(len(seats))]
    rows = [[i + 1, c.name, c.id_number, f"T{i}", room, f"{seat:02d}", subject, "", ""]
            for i, (c, (room, seat, subject)) in enumerate(zip(group, seats, strict=True))]
    tickets = read_tickets(write_tickets(folder / "考场.csv", rows), group)
    for c, (room, seat, subject) in zip(group, seats, strict=True):
        key = {"理论": "理论", "应知": "理论", "实操": "实操", "技能操作": "实操", "": ""}[subject]
        shown = f"第{room}考场" if room.isdigit() else room
        assert tickets.assignments[c.id_number] == {key: Assignment(shown, f"{seat:02d}", f"T{c.row - 5}")}
    assert {i.code for i in tickets.issues} <= {"examkit-seat-taken", "examkit-tickets-columns"}  # 报考职业 unknown


def test_a_large_rooms_door_list_goes_on_over_pages_of_60_names(tmp_path):
    from qzxl.examkit.documents import DOOR_NAMES_PER_PAGE, Batch, write_door_lists
    from qzxl.examkit.rooms import Room, Seat, Session

    room = Room(Session("实操", None, "", "实训楼"), "实操考场", [Seat(str(n), f"学员{n}", "") for n in range(1, 131)])
    write_door_lists(tmp_path / "门贴.xlsx", Batch("", "", ""), [room])
    ws = openpyxl.load_workbook(tmp_path / "门贴.xlsx").active
    assert DOOR_NAMES_PER_PAGE == 60 and [b.id for b in ws.row_breaks.brk] == [24, 44]  # 20 lines a page
    names = [ws.cell(row, col).value for row in range(5, 52) for col in (2, 4, 6) if ws.cell(row, col).value]
    assert sorted(names) == sorted(f"学员{n}" for n in range(1, 131))
    assert ws.cell(5, 2).value == "学员1" and ws.cell(24, 2).value == "学员20" and ws.cell(5, 4).value == "学员21"
    assert ws.cell(25, 2).value == "学员61" and ws.cell(45, 2).value == "学员121" and ws.cell(45, 4).value == "学员125"


@pytest.mark.slow  # a 40-person kit twice; the fast suite keeps the crowded-room rule and whole IDs on their own
def test_the_plan_can_ask_for_whole_id_numbers_and_another_invigilator_load(tmp_path):
    batch, book = write_batch(tmp_path, 40, kit_full_ids="是", kit_per_invigilator=10, theory_rooms=1,
                              theory_invigilators=3)
    result = make_exam_kit(book)
    ws = openpyxl.load_workbook(result.folder / EXAM_KIT_FILES["sign_in"]).worksheets[0]
    assert ws.cell(6, 3).value == batch.candidates[0]["id_number"]
    (crowded,) = result.report.issues
    assert dict(crowded.params) == {"room": "第1试场", "count": 40, "invigilators": "3", "per": 10, "limit": 30}
    assert "方案表「每名监考最多考生数」" in crowded.message
    again = make_exam_kit(book, per_invigilator=15)  # the command line's --per-invigilator wins
    assert again.report.issues == []


def test_the_results_sheet_keeps_every_problem_of_the_check_after_the_kit(tmp_path):
    """QA of the journey: 考务材料 wrote only the errors that stop the kit (refused) or its own lines (made) into
    校验结果, and 清除 the marks of every other 报名信息 error; 校验结果 now holds the whole current 校验."""
    from qzxl.layout import RESULTS_SHEET
    from qzxl.sheets.reader import read_workbook
    from udfs.file_port import FilePort
    from udfs.runner import run_action
    from usecases.examkit import blocks_kit
    from usecases.validate import validate_book

    _, book = write_batch(tmp_path, 12, mistakes=True)
    check = validate_book(read_workbook(book), photos=tmp_path / "照片").report
    others = [issue for issue in check.issues if issue.is_error and not blocks_kit(issue) and issue.cell]
    assert others  # errors the kit does not stop for: they were dropped from 校验结果 and lost their marks
    port = FilePort(book, tmp_path / "copy.xlsx", answer=True)
    assert run_action("exam_kit", port)
    port.save()
    rows = [row for row in port.read_sheet(RESULTS_SHEET)[2:] if row and row[0]]
    assert {issue.code for issue in check.issues} <= {row[-1] for row in rows}
    marked = openpyxl.load_workbook(tmp_path / "copy.xlsx")[others[0].sheet][others[0].cell]
    assert marked.comment is not None and marked.fill.fgColor.rgb == "FFFFC7CE"
