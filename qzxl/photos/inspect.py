"""One photo: the facts about it (cheaply) and what is wrong with them.

Header-only facts (format, pixels, colour mode, EXIF) come from Image.open,
which reads no pixel data. Sharpness and the face are measured on a grey
analysis image of one fixed width, so a verdict does not depend on the
photo's resolution: a blur of 0.5 % of the width is the same blur on a
358-pixel and on a 1536-pixel photo. A transparent background (what ID-photo
tools write) is laid on white first, as every viewer shows it. The
background is read, in colour, where the backdrop is and hair is not: the two
top corners and the outer side strips (a mean over shares of the photo,
whatever its size). For a JPEG the photo is decoded
at reduced size (libjpeg's DCT scaling via ``Image.draft``: 1/2, 1/4 or
1/8), so a 12-megapixel phone photo costs a fraction of a full decode.
``fast=False`` decodes in full — the baseline the benchmark compares against.
The face and its framing are found on the same analysis image (qzxl.photos.face).

Verdicts on real photos (tests/data/photos) are pinned in tests/test_real_photos.py.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter, ImageOps, ImageStat, UnidentifiedImageError
from pillow_heif import register_heif_opener

from qzxl.catalogue import say
from qzxl.photos.face import Face, find_faces, framing_problems
from qzxl.photos.settings import PhotoSettings, human_size
from qzxl.report import shorten

register_heif_opener()  # iPhone photos: HEIC is recognised (and reported) even when renamed .jpg

EXIF_ORIENTATION = 0x0112
EXIF_SOFTWARE = 0x0131
# Editing software that leaves its name in EXIF (lower case); phone camera apps also write the tag.
EDITORS = ("photoshop", "gimp", "lightroom", "meitu", "美图", "picsart", "snapseed", "pixlr", "醒图", "faceu",
           "beautycam", "facetune", "photoscape", "光影魔术手", "remini")
JPEG_EXTENSIONS = (".jpg", ".jpeg")
TOO_LARGE_TO_OPEN = "image-too-large"  # PhotoFacts.error of a photo Pillow refuses to open (decompression bomb)
_SOFTEN = ImageFilter.GaussianBlur(1.5)


@dataclass(frozen=True)
class PhotoFacts:
    name: str
    size: int
    extension: str
    format: str | None = None
    mode: str | None = None
    width: int = 0
    height: int = 0
    orientation: int = 1
    software: str = ""
    brightness: float | None = None
    sharpness: float | None = None
    faces: tuple[Face, ...] | None = None  # None: not looked for (face_check off, or the photo was not decoded)
    error: str | None = None

    @property
    def upright_size(self) -> tuple[int, int]:
        """Width and height as the photo is meant to be seen (EXIF 5–8 swap them)."""
        return (self.height, self.width) if self.orientation in (5, 6, 7, 8) else (self.width, self.height)


def inspect_photo(path: Path, name: str, settings: PhotoSettings, *, fast: bool = True) -> PhotoFacts:
    size = path.stat().st_size
    extension = path.suffix.lower()
    if size == 0:
        return PhotoFacts(name, size, extension, error="image-empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return _facts(image, name, size, extension, settings, fast)
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        return PhotoFacts(name, size, extension, error=_reason(error))
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        return PhotoFacts(name, size, extension, error=_reason(error))


def _reason(error: Exception) -> str:
    """photo-not-image's reason key, or TOO_LARGE_TO_OPEN."""
    if isinstance(error, UnidentifiedImageError):
        return "image-unidentified"
    if isinstance(error, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
        return TOO_LARGE_TO_OPEN
    return "image-truncated" if "truncated" in str(error) else "image-damaged"


def _facts(image: Image.Image, name: str, size: int, extension: str, settings: PhotoSettings,
           fast: bool) -> PhotoFacts:
    exif = image.getexif()
    width, height = image.size
    base = {
        "name": name, "size": size, "extension": extension, "format": image.format, "mode": image.mode,
        "width": width, "height": height, "orientation": int(exif.get(EXIF_ORIENTATION, 1) or 1),
        "software": shorten(exif.get(EXIF_SOFTWARE, "") or ""),  # a 60 KB tag is shown as its first 60 characters
    }
    if width * height > settings.max_pixels:
        return PhotoFacts(**base)
    upright = upright_image(image, settings.analysis_width, fast=fast)
    grey = analysis_grey(upright, settings.analysis_width)
    faces = find_faces(grey) if settings.face_check else None
    return PhotoFacts(**base, brightness=border_brightness(upright), sharpness=sharpness(grey), faces=faces)


def upright_image(image: Image.Image, width: int, *, fast: bool) -> Image.Image:
    """The upright photo in RGB; a JPEG decoded at reduced size when ``fast``, both sides still at least ``width``.

    Keeping both sides at least ``width``, whichever way the photo is stored, makes the analysis image a
    downscale either way, so the verdicts match a full decode.
    """
    if fast and image.format == "JPEG":
        image.draft("RGB", (width, width))
    orientation = image.getexif().get(EXIF_ORIENTATION, 1)
    return on_white(ImageOps.exif_transpose(image) if orientation not in (0, 1, None) else image)


def analysis_grey(upright: Image.Image, width: int) -> Image.Image:
    """The analysis image: the upright photo in grey, ``width`` pixels wide (sharpness and the face are read here).

    Grey first, then resized: one channel to resize instead of three (for a phone photo the resize was dearer
    than the face check). Shrinking averages (BOX); enlarging a smaller photo repeats pixels (NEAREST), which is
    what BOX nearly does there at a twentieth of its cost.
    """
    grey = upright.convert("L")
    size = (width, max(1, round(width * grey.height / grey.width)))
    return grey.resize(size, Image.Resampling.NEAREST if grey.width < width else Image.Resampling.BOX)


def has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (image.mode == "P" and "transparency" in image.info)


def on_white(image: Image.Image) -> Image.Image:
    """RGB, with any transparent part laid on white (converting RGBA to RGB would make it black)."""
    if not has_transparency(image):
        return image if image.mode == "RGB" else image.convert("RGB")
    rgba = image.convert("RGBA")
    return Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba).convert("RGB")


