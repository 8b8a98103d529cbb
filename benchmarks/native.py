"""The 自动检查 columns' cost: file size and LibreOffice headless recalculation, empty and with 500 rows.

    python -m benchmarks.native [--rows 500] [--repeat 3] [--baseline REF]

Builds the workbook, fills ``rows`` 报名信息 rows of the agreement test's cases (valid people and every mistake;
the 花名册 follows by its formulas), and has LibreOffice (tests/tools/lo_native.py, the system Python with
python3-uno) time ``calculateAll`` on the empty workbook and on the filled one, then ``calculate`` (dirty cells
only, as after a keystroke) after a new 证件号码 and after a new 姓名 in the first row. With ``--baseline REF``
the workbook of that git ref (built in a temporary worktree, removed afterwards) is filled with the same rows and
timed in the same LibreOffice, interleaved; figures are medians of ``repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.native_cases import cases, fill  # noqa: E402

BUILD = ("import sys; from pathlib import Path; from workbook.build import build_workbook; "
         "build_workbook(Path(sys.argv[1]))")


def _build(tree: Path, target: Path) -> Path:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run([sys.executable, "-c", BUILD, str(target)], cwd=tree, env=env, check=True, capture_output=True)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", metavar="REF", help="git ref to measure alongside (e.g. main)")
    args = parser.parse_args()
    data = [row for seed in range(1, 3) for row in cases(seed)][:args.rows]
    with tempfile.TemporaryDirectory(prefix="qzxl-native-") as scratch:
        folder = Path(scratch)
        trees = {"now": ROOT}
        if args.baseline:
            trees[args.baseline] = folder / "baseline"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(trees[args.baseline]),
                            args.baseline], check=True)
        try:
            books = {}
            for name, tree in trees.items():
                empty = _build(tree, folder / f"{len(books)}-empty.xlsm")
                filled = folder / f"{len(books)}-filled.xlsm"
                fill(empty, filled, data)
                books[name] = (empty, filled)
        finally:
            if args.baseline:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees[args.baseline])],
                               check=False)
        runs = []
        for attempt in range(args.repeat):  # copies, interleaved: drift hits every column alike
            for name, (empty, filled) in books.items():
                for kind, path in (("empty", empty), ("filled", filled)):
                    copy = folder / f"{attempt}-{kind}-{path.name}"
                    shutil.copy(path, copy)
                    runs.append((name, kind, copy))
        output = subprocess.run(["/usr/bin/python3", str(ROOT / "tests/tools/lo_native.py"),
                                 *(str(path) for _, _, path in runs), "--edits"],
                                check=True, capture_output=True, text=True).stdout
        found = json.loads(output)
        print(f"LibreOffice headless, medians of {args.repeat}; {len(data)} 报名信息 rows filled, 花名册 by formulas")
        for name, (empty, filled) in books.items():
            for kind, path in (("empty", empty), ("filled", filled)):
                mine = [found[str(copy)] for n, k, copy in runs if (n, k) == (name, kind)]
                full = statistics.median(m["seconds"] for m in mine)
                id_edit = statistics.median(m["edits"]["证件号码"] for m in mine)
                name_edit = statistics.median(m["edits"]["姓名"] for m in mine)
                flagged = {sheet: len(m[sheet]) for m in mine[:1] for sheet in ("报名信息", "花名册") if sheet in m}
                print(f"{name:>8} {kind:6s}  file {path.stat().st_size / 1024:7.0f} KiB  calculateAll {full:6.2f} s  "
                      f"after an ID edit {id_edit:5.2f} s  after a name edit {name_edit:5.2f} s  flagged {flagged}")


if __name__ == "__main__":
    main()
