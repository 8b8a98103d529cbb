"""What a ribbon click spends importing, against ``import xlwings`` alone and, optionally, an older git ref.

    python -m benchmarks.imports [--repeat 7] [--baseline REF]

With "Use UDF Server" off, every click starts a fresh interpreter that imports
the click entry point (``udfs.excel``: xlwings, the port, the registry) and then
the module of the action clicked. Each figure is the median over ``--repeat``
fresh interpreters of the time the imports take (interpreter start-up excluded),
plus ``qzxl --version`` as a whole process. With ``--baseline REF`` the same
figures are measured, interleaved run by run, for REF checked out in a temporary
git worktree (removed afterwards), so both columns come from the same machine in
the same minutes. The action modules are read from each ref's own registry.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMED_IMPORT = ("import importlib, sys, time; t = time.perf_counter()\n"
                "for name in sys.argv[1:]: importlib.import_module(name)\n"
                "print(time.perf_counter() - t)")
TARGETS = "import json; from udfs.registry import ACTIONS; print(json.dumps({a.id: a.target for a in ACTIONS}))"
ENTRY = "udfs.excel"
LIGHT = ("about", "clear_marks")


def _run(tree: Path, args: list[str]) -> subprocess.CompletedProcess:
    # Byte-code on, as on a clerk's machine (pip compiles what it installs): a PYTHONDONTWRITEBYTECODE here would
    # time our modules compiling from source on every click against xlwings' compiled ones.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree)
    return subprocess.run([sys.executable, *args], cwd=tree, env=env, capture_output=True, text=True, check=True)


def import_seconds(tree: Path, modules: list[str]) -> float:
    return float(_run(tree, ["-c", TIMED_IMPORT, *modules]).stdout)


def version_seconds(tree: Path) -> float:
    """``qzxl --version`` as a whole process, start-up included (older refs: qzxl.app.cli, qzxl.cli)."""
    module = next((name for name, path in (("cli.commands", "cli/commands.py"), ("qzxl.app.cli", "qzxl/app/cli.py"))
                   if (tree / path).exists()), "qzxl.cli")
    start = time.perf_counter()
    _run(tree, ["-c", f"import sys; from {module} import main; sys.exit(main(['--version']))"])
    return time.perf_counter() - start


def measurements(tree: Path) -> dict[str, object]:
    """Label → a zero-argument function returning seconds, for one tree."""
    targets = json.loads(_run(tree, ["-c", TARGETS]).stdout)
    import_seconds(tree, [ENTRY, *{t.split(":")[0] for t in targets.values()}])  # warm-up: byte-code cached
    found: dict[str, object] = {
        "import xlwings": lambda: import_seconds(tree, ["xlwings"]),
        f"click entry point ({ENTRY} + registry)": lambda: import_seconds(tree, [ENTRY, "udfs.registry"]),
    }
    for action, target in targets.items():
        module = target.split(":")[0]
        found[f"click {action}"] = lambda module=module: import_seconds(tree, [ENTRY, module])
    found["qzxl --version (whole process)"] = lambda: version_seconds(tree)
    return found


def _worktree(ref: str, folder: Path) -> Path:
    tree = folder / "baseline"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(tree), ref], check=True)
    return tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--baseline", metavar="REF", help="git ref to measure alongside (e.g. db87bc1)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qzxl-imports-") as scratch:
        trees = {"now": ROOT}
        if args.baseline:
            trees[args.baseline] = _worktree(args.baseline, Path(scratch))
        try:
            table = {name: measurements(tree) for name, tree in trees.items()}
            labels = list(dict.fromkeys(label for found in table.values() for label in found))
            medians: dict[str, dict[str, float]] = {name: {} for name in trees}
            for label in labels:
                samples: dict[str, list[float]] = {name: [] for name in trees}
                for _ in range(args.repeat):  # interleaved, so drift hits both columns alike
                    for name, found in table.items():
                        if label in found:
                            samples[name].append(found[label]())
                for name, values in samples.items():
                    if values:
                        medians[name][label] = statistics.median(values)
        finally:
            if args.baseline:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                str(trees[args.baseline])], check=False)
    _print(medians, labels, args.repeat)


def _print(medians: dict[str, dict[str, float]], labels: list[str], repeat: int) -> None:
    names = list(medians)
    width = max(len(label) for label in labels)
    print(f"median of {repeat} fresh interpreters, milliseconds; ×xlwings = the figure over `import xlwings`")
    print(f"{'':{width}}  " + "  ".join(f"{name:>16}" for name in names))
    for label in labels:
        cells = []
        for name in names:
            value = medians[name].get(label)
            xlwings = medians[name].get("import xlwings")
            ratio = f" {value / xlwings:4.1f}×" if value is not None and xlwings and label.startswith("click") else ""
            cells.append(f"{value * 1000:9.0f}{ratio:>7}" if value is not None else f"{'—':>16}")
        print(f"{label:{width}}  " + "  ".join(cells))
    current = medians[names[0]]
    light = [f"click {action}" for action in LIGHT]
    xlwings = current["import xlwings"]
    print("light actions ≤ 1.5× import xlwings: "
          + ", ".join(f"{label.split()[1]} {current[label] / xlwings:.1f}×" for label in light))


if __name__ == "__main__":
    main()
