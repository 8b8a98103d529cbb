"""The fast agreement test's cost: the native formulas evaluated in Python on the LibreOffice test's rows.

    python -m benchmarks.formula_evaluation [--repeat 3]

Generates the five books of tests/native_cases.py (2,480 报名信息 rows, 2,500 花名册 lines), builds the workbook
once for the 花名册's own formulas, then times, as medians of ``repeat`` runs: compiling every column's formula
(tests/support/excel_formulas.py), evaluating the formulas of both sheets on every row, and the engine's check of
the same cells (the rest of tests/test_native_formulas_evaluated.py). Wall and CPU seconds are printed apart: on a
shared machine the wall figure is what the fast suite pays.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support import native_evaluation  # noqa: E402
from support.native_cases import EXAM, cases, roster_cases  # noqa: E402
from support.native_evaluation import Columns, Evaluation, lists  # noqa: E402
from test_native_formulas_evaluated import TODAY, registration_formulas, roster_formulas  # noqa: E402

from qzxl.layout import REGISTRATION_SHEET, ROSTER, ROSTER_SHEET  # noqa: E402
from workbook.build import build_workbook  # noqa: E402
from workbook.names import option_list_names  # noqa: E402


def _roster_cells(book: Path) -> dict[str, str]:
    from openpyxl import load_workbook
    from xlsxwriter.utility import xl_col_to_name

    workbook = load_workbook(book, read_only=True)
    (cells,) = workbook[ROSTER_SHEET].iter_rows(min_row=5, max_row=5, max_col=len(ROSTER.columns))
    formulas = {xl_col_to_name(index): cell.value for index, cell in enumerate(cells)}
    workbook.close()
    return formulas


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    books = [(cases(seed), roster_cases(cases(seed), seed)) for seed in range(1, 6)]
    with tempfile.TemporaryDirectory() as folder:
        own = _roster_cells(build_workbook(Path(folder) / "book.xlsm"))
    names = lists(option_list_names())
    timings: dict[str, list[tuple[float, float]]] = {"compile": [], "evaluate + engine": [], "engine alone": []}
    checking = native_evaluation.check_workbook
    for _ in range(args.repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        columns = (Columns(REGISTRATION_SHEET, registration_formulas(), array_names=frozenset(names)),
                   Columns(ROSTER_SHEET, own), Columns(ROSTER_SHEET, roster_formulas()))
        timings["compile"].append((time.perf_counter() - wall, time.process_time() - cpu))
        engine = [0.0, 0.0]

        def timed(*a, engine=engine, **k):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return checking(*a, **k)
            finally:
                engine[0] += time.perf_counter() - wall
                engine[1] += time.process_time() - cpu

        native_evaluation.check_workbook = timed
        wall, cpu = time.perf_counter(), time.process_time()
        for rows, lines in books:
            Evaluation(*columns, names, rows, lines, exam=EXAM, today=TODAY)
        timings["evaluate + engine"].append((time.perf_counter() - wall, time.process_time() - cpu))
        timings["engine alone"].append((engine[0], engine[1]))
        native_evaluation.check_workbook = checking
    rows = sum(len(r) for r, _ in books)
    lines = sum(len(line) for _, line in books)
    print(f"{rows} 报名信息 rows, {lines} 花名册 lines, median of {args.repeat}")
    for phase, figures in timings.items():
        print(f"  {phase:18s} {statistics.median(w for w, _ in figures):6.2f} s wall "
              f"{statistics.median(c for _, c in figures):6.2f} s CPU")


if __name__ == "__main__":
    main()
