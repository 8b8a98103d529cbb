"""Reading the workbook through the port, and the folders the 方案 sheet names (or the defaults beside it)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from qzxl.layout import DEFAULT_FOLDERS, RESULTS_SHEET
from qzxl.sheets.codenames import lost_code_names
from qzxl.sheets.tables import WorkbookData, needed_sheets, workbook_from_sheets
from udfs.port import WorkbookPort
from usecases.validate import plan_folder

DEFAULT_PHOTOS = DEFAULT_FOLDERS["photos_dir"]
DEFAULT_ATTACHMENTS = DEFAULT_FOLDERS["attachments_dir"]


def read_book(port: WorkbookPort, sheets: Sequence[str] | None = None) -> tuple[WorkbookData, dict]:
    """The engine's view of the workbook (only ``sheets`` when given): one port call per sheet read.

    By default the sheets the engine needs and 校验结果 (the last run's marks), never the others: a stray
    cell far away on a sheet nobody needs must cost nothing.
    """
    present = port.sheet_names()
    names = sheets if sheets is not None else [*needed_sheets(present), *([RESULTS_SHEET] * (RESULTS_SHEET in present))]
    grids = {name: port.read_sheet(name) for name in names}
    data = workbook_from_sheets(port.path, grids, need_candidates=sheets is None,
                                uncalculated=port.uncalculated_sheets(), lost_code_names=lost_code_names(port.path))
    return data, grids


def book_folder(port: WorkbookPort, plan, key: str) -> Path | None:
    """A folder named on the 方案 sheet (relative to the workbook), else the default beside it, if it exists."""
    return plan_folder(plan, key, port.path.parent)
