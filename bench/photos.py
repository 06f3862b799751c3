"""Photos for part of the benchmark corpus (`python -m bench N --images`): one for every fifth release, and a
logo for the default share images.

Each photo is a 2400 x 1600 camera-like JPEG (quality 90, about 1.5 MB: gradient, shapes and noise, as
bench/images.py's stand-in) with a GPS position, made from one of a few drawn bases with a mark of its own, so that
every release's photo has other bytes (the build caches images by their bytes: shared bytes would flatter it).
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw

from bench.images import camera_photo
from bench.model import Corpus

EVERY = 5
"""One release in this many gets a photo."""
SIZE = (2400, 1600)
BASES = 6
SHARE_IMAGE = "share_image:\n  src: logo.png\n  alt: {fi: Innokaupungit, sv: Innostäderna, en: InnoCities}\n"


def gps_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Camera"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (61.0, 29.0, 51.0), "E", (23.0, 45.0, 40.0)
    return exif


def add_photos(content: Path, corpus: Corpus) -> int:
    """Give every fifth release of the corpus written at `content` a photo, the site a share logo; how many photos."""
    bases = [Image.open(io.BytesIO(camera_photo(SIZE))).rotate(90 * k, expand=False) for k in range(BASES)]
    chance = random.Random(5)
    count = 0
    for index, release in enumerate(corpus.releases):
        if index % EVERY:
            continue
        picture = bases[index % BASES].copy()
        x, y = chance.randrange(SIZE[0] - 300), chance.randrange(SIZE[1] - 300)
        colour = tuple(chance.randrange(256) for _ in range(3))
        ImageDraw.Draw(picture).rectangle((x, y, x + 300, y + 200), fill=colour)
        folder = content / "press" / release.id
        picture.save(folder / "kuva.jpg", "JPEG", quality=90, exif=gps_exif())
        with (folder / "meta.yaml").open("a", encoding="utf-8") as meta:
            meta.write(f"image:\n  src: kuva.jpg\n  alt: Kuva {index}\n  credit: Kuvaaja {index % 17}\n")
        count += 1
    logo = Image.new("RGBA", (600, 300), (0, 0, 0, 0))
    ImageDraw.Draw(logo).rounded_rectangle((20, 20, 580, 280), 40, fill=(255, 255, 255, 255))
    logo.save(content / "logo.png")
    with (content / "site.yaml").open("a", encoding="utf-8") as site:
        site.write(SHARE_IMAGE)
    return count
