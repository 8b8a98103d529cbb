"""vbaProject.bin read strictly, from the specifications and not from the project's writer: the compound file per
[MS-CFB] and the VBA project's dir stream per [MS-OVBA] 2.3.4.2, decompressed with oletools (a second
implementation of [MS-OVBA] 2.4.1). Each check returns a list of problems; an empty list is a clean file.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field

from oletools.olevba import decompress_stream

SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
FREESECT, ENDOFCHAIN, FATSECT, DIFSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFC, 0xFFFFFFFF
SPECIAL = {FREESECT, FATSECT, DIFSECT}
UNUSED, STORAGE, STREAM, ROOT = 0, 1, 2, 5
RED, BLACK = 0, 1


@dataclass
class CompoundFile:
    streams: dict[str, bytes] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _cfb_key(name: str) -> tuple[int, str]:
    """[MS-CFB] 2.6.4: shorter names first, then code point by code point after upper-casing."""
    return len(name.encode("utf-16-le")), name.upper()


def read_compound_file(data: bytes) -> CompoundFile:
    """Every structure of a version 3 compound file checked; the streams as the spec says to read them."""
    result = CompoundFile()
    fail = result.problems.append
    if len(data) < 512:
        fail("shorter than the 512-byte header")
        return result
    (signature, clsid, minor, major, byte_order, sector_shift, mini_shift, reserved, directory_sectors,
     fat_count, first_directory, transaction, cutoff, first_mini_fat, mini_fat_count, first_difat,
     difat_count) = struct.unpack_from("<8s16sHHHHH6sIIIIIIIII", data)
    header_difat = list(struct.unpack_from("<109I", data, 76))
    expected = [(signature == SIGNATURE, "signature"), (clsid == bytes(16), "header CLSID not zero"),
                (minor == 0x3E, f"minor version {minor:#x}"), (major == 3 and sector_shift == 9,
                                                               "not version 3 with 512-byte sectors"),
                (byte_order == 0xFFFE, "byte order mark"), (mini_shift == 6, "mini sector shift"),
                (reserved == bytes(6), "reserved header bytes"), (directory_sectors == 0,
                                                                   "directory sector count must be 0 in v3"),
                (transaction == 0, "transaction signature"), (cutoff == 4096, "mini stream cutoff")]
    for ok, what in expected:
        if not ok:
            fail(f"header: {what}")
    if signature != SIGNATURE or sector_shift != 9 or byte_order != 0xFFFE:
        return result
    size = 512
    if (len(data) - 512) % size:
        fail(f"file length {len(data)} is not the header plus whole sectors")
    sector_count = (len(data) - 512) // size

    def sector(number: int) -> bytes:
        return data[512 + number * size: 512 + (number + 1) * size]

    # DIFAT: the header's 109 slots, then DIFAT sectors (127 entries and a next pointer each)
    fat_sectors, owner = list(header_difat[:fat_count]), {}
    difat_sector, seen_difat = first_difat, 0
    if any(s != FREESECT for s in header_difat[fat_count:]):
        fail("header DIFAT slots after the FAT sectors are not FREESECT")
    while difat_sector not in (ENDOFCHAIN, FREESECT) and seen_difat <= difat_count:
        owner[difat_sector] = "DIFAT"
        entries = struct.unpack("<128I", sector(difat_sector))
        fat_sectors += [s for s in entries[:127] if s != FREESECT]
        difat_sector, seen_difat = entries[127], seen_difat + 1
    if seen_difat != difat_count:
        fail(f"header says {difat_count} DIFAT sectors, the chain has {seen_difat}")
    if len(fat_sectors) != fat_count:
        fail(f"header says {fat_count} FAT sectors, the DIFAT lists {len(fat_sectors)}")
    fat: list[int] = []
    for number in fat_sectors:
        if number >= sector_count:
            fail(f"FAT sector {number} is outside the file")
            return result
        owner[number] = "FAT"
        fat += struct.unpack("<128I", sector(number))
    if len(fat) < sector_count:
        fail("the FAT does not cover every sector")
        return result
    for number, what in owner.items():
        if fat[number] != {"FAT": FATSECT, "DIFAT": DIFSECT}[what]:
            fail(f"{what} sector {number} is not marked {what}SECT in the FAT")
    for number in range(sector_count, len(fat)):
        if fat[number] != FREESECT:
            fail(f"FAT entry {number} (past the end of the file) is not FREESECT")

    def chain(start: int, what: str, length: int | None = None) -> list[int]:
        sectors, current = [], start
        while current != ENDOFCHAIN:
            if current >= sector_count or current in SPECIAL:
                fail(f"{what}: chain reaches {current:#x}")
                break
            if current in owner:
                fail(f"{what}: sector {current} already belongs to {owner[current]}")
                break
            owner[current] = what
            sectors.append(current)
            current = fat[current]
        if length is not None and len(sectors) != length:
            fail(f"{what}: {len(sectors)} sectors in the chain, its size needs {length}")
        return sectors

    raw_directory = b"".join(sector(s) for s in chain(first_directory, "directory"))
    entries = [struct.unpack_from("<64sHBBIII16sIQQIII", raw_directory, offset)
               for offset in range(0, len(raw_directory) - 127, 128)]
    names, kinds = [], []
    for index, (raw_name, name_length, kind, colour, left, right, child, _, _, _, _, start, low, high) in \
            enumerate(entries):
        if kind == UNUSED:
            if raw_name != bytes(64) or name_length or (left, right, child) != (NOSTREAM,) * 3 or low or high:
                fail(f"unused directory entry {index} is not empty")
        elif kind not in (STORAGE, STREAM, ROOT):
            fail(f"directory entry {index} has object type {kind}")
        if kind != UNUSED:
            if name_length % 2 or not 2 <= name_length <= 64 or raw_name[name_length - 2:name_length] != b"\0\0" \
                    or raw_name[name_length:] != bytes(64 - name_length):
                fail(f"directory entry {index}: name length, terminator or padding")
            if colour not in (RED, BLACK):
                fail(f"directory entry {index}: colour {colour}")
            if high:
                fail(f"directory entry {index}: stream size over 4 GB in a version 3 file")
            if kind == STREAM and child != NOSTREAM:
                fail(f"stream entry {index} has a child")
            if kind == STORAGE and (start or low):
                fail(f"storage entry {index} has a start sector or size")
        name = raw_name[:max(name_length - 2, 0)].decode("utf-16-le", "replace")
        if any(ch in name for ch in "/\\:!"):
            fail(f"directory entry {index}: {name!r} has a character names may not hold")
        names.append(name)
        kinds.append(kind)
    if not entries or kinds[0] != ROOT or names[0] != "Root Entry":
        fail("directory entry 0 is not the Root Entry")
        return result
    if entries[0][4] != NOSTREAM or entries[0][5] != NOSTREAM:
        fail("the Root Entry has siblings")

    reached: set[int] = {0}
    paths: dict[int, str] = {0: ""}

    def tree(node: int, low: str | None, high: str | None, parent: int) -> int:
        """Check the red-black search tree under ``node``; its black height."""
        if node == NOSTREAM:
            return 1
        if node >= len(entries) or kinds[node] == UNUSED:
            fail(f"the tree under {names[parent]!r} points at entry {node}, which is not in use")
            return 1
        if node in reached:
            fail(f"entry {node} is reached twice")
            return 1
        reached.add(node)
        paths[node] = f"{paths[parent]}/{names[node]}".lstrip("/")
        key = _cfb_key(names[node])
        if (low is not None and not _cfb_key(low) < key) or (high is not None and not key < _cfb_key(high)):
            fail(f"{names[node]!r} is out of order in the tree under {names[parent]!r}")
        _, _, _, colour, left, right, child, *_ = entries[node]
        for side in (left, right):
            if colour == RED and side != NOSTREAM and side < len(entries) and entries[side][3] == RED:
                fail(f"red entry {names[node]!r} has a red child")
        heights = tree(left, low, names[node], parent), tree(right, names[node], high, parent)
        if heights[0] != heights[1]:
            fail(f"black heights differ under {names[node]!r} ({heights[0]} and {heights[1]})")
        if kinds[node] == STORAGE:
            _subtree(child, node)
        return heights[0] + (colour == BLACK)

    def _subtree(top: int, parent: int) -> None:
        if top != NOSTREAM and top < len(entries) and entries[top][3] != BLACK:
            fail(f"the root of the tree under {names[parent]!r} is red")
        tree(top, None, None, parent)

    _subtree(entries[0][6], 0)
    for index, kind in enumerate(kinds):
        if kind != UNUSED and index not in reached:
            fail(f"entry {index} ({names[index]!r}) is not reachable from the Root Entry")

    root_start, root_size = entries[0][11], entries[0][12]
    mini_stream = b"".join(sector(s) for s in chain(root_start, "mini stream", -(-root_size // size)))[:root_size] \
        if root_size else b""
    mini_fat: list[int] = []
    if mini_fat_count:
        for number in chain(first_mini_fat, "mini FAT", mini_fat_count):
            mini_fat += struct.unpack("<128I", sector(number))
    elif first_mini_fat != ENDOFCHAIN:
        fail("no mini FAT sectors, but its start is not ENDOFCHAIN")
    mini_owner: dict[int, str] = {}
    for index, kind in enumerate(kinds):
        if kind != STREAM or index not in paths:
            continue
        path, start, length = paths[index], entries[index][11], entries[index][12]
        if length == 0:
            result.streams[path] = b""
            continue
        if length >= cutoff:
            sectors = chain(start, path, -(-length // size))
            result.streams[path] = b"".join(sector(s) for s in sectors)[:length]
            continue
        mini_sectors, current = [], start
        while current != ENDOFCHAIN:
            if current >= len(mini_fat) or (current + 1) * 64 > len(mini_stream) or current in mini_owner:
                fail(f"{path}: mini sector {current} is outside the mini stream or already used")
                break
            mini_owner[current] = path
            mini_sectors.append(current)
            current = mini_fat[current]
        if len(mini_sectors) != -(-length // 64):
            fail(f"{path}: {len(mini_sectors)} mini sectors for {length} bytes")
        result.streams[path] = b"".join(mini_stream[s * 64:(s + 1) * 64] for s in mini_sectors)[:length]
    for number, value in enumerate(mini_fat):
        if number not in mini_owner and value != FREESECT:
            fail(f"mini FAT entry {number} belongs to no stream but is not FREESECT")
    for number in range(sector_count):
        if number not in owner and fat[number] != FREESECT:
            fail(f"sector {number} is marked used ({fat[number]:#x}) but is in no chain")
        if number in owner and fat[number] == FREESECT:
            fail(f"sector {number} is in a chain but FREESECT in the FAT")
    return result


# [MS-OVBA] 2.3.4.2 ---------------------------------------------------------------------------------

@dataclass
class DirModule:
    name: str
    stream: str
    offset: int
    procedural: bool


@dataclass
class Dir:
    codepage: int = 1252
    modules: list[DirModule] = field(default_factory=list)
    cookies: list[int] = field(default_factory=list)  # PROJECTCOOKIE, then each MODULECOOKIE
    problems: list[str] = field(default_factory=list)


class _Records:
    def __init__(self, data: bytes, dir_: Dir) -> None:
        self.data, self.position, self.dir = data, 0, dir_

    def peek(self) -> int | None:
        return struct.unpack_from("<H", self.data, self.position)[0] if self.position + 6 <= len(self.data) else None

    def take(self, record_id: int, size: int | None = None, *, optional: bool = False) -> bytes | None:
        found = self.peek()
        if found != record_id:
            if not optional:
                raise _Stop(f"at offset {self.position}: record {record_id:#06x} expected, found {found}")
            return None
        _, length = struct.unpack_from("<HI", self.data, self.position)
        if size is not None and length != size:
            self.dir.problems.append(f"record {record_id:#06x} has size {length}, the spec says {size}")
        payload = self.data[self.position + 6:self.position + 6 + length]
        if len(payload) != length:
            raise _Stop(f"record {record_id:#06x} runs past the end of the stream")
        self.position += 6 + length
        return payload

    def pair(self, ansi: int, unicode: int, limit: int | None = None) -> tuple[bytes, bytes]:
        first, second = self.take(ansi), self.take(unicode)
        if limit is not None and len(first) > limit:
            self.dir.problems.append(f"record {ansi:#06x} holds {len(first)} bytes, at most {limit}")
        return first, second


class _Stop(Exception):
    pass


def _u32(payload: bytes) -> int:
    return struct.unpack("<I", payload)[0]


def read_dir(compressed: bytes) -> Dir:
    """Walk the dir stream record by record: PROJECTINFORMATION, PROJECTREFERENCES, PROJECTMODULES."""
    result = Dir()
    fail = result.problems.append
    data = bytes(decompress_stream(bytearray(compressed)))
    records = _Records(data, result)
    try:
        if _u32(records.take(0x0001, 4)) not in (0, 1, 2, 3):
            fail("PROJECTSYSKIND is not 0-3")
        records.take(0x004A, 4, optional=True)
        for record_id in (0x0002, 0x0014):
            if _u32(records.take(record_id, 4)) != 0x409:
                fail(f"record {record_id:#06x} (LCID) is not 0x409")
        result.codepage = struct.unpack("<H", records.take(0x0003, 2))[0]
        if not 1 <= len(records.take(0x0004)) <= 128:
            fail("PROJECTNAME is not 1-128 bytes")
        records.pair(0x0005, 0x0040, 2000)
        help_1, help_2 = records.pair(0x0006, 0x003D, 260)
        if help_1 != help_2:
            fail("PROJECTHELPFILEPATH's two paths differ")
        records.take(0x0007, 4)
        if _u32(records.take(0x0008, 4)) != 0:
            fail("PROJECTLIBFLAGS is not 0")
        if records.peek() != 0x0009 or struct.unpack_from("<I", data, records.position + 2)[0] != 4:
            raise _Stop("PROJECTVERSION missing or its Reserved field is not 4")
        records.position += 12  # Id, Reserved (4), VersionMajor (4), VersionMinor (2)
        records.pair(0x000C, 0x003C, 1015)
        while records.peek() in (0x0016, 0x0033, 0x002F, 0x000D, 0x000E):
            if records.peek() == 0x0016:
                records.pair(0x0016, 0x003E)
            if records.take(0x0033, optional=True) is not None and records.peek() != 0x002F:
                fail("REFERENCEORIGINAL is not followed by REFERENCECONTROL")
            if records.take(0x002F, optional=True) is not None:
                if records.peek() == 0x0016:
                    records.pair(0x0016, 0x003E)
                records.take(0x0030)
            elif records.take(0x000D, optional=True) is None and records.take(0x000E, optional=True) is None:
                raise _Stop(f"at offset {records.position}: a reference without its record")
        count = struct.unpack("<H", records.take(0x000F, 2))[0]
        result.cookies.append(struct.unpack("<H", records.take(0x0013, 2))[0])  # ignored on read
        for _ in range(count):
            name = records.take(0x0019)
            records.take(0x0047, optional=True)
            stream, stream_unicode = records.pair(0x001A, 0x0032)
            records.pair(0x001C, 0x0048)
            offset = _u32(records.take(0x0031, 4))
            records.take(0x001E, 4)
            result.cookies.append(struct.unpack("<H", records.take(0x002C, 2))[0])
            kind = records.peek()
            if kind not in (0x0021, 0x0022):
                raise _Stop(f"module {name!r}: MODULETYPE expected, found {kind}")
            records.take(kind, 0)
            records.take(0x0025, 0, optional=True)
            records.take(0x0028, 0, optional=True)
            records.take(0x002B, 0)
            codec = f"cp{result.codepage}"
            if stream.decode(codec) != stream_unicode.decode("utf-16-le"):
                fail(f"module {name!r}: the ANSI and Unicode stream names differ")
            result.modules.append(DirModule(name.decode(codec), stream.decode(codec), offset, kind == 0x0021))
        records.take(0x0010, 0)
        if records.position != len(data):
            fail(f"{len(data) - records.position} bytes after the dir stream's terminator")
    except _Stop as stop:
        fail(str(stop))
    return result


def module_sources(streams: dict[str, bytes], dir_: Dir) -> dict[str, str]:
    """Each module's source, decompressed by oletools from its stream at the dir stream's offset."""
    sources = {}
    for module in dir_.modules:
        raw = streams.get(f"VBA/{module.stream}", b"")
        if module.offset < len(raw) and raw[module.offset] == 1:
            sources[module.name] = bytes(decompress_stream(bytearray(raw[module.offset:]))).decode(
                f"cp{dir_.codepage}")
    return sources


def project_problems(streams: dict[str, bytes], dir_: Dir) -> list[str]:
    """The dir stream, the module streams, PROJECT, PROJECTwm and _VBA_PROJECT agree."""
    problems = []
    sources = module_sources(streams, dir_)
    for module in dir_.modules:
        if f"VBA/{module.stream}" not in streams:
            problems.append(f"module {module.name}: stream VBA/{module.stream} is missing")
        elif module.name not in sources:
            problems.append(f"module {module.name}: offset {module.offset} is not a compressed container")
        else:
            found = re.search(r'^Attribute VB_Name = "([^"]*)"', sources[module.name], re.M)
            if not found or found[1] != module.name:
                problems.append(f"module {module.name}: its source says VB_Name {found and found[1]}")
    project = streams.get("PROJECT", b"").decode(f"cp{dir_.codepage}")
    if not project.endswith("\r\n"):
        problems.append("the PROJECT stream does not end with CRLF")
    kinds = {}
    for line in project.split("\r\n"):
        key, _, value = line.partition("=")
        if key in ("Document", "Module", "Class", "BaseClass"):
            kinds[value.split("/")[0]] = key
    for module in dir_.modules:
        allowed = ("Module",) if module.procedural else ("Document", "Class", "BaseClass")
        if kinds.get(module.name) not in allowed:
            problems.append(f"module {module.name}: PROJECT says {kinds.get(module.name)}, dir says "
                            f"{'procedural' if module.procedural else 'document or class'}")
    extra = set(kinds) - {module.name for module in dir_.modules}
    if extra:
        problems.append(f"PROJECT names modules the dir stream lacks: {sorted(extra)}")
    if "PROJECTwm" in streams:
        names, wm, position = [], streams["PROJECTwm"], 0
        codec = f"cp{dir_.codepage}"
        while position < len(wm) - 2:
            end = wm.index(b"\0", position)
            unicode_end = end + 1
            while wm[unicode_end:unicode_end + 2] != b"\0\0":
                unicode_end += 2
            ansi, unicode = wm[position:end].decode(codec), wm[end + 1:unicode_end].decode("utf-16-le")
            if ansi != unicode:
                problems.append(f"PROJECTwm: {ansi!r} and {unicode!r} differ")
            names.append(ansi)
            position = unicode_end + 2
        if not wm.endswith(b"\0\0"):
            problems.append("PROJECTwm does not end with its terminator")
        if sorted(names) != sorted(module.name for module in dir_.modules):
            problems.append(f"PROJECTwm names {sorted(names)}, the dir stream {[m.name for m in dir_.modules]}")
    header = streams.get("VBA/_VBA_PROJECT", b"")
    if header[:2] != b"\xcc\x61" or len(header) < 7 or header[4] != 0:
        problems.append("_VBA_PROJECT does not start with its Reserved1 0x61CC and Reserved2 0x00")
    return problems
