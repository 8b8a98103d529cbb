"""Photo checking speed: reduced-size JPEG decode (ours) against a plain full decode, same verdicts.

    python -m benchmarks.photos [--small 2000] [--phone 300]

Generates (a) small conforming ID photos and (b) phone-sized 3000×4000 JPEGs
in a temporary folder, then checks each set three ways: full decode one file
after another (the baseline), reduced decode one after another, and reduced
decode across all cores (what `qzxl photos` does). Prints photos/s, the
ratios, and whether the verdicts are identical.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile
import time
from pathlib import Path

from qzxl.photos.folder import check_photo_folder
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.sample import make_id

DISTINCT = 12  # distinct images per set; the rest are copies under other names


def make_set(folder: Path, count: int, width: int, height: int, grain: float) -> int:
    folder.mkdir()
    images = [jpeg_bytes(portrait(width, height, seed=seed, grain=grain), quality=92) for seed in range(DISTINCT)]
    rng = random.Random(count)
    for index in range(count):
        id_number = make_id(rng, dt.date(1980, 1, 1) + dt.timedelta(days=index), female=index % 2 == 0)
        (folder / f"{id_number}学员{index}.jpg").write_bytes(images[index % DISTINCT])
    return sum(len(data) for data in images) // DISTINCT


def verdicts(folder: Path, *, fast: bool, jobs: int) -> tuple[float, list[tuple[str, str]]]:
    start = time.perf_counter()
    report = check_photo_folder(folder, fast=fast, jobs=jobs).report
    elapsed = time.perf_counter() - start
    return elapsed, sorted((issue.file or "", issue.code) for issue in report.issues)


def measure(label: str, folder: Path, count: int, size: int) -> None:
    for path in folder.iterdir():  # warm the page cache so every way reads from memory
        path.read_bytes()
    cores = os.cpu_count() or 1
    full_s, full = verdicts(folder, fast=False, jobs=1)
    reduced_s, reduced = verdicts(folder, fast=True, jobs=1)
    parallel_s, parallel = verdicts(folder, fast=True, jobs=cores)
    same = full == reduced == parallel
    print(f"{label}: {count} photos of ~{size / 1024:,.0f} KB, {len(full)} issues, verdicts identical: {same}")
    print(f"  full decode, 1 core (baseline): {full_s:7.2f} s  {count / full_s:8.1f} photos/s")
    print(f"  reduced decode, 1 core:         {reduced_s:7.2f} s  {count / reduced_s:8.1f} photos/s"
          f"  {full_s / reduced_s:.2f}x")
    print(f"  reduced decode, {cores} cores:        {parallel_s:7.2f} s  {count / parallel_s:8.1f} photos/s"
          f"  {full_s / parallel_s:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--phone", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qzxl-bench-") as root:
        small = Path(root) / "small"
        size = make_set(small, args.small, 358, 441, 0.0)
        measure("(a) small conforming photos", small, args.small, size)
        phone = Path(root) / "phone"
        size = make_set(phone, args.phone, 3000, 4000, 0.05)
        measure("(b) phone photos 3000×4000", phone, args.phone, size)


if __name__ == "__main__":
    main()
