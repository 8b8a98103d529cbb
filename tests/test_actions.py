"""Every action through the file port on generated workbooks; the live port against a recording fake."""

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from support.fake_xlwings import FakeBook

from cli.commands import main
from qzxl.dates.schedule import propose_nodes
from qzxl.layout import REGISTRATION, RESULTS, RESULTS_HEADER_ROW
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.sample import generate_batch
from qzxl.sheets.parts import read_sheet_values
from udfs.excel_port import ExcelPort, union_addresses
from udfs.file_port import FilePort
from udfs.ooxml import CUSTOM_UI_PART, CUSTOM_UI_REL_TYPE, add_ribbon_relationship, finish_saved
from udfs.port import ERROR_FILL
from udfs.registry import ACTIONS
from udfs.runner import run_action

TODAY = dt.date(2026, 11, 24)
LETTER = {c.key: chr(ord("A") + i) for i, c in enumerate(REGISTRATION.columns)}


def expected_cells(batch):
    """The cells the injected mistakes live in (title row, header row, then one row per person)."""
    return sorted(f"{LETTER[key]}{index + 3}" for index, key, _ in batch.mistakes)


@pytest.fixture
def sample(write_book):
    batch = generate_batch(12)
    return batch, write_book(batch.plan, batch.candidates)


class CountingPort:
    """Counts every call an action makes on the port it is given."""

    def __init__(self, port) -> None:
        self.port, self.calls = port, []
        self.path = port.path

    def __getattr__(self, name):
        method = getattr(self.port, name)

        def counted(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)

        return counted


def test_validate_marks_exactly_the_cells_with_issues(sample, tmp_path):
    batch, book = sample
    copy = tmp_path / "marked.xlsx"
    port = FilePort(book, copy)
    assert run_action("validate", port, TODAY)
    port.save()
    result = openpyxl.load_workbook(copy)
    sheet = result["报名信息"]
    marked = sorted(c.coordinate for row in sheet.iter_rows() for c in row if c.comment is not None)
    assert marked == expected_cells(batch)
    assert sheet["C3"].fill.fgColor.rgb == "FF" + "".join(f"{part:02X}" for part in ERROR_FILL)
    assert "校验位" in sheet["C3"].comment.text
    stored_as_number = next(index for index, _, code in batch.mistakes if code == "number-stored-id")
    assert result["花名册"][f"I{stored_as_number + 3}"].comment is not None  # the roster shows it too
    table = list(result[RESULTS.sheet].iter_rows(min_row=RESULTS_HEADER_ROW + 1, values_only=True))
    assert table[0][:len(RESULTS.columns)] == ("级别", "表", "单元格", "列", "内容", "说明", "转到", "代码（技术支持用）")
    rows = [dict(zip(table[0], row, strict=False)) for row in table[1:]]
    assert sorted(r["单元格"] for r in rows if r["表"] == "报名信息") == expected_cells(batch)
    assert all(r["转到"] == f'=HYPERLINK("#\'{r["表"]}\'!{r["单元格"]}","转到")' for r in rows if r["表"] == "报名信息")
    assert "个错误" in port.messages[0]


def test_marks_of_the_last_run_are_cleared_when_fixed(sample, tmp_path):
    batch, book = sample
    first = tmp_path / "first.xlsx"
    port = FilePort(book, first)
    run_action("validate", port, TODAY)
    port.save()
    fixed = openpyxl.load_workbook(first)
    near_miss = next(f"F{index + 3}" for index, key, _ in batch.mistakes if key == "ethnicity")
    fixed["报名信息"][near_miss] = "汉族"  # one near miss corrected by the clerk
    fixed.save(first)
    port = FilePort(first, tmp_path / "second.xlsx")
    run_action("validate", port, TODAY)
    port.save()
    sheet = openpyxl.load_workbook(tmp_path / "second.xlsx")["报名信息"]
    assert sheet[near_miss].comment is None and sheet[near_miss].fill.fill_type is None
    assert sheet["C3"].comment is not None


