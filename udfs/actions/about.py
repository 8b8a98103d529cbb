"""关于/帮助: version, interpreter and where the log is."""

from __future__ import annotations

import datetime as dt
import sys

from qzxl import __version__
from qzxl.log import log_path
from udfs.port import WorkbookPort


def about(port: WorkbookPort, today: dt.date | None = None) -> str:
    """关于/帮助: version, interpreter and where the log is."""
    text = (f"技能认定助手 qzxl {__version__}\nPython：{sys.executable}（{sys.version.split()[0]}）\n"
            f"工作簿：{port.path}\n日志：{log_path()}\n使用说明见 docs/用户指南.md。")
    port.alert(text)
    return text
