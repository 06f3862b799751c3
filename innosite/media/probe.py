"""What an image file really is, found from its content (never its name), or why the site cannot use it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PIL import Image

from innosite.media.pixels import (
    DAMAGED,
    NOT_AN_IMAGE,
    RASTER_FORMATS,
    UnusableImage,
    clean,
    decode,
    open_image,
    too_big_bytes,
    upright_size,
)
from innosite.media.recipe import MIN_WIDTHS

_MIME = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "avif": "image/avif",
    "svg": "image/svg+xml",
}
_NAMES = [f.replace("WEBP", "WebP") for f in RASTER_FORMATS]
_OFFERED = f"{', '.join(_NAMES[:-1])} or {_NAMES[-1]}"
"""'JPEG, PNG, WebP, GIF or AVIF'."""


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """An image file the site can use, as found from its bytes."""

    format: str
    """'jpeg', 'png', 'webp', 'gif', 'avif' or 'svg'."""
    width: int | None
    """Pixels, as the picture is seen (after its EXIF orientation); for an SVG from its width or viewBox, or None."""
    height: int | None
    byte_size: int
    mode: str = ""
    """Pillow's colour mode as stored: 'RGB', 'RGBA', 'L' (grey), 'P' (palette), 'CMYK'...; '' for an SVG."""
    transparent: bool = False
    """It has an alpha channel or a transparent colour (whether any pixel uses it is found when processing)."""
    animated: bool = False
    frames: int = 1

    @property
    def mime(self) -> str:
        """The media type, e.g. for `<source type>`."""
        return _MIME[self.format]

    @property
    def vector(self) -> bool:
        """An SVG drawing: published as it is, never resized or made a share image."""
        return self.format == "svg"


def probe(data: bytes, name: str) -> ImageInfo | str:
    """What the image in `data` is, or a plain-language problem for staff naming the file as `name`."""
    if not data:
        return f'"{name}" is empty (0 bytes): save or copy the image again'
    reason = too_big_bytes(len(data))
    if reason:
        return _named(name, reason)
    svg = _svg(data)
    if svg is not None:
        return svg if isinstance(svg, ImageInfo) else f'"{name}" {svg}'
    try:
        image = open_image(data)
    except UnusableImage as exc:
        if str(exc) == NOT_AN_IMAGE:
            return _not_an_image(data, name)
        return _named(name, str(exc))
    width, height = upright_size(image)
    mode, transparent = image.mode, image.has_transparency_data
    frames = getattr(image, "n_frames", 1)
    try:
        decode(image, width=max(1, width // 8))
    except UnusableImage as exc:
        return _named(name, str(exc))
    return ImageInfo(
        format=str(image.format).lower(),
        width=width,
        height=height,
        byte_size=len(data),
        mode=mode,
        transparent=transparent,
        animated=frames > 1,
        frames=frames,
    )


def _named(name: str, reason: str) -> str:
    """A reason ("it is damaged...") said of the file by its name ('"kuva.jpg" is damaged...')."""
    return f'"{name}" {reason.removeprefix("it ")}' if reason.startswith("it ") else f'"{name}": {reason}'


def is_svg(data: bytes) -> bool:
    """True for an SVG drawing (XML with an <svg> root)."""
    return isinstance(_svg(data), ImageInfo)


def pixels_of(data: bytes, width: int | None = None) -> Image.Image:
    """The clean pixels (see pixels.clean) of a raster image, decoded once, at no more than `width` when the format
    allows; UnusableImage in probe's words for anything else (an SVG: "an SVG drawing")."""
    if is_svg(data):
        raise UnusableImage("an SVG drawing")
    try:
        return clean(decode(open_image(data), width=width))
    except UnusableImage:
        problem = probe(data, "the image")
        raise UnusableImage(problem if isinstance(problem, str) else DAMAGED) from None


def width_warning(info: ImageInfo, use: str) -> str | None:
    """A warning when the image is narrower than its use needs ('entry': the photo at the top of a page;
    'share': the picture shown when the page is shared), or None. SVG drawings are sharp at any size."""
    least = MIN_WIDTHS[use]
    if info.vector or info.width is None or info.width >= least:
        return None
    what = {
        "entry": "a photo at the top of a page should be at least",
        "share": "a picture shown when the page is shared should be at least",
    }[use]
    return (
        f"the image is only {info.width} pixel{'' if info.width == 1 else 's'} wide; {what} {least} pixels wide, "
        "or it looks blurred on large screens: use a larger version of the picture if you have one"
    )


_SVG_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<!DOCTYPE[^>]*>)\s*)*<(?:[\w.-]+:)?(\w[\w.-]*)",
    re.DOTALL,
)
_SVG_TAG = re.compile(rb"<(?:[\w.-]+:)?svg\b[^>]*>", re.DOTALL)
_ATTRIBUTE = re.compile(r"""\s([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")


def _svg(data: bytes) -> ImageInfo | str | None:
    """An SVG drawing's info, a problem when the file is XML of another kind, or None when it is not XML."""
    found = _SVG_START.match(data[:65536])
    if not found:
        return None
    if found.group(1).lower() in (b"html", b"head", b"body"):
        return None
    if found.group(1).lower() != b"svg":
        root = found.group(1).decode("ascii", "replace")
        return f"is not an image (it is an XML file with a <{root}> root, not an SVG drawing): use JPEG, PNG or SVG"
    tag = _SVG_TAG.match(data, data.rindex(b"<", 0, found.end()))
    text = tag.group().decode("utf-8", "replace") if tag else ""
    width, height = _svg_size({m.group(1).lower(): m.group(2) or m.group(3) or "" for m in _ATTRIBUTE.finditer(text)})
    return ImageInfo(format="svg", width=width, height=height, byte_size=len(data))


def _svg_size(attributes: dict[str, str]) -> tuple[int | None, int | None]:
    """A drawing's size in CSS pixels: its width and height in pixels, else its viewBox; (None, None) if unknown."""
    width, height = (_LENGTH.match(attributes.get(key, "")) for key in ("width", "height"))
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = attributes.get("viewbox", "").replace(",", " ").split()
    try:
        box_width, box_height = float(box[2]), float(box[3])
    except (IndexError, ValueError):
        return None, None
    if box_width <= 0 or box_height <= 0:
        return None, None
    return round(box_width), round(box_height)


_KINDS: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF-", 0, "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "an old Microsoft Office document"),
    (b"{\\rtf", 0, "an RTF document"),
    (b"ftypheic", 4, "a HEIC photo, the iPhone's format"),
    (b"ftypheix", 4, "a HEIC photo, the iPhone's format"),
    (b"ftypmif1", 4, "a HEIF photo"),
    (b"ftypavif", 4, "an AVIF image"),
    (b"ftypisom", 4, "a video"),
    (b"ftypmp4", 4, "a video"),
    (b"ftypqt", 4, "a video"),
    (b"ftypM4A", 4, "an audio file"),
    (b"\x1aE\xdf\xa3", 0, "a video"),
    (b"ID3", 0, "an audio file"),
    (b"OggS", 0, "an audio or video file"),
    (b"II*\x00", 0, "a TIFF image"),
    (b"MM\x00*", 0, "a TIFF image"),
    (b"BM", 0, "a BMP image"),
    (b"8BPS", 0, "a Photoshop file"),
    (b"\x00\x00\x01\x00", 0, "an icon file"),
    (b"\xff\x0a", 0, "a JPEG XL image"),
    (b"\x00\x00\x00\x0cJXL ", 0, "a JPEG XL image"),
    (b"\x00\x00\x00\x0cjP  ", 0, "a JPEG 2000 image"),
    (b"\x1f\x8b", 0, "a compressed (gzip) file"),
    (b"Rar!", 0, "a RAR archive"),
    (b"7z\xbc\xaf", 0, "a 7-Zip archive"),
)
_TAKEN_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
"""The start of a PNG, JPEG or GIF file: with it, a file Pillow cannot open is a damaged image, not another kind."""
_OFFICE = ((b"word/", "a Word document"), (b"xl/", "an Excel workbook"), (b"ppt/", "a PowerPoint file"))
_PICTURES_BROWSERS_DO_NOT_SHOW = ("TIFF", "BMP", "Photoshop", "HEIC", "HEIF", "JPEG XL", "JPEG 2000", "icon", "AVIF")


