"""The workbook's VBA project (xl/vbaProject.bin), rebuilt from the installed xlwings template.

We start from the project inside xlwings' own ``quickstart_standalone.xlsm``
(Excel-saved project information and references, the ThisWorkbook and sheet
document modules, and the xlwings VBA module that matches the installed
Python package), and re-emit every module as source only: MODULEOFFSET 0, no
p-code, and ``_VBA_PROJECT`` as the 7-byte header with version 0xFFFF, which
tells Office to ignore performance caches and compile from source
(MS-OVBA 2.3.4.1). The PROJECT stream's module lines, PROJECTwm and the dir
stream's module records are regenerated for our set of modules.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass
from importlib import metadata, util
from pathlib import Path

import olefile

from qzxl.catalogue import say
from qzxl.errors import CannotRun
from workbook import ovba
from workbook.cfb import write_compound_file

TEMPLATE_NAME = "quickstart_standalone.xlsm"
VBA_PROJECT_HEADER = bytes.fromhex("CC61FFFF000000")  # Reserved1, Version 0xFFFF, Reserved2, Reserved3
_PROJECT_MODULES, _PROJECT_COOKIE, _DIR_TERMINATOR, _PROJECT_VERSION = 0x000F, 0x0013, 0x0010, 0x0009
_MODULE_NAME, _MODULE_STREAM_NAME, _MODULE_OFFSET, _MODULE_TYPE_PROCEDURAL = 0x0019, 0x001A, 0x0031, 0x0021
_MODULE_TYPE_OTHER, _MODULE_TERMINATOR, _PROJECT_CODEPAGE = 0x0022, 0x002B, 0x0003


@dataclass(frozen=True)
class Module:
    name: str
    source: str  # with its Attribute lines, as an exported .bas/.cls file
    kind: str  # "document", "module" or "class"

    @property
    def dir_type(self) -> int:
        return _MODULE_TYPE_PROCEDURAL if self.kind == "module" else _MODULE_TYPE_OTHER


@dataclass
class Template:
    """What we keep of the xlwings project: the information records before the modules, and its modules."""

    information: bytes
    codepage: str
    project_lines: list[str]
    modules: dict[str, Module]


def xlwings_template_path() -> Path:
    """The installed xlwings package's standalone template, located without importing xlwings."""
    spec = util.find_spec("xlwings")
    version = _xlwings_version()
    if spec is None or not spec.submodule_search_locations:
        raise CannotRun("run-xlwings-missing")
    path = Path(next(iter(spec.submodule_search_locations))) / TEMPLATE_NAME
    if not path.is_file():
        raise CannotRun("run-xlwings-template", version=version, template=TEMPLATE_NAME)
    return path


def _xlwings_version() -> str:
    try:
        return metadata.version("xlwings")
    except metadata.PackageNotFoundError:
        return say("value-not-installed")


def _records(data: bytes, position: int = 0):
    """(id, payload, start, end) of each dir record; PROJECTVERSION's size field does not count its payload."""
    while position < len(data):
        record_id, size = struct.unpack_from("<HI", data, position)
        start = position
        length = 6 if record_id == _PROJECT_VERSION else size  # Reserved=4, then VersionMajor (4) and Minor (2)
        payload = data[position + 6: position + 6 + length]
        position += 6 + length
        yield record_id, payload, start, position


def read_template(path: Path) -> Template:
    with zipfile.ZipFile(path) as archive:
        ole = olefile.OleFileIO(io.BytesIO(archive.read("xl/vbaProject.bin")))
    with ole:
        directory = ovba.decompress(ole.openstream("VBA/dir").read())
        information_end, codepage = 0, "cp1252"
        for record_id, payload, start, _ in _records(directory):
            if record_id == _PROJECT_CODEPAGE:
                codepage = f"cp{struct.unpack('<H', payload)[0]}"
            if record_id == _PROJECT_MODULES:
                information_end = start
                break
        modules: dict[str, Module] = {}
        project_text = ole.openstream("PROJECT").read().decode(codepage)
        kinds = _kinds_from_project(project_text)
        name = stream = None
        offset = 0
        for record_id, payload, _, _ in _records(directory, information_end):
            if record_id == _MODULE_NAME:
                name = payload.decode(codepage)
            elif record_id == _MODULE_STREAM_NAME:
                stream = payload.decode(codepage)
            elif record_id == _MODULE_OFFSET:
                offset = struct.unpack("<I", payload)[0]
            elif record_id == _MODULE_TERMINATOR and name and stream:
                source = ovba.decompress(ole.openstream(f"VBA/{stream}").read()[offset:]).decode(codepage)
                modules[name] = Module(name, source, kinds.get(name, "module"))
                name = stream = None
    return Template(directory[:information_end], codepage, project_text.splitlines(), modules)


