"""``qzxl demo``: a realistic batch, built and checked end to end, with a short Chinese summary."""

from __future__ import annotations

from pathlib import Path

from qzxl.book import write_data_workbook
from qzxl.reader import read_workbook
from qzxl.rules import validate_workbook
from qzxl.sample import generate_batch
from qzxl.textreport import render

DEMO_CANDIDATES = 30
DEMO_BOOK = "示例-电工四级.xlsx"


def run_demo(folder: Path) -> Path:
    """Generate the sample batch into ``folder``, validate it and print what was found."""
    folder.mkdir(parents=True, exist_ok=True)
    batch = generate_batch(DEMO_CANDIDATES)
    book = write_data_workbook(folder / DEMO_BOOK, batch.plan, batch.candidates)
    report = validate_workbook(read_workbook(book))
    print(render(report))
    print(f"\n示例工作簿：{book}")
    print(f"其中故意放了 {len(batch.mistakes)} 处常见错误，上面应逐一列出。")
    return book
