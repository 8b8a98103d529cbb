"""Drawn ID cards and phone photos of them, for the demo, the tests and the benchmark: never a real card.

A card is drawn at 300 dpi (1011 × 638 px) with the layout of the second-generation card — on the
人像面 the text at the left and the portrait at the right, on the 国徽面 a red emblem at the top
left and the title at the right — but with made-up text and a drawn person. A *decoy* is a
bank-card-like card of the same ID-1 size. :func:`phone_photo` puts a card on a desk the way
trainees photograph it and returns the card's four corners in the photo, so a finder can be scored.

>>> card = draw_card("front", seed=1)
>>> card.size
(1011, 638)
>>> shot = phone_photo(card, background="wood", seed=3)
>>> shot.image.size, len(shot.corners)
((1600, 1200), 4)
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from qzxl.idcards.fonts import chinese_font

CARD_SIZE = (1011, 638)  # 85.6 × 54.0 mm at 300 dpi
CORNER_RADIUS = 0.0371  # ISO/IEC 7810 ID-1: 3.18 mm of the 85.6 mm width
BACKGROUNDS = ("wood", "dark cloth", "pattern", "white paper")
_CARD_TINT = (232, 238, 236)
_INK = (30, 30, 36)


@cache
def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    found = chinese_font()
    if found is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(found.path), size, index=found.index)


def _guilloche(draw: ImageDraw.ImageDraw, size: tuple[int, int], colour: tuple[int, int, int], rng) -> None:
    width, height = size
    for k in range(14):
        phase, amplitude = rng.uniform(0, 6.3), rng.uniform(8, 30)
        y0 = height * k / 14
        points = [(x, y0 + amplitude * math.sin(x / 40 + phase)) for x in range(0, width + 10, 10)]
        draw.line(points, fill=colour, width=1)


def _digits(rng: random.Random, count: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(count))


def draw_card(side: str, *, seed: int = 0) -> Image.Image:
    """A landscape card the right way up: ``side`` is "front" (人像面), "back" (国徽面) or "decoy" (a bank card)."""
    rng = random.Random(seed)
    width, height = CARD_SIZE
    if side == "decoy":
        return _decoy(rng)
    card = Image.new("RGB", CARD_SIZE, _CARD_TINT)
    draw = ImageDraw.Draw(card)
    _guilloche(draw, CARD_SIZE, (214, 226, 226), rng)
    if side == "front":
        _head_and_shoulders(draw, (int(width * 0.62), int(height * 0.1), int(width * 0.94), int(height * 0.76)), rng)
        small, number = _font(30), _font(40)
        surname = rng.choice("王李张刘陈杨黄赵吴周徐孙")
        lines = [("姓名", surname + rng.choice("伟芳娜敏静丽强磊军洋")),
                 ("性别", rng.choice("男女") + "    民族  汉"),
                 ("出生", f"{rng.randint(1960, 2006)} 年 {rng.randint(1, 12)} 月 {rng.randint(1, 28)} 日"),
                 ("住址", "浙江省衢州市柯城区"), ("", f"示例路{rng.randint(1, 300)}号")]
        for row, (label, value) in enumerate(lines):
            y = height * (0.12 + row * 0.125)
            draw.text((width * 0.07, y), label, font=small, fill=(70, 110, 150))
            draw.text((width * 0.19, y), value, font=small, fill=_INK)
        draw.text((width * 0.07, height * 0.82), "公民身份号码", font=small, fill=(70, 110, 150))
        draw.text((width * 0.33, height * 0.81), "330802" + _digits(rng, 12), font=number, fill=_INK)
    else:
        _emblem(draw, (int(width * 0.15), int(height * 0.28)), int(height * 0.2))
        draw.text((width * 0.36, height * 0.2), "中华人民共和国", font=_font(52), fill=_INK)
        draw.text((width * 0.36, height * 0.36), "居民身份证", font=_font(78), fill=_INK)
        draw.text((width * 0.2, height * 0.68), "签发机关  衢州市公安局示例分局", font=_font(30), fill=_INK)
        draw.text((width * 0.2, height * 0.8), f"有效期限  2020.01.01-20{rng.randint(30, 45)}.01.01",
                  font=_font(30), fill=_INK)
    return card


def _head_and_shoulders(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], rng: random.Random) -> None:
    """The card's portrait as it is printed: head and shoulders filling the frame, no frame of its own."""
    left, top, right, bottom = box
    w, h = right - left, bottom - top
    cx = left + w / 2 + rng.uniform(-0.03, 0.03) * w
    skin = (rng.randint(200, 235), rng.randint(160, 195), rng.randint(130, 165))
    clothes = tuple(rng.randint(20, 90) for _ in range(3))
    draw.polygon([(left, bottom), (left + w * 0.08, top + h * 0.74), (cx - w * 0.18, top + h * 0.66),
                  (cx + w * 0.18, top + h * 0.66), (right - w * 0.08, top + h * 0.74), (right, bottom)], fill=clothes)
    draw.rectangle([cx - w * 0.13, top + h * 0.5, cx + w * 0.13, top + h * 0.72], fill=skin)
    draw.ellipse([cx - w * 0.27, top + h * 0.1, cx + w * 0.27, top + h * 0.62], fill=skin)
    draw.chord([cx - w * 0.3, top + h * 0.04, cx + w * 0.3, top + h * 0.42], 180, 360, fill=(25, 20, 20))
    for sign in (-1, 1):
        ex = cx + sign * w * 0.1
        draw.ellipse([ex - w * 0.035, top + h * 0.33, ex + w * 0.035, top + h * 0.37], fill=(35, 25, 25))
    draw.line([cx - w * 0.07, top + h * 0.5, cx + w * 0.07, top + h * 0.5], fill=(160, 80, 80), width=3)


