"""Photo checking speed: reduced-size JPEG decode (ours) against a plain full decode, same verdicts; the face
check's share; and, with ``--baseline REF``, the same check as that git ref does it.

    python -m benchmarks.photos [--small 2000] [--phone 300] [--repeat 3] [--baseline REF]

Makes (a) small conforming ID photos and (b) phone-sized 3000×4000 JPEGs
in a temporary folder from the real ID photos in tests/data/photos
(HivisionIDPhotos, Apache-2.0; ``--drawn``: from drawn portraits instead, on which
the detector's first pass misses one phone photo in twelve, as it misses no real one),
then checks each set: full decode one file after
another, reduced decode one after another, and reduced decode across all
cores (what `qzxl photos` does), each with and without the face check. Every
timing is a fresh interpreter checking the whole folder (start-up and imports
excluded), so the baseline ref — checked out in a temporary git worktree,
removed afterwards — is timed the same way, interleaved run by run; figures
are medians of ``--repeat`` runs. Prints photos/s, the ratios, CPU time per
photo (this process and its workers: steadier than the clock on a busy
machine), and whether the verdicts of the three ways are identical.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.sample import make_id

ROOT = Path(__file__).resolve().parent.parent
DISTINCT = 12  # distinct drawn images per set; the rest are copies under other names
# Eight real ID photos: all of tests/data/photos' but the one whose face is too small (a warning: not conforming).
REAL = sorted(path for path in (ROOT / "tests" / "data" / "photos").glob("hivision-*.jpg")
              if path.name != "hivision-test4.jpg")
# One timed check in a fresh interpreter: folder, fast, jobs, face check ("-" where the ref has no such setting).
TIMED = """import json, os, sys, time
from qzxl.photos.folder import check_photo_folder
from qzxl.photos.settings import PhotoSettings
folder, fast, jobs, face = sys.argv[1], sys.argv[2] == "1", int(sys.argv[3]), sys.argv[4]
settings = PhotoSettings() if face == "-" else PhotoSettings(face_check=face == "1")
for path in __import__("pathlib").Path(folder).iterdir():
    path.read_bytes()  # the page cache warm: every way reads from memory
start, cpu = time.perf_counter(), os.times()
report = check_photo_folder(folder, settings=settings, fast=fast, jobs=jobs).report
elapsed, spent = time.perf_counter() - start, os.times()
cpu = sum(spent[:4]) - sum(cpu[:4])  # this process and its (finished) workers, user and system
print(json.dumps([elapsed, cpu, sorted((issue.file or "", issue.code) for issue in report.issues)]))
"""


def real_portrait(path: Path, width: int, height: int, grain: float) -> Image.Image:
    """A real ID photo cut to ``width``:``height`` about its centre and resized, with sensor-like noise blended in."""
    with Image.open(path) as opened:
        image = ImageOps.fit(opened.convert("RGB"), (width, height), Image.Resampling.LANCZOS)
    if grain:
        noise = Image.effect_noise((width, height), 64).convert("RGB")
        image = Image.blend(image, noise, grain)
    return image


def make_set(folder: Path, count: int, width: int, height: int, grain: float, *, drawn: bool) -> int:
    folder.mkdir()
    if drawn:
        pictures = [portrait(width, height, seed=seed, grain=grain) for seed in range(DISTINCT)]
    else:
        pictures = [real_portrait(path, width, height, grain) for path in REAL]
    images = [jpeg_bytes(picture, quality=95 if width < 1000 else 92) for picture in pictures]  # small: over 30K
    rng = random.Random(count)
    for index in range(count):
        id_number = make_id(rng, dt.date(1980, 1, 1) + dt.timedelta(days=index), female=index % 2 == 0)
        (folder / f"{id_number}学员{index}.jpg").write_bytes(images[index % len(images)])
    return sum(len(data) for data in images) // len(images)


def timed(tree: Path, folder: Path, *, fast: bool, jobs: int, face: str) -> tuple[float, float, list]:
    """Wall-clock seconds, CPU seconds (all processes) and the verdicts of one check in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    output = subprocess.run([sys.executable, "-c", TIMED, str(folder), "1" if fast else "0", str(jobs), face],
                            cwd=tree, env=env, check=True, capture_output=True, text=True).stdout
    elapsed, cpu, issues = json.loads(output)
    return elapsed, cpu, [tuple(issue) for issue in issues]


