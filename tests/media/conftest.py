"""Fixture images, made here rather than stored: each shows one thing a press photo or a staff member's file can be.

Made once per session. Fixtures that carry an ICC profile or a time are made once, so both runs of a determinism
test see the same bytes.
"""

from __future__ import annotations

import io
import random
import struct
import zlib

import pytest
from PIL import Image, ImageCms, ImageDraw

GPS_IFD = 0x8825
ORIENTATION = 0x0112
XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Secret Photographer</dc:creator>'
    b'</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)
IPTC = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x14\x1c\x02\x50\x00\x10Secret Byline..."
"""An APP13 block: Photoshop's resource holding an IPTC by-line."""
MOTION_VIDEO = b"\x00\x00\x00\x18ftypmp42 fake motion-photo video appended after the image"


def photo(size: tuple[int, int], seed: int = 1) -> Image.Image:
    """Something that compresses like a photo: a colour gradient with noise and a few shapes."""
    width, height = size
    gradient = Image.linear_gradient("L").resize(size)
    base = Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.ROTATE_90).resize(size), gradient))
    noise = Image.frombytes("RGB", size, random.Random(seed).randbytes(width * height * 3))
    picture = Image.blend(base, noise, 0.12)
    draw = ImageDraw.Draw(picture)
    draw.ellipse((width // 4, height // 5, width // 2, height // 2), fill=(200, 150, 120))
    draw.rectangle((width // 2, height // 2, width * 7 // 8, height * 9 // 10), fill=(40, 70, 110))
    return picture


def jpeg_segment(marker: int, body: bytes) -> bytes:
    return b"\xff" + bytes([marker]) + struct.pack(">H", len(body) + 2) + body


def with_segments(jpeg: bytes, *segments: bytes) -> bytes:
    """A JPEG with extra segments right after its start marker."""
    return jpeg[:2] + b"".join(segments) + jpeg[2:]


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def with_chunks(png: bytes, *chunks: bytes) -> bytes:
    """A PNG with extra chunks right after IHDR."""
    ihdr_end = 8 + 12 + 13
    return png[:ihdr_end] + b"".join(chunks) + png[ihdr_end:]


def camera_exif(orientation: int) -> Image.Exif:
    """What a phone writes: make, model, time, an orientation and the GPS position."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone X"
    exif[0x0132] = "2024:05:01 10:00:00"
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (60.0, 10.0, 30.5)
    gps[3] = "E"
    gps[4] = (24.0, 56.0, 12.0)
    return exif


def halves(size: tuple[int, int]) -> Image.Image:
    """Left half red, right half blue (as stored): after turning, where the red is tells the orientation."""
    picture = Image.new("RGB", size, (220, 30, 30))
    ImageDraw.Draw(picture).rectangle((size[0] // 2, 0, size[0], size[1]), fill=(30, 30, 220))
    return picture


def save(picture: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    picture.save(out, fmt, **options)
    return out.getvalue()


SRGB_ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
"""A real sRGB profile (made once: LittleCMS stamps it with the time)."""


@pytest.fixture(scope="session")
def camera_jpeg() -> bytes:
    """A phone photo: 1200 x 900 stored, orientation 6 (to be turned a quarter clockwise: 900 x 1200 upright),
    GPS in EXIF, XMP, IPTC, a comment, an sRGB profile and a motion-photo video after the end."""
    stored = halves((1200, 900))
    stored.paste(photo((600, 450)), (300, 225))
    data = save(stored, "JPEG", quality=90, exif=camera_exif(6), icc_profile=SRGB_ICC, comment=b"Secret comment")
    data = with_segments(data, jpeg_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP), jpeg_segment(0xED, IPTC))
    return data + MOTION_VIDEO


@pytest.fixture(scope="session")
def big_photo() -> bytes:
    """A 4000 x 3000 camera JPEG (quality 92), upright, with GPS."""
    return save(photo((4000, 3000)), "JPEG", quality=92, exif=camera_exif(1))


@pytest.fixture(scope="session")
def tall_png() -> bytes:
    """A tall screenshot-like PNG (600 x 1800) with text chunks and a time."""
    data = save(photo((600, 1800)), "PNG")
    return with_chunks(
        data,
        png_chunk(b"tEXt", b"Author\x00Secret Author"),
        png_chunk(b"tIME", b"\x07\xe8\x05\x01\x0a\x00\x00"),
        png_chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + XMP),
    )


@pytest.fixture(scope="session")
def alpha_png() -> bytes:
    """A logo-like PNG (800 x 400) with see-through corners."""
    picture = Image.new("RGBA", (800, 400), (0, 0, 0, 0))
    ImageDraw.Draw(picture).ellipse((100, 20, 700, 380), fill=(230, 120, 20, 255))
    return save(picture, "PNG")


@pytest.fixture(scope="session")
def opaque_rgba_png() -> bytes:
    """An RGBA PNG whose every pixel is opaque: handled as a plain photo."""
    return save(photo((900, 600)).convert("RGBA"), "PNG")


@pytest.fixture(scope="session")
def cmyk_jpeg() -> bytes:
    """A print-shop CMYK JPEG (Adobe's inverted kind, as Photoshop writes): cyan left, black right, 1000 x 600."""
    picture = Image.new("CMYK", (1000, 600), (255, 0, 0, 0))
    ImageDraw.Draw(picture).rectangle((500, 0, 1000, 600), fill=(0, 0, 0, 255))
    return save(picture, "JPEG", quality=95)


@pytest.fixture(scope="session")
def animated_gif() -> bytes:
    """Three frames (red, green, blue), 300 x 200, looping, with a comment and an XMP application block."""
    frames = [Image.new("RGB", (300, 200), colour).convert("P") for colour in ((220, 0, 0), (0, 200, 0), (0, 0, 220))]
    data = save(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0, comment=b"Secret")
    xmp_block = b"\x21\xff\x0bXMP DataXMP" + b"".join(bytes([len(c)]) + c for c in _chunks(XMP, 255)) + b"\x00"
    trailer = data.rindex(b"\x3b")
    return data[:trailer] + xmp_block + data[trailer:]


def _chunks(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.fixture(scope="session")
def webp_with_metadata() -> bytes:
    """A WebP photo (1000 x 750) with EXIF (GPS) and XMP."""
    return save(photo((1000, 750)), "WEBP", quality=80, exif=camera_exif(1), xmp=XMP)


@pytest.fixture(scope="session")
def pdf_named_jpg() -> bytes:
    """What esite.jpg really holds: a PDF."""
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(scope="session")
def one_pixel() -> bytes:
    return save(Image.new("RGB", (1, 1), (10, 20, 30)), "PNG")


@pytest.fixture(scope="session")
def truncated_jpeg() -> bytes:
    """The first half of a photo's JPEG: the download was cut."""
    data = save(photo((800, 600)), "JPEG", quality=90)
    return data[: len(data) // 2]


@pytest.fixture(scope="session")
def huge_png() -> bytes:
    """A 50-megapixel PNG (10000 x 5000), made cheaply: its rows are all zeros and compress to almost nothing."""
    width, height = 10000, 5000
    rows = zlib.compress((b"\x00" + b"\x00" * width) * height, 1)
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + png_chunk(b"IDAT", rows) + png_chunk(b"IEND", b"")


@pytest.fixture(scope="session")
def bomb_png() -> bytes:
    """A decompression bomb's header: 30000 x 30000 pixels (900 megapixels), no data to speak of."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + png_chunk(b"IDAT", zlib.compress(b"")) + png_chunk(b"IEND", b"")


@pytest.fixture(scope="session")
def svg() -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- a drawing -->\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 120 80">'
        b'<rect width="120" height="80" fill="#003b73"/></svg>\n'
    )


@pytest.fixture(scope="session")
def sixteen_bit_png() -> bytes:
    """A 16-bit grey PNG (a scan), 300 x 200, mid-grey."""
    return save(Image.new("I;16", (300, 200), 32768), "PNG")
