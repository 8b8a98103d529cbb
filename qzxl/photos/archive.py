"""Zip files in and out, safely: no path escapes, no bombs, Chinese names that open on Windows.

Incoming: member names are decoded as UTF-8 when the zip says so (flag bit
11), else as GBK, which is what Windows' built-in zip and WeChat write for
Chinese names; absolute paths, ``..``, links, and members that inflate beyond
their declared size or an overall limit are skipped and reported.

Outgoing: Python's zipfile sets the UTF-8 flag on every non-ASCII name, which
the Windows 10/11 built-in extractor and 7-Zip honour, so 330822…张三.jpg
opens with its name intact.
"""

from __future__ import annotations

import os
import stat
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from qzxl.errors import CannotRun

MAX_MEMBERS = 5_000
MAX_TOTAL_BYTES = 2 * 1024**3
MAX_RATIO = 200  # uncompressed / compressed; real JPEGs barely compress at all
_CHUNK = 1 << 20
UTF8_FLAG = 0x800


@dataclass
class Extraction:
    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (member, reason)


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author saw it."""
    if info.flag_bits & UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437")
    for encoding in ("utf-8", "gbk"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _unsafe_reason(info: zipfile.ZipInfo, name: str) -> str | None:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        return "zip-outside"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "zip-link"
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
        return "zip-ratio"
    return None


def extract_safely(archive_path: Path, target: Path) -> Extraction:
    """Extract regular files into ``target``; CannotRun when the archive is unreadable or too large."""
    try:
        archive = zipfile.ZipFile(archive_path)
    except (zipfile.BadZipFile, OSError) as error:
        raise CannotRun("run-zip-invalid", name=archive_path.name) from error
    result = Extraction()
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > MAX_MEMBERS:
            raise CannotRun("run-zip-too-many", count=len(members), limit=MAX_MEMBERS)
        budget = MAX_TOTAL_BYTES
        for info in members:
            name = member_name(info)
            reason = _unsafe_reason(info, name)
            if reason:
                result.skipped.append((name, reason))
                continue
            if info.flag_bits & 0x1:
                result.skipped.append((name, "zip-encrypted"))
                continue
            parts = [part for part in PurePosixPath(name.replace("\\", "/")).parts if part != "."]
            destination = target.joinpath(*parts)
            if _too_long(target, parts):
                result.skipped.append((name, "zip-name-too-long"))
                continue
            if not parts or destination.exists() or any(p.is_file() for p in destination.parents):
                result.skipped.append((name, "zip-name-clash"))
                continue
            written = _copy_limited(archive, info, destination, min(info.file_size, budget))
            if written is None:
                result.skipped.append((name, "zip-oversize"))
                continue
            budget -= written
            result.files.append(destination)
    return result


def _too_long(target: Path, parts: list[str]) -> bool:
    """Whether a member's name is longer than the file system takes (255 bytes a name on most)."""
    if os.name == "nt":  # NTFS: 255 UTF-16 characters a name
        return any(len(part.encode("utf-16-le")) // 2 > 255 for part in parts)
    try:
        name_max = os.pathconf(target, "PC_NAME_MAX")
    except (OSError, ValueError):  # the folder is not made yet
        name_max = 255
    return any(len(part.encode(sys.getfilesystemencoding(), "surrogateescape")) > name_max for part in parts)


def _copy_limited(archive: zipfile.ZipFile, info: zipfile.ZipInfo, destination: Path, limit: int) -> int | None:
    written = 0
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(info) as source, destination.open("wb") as sink:
            while chunk := source.read(_CHUNK):
                written += len(chunk)
                if written > limit:
                    break
                sink.write(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        written = limit + 1  # damaged or encrypted member: treated like an over-long one
    if written > limit:
        destination.unlink(missing_ok=True)
        return None
    return written


def write_zip(path: Path, files: Iterable[tuple[Path, str]]) -> None:
    """A zip of (file, name in archive); non-ASCII names get the UTF-8 flag."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file, name in files:
            archive.write(file, name)
