r"""The Python half of 安装.cmd and 卸载.cmd: what batch does badly (bitness, known folders, hashes).

It runs with the clerk's own Python before qzxl is installed, so it uses the standard library only and
works on Python 3.10 and later. Each sub-command prints one line for the batch file to read (UTF-8).

Bitness comes from the PE header of the executable itself, which is what Windows goes by:

>>> import pathlib, pip._vendor.distlib as distlib
>>> folder = pathlib.Path(distlib.__file__).parent
>>> pe_machine(folder / "t32.exe"), pe_machine(folder / "t64.exe")
('32 位', '64 位')
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import struct
import sys
from pathlib import Path

# IMAGE_FILE_HEADER.Machine values (Microsoft PE/COFF specification, "Machine Types")
MACHINES = {0x014C: "32 位", 0x8664: "64 位", 0xAA64: "ARM64"}


def pe_machine(path: Path) -> str:
    """"32 位", "64 位" or "ARM64" for a Windows executable; raises ValueError for anything else."""
    with Path(path).open("rb") as handle:
        header = handle.read(4096)
    if header[:2] != b"MZ" or len(header) < 64:
        raise ValueError(f"{path} is not a PE file")
    offset = struct.unpack_from("<I", header, 0x3C)[0]
    if header[offset:offset + 4] != b"PE\0\0":
        raise ValueError(f"{path} has no PE signature")
    machine = struct.unpack_from("<H", header, offset + 4)[0]
    if machine not in MACHINES:
        raise ValueError(f"{path}: machine 0x{machine:04x}")
    return MACHINES[machine]


def python_line(versions: list[str]) -> tuple[str | None, str]:
    """("3.12|C:\\...\\python.exe", "") when this interpreter suits the bundle, else (None, why not)."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    if platform.python_implementation() != "CPython":
        return None, f"{sys.executable} 不是 CPython"
    if struct.calcsize("P") * 8 != 64:
        return None, f"{sys.executable} 是 32 位 Python {version}"
    if version not in versions:
        return None, f"{sys.executable} 是 Python {version}，安装包支持 {'、'.join(versions)}"
    return f"{version}|{sys.executable}", ""


def excel_executables() -> list[Path]:
    """Where Windows says EXCEL.EXE is (the App Paths key both MSI and Click-to-Run installs write)."""
    import winreg

    found = []
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        for view in (winreg.KEY_WOW64_64KEY, winreg.KEY_WOW64_32KEY):
            try:
                with winreg.OpenKey(hive, r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\excel.exe", 0,
                                    winreg.KEY_READ | view) as key:
                    path = Path(winreg.QueryValue(key, None).strip('"'))
            except OSError:
                continue
            if path.is_file() and path not in found:
                found.append(path)
    return found


def office_line(executables: list[Path]) -> str:
    """One line for the screen and the support log; a mismatch with Python's bitness is no reason to stop.

    >>> office_line([])
    'Office：未找到 Excel（WPS 或 Mac 用户可忽略；仍可用拖放脚本和命令行）'
    """
    if not executables:
        return "Office：未找到 Excel（WPS 或 Mac 用户可忽略；仍可用拖放脚本和命令行）"
    parts = []
    for path in executables:
        try:
            parts.append(f"{pe_machine(path)}（{path}）")
        except (OSError, ValueError):
            parts.append(f"位数未知（{path}）")
    return "Office：Excel " + "；".join(parts) + "。64 位 Python 可同时用于 32 位和 64 位 Office。"


def desktop() -> Path:
    """The user's real desktop, also when OneDrive or a group policy has moved it."""
    if os.name == "nt":
        import ctypes

        buffer = ctypes.create_unicode_buffer(260)
        if ctypes.windll.shell32.SHGetFolderPathW(None, 0x10, None, 0, buffer) == 0:  # CSIDL_DESKTOPDIRECTORY
            return Path(buffer.value)
    return Path.home() / "Desktop"


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def record(record_file: Path, paths: list[Path]) -> None:
    """Remember what the installer added (with its hash), keeping entries of earlier runs."""
    entries = json.loads(record_file.read_text(encoding="utf-8")) if record_file.exists() else {}
    for path in paths:
        entries[str(Path(path))] = sha256(path)
    record_file.parent.mkdir(parents=True, exist_ok=True)
    temporary = record_file.with_suffix(".tmp")
    temporary.write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(record_file)


def uninstall(record_file: Path) -> list[str]:
    """Delete what the installer added and nobody changed since; return the lines that say what was kept."""
    if not record_file.exists():
        return []
    kept = []
    folders = set()
    for name, digest in json.loads(record_file.read_text(encoding="utf-8")).items():
        path = Path(name)
        folders.add(path.parent)
        if not path.exists():
            continue
        if sha256(path) == digest:
            path.unlink()
        else:
            kept.append(f"已保留（安装后有改动）：{path}")
    for folder in sorted(folders, key=lambda folder: len(folder.parts), reverse=True):
        try:
            folder.rmdir()
        except OSError:
            if folder.exists():
                kept.append(f"已保留文件夹（里面还有你的文件）：{folder}")
    record_file.unlink()
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("python", help="print VERSION|EXECUTABLE if this Python suits the bundle")
    check.add_argument("versions", nargs="+")
    commands.add_parser("office", help="print Excel's bitness")
    commands.add_parser("desktop", help="print the desktop folder")
    add = commands.add_parser("record", help="remember files the installer added")
    add.add_argument("record_file", type=Path)
    add.add_argument("paths", type=Path, nargs="+")
    remove = commands.add_parser("uninstall", help="delete recorded files that are unchanged")
    remove.add_argument("record_file", type=Path)
    args = parser.parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    if args.command == "python":
        line, reason = python_line(args.versions)
        print(line or reason)
        return 0 if line else 1
    if args.command == "office":
        print(office_line(excel_executables() if os.name == "nt" else []))
    elif args.command == "desktop":
        print(desktop())
    elif args.command == "record":
        record(args.record_file, args.paths)
    else:
        for line in uninstall(args.record_file):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
