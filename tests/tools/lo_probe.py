"""Open a workbook in LibreOffice (headless, through UNO), set exam dates, recalculate, report what it computed.

Run with the system Python that has LibreOffice's ``uno`` module (Debian: python3-uno), not the project's venv:

    /usr/bin/python3 tests/tools/lo_probe.py BOOK.xlsm 2026-10-20 2026-12-18 [--override=2026-12-17=放假]

Prints JSON: the Basic modules LibreOffice imported from the VBA project, the sheet names, and for each exam
date the three deadline cells after recalculation, the notes beside them (moved, 预估), the 流程 sheet's
notes of the three deadline steps and its whole 截止日期 column.
"""

import contextlib
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue

EPOCH = dt.date(1899, 12, 30)
PROCESS_SHEET = "流程"
DEADLINES = ("QZ_DEADLINE_ELECTRONIC_MATERIALS", "QZ_DEADLINE_PLAN_FILING", "QZ_DEADLINE_PAPER_MATERIALS")


def prop(name, value):
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not start")


@contextlib.contextmanager
def office_desktop(name):
    """A private headless LibreOffice (its own profile and pipe), its Desktop, and an end to it afterwards."""
    pipe = f"{name}{os.getpid()}"
    desktop = None
    with tempfile.TemporaryDirectory() as profile:
        office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                                   f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            ctx = connect(pipe)
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            yield desktop
        finally:
            with contextlib.suppress(Exception):
                desktop.terminate()
            office.terminate()
            office.wait(timeout=30)


def open_hidden(desktop, path):
    return desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(Path(path).resolve())), "_blank", 0,
                                        (prop("Hidden", True),))


def cell(doc, name):
    return doc.NamedRanges.getByName(name).getReferredCells().getCellByPosition(0, 0)


def shown(found):
    """A date cell as ISO text, anything else as its string ("" for an empty formula result)."""
    if found.getType().value == "VALUE":
        return (EPOCH + dt.timedelta(days=int(found.getValue()))).isoformat()
    return found.getString()


def due_dates(doc):
    """The 流程 sheet's 截止日期 column (B), from the first step down to the last labelled row."""
    sheet = doc.Sheets.getByName(PROCESS_SHEET)
    dates, row = [], 2
    while sheet.getCellByPosition(0, row).getString():
        dates.append(shown(sheet.getCellByPosition(1, row)))
        row += 1
    return dates


def note_beside(doc, name):
    address = doc.NamedRanges.getByName(name).getReferredCells().getCellByPosition(0, 0).getCellAddress()
    return doc.Sheets.getByIndex(address.Sheet).getCellByPosition(address.Column + 1, address.Row).getString()


def main():
    path, *args = sys.argv[1:]
    overrides = [a.split("=", 1)[1] for a in args if a.startswith("--override")]
    dates = [a for a in args if not a.startswith("--override")]
    with office_desktop("qzxl") as desktop:
        doc = open_hidden(desktop, path)
        libraries = doc.BasicLibraries
        modules = []
        if libraries.hasByName("VBAProject"):
            libraries.loadLibrary("VBAProject")
            modules = sorted(libraries.getByName("VBAProject").getElementNames())
        for index, override in enumerate(overrides):
            day, kind = override.split("=")
            first_date = doc.NamedRanges.getByName("QZ_OVERRIDE_DATES").getReferredCells()
            first_kind = doc.NamedRanges.getByName("QZ_OVERRIDE_KINDS").getReferredCells()
            first_date.getCellByPosition(0, index).setValue((dt.date.fromisoformat(day) - EPOCH).days)
            first_kind.getCellByPosition(0, index).setString(kind)
        results, notes, process, process_dates = {}, {}, {}, {}
        for exam in dates:
            cell(doc, "QZ_EXAM_DATE").setValue((dt.date.fromisoformat(exam) - EPOCH).days)
            doc.calculateAll()
            results[exam] = [(EPOCH + dt.timedelta(days=int(cell(doc, name).getValue()))).isoformat()
                             if cell(doc, name).getType().value == "VALUE" else cell(doc, name).getString()
                             for name in DEADLINES]
            notes[exam] = [note_beside(doc, name) for name in DEADLINES]
            steps = doc.Sheets.getByName(PROCESS_SHEET)
            process[exam] = [steps.getCellByPosition(2, row).getString() for row in (2, 3, 4)]
            process_dates[exam] = due_dates(doc)
        print(json.dumps({"modules": modules, "sheets": list(doc.Sheets.getElementNames()),
                          "deadlines": results, "notes": notes, "process": process,
                          "process_dates": process_dates}, ensure_ascii=False))
        doc.close(True)


if __name__ == "__main__":
    main()
