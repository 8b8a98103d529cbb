"""A Chinese font file for the copy's line of text, found as the export finds one: fontconfig, else the system's.

The export asks fontconfig (``fc-list :lang=zh``) whether LibreOffice can print Chinese; the copy
is written in Python, so it needs the file itself: ``fc-list`` gives it with its index in a
collection (.ttc). Windows and macOS have no fontconfig and always ship a Chinese font at a known
place. None when there is none: the copy is then not written, and the message names the package.

>>> found = chinese_font()
>>> found is None or found.path.suffix.lower() in (".ttf", ".ttc", ".otf")
True
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# What to install where fontconfig finds none (the Debian/Ubuntu package the export names too).
CHINESE_FONT_PACKAGE = "fonts-noto-cjk"
# Regular weights first; a simplified-Chinese family first within a collection.
_PREFERRED = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi", "Droid Sans Fallback")
_SYSTEM_FONTS = {
    "win32": [(Path("C:/Windows/Fonts") / name, 0) for name in ("msyh.ttc", "simhei.ttf", "simsun.ttc", "Deng.ttf")],
    "darwin": [(Path("/System/Library/Fonts/PingFang.ttc"), 0), (Path("/System/Library/Fonts/STHeiti Light.ttc"), 0),
               (Path("/Library/Fonts/Arial Unicode.ttf"), 0)],
}


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int  # the face within a .ttc collection


@cache
def chinese_font() -> FontFile | None:
    for path, index in _SYSTEM_FONTS.get(sys.platform, []):
        if path.is_file():
            return FontFile(path, index)
    return _fontconfig_font()


def _fontconfig_font() -> FontFile | None:
    program = shutil.which("fc-list")
    if program is None:
        return None
    try:
        listing = subprocess.run([program, ":lang=zh", "--format", "%{file}|%{index}|%{family[0]}|%{style[0]}\n"],
                                 capture_output=True, text=True, timeout=60, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    faces = []
    for line in listing.splitlines():
        file, index, family, style = [*line.split("|"), "", "", ""][:4]
        if not file.lower().endswith((".ttf", ".ttc", ".otf")):
            continue
        rank = next((k for k, name in enumerate(_PREFERRED) if name in family), len(_PREFERRED))
        regular = 0 if "Regular" in style or not style else 1
        faces.append((rank, regular, file, int(index) if index.isdigit() else 0))
    if not faces:
        return None
    _, _, file, index = min(faces)
    return FontFile(Path(file), index)
