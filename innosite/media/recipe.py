"""The numbers behind every image the site publishes, in one place, and a key that changes when any of them does.

Qualities were chosen on real photographs (12 nature photos, 1280 to 2560 px, resized to 800 and 1600 px),
measured as file size against SSIM of the luminance:

    800 px   JPEG q78 37 KB 0.984 | q82 41 KB 0.986 | q85 46 KB 0.988
             WebP q78 20 KB 0.976 | q82 23 KB 0.980 | q85 27 KB 0.982 | q88 32 KB 0.984 | q90 37 KB 0.986
    1600 px  JPEG q82 118 KB 0.985 | WebP q82 57 KB 0.978 | WebP q88 83 KB 0.981

WebP q82 is about half the size of JPEG q82; SSIM ranks WebP's smoothing below JPEG's blocking, the eye does not
(q82 is also the JPEG quality WordPress and most CMSs use).

WebP's method (effort): over 9 photos at the four widths, method 6 made 3.3 % smaller files than the default
method 4 for 33 % more processor time (resizing included), and a logo with transparency took 28 times as long
(1.24 s against 0.044 s at 800 x 400). Method 4 it is: a first build with a thousand photos matters more.
"""

from __future__ import annotations

import hashlib

import PIL
from PIL import features

MAX_BYTES = 20 * 1024 * 1024
"""A source image over this many bytes is an error (20 MB as Windows counts them)."""
MAX_PIXELS = 40_000_000
"""A source image over this many pixels (40 megapixels, e.g. 8000 x 5000) is an error."""

WIDTHS = (480, 800, 1200, 1600)
"""Widths for srcset: a phone at 1x, a phone at 2x and the text column at 1x, a phone at 3x, the column at 2x."""
FALLBACK_WIDTH = 1200
"""The one width of the JPEG (or PNG) fallback, for browsers without WebP, feed readers and e-mail."""
MIN_WIDTHS = {"entry": 800, "share": 600}
"""Below these widths a warning: the entry's photo at the top of its page, a share image."""

WEBP: dict[str, object] = {"quality": 82, "method": 4}
JPEG: dict[str, object] = {"quality": 82, "optimize": True, "progressive": True, "subsampling": "4:2:0"}
BUDGET = {"webp": 0.15, "jpeg": 0.25}
"""The most bytes per pixel a variant may weigh: a picture of fine detail everywhere (foliage, a crowd, a noisy
low-light shot) is saved again at a lower quality (`LOWER_QUALITIES`, in turn) until it fits, or at the lowest.
Photos weigh 0.02 to 0.08 in WebP; a 1600 x 1200 WebP is kept under 288 KB, an 800 x 600 one under 72 KB."""
LOWER_QUALITIES = (72, 62, 52)
PNG: dict[str, object] = {"optimize": True}
ORIGINAL_PNG = {"compress_level": 9}
"""A lossless re-encoding of an original that cannot be cleaned in place (AVIF), for journalists."""

SHARE_SIZE = (1200, 630)
"""og:image: 1.91:1, what Facebook, LinkedIn and X recommend."""
SHARE_JPEG = {"quality": 85, "optimize": True, "progressive": False, "subsampling": "4:2:0"}
"""Share images are recompressed by the platforms: a little more quality, baseline for their scrapers."""
MAX_CROP = 0.3
"""A share image crops at most this share of the photo's height (or width); the rest of the difference is padded."""
BRAND = "#003b73"
"""The padding of share images: the site's brand colour (--brand in style.css)."""

VERSION = "1"
"""Raise this when the processing changes in a way the numbers above do not show: cached images are remade."""


def recipe_key() -> str:
    """A short key of everything that decides the bytes of a processed image, for the cache: our settings and
    the versions of Pillow and of its encoders (another libwebp can give other bytes)."""
    parts = [
        VERSION,
        repr((MAX_BYTES, MAX_PIXELS, WIDTHS, FALLBACK_WIDTH, WEBP, JPEG, PNG, ORIGINAL_PNG, BUDGET, LOWER_QUALITIES)),
        repr((SHARE_SIZE, SHARE_JPEG, MAX_CROP, BRAND)),
        PIL.__version__,
        *(f"{name}={_version(name)}" for name in ("webp", "jpg", "zlib", "littlecms2", "freetype2", "avif")),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _version(feature: str) -> str | None:
    """The version of one of Pillow's libraries, None when this Pillow has no such library."""
    try:
        return features.version(feature)
    except ValueError:  # a library an older Pillow does not know of (AVIF before 11.2)
        return None
