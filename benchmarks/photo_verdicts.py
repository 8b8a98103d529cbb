"""The background and blur verdicts on the real ID-photo samples (tests/data/photos), as a Markdown table.

    python -m benchmarks.photo_verdicts

Each sample is checked as it is, at other resolutions (with and without a
Gaussian blur of 0.5 % of the width), framed tighter (hair touching the top
edge), and the transparent cut-out as it is. Prints one row per variant:
size, background brightness, sharpness and the look warnings
(photo-background, photo-blurred). Runs on any version of qzxl.photos.inspect,
so the same command shows the figures before and after a change.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PIL import Image, ImageFilter

from qzxl.photos.inspect import inspect_photo, photo_problems
from qzxl.photos.settings import PhotoSettings

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "photos"
LOOK = ("photo-background", "photo-blurred")
BLUR = 0.005  # of the width


def resized(image: Image.Image, width: int) -> Image.Image:
    return image.resize((width, round(width * image.height / image.width)), Image.Resampling.LANCZOS)


def tight(image: Image.Image) -> Image.Image:
    """Framed closer: the top 12 % and 8 % of each side cut off, so the hair reaches the top edge."""
    w, h = image.size
    return image.crop((w * 8 // 100, h * 12 // 100, w - w * 8 // 100, h))


def variants(path: Path):
    with Image.open(path) as opened:
        image = opened.copy()
    if image.mode == "RGBA":
        yield "as is (transparent PNG)", image
        return
    yield "as is", image
    for width in (300, 1536):
        yield f"{width} wide", resized(image, width)
    for width in (image.width, 358, 1536):
        scaled = resized(image, width)
        yield f"{width} wide, blur {BLUR * width:.1f} px", scaled.filter(ImageFilter.GaussianBlur(BLUR * width))
    yield "framed tighter", tight(image)


def verdict_rows() -> list[tuple[str, str, str, str, str, str]]:
    settings = PhotoSettings()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for path in sorted(SAMPLES.glob("*.*")):
            if path.suffix.lower() not in (".jpg", ".png"):
                continue
            for label, image in variants(path):
                target = Path(folder) / f"v{len(rows)}{'.png' if image.mode == 'RGBA' else '.jpg'}"
                image.save(target, quality=95) if image.mode != "RGBA" else image.save(target)
                facts = inspect_photo(target, target.name, settings)
                look = [code for code, _ in photo_problems(facts, settings) if code in LOOK]
                rows.append((path.name, label, f"{image.width}×{image.height}", f"{facts.brightness}",
                             f"{facts.sharpness}", "、".join(look) or "—"))
    return rows


def main() -> None:
    settings = PhotoSettings()
    print(f"thresholds: background ≥ {settings.background_min_brightness}, sharpness ≥ {settings.sharpness_min}")
    print("| sample | variant | pixels | background | sharpness | warnings |")
    print("| --- | --- | --- | --- | --- | --- |")
    for row in verdict_rows():
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
