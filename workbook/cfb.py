"""A small MS-CFB (compound file, version 3) writer: the container a vbaProject.bin is.

Enough for a VBA project: storages and streams, the mini stream for streams
under 4096 bytes, one FAT chain per stream, the directory as a red-black tree
(balanced, deepest level red). Reading is left to olefile.

>>> data = write_compound_file({"PROJECT": b"ID=1", "VBA/dir": b"x" * 5000})
>>> import io, olefile
>>> ole = olefile.OleFileIO(io.BytesIO(data))
>>> sorted("/".join(e) for e in ole.listdir()), ole.openstream("VBA/dir").read() == b"x" * 5000
(['PROJECT', 'VBA/dir'], True)
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
ENTRY_SIZE = 128
FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
HEADER_DIFAT_SLOTS = 109
STORAGE, STREAM, ROOT = 1, 2, 5
RED, BLACK = 0, 1
SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: list[_Entry] = field(default_factory=list)
    index: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    colour: int = BLACK
    start: int = ENDOFCHAIN


def _sort_key(entry: _Entry) -> tuple[int, str]:
    """CFB order: shorter names first, then by upper-cased UTF-16 code units."""
    return (len(entry.name.encode("utf-16-le")), entry.name.upper())


def _tree(entries: list[_Entry]) -> int:
    """Link ``entries`` as a balanced binary search tree; return the root's index."""
    ordered = sorted(entries, key=_sort_key)
    depths: dict[int, int] = {}

    def build(items: list[_Entry], depth: int) -> int:
        if not items:
            return NOSTREAM
        middle = len(items) // 2
        node = items[middle]
        depths[id(node)] = depth
        node.left = build(items[:middle], depth + 1)
        node.right = build(items[middle + 1:], depth + 1)
        return node.index

    root = build(ordered, 0)
    deepest = max(depths.values(), default=0)
    perfect = len(ordered) == 2 ** (deepest + 1) - 1
    for node in ordered:  # leaf depths differ by at most one: the deepest level red keeps black heights equal
        node.colour = RED if depths[id(node)] == deepest and not perfect and deepest > 0 else BLACK
    return root


def _build_tree(streams: Mapping[str, bytes]) -> list[_Entry]:
    root = _Entry("Root Entry", ROOT)
    entries = [root]
    storages = {"": root}
    for path in sorted(streams):
        parts = path.split("/")
        parent = root
        for depth, part in enumerate(parts[:-1]):
            key = "/".join(parts[: depth + 1])
            if key not in storages:
                storage = _Entry(part, STORAGE, index=len(entries))
                entries.append(storage)
                parent.children.append(storage)
                storages[key] = storage
            parent = storages[key]
        stream = _Entry(parts[-1], STREAM, streams[path], index=len(entries))
        entries.append(stream)
        parent.children.append(stream)
    for entry in entries:
        if entry.children:
            entry.child = _tree(entry.children)
    return entries


def _chain(start: int, count: int) -> list[int]:
    return [start + i + 1 for i in range(count - 1)] + [ENDOFCHAIN] if count else []


def _sectors(size: int, unit: int) -> int:
    return -(-size // unit)


def write_compound_file(streams: Mapping[str, bytes]) -> bytes:
    """A compound file holding ``streams`` (paths like ``VBA/dir``; storages are made as needed)."""
    entries = _build_tree(streams)
    root = entries[0]
    mini_stream, mini_fat = bytearray(), []
    big: list[_Entry] = []
    for entry in entries:
        if entry.kind != STREAM or not entry.data:
            continue
        if len(entry.data) < MINI_CUTOFF:
            entry.start = len(mini_stream) // MINI_SECTOR
            count = _sectors(len(entry.data), MINI_SECTOR)
            mini_fat += _chain(entry.start, count)
            mini_stream += entry.data.ljust(count * MINI_SECTOR, b"\0")
        else:
            big.append(entry)
    root.data = bytes(mini_stream)
    # Regular sectors in order: big streams, the mini stream, the directory, the mini FAT, the FAT.
    layout: list[tuple[_Entry | str, int]] = [(entry, _sectors(len(entry.data), SECTOR)) for entry in big]
    layout.append((root, _sectors(len(root.data), SECTOR)))
    directory_sectors = _sectors(len(entries) * ENTRY_SIZE, SECTOR)
    mini_fat_sectors = _sectors(len(mini_fat) * 4, SECTOR)
    used = sum(count for _, count in layout) + directory_sectors + mini_fat_sectors
    fat_sectors = 1
    while _sectors((used + fat_sectors) * 4, SECTOR) > fat_sectors:
        fat_sectors += 1
    if fat_sectors > HEADER_DIFAT_SLOTS:
        raise ValueError("compound file too large for a header-only DIFAT")
    fat: list[int] = []
    for entry, count in layout:
        entry.start = len(fat) if count else ENDOFCHAIN
        fat += _chain(len(fat), count)
    first_directory = len(fat)
    fat += _chain(first_directory, directory_sectors)
    first_mini_fat = len(fat) if mini_fat_sectors else ENDOFCHAIN
    fat += _chain(len(fat), mini_fat_sectors)
    first_fat = len(fat)
    fat += [FATSECT] * fat_sectors
    fat += [FREESECT] * (fat_sectors * SECTOR // 4 - len(fat))

    body = bytearray()
    for entry, count in layout:
        body += entry.data.ljust(count * SECTOR, b"\0")
    directory = b"".join(_directory_entry(entry) for entry in entries)
    body += directory + _empty_entries(directory_sectors * SECTOR - len(directory))
    mini_fat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat)
    body += mini_fat_bytes.ljust(mini_fat_sectors * SECTOR, b"\xff")
    body += struct.pack(f"<{len(fat)}I", *fat)
    difat = [first_fat + i for i in range(fat_sectors)] + [FREESECT] * (HEADER_DIFAT_SLOTS - fat_sectors)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII", SIGNATURE, b"\0" * 16, 0x003E, 3, 0xFFFE, 9, 6, b"\0" * 6, 0, fat_sectors,
        first_directory, 0, MINI_CUTOFF, first_mini_fat, mini_fat_sectors, ENDOFCHAIN, 0,
    ) + struct.pack(f"<{HEADER_DIFAT_SLOTS}I", *difat)
    return header + bytes(body)


def _directory_entry(entry: _Entry) -> bytes:
    name = entry.name.encode("utf-16-le")
    if len(name) > 62:
        raise ValueError(f"name too long for a compound file: {entry.name}")
    size = len(entry.data) if entry.kind in (STREAM, ROOT) else 0
    start = entry.start if size else (0 if entry.kind == STORAGE else ENDOFCHAIN)
    return struct.pack(
        "<64sHBBIII16sIQQIII", name.ljust(64, b"\0"), len(name) + 2, entry.kind, entry.colour, entry.left,
        entry.right, entry.child, b"\0" * 16, 0, 0, 0, start, size, 0,
    )


def _empty_entries(length: int) -> bytes:
    empty = struct.pack("<64sHBBIII16sIQQIII", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, b"\0" * 16, 0, 0, 0, 0,
                        0, 0)
    return empty * (length // ENTRY_SIZE) if length else b""
