"""What Excel checks when it opens an .xlsm, checked on Linux: each function returns a list of problems (empty when
the file is clean), so a test can show all of them at once and a spoiled copy can prove the check bites.

The references are Microsoft's and Ecma's own files (tests/data/excel, README there); the readers are second
implementations (lxml/libxml2, compoundfiles, olefile, oletools' decompressor, openpyxl's list of Excel
functions), never the project's own writer.
"""

from __future__ import annotations

import copy
import functools
import re
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree
from openpyxl.utils.formulas import FORMULAE

DATA = Path(__file__).parent.parent / "data" / "excel"
CONTROL_LISTS = ("excel_Office_2016.xlsx", "excel_Office_2019.xlsx", "excel_Microsoft_365_Current_Channel.xlsx")

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
CUSTOM_UI_2009 = "http://schemas.microsoft.com/office/2009/07/customui"
CUSTOM_UI_2006 = "http://schemas.microsoft.com/office/2006/01/customui"
UI_RELATIONSHIPS = {"http://schemas.microsoft.com/office/2007/relationships/ui/extensibility": CUSTOM_UI_2009,
                    "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility": CUSTOM_UI_2006}
VBA_PROJECT_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
XS = "{http://www.w3.org/2001/XMLSchema}"
# Root element namespace → the schema file that covers it. docProps/core.xml needs the Dublin Core schemas,
# which are not part of ECMA-376's download, so it is not validated.
SCHEMA_FOR_ROOT = {
    MAIN: "sml.xsd",
    CONTENT_TYPES: "opc-contentTypes.xsd",
    PACKAGE_REL: "opc-relationships.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "dml-main.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties":
        "shared-documentPropertiesExtended.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": "shared-documentPropertiesCustom.xsd",
}
WORKBOOK_BASE = "00020819-0000-0000-C000-000000000046"  # VB_Base of a ThisWorkbook document module
WORKSHEET_BASE = "00020820-0000-0000-C000-000000000046"


# ECMA-376 and OPC schemas ------------------------------------------------------------------------

def load_schemas(folder: Path) -> dict[str, etree.XMLSchema]:
    return {name: etree.XMLSchema(etree.parse(str(folder / name))) for name in set(SCHEMA_FOR_ROOT.values())}


def resolve_markup_compatibility(root: etree._Element) -> etree._Element:
    """What an ECMA-376 consumer does before it reads a part (Part 3): drop what mc:Ignorable names, take the
    Fallback of each AlternateContent. Excel's xml:space="preserve" on <t> is dropped too: the Transitional
    schema types <t> as a simple string although every Excel-saved file writes the attribute."""
    ignorable: set[str] = set()
    for element in root.iter():
        for prefix in (element.get(f"{{{MC}}}Ignorable") or "").split():
            ignorable.add(element.nsmap[prefix])
    for alternate in list(root.iter(f"{{{MC}}}AlternateContent")):
        parent, fallback = alternate.getparent(), alternate.find(f"{{{MC}}}Fallback")
        position = parent.index(alternate)
        parent.remove(alternate)
        for child in reversed(list(fallback) if fallback is not None else []):
            parent.insert(position, child)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        parent = element.getparent()
        inside_ext = parent is not None and etree.QName(parent).localname == "ext"  # ext content is xsd:any
        if etree.QName(element).namespace in ignorable and not inside_ext:
            parent.remove(element)
            continue
        element.attrib.pop(XML_SPACE, None)
        for attribute in list(element.attrib):
            if etree.QName(attribute).namespace in ignorable | {MC}:
                del element.attrib[attribute]
    return root


def schema_problems(archive: zipfile.ZipFile, schemas: dict[str, etree.XMLSchema],
                    only: frozenset[str] | None = None) -> tuple[list[str], list[str]]:
    """(problems, parts validated): every XML part (of ``only``, when given) whose root namespace a vendored
    schema covers."""
    problems, validated = [], []
    for name in archive.namelist():
        if not name.endswith((".xml", ".rels")) or (only is not None and name not in only):
            continue
        root = etree.fromstring(archive.read(name))
        schema_name = SCHEMA_FOR_ROOT.get(etree.QName(root).namespace)
        if schema_name is None:
            continue
        schema = schemas[schema_name]
        if not schema.validate(etree.ElementTree(resolve_markup_compatibility(root))):
            problems += [f"{name} line {error.line}: {error.message}" for error in schema.error_log][:5]
        validated.append(name)
    return problems, validated


