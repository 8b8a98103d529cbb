"""The Windows install on Linux: bundle checks on real wheel metadata, the installer's helper, the .cmd files."""

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pip._vendor.distlib as distlib
import pytest

from cli.commands import main
from cli.desktop import templates, write_desktop_files
from qzxl.errors import CannotRun
from release.bundlecheck import Target, Wheel, check_stage, opencv_problems, unmet_requirements
from release.windows import installer
from udfs.registry import BY_ID

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "tests" / "data" / "wheel-metadata"
LAUNCHERS = Path(distlib.__file__).parent  # Windows executables that pip ships, built by MSVC
INSTALL_SCRIPTS = sorted((ROOT / "release" / "windows").glob("*.cmd"))
DESKTOP_SCRIPTS = sorted((ROOT / "cli" / "desktop").glob("*.cmd"))
BLINTER = shutil.which("blinter", path=str(Path(sys.executable).parent))


def fake_wheel(folder: Path, filename: str) -> Wheel:
    """A wheel holding only the real METADATA of the PyPI wheel of that name."""
    path = folder / filename
    name, version = filename.split("-")[:2]
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{name}-{version}.dist-info/METADATA", (METADATA / f"{filename}.METADATA").read_text())
    return Wheel.read(path)


@pytest.fixture
def wheels(tmp_path):
    return {name.split("-")[0]: fake_wheel(tmp_path, name) for name in (
        "xlwings-0.37.8-cp312-cp312-win_amd64.whl", "tqdm-4.70.1-py3-none-any.whl",
        "pywin32-312-cp312-cp312-win_amd64.whl", "colorama-0.4.6-py2.py3-none-any.whl")}


# --- the bundle checker, on the markers and tags the projects really publish

def test_windows_markers_need_pywin32_and_colorama(wheels):
    without = [wheels["xlwings"], wheels["tqdm"]]
    assert unmet_requirements(without, Target("3.12"), roots=("xlwings", "tqdm")) == [
        'tqdm 4.70.1: colorama; platform_system == "Windows"',
        'xlwings 0.37.8: pywin32>=224; platform_system == "Windows"']
    assert unmet_requirements(list(wheels.values()), Target("3.12"), roots=("xlwings", "tqdm")) == []


def test_a_cp312_wheel_serves_only_python_3_12_on_64_bit(wheels):
    xlwings = wheels["xlwings"]
    assert xlwings.fits(Target("3.12"))
    assert not xlwings.fits(Target("3.13")) and not xlwings.fits(Target("3.12", "win32"))
    assert wheels["colorama"].fits(Target("3.10")) and wheels["colorama"].fits(Target("3.15", "win32"))


def test_requires_python_is_honoured(tmp_path):
    pure = fake_wheel(tmp_path, "xlwings-0.37.8-py3-none-any.whl")  # the win32 wheel: pure Python, no DLL
    assert pure.fits(Target("3.11", "win32"))
    assert not pure.fits(Target("3.10", "win32")), "xlwings 0.37.8 says Requires-Python >=3.11"


def test_missing_root_and_unsatisfied_version(wheels, tmp_path):
    assert unmet_requirements([wheels["tqdm"]], Target("3.12"), roots=("qzxl",)) == ["(root): qzxl"]
    heif = fake_wheel(tmp_path, "pillow_heif-1.8.1-cp312-cp312-win_amd64.whl")
    assert unmet_requirements([heif], Target("3.12"), roots=("pillow-heif",)) == [
        "pillow-heif 1.8.1: pillow>=11.1.0"]
    pillow = fake_wheel(tmp_path, "pillow-13.0.0-cp312-cp312-win_amd64.whl")
    assert unmet_requirements([heif, pillow], Target("3.12"), roots=("pillow-heif",)) == []


def small_stage(folder: Path, wheels: dict, names: list[str]) -> Path:
    """An unpacked bundle for Python 3.12: a qzxl that needs xlwings and tqdm, and the given PyPI wheels."""
    (folder / "wheels").mkdir(parents=True)
    (folder / "requirements").mkdir()
    with zipfile.ZipFile(folder / "wheels" / "qzxl-0.1.0-py3-none-any.whl", "w") as archive:
        archive.writestr("qzxl-0.1.0.dist-info/METADATA", "Metadata-Version: 2.4\nName: qzxl\nVersion: 0.1.0\n"
                         "Requires-Python: >=3.10\nRequires-Dist: xlwings>=0.30\nRequires-Dist: tqdm>=4.60\n")
    for name in names:
        shutil.copy(wheels[name].path, folder / "wheels")
    pins = ["qzxl==0.1.0", *(f"{wheels[name].name}=={wheels[name].version}" for name in names)]
    (folder / "requirements" / "py3.12.txt").write_text("\n".join(pins) + "\n")
    return folder


