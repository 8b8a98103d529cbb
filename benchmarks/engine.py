"""Engine and reader speed on a generated batch, against baselines measured in the same run.

    python -m benchmarks.engine [--rows 10000] [--repeat 3]

Prints rows/s of the engine (intake, every rule, cross-sheet checks and
placement, from rows already read), the time to read the workbook with our
reader (python-calamine) and with openpyxl's read-only mode as the baseline
(the reader's sparse path, for sheets with #REF! cells or stray far cells,
uses openpyxl's sheet parser), and the mobile-number check against
phonenumbers.parse.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import openpyxl
import phonenumbers

from qzxl.rules import check_workbook
from qzxl.rules.contact import mobile_problem
from qzxl.sample import generate_batch
from qzxl.sheets.reader import read_workbook
from qzxl.sheets.writer import write_data_workbook


def read_with_openpyxl(path: Path) -> dict[str, list]:
    """The baseline: every sheet through openpyxl's read-only mode."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}
    finally:
        book.close()


def best_of(repeat: int, action) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    batch = generate_batch(args.rows)
    with tempfile.TemporaryDirectory() as folder:
        path = write_data_workbook(Path(folder) / "bench.xlsx", batch.plan, batch.candidates)
        size = path.stat().st_size
        read_s = best_of(args.repeat, lambda: read_workbook(path))
        baseline_s = best_of(1, lambda: read_with_openpyxl(path))
        data = read_workbook(path)
    report = check_workbook(data).report
    engine_s = best_of(args.repeat, lambda: check_workbook(data).report)

    mobiles = [str(c["mobile"]) for c in batch.candidates]
    pattern_s = best_of(args.repeat, lambda: [mobile_problem(m) for m in mobiles])
    parse_s = best_of(1, lambda: [phonenumbers.is_valid_number(phonenumbers.parse(m, "CN")) for m in mobiles if m])

    n = args.rows
    print(f"batch: {n} candidates, workbook {size / 1e6:.1f} MB, {report.errors} errors / {report.warnings} warnings")
    print(f"engine (intake + rules + placement): {engine_s:.3f} s  = {n / engine_s:,.0f} rows/s")
    print(f"read workbook, ours (python-calamine): {read_s:.3f} s = {n / read_s:,.0f} rows/s")
    print(f"read workbook, baseline (openpyxl read-only): {baseline_s:.3f} s = {n / baseline_s:,.0f} rows/s")
    print(f"reader speed-up over baseline: {baseline_s / read_s:.2f}x")
    print(f"validate end to end (read + engine): {n / (read_s + engine_s):,.0f} rows/s")
    print(f"mobile check: metadata pattern {pattern_s * 1e6 / n:.2f} us/row vs phonenumbers.parse "
          f"{parse_s * 1e6 / n:.2f} us/row ({parse_s / pattern_s:.0f}x)")


if __name__ == "__main__":
    main()
