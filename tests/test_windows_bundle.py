"""The built bundle (make windows-bundle): complete for every supported Windows Python, and only such wheels.

CI builds the bundle once and points QZXL_WINDOWS_BUNDLE at it; without it the fixture builds one (a few
minutes: it downloads about 150 MB from PyPI). The resolver is asked again here, so the bundle is compared
with a fresh answer for win_amd64 and each Python, not only with the pins it carries.
"""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name
from pypdf import PdfReader

from release import windows_bundle
from release.bundlecheck import Target, Wheel, check_stage, read_pins
from release.windows.installer import pe_machine

ROOT = Path(__file__).resolve().parent.parent
UV = shutil.which("uv", path=str(Path(sys.executable).parent))

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    built = os.environ.get("QZXL_WINDOWS_BUNDLE")
    zip_path = Path(built) if built else windows_bundle.build(tmp_path_factory.mktemp("dist"))
    folder = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder)
    (stage,) = folder.iterdir()
    return zip_path, stage


def test_bundle_name_and_layout(bundle):
    zip_path, stage = bundle
    version = read_pins(stage / "requirements" / "py3.12.txt")["qzxl"]
    assert zip_path.name == stage.name + ".zip" == f"qzxl-windows-{version}.zip"
    assert {path.name for path in stage.iterdir()} == {"安装.cmd", "卸载.cmd", "installer.py", "用户指南.pdf",
                                                       "pythons.txt", "requirements", "wheels"}
    for name in windows_bundle.INSTALLER_FILES:
        assert (stage / name).read_bytes() == (ROOT / "release" / "windows" / name).read_bytes()
    assert (stage / "pythons.txt").read_bytes() == " ".join(reversed(windows_bundle.PYTHONS)).encode() + b"\r\n"


def test_every_python_gets_a_closed_set_of_fitting_wheels(bundle):
    _, stage = bundle
    assert check_stage(stage, windows_bundle.PYTHONS) == []


@pytest.mark.parametrize("python", windows_bundle.PYTHONS)
def test_pins_are_the_resolvers_answer_for_windows_including_windows_only_packages(bundle, python):
    _, stage = bundle
    pins = read_pins(stage / "requirements" / f"py{python}.txt")
    assert {"pywin32", "colorama"} <= pins.keys(), "the packages pip leaves out when run on Linux"
    fresh = subprocess.run([UV, "pip", "compile", "--quiet", "--no-header", "--no-annotate", "--only-binary",
                            ":all:", "--python-platform", "x86_64-pc-windows-msvc", "--python-version", python,
                            str(ROOT / "pyproject.toml")], capture_output=True, text=True, check=True).stdout
    answer = {canonicalize_name(line.split("==")[0]) for line in fresh.splitlines() if "==" in line}
    assert answer == pins.keys() - {"qzxl"}


