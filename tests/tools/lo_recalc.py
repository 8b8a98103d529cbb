"""Open a workbook in LibreOffice (headless, through UNO), recalculate every formula and save it as .xlsx.

Run with the system Python that has LibreOffice's ``uno`` module (Debian: python3-uno), not the project's venv:

    /usr/bin/python3 tests/tools/lo_recalc.py BOOK.xlsm OUT.xlsx

This is what a clerk does when the 花名册 warning asks to open and save the file: LibreOffice writes every
formula with its result, the empty text of =IF(…,"",…) included.
"""

import sys
from pathlib import Path

import uno
from lo_probe import office_desktop, open_hidden, prop


def main():
    source, target = (Path(arg).resolve() for arg in sys.argv[1:3])
    with office_desktop("qzxlrecalc") as desktop:
        doc = open_hidden(desktop, source)
        doc.calculateAll()
        doc.storeToURL(uno.systemPathToFileUrl(str(target)), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)


if __name__ == "__main__":
    main()
