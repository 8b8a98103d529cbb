"""Text sizes and lines as a PDF prints them (pdfplumber): the smallest text, and punctuation left alone on a line.

A character's ``size`` is its font size as printed: a sheet fitted to the page carries the scaling in it.
"""

from __future__ import annotations

import collections
import itertools

import pdfplumber

MIN_PRINTED_PT = 8.0
# Closing punctuation that must not start a line on its own (the 。 after 共 120 学时)
CLOSING = set("。，、；：？！”’）》」』】,.;:?!)")
CELL_GAP_PT = 30  # characters this far apart on one baseline are in different cells


def smallest_sizes(pdf) -> list[float]:
    """The smallest printed text size on each page, in points."""
    with pdfplumber.open(pdf) as document:
        return [min((c["size"] for c in page.chars if c["text"].strip()), default=99.0) for page in document.pages]


def lonely_punctuation(pdf) -> list[tuple[int, str]]:
    """(page, the line's text) for each line in a cell that is nothing but closing punctuation."""
    found = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            rows = collections.defaultdict(list)
            for char in page.chars:
                if char["text"].strip():
                    rows[round(char["top"])].append(char)
            for chars in rows.values():
                chars.sort(key=lambda c: c["x0"])
                runs, run = [], [chars[0]]
                for before, after in itertools.pairwise(chars):
                    if after["x0"] - before["x1"] > CELL_GAP_PT:
                        runs.append(run)
                        run = []
                    run.append(after)
                runs.append(run)
                found += [(number, text) for text in ("".join(c["text"] for c in r) for r in runs)
                          if text and set(text) <= CLOSING]
    return found
