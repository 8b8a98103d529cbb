"""What the file port does to a workbook after openpyxl saved it: the ribbon back, no dangling references.

openpyxl rewrites ``_rels/.rels`` when it saves, dropping the relationship
that makes Excel load ``customUI/customUI14.xml``; with ``keep_vba`` it keeps
the part itself but not always. It also writes a relationship for a sheet's
notes drawing that it no longer writes once the sheet's last note is gone, and
keeps whatever dangling reference the file it read had. :func:`finish_saved`
puts the ribbon back (the original's, or the build's own when another tool
dropped it) and drops every relationship that points at a missing part, with
the element that used it, in one rewrite of the saved file.

>>> rels = add_ribbon_relationship(b'<Relationships xmlns="%s"/>' % _RELS_NS.encode())
>>> missing_targets(rels, "", {"xl/workbook.xml"})
['rIdQzxl1']
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from qzxl.files import atomic_path
from qzxl.sheets.parts import part_path, sheet_targets

CUSTOM_UI_PART = "customUI/customUI14.xml"
CUSTOM_UI_REL_TYPE = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
CUSTOM_UI_NAMESPACE = "http://schemas.microsoft.com/office/2009/07/customui"
ROOT_RELS = "_rels/.rels"
CONTENT_TYPES = "[Content_Types].xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
VBA_PART = "xl/vbaProject.bin"
VBA_REL_TYPE = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
# Elements of a sheet that only point at a part and can go with it (a notes drawing, a drawing, a table …);
# a sheet or a style that is missing is not something a save can repair.
_DETACHABLE = ("legacyDrawing", "legacyDrawingHF", "drawing", "picture", "tablePart", "control", "oleObject")

_TABLE_PART = re.compile(r"<(?:\w+:)?tablePart\b")

# Parts without which the workbook is not itself (its sheets, macros, styles): a save must not drop them.
_ESSENTIAL = frozenset({"officeDocument", "worksheet", "chartsheet", "vbaProject", "styles", "sharedStrings"})


class PackageDamaged(Exception):
    """A relationship points at a missing part that something other than a detachable element needs."""


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


def _source_of(rels_name: str) -> str:
    """``xl/worksheets/_rels/sheet1.xml.rels`` → ``xl/worksheets/sheet1.xml`` (``""`` for the package)."""
    folder, _, name = rels_name.rpartition("/")
    folder = folder.removesuffix("_rels").rstrip("/")
    part = name.removesuffix(".rels")
    return f"{folder}/{part}" if folder else part


def missing_targets(rels_xml: bytes, source: str, names: Iterable[str]) -> list[str]:
    """Ids of the internal relationships in ``rels_xml`` (the rels of ``source``) whose part is not in ``names``."""
    present = set(names)
    return [rel.get("Id") for rel in ElementTree.fromstring(rels_xml)
            if rel.get("TargetMode") != "External" and part_path(source, rel.get("Target", "")) not in present]


def dangling(path: Path) -> list[str]:
    """``part → target`` for every relationship of ``path`` that points at a missing part (empty when sound)."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        found = []
        for rels_name in sorted(name for name in names if name.endswith(".rels")):
            source = _source_of(rels_name)
            for rel in ElementTree.fromstring(archive.read(rels_name)):
                target = part_path(source, rel.get("Target", ""))
                if rel.get("TargetMode") != "External" and target not in names:
                    found.append(f"{source or '/'} → {target}")
    return found


def _drop_relationships(rels_xml: bytes, ids: set[str]) -> bytes:
    ElementTree.register_namespace("", _RELS_NS)
    rels = ElementTree.fromstring(rels_xml)
    for rel in [rel for rel in rels if rel.get("Id") in ids]:
        rels.remove(rel)
    return ElementTree.tostring(rels, xml_declaration=True, encoding="UTF-8")


def _detach(part_xml: bytes, ids: set[str], part: str) -> bytes:
    """``part_xml`` without the elements that use the relationships ``ids``; PackageDamaged if another needs one."""
    text = part_xml.decode("utf-8")
    for rel_id in ids:
        used = re.compile(r'<(?:\w+:)?(\w+)\b[^<>]*?\s[\w.]+:id="' + re.escape(rel_id) + r'"[^<>]*?(/>|>)')
        for match in list(used.finditer(text)):
            if match[1] not in _DETACHABLE or match[2] != "/>":
                raise PackageDamaged(f"{part}: <{match[1]}> needs relationship {rel_id}")
        text = used.sub("", text)
    emptied = re.compile(r'<((?:\w+:)?tableParts)\b[^<>]*?(?:/>|>\s*</\1>)')
    text = emptied.sub("", text)
    counted = re.compile(r'(<(?:\w+:)?tableParts\b[^<>]*?count=")\d+("[^<>]*>)(.*?)(</(?:\w+:)?tableParts>)', re.S)
    text = counted.sub(lambda m: f"{m[1]}{len(_TABLE_PART.findall(m[3]))}{m[2]}{m[3]}{m[4]}", text)
    return text.encode("utf-8")


