"""校验结果 after the buttons that are not 校验 (身份证复印件, 考务材料): their own findings, and every problem 校验
would list now, so the sheet and the cell marks keep telling the whole truth (a results sheet that held only the
button's own lines dropped the marks of every 报名信息 error).

>>> from qzxl.report import Issue, Report
>>> own = Report(candidates=1, issues=[Issue.create("exam-date-missing")])
>>> [issue.code for issue in merged(own, Report(candidates=1, issues=list(own.issues))).issues]
['exam-date-missing']
"""

from __future__ import annotations

import datetime as dt

from qzxl.report import Report
from udfs.port import WorkbookPort
from usecases.validate import validate_book


def merged(own: Report, check: Report) -> Report:
    """``own``'s issues, then those of ``check`` it does not already hold; ``check``'s counts (people, files)."""
    return Report(candidates=check.candidates or own.candidates,
                  issues=[*own.issues, *(issue for issue in check.issues if issue not in own.issues)],
                  counts={**own.counts, **check.counts})


def with_validation(port: WorkbookPort, data, own: Report, today: dt.date | None = None) -> Report:
    """``own`` with the full 校验 of the workbook and the folders its 方案 names, as 校验 runs it."""
    return merged(own, validate_book(data, today=today, beside=port.path.parent).report)
