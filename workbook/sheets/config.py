"""The hidden xlwings.conf sheet: the interpreter Excel starts, the UDF module, no console."""

from __future__ import annotations

import sys

from workbook import vbagen
from workbook.formats import Formats

CONFIG_SHEET = "xlwings.conf"
WINDOWS_INTERPRETER = r"%LOCALAPPDATA%\qzxl\venv\Scripts\pythonw.exe"  # what the Windows install bundle creates


def interpreters(interpreter: str | None, platform: str | None = None,
                 running: str | None = None) -> tuple[str, str]:
    r"""(Interpreter_Win, Interpreter_Mac) for xlwings.conf.

    ``--interpreter`` always wins for Windows. Built on Windows, the running Python's full path; built anywhere
    else, the path the Windows install bundle creates (xlwings expands ``%LOCALAPPDATA%``), since this machine's
    path means nothing there. The Mac entry is the running Python only when built on a Mac.

    >>> windows, mac = interpreters(None, "linux", "/home/me/.venv/bin/python3")
    >>> print(windows, repr(mac))
    %LOCALAPPDATA%\qzxl\venv\Scripts\pythonw.exe ''
    """
    platform = platform or sys.platform
    running = running or sys.executable
    windows = interpreter or (running if platform == "win32" else WINDOWS_INTERPRETER)
    mac = (interpreter or running) if platform == "darwin" else ""
    return windows, mac


def write(ws, formats: Formats, interpreter: str | None) -> None:
    """xlwings' settings: the interpreter Excel starts, our UDF module, no console."""
    windows, mac = interpreters(interpreter)
    settings = (("Interpreter_Win", windows), ("Interpreter_Mac", mac),
                ("UDF Modules", vbagen.UDF_PYTHON_MODULE), ("Use UDF Server", "False"), ("Show Console", "False"))
    for row, (key, value) in enumerate(settings):
        ws.write_string(row, 0, key, formats.line)
        ws.write_string(row, 1, value, formats.line)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 60)
    ws.hide()
