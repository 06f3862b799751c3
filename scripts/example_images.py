"""Draw the example content's pictures (no photographs: drawings made here, free of anyone's rights).

    python scripts/example_images.py

writes content/press/2022-09-13-lead-projects/kaupungit.jpg (the release's photo, an illustration of the six lead
cities linked across a map-like ground) and content/share-logo.png (the mark the default share images are drawn
from: sixteen city regions in a ring). The same Pillow gives the same bytes.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

CONTENT = Path(__file__).resolve().parent.parent / "content"
BRAND = (0, 59, 115)


def release_photo() -> Image.Image:
    """1800 x 1200: a dusk sky over water, six lights joined by lines."""
    width, height = 1800, 1200
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        sky = (int(20 + 200 * t), int(50 + 120 * t), int(110 + 90 * (1 - t)))
        draw.line([(0, y), (width, y)], fill=sky if y < height * 0.62 else (int(10 + 40 * t), 40, int(90 + 40 * t)))
    lights = [(330, 560), (620, 380), (900, 520), (1180, 330), (1420, 470), (1560, 640)]
    for a, b in zip(lights, lights[1:], strict=False):
        draw.line([a, b], fill=(255, 214, 102), width=6)
    for x, y in lights:
        draw.ellipse([x - 26, y - 26, x + 26, y + 26], fill=(255, 236, 179))
    for i in range(40):
        x = (i * 397) % width
        draw.rectangle([x, 700 + (i * 53) % 60, x + 90 + (i * 31) % 120, 760 + (i * 17) % 40], fill=(30, 60, 95))
    return image.filter(ImageFilter.GaussianBlur(1.2))


def share_logo() -> Image.Image:
    """600 x 600 with transparency: sixteen dots in a ring around a bright centre."""
    image = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for i in range(16):
        angle = 2 * math.pi * i / 16
        x, y = 300 + 220 * math.cos(angle), 300 + 220 * math.sin(angle)
        draw.ellipse([x - 30, y - 30, x + 30, y + 30], fill=(255, 255, 255, 255))
    draw.ellipse([200, 200, 400, 400], fill=(255, 204, 0, 255))
    return image


def main() -> None:
    release_photo().save(CONTENT / "press/2022-09-13-lead-projects/kaupungit.jpg", quality=88)
    share_logo().save(CONTENT / "share-logo.png", optimize=True)


if __name__ == "__main__":
    main()
