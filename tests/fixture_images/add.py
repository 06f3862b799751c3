"""Pictures for a copy of the tiny site (tests/sites/tiny stays as other tests know it): a press photo with a GPS
position in its EXIF, credit and alt text; an image in the Finnish text; a logo for the default share images.

kuva.jpg, kartta.png and logo.png were drawn with Pillow (tests/media/conftest.py's `photo` and `camera_exif`)."""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).parent
RELEASE = "press/2022-09-13-lead-projects"
PHOTO_META = """image:
  src: kuva.jpg
  alt: {fi: Hankkeiden edustajat pöydän ääressä, sv: Projektens representanter vid bordet, en: The projects' representatives at the table}
  credit: Kalle Kuvaaja
"""
SHARE_IMAGE = """share_image:
  src: logo.png
  alt: {fi: Innokaupunkien logo, sv: Innostädernas logotyp, en: The InnoCities logo}
"""


def add_images(content: Path) -> None:
    """Give the copy of the tiny site at `content` its pictures."""
    for name in ("kuva.jpg", "kartta.png"):
        shutil.copyfile(HERE / name, content / RELEASE / name)
    shutil.copyfile(HERE / "logo.png", content / "logo.png")
    with (content / RELEASE / "meta.yaml").open("a", encoding="utf-8") as meta:
        meta.write(PHOTO_META)
    with (content / RELEASE / "fi.md").open("a", encoding="utf-8") as text:
        text.write("\n![Kartta kaupungeista](kartta.png)\n")
    with (content / "site.yaml").open("a", encoding="utf-8") as site:
        site.write(SHARE_IMAGE)
