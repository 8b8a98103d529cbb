"""The face detector's calibration on real images (tests/data/photos, licences in its README): what it finds, how
fast.

    python -m benchmarks.faces [--repeat 5]

Prints, for the nine real ID-style portraits each taken seven ways (as is, shrunk to 216 wide, turned ±10°,
darker, brighter, flatter), how many faces were found (the case for "no face" and "more than one face" being
errors: never 0, never 2); the framing findings on the four finished ID photos (none expected); the faces found
on the real non-portraits (none expected) and on the half-body astronaut; and the detector's CPU time per photo
(median and maximum of ``repeat`` runs, one thread) on the analysis image the photo check makes.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path

from PIL import Image, ImageEnhance

from qzxl.photos.face import find_faces, framing_problems, load_detector
from qzxl.photos.inspect import analysis_grey, upright_image
from qzxl.photos.settings import PhotoSettings

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "photos"
SETTINGS = PhotoSettings()


def variants(image: Image.Image) -> dict[str, Image.Image]:
    corner = image.getpixel((2, 2))
    return {
        "as is": image,
        "216 wide": image.resize((216, round(216 * image.height / image.width)), Image.Resampling.LANCZOS),
        "turned -10°": image.rotate(-10, resample=Image.Resampling.BICUBIC, fillcolor=corner),
        "turned +10°": image.rotate(10, resample=Image.Resampling.BICUBIC, fillcolor=corner),
        "darker": ImageEnhance.Brightness(image).enhance(0.6),
        "brighter": ImageEnhance.Brightness(image).enhance(1.3),
        "flatter": ImageEnhance.Contrast(image).enhance(0.5),
    }


def timed(image: Image.Image, repeat: int) -> tuple[tuple, list[float]]:
    analysis = analysis_grey(upright_image(image, SETTINGS.analysis_width, fast=True), SETTINGS.analysis_width)
    times = []
    for _ in range(repeat):
        start = time.process_time()
        faces = find_faces(analysis)
        times.append(time.process_time() - start)
    return faces, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    load_detector()
    portraits = sorted(SAMPLES.glob("hivision-*.jpg"))
    others = sorted(SAMPLES.glob("skimage-*.jpg"))
    counts: Counter[int] = Counter()
    times: list[float] = []
    print("Real ID-style portraits, faces found as is / 216 wide / -10° / +10° / darker / brighter / flatter:")
    for path in portraits:
        with Image.open(path) as opened:
            image = opened.convert("RGB")
        found = []
        for taken in variants(image).values():
            faces, spent = timed(taken, args.repeat)
            found.append(len(faces))
            times.append(statistics.median(spent))
        counts.update(found)
        faces, _ = timed(image, 1)
        findings = [code for code, _ in framing_problems(faces, SETTINGS)]
        print(f"  {path.name:22s} {found}  framing as is: {', '.join(findings) or 'nothing'}")
    several = sum(counts.values()) - counts[0] - counts[1]
    print(f"  photos with 0 faces: {counts[0]}, 1 face: {counts[1]}, 2 or more: {several}")
    print("Real non-portraits (and the half-body astronaut), faces found:")
    for path in others:
        with Image.open(path) as opened:
            faces, spent = timed(opened.convert("RGB"), args.repeat)
        times.append(statistics.median(spent))
        findings = [code for code, _ in framing_problems(faces, SETTINGS)]
        print(f"  {path.name:22s} {len(faces)}  {', '.join(findings)}")
    print(f"Detector CPU time per photo, one thread: median {statistics.median(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms over {len(times)} photos")


if __name__ == "__main__":
    main()
