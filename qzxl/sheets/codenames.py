"""VBA codeName forensics: a macro workbook whose sheets lost their codeNames (saved by LibreOffice or WPS).

Excel ties each sheet to its VBA document module by the codeName and always writes one when there is a VBA
project. LibreOffice (and possibly WPS) keeps the VBA text on saving but drops the codeNames, after which
Excel's buttons and QZ_ functions break; this is how that file is recognised.

>>> lost_code_names(Path("no-such-book.xlsm"))  # nothing to say about a file that cannot be read
()
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from qzxl.sheets.parts import MAIN, sheet_parts
from qzxl.sheets.xlsx import PartTooLarge

_SHEET_HEAD = 64 * 1024
_SHEET_CODE_NAME = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetPr\b[^>]*\bcodeName=[\"'][^\"']")
WORKBOOK_PART = "工作簿"  # stands for workbook.xml's own codeName in lost_code_names


def lost_code_names(path: Path) -> tuple[str, ...]:
    """The sheets (and 工作簿 for the workbook itself) of a macro workbook that have no codeName."""
    try:
        with zipfile.ZipFile(path) as archive:
            if "xl/vbaProject.bin" not in archive.namelist():
                return ()
            parts = sheet_parts(archive)
            properties = ElementTree.fromstring(archive.read("xl/workbook.xml")).find(f"{MAIN}workbookPr")
            lost = [] if properties is not None and properties.get("codeName") else [WORKBOOK_PART]
            for sheet, part in parts.items():
                with archive.open(part) as handle:  # sheetPr opens the sheet: its head, not a 1.5 GB sheet
                    head = handle.read(_SHEET_HEAD)
                if not _SHEET_CODE_NAME.search(head):
                    lost.append(sheet)
            return tuple(lost)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError, PartTooLarge):
        return ()