# The ribbon --------------------------------------------------------------------------------------

def custom_ui_schema(path: Path) -> etree.XMLSchema:
    """Microsoft's customui14.xsd as libxml2 accepts it.

    Some types re-declare, in an xsd:extension, an attribute their base type already has (CT_ButtonRegular
    adds AG_Enabled again). .NET ignores the repeat; libxml2 rejects the schema. Dropping the repeated
    declaration (the same attribute, same type) changes nothing that a document may contain.
    """
    tree = etree.parse(str(path))
    root = tree.getroot()
    types = {t.get("name"): t for t in root.iter(f"{XS}complexType") if t.get("name")}
    groups = {g.get("name"): g for g in root.iter(f"{XS}attributeGroup") if g.get("name")}

    def group_attributes(name: str) -> list[etree._Element]:
        found = []
        for child in groups[name]:
            if child.tag == f"{XS}attribute":
                found.append(child)
            elif child.tag == f"{XS}attributeGroup":
                found += group_attributes(child.get("ref"))
        return found

    def declared(type_name: str) -> set[str]:
        node = types.get(type_name)
        if node is None:
            return set()
        names = set()
        for child in node.iter(f"{XS}attribute", f"{XS}attributeGroup"):
            if child.tag == f"{XS}attribute" and child.get("name"):
                names.add(child.get("name"))
            elif child.get("ref"):
                names |= {a.get("name") for a in group_attributes(child.get("ref"))}
        for derivation in node.iter(f"{XS}extension"):
            names |= declared(derivation.get("base"))
        return names

    for extension in list(root.iter(f"{XS}extension")):
        inherited = declared(extension.get("base"))
        for child in list(extension):
            if child.tag == f"{XS}attributeGroup":
                attributes = group_attributes(child.get("ref"))
                if not any(a.get("name") in inherited for a in attributes):
                    inherited |= {a.get("name") for a in attributes}
                    continue
                position = extension.index(child)
                extension.remove(child)
                for attribute in attributes:
                    if attribute.get("name") not in inherited:
                        inherited.add(attribute.get("name"))
                        extension.insert(position, copy.deepcopy(attribute))
                        position += 1
            elif child.tag == f"{XS}attribute" and child.get("name") in inherited:
                extension.remove(child)
            elif child.tag == f"{XS}attribute":
                inherited.add(child.get("name"))
    return etree.XMLSchema(tree)


_COLUMN_A_CELL = re.compile(rb'<c r="A(\d+)"([^>]*)>(?:<f>[^<]*</f>)?<v>([^<]*)</v>')


def control_ids(path: Path) -> frozenset[str]:
    """Column A ("Control Name") of one of Microsoft's control-id lists, below its header.

    Cells are picked out of the sheet XML with a pattern: the lists hold ~2 000 rows of eight columns, which
    an XML parse takes a second over; a slow test checks the result against openpyxl's reading.
    """
    with zipfile.ZipFile(path) as archive:
        strings = ["".join(item.itertext()).strip()
                   for item in _xml(archive, "xl/sharedStrings.xml").iter(f"{{{MAIN}}}si")]
        ids = set()
        for sheet in worksheet_parts(archive).values():
            for row, attributes, value in _COLUMN_A_CELL.findall(archive.read(sheet)):
                if row != b"1":
                    shared = b't="s"' in attributes
                    ids.add(strings[int(value)] if shared else value.decode().strip())
    return frozenset(ids)


