"""The parts of an .xlsm that openpyxl does not keep: the ribbon (customUI) and its relationship.

openpyxl rewrites ``_rels/.rels`` when it saves, dropping the relationship
that makes Excel load ``customUI/customUI14.xml``; with ``keep_vba`` it keeps
the part itself but not always. :func:`restore_ribbon` copies both back from
the original file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from qzxl.files import atomic_path

CUSTOM_UI_PART = "customUI/customUI14.xml"
CUSTOM_UI_REL_TYPE = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
CUSTOM_UI_NAMESPACE = "http://schemas.microsoft.com/office/2009/07/customui"
ROOT_RELS = "_rels/.rels"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def ribbon_relationship(path: Path) -> ElementTree.Element | None:
    with zipfile.ZipFile(path) as archive:
        rels = ElementTree.fromstring(archive.read(ROOT_RELS))
    return next((rel for rel in rels if rel.get("Type") == CUSTOM_UI_REL_TYPE), None)


def add_ribbon_relationship(rels_xml: bytes, target: str = CUSTOM_UI_PART) -> bytes:
    """``_rels/.rels`` with the customUI relationship (added once)."""
    ElementTree.register_namespace("", _RELS_NS)
    rels = ElementTree.fromstring(rels_xml)
    if not any(rel.get("Type") == CUSTOM_UI_REL_TYPE for rel in rels):
        ids = {rel.get("Id") for rel in rels}
        new_id = next(f"rIdQzxl{n}" for n in range(1, 100) if f"rIdQzxl{n}" not in ids)
        ElementTree.SubElement(rels, f"{{{_RELS_NS}}}Relationship",
                               {"Id": new_id, "Type": CUSTOM_UI_REL_TYPE, "Target": target})
    return ElementTree.tostring(rels, xml_declaration=True, encoding="UTF-8")


def restore_ribbon(original: Path, saved: Path) -> bool:
    """Put the original's ribbon back into ``saved``; False when the original has none."""
    relationship = ribbon_relationship(original)
    if relationship is None:
        return False
    part = relationship.get("Target", CUSTOM_UI_PART).lstrip("/")
    with zipfile.ZipFile(original) as source:
        ribbon_parts = {name: source.read(name) for name in source.namelist() if name.startswith("customUI/")}
    with zipfile.ZipFile(saved) as current:  # read whole, closed before the file is replaced (Windows)
        entries = [(item, current.read(item.filename)) for item in current.infolist()
                   if not item.filename.startswith("customUI/")]
    with atomic_path(saved) as temporary, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        for item, data in entries:
            rebuilt.writestr(item, add_ribbon_relationship(data, part) if item.filename == ROOT_RELS else data)
        for name, data in ribbon_parts.items():
            rebuilt.writestr(name, data)
    return True
