"""导入成绩 speed: a batch's score list read, matched, judged and laid out, against plain openpyxl as baseline.

    python -m benchmarks.scores [--people 500] [--repeat 3]

Prints, for a generated batch (a data workbook) and a college-shaped score list of the same people: the time to
read the list with the import's matcher (python-calamine) against openpyxl reading the same file, the rules
(match and judge) in people per second, and the whole ``qzxl scores`` use case through the file port (read the
workbook, judge, write and mark the 成绩 sheet, write the four lists, save) end to end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import tempfile
from pathlib import Path

import openpyxl

from benchmarks.engine import best_of
from qzxl.sample import generate_batch
from qzxl.scores.reading import score_lines
from qzxl.scores.rules import judge
from qzxl.scores.samples import write_score_list
from qzxl.sheets.reader import read_workbook
from qzxl.sheets.sources import read_score_tables
from qzxl.sheets.writer import write_data_workbook
from usecases.scores import entrants


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from udfs.actions.scores import import_scores
    from udfs.file_port import FilePort

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        batch = generate_batch(args.people, exam=dt.date(2026, 12, 18))
        book = write_data_workbook(folder / "报名.xlsx", batch.plan, batch.candidates, roster=False)
        people = [(p["name"], p["id_number"] if isinstance(p["id_number"], str) else "") for p in batch.candidates]
        source = folder / "成绩单.xlsx"
        write_score_list(source, people)
        ours = best_of(args.repeat, lambda: read_score_tables(source))
        baseline = best_of(args.repeat, lambda: list(openpyxl.load_workbook(source, read_only=True).active.values))
        lines = [line for table in read_score_tables(source) for line in score_lines(table)[0]]
        who = entrants(read_workbook(book))[0]
        rules = best_of(args.repeat, lambda: judge(lines, who))

        def whole() -> None:
            copy = folder / "run" / "报名.xlsx"
            shutil.rmtree(copy.parent, ignore_errors=True)
            copy.parent.mkdir()
            shutil.copy(book, copy)
            port = FilePort(copy, backup=False)
            import_scores(port, [source])
            port.save()

        end_to_end = best_of(args.repeat, whole)
    print(f"{args.people} 人的成绩单")
    print(f"  读取成绩单（calamine + 表头匹配）：{ours * 1000:.1f} ms；"
          f"openpyxl 只读读取同一文件：{baseline * 1000:.1f} ms")
    print(f"  对应与判定：{rules * 1000:.1f} ms（{args.people / rules:,.0f} 人/秒）")
    print(f"  qzxl scores 全程（读工作簿、判定、写成绩表和标注、写四个名单、保存）：{end_to_end:.2f} s")


if __name__ == "__main__":
    main()
