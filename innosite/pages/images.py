"""The images of a site as its pages show them (pure): which files the build publishes for each image, the
`<picture>` of an entry's photo and of the images in its text, the download of the original, the share images.

What was made from each source image (`Media`, by the hash of its bytes) comes from the build's image step
(speed/images.py), which runs before planning; everything here is a function of the model and that.

Output files of an image `photo.jpg` of an entry, beside it under media/<section>/<id>/:
- `photo.jpg`: the original without its metadata (for journalists; what links to the file get);
- `photo-480.webp`, `photo-800.webp`...: the widths for srcset, and `photo-1200.jpg` (or .png) the fallback;
- `photo-share.jpg`: the share image (og:image) of the entry whose photo it is.
The default share image of each language is media/share/<lang>.jpg.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

from innosite.media.original import original_format
from innosite.media.picture import ENTRY_SIZES, TEXT_SIZES, Picture, drawing, picture
from innosite.media.variants import Variant, stem
from innosite.model.entry import Entry, ImageFile
from innosite.model.site import Site
from innosite.pages.routes import Routes

SHARE_FOLDER = "media/share"


@dataclass(frozen=True, slots=True)
class Made:
    """One file the build made from a source image: what a page says of it (its bytes are the image step's)."""

    format: str
    """'webp', 'jpeg', 'png', 'gif' or 'svg'."""
    width: int | None
    height: int | None
    size: int
    """Bytes."""
    sha: str

    @property
    def suffix(self) -> str:
        return {"jpeg": "jpg"}.get(self.format, self.format)


@dataclass(frozen=True, slots=True)
class Processed:
    """What the build made from one source image."""

    original: Made
    """The original without its metadata."""
    variants: tuple[Made, ...] = ()
    """WebP at each width, narrowest first, then the fallback (none for an SVG)."""
    share: Made | None = None
    """The 1200 x 630 share image (only for a raster image that is an entry's photo)."""


@dataclass(frozen=True, slots=True)
class Media:
    """Everything the image step made: by the hash of each source's bytes, and the languages with a default
    share image."""

    made: Mapping[str, Processed] = field(default_factory=dict)
    default_share: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Wanted:
    """What the image step is to make from one source image."""

    sha: str
    path: str
    """A file holding the bytes (the first of the entries that publish them)."""
    raster: bool
    share: bool


def wanted(site: Site) -> list[Wanted]:
    """The source images of a site, each once (by its bytes), with what is to be made of each."""
    found: dict[str, Wanted] = {}
    for entry in (*site.press, *site.projects, *site.pages):
        photo = entry.image.src if entry.image else None
        for image in entry.images:
            raster = image.format != "svg"
            share = raster and image.name == photo
            before = found.get(image.sha)
            if before is None:
                found[image.sha] = Wanted(image.sha, f"{entry.src_dir}/{image.name}", raster, share)
            elif share and not before.share:
                found[image.sha] = Wanted(image.sha, before.path, raster, True)
    return [found[sha] for sha in sorted(found)]


def variant_name(name: str, made: Made) -> str:
    return f"{stem(name)}-{made.width}.{made.suffix}"


def share_name(name: str) -> str:
    return f"{stem(name)}-share.jpg"


def default_share_path(lang: str) -> str:
    return f"{SHARE_FOLDER}/{lang}.jpg"


_ENDINGS = {"jpeg": ("jpg", "jpeg")}
"""The endings a file of a format may have (the first given to a file renamed), when not the format's own name."""


def original_name(image: ImageFile) -> str:
    """The name an image's original is published under: its own, unless its ending does not say what the published
    file holds (an AVIF is published as PNG; a JPEG saved as kuva.png is a JPEG); then the name with the ending
    that does (kuva.png, kuva.jpg), so that what downloads it opens it as what it is."""
    fmt = original_format(image.format)
    endings = _ENDINGS.get(fmt, (fmt,))
    if image.name.rsplit(".", 1)[-1].lower() in endings:
        return image.name
    return f"{stem(image.name)}.{endings[0]}"


def file_name(entry: Entry, name: str) -> str:
    """The name a file of the entry's folder is published under: an image's original as `original_name` says."""
    image = entry.image_file(name)
    return name if image is None else original_name(image)


def file_url(routes: Routes, entry: Entry, name: str) -> str:
    """The link to a file of the entry's folder as published (see `file_name`)."""
    return media_url(routes, entry, file_name(entry, name))


def media_url(routes: Routes, entry: Entry, name: str) -> str:
    """The link to a file published beside the entry's pages, its name %-encoded as the text's links have it (a
    space or an ä in a `srcset` would break it)."""
    return routes.url(routes.media(entry, quote(name)))


def image_outputs(site: Site, media: Media, routes: Routes) -> Iterator[tuple[str, str, Made]]:
    """(output path, source file, what is made) of every file the images of the site publish."""
    for entry in (*site.press, *site.projects, *site.pages):
        photo = entry.image.src if entry.image else None
        for image in entry.images:
            made = media.made.get(image.sha)
            if made is None:
                continue
            source = f"{entry.src_dir}/{image.name}"
            yield routes.media(entry, original_name(image)), source, made.original
            for variant in made.variants:
                yield routes.media(entry, variant_name(image.name, variant)), source, variant
            if made.share is not None and image.name == photo:
                yield routes.media(entry, share_name(image.name)), source, made.share


@dataclass(frozen=True, slots=True)
class Download:
    """The original offered beside a photo: its address, type, size in pixels and bytes."""

    url: str
    format: str
    width: int | None
    height: int | None
    size: int


def picture_of(
    routes: Routes, entry: Entry, image: ImageFile, made: Processed | None, alt: str, *, first: bool
) -> Picture:
    """The `<picture>` of one of an entry's images: its variants, or an SVG drawing (or, before the image step
    made anything, the file itself) at its own size."""
    sizes = TEXT_SIZES if entry.section == "pages" else ENTRY_SIZES
    if made is None or not made.variants:
        return drawing(media_url(routes, entry, original_name(image)), alt, image.width, image.height, first=first)
    variants = [Variant(v.format, v.width or 0, v.height or 0, b"") for v in made.variants]
    shapes = {(v.format, v.width): v for v in made.variants}

    def url(variant: Variant) -> str:
        return media_url(routes, entry, variant_name(image.name, shapes[variant.format, variant.width]))

    return picture(variants, alt, url, first=first, sizes=sizes)


def download_of(routes: Routes, entry: Entry, image: ImageFile, made: Processed | None) -> Download:
    original = made.original if made else Made(image.format, image.width, image.height, 0, image.sha)
    url = media_url(routes, entry, original_name(image))
    return Download(url, original.format.upper(), original.width, original.height, original.size)


_IMG = re.compile(r"<img\b([^>]*)>")
_HREF = re.compile(r'\bhref="([^"]*)"')
_ATTRIBUTE = re.compile(r'([a-zA-Z][\w-]*)="([^"]*)"')


def with_pictures(body: str, routes: Routes, entry: Entry, media: Media, first: bool, feed: bool = False) -> str:
    """A body's HTML with each `<img>` of one of the entry's images as a `<picture>` of its variants, with width,
    height and lazy loading (`first`: the first one loads at once, the page having no photo above it), and each
    link to an image's original under the name it is published under (`original_name`). For a `feed`, each image
    is one `<img>` of its `feed_image` instead."""
    prefix = routes.url(routes.media(entry, ""))
    state = {"first": first}

    def replace(found: re.Match[str]) -> str:
        attributes = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(found.group(1))}
        src = attributes.get("src", "")
        name = unquote(src[len(prefix) :])  # %-encoded, as the text's links are
        image = entry.image_file(name) if src.startswith(prefix) else None
        if image is None:
            return found.group(0)
        if feed:
            carried = feed_image(routes, entry, image, media.made.get(image.sha))
            return found.group(0) if carried is None else img_html(carried, routes, attributes)
        shown = picture_of(
            routes, entry, image, media.made.get(image.sha), attributes.get("alt", ""), first=state["first"]
        )
        state["first"] = False
        return picture_html(shown, attributes.get("title"))

    def renamed(found: re.Match[str]) -> str:
        href = found.group(1)
        path, hash_, fragment = href[len(prefix) :].partition("#")
        image = entry.image_file(unquote(path)) if href.startswith(prefix) else None
        if image is None or original_name(image) == image.name:
            return found.group(0)
        return f'href="{prefix}{quote(original_name(image))}{hash_}{fragment}"'

    return _HREF.sub(renamed, _IMG.sub(replace, body))