def _content_types(types_xml: bytes, names: set[str]) -> tuple[bytes, list[str]]:
    """Overrides for missing parts dropped, and an ``xml`` default when a part would have no type."""
    ElementTree.register_namespace("", _TYPES_NS)
    types = ElementTree.fromstring(types_xml)
    gone = [o for o in types if o.tag == f"{{{_TYPES_NS}}}Override" and o.get("PartName", "").lstrip("/") not in names]
    for override in gone:
        types.remove(override)
    defaults = {d.get("Extension", "").lower() for d in types if d.tag == f"{{{_TYPES_NS}}}Default"}
    if "xml" not in defaults:
        types.insert(0, ElementTree.Element(f"{{{_TYPES_NS}}}Default",
                                            {"Extension": "xml", "ContentType": "application/xml"}))
    return ElementTree.tostring(types, xml_declaration=True, encoding="UTF-8"), [o.get("PartName") for o in gone]


def _sweep(parts: dict[str, tuple[zipfile.ZipInfo, bytes]], names: set[str]) -> list[str]:
    """Drop, in ``parts``, every relationship whose target is not in ``names`` with the element that used it,
    and the content types of missing parts; returns what was dropped (``part → target``)."""
    repaired = []
    for rels_name in [name for name in parts if name.endswith(".rels")]:
        source_part = _source_of(rels_name)
        item, data = parts[rels_name]
        ids = set(missing_targets(data, source_part, names))
        if not ids:
            continue
        rels = {rel.get("Id"): rel for rel in ElementTree.fromstring(data)}
        needed = [rel_id for rel_id in ids if rels[rel_id].get("Type", "").rsplit("/", 1)[-1] in _ESSENTIAL]
        if needed:
            raise PackageDamaged(f"{source_part or '/'} → {rels[needed[0]].get('Target')}")
        targets = {rel_id: rel.get("Target") for rel_id, rel in rels.items()}
        repaired += [f"{source_part or '/'} → {part_path(source_part, targets[i])}" for i in sorted(ids)]
        parts[rels_name] = (item, _drop_relationships(data, ids))
        if source_part in parts:
            source_item, source_data = parts[source_part]
            parts[source_part] = (source_item, _detach(source_data, ids, source_part))
    item, data = parts[CONTENT_TYPES]
    types, gone = _content_types(data, names)
    parts[CONTENT_TYPES] = (item, types)
    return repaired + [f"[Content_Types] → {name}" for name in gone]


def _write(parts: Iterable[tuple[zipfile.ZipInfo | str, bytes]], target) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        for item, data in parts:
            rebuilt.writestr(item, data)


def repaired_copy(path: Path) -> tuple[bytes, list[str]]:
    """``path`` with every dangling relationship dropped (in memory, for a reader that stumbles on them)."""
    with zipfile.ZipFile(path) as archive:
        parts = {item.filename: (item, archive.read(item.filename)) for item in archive.infolist()}
    repaired = _sweep(parts, set(parts))
    buffer = io.BytesIO()
    _write(parts.values(), buffer)
    return buffer.getvalue(), repaired


_FORMULA_CELL = re.compile(rb'<c r="([A-Z]{1,3}[0-9]{1,7})"([^>]*?)>(<f\b[^>]*?(?:/>|>[^<]*</f>))'
                           rb'(?:<v\s*/>|<v>[^<]*</v>)?</c>')
_TYPE = re.compile(rb'\st="[^"]*"')
_EPOCH = dt.datetime(1899, 12, 30)


def _cached(value: object) -> tuple[bytes, bytes]:
    """The type attribute and the <v> text of a formula's result, as Excel writes them."""
    if isinstance(value, bool):
        return b' t="b"', b"1" if value else b"0"
    if isinstance(value, (dt.date, dt.datetime)):
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        value = (moment - _EPOCH) / dt.timedelta(days=1)
    if isinstance(value, (int, float)):
        return b"", (repr(int(value)) if value == int(value) else repr(value)).encode()
    return b' t="str"', escape(str(value)).encode("utf-8")


@dataclass(frozen=True)
class Guarded:
    """A result that holds only while the cell's formula reads what it was worked out from (``reads``, a regular
    expression over the formula's XML text): a 花名册 line moved by a deleted row reads another 报名信息 row."""

    value: object
    reads: str


