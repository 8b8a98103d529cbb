"""The face in an ID photo: is there exactly one, of the certificate's size, centred, upright, with room above?

The notice asks for 近期免冠白底、清晰的本人证件照. A photo of an ID card, a group photo, a half-body selfie or a
close-up can all have a pale background; this module finds the face and says what is wrong with the framing.
It answers in fractions of the photo, so the verdict does not depend on the photo's resolution.

The detector is OpenCV's Haar cascade ``haarcascade_frontalface_alt2.xml``, which ships inside the
``opencv-python-headless`` 4.x wheel (no model is downloaded). cv2 is imported only by :func:`find_faces`, so a
workbook without photos never loads it. Detection runs on the inspection's analysis image, made smaller:

1. faces at least 30 % of the photo's width, on a copy 110 pixels wide (every ID photo stops here);
2. if none, faces down to 10 % of the width on a copy 200 wide (a half-body selfie, a photo of a document);
3. if still none, pass 1 on the photo turned by ±20°: a face found only so is a strongly tilted head.

Calibration (``python -m benchmarks.faces``; the images and their licences are listed in
tests/data/photos/README.md): 9 real ID-style portraits (HivisionIDPhotos, Apache-2.0), each as is, shrunk to
216 wide, turned ±10°, darker, brighter and flatter — 63 photos: one face found in every one, never none, never
two; no framing finding on the four finished ID photos. 6 real non-portraits (scikit-image's public-domain and
CC0 images: bricks, a man with a camera in profile, a cat, coffee, a rocket, printed text): no face in any (nor
in five more of its images measured while calibrating: colour chart, logo, Hubble deep field, motorcycle, page).
The half-body astronaut (NASA): one face, too small. Detector CPU time: median 4.2 ms per photo on one thread
(pass 1 alone, every ID photo: about 1.5 ms).
Hence "no face" and "more than one face" are errors (they stop the export, like the other photo errors no fix
can cure): no good ID photo of the calibration set gets either. The rest are warnings. The cascades met every
threshold, so no second library (dlib's HOG detector, an ONNX/TFLite model) was added.
The ±10° rule of exam photos cannot be measured this way: the cascade itself finds faces turned up to about
15°, so only a stronger tilt is reported.

>>> framing_problems((Face(0.30, 0.25, 0.40, 0.43),), PhotoSettings())
[]
>>> [code for code, _ in framing_problems((Face(0.60, 0.25, 0.15, 0.12),), PhotoSettings())]
['photo-face-small', 'photo-face-off-centre']
>>> framing_problems((), PhotoSettings())
[('photo-no-face', {})]
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qzxl.photos.settings import PhotoSettings

if TYPE_CHECKING:
    from PIL import Image

CASCADE = "haarcascade_frontalface_alt2.xml"  # of the four frontal cascades, the one that never saw two faces
FIRST_WIDTH, FIRST_MIN_FACE = 110, 0.3  # pass 1: the copy's width, the smallest face as a share of it
SECOND_WIDTH, SECOND_MIN_FACE = 200, 0.1  # pass 2
TILTS = (20, -20)  # pass 3: degrees the photo is turned (counter-clockwise) before looking again
COMPANION = 0.5  # a second face counts when at least this share of the largest face's width (not a pattern)
SCALE_STEP, NEIGHBOURS = 1.15, 3  # OpenCV's scaleFactor and minNeighbors, as calibrated

# Where the head is, from the detector's face box (brow to chin): on the calibration photos the crown is
# 0.33–0.69 box heights above the box and the chin about 0.1 below it, so the head is about 1.55 box heights.
HEAD_ABOVE_FACE, HEAD_BELOW_FACE = 0.45, 0.10
# The certificate framing 修复照片 crops to: 358:441 (the 人社 certificate photo), the head about 2/3 of the
# height, a margin above the head of a tenth of the height.
CERTIFICATE_ASPECT = 358 / 441
CERTIFICATE_HEAD = 2 / 3
CERTIFICATE_MARGIN = 0.10
CROP_CURES = frozenset({"photo-face-small", "photo-face-off-centre"})  # what 修复照片's crop fixes
CROP_HEAD_MAX = 0.80  # the most of the height a head may take when there is too little photo for 2/3


@dataclass(frozen=True)
class Face:
    """A face box as fractions of the upright photo (left, top, width, height), and the tilt it was found at."""

    left: float
    top: float
    width: float
    height: float
    tilt: int = 0

    @property
    def centre(self) -> float:
        return self.left + self.width / 2


def find_faces(image: Image.Image) -> tuple[Face, ...]:
    """Every face in ``image`` (the upright analysis image, in colour or grey), largest first."""
    from PIL import Image, ImageOps

    grey = image if image.mode == "L" else ImageOps.grayscale(image)
    for width, smallest in ((FIRST_WIDTH, FIRST_MIN_FACE), (SECOND_WIDTH, SECOND_MIN_FACE)):
        faces = _detect(_scaled(grey, width), smallest)
        if faces:
            return faces
    small = _scaled(grey, FIRST_WIDTH)
    for angle in TILTS:
        turned = small.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=int(_edge_grey(small)))
        found = _detect(turned, FIRST_MIN_FACE)
        if found:
            return tuple(Face(f.left, f.top, f.width, f.height, angle) for f in found)
    return ()


def _scaled(grey: Image.Image, width: int) -> Image.Image:
    from PIL import Image

    return grey.resize((width, max(1, round(width * grey.height / grey.width))), Image.Resampling.BOX,
                       reducing_gap=1.0)  # the whole part of the shrink by Image.reduce, which is cheaper


def _edge_grey(grey: Image.Image) -> float:
    """The mean of the top row: what the corners a turn uncovers are filled with (no new edges to find faces in)."""
    from PIL import ImageStat

    return ImageStat.Stat(grey.crop((0, 0, grey.width, 1))).mean[0]


def _detect(grey: Image.Image, smallest: float) -> tuple[Face, ...]:
    import cv2
    import numpy

    pixels = cv2.equalizeHist(numpy.asarray(grey))
    side = max(20, round(grey.width * smallest))  # the cascade's own window is 20 × 20
    boxes = _cascade().detectMultiScale(pixels, scaleFactor=SCALE_STEP, minNeighbors=NEIGHBOURS,
                                        minSize=(side, side))
    width, height = grey.size
    faces = sorted((Face(round(int(x) / width, 3), round(int(y) / height, 3), round(int(w) / width, 3),
                         round(int(h) / height, 3)) for x, y, w, h in boxes), key=lambda face: -face.width)
    return tuple(face for face in faces if face.width >= faces[0].width * COMPANION)


def load_detector() -> None:
    """Import cv2 and read the cascade now (before worker processes are forked, so they share it)."""
    _cascade()


@functools.cache
def _cascade():  # -> cv2.CascadeClassifier (cv2 is imported here, not at module level)
    import cv2

    cv2.setNumThreads(1)  # photos are spread over processes; threads inside each would fight over the cores
    classifier = cv2.CascadeClassifier(cv2.data.haarcascades + CASCADE)
    if classifier.empty():
        raise RuntimeError(f"OpenCV's {CASCADE} is missing")
    return classifier


def framing_problems(faces: tuple[Face, ...], settings: PhotoSettings) -> list[tuple[str, dict]]:
    """What is wrong with the faces found, as (catalogue code, parameters); see PhotoSettings for the bounds."""
    if not faces:
        return [("photo-no-face", {})]
    if len(faces) > 1:
        return [("photo-faces", {"count": len(faces)})]
    face = faces[0]
    if face.tilt:
        return [("photo-face-tilted", {"degrees": abs(face.tilt)})]
    problems: list[tuple[str, dict]] = []
    share = min(100, round(face.height * (1 + HEAD_ABOVE_FACE + HEAD_BELOW_FACE) * 100))  # the head's, as said
    if face.height < settings.face_min_height:
        problems.append(("photo-face-small", {"share": share}))
    elif face.height > settings.face_max_height:
        problems.append(("photo-face-large", {"share": share}))
    offset = face.centre - 0.5
    if abs(offset) > settings.face_max_offset:
        problems.append(("photo-face-off-centre", {"side": "face-left" if offset < 0 else "face-right"}))
    if face.top < face.height * settings.face_min_room:
        problems.append(("photo-face-top", {}))
    return problems


def certificate_crop(width: int, height: int, face: Face) -> tuple[int, int, int, int] | None:
    """The box (left, top, right, bottom) to crop a ``width`` × ``height`` photo to the certificate framing.

    The head is made about 2/3 of the height and centred, with a margin above it; where the photo has too little
    room around the head, the head may take up to CROP_HEAD_MAX of the height and the margin above it may be
    smaller. None when even that does not fit:
    the crop never cuts through the head and never needs pixels the photo does not have.

    >>> certificate_crop(1000, 1500, Face(0.4, 0.3, 0.2, 0.13))
    (316, 317, 684, 770)
    """
    box_top, box_height = face.top * height, face.height * height
    crown = box_top - HEAD_ABOVE_FACE * box_height
    chin = box_top + (1 + HEAD_BELOW_FACE) * box_height
    centre = face.centre * width
    head = chin - crown
    if crown < 0 or chin > height:
        return None
    crop_height = min(head / CERTIFICATE_HEAD, 2 * min(centre, width - centre) / CERTIFICATE_ASPECT, height)
    if head > crop_height * CROP_HEAD_MAX:
        return None
    top = max(0.0, crown - CERTIFICATE_MARGIN * crop_height)
    if top + crop_height > height:
        top = height - crop_height
    crop_width = crop_height * CERTIFICATE_ASPECT
    left = centre - crop_width / 2
    return round(left), round(top), round(left + crop_width), round(top + crop_height)