def test_a_stage_without_windows_only_wheels_is_refused(wheels, tmp_path):
    complete = small_stage(tmp_path / "complete", wheels, ["xlwings", "tqdm", "pywin32", "colorama"])
    assert check_stage(complete, ("3.12",)) == []
    shutil.copy(complete / "requirements" / "py3.12.txt", complete / "requirements" / "py3.13.txt")
    assert check_stage(complete, ("3.13",)) == ["Python 3.13: 0 wheels for xlwings==0.37.8",
                                                "Python 3.13: 0 wheels for pywin32==312",
                                                "Python 3.13: unmet qzxl 0.1.0: xlwings>=0.30",
                                                "pywin32-312-cp312-cp312-win_amd64.whl is used by no Python",
                                                "xlwings-0.37.8-cp312-cp312-win_amd64.whl is used by no Python"]
    as_pip_on_linux_made_it = small_stage(tmp_path / "linux", wheels, ["xlwings", "tqdm"])
    assert check_stage(as_pip_on_linux_made_it, ("3.12",)) == [
        'Python 3.12: unmet tqdm 4.70.1: colorama; platform_system == "Windows"',
        'Python 3.12: unmet xlwings 0.37.8: pywin32>=224; platform_system == "Windows"']


def test_an_opencv_wheel_without_the_haar_cascades_is_refused(tmp_path):
    """The 4.x wheels ship cv2/data/haarcascade_*.xml, the 5.x none: the bundle must carry a 4.x one."""
    def opencv(version: str, members: list[str]) -> Wheel:
        path = tmp_path / f"opencv_python_headless-{version}-cp37-abi3-win_amd64.whl"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(f"opencv_python_headless-{version}.dist-info/METADATA",
                             f"Metadata-Version: 2.1\nName: opencv-python-headless\nVersion: {version}\n"
                             "Requires-Python: >=3.7\n")
            for member in members:
                archive.writestr(member, b"<opencv_storage/>")
        return Wheel.read(path)

    four = opencv("4.14.0.94", ["cv2/__init__.py", "cv2/data/haarcascade_frontalface_default.xml"])
    five = opencv("5.0.0.93", ["cv2/__init__.py"])
    assert four.fits(Target("3.15")) and five.fits(Target("3.10"))  # abi3: one wheel for every Python
    assert opencv_problems([four]) == []
    assert opencv_problems([four, five]) == [
        "opencv_python_headless-5.0.0.93-cp37-abi3-win_amd64.whl has no "
        "cv2/data/haarcascade_frontalface_default.xml (OpenCV 5 dropped the cascades)"]


# --- the installer's Python helper

@pytest.mark.parametrize(("launcher", "bitness"), [("t32.exe", "32 位"), ("t64.exe", "64 位"),
                                                   ("w64.exe", "64 位"), ("t64-arm.exe", "ARM64")])
def test_bitness_from_real_windows_executables(launcher, bitness):
    assert installer.pe_machine(LAUNCHERS / launcher) == bitness


def test_office_line_reports_without_judging(tmp_path):
    (tmp_path / "EXCEL.EXE").write_bytes(b"not a program")
    line = installer.office_line([LAUNCHERS / "t32.exe", tmp_path / "EXCEL.EXE"])
    assert "32 位" in line and "位数未知" in line
    assert "64 位 Python 可同时用于 32 位和 64 位 Office" in line


def test_python_check_accepts_only_listed_64_bit_versions():
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    line, _ = installer.python_line(["3.99", running])
    assert line == f"{running}|{sys.executable}"
    line, reason = installer.python_line(["3.99"])
    assert line is None and "3.99" in reason and running in reason


def test_python_check_as_the_batch_file_runs_it():
    helper = ROOT / "release" / "windows" / "installer.py"
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    ok = subprocess.run([sys.executable, helper, "python", running], capture_output=True, text=True)
    assert (ok.returncode, ok.stdout.strip()) == (0, f"{running}|{sys.executable}")
    refused = subprocess.run([sys.executable, helper, "python", "3.99"], capture_output=True, text=True)
    assert refused.returncode == 1 and "3.99" in refused.stdout