def ribbon_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(relationship type, part) of each ribbon the package relationships point at."""
    rels = etree.fromstring(archive.read("_rels/.rels"))
    return [(rel.get("Type"), rel.get("Target").lstrip("/")) for rel in rels.iter(f"{{{PACKAGE_REL}}}Relationship")
            if rel.get("Type") in UI_RELATIONSHIPS]


def ribbon_problems(archive: zipfile.ZipFile, schema: etree.XMLSchema,
                    id_lists: dict[str, frozenset[str]]) -> list[str]:
    parts = ribbon_parts(archive)
    if [kind for kind, _ in parts] != ["http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"]:
        return [f"expected one customUI14 relationship, found {parts}"]
    root = etree.fromstring(archive.read(parts[0][1]))
    problems = []
    if not schema.validate(etree.ElementTree(root)):
        problems += [f"customUI14 line {error.line}: {error.message}" for error in schema.error_log]
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    problems += [f"id {name} used {count} times" for name, count in Counter(ids).items() if count > 1]
    for element in root.iter():
        icon = element.get("imageMso")
        missing = [list_name for list_name, names in id_lists.items() if icon and icon not in names]
        if missing:
            problems.append(f"imageMso {icon} (button {element.get('id')}) is not an Excel control id in {missing}")
    return problems


# Rules no schema expresses -----------------------------------------------------------------------

def _xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(archive.read(name))


def _part_path(base: str, target: str) -> str:
    """The zip name a relationship target means, relative to the part whose _rels it is in."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts = base.split("/")[:-1]
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def relationships(archive: zipfile.ZipFile, source: str) -> dict[str, tuple[str, str]]:
    """Id → (type, zip name) of the internal relationships of ``source`` ("" for the package)."""
    folder, _, name = source.rpartition("/")
    rels = f"{folder}/_rels/{name}.rels" if folder else ("_rels/.rels" if not name else f"_rels/{name}.rels")
    if rels not in archive.namelist():
        return {}
    return {rel.get("Id"): (rel.get("Type"), _part_path(source, rel.get("Target")))
            for rel in _xml(archive, rels).iter(f"{{{PACKAGE_REL}}}Relationship")
            if rel.get("TargetMode") != "External"}


def package_problems(archive: zipfile.ZipFile) -> list[str]:
    """Every part has a content type, every relationship points at a part, the ribbon's type matches its
    namespace, the workbook is macro-enabled and owns its VBA project."""
    names = [name for name in archive.namelist() if not name.endswith("/")]
    types = _xml(archive, "[Content_Types].xml")
    defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.iter(f"{{{CONTENT_TYPES}}}Default")}
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{{{CONTENT_TYPES}}}Override")}
    problems = [f"{name} has no content type" for name in names if name != "[Content_Types].xml"
                and f"/{name}" not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults]
    problems += [f"content type override for missing part {part}" for part in overrides if part[1:] not in names]
    if overrides.get("/xl/workbook.xml") != "application/vnd.ms-excel.sheet.macroEnabled.main+xml":
        problems.append(f"xl/workbook.xml content type is {overrides.get('/xl/workbook.xml')}, not macroEnabled")
    if "xl/vbaProject.bin" in names:
        vba_type = overrides.get("/xl/vbaProject.bin") or defaults.get("bin")
        if vba_type != "application/vnd.ms-office.vbaProject":
            problems.append(f"xl/vbaProject.bin content type is {vba_type}")
        if (VBA_PROJECT_REL, "xl/vbaProject.bin") not in relationships(archive, "xl/workbook.xml").values():
            problems.append("the workbook has no vbaProject relationship")
    sources = [""] + [name for name in names if not name.endswith(".rels")]
    for source in sources:
        for rel_id, (kind, target) in relationships(archive, source).items():
            if target not in names:
                problems.append(f"relationship {rel_id} of {source or 'the package'} points at missing {target}")
            elif kind in UI_RELATIONSHIPS and etree.QName(_xml(archive, target)).namespace != UI_RELATIONSHIPS[kind]:
                problems.append(f"{target} is not in {UI_RELATIONSHIPS[kind]}, which relationship {kind} expects")
    return problems


NAME = re.compile(r"^[A-Za-z_\\\u0080-\uffff][\w.\\?\u0080-\uffff]*$")
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def looks_like_reference(name: str) -> bool:
    """A1 (columns up to XFD, rows up to 1048576) or R1C1 forms, which Excel refuses as names."""
    a1 = re.fullmatch(r"([A-Za-z]{1,3})(\d+)", name)
    if a1:
        return _column_number(a1[1]) <= 16384 and 1 <= int(a1[2]) <= 1048576
    return bool(re.fullmatch(r"[Rr]\d*([Cc]\d*)?|[Cc]\d*", name))


