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
    head_w = min(width, height * 358 / 441) * 0.36  # a face keeps its shape in any frame
    head_h = head_w * 441 / 358
    top = height * 0.14
    suit = tuple(rng.randint(10, 60) for _ in range(3))
    draw.polygon([(width * 0.08, height), (width * 0.22, height * 0.72), (width * 0.78, height * 0.72),
                  (width * 0.92, height)], fill=suit)
    draw.rectangle([cx - head_w * 0.18, top + head_h * 0.85, cx + head_w * 0.18, height * 0.76],
                   fill=(200, 160, 135))
    draw.ellipse([cx - head_w / 2, top, cx + head_w / 2, top + head_h], fill=(232, 192, 165))
    draw.chord([cx - head_w / 2 - 2, top - head_h * 0.08, cx + head_w / 2 + 2, top + head_h * 0.45], 180, 360,
               fill=(25, 20, 20))
    # Brows, eyes, nose and mouth with the light and dark areas of a face: OpenCV's face detector finds it.
    for side in (-1, 1):
        ex = cx + side * head_w * 0.2
        draw.line([ex - head_w * 0.1, top + head_h * 0.38, ex + head_w * 0.1, top + head_h * 0.37],
                  fill=(50, 35, 30), width=max(2, width // 50))
        draw.ellipse([ex - head_w * 0.09, top + head_h * 0.43, ex + head_w * 0.09, top + head_h * 0.52],
                     fill=(150, 110, 95))
        draw.ellipse([ex - head_w * 0.05, top + head_h * 0.44, ex + head_w * 0.05, top + head_h * 0.51],
                     fill=(40, 30, 30))
    draw.polygon([(cx, top + head_h * 0.5), (cx - head_w * 0.06, top + head_h * 0.68),
                  (cx + head_w * 0.06, top + head_h * 0.68)], fill=(205, 162, 140))
    draw.ellipse([cx - head_w * 0.16, top + head_h * 0.76, cx + head_w * 0.16, top + head_h * 0.82],
                 fill=(170, 90, 90))
    person = ImageChops.difference(image, Image.new("RGB", image.size, background)).convert("L")
    person = person.point(lambda v: 255 if v > 8 else 0)
    face = Image.new("L", image.size, 0)
    ImageDraw.Draw(face).ellipse([cx - head_w / 2, top + head_h * 0.3, cx + head_w / 2, top + head_h], fill=255)
    noise = _noise(rng, width, height)
    image.paste(Image.blend(image, noise, 0.3), (0, 0), ImageChops.subtract(person, face))
    image.paste(Image.blend(image, noise, 0.1), (0, 0), face)  # light enough for the face detector to find it
    if grain:
        image = Image.blend(image, _noise(rng, width, height), grain)
    return image


def _noise(rng: random.Random, width: int, height: int) -> Image.Image:
    """Grey noise around mid-grey (the mean of two uniform images), the same for the same ``rng`` state.

    Pillow's effect_noise draws from the C library's generator, so a photo would differ with what ran before it.
    """
    first, second = (Image.frombytes("L", (width, height), rng.randbytes(width * height)) for _ in range(2))
    return Image.blend(first, second, 0.5).convert("RGB")


def jpeg_bytes(image: Image.Image, *, quality: int = 92, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, **options)
    return buffer.getvalue()


def pdf_bytes(image: Image.Image) -> bytes:
    """A one-page PDF of ``image``, as a scanner writes one (Pillow's PDF writer)."""
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "PDF", resolution=150)
    return buffer.getvalue()


def blurred(image: Image.Image, radius: float = 3) -> Image.Image:
    return image.filter(ImageFilter.GaussianBlur(radius))
