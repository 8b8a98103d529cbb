"""考务材料 speed: a 500-candidate batch with a photo each, with the PDFs, stage by stage.

    python -m benchmarks.examkit [--candidates 500] [--no-pdf]

Prints the whole run (validation with the photo folder, seating, the four workbooks, LibreOffice's PDFs),
the PDF conversion alone and the pages it printed, and — as the baseline in the same run — the same
batch's validation with its photo folder (校验), which every kit run starts with. The issue's target is
60 s for 500 people with PDFs on 2 cores.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.export import timed
from qzxl.examkit import kit
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.sample import generate_batch
from qzxl.sheets.reader import read_workbook
from qzxl.sheets.writer import write_data_workbook
from usecases.examkit import make_exam_kit
from usecases.validate import validate_book


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=500)
    parser.add_argument("--no-pdf", action="store_true", help="leave LibreOffice out")
    args = parser.parse_args()
    convert, pdf_s = kit.convert_to_pdf, []

    def measured_convert(files, folder):
        start = time.perf_counter()
        note = convert(files, folder) if not args.no_pdf else "no PDF"
        pdf_s.append(time.perf_counter() - start)
        return note

    kit.convert_to_pdf = measured_convert
    batch = generate_batch(args.candidates, mistakes=False)
    with tempfile.TemporaryDirectory(prefix="qzxl-bench-") as root:
        root_path = Path(root)
        book = write_data_workbook(root_path / "book.xlsx", batch.plan, batch.candidates)
        photos = root_path / "照片"
        photos.mkdir()
        for index, person in enumerate(batch.candidates):
            # a photo of its own each (the workbooks store one copy of identical images; LibreOffice prints each)
            (photos / f"{person['id_number']}{person['name']}.jpg").write_bytes(
                jpeg_bytes(portrait(seed=index), quality=95))
        validate_s = timed(lambda: validate_book(read_workbook(book), photos=photos))
        result = []
        total_s = timed(lambda: result.append(make_exam_kit(book, root_path / "out")))
        pages = {}
        if not args.no_pdf:
            from pypdf import PdfReader

            pages = {pdf.stem: len(PdfReader(pdf).pages) for pdf in sorted((result[0].folder / "PDF").glob("*.pdf"))}
    n, rooms = args.candidates, result[0].seating.rooms
    print(f"考务材料 for {n} candidates with photos{'' if args.no_pdf else ' and PDFs'}: {total_s:.2f} s "
          f"({total_s / n * 1000:.1f} ms per candidate), {len(rooms)} rooms, {len(result[0].files)} files")
    print(f"  PDF conversion alone: {pdf_s[0]:.2f} s; pages: "
          + ("、".join(f"{name} {count}" for name, count in pages.items()) or "none"))
    print(f"  everything else (validation, photos read, seating, four workbooks): {total_s - pdf_s[0]:.2f} s")
    print(f"  baseline, 校验 of the same batch with its photo folder: {validate_s:.2f} s")


if __name__ == "__main__":
    main()
