"""The Excel edge: ribbon actions and worksheet functions, talking to a workbook through one small port.

Actions never import xlwings; only ``excel_port`` (live Excel) and ``functions`` (the UDF module Excel
imports) do.
"""
