"""A conforming copy of a photo folder: renamed, upright, RGB JPEG, inside the size bounds, no metadata.

The originals are never touched: the copy is built in a temporary folder
beside the target and renamed into place at the end. A loose photo — one face,
too small or off-centre — is cropped to the certificate framing when it holds
enough pixels (qzxl.photos.face.certificate_crop). What cannot be fixed
safely — too few pixels, a landscape photo, a non-white background, blur, no
face or two, a file that belongs to nobody — is listed, not guessed.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from PIL import Image, ImageOps

from qzxl.errors import CannotRun
from qzxl.files import atomic_path, children_die_with_us, die_with_parent, leftover_prefix, remove_leftovers
from qzxl.photos.archive import write_zip
from qzxl.photos.face import CROP_CURES, Face, certificate_crop
from qzxl.photos.folder import PARALLEL_FROM, PhotoCheck, PhotoFile, candidate_label, opened_source
from qzxl.photos.inspect import on_white
from qzxl.photos.naming import expected_photo_name
from qzxl.photos.settings import PhotoSettings
from qzxl.report import Issue

# Problems a re-encode cannot cure: listed with the file, which is still copied when it can be matched.
LOOK_PROBLEMS = {  # the photo's code → photo-unfixable's reason key
    "photo-background": "fix-background",
    "photo-blurred": "fix-blurred",
    "photo-edited": "fix-edited",
    "photo-no-face": "fix-no-face",
    "photo-faces": "fix-faces",
    "photo-face-tilted": "fix-face-tilted",
    "photo-face-large": "fix-face-large",
    "photo-face-top": "fix-face-top",
}
# A crop cannot cure these, and a photo with one of them is not cropped even when it is also loose.
FACE_PROBLEMS = frozenset({"photo-no-face", "photo-faces", "photo-face-tilted", "photo-face-large", "photo-face-top"})


@dataclass
class FixResult:
    folder: Path
    written: list[Path] = field(default_factory=list)
    unfixable: list[Issue] = field(default_factory=list)
    archive: Path | None = None
    copied: dict[str, str] = field(default_factory=dict)  # source file (as checked) → the name it was written as
    by_owner: dict[str, str] = field(default_factory=dict)  # 证件号码 as typed on 报名信息 → the name written
    failed: list[Issue] = field(default_factory=list)  # the part of ``unfixable`` the check could not know
    cropped: set[str] = field(default_factory=set)  # source files cropped to the certificate framing


class Unfixable(Exception):
    """Why one photo cannot be made conforming: photo-unfixable's parameters (a reason key and its values)."""

    def __init__(self, reason: str, **params: object) -> None:
        super().__init__(reason)
        self.params = {"reason": reason, **params}


