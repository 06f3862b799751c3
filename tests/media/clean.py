"""What "no metadata" means in these tests: looked for with Pillow and in the bytes themselves."""

from __future__ import annotations

import io

from PIL import Image

SECRETS = (
    b"Exif",
    b"EXIF",
    b"GPS",
    b"<x:xmpmeta",
    b"xpacket",
    b"Secret",
    b"PhoneMaker",
    b"Phone X",
    b"2024:05:01",
    b"8BIM",
)
"""Markers of EXIF, XMP and IPTC blocks and the fixtures' own camera, author and time strings."""


def metadata_in(data: bytes) -> list[str]:
    """Every trace of metadata in an image file: its EXIF as Pillow reads it, Pillow's info keys that carry
    metadata, and telltale bytes."""
    found = [repr(secret) for secret in SECRETS if secret in data]
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    if len(exif):
        found.append(f"EXIF {dict(exif)}")
    found += [
        f"info[{key!r}]"
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "Author", "photoshop")
        if key in image.info
    ]
    return found


def colour_at(data: bytes, where: tuple[float, float]) -> tuple[int, ...]:
    """The RGB colour at a point given as fractions of the width and height."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    return image.getpixel((int(where[0] * (image.width - 1)), int(where[1] * (image.height - 1))))


def near(colour: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 24) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))
