"""Finding an ID card in a phone photo, straightening it to the card's true shape, and telling its side.

The card's outline is looked for two ways on a reduced copy of the photo — closed edge contours
(Canny) and the light card against a darker desk (Otsu) — and every four-sided candidate is then
fitted to the photo's edges: each side a straight line through the strongest edge across it,
away from the rounded corners, and the corners where the lines meet. A candidate is a card only
when its shape can be an ID-1 card seen at up to about 30° (convex, sides in proportion, corners
inside the photo) and its four sides really lie on edges; otherwise nothing is cropped, and the
clerk is told what to photograph again. OpenCV is imported inside the functions that use it.

The side comes from the card itself, turned landscape: the red emblem in one corner (国徽面, the
emblem at the left when the right way up), else the portrait's dense block at one end (人像面, the
portrait at the right). A card whose face is not the pale printed ground of the resident ID card
(a bank card, say) is neither.

>>> from qzxl.idcards.samples import draw_card, phone_photo
>>> shot = phone_photo(draw_card("back", seed=2), background="dark cloth", seed=5)
>>> (card,) = find_cards(as_array(shot.image))
>>> worst_corner_error(card.corners, shot.corners) < 0.015
True
>>> read_side(straighten(as_array(shot.image), card.corners)).side
'back'
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

CARD_ASPECT = 85.6 / 54.0  # ISO/IEC 7810 ID-1
TRUE_SIZE_PX = (1011, 638)  # 85.6 × 54.0 mm at 300 dpi
WORKING_SIDE = 960  # the reduced copy the outline is looked for in
FIT_SIDE = 1800  # the copy the sides are fitted in
MIN_AREA = 0.03  # of the photo
ASPECT_RANGE = (1.33, 2.0)  # 1.586 seen at up to ~30°, either way
BORDER = 0.004  # a corner this close to the photo's edge: the card is cut off
MIN_SUPPORT = 0.75  # share of each side's samples that lie on an edge
TIGHT_CROP = 0.05  # a photo whose own aspect is within 5 % of the card's is a crop already
GLARE_VALUE = 250  # brightness (0–255) of a blown-out pixel


@dataclass(frozen=True)
class FoundCard:
    corners: np.ndarray  # 4 × 2, in the photo's pixels: the outline's top-left, top-right, bottom-right, bottom-left
    support: float  # the weakest side's share of samples on an edge

    @property
    def width_px(self) -> float:
        """The card's width in the photo (its long sides' mean): what the copy's detail can be."""
        c = self.corners
        return float((np.linalg.norm(c[1] - c[0]) + np.linalg.norm(c[2] - c[3])) / 2)


@dataclass(frozen=True)
class Side:
    side: str | None  # "front" (人像面), "back" (国徽面) or None (not recognised)
    upside_down: bool
    pale: bool  # the card's ground is pale and unsaturated, as the resident ID card's is


def as_array(image) -> np.ndarray:
    """An RGB uint8 array of a Pillow image (EXIF turn applied by the caller)."""
    return np.asarray(image.convert("RGB"))


def _order(quad: np.ndarray) -> np.ndarray:
    """Clockwise from the corner that starts a long side, the long side on top when the card lies landscape."""
    centre = quad.mean(axis=0)
    angles = np.arctan2(quad[:, 1] - centre[1], quad[:, 0] - centre[0])
    quad = quad[np.argsort(angles)]  # clockwise in image coordinates (y down)
    sides = [np.linalg.norm(quad[(k + 1) % 4] - quad[k]) for k in range(4)]
    start = 0 if sides[0] + sides[2] >= sides[1] + sides[3] else 1
    quad = np.roll(quad, -start, axis=0)
    if quad[0, 1] + quad[1, 1] > quad[2, 1] + quad[3, 1]:  # the long side lower in the photo: start across
        quad = np.roll(quad, 2, axis=0)
    return quad.astype(np.float64)


