"""Opening an image safely and turning it into clean pixels: upright, sRGB, RGB or RGBA, no metadata.

Every function here takes bytes: nothing reads or writes files. Pillow opens only the formats the site allows, so
the parsers of rarer formats never see a file. A file is opened lazily (only its header is read) and its pixel count
checked against the limit before any decoding. Pillow's own decompression-bomb guard (`Image.MAX_IMAGE_PIXELS`,
Pillow's process-wide setting, set when this module is imported) stands at twice the limit, its warning raised as
an error."""

from __future__ import annotations

import io
import math
import re
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, ImageCms, ImageFile, UnidentifiedImageError, features

from innosite.media.recipe import MAX_BYTES, MAX_PIXELS

Image.MAX_IMAGE_PIXELS = 2 * MAX_PIXELS
"""Pillow's guard, a step above our limit: our check, which can name the width and height, speaks first; Pillow's
stops what gets past it (a frame of an animation larger than the image, a format read before its size is known)."""
ImageFile.LOAD_TRUNCATED_IMAGES = False  # the default, stated: a damaged file is an error, not a grey half

RASTER_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", *(("AVIF",) if features.check("avif") else ()))
"""Pillow's names of the raster formats the site takes; AVIF when this Pillow can read it."""
_SWAPS_SIDES = (5, 6, 7, 8)
"""EXIF orientations that turn the picture a quarter: width and height trade places."""
_BOMB_PIXELS = re.compile(r"\((\d+) pixels\)")
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
"""The target of colour management (made once; the profile is never embedded in an output)."""


DAMAGED = "it is damaged or cut short: save or download it again"
"""The words for a file that cannot be decoded (Pillow's own, such as "broken data stream when reading image file",
help no one on the communications staff)."""


NOT_AN_IMAGE = "not an image"
"""What open_image says of bytes no allowed format takes (probe then finds out what they are)."""


class UnusableImage(ValueError):
    """The bytes are not an image the site can use; the message says why, in plain words for staff."""


def too_big_bytes(size: int) -> str | None:
    """Why a file of this many bytes is too large, or None."""
    if size <= MAX_BYTES:
        return None
    return (
        f"it is {size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB: "
        "save it as JPEG, or export a smaller version (2000 to 4000 pixels wide is plenty for the web and the press)"
    )


def too_many_pixels(pixels: int, size: tuple[int, int] | None = None) -> str | None:
    """Why an image of this many pixels is too large, or None."""
    if pixels <= MAX_PIXELS:
        return None
    shown = f"{pixels / 1e6:.0f} megapixels"
    if size:
        shown = f"{size[0]} × {size[1]} pixels ({shown})"
    return (
        f"it is {shown}; the limit is {MAX_PIXELS // 1_000_000} megapixels: "
        "export a smaller version (2000 to 4000 pixels wide is plenty for the web and the press)"
    )


@contextmanager
def _bombs_as_errors() -> Iterator[None]:
    """Pillow's decompression-bomb warning raised as an error (the warnings filter is per process, as is Pillow's)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        yield


def open_image(data: bytes) -> ImageFile.ImageFile:
    """The image in these bytes, opened lazily (header only) after the size checks; UnusableImage if it is none."""
    reason = too_big_bytes(len(data))
    if reason:
        raise UnusableImage(reason)
    try:
        with _bombs_as_errors():
            image = Image.open(io.BytesIO(data), formats=RASTER_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _bomb(exc) from None
    except UnidentifiedImageError:
        raise UnusableImage(NOT_AN_IMAGE) from None
    except (OSError, ValueError, SyntaxError, EOFError, struct.error):
        raise UnusableImage(DAMAGED) from None
    reason = too_many_pixels(image.width * image.height, image.size)
    if reason:
        raise UnusableImage(reason)
    return image


def _bomb(exc: Exception) -> UnusableImage:
    """Pillow's decompression-bomb alarm in our words, with the pixel count it gives."""
    found = _BOMB_PIXELS.search(str(exc))
    return UnusableImage(too_many_pixels(int(found.group(1)) if found else 2 * MAX_PIXELS + 1) or DAMAGED)


