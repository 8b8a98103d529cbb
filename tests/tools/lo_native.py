"""Open workbooks in LibreOffice (headless, through UNO), recalculate, print each 自动检查 column's texts.

Run with the system Python that has LibreOffice's ``uno`` module (Debian: python3-uno):

    /usr/bin/python3 tests/tools/lo_native.py BOOK.xlsm [BOOK2.xlsm …] [--save DIR] [--edits] [--pdf OUT.pdf]

Prints JSON: for each book, the seconds ``calculateAll`` took and, for each sheet with a 自动检查 column (报名信息,
花名册), {Excel row: text} of its non-empty cells. ``--save DIR`` stores each recalculated book as DIR/<name>.xlsx
(every formula with its result, for the engine to read). ``--edits`` then types a new 证件号码 and a new 姓名 into
报名信息's first row, each followed by ``calculate`` (the dirty cells only, as after a keystroke), and reports
the seconds. ``--pdf`` exports the first book's first ten 报名信息 rows, columns A–I and 自动检查 (the guide's picture).
"""

import json
import sys
import time
from pathlib import Path

import uno
from lo_probe import office_desktop, open_hidden, prop

SHEETS, HEADER = ("报名信息", "花名册"), "自动检查"
ROWS = 500


def main():
    args = sys.argv[1:]
    options = {}
    for flag, takes in (("--pdf", True), ("--save", True), ("--edits", False)):
        if flag in args:
            at = args.index(flag)
            options[flag] = args[at + 1] if takes else True
            del args[at:at + 1 + takes]
    with office_desktop("qzxlnative") as desktop:
        out = {}
        for index, path in enumerate(args):
            doc = open_hidden(desktop, path)
            started = time.perf_counter()
            doc.calculateAll()
            found = {"seconds": time.perf_counter() - started}
            for name in SHEETS:
                if doc.Sheets.hasByName(name) and find_header(doc.Sheets.getByName(name), HEADER):
                    found[name] = column_texts(doc.Sheets.getByName(name))
            if "--save" in options:
                saved = Path(options["--save"]).resolve() / (Path(path).stem + ".xlsx")
                doc.storeToURL(uno.systemPathToFileUrl(str(saved)), (prop("FilterName", "Calc MS Excel 2007 XML"),))
                found["saved"] = str(saved)
            if "--edits" in options:
                found["edits"] = edits(doc)
            if "--pdf" in options and index == 0:
                export_picture(doc, options["--pdf"])
            out[path] = found
            doc.close(True)
        print(json.dumps(out, ensure_ascii=False))


def column_texts(sheet):
    header_row, column = find_header(sheet, HEADER)
    found = {}
    for row in range(header_row + 1, header_row + 1 + ROWS):
        cell = sheet.getCellByPosition(column, row)
        text = f"#ERROR {cell.getError()}" if cell.getError() else cell.getString()
        if text:
            found[str(row + 1)] = text
    return found


def edits(doc):
    """Seconds to recalculate after a clerk types a new 证件号码, then a new 姓名, into 报名信息's first row."""
    sheet = doc.Sheets.getByName(SHEETS[0])
    header_row, _ = find_header(sheet, HEADER)
    timings = {}
    for header, value in (("证件号码", "330802199001010014"), ("姓名", "周新")):
        _, column = find_header(sheet, header)
        sheet.getCellByPosition(column, header_row + 1).setString(value)
        started = time.perf_counter()
        doc.calculate()
        timings[header] = time.perf_counter() - started
    return timings


def export_picture(doc, pdf):
    """The first columns and 自动检查, the first rows of 报名信息: a picture for the guide."""
    sheet = doc.Sheets.getByName(SHEETS[0])
    header_row, column = find_header(sheet, HEADER)
    for hidden in range(9, column):
        sheet.getColumns().getByIndex(hidden).IsVisible = False
    for shown in (*range(9), column):
        sheet.getColumns().getByIndex(shown).OptimalWidth = True
    area = sheet.getCellRangeByPosition(0, 0, column, header_row + 9).getRangeAddress()
    sheet.setPrintAreas((area,))
    for other in range(doc.Sheets.getCount()):
        if doc.Sheets.getByIndex(other).getName() != SHEETS[0]:
            doc.Sheets.getByIndex(other).setPrintAreas(())
    doc.getCurrentController().setActiveSheet(sheet)
    doc.storeToURL(uno.systemPathToFileUrl(str(Path(pdf).resolve())), (prop("FilterName", "calc_pdf_Export"),))


def find_header(sheet, header):
    """(row, column) of ``header`` in the top rows, None when the sheet has none."""
    rows = sheet.getCellRangeByPosition(0, 0, 60, 10).getDataArray()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value == header:
                return r, c
    return None


if __name__ == "__main__":
    main()
