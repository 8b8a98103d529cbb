"""What the build adds to XlsxWriter's file: the ribbon part and the results Excel would cache."""

from __future__ import annotations

import zipfile
from pathlib import Path

from qzxl.layout import (
    OPTIONS_SHEET,
    PLAN_SHEET,
)
from qzxl.sheets.reader import read_sheet_values
from udfs.calculated import calculated_cells
from udfs.ooxml import CUSTOM_UI_PART, ROOT_RELS, add_ribbon_relationship, cache_in_file
from udfs.ribbon import ribbon_xml


def cache_results(path: Path) -> None:
    """The results Excel would cache for the 方案, 流程 and 花名册 formulas (XlsxWriter writes them empty, which
    readers without a calculation engine take for a workbook never calculated)."""
    grids = read_sheet_values(path, [PLAN_SHEET, OPTIONS_SHEET])
    cache_in_file(path, calculated_cells(grids))


def add_ribbon(path: Path) -> None:
    """customUI14.xml and its relationship, which XlsxWriter does not write."""
    with zipfile.ZipFile(path) as archive:
        entries = [(item, archive.read(item.filename)) for item in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for item, data in entries:
            archive.writestr(item, add_ribbon_relationship(data) if item.filename == ROOT_RELS else data)
        info = zipfile.ZipInfo(CUSTOM_UI_PART, date_time=entries[0][0].date_time)
        archive.writestr(info, ribbon_xml(), zipfile.ZIP_DEFLATED)
