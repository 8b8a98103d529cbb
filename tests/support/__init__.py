"""Helpers the tests share: the Excel, VBA and PDF checks, the fake xlwings, generated cases and the clerk's-week harness
(none of them is a test file; tests import them as ``from support import excel_checks``)."""
