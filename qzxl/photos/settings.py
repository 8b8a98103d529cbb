"""Every photo threshold in one place, with the college's values as defaults.

>>> PhotoSettings().min_bytes, PhotoSettings().max_bytes
(30720, 2097152)
"""

from __future__ import annotations

from dataclasses import dataclass

KIB = 1024


@dataclass(frozen=True)
class PhotoSettings:
    # "文件大于30K且小于2M，大于215*300(宽*高)像素": strict bounds, K = 1024 bytes
    min_bytes: int = 30 * KIB
    max_bytes: int = 2 * KIB * KIB
    min_width: int = 215
    min_height: int = 300
    # Heuristics (warnings only), measured at the one analysis width whatever the photo's size: the mean of
    # the darkest channel in the top corners and outer strips, and the detail a slight blur removes from the
    # face area (see inspect.sharpness).
    background_min_brightness: float = 200.0
    sharpness_min: float = 45.0
    analysis_width: int = 360
    # The face (qzxl.photos.face), on the detector's face box (brow to chin, about 1/1.55 of the head), as
    # shares of the photo. Sources: the 人社 certificate photo is 358 × 441 with the head about 2/3 of the
    # height, which puts the box at about 0.43 of the height (0.39–0.44 on the calibration ID photos); exam-photo
    # rules ask for the face centred and the head upright. Warnings below a head of about 40 % of the height
    # (half-body) or above about 95 % (no shoulders), a centre more than a tenth of the width off the middle,
    # and less room above the box than 0.30 box heights (the calibration photos have 0.52–1.05: forehead and
    # hair need about 0.45).
    face_check: bool = True
    face_min_height: float = 0.25
    face_max_height: float = 0.62
    face_max_offset: float = 0.10
    face_min_room: float = 0.30
    # Pillow refuses more than ~179 Mpx as a decompression bomb; we stop well before.
    max_pixels: int = 60_000_000
    # What --fix writes: the longest side at most this, JPEG quality searched in this range.
    fix_max_height: int = 1200
    fix_quality: tuple[int, int] = (60, 95)


def human_size(size: int) -> str:
    """Sizes as the college writes them: 30K, 2M.

    >>> human_size(2_500_000), human_size(12_345)
    ('2.4M', '12K')
    """
    if size >= KIB * KIB:
        return f"{size / KIB / KIB:.1f}M"
    return f"{size // KIB}K"