def _kinds_from_project(text: str) -> dict[str, str]:
    kinds = {}
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key in ("Document", "Module", "Class"):
            kinds[value.split("/")[0]] = {"Document": "document", "Module": "module", "Class": "class"}[key]
    return kinds


def document_module(template: Template, code_name: str) -> Module:
    """A worksheet's document module, cloned from the template's Sheet1 with its own name."""
    source = re.sub(r'Attribute VB_Name = "[^"]*"', f'Attribute VB_Name = "{code_name}"',
                    template.modules["Sheet1"].source, count=1)
    return Module(code_name, source, "document")


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def _record(record_id: int, payload: bytes) -> bytes:
    return struct.pack("<HI", record_id, len(payload)) + payload


def dir_stream(template: Template, modules: list[Module]) -> bytes:
    out = bytearray(template.information)
    out += _record(_PROJECT_MODULES, struct.pack("<H", len(modules)))
    out += _record(_PROJECT_COOKIE, struct.pack("<H", 0xFFFF))
    for module in modules:
        name = module.name.encode(template.codepage)
        unicode_name = module.name.encode("utf-16-le")
        out += _record(_MODULE_NAME, name) + _record(0x0047, unicode_name)
        out += _record(_MODULE_STREAM_NAME, name) + _record(0x0032, unicode_name)
        out += _record(0x001C, b"") + _record(0x0048, b"")  # doc string, ANSI and Unicode
        out += _record(_MODULE_OFFSET, struct.pack("<I", 0))
        out += _record(0x001E, struct.pack("<I", 0))  # help context
        out += _record(0x002C, struct.pack("<H", 0xFFFF))  # cookie
        out += _record(module.dir_type, b"")
        out += _record(_MODULE_TERMINATOR, b"")
    out += _record(_DIR_TERMINATOR, b"")
    return bytes(out)


def project_stream(template: Template, modules: list[Module]) -> bytes:
    """The PROJECT text: the template's lines with our module lines and workspace entries."""
    lines = [line for line in template.project_lines if not line.startswith(("Document=", "Module=", "Class=",
                                                                            "BaseClass="))]
    entries = [{"document": f"Document={m.name}/&H00000000", "module": f"Module={m.name}",
                "class": f"Class={m.name}"}[m.kind] for m in modules]
    lines[1:1] = entries  # right after ID=
    if "[Workspace]" in lines:
        lines = lines[: lines.index("[Workspace]") + 1] + [f"{m.name}=0, 0, 0, 0, C" for m in modules] + [""]
    return "\r\n".join(lines).encode(template.codepage) + b"\r\n"


def project_wm(modules: list[Module], codepage: str) -> bytes:
    return b"".join(m.name.encode(codepage) + b"\0" + m.name.encode("utf-16-le") + b"\0\0" for m in modules) + b"\0\0"


def build_vba_project(template: Template, modules: list[Module]) -> bytes:
    """vbaProject.bin holding ``modules`` as source, with the template's project information and references."""
    names = [m.name for m in modules]
    if len(set(names)) != len(names) or not all(name.isascii() and name.isidentifier() for name in names):
        raise ValueError(f"module names must be unique ASCII identifiers: {names}")
    streams = {
        "PROJECT": project_stream(template, modules),
        "PROJECTwm": project_wm(modules, template.codepage),
        "VBA/_VBA_PROJECT": VBA_PROJECT_HEADER,
        "VBA/dir": ovba.compress(dir_stream(template, modules)),
    }
    for module in modules:
        streams[f"VBA/{module.name}"] = ovba.compress(_crlf(module.source).encode(template.codepage))
    return write_compound_file(streams)
