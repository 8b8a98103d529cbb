"""Whole commands at 1,000 / 10,000 / 100,000 rows: wall time and peak memory of each.

    python -m benchmarks.scale [--sizes 1000,10000,100000] [--timeout 900]

Each command runs in its own process (``python -m qzxl …``) on a generated
batch with the usual mistakes in it; peak memory is that process's maximum
resident set (os.wait4). Export runs without photos and without LibreOffice
(taken off PATH), the conditions the aims are stated for: export of
10,000 ≤ 60 s; validate of 100,000 ≤ 10 s within 1 GB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from qzxl.sample import generate_batch
from qzxl.sheets.writer import write_data_workbook


def run(args: list[str], timeout: float) -> tuple[float, float, int | None]:
    """(seconds, peak MB, exit code) of ``python -m qzxl *args``; exit code None when it timed out."""
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}  # no soffice: no PDF conversion
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "qzxl", *args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            _, status, usage = os.wait4(process.pid, 0)
            return time.perf_counter() - start, usage.ru_maxrss / 1024, None
        time.sleep(0.02)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--timeout", type=float, default=900)
    options = parser.parse_args()
    print(f"{'rows':>8}  {'command':<16} {'seconds':>8} {'peak MB':>8}  exit")
    with tempfile.TemporaryDirectory(prefix="qzxl-scale-") as folder:
        for size in (int(s) for s in options.sizes.split(",")):
            batch = generate_batch(size)
            book = write_data_workbook(Path(folder) / f"book-{size}.xlsx", batch.plan, batch.candidates)
            marked, out = Path(folder) / f"marked-{size}.xlsx", Path(folder) / f"out-{size}"
            commands = {
                "validate": ["validate", str(book), "--json"],
                "action validate": ["action", "validate", str(book), "--out", str(marked)],
                "export": ["export", str(book), "--out", str(out), "--force"],
            }
            for name, args in commands.items():
                seconds, peak, code = run(args, options.timeout)
                shown = "timeout" if code is None else str(code)
                print(f"{size:>8}  {name:<16} {seconds:>8.1f} {peak:>8.0f}  {shown}", flush=True)


if __name__ == "__main__":
    main()
