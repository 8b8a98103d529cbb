"""The entry point VBA calls through RunPython: ``import udfs.excel; udfs.excel.run('validate')``.

To debug an action from plain Python against an open workbook, the way xlwings users do::

    import xlwings as xw
    from udfs import excel
    xw.Book("报名.xlsm").set_mock_caller()
    excel.run("validate")
"""

from __future__ import annotations

import xlwings as xw

from udfs.excel_port import ExcelPort
from udfs.runner import run_action


def run(action_id: str) -> None:
    run_action(action_id, ExcelPort(xw.Book.caller()))
