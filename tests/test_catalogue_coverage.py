"""Every catalogue code is emitted by the code and exercised by a test; every code the code emits is catalogued.

Read from the syntax trees, not by running anything, so a code that only a rare path emits is still seen.
"""

import ast
import functools
from pathlib import Path

from qzxl.catalogue import CATALOGUE

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [p for folder in ("qzxl", "udfs", "workbook") for p in (ROOT / folder).rglob("*.py")
           if p.name != "catalogue.py"]
TESTS = list((ROOT / "tests").rglob("*.py"))
# The calls whose first argument is a catalogue code.
EMITTERS = {"create", "Finding", "CannotRun", "WorkbookError", "UnreadableValue", "_message", "say"}


@functools.cache
def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def strings(paths):
    return {node.value for path in paths for node in ast.walk(tree(path))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def emitted_codes(paths):
    """The first argument of an emitting call, a CATALOGUE[...] key, the code of a (code, params) pair."""
    found = set()
    for path in paths:
        for node in ast.walk(tree(path)):
            first = None
            if isinstance(node, ast.Call) and node.args:
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                first = node.args[0] if name in EMITTERS else None
            elif isinstance(node, ast.Subscript) and getattr(node.value, "id", "") == "CATALOGUE":
                first = node.slice
            elif isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(node.elts[1], ast.Dict):
                first = node.elts[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
    return found


def test_every_code_the_code_emits_is_in_the_catalogue():
    emitted = emitted_codes(SOURCES)
    assert len(emitted) > 50, "the emitters must be recognised"
    assert emitted - CATALOGUE.keys() == set()


def test_every_catalogue_code_is_emitted_somewhere():
    assert CATALOGUE.keys() - strings(SOURCES) == set()


def test_every_catalogue_code_is_exercised_by_a_test():
    assert CATALOGUE.keys() - strings(TESTS) == set()
