"""The smallest printed text on every page LibreOffice prints: the export's PDFs and, with --workbook, the demo's
workbook sheet by sheet.

    python -m benchmarks.print_sizes [--people 30] [--workbook]

A character's size in the PDF (pdfplumber) is its font size after the sheet's fit-to-page scaling: what a
clerk's eye gets at 100 %. The floor the project keeps is 8 pt (tests/test_print_legible.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

import pdfplumber

from qzxl.export.package import convert_to_pdf
from qzxl.sample import generate_batch
from qzxl.sheets.writer import write_data_workbook
from usecases.export import export_package


def page_sizes(pdf: Path) -> list[tuple[float, str]]:
    """(smallest text size, the page's first characters) for each page."""
    with pdfplumber.open(pdf) as document:
        return [(min((c["size"] for c in page.chars if c["text"].strip()), default=0.0),
                 "".join(c["text"] for c in page.chars[:16])) for page in document.pages]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--workbook", action="store_true", help="also print the demo's workbook (about a minute)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qzxl-print-") as temporary:
        folder = Path(temporary)
        batch = generate_batch(args.people, mistakes=False)
        batch.plan["training_hours"] = 120
        book = write_data_workbook(folder / "book.xlsx", batch.plan, batch.candidates)
        result = export_package(book, folder / "out", force=True, today=dt.date(2026, 11, 24))
        print(f"export of {args.people} people: {result.pdf_note}")
        for pdf in sorted((result.folder / "PDF").glob("*.pdf")):
            sizes = page_sizes(pdf)
            print(f"  {pdf.name}: {len(sizes)} pages, smallest text {min(s for s, _ in sizes):.1f} pt")
        if args.workbook:
            from cli.demo import run_demo

            demo = run_demo(folder / "demo", today=dt.date(2026, 11, 24))
            convert_to_pdf([demo.book], folder / "book-pdf")
            sizes = page_sizes(folder / "book-pdf" / f"{demo.book.stem}.pdf")
            print(f"demo workbook: {len(sizes)} pages")
            for number, (size, start) in enumerate(sizes, start=1):
                print(f"  page {number}: smallest text {size:.1f} pt  {start}")


if __name__ == "__main__":
    main()
