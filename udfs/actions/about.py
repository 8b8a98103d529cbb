"""关于/帮助: version, interpreter and where the log is."""

from __future__ import annotations

import datetime as dt
import sys

from qzxl import __version__
from qzxl.catalogue import say
from qzxl.log import log_path
from udfs.port import WorkbookPort


def about(port: WorkbookPort, today: dt.date | None = None) -> str:
    """关于/帮助: version, interpreter and where the log is."""
    text = say("button-about", version=__version__, python=sys.executable, python_version=sys.version.split()[0],
               book=port.path, log=log_path())
    port.alert(text)
    return text