def _plausible(quad: np.ndarray, shape: tuple[int, int]) -> bool:
    import cv2

    height, width = shape
    if not cv2.isContourConvex(quad.astype(np.float32).reshape(-1, 1, 2)):
        return False
    if cv2.contourArea(quad.astype(np.float32)) < MIN_AREA * width * height:
        return False
    margin = BORDER * max(width, height)
    if (quad[:, 0] < margin).any() or (quad[:, 1] < margin).any() or (quad[:, 0] > width - 1 - margin).any() or (
            quad[:, 1] > height - 1 - margin).any():
        return False
    sides = [np.linalg.norm(quad[(k + 1) % 4] - quad[k]) for k in range(4)]
    if min(sides[0], sides[2]) < 0.6 * max(sides[0], sides[2]) or min(sides[1], sides[3]) < 0.6 * max(sides[1],
                                                                                                       sides[3]):
        return False
    aspect = (sides[0] + sides[2]) / (sides[1] + sides[3])
    if not ASPECT_RANGE[0] <= aspect <= ASPECT_RANGE[1]:
        return False
    for k in range(4):
        a, b = quad[k - 1] - quad[k], quad[(k + 1) % 4] - quad[k]
        angle = math.degrees(math.acos(np.clip(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), -1, 1)))
        if not 55 <= angle <= 125:
            return False
    return True