def formula_result(formula: object, result: object) -> object | None:
    """What a save caches in a cell that holds ``formula`` (openpyxl's ``=…`` text): nothing where the cell holds
    no formula, or where a guarded result's formula reads something else — as :func:`cache_results` decides."""
    if not (isinstance(formula, str) and formula.startswith("=")):
        return None
    if isinstance(result, Guarded):
        return result.value if re.search(result.reads, escape(formula[1:])) else None
    return result


def cache_results(sheet_xml: bytes, results: Mapping[str, object]) -> bytes:
    """``sheet_xml`` with ``results`` (cell → value) as the cached results of those cells' formulas."""
    def put(match: re.Match) -> bytes:
        value = results.get(match[1].decode())
        if isinstance(value, Guarded):
            value = value.value if re.search(value.reads.encode(), match[3]) else None
        if value is None:
            return match[0]
        kind, text = _cached(value)
        return b'<c r="%s"%s%s>%s<v>%s</v></c>' % (match[1], _TYPE.sub(b"", match[2]), kind, match[3], text)

    return _FORMULA_CELL.sub(put, sheet_xml)


def _put_results(parts: dict, results: Mapping[str, Mapping[str, object]]) -> None:
    for sheet, part in sheet_targets(parts["xl/workbook.xml"][1], parts[WORKBOOK_RELS][1]).items():
        if sheet in results and part in parts:
            item, data = parts[part]
            parts[part] = (item, cache_results(data, results[sheet]))


def cache_in_file(path: Path, results: Mapping[str, Mapping[str, object]], *, ribbon: bytes | None = None) -> None:
    """Rewrite ``path`` with ``results`` (sheet → cell → value) cached in its formula cells and, given ``ribbon``,
    the ribbon part and its relationship, which XlsxWriter writes neither of (the build's step: one rewrite)."""
    with zipfile.ZipFile(path) as archive:
        parts = {item.filename: (item, archive.read(item.filename)) for item in archive.infolist()}
    if ribbon is not None:
        item, data = parts[ROOT_RELS]
        parts[ROOT_RELS] = (item, add_ribbon_relationship(data))
        info = zipfile.ZipInfo(CUSTOM_UI_PART, date_time=item.date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        parts[CUSTOM_UI_PART] = (info, ribbon)
    _put_results(parts, results)
    with atomic_path(path) as temporary:
        _write(parts.values(), temporary)


def finish_saved(original: Path, saved: Path, *, ribbon: bytes | None = None,
                 results: Mapping[str, Mapping[str, object]] | None = None) -> list[str]:
    """Rewrite ``saved`` once: the original's ribbon back (or ``ribbon``, the build's, when the original lost
    its own), every dangling relationship dropped with the element that used it, ``results`` (sheet → cell →
    value) cached in those formula cells (openpyxl saves formulas without results). Returns what was repaired
    beyond what openpyxl itself drops (the ribbon relationship): parts named as ``part → target``, and
    ``"ribbon"`` when the ribbon was put back from ``ribbon``. PackageDamaged when it cannot repair."""
    relationship = ribbon_relationship(original)
    repaired: list[str] = []
    with zipfile.ZipFile(original) as source:
        ribbon_parts = {name: source.read(name) for name in source.namelist() if name.startswith("customUI/")}
        had_macros = VBA_PART in source.namelist() or VBA_REL_TYPE.encode() in source.read(WORKBOOK_RELS)
    target = relationship.get("Target", CUSTOM_UI_PART).lstrip("/") if relationship is not None else CUSTOM_UI_PART
    if relationship is None or target not in ribbon_parts:
        ribbon_parts = {CUSTOM_UI_PART: ribbon} if ribbon is not None else {}
        target = CUSTOM_UI_PART
        if ribbon is not None:
            repaired.append("ribbon")
    with zipfile.ZipFile(saved) as current:  # read whole, closed before the file is replaced (Windows)
        parts = {item.filename: (item, current.read(item.filename)) for item in current.infolist()
                 if not item.filename.startswith("customUI/")}
    if not had_macros and VBA_PART not in parts and WORKBOOK_RELS in parts:  # openpyxl's own, for any .xlsm
        item, data = parts[WORKBOOK_RELS]
        vba = {rel.get("Id") for rel in ElementTree.fromstring(data) if rel.get("Type") == VBA_REL_TYPE}
        parts[WORKBOOK_RELS] = (item, _drop_relationships(data, vba))
    if ribbon_parts:
        item, data = parts[ROOT_RELS]
        parts[ROOT_RELS] = (item, add_ribbon_relationship(data, target))
    repaired += _sweep(parts, set(parts) | set(ribbon_parts))
    if results:
        _put_results(parts, results)
    with atomic_path(saved) as temporary:
        _write([*parts.values(), *ribbon_parts.items()], temporary)
    return repaired
