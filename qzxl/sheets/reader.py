"""Reading a saved workbook (.xlsx/.xlsm) into the engine's view of it: file → data.

The sheets' values come from :mod:`qzxl.sheets.parts` (the zip parts, bounded reading), the tables and the
方案 form from :mod:`qzxl.sheets.tables` (headers found by their texts), the lost VBA codeNames from
:mod:`qzxl.sheets.codenames`; here they are put together with the Office lock file beside the workbook.

>>> read_workbook("报名.xlsm")  # every reason it cannot be read is a sentence for the clerk
Traceback (most recent call last):
...
qzxl.sheets.tables.WorkbookError: 找不到文件「报名.xlsm」，请检查路径。
"""

from __future__ import annotations

from pathlib import Path

from qzxl.sheets.codenames import lost_code_names
from qzxl.sheets.parts import read_sheet_values
from qzxl.sheets.tables import WorkbookData, workbook_from_sheets


def read_workbook(path: str | Path) -> WorkbookData:
    """Read the sheets the engine needs; raise WorkbookError with a Chinese sentence when it cannot."""
    path = Path(path)
    uncalculated: set[str] = set()
    sheets = read_sheet_values(path, uncalculated=uncalculated)
    return workbook_from_sheets(path, sheets, lock_file=_lock_file(path), uncalculated=frozenset(uncalculated),
                                lost_code_names=lost_code_names(path))


def _lock_file(path: Path) -> Path | None:
    for candidate in (path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:])):
        if candidate.exists():
            return candidate
    return None