def background_regions(width: int, height: int) -> tuple[tuple[int, int, int, int], ...]:
    """Where the backdrop shows and hair does not: the top corners and the outer strips down to mid-height."""
    corner_w, corner_h, strip = max(2, width // 6), max(2, height // 8), max(2, width // 16)
    return ((0, 0, corner_w, corner_h), (width - corner_w, 0, width, corner_h),
            (0, corner_h, strip, height // 2), (width - strip, corner_h, width, height // 2))


def border_brightness(image: Image.Image) -> float:
    """Mean of the darkest channel over the background regions: high only for white.

    Read on the upright photo as decoded, not the analysis image: a mean over the same share of the photo
    does not depend on its resolution, and the colour photo is not resized at all.
    """
    means = [min(ImageStat.Stat(image.crop(box)).mean) for box in background_regions(*image.size)]
    return round(sum(means) / len(means), 1)


def sharpness(image: Image.Image) -> float:
    """How much detail a slight blur removes from the face area (RMS difference × 10), at the analysis width.

    The face area (the middle of the picture) is measured, not the plain backdrop, which has no detail to lose.
    Real photos (tests/data/photos) score 74–127; a Gaussian blur of 0.5 % of the width brings them to 21–35,
    whatever their resolution.
    """
    grey = image if image.mode == "L" else image.convert("L")
    width, height = grey.size
    face = grey.crop((width // 5, height // 8, width * 4 // 5, height * 3 // 4))
    return round(ImageStat.Stat(ImageChops.difference(face, face.filter(_SOFTEN))).rms[0] * 10, 1)


def photo_problems(facts: PhotoFacts, settings: PhotoSettings) -> list[tuple[str, dict]]:
    """What is wrong with one photo as (catalogue code, parameters): file, format, pixels, look."""
    if facts.error == TOO_LARGE_TO_OPEN:
        return [("photo-too-large-to-open", {"limit": (Image.MAX_IMAGE_PIXELS or 0) // 10_000})]
    if facts.error:
        return [("photo-not-image", {"reason": facts.error})]
    problems: list[tuple[str, dict]] = []
    if facts.extension not in JPEG_EXTENSIONS:
        problems.append(("photo-extension", {"extension": facts.extension or say("value-no-extension")}))
    elif facts.format != "JPEG":
        problems.append(("photo-format", {"actual": facts.format}))
    if facts.size <= settings.min_bytes:
        problems.append(("photo-file-too-small", {"size": human_size(facts.size)}))
    elif facts.size >= settings.max_bytes:
        problems.append(("photo-file-too-large", {"size": human_size(facts.size)}))
    width, height = facts.upright_size
    if facts.width * facts.height > settings.max_pixels:
        return [*problems, ("photo-too-many-pixels", {"width": width, "height": height})]
    if width <= settings.min_width or height <= settings.min_height:
        problems.append(("photo-too-few-pixels", {"width": width, "height": height}))
    if width >= height:
        problems.append(("photo-landscape", {"width": width, "height": height}))
    if facts.mode == "CMYK":
        problems.append(("photo-cmyk", {}))
    elif facts.mode in ("L", "LA", "1"):
        problems.append(("photo-greyscale", {}))
    if facts.orientation not in (0, 1):
        problems.append(("photo-rotated", {}))
    if facts.brightness is not None and facts.brightness < settings.background_min_brightness:
        problems.append(("photo-background", {"brightness": facts.brightness}))
    if facts.sharpness is not None and facts.sharpness < settings.sharpness_min:
        problems.append(("photo-blurred", {"sharpness": facts.sharpness, "threshold": settings.sharpness_min}))
    editor = next((e for e in EDITORS if e in facts.software.lower()), None)
    if editor:
        problems.append(("photo-edited", {"software": facts.software}))
    if facts.faces is not None:
        problems.extend(framing_problems(facts.faces, settings))
    return problems
