"""A sheet's cells as rows of values (``Grid``), and the sparse form of a sheet whose cells reach far.

>>> grid = SparseGrid({0: ("姓名",), 1_048_575: ("x",)})
>>> len(grid), grid[5], list(numbered(grid, 1))
(1048576, (), [(1048575, ('x',))])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from qzxl.sheets.xlsx import unescape

Grid = Sequence[Sequence[object]]
"""A sheet's values, rows of cells (a list of lists, or a SparseGrid): the one Grid of the project."""


class SparseGrid(Sequence):
    """A sheet's rows where only rows with values are stored; a missing row reads as empty."""

    def __init__(self, rows: dict[int, tuple]) -> None:
        self.rows = dict(sorted(rows.items()))
        self.height = max(self.rows, default=-1) + 1

    @classmethod
    def from_parser(cls, parsed: Iterable[tuple[int, list[dict]]]) -> SparseGrid:
        rows = {}
        for number, cells in parsed:
            present = {cell["column"]: _sparse_value(cell) for cell in cells if cell["value"] is not None}
            if present:
                line: list[object] = [None] * max(present)
                for column, value in present.items():
                    line[column - 1] = value
                rows[number - 1] = tuple(line)
        return cls(rows)

    def __len__(self) -> int:
        return self.height

    def put(self, row: int, col: int, value: object) -> None:
        """Set one cell (0-based), as a port does after writing it."""
        line = list(self.rows.get(row, ()))
        line.extend([None] * (col + 1 - len(line)))
        line[col] = value
        if row not in self.rows:
            self.rows = dict(sorted({**self.rows, row: ()}.items()))
        self.rows[row] = tuple(line)
        self.height = max(self.height, row + 1)

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self.height)
            if step != 1:
                raise ValueError(step)
            return [self.rows.get(i, ()) for i in range(start, stop)]
        if index < 0:
            index += self.height
        if not 0 <= index < self.height:
            raise IndexError(index)
        return self.rows.get(index, ())


def _sparse_value(cell: dict) -> object:
    value = cell["value"]
    return unescape(value) if isinstance(value, str) else value


def numbered(grid: Grid, start: int = 0) -> Iterable[tuple[int, Sequence[object]]]:
    """(row index, cells) from ``start`` on, skipping the rows a sparse grid does not store."""
    if isinstance(grid, SparseGrid):
        return ((i, row) for i, row in grid.rows.items() if i >= start)
    return enumerate(grid[start:], start=start)