def test_clear_marks_and_about(sample, tmp_path):
    _, book = sample
    port = FilePort(book, tmp_path / "a.xlsx")
    run_action("validate", port, TODAY)
    port.save()
    port = FilePort(tmp_path / "a.xlsx", tmp_path / "b.xlsx", answer=True)
    assert run_action("clear_marks", port, TODAY)
    port.save()
    sheet = openpyxl.load_workbook(tmp_path / "b.xlsx")["报名信息"]
    assert not [c for row in sheet.iter_rows() for c in row if c.comment is not None]
    port = FilePort(book)
    assert run_action("about", port, TODAY)
    assert "qzxl" in port.messages[0] and "日志" in port.messages[0]


def test_schedule_fills_the_nodes(write_book, tmp_path):
    batch = generate_batch(3, mistakes=False)
    for key in propose_nodes(batch.plan["exam_date"]):
        batch.plan[key] = None
    book = write_book(batch.plan, batch.candidates)
    port = FilePort(book, tmp_path / "s.xlsx")
    assert run_action("schedule", port, TODAY)
    port.save()
    plan = {row[1]: row[2] for row in read_sheet_values(tmp_path / "s.xlsx")["方案"] if len(row) > 2}
    nodes = propose_nodes(batch.plan["exam_date"])
    assert plan["报名时间"] == nodes["registration_start"]
    assert plan["准考证下载结束时间"] == batch.plan["exam_date"]


def test_schedule_asks_before_overwriting(sample):
    _, book = sample
    port = FilePort(book, answer=False)
    run_action("schedule", port, TODAY)
    assert "覆盖" in port.messages[0] and len(port.messages) == 1


def test_photo_actions_use_the_folder_beside_the_workbook(sample):
    batch, book = sample
    photos = book.parent / "照片"
    photos.mkdir()
    for index, person in enumerate(batch.candidates[1:], start=1):
        (photos / f"{person['id_number']}{person['name']}.jpg").write_bytes(jpeg_bytes(portrait(seed=index),
                                                                                     quality=95))
    port = FilePort(book, book.with_name("p.xlsx"))
    assert run_action("check_photos", port, TODAY)
    assert "2 个错误" in port.messages[0]  # person 0 has no photo; person 9 (ID stored as a number) is unknown
    port = FilePort(book, book.with_name("f.xlsx"), answer=True)
    assert run_action("fix_photos", port, TODAY)
    assert (book.parent / "照片-已修复").is_dir() and (book.parent / "照片-已修复.zip").is_file()


def test_export_refuses_with_errors_and_marks_them(sample):
    _, book = sample
    port = FilePort(book, book.with_name("e.xlsx"), answer=True)
    assert run_action("export", port, TODAY)
    assert "未导出" in port.messages[-1]


def test_unexpected_failures_become_one_sentence(sample, monkeypatch, tmp_path):
    _, book = sample
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr("usecases.validate.check_workbook", lambda *a, **k: 1 / 0)
    import qzxl.log

    monkeypatch.setattr(qzxl.log.LOGGER, "handlers", [])
    port = FilePort(book)
    assert not run_action("validate", port, TODAY)
    assert "意外错误" in port.messages[-1] and "Traceback" not in port.messages[-1]


def port_calls_for_validate(write_book, rows: int) -> list[str]:
    batch = generate_batch(rows)
    book = write_book(batch.plan, batch.candidates, name=f"{rows}.xlsx")
    port = CountingPort(ExcelPort(FakeBook(book, read_sheet_values(book))))
    run_action("validate", port, TODAY)
    return port.calls


def test_port_calls_do_not_grow_with_rows(write_book):
    small, larger = port_calls_for_validate(write_book, 10), port_calls_for_validate(write_book, 120)
    assert small == larger
    assert len(larger) <= 30


@pytest.mark.slow
def test_port_calls_do_not_grow_with_ten_thousand_rows(write_book):
    assert port_calls_for_validate(write_book, 10) == port_calls_for_validate(write_book, 10_000)


def test_schedule_costs_at_most_ten_port_calls(sample):
    _, book = sample
    port = CountingPort(FilePort(book))
    run_action("schedule", port, TODAY)
    assert len(port.calls) <= 10


