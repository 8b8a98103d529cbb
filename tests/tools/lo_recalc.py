"""Open a workbook in LibreOffice (headless, through UNO), recalculate every formula and save it as .xlsx.

Run with the system Python that has LibreOffice's ``uno`` module (Debian: python3-uno), not the project's venv:

    /usr/bin/python3 tests/tools/lo_recalc.py BOOK.xlsm OUT.xlsx

This is what a clerk does when the 花名册 warning asks to open and save the file: LibreOffice writes every
formula with its result, the empty text of =IF(…,"",…) included.
"""

import contextlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import uno
from lo_probe import connect, prop


def main():
    source, target = (Path(arg).resolve() for arg in sys.argv[1:3])
    pipe = f"qzxlrecalc{os.getpid()}"
    desktop = None
    with tempfile.TemporaryDirectory() as profile:
        office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                                   f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            ctx = connect(pipe)
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(source)), "_blank", 0,
                                               (prop("Hidden", True),))
            doc.calculateAll()
            doc.storeToURL(uno.systemPathToFileUrl(str(target)), (prop("FilterName", "Calc MS Excel 2007 XML"),))
            doc.close(True)
        finally:
            with contextlib.suppress(Exception):
                desktop.terminate()
            office.terminate()
            office.wait(timeout=30)


if __name__ == "__main__":
    main()
