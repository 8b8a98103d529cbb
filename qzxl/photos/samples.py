"""Generated ID photos for the demo, the tests and the benchmark: a drawn person on a plain background.

Noise on the person keeps the JPEG near the size of a real photo (a flat
drawing would compress to a few kilobytes).

>>> image = portrait(seed=1)
>>> image.size, image.getpixel((3, 3))
((358, 441), (255, 255, 255))
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

WHITE = (255, 255, 255)
GREY_WALL = (150, 150, 150)


def portrait(width: int = 358, height: int = 441, *, background: tuple[int, int, int] = WHITE,
             seed: int = 0, grain: float = 0.0) -> Image.Image:
    """A head-and-shoulders figure centred on ``background``, like a 2-inch ID photo.

    ``grain`` blends sensor-like noise over the whole picture, as in a phone photo.
    """
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    cx = width // 2 + rng.randint(-width // 40, width // 40)
    head_w, head_h = width * 0.36, height * 0.36
    top = height * 0.14
    suit = tuple(rng.randint(10, 60) for _ in range(3))
    draw.polygon([(width * 0.08, height), (width * 0.22, height * 0.72), (width * 0.78, height * 0.72),
                  (width * 0.92, height)], fill=suit)
    draw.rectangle([cx - head_w * 0.18, top + head_h * 0.85, cx + head_w * 0.18, height * 0.76],
                   fill=(226, 186, 160))
    draw.ellipse([cx - head_w / 2, top, cx + head_w / 2, top + head_h], fill=(232, 192, 165))
    draw.chord([cx - head_w / 2 - 2, top - head_h * 0.08, cx + head_w / 2 + 2, top + head_h * 0.55], 180, 360,
               fill=(25, 20, 20))
    for side in (-1, 1):
        ex = cx + side * head_w * 0.2
        draw.ellipse([ex - head_w * 0.06, top + head_h * 0.45, ex + head_w * 0.06, top + head_h * 0.52],
                     fill=(40, 30, 30))
    draw.line([cx - head_w * 0.12, top + head_h * 0.75, cx + head_w * 0.12, top + head_h * 0.75],
              fill=(170, 90, 90), width=max(1, width // 100))
    person = ImageChops.difference(image, Image.new("RGB", image.size, background)).convert("L")
    person = person.point(lambda v: 255 if v > 8 else 0)
    noise = Image.effect_noise((width, height), 60).convert("RGB")
    image.paste(Image.blend(image, noise, 0.3), (0, 0), person)
    if grain:
        image = Image.blend(image, Image.effect_noise((width, height), 50).convert("RGB"), grain)
    return image


def jpeg_bytes(image: Image.Image, *, quality: int = 92, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, **options)
    return buffer.getvalue()


def pdf_bytes(image: Image.Image) -> bytes:
    """A one-page PDF of ``image``, as a scanner writes one (Pillow's PDF writer)."""
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "PDF", resolution=150)
    return buffer.getvalue()


def blurred(image: Image.Image, radius: float = 6) -> Image.Image:
    return image.filter(ImageFilter.GaussianBlur(radius))
