r"""The clerk's desktop folder: drag-and-drop scripts and the user guide, copied out of the installed package.

The scripts ship inside the package as templates whose line ``set "QZXL=qzxl"`` names the command they run.
A private environment (``%LOCALAPPDATA%\qzxl\venv``) is not on PATH, so ``write_desktop_files`` puts the full
path of that environment's ``qzxl.exe`` there (``qzxl scripts DIR`` does this for the running qzxl).

>>> print(line_for(r"C:\Users\张三\AppData\Local\qzxl\venv\Scripts\qzxl.exe"))
set "QZXL=C:\Users\张三\AppData\Local\qzxl\venv\Scripts\qzxl.exe"
>>> print(line_for(r"D:\100%\qzxl.exe"))  # cmd expands %...% even inside quotes
set "QZXL=D:\100%%\qzxl.exe"
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from qzxl.errors import CannotRun, os_reason
from qzxl.files import atomic_path

TEMPLATE_LINE = 'set "QZXL=qzxl"'
GUIDE = "用户指南.md"


def templates() -> dict[str, bytes]:
    """The packaged files by name: every ``.cmd`` script and the guide."""
    folder = resources.files(__name__)
    return {item.name: item.read_bytes() for item in folder.iterdir()
            if item.name.endswith(".cmd") or item.name == GUIDE}


def line_for(command: str) -> str:
    return f'set "QZXL={command.replace("%", "%%")}"'


def running_qzxl() -> str:
    """The ``qzxl`` launcher beside the running interpreter (``Scripts\\qzxl.exe`` in a Windows venv), else "qzxl"."""
    folder = Path(sys.executable).parent
    for name in ("qzxl.exe", "qzxl"):
        if (folder / name).is_file():
            return str(folder / name)
    return "qzxl"


def write_desktop_files(folder: Path, command: str, *, guide: bool = False) -> list[Path]:
    """Write the scripts (calling ``command``), and the guide if asked, into ``folder``; reruns replace them."""
    if any(ch in command for ch in '"\r\n'):
        raise CannotRun("run-scripts-command-invalid", command=command)
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in sorted(templates().items()):
            if name == GUIDE and not guide:
                continue
            if name.endswith(".cmd"):
                data = data.decode("utf-8").replace(TEMPLATE_LINE, line_for(command), 1).encode("utf-8")
            with atomic_path(folder / name) as temporary:
                temporary.write_bytes(data)
            written.append(folder / name)
    except OSError as error:
        raise CannotRun("run-scripts-cannot-write", folder=folder, reason=os_reason(error)) from error
    return written