def _not_an_image(data: bytes, name: str) -> str:
    """The problem for a file Pillow does not take as one of the allowed formats, naming what it seems to be."""
    if data.startswith(_TAKEN_MAGIC) or data[4:12] == b"ftypavif" or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return _named(name, DAMAGED)
    kind = _kind(data)
    if kind and any(word in kind for word in _PICTURES_BROWSERS_DO_NOT_SHOW):
        return (
            f'"{name}" is {kind}, which the site does not take (not all web browsers show it): '
            "save it as JPEG (photos) or PNG (drawings, screenshots)"
        )
    seems = f" (it is {kind})" if kind else ""
    return f'"{name}" is not an image{seems}: use a picture saved as {_OFFERED}, or a drawing saved as SVG'


def _kind(data: bytes) -> str | None:
    """What a file that is not an allowed image seems to be, in words ('a PDF document'), or None."""
    for magic, offset, kind in _KINDS:
        if data[offset : offset + len(magic)] == magic:
            return kind
    if data.startswith(b"PK\x03\x04"):
        head = data[:4096]
        for marker, kind in _OFFICE:
            if marker in head:
                return kind
        return "an OpenDocument file" if b"opendocument" in head else "a ZIP archive"
    if data.startswith((b"RIFF",)) and data[8:12] in (b"WAVE", b"AVI "):
        return "an audio or video file"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "a web page (HTML)"
    if head.startswith(b"<"):
        return "an XML or HTML file"
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "a text file"


def _camera_data(kind: str) -> bool:
    """Whether a kind of file of _KINDS is a picture that can carry the camera's data."""
    return kind.endswith(("image", "photo", "format")) and kind != "a BMP image"


_PICTURES: tuple[tuple[bytes, int, str, str | None], ...] = (
    (b"\xff\xd8\xff", 0, "a JPEG image", "jpg"),
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image", "png"),
    (b"GIF87a", 0, "a GIF image", "gif"),
    (b"GIF89a", 0, "a GIF image", "gif"),
    (b"WEBP", 8, "a WebP image", "webp"),
    (b"ftypavif", 4, "an AVIF image", "avif"),
    (b"ftypavis", 4, "an AVIF image", "avif"),
    *((magic, offset, kind, None) for magic, offset, kind in _KINDS if _camera_data(kind)),
)
"""Pictures by the first bytes of their files: what they are in words, and the ending of a picture the site takes
(None for one it does not: HEIC, TIFF...). Each can carry the camera's data (EXIF, GPS, XMP). Not BMP, which
carries none, and whose two bytes "BM" begin many a text file."""


def picture_kind(head: bytes) -> tuple[str, str | None] | None:
    """What a file beginning with `head` (its first 16 bytes or more) is when it is a picture: ('a JPEG image',
    'jpg'), ('a HEIC photo, the iPhone's format', None)...; None for anything else."""
    for magic, offset, kind, ending in _PICTURES:
        if head[offset : offset + len(magic)] == magic and (offset != 8 or head[:4] == b"RIFF"):
            return kind, ending
    return None
