"""The README's CLI reference and commands, the Windows scripts and the guide agree with the code."""

import re
from pathlib import Path

from cli.clidoc import cli_reference
from udfs.registry import BY_ID

ROOT = Path(__file__).resolve().parent.parent


def test_readme_carries_the_generated_cli_reference():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    normalise = lambda text: text.replace("optional arguments:", "options:")  # noqa: E731 — Python 3.10 wording
    assert normalise(cli_reference()) in normalise(readme), "run: python -m cli.clidoc, paste into README.md"


def test_readme_quick_start_has_exactly_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start.*?```sh\n(.*?)```", readme, re.S)[1]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make demo", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_readme_describes_the_two_suites_as_the_makefile_runs_them(pytestconfig):
    """make test-fast and make test-slow split the suite by the markers pyproject.toml registers, as README says."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    selections = {target: re.search(rf"^{target}:.*\n\t.*pytest -m (\"[^\"]+\")", makefile, re.M)[1]
                  for target in ("test-fast", "test-slow")}
    assert selections == {"test-fast": '"not slow and not libreoffice"', "test-slow": '"slow or libreoffice"'}
    for target, selection in selections.items():
        assert f"`make {target}`" in readme and f"-m {selection}" in readme, target
    assert {"libreoffice", "slow"} <= {marker.split(":")[0] for marker in pytestconfig.getini("markers")}


def test_windows_scripts_call_real_actions_with_crlf():
    scripts = sorted((ROOT / "cli" / "desktop").glob("*.cmd"))
    assert scripts
    for script in scripts:
        data = script.read_bytes()
        assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
        call = re.search(r'"%QZXL%" (?:action (\w+) |(import) |(scores) )', data.decode("utf-8"))
        assert BY_ID[call[1] or ("import_scores" if call[3] else "import_list")].label == script.stem


def test_docs_exist_and_name_every_button():
    guide = (ROOT / "docs" / "用户指南.md").read_text(encoding="utf-8")
    smoke = (ROOT / "docs" / "excel-smoke-test.md").read_text(encoding="utf-8")
    for action in BY_ID.values():
        assert action.label in guide, action.label
        assert action.label in smoke, action.label
