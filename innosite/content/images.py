"""The images an entry publishes, checked once at load by their content (never their names): each must be a
picture the site can process (innosite/media/probe.py), within the size limits; the entry's photo should be wide
enough for the top of its page. What is found (format, size, a hash of the bytes) goes into the model, so that
the build's image steps never probe a file again.

An SVG may be the entry's image (shown as it is), but never its share image: Facebook, LinkedIn and X do not show
SVG, and drawing one needs a renderer with system libraries. Such an entry is shared with the site's default
share image, and a warning says so (`media.SVG_SHARE`).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from innosite.content.attachments import ALLOWED_TYPES, attachment_problem
from innosite.content.fields import Fields
from innosite.content.names import fold, name_problem
from innosite.media import SVG_SHARE, ImageInfo, probe, width_warning
from innosite.media.recipe import BRAND
from innosite.media.variants import stem
from innosite.model.entry import Image, ImageFile
from innosite.model.settings import SiteImage
from innosite.problems import Problems

IMAGE_SUFFIXES = frozenset(ALLOWED_TYPES["images"])


def is_image_name(name: str) -> bool:
    """Whether a file is published as an image (by its name; its content is checked by `entry_images`)."""
    return name.rsplit(".", 1)[-1].lower() in IMAGE_SUFFIXES if "." in name else False


def entry_images(
    folder: Path, published: tuple[str, ...], image: Image | None, meta: Fields, problems: Problems
) -> tuple[ImageFile, ...]:
    """The image files among those an entry publishes, each checked (errors and warnings into problems; an
    unusable one is left out). Problems of meta.yaml's image are told at its `src` line."""
    found = []
    for name in published:
        is_photo = image is not None and name == image.src
        if is_photo and not is_image_name(name):
            _not_a_picture(folder / name, meta, problems)
            continue
        if not is_image_name(name) or name_problem(name) or attachment_problem(folder / name):
            continue  # a name or an SVG the attachment checks refuse (they say why)
        try:
            data = (folder / name).read_bytes()
        except OSError:
            continue  # told by the attachment check ("cannot be read")
        info = probe(data, name)
        where = (meta.path, meta.sub("image").line("src")) if is_photo else (folder / name, 0)
        if isinstance(info, str) and name.lower().endswith(".svg"):  # a drawing svg.py passed (UTF-16, say)
            info = ImageInfo("svg", None, None, len(data))
        if isinstance(info, str):
            problems.error(*where, info)
            continue
        if info.vector and not name.lower().endswith(".svg"):
            problems.error(*where, f'"{name}" is an SVG drawing: rename it to end in .svg')
            continue
        if is_photo:
            warning = SVG_SHARE if info.vector else width_warning(info, "entry")
            if warning:
                problems.warn(*where, warning)
        found.append(ImageFile(name, info.format, info.width, info.height, hashlib.sha256(data).hexdigest()))
    _same_stems(folder, [image.name for image in found if image.format != "svg"], problems)
    return tuple(found)


def _not_a_picture(path: Path, meta: Fields, problems: Problems) -> None:
    """meta.yaml's image named as another kind of file (liite.pdf) is an error at its line when it is no picture:
    the page would have no photo. (A picture under such a name is refused where it is linked: linked.py.)"""
    try:
        info = probe(path.read_bytes(), path.name)
    except OSError:
        return  # told by the attachment check ("cannot be read")
    if isinstance(info, str):
        problems.error(meta.path, meta.sub("image").line("src"), info)


def _same_stems(folder: Path, names: list[str], problems: Problems) -> None:
    """Two pictures whose names differ only in their ending (kuva.jpg, kuva.png) are an error: the files made of
    each are named after the name without it (kuva-800.webp), and one would overwrite the other. (An SVG drawing
    is published as it is: kaavio.svg beside kaavio.png, its version for sharing, is fine.)"""
    seen: dict[str, str] = {}
    for name in names:
        other = seen.setdefault(fold(stem(name)), name)
        if other != name:
            problems.error(
                folder / name, 0,
                f'"{name}" and "{other}" have the same name but for the ending, and the smaller sizes made of each '
                f'would have the same names ({stem(name)}-800.webp): rename one of them',
            )  # fmt: skip


def site_image_problem(data: bytes, name: str) -> str | None:
    """Why a picture in the content folder cannot be drawn into the default share image, or None."""
    info = probe(data, name)
    if isinstance(info, str):
        return info
    if info.vector:
        return f'"{name}" is an SVG drawing, which cannot be drawn into the default share image: give a PNG version'
    return None


_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def site_image(content: Path, fields: Fields, langs: tuple[str, ...]) -> SiteImage | None:
    """site.yaml's `share_image` ({src, alt, background}; src and alt translated values), checked: each picture a
    raster image in the content folder; None when absent or wrong (after recording why)."""
    if fields.data.get("share_image") is None:
        return None
    item = fields.sub("share_image")
    if not item.is_mapping('"share_image"'):
        return None
    item.check_keys(("src", "alt", "background"), required=("src", "alt"))
    src, alt = item.localized("src", langs), item.localized("alt", langs)
    background = item.text("background") or BRAND
    if not _COLOUR.match(background):
        item.error("background", f'"{background}" is not a colour: write it as #rrggbb, for example {BRAND}')
        return None
    if src is None or alt is None:
        return None
    files = []
    for lang in langs:
        name = src[lang]
        path = content / name
        if "/" in name.replace("\\", "/") or name.startswith(".") or not path.is_file():
            item.error("src", f'"{name}" is not a file in the content folder: put the picture beside site.yaml')
            return None
        data = path.read_bytes()
        problem = site_image_problem(data, name)
        if problem:
            item.error("src", problem)
            return None
        files.append((lang, name, hashlib.sha256(data).hexdigest()))
    return SiteImage(tuple(files), alt, background)
