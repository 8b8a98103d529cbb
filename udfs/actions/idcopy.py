"""身份证复印件: every candidate's ID-card photos straightened, both sides at true size on one A4 page."""

from __future__ import annotations

import datetime as dt

from qzxl.catalogue import say
from qzxl.idcards.copies import sentences
from qzxl.sheets.intake import read_candidates, read_plan
from qzxl.textreport import summary
from udfs.actions.common import read_book
from udfs.actions.current import with_validation
from udfs.actions.marks import fit_print_areas, show_report
from udfs.port import WorkbookPort
from usecases.idcopy import write_id_copies


def id_copies(port: WorkbookPort, today: dt.date | None = None) -> str:
    """身份证复印件: a new folder beside the workbook, and the report of what could not be copied."""
    data, grids = read_book(port)
    plan = read_plan(data.plan)[0] if data.plan else None
    candidates, _ = read_candidates(data.registration)
    port.set_status(say("button-idcopy-status"))
    run = write_id_copies(port.path, candidates, plan, today=today)
    report = with_validation(port, data, run.result.report, today)
    show_report(port, report, grids, say("button-idcopy-title", folder=run.folder.name, summary=summary(report)))
    fit_print_areas(port, data, grids)
    port.set_status(None)
    if run.result.written:
        port.open_folder(run.folder)
    text = "\n".join(sentences(run.result, run.folder))
    port.alert(text)
    return text
