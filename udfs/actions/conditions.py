"""填写申报条件: the official sentence of the first route each candidate's data satisfies, into empty cells only.

The clerk confirms first; a 申报条件 already typed is never touched, and a candidate whose data
satisfies no route (yet) keeps an empty cell for 校验 to explain. Saving a file over itself keeps a
backup (the file port), as for every action that writes.
"""

from __future__ import annotations

import datetime as dt

from qzxl.catalogue import say
from qzxl.errors import CannotRun
from qzxl.rules import proposed_conditions
from udfs.actions.common import read_book
from udfs.actions.validate import validate_and_show
from udfs.port import WorkbookPort


def _runs(rows: list[tuple[int, str]]) -> list[tuple[int, list[str]]]:
    """(first row, sentences) for rows one under another, so each run is one write."""
    runs: list[tuple[int, list[str]]] = []
    for row, sentence in sorted(rows):
        if runs and runs[-1][0] + len(runs[-1][1]) == row:
            runs[-1][1].append(sentence)
        else:
            runs.append((row, [sentence]))
    return runs


def fill_conditions(port: WorkbookPort, today: dt.date | None = None) -> str:
    """填写申报条件: propose, confirm, write the empty 申报条件 cells."""
    data, _ = read_book(port)
    table = data.registration
    if "condition" not in table.letters:
        raise CannotRun("run-conditions-no-column", sheet=table.sheet)
    proposals = proposed_conditions(data, today=today)
    if not proposals:
        text = say("button-conditions-none")
        validate_and_show(port, today, above=text)  # 校验结果 then shows why each empty cell matches no route
        port.alert(text)
        return text
    if not port.confirm(say("button-conditions-confirm", count=len(proposals))):
        return say("button-cancelled")
    letter = table.letters["condition"]
    for first, sentences in _runs(proposals):
        port.write_block(table.sheet, f"{letter}{first}", [[sentence] for sentence in sentences])
    text = say("button-conditions-done", count=len(proposals))
    validate_and_show(port, today, above=text)  # the sentences written, 校验结果 says what is still open
    port.alert(text)
    return text
