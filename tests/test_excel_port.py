"""The live Excel port's reading, against the recording fake of the xlwings objects: every range it reads is logged."""

import datetime as dt
import re

import pytest
from support.fake_xlwings import FakeBook

from qzxl.sample import generate_batch
from qzxl.sheets.grid import SparseGrid
from qzxl.sheets.parts import read_sheet_values
from udfs.excel_port import BAND_GAP_ROWS, WHOLE_READ_CELLS, ExcelPort, table_extent, value_bands
from udfs.runner import run_action

TODAY = dt.date(2026, 11, 24)


def cells_read(fake: FakeBook) -> list[int]:
    """The size of every range whose values the port asked for."""
    sizes = []
    for what, address in fake.calls:
        if what != "range.value.get":
            continue
        r1, c1, r2, c2 = (*map(int, re.findall(r"\d+", address)), 0, 0)[:4]
        sizes.append(1 if not r2 else (r2 - r1 + 1) * (c2 - c1 + 1))
    return sizes


def live_validate(book, stray: dict[tuple[int, int], object]) -> FakeBook:
    fake = FakeBook(book, read_sheet_values(book))
    fake.sheets["报名信息"].grid.update(stray)
    run_action("validate", ExcelPort(fake), TODAY)
    return fake


@pytest.mark.parametrize("far", [(1_048_576, 16_384), (5_000, 16_384), (1_048_576, 40)],
                         ids=["XFD1048576", "XFD5000", "AN1048576"])
def test_a_stray_far_cell_on_the_registration_sheet_costs_no_whole_used_range(write_book, far):
    batch = generate_batch(12)
    book = write_book(batch.plan, batch.candidates)
    plain, strayed = live_validate(book, {}), live_validate(book, {far: "备注"})
    assert max(cells_read(strayed)) <= WHOLE_READ_CELLS  # a million-row sheet would be read as millions of cells
    assert sum(cells_read(strayed)) <= 10 * sum(cells_read(plain)), (cells_read(plain), cells_read(strayed))
    sheet, plain_sheet = strayed.sheets["报名信息"], plain.sheets["报名信息"]
    assert sheet.notes == plain_sheet.notes and sheet.notes  # the same findings, marked on the same cells
    assert strayed.app.alerts == plain.app.alerts


def test_a_name_typed_in_the_last_row_is_a_candidate_there_and_the_rows_between_are_not_read(write_book):
    batch = generate_batch(12)
    book = write_book(batch.plan, batch.candidates)
    plain, strayed = live_validate(book, {}), live_validate(book, {(1_048_576, 1): "李四"})
    assert max(cells_read(strayed)) <= WHOLE_READ_CELLS
    notes = strayed.sheets["报名信息"].notes
    assert {cell: note for cell, note in notes.items() if cell[0] < 1_048_576} == plain.sheets["报名信息"].notes
    assert any(row == 1_048_576 and "不能为空" in note for (row, _), note in notes.items())  # 李四's missing fields


def fake_sheet(cells: dict[tuple[int, int], object]):
    fake = FakeBook(__file__, {"S": []})
    fake.sheets["S"].grid.update(cells)
    return fake, fake.sheets["S"]


def table(rows: int, columns: int) -> dict[tuple[int, int], object]:
    return {(r, c): f"{r}-{c}" for r in range(1, rows + 1) for c in range(1, columns + 1)}


def test_the_extent_is_the_top_rows_width_and_the_last_row_with_a_value_in_those_columns():
    _, sheet = fake_sheet({**table(4, 13), (1_048_576, 16_384): "x"})
    assert table_extent(sheet, 1_048_576, 16_384) == (50, 13)  # the top rows, where the reader looks for headers


def test_a_value_typed_far_down_in_a_table_column_is_still_read():
    _, sheet = fake_sheet({**table(4, 13), (70_000, 1): "李四", (90_000, 16_384): "x"})
    assert table_extent(sheet, 90_000, 16_384) == (70_000, 13)


def test_a_table_with_gaps_keeps_its_last_row_and_column():
    cells = {**table(3, 5), (2, 9): "备注", (600, 9): "迟到的一行", (600, 10): None, (700_000, 300): "x"}
    _, sheet = fake_sheet({k: v for k, v in cells.items() if v is not None})
    assert table_extent(sheet, 700_000, 300) == (600, 9)


def test_bands_of_values_are_found_by_walking_each_column_down():
    _, sheet = fake_sheet({**table(4, 3), (70_000, 1): "李四", (70_001, 3): "x", (80_000, 2): "y"})
    assert value_bands(sheet, 80_000, 3) == [(1, 4), (70_000, 70_001), (80_000, 80_000)]


def test_bands_a_few_rows_apart_are_read_as_one():
    _, sheet = fake_sheet({**table(4, 3), (4 + BAND_GAP_ROWS, 2): "x", (500_000, 1): "y"})
    assert value_bands(sheet, 500_000, 3) == [(1, 4 + BAND_GAP_ROWS), (500_000, 500_000)]


def test_a_scattered_column_is_read_whole_rather_than_walked_cell_by_cell():
    _, sheet = fake_sheet({**table(4, 3), **{(row, 2): "x" for row in range(10, 400, 2)}})
    assert value_bands(sheet, 400, 3) == [(1, 400)]


def test_the_live_port_gives_far_apart_bands_as_the_readers_sparse_grid():
    fake, _ = fake_sheet({**table(4, 13), (600_000, 2): "李四", (1_048_576, 16_384): "x"})
    grid = ExcelPort(fake).read_sheet("S")
    assert isinstance(grid, SparseGrid) and len(grid) == 600_000
    assert grid[599_999][1] == "李四" and grid[3][12] == "4-13" and grid[10] == ()
    assert max(cells_read(fake)) <= 50 * 13


def test_a_small_sheet_is_read_whole_in_one_call():
    fake, _ = fake_sheet({**table(4, 13), (300, 200): "x"})
    rows = ExcelPort(fake).read_sheet("S")
    assert (len(rows), len(rows[0]), rows[299][199]) == (300, 200, "x")
    assert cells_read(fake) == [300 * 200]


@pytest.mark.parametrize(("start", "direction", "expected"), [
    ((10, 1), "up", (4, 1)),          # from an empty cell: the next value above
    ((4, 1), "up", (1, 1)),           # from inside a block: its edge
    ((3, 20), "left", (3, 13)),
    ((3, 13), "left", (3, 1)),
    ((10, 20), "up", (1, 20)),        # nothing on the way: the sheet's edge
])
def test_the_fake_moves_as_ctrl_arrow_does_in_excel(start, direction, expected):
    _, sheet = fake_sheet(table(4, 13))
    found = sheet.range(start).end(direction)
    assert (found.row, found.column) == expected
