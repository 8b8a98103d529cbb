"""Does a folder of wheels install on a given Windows Python? Checked with ``packaging``, independently of uv.

A wheel fits a target when one of its tags is among the tags that Python accepts; a requirement is met when a
fitting wheel of that name has a version in its specifier. Markers are evaluated for the target (Windows), not
for the machine running the check: that is the whole point.

>>> Target("3.12").environment()["platform_system"], Target("3.12", "win32").environment()["platform_machine"]
('Windows', 'x86')
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.tags import Tag, compatible_tags, cpython_tags
from packaging.utils import NormalizedName, canonicalize_name, parse_wheel_filename
from packaging.version import Version


@dataclass(frozen=True)
class Target:
    python: str  # "3.12"
    platform: str = "win_amd64"  # or "win32"

    @property
    def version_tuple(self) -> tuple[int, int]:
        major, minor = self.python.split(".")
        return int(major), int(minor)

    def environment(self) -> dict[str, str]:
        """PEP 508 marker variables of CPython on Windows."""
        return {"os_name": "nt", "sys_platform": "win32", "platform_system": "Windows",
                "platform_machine": "AMD64" if self.platform == "win_amd64" else "x86",
                "platform_release": "10", "platform_version": "10.0.19045",
                "python_version": self.python, "python_full_version": f"{self.python}.0",
                "implementation_name": "cpython", "implementation_version": f"{self.python}.0",
                "platform_python_implementation": "CPython", "extra": ""}

    def tags(self) -> frozenset[Tag]:
        major, minor = self.version_tuple
        return frozenset([*cpython_tags((major, minor), abis=[f"cp{major}{minor}", "abi3", "none"],
                                        platforms=[self.platform]),
                          *compatible_tags((major, minor), f"cp{major}{minor}", [self.platform])])


@dataclass(frozen=True)
class Wheel:
    path: Path
    name: NormalizedName
    version: Version
    tags: frozenset[Tag]
    requires: tuple[Requirement, ...]
    requires_python: SpecifierSet

    @classmethod
    def read(cls, path: Path) -> Wheel:
        name, version, _, tags = parse_wheel_filename(path.name)
        with zipfile.ZipFile(path) as archive:
            metadata_name = next(member for member in archive.namelist()
                                 if member.count("/") == 1 and member.endswith(".dist-info/METADATA"))
            metadata = Parser().parsestr(archive.read(metadata_name).decode("utf-8"))
        return cls(path, name, version, frozenset(tags),
                   tuple(Requirement(text) for text in metadata.get_all("Requires-Dist") or ()),
                   SpecifierSet(metadata.get("Requires-Python") or ""))

    def fits(self, target: Target) -> bool:
        return bool(self.tags & target.tags()) and self.requires_python.contains(f"{target.python}.0")


def unmet_requirements(wheels: list[Wheel], target: Target, roots: tuple[str, ...] = ("qzxl",)) -> list[str]:
    """Requirements reachable from ``roots`` that no fitting wheel meets, as "needed-by: requirement" lines."""
    fitting: dict[str, list[Wheel]] = {}
    for wheel in wheels:
        if wheel.fits(target):
            fitting.setdefault(wheel.name, []).append(wheel)
    environment = target.environment()
    unmet, seen, queue = [], set(), [canonicalize_name(root) for root in roots]
    for root in queue:
        if root not in fitting:
            unmet.append(f"(root): {root}")
    while queue:
        name = queue.pop()
        if name in seen:
            continue
        seen.add(name)
        for wheel in fitting.get(name, ()):
            for requirement in wheel.requires:
                if requirement.marker and not requirement.marker.evaluate(environment):
                    continue
                needed = canonicalize_name(requirement.name)
                if any(requirement.specifier.contains(other.version, prereleases=True)
                       for other in fitting.get(needed, ())):
                    queue.append(needed)
                else:
                    unmet.append(f"{wheel.name} {wheel.version}: {requirement}")
    return sorted(set(unmet))


def read_pins(requirements: Path) -> dict[NormalizedName, Version]:
    pins = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        if "==" in line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = Version(version.strip())
    return pins


# The ID-card copies and the face check use OpenCV's headless build; the face check loads its Haar cascades from
# the wheel (cv2/data). The 4.x wheels ship them, the 5.x wheels none: a bundle with a 5.x wheel would install
# and then find no cascade on the clerk's PC.
OPENCV = canonicalize_name("opencv-python-headless")
CASCADE = "cv2/data/haarcascade_frontalface_default.xml"


def opencv_problems(wheels: list[Wheel]) -> list[str]:
    """Each OpenCV wheel of the bundle must carry the Haar cascades the face check loads."""
    problems = []
    for wheel in wheels:
        if wheel.name == OPENCV:
            with zipfile.ZipFile(wheel.path) as archive:
                if CASCADE not in archive.namelist():
                    problems.append(f"{wheel.path.name} has no {CASCADE} (OpenCV 5 dropped the cascades)")
    return problems


def check_stage(stage: Path, pythons: tuple[str, ...]) -> list[str]:
    """Problems of an unpacked bundle: each Python's pins have exactly one fitting wheel, the pinned set is
    closed under Windows markers, no wheel is there that no Python uses, and OpenCV carries its cascades."""
    wheels = [Wheel.read(path) for path in sorted((stage / "wheels").glob("*.whl"))]
    problems, used = [], set()
    for python in pythons:
        target = Target(python)
        pins = read_pins(stage / "requirements" / f"py{python}.txt")
        chosen = []
        for name, version in pins.items():
            matches = [w for w in wheels if w.name == name and w.version == version and w.fits(target)]
            if len(matches) != 1:
                problems.append(f"Python {python}: {len(matches)} wheels for {name}=={version}")
            chosen += matches
        used.update(wheel.path for wheel in chosen)
        problems += [f"Python {python}: unmet {line}" for line in unmet_requirements(chosen, target)]
        problems += [f"Python {python}: {wheel.name} is installed but not pinned"
                     for wheel in chosen if wheel.name not in pins]
    problems += [f"{wheel.path.name} is used by no Python" for wheel in wheels if wheel.path not in used]
    return problems + opencv_problems(wheels)