def decode(image: ImageFile.ImageFile, width: int | None = None) -> Image.Image:
    """The first frame's pixels, decoded; a JPEG decoded at a reduced scale when `width` (upright) needs no more."""
    if width and image.format == "JPEG":
        upright_width = image.height if orientation(image) in _SWAPS_SIDES else image.width
        if upright_width >= 2 * width:
            share = width / upright_width
            image.draft(None, (max(1, math.ceil(image.width * share)), max(1, math.ceil(image.height * share))))
    try:
        with _bombs_as_errors():
            image.seek(0)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _bomb(exc) from None
    except (OSError, ValueError, SyntaxError, EOFError, struct.error):
        raise UnusableImage(DAMAGED) from None
    return image


def orientation(image: Image.Image) -> int:
    """The EXIF orientation (1 to 8; 1, upright, when there is none or it is nonsense)."""
    try:
        value = image.getexif().get(0x0112, 1)
    except Exception:  # a broken EXIF block must not stop the image: Pillow raises many kinds here
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def upright_size(image: Image.Image) -> tuple[int, int]:
    """Width and height as the picture is seen, after its EXIF orientation."""
    return (image.height, image.width) if orientation(image) in _SWAPS_SIDES else image.size


def clean(image: Image.Image) -> Image.Image:
    """Upright sRGB pixels (RGB, or RGBA when some pixel is see-through) with no metadata at all."""
    turned = _turn(image)
    pixels = _to_srgb(turned, image.info.get("icc_profile"))
    if pixels.mode == "RGBA" and pixels.getchannel("A").getextrema()[0] == 255:
        pixels = pixels.convert("RGB")
    pixels.info = {}
    return pixels


def _turn(image: Image.Image) -> Image.Image:
    """The pixels turned upright by the EXIF orientation."""
    method = {
        2: Image.Transpose.FLIP_LEFT_RIGHT,
        3: Image.Transpose.ROTATE_180,
        4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE,
        6: Image.Transpose.ROTATE_270,
        7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_90,
    }.get(orientation(image))
    return image.transpose(method) if method else image


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """RGB or RGBA pixels in sRGB: colour-managed from the embedded profile when there is one (CMYK, Adobe RGB,
    Display P3), else the plain conversion (an image without a profile is taken to be sRGB, as browsers do)."""
    if image.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")  # 16 bits to 8, not clipped
    has_alpha = image.has_transparency_data
    target = "RGBA" if has_alpha else "RGB"
    if icc and not _is_srgb(icc):
        converted = _colour_managed(image, icc, target)
        if converted is not None:
            return converted
    if image.mode == "CMYK" and has_alpha:
        return image.convert("RGB").convert("RGBA")
    return image.convert(target)


def _is_srgb(icc: bytes) -> bool:
    """True for an embedded sRGB profile (then there is nothing to convert)."""
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return "srgb" in ImageCms.getProfileDescription(profile).lower()
    except (ImageCms.PyCMSError, OSError, TypeError, ValueError):
        return False


def _colour_managed(image: Image.Image, icc: bytes, target: str) -> Image.Image | None:
    """The pixels converted from their profile to sRGB, or None when the profile is unusable (then treated as sRGB)."""
    if image.mode not in ("RGB", "RGBA", "CMYK", "L", "LA"):
        image = image.convert(target)
    alpha = image.getchannel("A") if image.mode in ("RGBA", "LA") else None
    opaque = image.convert({"RGBA": "RGB", "LA": "L"}.get(image.mode, image.mode))
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(
            opaque, profile, _SRGB, renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode="RGB"
        )
    except (ImageCms.PyCMSError, OSError, TypeError, ValueError):
        return None
    if converted is None:
        return None
    if alpha is not None:
        converted.putalpha(alpha)
    return converted.convert(target)
