"""The one-way architecture as a checked contract: the import rules in pyproject.toml, run by import-linter."""

import pkgutil
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
    assert set(engine["source_modules"]) == children - {"qzxl.app", "qzxl.__main__"}


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