def name_problems(archive: zipfile.ZipFile) -> list[str]:
    """Sheet names Excel accepts; defined names legal and unique per scope (case-insensitive)."""
    workbook = _xml(archive, "xl/workbook.xml")
    sheets = [sheet.get("name") for sheet in workbook.iter(f"{{{MAIN}}}sheet")]
    problems = []
    lowered = Counter(sheet.lower() for sheet in sheets)
    for sheet in sheets:
        if (len(sheet) > 31 or SHEET_NAME_FORBIDDEN.search(sheet) or sheet.startswith("'") or sheet.endswith("'")
                or sheet.lower() == "history" or lowered[sheet.lower()] > 1 or not sheet.strip()):
            problems.append(f"sheet name {sheet!r} is not one Excel accepts")
    scopes = Counter()
    for defined in workbook.iter(f"{{{MAIN}}}definedName"):
        name, scope = defined.get("name"), defined.get("localSheetId")
        scopes[(name.upper(), scope)] += 1
        if not name.startswith("_xlnm.") and (len(name) > 255 or not NAME.match(name) or looks_like_reference(name)):
            problems.append(f"defined name {name!r} is not legal")
        if scope is not None and not 0 <= int(scope) < len(sheets):
            problems.append(f"defined name {name} is local to sheet {scope}, which does not exist")
        for quoted, bare in re.findall(r"'((?:[^']|'')+)'!|([^\s'!=,(:&\"]+)!", defined.text or ""):
            if (quoted.replace("''", "'") or bare) not in sheets:
                problems.append(f"defined name {name} refers to a sheet that does not exist: {quoted or bare}")
    problems += [f"defined name {name} is defined {count} times in scope {scope or 'workbook'}"
                 for (name, scope), count in scopes.items() if count > 1]
    return problems


def worksheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip name of its part, through the workbook's relationships."""
    rels = relationships(archive, "xl/workbook.xml")
    return {sheet.get("name"): rels[sheet.get(f"{{{OFFICE_REL}}}id")][1]
            for sheet in _xml(archive, "xl/workbook.xml").iter(f"{{{MAIN}}}sheet")}


def _box(reference: str) -> tuple[int, int, int, int]:
    first, _, last = reference.replace("$", "").partition(":")
    (c1, r1), (c2, r2) = (re.fullmatch(r"([A-Z]+)(\d+)", cell).groups() for cell in (first, last or first))
    return int(r1), _column_number(c1), int(r2), _column_number(c2)


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


@functools.cache  # a built book repeats its formulas row after row, and every spoiled copy repeats the book's
def _functions(formula: str) -> frozenset[str]:
    without_strings = re.sub(r'"(?:[^"]|"")*"', '""', formula)
    without_sheets = re.sub(r"'(?:[^']|'')+'!", "", without_strings)
    return frozenset(name.upper() for name in re.findall(r"(?<![\w.])([A-Za-z_][\w.]*)\s*\(", without_sheets))


def sheet_problems(archive: zipfile.ZipFile, vba_functions: frozenset[str] = frozenset(),
                   only: frozenset[str] | None = None) -> list[str]:
    """Data-validation lists ≤ 255 characters and limits on their prompts, validations not overlapping,
    dxf ids that exist, merged ranges not overlapping, and only functions Excel knows (openpyxl's list of
    Excel's functions) or the VBA project defines; of the sheet parts in ``only``, when given."""
    dxfs = _xml(archive, "xl/styles.xml").find(f"{{{MAIN}}}dxfs")
    dxf_count = len(dxfs) if dxfs is not None else 0
    defined = frozenset(d.get("name").upper() for d in _xml(archive, "xl/workbook.xml").iter(f"{{{MAIN}}}definedName"))
    problems = []
    for sheet, part in worksheet_parts(archive).items():
        if only is not None and part not in only:
            continue
        info = archive.getinfo(part)
        key = (sheet, part, info.CRC, info.file_size, dxf_count, defined, vba_functions)
        if key not in _SHEET_PROBLEMS:
            _SHEET_PROBLEMS[key] = tuple(_one_sheet_problems(sheet, _xml(archive, part), dxf_count, defined,
                                                             FORMULAE | vba_functions))
        problems += _SHEET_PROBLEMS[key]
    return problems