def measure(label: str, folder: Path, count: int, size: int, trees: dict[str, Path], repeat: int) -> None:
    cores = os.cpu_count() or 1
    ways = [("now", "full decode, 1 core", False, 1, "1"), ("now", "reduced decode, 1 core", True, 1, "1"),
            ("now", f"reduced decode, {cores} cores", True, cores, "1"),
            ("now", "reduced decode, 1 core, no face check", True, 1, "0"),
            ("now", f"reduced decode, {cores} cores, no face check", True, cores, "0")]
    for name in trees:
        if name != "now":
            ways += [(name, "reduced decode, 1 core", True, 1, "-"), (name, f"reduced decode, {cores} cores", True,
                                                                          cores, "-")]
    seconds: dict[tuple, list[float]] = {way: [] for way in ways}
    cpu: dict[tuple, list[float]] = {way: [] for way in ways}
    verdicts: dict[tuple, list] = {}
    for _ in range(repeat):  # interleaved: drift in the machine's load hits every way alike
        for way in ways:
            tree_name, _, fast, jobs, face = way
            elapsed, spent, verdicts[way] = timed(trees[tree_name], folder, fast=fast, jobs=jobs, face=face)
            seconds[way].append(elapsed)
            cpu[way].append(spent)
    same = verdicts[ways[0]] == verdicts[ways[1]] == verdicts[ways[2]]
    faces = sum(1 for _, code in verdicts[ways[1]] if code.startswith(("photo-face", "photo-no-face")))
    print(f"{label}: {count} photos of ~{size / 1024:,.0f} KB, {len(verdicts[ways[1]])} issues ({faces} about the "
          f"face), verdicts of full, reduced and parallel identical: {same}; medians of {repeat}")
    first = statistics.median(seconds[ways[0]])
    for way in ways:
        median = statistics.median(seconds[way])
        print(f"  {way[0]:>8}  {way[1]:40s} {median:7.2f} s  {count / median:8.1f} photos/s  {first / median:5.2f}x"
              f"  CPU {statistics.median(cpu[way]) / count * 1000:6.2f} ms/photo")
    for jobs_way, plain_way in ((ways[1], ways[3]), (ways[2], ways[4])):
        with_face, without = statistics.median(cpu[jobs_way]), statistics.median(cpu[plain_way])
        print(f"  face check's share of the CPU time, {jobs_way[1]}: {(with_face - without) / with_face:5.1%} "
              f"({(with_face - without) / count * 1000:.2f} ms per photo)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--phone", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", metavar="REF", help="git ref to measure alongside (e.g. main)")
    parser.add_argument("--drawn", action="store_true", help="drawn portraits instead of the real ID photos")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qzxl-bench-") as root:
        trees = {"now": ROOT}
        if args.baseline:
            trees[args.baseline] = Path(root) / "baseline"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet",
                            str(trees[args.baseline]), args.baseline], check=True)
        try:
            small = Path(root) / "small"
            size = make_set(small, args.small, 358, 441, 0.0, drawn=args.drawn)
            measure("(a) small conforming photos", small, args.small, size, trees, args.repeat)
            phone = Path(root) / "phone"
            size = make_set(phone, args.phone, 3000, 4000, 0.05, drawn=args.drawn)
            measure("(b) phone photos 3000×4000", phone, args.phone, size, trees, args.repeat)
        finally:
            if args.baseline:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees[args.baseline])],
                               check=False)


if __name__ == "__main__":
    main()