@pytest.mark.parametrize("python", windows_bundle.PYTHONS)
def test_every_python_gets_opencv_4_with_its_cascades_numpy_and_fpdf2(bundle, python):
    """The ID-card copies and the face check: OpenCV 4.x (its wheel ships the Haar cascades), numpy, fpdf2."""
    _, stage = bundle
    pins = read_pins(stage / "requirements" / f"py{python}.txt")
    assert pins["opencv-python-headless"].major == 4
    assert {"numpy", "fpdf2", "fonttools"} <= pins.keys()
    (fonttools,) = stage.glob(f"wheels/fonttools-{pins['fonttools']}-*.whl")
    assert fonttools.name.endswith("-py3-none-any.whl"), "windows_bundle.PURE_WHEELS: one wheel for every Python"
    (wheel,) = stage.glob(f"wheels/opencv_python_headless-{pins['opencv-python-headless']}-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "cv2/data/haarcascade_frontalface_default.xml" in archive.namelist()


def test_every_wheel_fits_a_supported_64_bit_python(bundle):
    _, stage = bundle
    targets = [Target(python) for python in windows_bundle.PYTHONS]
    for path in (stage / "wheels").glob("*.whl"):
        wheel = Wheel.read(path)
        assert any(wheel.fits(target) for target in targets), path.name
        assert not any(tag.platform.startswith(("linux", "manylinux", "macosx", "win32")) for tag in wheel.tags)


def test_xlwings_carries_the_dlls_for_32_and_64_bit_office(bundle, tmp_path):
    _, stage = bundle
    for path in (stage / "wheels").glob("xlwings-*.whl"):
        with zipfile.ZipFile(path) as archive:
            dlls = {Path(name).name.split("-")[0]: archive.read(name) for name in archive.namelist()
                    if name.endswith(".dll")}
        assert sorted(dlls) == ["xlwings32", "xlwings64"], path.name
        for name, data in dlls.items():
            (tmp_path / name).write_bytes(data)
            assert pe_machine(tmp_path / name) == ("32 位" if name == "xlwings32" else "64 位")


def test_qzxl_wheel_carries_scripts_vba_and_guide(bundle):
    _, stage = bundle
    (wheel,) = (stage / "wheels").glob("qzxl-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for script in (ROOT / "cli" / "desktop").glob("*.cmd"):
            assert archive.read(f"cli/desktop/{script.name}") == script.read_bytes()
        for module in (ROOT / "workbook" / "vba").glob("*.bas"):
            assert archive.read(f"workbook/vba/{module.name}") == module.read_bytes()
        assert archive.read("cli/desktop/用户指南.md") == (ROOT / "docs" / "用户指南.md").read_bytes()
    assert "release/windows_bundle.py" not in names and not any(name.startswith("tests/") for name in names)


def test_installed_wheel_writes_the_scripts_with_the_documented_command(bundle, tmp_path):
    _, stage = bundle
    (wheel,) = (stage / "wheels").glob("qzxl-*.whl")
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--target",
                    str(site), str(wheel)], check=True)
    out = tmp_path / "技能认定"
    environment = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run([str(site / "bin" / "qzxl"), "scripts", str(out), "--guide"], env=environment,
                          capture_output=True, text=True, check=True, cwd=tmp_path)
    # twelve drag-and-drop scripts (one per ribbon action that takes a workbook, 导入名单 and 导入成绩 included), the guide
    assert "写入 13 个文件" in done.stdout
    assert sorted(path.name for path in out.iterdir()) == sorted([
        "修复照片.cmd", "填写申报条件.cmd", "导入名单.cmd", "导出申报包.cmd", "校验.cmd", "检查照片.cmd",
        "计算时间节点.cmd", "导入成绩.cmd", "生成补考工作簿.cmd", "资料汇总.cmd", "考务材料.cmd", "身份证复印件.cmd", "用户指南.md"])
    origin = subprocess.run([sys.executable, "-c", "import cli.desktop; print(cli.desktop.__file__)"],
                            env=environment, capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert origin.startswith(str(site)), "the installed wheel, not the source tree, wrote the files"
    beside_interpreter = Path(sys.executable).parent / "qzxl"  # in a Windows venv: Scripts\qzxl.exe
    assert f'set "QZXL={beside_interpreter}"\r\n' in (out / "校验.cmd").read_bytes().decode("utf-8")


def test_guide_pdf_is_the_guide(bundle):
    _, stage = bundle
    reader = PdfReader(stage / "用户指南.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 3
    assert "安装.cmd" in text and "技能认定" in text


def test_32_bit_windows_cannot_be_offered():
    """Why the bundle has no win32 wheels: pillow-heif publishes none, and xlwings' win32 wheel has no DLL."""
    refused = subprocess.run([UV, "pip", "compile", "--quiet", "--only-binary", ":all:", "--python-platform",
                              "i686-pc-windows-msvc", "--python-version", "3.12", str(ROOT / "pyproject.toml")],
                             capture_output=True, text=True)
    assert refused.returncode != 0 and "pillow-heif" in refused.stderr