# A part's problems by what decides them: the part's bytes (CRC and size), what it is checked against. The
# built book's 4.5 MB sheets are then read once per test process, not again for each spoiled copy of the book.
_SHEET_PROBLEMS: dict[tuple, tuple[str, ...]] = {}


def _one_sheet_problems(sheet: str, root: etree._Element, dxf_count: int, defined: frozenset[str],
                        known: frozenset[str]) -> list[str]:
    problems = []
    validated: list[tuple[str, tuple[int, int, int, int]]] = []
    for validation in root.iter(f"{{{MAIN}}}dataValidation"):
        source = validation.findtext(f"{{{MAIN}}}formula1") or ""
        if validation.get("type") == "list" and source.startswith('"') and len(source) - 2 > 255:
            problems.append(f"{sheet} {validation.get('sqref')}: list of {len(source) - 2} characters (> 255)")
        for attribute, limit in (("prompt", 255), ("promptTitle", 32), ("error", 225), ("errorTitle", 32)):
            if len(validation.get(attribute) or "") > limit:
                problems.append(f"{sheet} {validation.get('sqref')}: {attribute} longer than {limit}")
        named = re.fullmatch(r"[A-Za-z_][\w.]*", source)
        if validation.get("type") == "list" and named and source.upper() not in defined:
            problems.append(f"{sheet} {validation.get('sqref')}: list source {source} is not defined")
        for reference in (validation.get("sqref") or "").split():
            box = _box(reference)
            problems += [f"{sheet}: data validations {reference} and {other} overlap"
                         for other, seen in validated if _overlap(box, seen)]
            validated.append((reference, box))
    merged: list[tuple[str, tuple[int, int, int, int]]] = []
    for merge in root.iter(f"{{{MAIN}}}mergeCell"):
        box = _box(merge.get("ref"))
        problems += [f"{sheet}: merged ranges {merge.get('ref')} and {other} overlap"
                     for other, seen in merged if _overlap(box, seen)]
        merged.append((merge.get("ref"), box))
    for rule in root.iter(f"{{{MAIN}}}cfRule"):
        if rule.get("dxfId") is not None and not 0 <= int(rule.get("dxfId")) < dxf_count:
            problems.append(f"{sheet}: conditional format uses dxfId {rule.get('dxfId')}, styles.xml has "
                            f"{dxf_count}")
    for formula in (*root.iter(f"{{{MAIN}}}f"), *root.iter(f"{{{MAIN}}}formula"),
                    *root.iter(f"{{{MAIN}}}formula1")):
        unknown = _functions(formula.text or "") - known
        if unknown:
            problems.append(f"{sheet}: {sorted(unknown)} in {formula.text[:60]!r} are not Excel functions")
    return problems


def code_name_problems(archive: zipfile.ZipFile, modules: dict[str, str]) -> list[str]:
    """The workbook's and every sheet's codeName is a document module of the right kind, and every document
    module belongs to one of them (``modules``: module name → its source, from a second VBA reader)."""
    bases = {}
    for name, source in modules.items():
        base = re.search(r'^Attribute VB_Base = "0\{([0-9A-Fa-f-]+)\}', source, re.M)
        bases[name] = base[1].upper() if base else None
    owners = [("the workbook", _xml(archive, "xl/workbook.xml").find(f"{{{MAIN}}}workbookPr"), WORKBOOK_BASE)]
    owners += [(f"sheet {sheet}", _xml(archive, part).find(f"{{{MAIN}}}sheetPr"), WORKSHEET_BASE)
               for sheet, part in worksheet_parts(archive).items()]
    wanted: dict[str, str] = {}
    problems = []
    for owner, properties, base in owners:
        code_name = properties.get("codeName") if properties is not None else None
        if code_name is None:
            problems.append(f"{owner} has no codeName")
        elif code_name in wanted:
            problems.append(f"{owner} has codeName {code_name}, which another sheet has")
        else:
            wanted[code_name] = base
    for code_name, base in wanted.items():
        if code_name not in modules:
            problems.append(f"codeName {code_name} has no document module")
        elif bases[code_name] != base:
            problems.append(f"module {code_name} has VB_Base {bases[code_name]}, a {code_name} needs {base}")
    problems += [f"document module {name} belongs to no sheet" for name, base in bases.items()
                 if base in (WORKBOOK_BASE, WORKSHEET_BASE) and name not in wanted]
    return problems
