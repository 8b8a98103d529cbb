"""Export speed: a 1,000-candidate batch with a photo each, stage by stage.

    python -m benchmarks.export [--candidates 1000] [--pdf]

Prints the time of the whole export and of its stages measured apart
(validation, photo check + fix, the forms), per candidate, and — as the
baseline in the same run — a plain copy of the photo folder, the least any
export that includes the photos must cost.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path

from qzxl.export import package
from qzxl.photos.folder import check_photo_folder
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.rules import check_workbook
from qzxl.sample import generate_batch
from qzxl.sheets.intake import read_candidates
from qzxl.sheets.reader import read_workbook
from qzxl.sheets.writer import write_data_workbook
from usecases.export import export_package


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=1000)
    parser.add_argument("--pdf", action="store_true", help="also convert the forms with LibreOffice")
    args = parser.parse_args()
    if not args.pdf:
        package.libreoffice = lambda: None
    batch = generate_batch(args.candidates, mistakes=False)
    images = [jpeg_bytes(portrait(seed=seed), quality=95) for seed in range(10)]
    with tempfile.TemporaryDirectory(prefix="qzxl-bench-") as root:
        root_path = Path(root)
        book = write_data_workbook(root_path / "book.xlsx", batch.plan, batch.candidates)
        photos = root_path / "照片"
        photos.mkdir()
        for index, person in enumerate(batch.candidates):
            (photos / f"{person['id_number']}{person['name']}.jpg").write_bytes(images[index % len(images)])
        copy_s = timed(lambda: shutil.copytree(photos, root_path / "copy"))
        result = []
        total_s = timed(lambda: result.append(export_package(
            book, root_path / "out", photos=photos, make_zip=True, today=dt.date(2026, 11, 24))))
        validate_s = timed(lambda: check_workbook(read_workbook(book)).report)
        candidates, _ = read_candidates(read_workbook(book).registration)
        check_s = timed(lambda: check_photo_folder(photos, candidates))
    n = args.candidates
    print(f"export of {n} candidates with photos{' and PDFs' if args.pdf else ''}: {total_s:.2f} s "
          f"({total_s / n * 1000:.1f} ms per candidate), {len(result[0].files)} files")
    print(f"  validation alone: {validate_s:.2f} s; photo check alone: {check_s:.2f} s; "
          f"forms, fixes, zip and manifest: {total_s - validate_s - check_s:.2f} s")
    print(f"  baseline, plain copy of the photo folder: {copy_s:.3f} s "
          f"(export costs {total_s / copy_s:.0f}x a copy)")


if __name__ == "__main__":
    main()
