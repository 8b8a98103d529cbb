"""Where a value lands on a rendered page: its characters, and the ruled cell around them (pdfplumber).

A cell's box is found from the page's own ruling lines: from a point, the
nearest vertical line left and right that spans its height and the nearest
horizontal line above and below that spans its width. A value lies inside
its cell when every one of its characters lies inside the box around the
first one; text that runs over a border, or spills into the next row, has
characters outside it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

TOLERANCE = 0.75  # points: a glyph box may touch its border


def _folded(text: str) -> str:
    """Full-width and half-width forms alike (the reader may have normalised 「，」 to 「,」), one char for one."""
    return "".join(f if len(f := unicodedata.normalize("NFKC", c)) == 1 else c for c in text)


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def holds(self, x0: float, top: float, x1: float, bottom: float) -> bool:
        return (x0 >= self.left - TOLERANCE and x1 <= self.right + TOLERANCE
                and top >= self.top - TOLERANCE and bottom <= self.bottom + TOLERANCE)

    @property
    def ratio(self) -> float:
        return (self.bottom - self.top) / (self.right - self.left)


class Page:
    """One pdfplumber page: its ruling lines and its characters with spaces dropped."""

    def __init__(self, page) -> None:
        self.page = page
        edges = page.edges
        self.verticals = [(e["x0"], e["top"], e["bottom"]) for e in edges if e["orientation"] == "v"]
        self.horizontals = [(e["top"], e["x0"], e["x1"]) for e in edges if e["orientation"] == "h"]
        self.chars = [c for c in page.chars if c["text"].strip()]
        self.text = _folded("".join(c["text"][:1] for c in self.chars))

    def box_at(self, x: float, y: float) -> Box | None:
        """The ruled cell around a point, or None when a side has no line (text outside the table)."""
        lefts = [vx for vx, top, bottom in self.verticals if vx <= x and top - 0.5 <= y <= bottom + 0.5]
        rights = [vx for vx, top, bottom in self.verticals if vx >= x and top - 0.5 <= y <= bottom + 0.5]
        tops = [hy for hy, x0, x1 in self.horizontals if hy <= y and x0 - 0.5 <= x <= x1 + 0.5]
        bottoms = [hy for hy, x0, x1 in self.horizontals if hy >= y and x0 - 0.5 <= x <= x1 + 0.5]
        if not (lefts and rights and tops and bottoms):
            return None
        return Box(max(lefts), max(tops), min(rights), min(bottoms))

    def occurrences(self, value: str) -> list[list[dict]]:
        """The characters of every occurrence of ``value`` (spaces ignored) in the page's text order."""
        wanted = _folded("".join(str(value).split()))
        found, start = [], self.text.find(wanted)
        while wanted and start >= 0:
            found.append(self.chars[start:start + len(wanted)])
            start = self.text.find(wanted, start + len(wanted))
        return found

    def misplaced(self, value: str) -> list[str]:
        """Why ``value`` is not wholly inside one cell: not on the page, outside any cell, or over a border."""
        occurrences = self.occurrences(value)
        if not occurrences:
            return [f"{value!r} is not on the page"]
        problems = []
        for chars in occurrences:
            first = chars[0]
            box = self.box_at((first["x0"] + first["x1"]) / 2, (first["top"] + first["bottom"]) / 2)
            if box is None:
                problems.append(f"{value!r} is outside every ruled cell")
                continue
            outside = [c["text"] for c in chars if not box.holds(c["x0"], c["top"], c["x1"], c["bottom"])]
            if outside:
                problems.append(f"{value!r}: {''.join(outside)!r} outside its cell {box}")
        return problems

    def images(self) -> list[Box]:
        return [Box(i["x0"], i["top"], i["x1"], i["bottom"]) for i in self.page.images]