def test_uninstall_removes_what_was_added_and_keeps_what_the_clerk_changed(tmp_path):
    folder, record_file = tmp_path / "技能认定", tmp_path / "qzxl" / "安装记录.json"
    written = write_desktop_files(folder, r"C:\qzxl\venv\Scripts\qzxl.exe")
    book = folder / "报名工作簿.xlsm"
    book.write_bytes(b"as generated")
    installer.record(record_file, [*written, book])
    installer.record(record_file, written)  # a second install run keeps the workbook's first entry
    assert len(json.loads(record_file.read_text(encoding="utf-8"))) == len(written) + 1
    book.write_bytes(b"thirty candidates typed in")
    kept = installer.uninstall(record_file)
    assert sorted(p.name for p in folder.iterdir()) == ["报名工作簿.xlsm"]
    assert kept == [f"已保留（安装后有改动）：{book}", f"已保留文件夹（里面还有你的文件）：{folder}"]
    assert not record_file.exists()


def test_uninstall_removes_the_folder_when_nothing_was_changed(tmp_path):
    folder, record_file = tmp_path / "技能认定", tmp_path / "安装记录.json"
    installer.record(record_file, write_desktop_files(folder, "qzxl"))
    assert installer.uninstall(record_file) == []
    assert not folder.exists()


# --- the drag-and-drop scripts and `qzxl scripts`

def test_packaged_scripts_call_real_actions():
    scripts = {name: data for name, data in templates().items() if name.endswith(".cmd")}
    assert sorted(scripts) == sorted(path.name for path in DESKTOP_SCRIPTS) and len(scripts) == 12
    for name, data in scripts.items():
        call = re.search(r'"%QZXL%" (?:action (\w+)(?: --yes)? "%~1"|(import|scores) %SOURCES% --book "%BOOK%")',
                         data.decode("utf-8"))
        # qzxl import and qzxl scores are the command lines of the 导入名单 and 导入成绩 buttons
        action = call[1] or {"import": "import_list", "scores": "import_scores"}[call[2]]
        assert BY_ID[action].label == Path(name).stem


def test_the_import_script_chooses_the_workbook_and_asks_only_then():
    """A dropped .xlsm is the workbook; else the newest .xlsm beside the script, after a yes (choice, not --yes:
    qzxl import asks nothing). Backups (NAME.备份-….xlsm) and Excel's ~$ lock files are never chosen."""
    text = (ROOT / "cli" / "desktop" / "导入名单.cmd").read_text(encoding="utf-8")
    assert '"%QZXL%" import %SOURCES% --book "%BOOK%"' in text and "--yes" not in text.replace("rem ", "")
    assert 'if /i "%~x1"==".xlsm" (' in text and 'set "HERE=%~dp0"' in text.split("shift")[0]  # before %0 moves
    assert text.index("if defined BOOK goto :run") < text.index("choice /c YN") < text.index("\n:run")
    assert "dir /b /a-d-h /o-d \"%HERE%*.xlsm\"" in text
    assert 'if not "%NAME:.备份-=%"=="%NAME%" exit /b 0' in text and 'if "%NAME:~0,2%"=="~$" exit /b 0' in text


def test_qzxl_scripts_writes_the_full_path_of_a_private_environment(tmp_path, capsys):
    qzxl = r"C:\Users\张三\AppData\Local\qzxl\venv\Scripts\qzxl.exe"
    assert main(["scripts", str(tmp_path / "技能认定"), "--qzxl", qzxl]) == 0
    written = sorted(path.name for path in (tmp_path / "技能认定").iterdir())
    assert written == sorted(path.name for path in DESKTOP_SCRIPTS)
    for name in written:
        text = (tmp_path / "技能认定" / name).read_bytes().decode("utf-8")
        assert text.splitlines()[3] == f'set "QZXL={qzxl}"'
        assert text.count("%QZXL%") == 1
    assert "写入 12 个文件" in capsys.readouterr().out


def test_qzxl_scripts_with_the_guide_and_twice(tmp_path):
    assert main(["scripts", str(tmp_path), "--guide"]) == 0
    assert main(["scripts", str(tmp_path), "--guide"]) == 0
    assert (tmp_path / "用户指南.md").read_bytes() == (ROOT / "docs" / "用户指南.md").read_bytes()
    assert len(list(tmp_path.iterdir())) == 13


def test_qzxl_scripts_into_a_file_says_so_in_chinese(tmp_path, capsys):
    (tmp_path / "技能认定").write_text("not a folder")
    assert main(["scripts", str(tmp_path / "技能认定")]) == 2
    err = capsys.readouterr().err
    assert "无法在文件夹" in err and "Traceback" not in err


