"""What the build adds to XlsxWriter's file, in one rewrite: the ribbon part and the results Excel would cache."""

from __future__ import annotations

from pathlib import Path

from qzxl.layout import OPTIONS_SHEET, PLAN_SHEET
from qzxl.sheets.parts import read_sheet_values
from udfs.calculated import calculated_cells
from udfs.ooxml import cache_in_file
from udfs.ribbon import ribbon_xml


def finish(path: Path) -> None:
    """XlsxWriter's file rewritten once: the ribbon part and its relationship, which XlsxWriter does not write, and
    the results Excel would cache for the 方案, 流程 and 花名册 formulas (XlsxWriter writes them empty, which
    readers without a calculation engine take for a workbook never calculated)."""
    grids = read_sheet_values(path, [PLAN_SHEET, OPTIONS_SHEET])
    cache_in_file(path, calculated_cells(grids), ribbon=ribbon_xml())
