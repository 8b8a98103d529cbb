"""The XlsxWriter worksheet the build writes with: XlsxWriter's own, with one cheap look at each formula.

XlsxWriter searches every formula for the functions newer than Excel 2010 that need a prefix (``_xlfn.XLOOKUP``
…) with one regular expression, then runs some 30 substitutions over it. The built workbook's formulas use none
(workbook/native.py: Excel 2010 functions only), and on its ~19,000 formulas of up to 6,700 characters that work
was three quarters of ``qzxl workbook``'s time. Here the names called are collected once and a formula naming
none of those functions is stored as XlsxWriter would store it; any other goes through XlsxWriter's own code.
tests/test_workbook_worksheet.py compares the two on the build's own formulas and on planted ones.

>>> FormulaSheet.plain('=IF(A1="",1,2)'), FormulaSheet.plain("=XLOOKUP(A1,B:B,C:C)"), FormulaSheet.plain("={1}")
('IF(A1="",1,2)', None, None)
"""

from __future__ import annotations

import re

from xlsxwriter.worksheet import CellFormulaTuple, Worksheet

CALLS = re.compile(r"[A-Za-z0-9_]+\(")  # a name right before "(": the whole word, as XlsxWriter's \bNAME\( sees it
# The names XlsxWriter's _prepare_formula prefixes when future functions are off.
NEWER_FUNCTIONS = frozenset(f"{name}(" for name in (
    "ANCHORARRAY", "BYCOL", "BYROW", "CHOOSECOLS", "CHOOSEROWS", "DROP", "EXPAND", "FILTER", "HSTACK", "LAMBDA",
    "MAKEARRAY", "MAP", "RANDARRAY", "REDUCE", "SCAN", "SEQUENCE", "SINGLE", "SORT", "SORTBY", "SWITCH", "TAKE",
    "TEXTSPLIT", "TOCOL", "TOROW", "UNIQUE", "VSTACK", "WRAPCOLS", "WRAPROWS", "XLOOKUP"))


class FormulaSheet(Worksheet):
    """A worksheet that stores a plain formula (no newer function, no array braces) without XlsxWriter's search."""

    @staticmethod
    def plain(formula: str) -> str | None:
        """The formula as XlsxWriter stores it, or None when XlsxWriter must look at it itself."""
        if not formula or formula.startswith("{") or formula.endswith("}") or "_xlfn." in formula:
            return None
        if "INGLE(" in formula or not NEWER_FUNCTIONS.isdisjoint(CALLS.findall(formula)):
            return None  # (XlsxWriter's pattern for SINGLE is "\SINGLE\(": any character before INGLE)
        return formula[1:] if formula.startswith("=") else formula

    def _write_formula(self, row, col, formula, cell_format=None, value=0):
        plain = None if self.use_future_functions or self.constant_memory else self.plain(formula)
        if plain is None or self._check_dimensions(row, col):
            return super()._write_formula(row, col, formula, cell_format, value)
        self.table[row][col] = CellFormulaTuple(plain, cell_format, value)
        return 0