def _outlines(small: np.ndarray) -> list[np.ndarray]:
    """Four-sided outlines of light regions and of closed edges in the reduced photo, as float quads."""
    import cv2

    lab = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_RGB2LAB), (5, 5), 0)
    maps = []
    for low, high in ((30, 90), (60, 160)):
        maps.append((cv2.dilate(cv2.Canny(lab[:, :, 0], low, high), np.ones((3, 3), np.uint8)), cv2.RETR_LIST))
    colour = cv2.Canny(lab[:, :, 1], 15, 45) | cv2.Canny(lab[:, :, 2], 15, 45)  # a card that differs in colour only
    maps.append((cv2.dilate(colour, np.ones((3, 3), np.uint8)), cv2.RETR_LIST))
    hsv = cv2.cvtColor(small, cv2.COLOR_RGB2HSV)
    pale = cv2.subtract(hsv[:, :, 2], hsv[:, :, 1])
    _, light = cv2.threshold(cv2.GaussianBlur(pale, (7, 7), 0), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    maps.append((cv2.morphologyEx(cv2.morphologyEx(light, cv2.MORPH_CLOSE, kernel), cv2.MORPH_OPEN, kernel),
                 cv2.RETR_EXTERNAL))
    area = small.shape[0] * small.shape[1]
    quads = []
    for binary, mode in maps:
        contours, _ = cv2.findContours(binary, mode, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            if cv2.contourArea(contour) < MIN_AREA * area:
                continue
            hull = cv2.convexHull(contour)
            perimeter = cv2.arcLength(hull, True)
            for epsilon in (0.01, 0.02, 0.03, 0.05):
                approx = cv2.approxPolyDP(hull, epsilon * perimeter, True)
                if len(approx) == 4:
                    quads.append(approx.reshape(4, 2).astype(np.float64))
                    break
    return quads


def _sample(image: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.remap(image, xs.astype(np.float32), ys.astype(np.float32), cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_REPLICATE)


def _fit_sides(gradients: list[tuple[np.ndarray, np.ndarray]], quad: np.ndarray, reach: float
               ) -> tuple[np.ndarray, float] | None:
    """The quad with each side moved onto the strongest edge across it within ``reach`` px; and the support.

    ``gradients`` are (x, y) gradients of the photo's channels: each side is fitted in the channel and
    polarity where it stands out most (a dark blue card on dark wood differs in colour, not brightness).
    """
    import cv2

    lines, supports = [], []
    for k in range(4):
        p, q = quad[k], quad[(k + 1) % 4]
        length = np.linalg.norm(q - p)
        if length < 10:
            return None
        along = (q - p) / length
        normal = np.array([-along[1], along[0]])
        ts = np.linspace(0.12, 0.88, 48)
        offsets = np.arange(-reach, reach + 0.5, 0.5)
        base = p[None, :] + ts[:, None] * (q - p)[None, :]
        xs = base[:, 0:1] + offsets[None, :] * normal[0]
        ys = base[:, 1:2] + offsets[None, :] * normal[1]
        # one channel and one polarity along the whole side (the card lighter or darker than the desk), so that
        # print near the edge — the emblem's disc, a dark line — with the other polarity is not taken for it
        choices = []
        for gx, gy in gradients:
            signed = _sample(gx, xs, ys) * normal[0] + _sample(gy, xs, ys) * normal[1]
            choices += [np.maximum(signed, 0), np.maximum(-signed, 0)]
        strength = max(choices, key=lambda s: np.median(s.max(axis=1)))
        best = strength.argmax(axis=1)
        peak = strength[np.arange(len(ts)), best]
        floor = max(8.0, 0.35 * float(np.median(peak)))
        strong = peak > floor
        if strong.sum() < len(ts) * 0.4:
            return None
        # sub-pixel: a parabola through the peak and its neighbours
        inner = np.clip(best, 1, len(offsets) - 2)
        left, mid, right = (strength[np.arange(len(ts)), inner + d] for d in (-1, 0, 1))
        denominator = left - 2 * mid + right
        shift = np.where(np.abs(denominator) > 1e-6, 0.5 * (left - right) / np.where(denominator == 0, 1, denominator),
                         0)
        position = offsets[inner] + np.clip(shift, -1, 1) * 0.5
        points = base + position[:, None] * normal[None, :]
        chosen = points[strong].astype(np.float32)
        vx, vy, x0, y0 = cv2.fitLine(chosen, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        residual = np.abs((points[:, 0] - x0) * vy - (points[:, 1] - y0) * vx)
        supports.append(float((strong & (residual < 1.5 + reach * 0.05)).mean()))
        lines.append((np.array([x0, y0]), np.array([vx, vy])))
    corners = []
    for k in range(4):
        (p1, d1), (p2, d2) = lines[k - 1], lines[k]
        matrix = np.array([d1, -d2]).T
        if abs(np.linalg.det(matrix)) < 1e-6:
            return None
        t = np.linalg.solve(matrix, p2 - p1)
        corners.append(p1 + t[0] * d1)
    return np.array(corners), min(supports)


def _overlap(a: np.ndarray, b: np.ndarray) -> float:
    import cv2

    area, _ = cv2.intersectConvexConvex(a.astype(np.float32), b.astype(np.float32))
    return area / min(cv2.contourArea(a.astype(np.float32)), cv2.contourArea(b.astype(np.float32)))


def find_cards(image: np.ndarray, limit: int = 2) -> list[FoundCard]:
    """The cards in a photo (at most ``limit``, largest first); empty when none is plausible."""
    import cv2

    height, width = image.shape[:2]
    factor = math.ceil(max(height, width) / FIT_SIDE)  # a whole number: OpenCV's fast path for INTER_AREA
    fit_scale = 1 / factor
    fit = cv2.resize(image, (width // factor, height // factor), interpolation=cv2.INTER_AREA) if factor > 1 else image
    scale = min(1.0, WORKING_SIDE / max(height, width))  # reduced from ``fit``: a 12-megapixel photo is read once
    small = cv2.resize(fit, None, fx=scale / fit_scale, fy=scale / fit_scale,
                       interpolation=cv2.INTER_AREA) if scale < 1 else image
    lab = cv2.GaussianBlur(cv2.cvtColor(fit, cv2.COLOR_RGB2LAB), (0, 0), 1.2)
    gradients = [(cv2.Sobel(channel, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(channel, cv2.CV_32F, 0, 1, ksize=3))
                 for channel in cv2.split(lab)]
    shape = lab.shape[:2]
    found: list[tuple[float, float, np.ndarray]] = []
    tried: list[np.ndarray] = []
    for quad in _outlines(small):
        quad = _order(quad) * (fit_scale / scale)
        if not _plausible(quad, shape) or any(np.abs(quad - other).max() < 0.01 * max(shape) for other in tried):
            continue
        tried.append(quad)
        fitted = None
        for reach in (0.02 * max(shape) + 4, 4.0):
            fitted = _fit_sides(gradients, quad, reach)
            if fitted is None:
                break
            quad = _order(fitted[0])
        if fitted is None or fitted[1] < MIN_SUPPORT or not _plausible(quad, shape):
            continue
        found.append((fitted[1], cv2.contourArea(quad.astype(np.float32)), quad))
    found.sort(key=lambda item: (-round(item[0], 1), -item[1]))
    chosen: list[tuple[float, float, np.ndarray]] = []
    for item in found:
        if all(_overlap(item[2], other[2]) < 0.1 for other in chosen):
            chosen.append(item)
        if len(chosen) == limit:
            break
    chosen.sort(key=lambda item: -item[1])
    return [FoundCard(quad / fit_scale, support) for support, _, quad in chosen]


def tight_crop(image: np.ndarray) -> bool:
    """The photo is itself a card crop: its aspect within ±5 % of the card's, either way round."""
    height, width = image.shape[:2]
    aspect = max(width, height) / min(width, height)
    return abs(aspect / CARD_ASPECT - 1) <= TIGHT_CROP


def whole_image(image: np.ndarray) -> np.ndarray:
    height, width = image.shape[:2]
    return _order(np.array([(0, 0), (width, 0), (width, height), (0, height)], dtype=np.float64))


def straighten(image: np.ndarray, corners: np.ndarray, width: int | None = None) -> np.ndarray:
    """The card cut out and squared to 85.6:54.0, landscape, ``width`` px wide (never more than the photo holds)."""
    import cv2

    corners = np.asarray(corners, dtype=np.float64)
    source_width = float((np.linalg.norm(corners[1] - corners[0]) + np.linalg.norm(corners[2] - corners[3])) / 2)
    width = min(width or TRUE_SIZE_PX[0], max(1, round(source_width)))
    height = round(width / CARD_ASPECT)
    left, top = np.maximum(np.floor(corners.min(axis=0)) - 2, 0).astype(int)  # only the card's part of the photo
    right, bottom = np.ceil(corners.max(axis=0)).astype(int) + 2
    image, corners = image[top:bottom, left:right], corners - (left, top)
    shrink = min(1.0, 1.5 * width / source_width)  # anti-aliasing: reduce first, then warp
    if shrink < 1:
        image = cv2.resize(image, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA)
        corners = corners * shrink
    target = np.float32([(0, 0), (width, 0), (width, height), (0, height)])
    matrix = cv2.getPerspectiveTransform(corners.astype(np.float32), target)
    return cv2.warpPerspective(image, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def read_side(card: np.ndarray) -> Side:
    """Which side a straightened card shows, and whether it lies upside down."""
    import cv2

    small = cv2.resize(card, (400, 252), interpolation=cv2.INTER_AREA)
    hsv = cv2.cvtColor(small, cv2.COLOR_RGB2HSV)
    hue, saturation, value = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    ground_s, ground_v = float(np.median(saturation)), float(np.median(value))
    pale = ground_s <= 70 and ground_v >= 140
    # the emblem's red is strong and bright; skin and dark clothes in the portrait are neither
    red = (((hue <= 8) | (hue >= 172)) & (saturation >= 150) & (value >= 110)).astype(np.float32)
    h, w = red.shape
    red_left = red[: int(h * 0.6), : int(w * 0.36)].mean()
    red_right = red[int(h * 0.4):, int(w * 0.64):].mean()
    if pale and max(red_left, red_right) >= 0.06 and max(red_left, red_right) >= 3 * min(red_left, red_right):
        return Side("back", bool(red_right > red_left), pale)
    gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY).astype(np.int16)
    ink = (np.abs(gray - int(np.median(gray))) > 28).astype(np.float32)
    right = ink[int(h * 0.1): int(h * 0.72), int(w * 0.62): int(w * 0.93)].mean()
    left = ink[int(h * 0.28): int(h * 0.9), int(w * 0.07): int(w * 0.38)].mean()
    if pale and max(right, left) >= 0.3 and max(right, left) >= 1.6 * min(right, left):
        return Side("front", bool(left > right), pale)
    return Side(None, False, pale)


def sharpness(card: np.ndarray) -> float:
    """The variance of the Laplacian of the straightened card (at most 1011 px wide): small when blurred."""
    import cv2

    gray = cv2.cvtColor(card, cv2.COLOR_RGB2GRAY)
    return float(cv2.Laplacian(gray, cv2.CV_64F).var())


def glare_share(card: np.ndarray) -> float:
    """The share of the card blown out to white in patches of at least 0.5 % of it: a reflection hides them."""
    import cv2

    small = cv2.resize(card, (400, 252), interpolation=cv2.INTER_AREA)
    hsv = cv2.cvtColor(small, cv2.COLOR_RGB2HSV)
    blown = ((hsv[:, :, 2] >= GLARE_VALUE) & (hsv[:, :, 1] <= 30)).astype(np.uint8)
    blown = cv2.morphologyEx(blown, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    _, _, stats, _ = cv2.connectedComponentsWithStats(blown)
    patches = stats[1:, cv2.CC_STAT_AREA]
    return float(patches[patches >= 0.005 * blown.size].sum() / blown.size)


def worst_corner_error(found: np.ndarray, truth) -> float:
    """The largest corner distance, as a share of the true card's width, under the best matching turn of the corners."""
    truth = np.asarray(truth, dtype=np.float64)
    width = (np.linalg.norm(truth[1] - truth[0]) + np.linalg.norm(truth[2] - truth[3])) / 2
    return min(float(np.linalg.norm(np.roll(found, k, axis=0) - truth, axis=1).max()) for k in range(4)) / float(width)


@dataclass(frozen=True)
class CardImage:
    """One card read from a photo: straightened and the right way up, with what the checks need."""

    image: np.ndarray
    side: str | None
    pale: bool
    corners: np.ndarray  # in the photo, from the upright card's top-left, clockwise
    source_width: float  # the card's width in the photo's pixels
    sharpness: float
    glare: float
    cropped: bool  # False: the photo was a tight crop already and is used as it is


def cards_in_photo(image: np.ndarray, limit: int = 2) -> list[CardImage]:
    """Every card in a photo, each straightened and turned; empty when none can be found safely."""
    height, width = image.shape[:2]
    found = [(card.corners, True) for card in find_cards(image, limit)]
    if tight_crop(image) and (not found or _area(found[0][0]) > 0.85 * width * height):
        found = [(whole_image(image), False)]
    cards = []
    for corners, cropped in found:
        card = straighten(image, corners)
        side = read_side(card)
        if side.upside_down:
            card, corners = np.ascontiguousarray(card[::-1, ::-1]), np.roll(corners, 2, axis=0)
        source_width = float((np.linalg.norm(corners[1] - corners[0]) + np.linalg.norm(corners[2] - corners[3])) / 2)
        cards.append(CardImage(card, side.side, side.pale, corners, source_width, sharpness(card), glare_share(card),
                               cropped))
    return cards


def _area(quad: np.ndarray) -> float:
    x, y = quad[:, 0], quad[:, 1]
    return float(abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2)