def _emblem(draw: ImageDraw.ImageDraw, centre: tuple[int, int], radius: int) -> None:
    """A red disc with a gold star and rays: emblem-like, not the emblem."""
    x, y = centre
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(200, 30, 30))
    for k in range(12):
        angle = k * math.pi / 6
        draw.line([(x, y), (x + radius * 0.9 * math.cos(angle), y + radius * 0.9 * math.sin(angle))],
                  fill=(225, 170, 40), width=3)
    star = [(x + radius * (0.5 if k % 2 == 0 else 0.2) * math.cos(k * math.pi / 5 - math.pi / 2),
             y + radius * (0.5 if k % 2 == 0 else 0.2) * math.sin(k * math.pi / 5 - math.pi / 2)) for k in range(10)]
    draw.polygon(star, fill=(240, 200, 50))


def _decoy(rng: random.Random) -> Image.Image:
    """A bank-card-like card: a saturated gradient, a chip, a card number and a three-colour logo."""
    width, height = CARD_SIZE
    start = (rng.randint(0, 60), rng.randint(40, 120), rng.randint(120, 200))
    end = (rng.randint(100, 200), rng.randint(0, 80), rng.randint(60, 160))
    ramp = Image.linear_gradient("L").rotate(90).resize(CARD_SIZE)
    card = Image.merge("RGB", [ramp.point(lambda v, a=a, b=b: a + (b - a) * v // 255)
                               for a, b in zip(start, end, strict=True)])
    draw = ImageDraw.Draw(card)
    draw.rounded_rectangle([width * 0.1, height * 0.35, width * 0.22, height * 0.55], radius=12, fill=(212, 175, 80))
    draw.text((width * 0.1, height * 0.62), " ".join(_digits(rng, 4) for _ in range(4)), font=_font(58),
              fill=(240, 240, 240))
    draw.text((width * 0.1, height * 0.1), "示例银行  借记卡", font=_font(44), fill=(255, 255, 255))
    for k, colour in enumerate(((220, 30, 40), (20, 60, 160), (20, 140, 120))):
        left = width * (0.72 + 0.06 * k)
        draw.polygon([(left, height * 0.92), (left + width * 0.05, height * 0.72), (left + width * 0.1, height * 0.72),
                      (left + width * 0.05, height * 0.92)], fill=colour)
    return card


def _background(kind: str, size: tuple[int, int], rng: random.Random) -> Image.Image:
    width, height = size
    if kind == "wood":
        base = Image.new("RGB", size, (rng.randint(120, 160), rng.randint(75, 100), rng.randint(40, 60)))
        draw = ImageDraw.Draw(base)
        for _ in range(90):
            y, tone = rng.uniform(0, height), rng.randint(-30, 25)
            colour = tuple(max(0, min(255, c + tone)) for c in base.getpixel((0, 0)))
            draw.line([(x, y + 12 * math.sin(x / rng.uniform(80, 200))) for x in range(0, width + 20, 20)],
                      fill=colour, width=rng.randint(2, 9))
    elif kind == "dark cloth":
        tone = rng.randint(25, 60)
        base = Image.new("RGB", size, (tone, tone, tone + rng.randint(0, 30)))
    elif kind == "pattern":
        base = Image.new("RGB", size, (rng.randint(60, 140), rng.randint(60, 140), rng.randint(60, 140)))
        draw = ImageDraw.Draw(base)
        step = rng.randint(50, 110)
        palette = [tuple(rng.randint(30, 190) for _ in range(3)) for _ in range(3)]
        for row in range(-1, height // step + 2):
            for col in range(-1, width // step + 2):
                x, y = col * step + (step // 2) * (row % 2), row * step
                draw.ellipse([x, y, x + step * 0.7, y + step * 0.7], fill=palette[(row + col) % 3])
                draw.line([(x, y + step), (x + step, y)], fill=palette[(row * col) % 3], width=4)
    elif kind == "white paper":
        tone = rng.randint(222, 245)
        base = Image.new("RGB", size, (tone, tone, tone - rng.randint(0, 8)))
    else:
        raise ValueError(kind)
    import cv2
    import numpy as np

    noise = np.empty(size[::-1], np.uint8)
    cv2.setRNGSeed(rng.randint(0, 2**31))
    cv2.randn(noise, 128, 40)
    return Image.blend(base, Image.fromarray(noise).convert("RGB"), 0.06 if kind != "dark cloth" else 0.12)


@dataclass(frozen=True)
class PhonePhoto:
    image: Image.Image
    corners: tuple[tuple[float, float], ...]  # the card's top-left, top-right, bottom-right, bottom-left in the photo
    glare: bool


def card_corners(size: tuple[int, int], rng: random.Random, *, tilt: float = 30, fill: tuple[float, float] = (0.45, 0.8)
                 ) -> list[tuple[float, float]]:
    """Where a card's corners land in a photo: any rotation, a tilt up to ``tilt`` degrees, a pinhole camera."""
    width, height = size
    half_w, half_h = 0.5, 0.5 * CARD_SIZE[1] / CARD_SIZE[0]  # in card widths
    points = [(-half_w, -half_h), (half_w, -half_h), (half_w, half_h), (-half_w, half_h)]
    spin = rng.uniform(0, 2 * math.pi)
    axis = rng.uniform(0, math.pi)
    angle = math.radians(rng.uniform(0, tilt))
    focal = 1.3  # in card widths at distance 1: a phone's normal lens
    placed = []
    for x, y in points:
        x, y = x * math.cos(spin) - y * math.sin(spin), x * math.sin(spin) + y * math.cos(spin)
        # tilt about an axis in the card's plane through its centre
        along = x * math.cos(axis) + y * math.sin(axis)
        across = -x * math.sin(axis) + y * math.cos(axis)
        depth = across * math.sin(angle)
        across *= math.cos(angle)
        x, y = along * math.cos(axis) - across * math.sin(axis), along * math.sin(axis) + across * math.cos(axis)
        scale = focal / (focal + depth)
        placed.append((x * scale, y * scale))
    xs, ys = [p[0] for p in placed], [p[1] for p in placed]
    span = max(max(xs) - min(xs), (max(ys) - min(ys)) * width / height)
    size_px = width * rng.uniform(*fill) / span
    room_x = max(0.0, (width - (max(xs) - min(xs)) * size_px) / 2 - 0.02 * width)  # all four corners in the frame
    room_y = max(0.0, (height - (max(ys) - min(ys)) * size_px) / 2 - 0.02 * height)
    cx, cy = width / 2 + rng.uniform(-room_x, room_x), height / 2 + rng.uniform(-room_y, room_y)
    mx, my = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return [(cx + (x - mx) * size_px, cy + (y - my) * size_px) for x, y in placed]


def phone_photo(card: Image.Image, *, background: str = "wood", seed: int = 0, size: tuple[int, int] = (1600, 1200),
                tilt: float = 30, blur: float | None = None, glare: bool | None = None,
                corners: list[tuple[float, float]] | None = None, scene: Image.Image | None = None) -> PhonePhoto:
    """``card`` lying on ``background``, photographed: perspective, shadow, uneven light, blur, a glare spot."""
    import cv2
    import numpy as np

    rng = random.Random(seed)
    corners = corners or card_corners(size, rng, tilt=tilt)
    scene = scene.copy() if scene is not None else _background(background, size, rng)
    width, height = CARD_SIZE
    mask = Image.new("L", CARD_SIZE, 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, width - 1, height - 1], radius=round(CORNER_RADIUS * width), fill=255)
    source = np.float32([(0, 0), (width, 0), (width, height), (0, height)])
    matrix = cv2.getPerspectiveTransform(source, np.float32(corners))
    warp = {"dsize": size, "flags": cv2.INTER_LINEAR}
    card_px = cv2.warpPerspective(np.asarray(card.convert("RGB")), matrix, **warp)
    alpha = cv2.warpPerspective(np.asarray(mask), matrix, **warp).astype(np.float32) / 255
    quarter = cv2.resize(np.roll(alpha, (8, 6), axis=(0, 1)), (size[0] // 4, size[1] // 4),
                         interpolation=cv2.INTER_AREA)  # the shadow blurred at a quarter size: the same, faster
    shadow = cv2.resize(cv2.GaussianBlur(quarter, (0, 0), 2.25), size, interpolation=cv2.INTER_LINEAR) * 0.45
    xs = np.arange(size[0], dtype=np.float32)[None, :]
    ys = np.arange(size[1], dtype=np.float32)[:, None]
    light = 0.82 + 0.11 * (xs / size[0] * math.cos(seed) + ys / size[1] * math.sin(seed) + 1)
    desk = (1 - shadow) * (1 - alpha) * light
    out = np.asarray(scene, dtype=np.float32) * desk[..., None]
    out += card_px.astype(np.float32) * (alpha * light)[..., None]
    glare = rng.random() < 0.3 if glare is None else glare
    if glare:
        gx, gy = np.mean(corners, axis=0) + rng.uniform(-0.15, 0.15) * size[0]
        radius = size[0] * rng.uniform(0.03, 0.07)
        spot = np.exp(-((xs - gx) ** 2 + (ys - gy) ** 2) / (2 * radius**2)) * 220 * alpha
        out += spot[..., None]
    noise = np.empty(size[::-1], np.float32)
    cv2.setRNGSeed(seed)
    cv2.randn(noise, 0, rng.uniform(1, 4))  # sensor noise
    out += noise[..., None]
    out = np.clip(out, 0, 255, out=out).astype(np.uint8)
    blur = rng.uniform(0, 1.8) if blur is None else blur
    if blur > 0.2:
        out = cv2.GaussianBlur(out, (0, 0), blur)
    return PhonePhoto(Image.fromarray(out), tuple((float(x), float(y)) for x, y in corners), glare)


def both_sides_photo(front: Image.Image, back: Image.Image, *, background: str = "wood", seed: int = 0
                     ) -> tuple[Image.Image, list, list]:
    """Both cards side by side in one photo (tilted less: they lie flat together); the photo and their corners."""
    rng = random.Random(seed)
    size = (1800, 1200)
    half = (size[0] // 2, size[1])
    left = [(x, y) for x, y in card_corners(half, rng, tilt=12, fill=(0.7, 0.85))]
    right = [(x + half[0], y) for x, y in card_corners(half, rng, tilt=12, fill=(0.7, 0.85))]
    first = phone_photo(front, background=background, seed=seed, size=size, corners=left, glare=False, blur=0)
    second = phone_photo(back, seed=seed + 1, size=size, corners=right, glare=False, blur=0, scene=first.image)
    return second.image, left, right
