"""The one-way architecture as a checked contract: the import rules in pyproject.toml, run by import-linter."""

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import tomllib

import qzxl

ROOT = Path(__file__).resolve().parent.parent
# In a child process: import-linter configures logging, which would switch off qzxl's own logger here.
LINT = ("import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))")
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]


def lint(config: Path) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-c", LINT, str(config)], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    return done.returncode, done.stdout


def test_every_import_contract_is_kept():
    code, output = lint(ROOT / "pyproject.toml")
    assert code == 0, output
    assert f"Contracts: {len(CONFIG['contracts'])} kept, 0 broken." in output


def test_the_engine_contract_names_every_engine_module():
    engine = next(c for c in CONFIG["contracts"] if c["name"].startswith("The engine imports neither"))
    children = {f"qzxl.{module.name}" for module in pkgutil.iter_modules(qzxl.__path__)}
    assert set(engine["source_modules"]) == children - {"qzxl.__main__"}


def test_every_shipped_package_is_a_layer():
    """No module outside a layer: the packages setuptools ships are exactly the top layers, in the folders' order,
    and the two packages with layers inside (the CLI, the use cases) list every module (``exhaustive``)."""
    shipped = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests", "benchmarks", "release", "scripts"}
    folders = next(c for c in CONFIG["contracts"] if c["name"].startswith("The folders are the layers"))
    assert set(folders["layers"]) == shipped == set(CONFIG["root_packages"])
    inner = {container for c in CONFIG["contracts"] if c.get("exhaustive") for container in c["containers"]}
    assert inner == {"qzxl", "cli", "usecases"}
    include = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert {pattern.rstrip("*") for pattern in include["packages"]["find"]["include"]} == shipped


PROBES = [
    ("udfs.actions", "qzxl.sheets"),  # the actions read the workbook through the engine
    ("workbook.build", "qzxl.layout"),  # the build takes every sheet fact from the layout
    ("udfs.excel", "xlwings"),  # the click entry point is where xlwings comes in
]


def test_contracts_against_imports_that_exist_are_reported_broken(tmp_path):
    """The contracts above could pass by seeing no imports at all; these imports are real and must be seen."""
    config = tmp_path / "contracts.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["qzxl", "udfs", "workbook"]\ninclude_external_packages = true\n'
        + "".join(f'[[tool.importlinter.contracts]]\nname = "{source} never imports {forbidden}"\ntype = "forbidden"\n'
                  f'source_modules = ["{source}"]\nforbidden_modules = ["{forbidden}"]\n'
                  for source, forbidden in PROBES), encoding="utf-8")
    code, output = lint(config)
    assert code == 1 and f"Contracts: 0 kept, {len(PROBES)} broken." in output


# A light click (关于, 清除标注) and `qzxl --version` start a fresh interpreter; none of these may come with them
# (xlwings itself imports the bare PIL package to look for it, so the heavy part is PIL.Image; it imports numpy
# whenever numpy is installed, as it is with OpenCV, so numpy cannot be listed: cv2 and fpdf can).
HEAVY_LIBRARIES = ("openpyxl", "PIL.Image", "pillow_heif", "xlsxwriter", "icalendar", "tqdm", "email_validator",
                   "pydantic", "python_calamine", "phonenumbers", "cv2", "fpdf")
LIGHT_ENTRIES = {
    "关于": "import udfs.excel, udfs.actions.about",
    "清除标注": "import udfs.excel, udfs.actions.marks",
    "qzxl --version": "from cli import commands",
}


def test_light_clicks_and_the_version_load_no_heavy_library():
    probe = "import sys; {entry}; print(' '.join(m for m in sys.argv[1:] if m in sys.modules))"
    loaded = {label: subprocess.run([sys.executable, "-c", probe.format(entry=entry), *HEAVY_LIBRARIES], cwd=ROOT,
                                    capture_output=True, text=True, check=True).stdout.split()
              for label, entry in LIGHT_ENTRIES.items()}
    assert loaded == {label: [] for label in LIGHT_ENTRIES}


def test_the_architecture_picture_shows_the_layers_in_the_contracts_order():
    """docs/architecture.md's picture matches the folders: the top layers top-down, then the engine's own."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    start = text.index("```text")
    cells = [line.split("│")[1] for line in text[start:text.index("```", start + 7)].splitlines()
             if line.strip().startswith("│")]
    boxes = [cell.split()[0] for cell in cells if cell.split() and cell.split()[0].endswith("/")]
    folders = next(c for c in CONFIG["contracts"] if c["name"].startswith("The folders are the layers"))
    assert boxes == [f"{layer}/" for layer in folders["layers"]]
    engine = next(c for c in CONFIG["contracts"] if c["name"].startswith("The engine's own layers"))
    engine_box = cells[next(i for i, cell in enumerate(cells) if cell.split()[:1] == ["qzxl/"]):]
    rows = [re.split(r"\s{2,}", cell.strip())[0] for cell in engine_box if cell.startswith("   ") and cell.strip()]
    assert rows == engine["layers"]