def picture_html(shown: Picture, title: str | None = None) -> str:
    """The `<picture>` element of a body's image (the entry's photo is written by partials/picture.html, alike)."""
    sources = "".join(
        f'<source type="{source.type}" srcset="{_e(source.srcset)}" sizes="{_e(source.sizes)}">'
        for source in shown.sources
    )
    attributes = [("src", shown.src), ("alt", shown.alt), ("title", title)]
    attributes += [("width", _n(shown.width)), ("height", _n(shown.height)), ("loading", shown.loading)]
    attributes += [("fetchpriority", shown.fetchpriority), ("decoding", shown.decoding)]
    img = "<img" + "".join(f' {name}="{_e(value)}"' for name, value in attributes if value is not None) + ">"
    return f"<picture>{sources}{img}</picture>"


_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp", "svg": "image/svg+xml"}


@dataclass(frozen=True, slots=True)
class FeedImage:
    """An image as feeds carry it (in the text, and the photo as the entry's enclosure): the fallback size, a JPEG
    (or a PNG, for a see-through picture) at most 1200 pixels wide, which feed readers and e-mail programs show
    where WebP and `<picture>` are not sure to be; an SVG drawing as it is."""

    path: str
    """The output path, its name %-encoded."""
    type: str
    width: int | None
    height: int | None
    size: int
    """Bytes."""


def feed_image(routes: Routes, entry: Entry, image: ImageFile, made: Processed | None) -> FeedImage | None:
    """What a feed carries of one of the entry's images (None before the image step made it)."""
    if made is None:
        return None
    fallback = next((v for v in reversed(made.variants) if v.format != "webp"), None)
    chosen = fallback or made.original
    name = original_name(image) if fallback is None else variant_name(image.name, fallback)
    return FeedImage(routes.media(entry, quote(name)), _TYPES[chosen.format], chosen.width, chosen.height, chosen.size)


def img_html(carried: FeedImage, routes: Routes, attributes: Mapping[str, str]) -> str:
    """A feed's `<img>` of an image of the text: its `feed_image`, with its alt text, title, width and height."""
    shown = [("src", routes.url(carried.path)), ("alt", attributes.get("alt", "")), ("title", attributes.get("title"))]
    shown += [("width", _n(carried.width)), ("height", _n(carried.height))]
    return "<img" + "".join(f' {name}="{_e(value)}"' for name, value in shown if value is not None) + ">"


def _e(value: str) -> str:
    return html.escape(value, quote=True)


def _n(value: int | None) -> str | None:
    return None if value is None else str(value)


def has_pictures(entry: Entry, lang_files: tuple[str, ...]) -> bool:
    """Whether a version's body links one of the entry's images (only then is its HTML looked through)."""
    return any(entry.image_file(name) is not None for name in lang_files)
