"""Open workbooks in LibreOffice (headless, through UNO), recalculate, print each 报名信息 row's 自动检查 text.

Run with the system Python that has LibreOffice's ``uno`` module (Debian: python3-uno):

    /usr/bin/python3 tests/tools/lo_native.py BOOK.xlsm [BOOK2.xlsm …] [--pdf OUT.pdf]

Prints JSON: for each book, the seconds ``calculateAll`` took and {Excel row: text} for non-empty cells of the
自动检查 column. ``--pdf`` exports the first book's first ten 报名信息 rows, columns A–I and 自动检查 (the guide's picture).
"""

import json
import sys
import time
from pathlib import Path

import uno
from lo_probe import office_desktop, open_hidden, prop

SHEET, HEADER = "报名信息", "自动检查"


def main():
    args = sys.argv[1:]
    pdf = None
    if "--pdf" in args:
        pdf = args[args.index("--pdf") + 1]
        args = args[:args.index("--pdf")]
    with office_desktop("qzxlnative") as desktop:
        out = {}
        for index, path in enumerate(args):
            doc = open_hidden(desktop, path)
            started = time.perf_counter()
            doc.calculateAll()
            seconds = time.perf_counter() - started
            sheet = doc.Sheets.getByName(SHEET)
            header_row, column = find_header(sheet)
            found = {}
            for row in range(header_row + 1, header_row + 501):
                cell = sheet.getCellByPosition(column, row)
                text = f"#ERROR {cell.getError()}" if cell.getError() else cell.getString()
                if text:
                    found[str(row + 1)] = text
            out[path] = {"seconds": seconds, "auto": found}
            if pdf and index == 0:  # the first columns and 自动检查, the first rows: a picture for the guide
                for hidden in range(9, column):
                    sheet.getColumns().getByIndex(hidden).IsVisible = False
                for shown in (*range(9), column):
                    sheet.getColumns().getByIndex(shown).OptimalWidth = True
                area = sheet.getCellRangeByPosition(0, 0, column, header_row + 9).getRangeAddress()
                sheet.setPrintAreas((area,))
                for other in range(doc.Sheets.getCount()):
                    if doc.Sheets.getByIndex(other).getName() != SHEET:
                        doc.Sheets.getByIndex(other).setPrintAreas(())
                doc.getCurrentController().setActiveSheet(sheet)
                doc.storeToURL(uno.systemPathToFileUrl(str(Path(pdf).resolve())),
                               (prop("FilterName", "calc_pdf_Export"),))
            doc.close(True)
        print(json.dumps(out, ensure_ascii=False))


def find_header(sheet):
    rows = sheet.getCellRangeByPosition(0, 0, 40, 10).getDataArray()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value == HEADER:
                return r, c
    raise SystemExit("no 自动检查 column")


if __name__ == "__main__":
    main()