def test_live_port_against_a_recording_fake(sample):
    batch, book = sample
    fake = FakeBook(book, read_sheet_values(book))
    assert run_action("validate", ExcelPort(fake), TODAY)
    sheet = fake.sheets["报名信息"]
    noted = sorted(f"{chr(64 + c)}{r}" for r, c in sheet.notes)
    assert noted == expected_cells(batch)
    assert sheet.colors[(3, 3)] == ERROR_FILL
    assert fake.app.statuses[0] == "正在校验……" and fake.app.statuses[-1] is False
    assert "个错误" in fake.app.alerts[-1][0]
    results = fake.sheets[RESULTS.sheet].grid
    assert results[(RESULTS_HEADER_ROW + 1, 1)] == "级别"  # the fake counts rows and columns from 1
    colour_calls = [c for c in fake.calls if c[0] == "range.color"]
    assert len(colour_calls) <= 4  # one union per colour per sheet, not one call per cell
    assert any("," in detail for _, detail in colour_calls)  # several cells coloured in one union call


def test_live_port_keeps_formula_looking_text_as_text():
    fake = FakeBook(Path("x.xlsx"), {"S": [["a"]]})
    ExcelPort(fake).write_block("S", "A1", [["=1+1", "+86", "ok"]])
    assert [fake.sheets["S"].grid[(1, c)] for c in (1, 2, 3)] == ["'=1+1", "'+86", "ok"]


def test_union_addresses_stay_under_excels_limit():
    cells = [f"A{n}" for n in range(1, 500)]
    unions = union_addresses(cells)
    assert all(len(u) <= 255 for u in unions)
    assert ",".join(unions).split(",") == cells


def test_every_action_resolves_and_has_a_chinese_label():
    import importlib

    for action in ACTIONS:
        module, name = action.target.split(":")
        assert getattr(importlib.import_module(module), name) is action.function
        assert action.id.isascii() and not action.label.isascii()


def test_cli_action_writes_into_the_file_with_a_backup(sample, capsys):
    batch, book = sample
    before = book.read_bytes()
    assert main(["action", "validate", str(book)]) == 1  # the sample has errors, as `qzxl validate` says
    (backup,) = book.parent.glob(f"{book.stem}.备份-*{book.suffix}")
    assert backup.read_bytes() == before
    marked = openpyxl.load_workbook(book)["报名信息"]
    assert sorted(c.coordinate for row in marked.iter_rows() for c in row if c.comment) == expected_cells(batch)


def test_saving_with_openpyxl_keeps_the_ribbon(tmp_path):
    source = tmp_path / "ribbon.xlsx"
    openpyxl.Workbook().save(source)
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["_rels/.rels"] = add_ribbon_relationship(parts["_rels/.rels"])
    parts[CUSTOM_UI_PART] = b'<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui"/>'
    with zipfile.ZipFile(source, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    saved = tmp_path / "saved.xlsx"
    openpyxl.load_workbook(source).save(saved)
    with zipfile.ZipFile(saved) as archive:
        assert CUSTOM_UI_REL_TYPE.encode() not in archive.read("_rels/.rels")  # what openpyxl does
    assert finish_saved(source, saved) == []  # the original's ribbon back: nothing to repair
    with zipfile.ZipFile(saved) as archive:
        assert CUSTOM_UI_REL_TYPE.encode() in archive.read("_rels/.rels")
        assert archive.read(CUSTOM_UI_PART) == parts[CUSTOM_UI_PART]
    openpyxl.load_workbook(saved)  # still a valid workbook


def test_the_file_port_reads_back_what_it_wrote(sample):
    _, book = sample
    port = FilePort(book)
    port.write_block("方案", "C3", [["新机构"], ["新联系人"]])
    port.write_block("新表", "B2", [["=1+1", 5]])
    assert [row[2] for row in port.read_sheet("方案")[2:4]] == ["新机构", "新联系人"]
    assert port.read_sheet("新表") == [[None, None, None], [None, "=1+1", 5]]
