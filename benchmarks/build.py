"""What `qzxl workbook` costs as a whole process, and the size of the file it builds, against other git refs.

    python -m benchmarks.build [--repeat 5] [--baseline REF ...]

Each run is a fresh interpreter running ``python -m qzxl workbook`` (imports included, as a clerk or the CI pays
them); the figures are the medians of ``repeat`` runs of wall time and of CPU time (user + system, the child's
own accounting, which a busy machine disturbs less than wall time). With ``--baseline REF`` (repeatable, e.g.
``main`` or ``3432ec9^``, the commit before the live checks) that ref is checked out in a temporary worktree
(removed afterwards), run with this interpreter and its packages, and timed interleaved with this tree, so a
drift of the machine's speed hits every column alike; the last line gives each ref's CPU time over this tree's.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed_build(tree: Path, out: Path) -> tuple[float, float]:
    """(wall, cpu) seconds of one `qzxl workbook` process built from ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "qzxl", "workbook", str(out), "--force"], cwd=tree, env=env, check=True,
                   capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", metavar="REF", action="append", default=[],
                        help="git ref to measure alongside (repeatable)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qzxl-build-") as scratch:
        folder = Path(scratch)
        trees = {"this tree": ROOT}
        for index, ref in enumerate(args.baseline):
            trees[ref] = folder / f"baseline-{index}"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(trees[ref]), ref],
                           check=True)
        try:
            runs: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
            sizes = {}
            for name, tree in trees.items():  # a warm-up each: byte-code compiled, files in the page cache
                out = folder / f"{len(sizes)}.xlsm"
                timed_build(tree, out)
                sizes[name] = out.stat().st_size
            for _ in range(args.repeat):
                for index, (name, tree) in enumerate(trees.items()):
                    runs[name].append(timed_build(tree, folder / f"{index}.xlsm"))
        finally:
            for ref in args.baseline:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees[ref])],
                               check=False)
    print(f"qzxl workbook as a whole process, medians of {args.repeat} interleaved runs")
    print(f"{'':<14}{'wall s':>8}{'cpu s':>8}{'file KiB':>10}")
    cpu = {name: statistics.median(c for _, c in timings) for name, timings in runs.items()}
    for name, timings in runs.items():
        wall = statistics.median(w for w, _ in timings)
        print(f"{name:<14}{wall:>8.2f}{cpu[name]:>8.2f}{sizes[name] / 1024:>10.0f}")
    for ref in args.baseline:
        print(f"this tree's CPU time / {ref}'s: {cpu['this tree'] / cpu[ref]:.2f}")


if __name__ == "__main__":
    main()
