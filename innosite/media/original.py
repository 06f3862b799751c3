"""The original image for journalists to download: the photographer's pixels, without the camera's metadata.

JPEG, PNG, WebP and GIF files are cleaned in place, their pixels untouched (not decoded, not re-encoded): the file
is rewritten block by block, keeping what draws the picture and dropping what describes it.
- JPEG: keeps JFIF (APP0, without its thumbnail: a thumbnail may show what a crop removed), the ICC profile
  (APP2 "ICC_PROFILE"), Adobe's colour transform (APP14, which CMYK files need) and the image's own segments;
  drops EXIF and XMP (APP1), IPTC and Photoshop data (APP13), comments, every other APPn block (JFXX thumbnails,
  multi-picture previews, depth maps) and anything after the image's end (where a phone appends the video of a
  "motion photo").
- PNG: keeps the chunks that draw the picture (IHDR, PLTE, IDAT, IEND, transparency, colour space, ICC profile,
  pixel density, animation); drops text (tEXt, iTXt, zTXt), EXIF (eXIf), the time (tIME) and every other chunk.
- WebP: drops the EXIF and XMP chunks and their flags; GIF: drops comments and application blocks other than
  the animation loop.
- The one field kept from EXIF is the orientation, and only when the picture is turned (not 1): without it the
  photo would lie on its side. It is written as a new EXIF block holding that field alone.
- AVIF has no such simple structure: it is saved as a lossless PNG (same pixels, larger file), published under a
  name ending in .png (pages/images.py). Journalists' tools and their newsrooms' systems do not all open AVIF, which
  a PNG settles; and the pixels stay the photographer's (saved again as AVIF or JPEG, they would be compressed
  once more).
- An SVG is published as it is (it holds no camera data; the content checks refuse active SVG).
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass, field

from PIL import Image

from innosite.media.pixels import DAMAGED, UnusableImage, clean, decode, open_image, orientation
from innosite.media.probe import ImageInfo, probe
from innosite.media.recipe import ORIGINAL_PNG


@dataclass(frozen=True, slots=True)
class Original:
    """A source image with its metadata removed, and what to tell about it beside the download link."""

    format: str
    """'jpeg', 'png', 'webp', 'gif' or 'svg' (an AVIF source comes out as 'png')."""
    width: int | None
    """Pixels as the picture is seen; None for an SVG without a size."""
    height: int | None
    data: bytes = field(repr=False)

    @property
    def byte_size(self) -> int:
        return len(self.data)

    @property
    def suffix(self) -> str:
        """The file name's ending, without the dot."""
        return {"jpeg": "jpg"}.get(self.format, self.format)


def original_format(source: str) -> str:
    """The format of the original published for a source image of this format: its own, but PNG for an AVIF."""
    return "png" if source == "avif" else source


def stripped_original(data: bytes) -> Original:
    """The image without its metadata (see the module's notes); UnusableImage for bytes that are no usable image."""
    info = probe(data, "the image")
    if isinstance(info, str):
        raise UnusableImage(info)
    if info.vector:
        return Original("svg", info.width, info.height, data)
    turned = orientation(open_image(data))
    if info.format == "jpeg":
        cleaned = _jpeg(data, turned)
    elif info.format == "png":
        cleaned = _png(data, turned)
    elif info.format == "webp":
        cleaned = _webp(data, turned)
    elif info.format == "gif":
        cleaned = _gif(data)
    else:
        return _lossless_png(data, info)
    return Original(info.format, info.width, info.height, cleaned)


def _lossless_png(data: bytes, info: ImageInfo) -> Original:
    """The upright pixels as PNG, losslessly, for a format that cannot be cleaned in place."""
    pixels = clean(decode(open_image(data)))
    out = io.BytesIO()
    pixels.save(out, "PNG", **ORIGINAL_PNG)
    width, height = pixels.size
    return Original("png", width, height, out.getvalue())


def orientation_exif(turned: int) -> bytes:
    """A TIFF-structured EXIF block holding only the orientation (no 'Exif' header): empty when upright."""
    if turned == 1:
        return b""
    exif = Image.Exif()
    exif[0x0112] = turned
    return exif.tobytes()[6:]  # Pillow's bytes begin with the JPEG APP1 header "Exif\0\0"


# JPEG ---------------------------------------------------------------------------------------------------------

_SOI, _EOI, _SOS = 0xD8, 0xD9, 0xDA
_APP0, _APP1, _APP2, _APP14 = 0xE0, 0xE1, 0xE2, 0xEE
_STANDALONE = {0x01, *range(0xD0, 0xD8)}
"""Markers without a length: TEM and the restart markers."""


def _jpeg(data: bytes, turned: int) -> bytes:
    """The JPEG's marker stream rewritten without metadata segments, the compressed image data copied as it is."""
    if data[:2] != b"\xff\xd8":
        raise UnusableImage(DAMAGED)
    out = bytearray(b"\xff\xd8")
    exif = orientation_exif(turned)
    if exif:
        out += _segment(_APP1, b"Exif\x00\x00" + exif)
    at = 2
    while at < len(data):
        at = _next_marker(data, at)
        if at >= len(data) - 1:
            break
        marker = data[at + 1]
        if marker == _EOI:
            out += b"\xff\xd9"
            return bytes(out)
        if marker in _STANDALONE:
            out += data[at : at + 2]
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        end = at + 2 + length
        body = data[at + 4 : end]
        if marker == _APP0 and body.startswith(b"JFIF\x00") and len(body) >= 14:
            out += _segment(_APP0, body[:12] + b"\x00\x00")  # without its thumbnail, which may show more
        elif _keep_jpeg_segment(marker, body):
            out += data[at:end]
        at = end
        if marker == _SOS:
            scan_end = _scan_end(data, at)
            out += data[at:scan_end]
            at = scan_end
    raise UnusableImage(DAMAGED)


