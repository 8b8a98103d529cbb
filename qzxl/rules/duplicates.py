"""The same 证件号码 on two rows is an error on both.

>>> from qzxl.sheets.models import Candidate
>>> rows = [Candidate(row=r, id_number=n) for r, n in ((2, "A1"), (3, "B2"), (4, "A1"))]
>>> [(f.row, dict(f.params)) for f in check_all(rows, Context())]
[(2, {'other_rows': '4'}), (4, {'other_rows': '2'})]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from qzxl.report import Finding
from qzxl.rules.context import Context


def check_all(candidates: Sequence, context: Context) -> Iterator[Finding]:
    rows_by_number: dict[str, list[int]] = defaultdict(list)
    for candidate in candidates:
        if candidate.id_number and "id_number" not in candidate.unreadable:
            rows_by_number[candidate.id_number].append(candidate.row)
    for rows in rows_by_number.values():
        if len(rows) < 2:
            continue
        for row in rows:
            others = "、".join(str(other) for other in rows if other != row)
            yield Finding("id-duplicate", "id_number", {"other_rows": others}, row=row)