def encode_within_bounds(image: Image.Image, settings: PhotoSettings) -> bytes:
    """JPEG bytes strictly between the size bounds: the best quality that fits.

    Too large at every quality: fewer pixels. Too small even at full quality (a small, plain photo):
    up to twice the pixels, which adds no detail but is what the 30K rule asks of the file.
    """
    for scale in (1.0, 0.8, 0.64, 0.5, 0.4, 1.25, 1.5, 2.0):
        resized = image if scale == 1.0 else image.resize(
            (round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
        if resized.width <= settings.min_width or resized.height <= settings.min_height:
            continue
        data = _best_fit(resized, settings)
        if data is not None:
            return data
    raise Unfixable("fix-size-bounds")


def _best_fit(image: Image.Image, settings: PhotoSettings) -> bytes | None:
    low, high = settings.fix_quality
    for quality in range(high, low - 1, -5):
        data = _jpeg(image, quality, subsampling=0 if quality == high else 2)
        if len(data) <= settings.min_bytes:
            return None  # lower quality only gets smaller
        if len(data) < settings.max_bytes:
            return data
    return None


def _jpeg(image: Image.Image, quality: int, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True, **options)
    return buffer.getvalue()


def conform(path: Path, settings: PhotoSettings, face: Face | None = None) -> bytes:
    """The photo upright, RGB, at most ``fix_max_height`` high, re-encoded within the size bounds, no EXIF.

    With ``face``, cropped to the certificate framing around it first (see :func:`cropped`).
    """
    try:
        with Image.open(path) as opened:
            image = on_white(ImageOps.exif_transpose(opened))
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise Unfixable("fix-undecodable") from error
    if face is not None:
        image = cropped(image, face, settings)
    width, height = image.size
    if width <= settings.min_width or height <= settings.min_height:
        raise Unfixable("fix-too-small", width=width, height=height)
    if width >= height:
        raise Unfixable("fix-landscape")
    if height > settings.fix_max_height:
        image = image.resize((round(width * settings.fix_max_height / height), settings.fix_max_height),
                             Image.Resampling.LANCZOS)
    return encode_within_bounds(image, settings)


def cropped(image: Image.Image, face: Face, settings: PhotoSettings) -> Image.Image:
    """``image`` cropped to the certificate framing around ``face``: never upscaled, never through the head."""
    box = certificate_crop(image.width, image.height, face)
    if box is None:
        raise Unfixable("fix-crop-no-room")
    width, height = box[2] - box[0], box[3] - box[1]
    if width <= settings.min_width or height <= settings.min_height:
        raise Unfixable("fix-crop-too-small", width=width, height=height)
    return image.crop(box)


def crop_face(file: PhotoFile) -> Face | None:
    """The face to crop ``file`` around: when the check found one face whose framing a crop cures."""
    faces = file.facts.faces if file.facts is not None else None
    if faces is None or len(faces) != 1 or not file.problems & CROP_CURES or file.problems & FACE_PROBLEMS:
        return None
    return faces[0]


def _target(file: PhotoFile) -> tuple[str, str]:
    """The (ID number, name) a file is for, as the check's PhotoMatcher found it."""
    if file.owner is None:
        raise Unfixable("fix-no-owner")
    return file.owner


def fix_photos(source: Path, check: PhotoCheck, out: Path, settings: PhotoSettings | None = None, *,
               make_zip: bool = False) -> FixResult:
    """Write conforming copies of ``check``'s photos into the new folder ``out`` (and ``out``.zip beside it)."""
    settings = settings or PhotoSettings()
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise CannotRun("run-fix-out-is-file", out=out)

    if out.exists() and any(out.iterdir()):
        raise CannotRun("run-fix-out-not-empty", out=out)
    archive = out.with_name(out.name + ".zip")
    if make_zip and archive.exists():
        raise CannotRun("run-fix-zip-exists", archive=archive)
    source = Path(source).resolve()
    if source.is_dir() and (out.resolve() == source or source in out.resolve().parents):
        raise CannotRun("run-fix-inside-source")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(out.parent)
        staging = Path(tempfile.mkdtemp(prefix=leftover_prefix(out.name), dir=out.parent))
    except OSError as error:  # a read-only or locked folder (or one whose name is too long: said by the CLI)
        if isinstance(error, PermissionError) or error.errno == errno.EROFS:
            raise CannotRun("run-fix-out-not-writable", folder=out.parent.resolve()) from error
        raise
    result = FixResult(out)
    try:
        with opened_source(source) as (folder, _):
            planned = _plan(check, result)
            encoded = _conform_all([(folder / file.name, crop_face(file)) for file, _, _ in planned], settings)
        for (file, number, name), (data, crop) in zip(planned, encoded, strict=True):
            label = candidate_label(number, name)
            if isinstance(data, dict):
                result.failed.append(_unfixable(file, data, label))
                result.unfixable.append(result.failed[-1])
                continue
            if crop is True:
                result.cropped.add(file.name)
            elif crop:  # why the loose photo was copied as it is
                result.failed.append(_unfixable(file, crop, label))
                result.unfixable.append(result.failed[-1])
            written = expected_photo_name(file.kept_number or number, name)  # never renamed to an invalid ID
            (staging / written).write_bytes(data)
            result.copied[file.name] = result.by_owner[number] = written
            result.unfixable.extend(_unfixable(file, {"reason": LOOK_PROBLEMS[code]}, label)
                                    for code in sorted(file.problems & LOOK_PROBLEMS.keys()))
            if file.kept_number:
                result.unfixable.append(_unfixable(file, {"reason": "fix-workbook-id", "name": name,
                                                          "row": file.id_row}, label))
        if make_zip:
            with atomic_path(archive) as temporary:
                write_zip(temporary, [(path, path.name) for path in sorted(staging.glob("*.jpg"))])
        if out.exists():
            out.rmdir()
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.written = sorted(out.glob("*.jpg"))
    result.archive = archive if make_zip else None
    return result


def _unfixable(file: PhotoFile, params: dict, label: str = "") -> Issue:
    return Issue.create("photo-unfixable", params=params, file=file.name, candidate=label)


def _plan(check: PhotoCheck, result: FixResult) -> list[tuple[PhotoFile, str, str]]:
    """(file, ID number, name) of every photo that can be matched to a candidate, one per candidate."""
    planned, taken = [], set()
    for file in check.files:
        try:
            number, name = _target(file)
        except Unfixable as why:
            result.unfixable.append(_unfixable(file, why.params))
            continue
        if number in taken:
            label = candidate_label(number, name)
            result.unfixable.append(_unfixable(file, {"reason": "fix-second-photo"}, label))
            continue
        taken.add(number)
        planned.append((file, number, name))
    return planned


def _conform_or_reason(item: tuple[Path, Face | None], settings: PhotoSettings) -> tuple[bytes | dict, bool | dict]:
    """(the copy's bytes or why there is none, whether it was cropped or why it could not be)."""
    path, face = item
    crop: bool | dict = False
    if face is not None:
        try:
            return conform(path, settings, face), True
        except Unfixable as why:
            if not why.params["reason"].startswith("fix-crop"):
                return why.params, False
            crop = why.params
    try:
        return conform(path, settings), crop
    except Unfixable as why:
        return why.params, crop


def _conform_all(items: list[tuple[Path, Face | None]], settings: PhotoSettings) -> list[tuple]:
    """Re-encode every photo (cropping the loose ones), across all cores when there are enough of them."""
    work = partial(_conform_or_reason, settings=settings)
    jobs = os.cpu_count() or 1
    if jobs == 1 or len(items) < PARALLEL_FROM:
        return [work(item) for item in items]
    children_die_with_us()
    with ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent) as pool:
        return list(pool.map(work, items, chunksize=max(1, len(items) // (jobs * 8))))