def test_a_quote_in_the_qzxl_path_is_refused(tmp_path, capsys):
    assert main(["scripts", str(tmp_path), "--qzxl", 'C:\\a"b\\qzxl.exe']) == 2
    assert "含有引号" in capsys.readouterr().err


@pytest.mark.parametrize(("folder", "command", "code"), [
    ("a-file", "qzxl", "run-scripts-cannot-write"),
    ("技能认定", 'C:\\a"b\\qzxl.exe', "run-scripts-command-invalid"),
    ("技能认定", "C:\\qzxl\r\n del *", "run-scripts-command-invalid"),
])
def test_stops_carry_their_catalogue_code(tmp_path, folder, command, code):
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(CannotRun) as stopped:
        write_desktop_files(tmp_path / folder, command)
    assert stopped.value.code == code


# --- every .cmd file: CRLF, UTF-8 with chcp 65001 first, labels and variables that exist, a linter's verdict

@pytest.mark.parametrize("script", INSTALL_SCRIPTS + DESKTOP_SCRIPTS, ids=lambda path: path.name)
def test_cmd_file_shape(script):
    data = script.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b""), "CRLF line ends only"
    lines = data.decode("utf-8").split("\r\n")
    assert lines[0] == "@echo off"
    chcp = lines.index("chcp 65001 >nul")
    assert all(line.isascii() or line.startswith("rem ") for line in lines[:chcp]), "UTF-8 text before chcp"


@pytest.mark.parametrize("script", INSTALL_SCRIPTS, ids=lambda path: path.name)
def test_cmd_labels_and_variables_exist(script):
    text = script.read_text(encoding="utf-8")
    labels = set(re.findall(r"^:(\w+)", text, re.M))
    assert set(re.findall(r"(?:goto|call) :(\w+)", text)) <= labels
    assigned = {name.upper() for name in re.findall(r'set (?:/p )?"?(\w+)=', text)}
    windows = {"LOCALAPPDATA", "TEMP", "RANDOM", "DATE", "TIME"}
    used = {name.upper() for name in re.findall(r"%(\w+)%", text)}
    assert used <= assigned | windows, used - assigned - windows


@pytest.mark.skipif(BLINTER is None, reason="blinter is in the dev extra")
@pytest.mark.parametrize("folder", [ROOT / "release" / "windows", ROOT / "cli" / "desktop"],
                         ids=lambda path: path.name)
def test_batch_linter_finds_no_errors(folder):
    report = subprocess.run([BLINTER, str(folder), "--format", "json", "--fail-on", "none", "--no-config"],
                            capture_output=True, text=True, check=True)
    findings = json.loads(report.stdout)
    assert findings["summary"]["files_processed"] == len(list(folder.glob("*.cmd")))
    assert [issue for issue in findings["issues"] if issue["severity"] == "Error"] == []


@pytest.mark.skipif(BLINTER is None, reason="blinter is in the dev extra")
def test_batch_linter_catches_an_unclosed_block(tmp_path):
    broken = tmp_path / "坏.cmd"
    broken.write_bytes(b'@echo off\r\nchcp 65001 >nul\r\nif "%~1"=="" (\r\n  echo x\r\nexit /b 2\r\n')
    report = subprocess.run([BLINTER, str(broken), "--format", "json", "--fail-on", "none", "--no-config"],
                            capture_output=True, text=True, check=True)
    assert "E001" in {issue["code"] for issue in json.loads(report.stdout)["issues"]}


def test_installer_does_what_the_guide_promises():
    text = (ROOT / "release" / "windows" / "安装.cmd").read_text(encoding="utf-8")
    assert text.index("call :try_launcher") < text.index("call :try_path"), "py launcher before PATH"
    assert 'py -%1-64 ' in text, "the launcher is asked for a 64-bit Python"
    assert r'set "VENV=%LOCALAPPDATA%\qzxl\venv"' in text
    assert re.search(r'pip install --no-index .*--find-links "%BUNDLE%wheels" -r "%BUNDLE%requirements\\py%PYVER%\.txt"',
                     text)
    assert '"%QZXL%" scripts "%TARGET%"' in text and 'set "QZXL=%VENV%\\Scripts\\qzxl.exe"' in text
    assert r'workbook "%BOOK%" --interpreter "%VENV%\Scripts\pythonw.exe"' in text
    assert 'if exist "%BOOK%" (' in text, "a second run never overwrites the clerk's workbook"
    assert "venv --clear" in text, "a second run rebuilds the environment in place"
