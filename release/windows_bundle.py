"""``make windows-bundle``: the offline install bundle for a clerk's Windows PC, built on Linux.

Why a resolver with a target platform: ``pip download --platform win_amd64`` evaluates environment markers for
the machine it runs on, so it leaves out pywin32 (xlwings' ``platform_system == "Windows"`` dependency) and
colorama (tqdm's). ``uv pip compile --python-platform x86_64-pc-windows-msvc --python-version 3.X`` resolves with
the target's markers and, with ``--only-binary :all:``, only to versions that publish a wheel for it; pip then
downloads exactly those pins (``--no-deps``). The result is checked again with ``packaging`` (``bundlecheck``),
an implementation independent of uv: every requirement of every wheel, under Windows markers, has a wheel whose
tags fit that Python.

Run: ``python -m release.windows_bundle [--pythons 3.12 3.13] [--out dist]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from packaging.utils import canonicalize_name, parse_wheel_filename

from release import bundlecheck
from release.guide_pdf import markdown_to_pdf

ROOT = Path(__file__).resolve().parent.parent
# Checked, not guessed: every dependency publishes win_amd64 wheels for these (see the README's release section).
PYTHONS = ("3.10", "3.11", "3.12", "3.13", "3.14", "3.15")
UV_PLATFORM = "x86_64-pc-windows-msvc"  # uv's name for what pip calls win_amd64
INSTALLER_FILES = ("安装.cmd", "卸载.cmd", "installer.py")
NOT_SOURCE = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis", "qzxl-demo",
              "out")
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
# Taken as their pure-Python wheel, one for every Python, although a compiled one per Python exists: fontTools
# (fpdf2 needs it for the 身份证复印件's font) compiles only optional speed-ups, ~3 MB a Python; pure it is 1.3 MB.
PURE_WHEELS = frozenset({"fonttools"})  # fixed: the entries do not carry the build machine's clock


def run(*command: str | Path) -> None:
    subprocess.run([str(part) for part in command], check=True, cwd=ROOT)


def uv() -> str:
    found = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if not found:
        raise SystemExit("uv is missing: pip install uv (it is in the dev extra)")
    return found


def build_qzxl_wheel(folder: Path) -> Path:
    """From a copy of the tree: setuptools reuses ./build, where files deleted from the source would linger."""
    source = folder / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))  # the guide's symlink is followed
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", folder, source)
    return next(folder.glob("qzxl-*.whl"))


def resolve(python: str, qzxl_version: str, out: Path) -> list[str]:
    """Pins for one Python on win_amd64, qzxl first; written to ``out`` as a pip requirements file."""
    run(uv(), "pip", "compile", "--quiet", "--no-header", "--no-annotate", "--only-binary", ":all:",
        "--python-platform", UV_PLATFORM, "--python-version", python, ROOT / "pyproject.toml", "--output-file", out)
    pins = [line.strip() for line in out.read_text(encoding="utf-8").splitlines() if "==" in line]
    pins.insert(0, f"qzxl=={qzxl_version}")
    out.write_text("\n".join(pins) + "\n", encoding="utf-8")
    return pins


def download(python: str, requirements: Path, folder: Path) -> None:
    pins = [line for line in requirements.read_text(encoding="utf-8").splitlines() if "==" in line]
    pure = [pin for pin in pins if canonicalize_name(pin.split("==")[0]) in PURE_WHEELS]
    with tempfile.TemporaryDirectory() as scratch:
        binary = Path(scratch) / requirements.name
        binary.write_text("\n".join(pin for pin in pins if pin not in pure) + "\n", encoding="utf-8")
        run(sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
            "--only-binary=:all:", "--platform", "win_amd64", "--implementation", "cp", "--python-version", python,
            "--find-links", folder, "--dest", folder, "--requirement", binary)  # qzxl itself is already there
    if pure:  # the py3-none-any wheel: one file for every Python
        run(sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
            "--only-binary=:all:", "--platform", "any", "--implementation", "py", "--abi", "none",
            "--python-version", python, "--find-links", folder, "--dest", folder, *pure)


def write_zip(folder: Path, target: Path) -> Path:
    temporary = target.with_suffix(".tmp")
    with zipfile.ZipFile(temporary, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", ZIP_TIME)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_STORED if path.suffix == ".whl" else zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    temporary.replace(target)
    return target


def build(out_dir: Path, pythons: tuple[str, ...] = PYTHONS) -> Path:
    with tempfile.TemporaryDirectory(prefix="qzxl-bundle-") as scratch:
        qzxl_wheel = build_qzxl_wheel(Path(scratch) / "qzxl")
        version = str(parse_wheel_filename(qzxl_wheel.name)[1])
        stage = Path(scratch) / f"qzxl-windows-{version}"
        wheels, requirements = stage / "wheels", stage / "requirements"
        requirements.mkdir(parents=True)
        wheels.mkdir()
        shutil.copy2(qzxl_wheel, wheels)
        for python in pythons:
            pins = requirements / f"py{python}.txt"
            resolve(python, version, pins)
            download(python, pins, wheels)
        problems = bundlecheck.check_stage(stage, pythons)
        if problems:
            raise SystemExit("bundle incomplete:\n" + "\n".join(problems))
        (stage / "pythons.txt").write_text(" ".join(sorted(pythons, key=_version_key, reverse=True)) + "\r\n",
                                           encoding="ascii")
        for name in INSTALLER_FILES:
            shutil.copy2(ROOT / "release" / "windows" / name, stage / name)
        markdown_to_pdf(ROOT / "docs" / "用户指南.md", stage / "用户指南.pdf")
        out_dir.mkdir(parents=True, exist_ok=True)
        return write_zip(stage, out_dir / f"{stage.name}.zip")


def _version_key(python: str) -> tuple[int, ...]:
    return tuple(int(part) for part in python.split("."))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--pythons", nargs="+", default=list(PYTHONS), metavar="3.X")
    args = parser.parse_args(argv)
    os.environ.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    target = build(args.out, tuple(args.pythons))
    print(f"{target} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
