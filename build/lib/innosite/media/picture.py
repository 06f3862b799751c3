"""What a template needs to write an image's `<picture>` element: data, not HTML (the templates render it).

`sizes` tells the browser how wide the image is shown before it has the stylesheet, so it can pick a variant.
The values follow innosite/templates/assets/style.css (1rem = 16px, as the root font size is 100%):
- `.wrap` is at most 72rem wide with 1rem padding each side, 2rem from 48rem up;
- the text column (`--text`) is at most 44rem: the entry's photo (`.entry-image`) and a body's images (`.body`);
- from 64rem up, a press release's or project's text stands in a grid beside the contacts:
  `minmax(0, 44rem) minmax(16rem, 22rem)` with a 3.5rem gap, so the text column is the width less 4rem of
  padding, 3.5rem of gap and 22rem for the contacts: `100vw - 29.5rem`, at most 72 - 4 - 25.5 = 42.5rem.
A test in tests/media measures these in a browser against the stylesheet (change both together).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from innosite.media.variants import Variant

ENTRY_SIZES = ", ".join(
    (
        "(min-width: 72rem) 42.5rem",
        "(min-width: 64rem) calc(100vw - 29.5rem)",
        "(min-width: 46rem) 44rem",
        "calc(100vw - 2rem)",
    )
)
"""An image in a press release's or project's text column (its photo, or an image in its body)."""
TEXT_SIZES = "(min-width: 46rem) 44rem, calc(100vw - 2rem)"
"""An image in the text column of a page without the contacts beside it (pages/)."""


@dataclass(frozen=True, slots=True)
class Source:
    """A `<source>` of a `<picture>`: one format at its widths."""

    type: str
    srcset: str
    sizes: str


@dataclass(frozen=True, slots=True)
class Picture:
    """A `<picture>`: its sources, then the attributes of its `<img>` (None: the attribute is left out)."""

    sources: tuple[Source, ...]
    src: str
    alt: str
    width: int | None
    height: int | None
    srcset: str | None = None
    sizes: str | None = None
    loading: str | None = "lazy"
    """'lazy' below the fold; None (the browser's eager default) for the first image of a page."""
    fetchpriority: str | None = None
    """'high' for the first image of a page, the likely Largest Contentful Paint."""
    decoding: str = "async"


def picture(
    variants: Sequence[Variant],
    alt: str,
    url: Callable[[Variant], str],
    *,
    first: bool = False,
    sizes: str = ENTRY_SIZES,
) -> Picture:
    """The `<picture>` of a raster image's variants (WebP sources, the fallback as the `<img>`), each variant's
    address given by `url`; `first` for the first image of a page (loaded at once, with high priority)."""
    webp = sorted((v for v in variants if v.format == "webp"), key=lambda v: v.width)
    fallbacks = [v for v in variants if v.format != "webp"] or webp[-1:]
    fallback = max(fallbacks, key=lambda v: v.width)
    largest = webp[-1] if webp else fallback
    sources = (Source(type="image/webp", srcset=_srcset(webp, url), sizes=sizes),) if webp else ()
    return Picture(
        sources=sources,
        src=url(fallback),
        alt=alt,
        width=largest.width,
        height=largest.height,
        loading=None if first else "lazy",
        fetchpriority="high" if first else None,
    )


def drawing(src: str, alt: str, width: int | None, height: int | None, *, first: bool = False) -> Picture:
    """An SVG drawing as a `<picture>` without sources: published as it is, at its own size when it has one."""
    return Picture(
        sources=(),
        src=src,
        alt=alt,
        width=width,
        height=height,
        loading=None if first else "lazy",
        fetchpriority="high" if first else None,
    )


def _srcset(variants: Sequence[Variant], url: Callable[[Variant], str]) -> str:
    return ", ".join(f"{url(v)} {v.width}w" for v in variants)
