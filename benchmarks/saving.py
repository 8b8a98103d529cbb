"""What a file-port save costs, and the part of it that finishes the package, against openpyxl's own save.

    python -m benchmarks.saving [--people 30] [--repeat 3]

Builds a workbook, types ``--people`` rows into it through the file port, then prints the best of ``--repeat``
runs of: loading the file port, openpyxl's save alone (the baseline), working out the cached results
(udfs/calculated.py), and the finishing rewrite (ribbon, dangling references, cached results) with and without
the results.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from benchmarks.engine import best_of
from qzxl.layout import FIRST_DATA_ROW, OPTIONS_SHEET, PLAN_SHEET, REGISTRATION
from qzxl.sample import generate_batch
from udfs.calculated import calculated_cells
from udfs.file_port import FilePort
from udfs.ooxml import finish_saved
from workbook.build import build_workbook


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        book = build_workbook(Path(folder) / "报名.xlsm")
        people = generate_batch(args.people, mistakes=False).candidates
        port = FilePort(book, backup=False)
        port.write_block(REGISTRATION.sheet, f"A{FIRST_DATA_ROW + 1}",
                         [[person.get(key) for key in REGISTRATION.keys] for person in people])
        port.save()
        port = FilePort(book, backup=False)
        saved = Path(folder) / "saved.xlsm"
        grids = {sheet: port.read_sheet(sheet) for sheet in (PLAN_SHEET, REGISTRATION.sheet, OPTIONS_SHEET)}
        results = calculated_cells(grids)
        figures = {
            "load (FilePort)": best_of(args.repeat, lambda: FilePort(book, backup=False)),
            "openpyxl save (baseline)": best_of(args.repeat, lambda: port._book.save(saved)),
            "work out the cached results": best_of(args.repeat, lambda: calculated_cells(grids)),
        }
        plain = Path(folder) / "plain.xlsm"
        port._book.save(plain)

        def finish(with_results: bool) -> None:
            shutil.copyfile(plain, saved)
            finish_saved(book, saved, results=results if with_results else None)

        figures["finish: ribbon and references"] = best_of(args.repeat, lambda: finish(False))
        figures["finish: and the cached results"] = best_of(args.repeat, lambda: finish(True))
        figures["whole save (FilePort.save)"] = best_of(args.repeat, port.save)
    print(f"{args.people} people, best of {args.repeat}:")
    for label, seconds in figures.items():
        print(f"  {label:34s} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
