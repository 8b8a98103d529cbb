"""The 自动检查 column's cost: LibreOffice headless recalculation time and file size, empty and with 500 rows.

    python -m benchmarks.native [--rows 500]

Builds the workbook, fills ``rows`` rows of the agreement test's cases (valid people and every mistake), and
has LibreOffice (tests/tools/lo_native.py, the system Python with python3-uno) time ``calculateAll`` on the
empty workbook (the baseline: calendar, deadlines and roster formulas only) and on the filled one.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from native_cases import cases, fill  # noqa: E402

from workbook.build import build_workbook  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory() as folder:
        empty = build_workbook(Path(folder) / "empty.xlsm")
        filled = Path(folder) / "filled.xlsm"
        data = [row for seed in range(1, 3) for row in cases(seed)][:rows]
        fill(empty, filled, data)
        output = subprocess.run(["/usr/bin/python3", str(ROOT / "tests/tools/lo_native.py"), str(empty),
                                 str(filled)], check=True, capture_output=True, text=True).stdout
        timings = json.loads(output)
        for label, path in (("empty (baseline)", empty), (f"{len(data)} rows", filled)):
            found = timings[str(path)]
            print(f"{label:18s} file {path.stat().st_size / 1024:7.0f} KiB   LibreOffice calculateAll "
                  f"{found['seconds']:6.2f} s   rows flagged {len(found['auto'])}")


if __name__ == "__main__":
    main()
