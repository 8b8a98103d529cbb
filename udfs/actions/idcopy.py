"""身份证复印件: every candidate's ID-card photos straightened, both sides at true size on one A4 page."""

from __future__ import annotations

import datetime as dt

from qzxl.catalogue import say
from qzxl.idcards.copies import sentences
from qzxl.textreport import summary
from udfs.actions.common import read_book
from udfs.actions.current import merged
from udfs.actions.marks import fit_print_areas, show_report
from udfs.port import WorkbookPort
from usecases.idcopy import write_id_copies
from usecases.validate import validate_book


def id_copies(port: WorkbookPort, today: dt.date | None = None) -> str:
    """身份证复印件: a new folder beside the workbook, and the report of what could not be copied."""
    data, grids = read_book(port)
    port.set_status(say("button-idcopy-status"))
    check = validate_book(data, today=today, beside=port.path.parent)  # the 方案 and the people, read once
    run = write_id_copies(port.path, check.candidates, check.plan, today=today)
    report = merged(run.result.report, check.report)
    show_report(port, report, grids, say("button-idcopy-title", folder=run.folder.name, summary=summary(report)))
    fit_print_areas(port, data, grids)
    port.set_status(None)
    if run.result.written:
        port.open_folder(run.folder)
    text = "\n".join(sentences(run.result, run.folder))
    port.alert(text)
    return text