def _keep_jpeg_segment(marker: int, body: bytes) -> bool:
    """Segments that draw the picture: all but APPn and COM, and of those the ICC profile and Adobe's (JFIF is
    rewritten without its thumbnail; JFXX, only a thumbnail, dropped)."""
    if marker == 0xFE:
        return False
    if 0xE0 <= marker <= 0xEF:
        return (marker == _APP2 and body.startswith(b"ICC_PROFILE\x00")) or (
            marker == _APP14 and body.startswith(b"Adobe")
        )
    return True


def _next_marker(data: bytes, at: int) -> int:
    """Where the next marker begins (fill bytes 0xFF skipped)."""
    while at + 1 < len(data) and not (data[at] == 0xFF and data[at + 1] not in (0x00, 0xFF)):
        at += 1
    return at


def _scan_end(data: bytes, at: int) -> int:
    """The end of a scan's entropy-coded data: the next marker that is not a stuffed byte or a restart marker."""
    while True:
        at = data.find(b"\xff", at)
        if at < 0 or at + 1 >= len(data):
            return len(data)
        following = data[at + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            at += 1
            continue
        return at


def _segment(marker: int, body: bytes) -> bytes:
    return b"\xff" + bytes([marker]) + struct.pack(">H", len(body) + 2) + body


# PNG ----------------------------------------------------------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEPT = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND",  # the image
    b"tRNS", b"bKGD", b"sBIT",  # transparency, background, significant bits
    b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"cICP", b"mDCV", b"cLLI",  # colour space
    b"pHYs",  # pixel density
    b"acTL", b"fcTL", b"fdAT",  # animation (APNG)
}  # fmt: skip


def _png(data: bytes, turned: int) -> bytes:
    """The PNG's chunks that draw the picture, in their order; the others (text, EXIF, time...) dropped."""
    out = bytearray(_PNG_SIGNATURE)
    at = len(_PNG_SIGNATURE)
    exif = orientation_exif(turned)
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        end = at + 12 + length
        if end > len(data):
            break
        if kind in _PNG_KEPT:
            out += data[at:end]
        if kind == b"IHDR" and exif:
            out += _png_chunk(b"eXIf", exif)
        at = end
        if kind == b"IEND":
            return bytes(out)
    raise UnusableImage(DAMAGED)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


# WebP ---------------------------------------------------------------------------------------------------------

_VP8X_EXIF, _VP8X_XMP = 0x08, 0x04


def _webp(data: bytes, turned: int) -> bytes:
    """The WebP's RIFF chunks without EXIF and XMP (and their flags in VP8X); an orientation-only EXIF if turned."""
    chunks = []
    at = 12
    while at + 8 <= len(data):
        kind, length = struct.unpack("<4sI", data[at : at + 8])
        end = at + 8 + length + (length & 1)
        chunks.append((kind, data[at + 8 : at + 8 + length]))
        at = end
    kept = [(kind, body) for kind, body in chunks if kind not in (b"EXIF", b"XMP ")]
    exif = orientation_exif(turned)
    if kept and kept[0][0] == b"VP8X":
        flags = kept[0][1][0] & ~(_VP8X_EXIF | _VP8X_XMP)
        if exif:
            flags |= _VP8X_EXIF
            kept.append((b"EXIF", exif))
        kept[0] = (b"VP8X", bytes([flags]) + kept[0][1][1:])
    body = b"".join(kind + struct.pack("<I", len(chunk)) + chunk + b"\x00" * (len(chunk) & 1) for kind, chunk in kept)
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body


# GIF ----------------------------------------------------------------------------------------------------------

_LOOPS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


def _gif(data: bytes) -> bytes:
    """The GIF's blocks without comments and application blocks (XMP and others), the animation loop kept."""
    out = bytearray(data[:13])
    flags = data[10]
    at = 13
    if flags & 0x80:
        table = 3 * (2 ** ((flags & 0x07) + 1))
        out += data[at : at + table]
        at += table
    while at < len(data):
        kind = data[at]
        if kind == 0x3B:  # trailer
            out += b"\x3b"
            return bytes(out)
        if kind == 0x21:  # extension: label, then sub-blocks
            label = data[at + 1]
            end = _sub_blocks_end(data, at + 2)
            first = data[at + 3 : at + 3 + data[at + 2]] if at + 2 < len(data) else b""
            if label != 0xFE and not (label == 0xFF and first not in _LOOPS):
                out += data[at:end]
            at = end
        elif kind == 0x2C:  # image: descriptor, local colour table, LZW size, sub-blocks
            descriptor_flags = data[at + 9]
            start = at
            at += 10
            if descriptor_flags & 0x80:
                at += 3 * (2 ** ((descriptor_flags & 0x07) + 1))
            at = _sub_blocks_end(data, at + 1)
            out += data[start:at]
        else:
            break
    if at == len(data):  # every block complete, only the trailer missing: browsers show such files
        return bytes(out + b"\x3b")
    raise UnusableImage(DAMAGED)


def _sub_blocks_end(data: bytes, at: int) -> int:
    """Where a run of GIF data sub-blocks (each a length byte and that many bytes, a zero length last) ends."""
    while at < len(data):
        size = data[at]
        at += 1 + size
        if size == 0:
            return at
    return len(data) + 1
