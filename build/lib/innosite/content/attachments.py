"""Files attached to an entry: only types that cannot run script on the site.

An attachment is published as it is, on the site's own address. An HTML or
JavaScript file there would run with the site's rights (a Content-Security-
Policy of `script-src 'self'` trusts it), and so would script inside an SVG
opened on its own. So attachments are limited to documents, images and media,
and an SVG must be a plain drawing.
"""

from __future__ import annotations

import re
from pathlib import Path

ALLOWED_TYPES = {
    "images": ("jpg", "jpeg", "png", "gif", "webp", "avif", "svg"),
    "documents": ("pdf", "txt", "csv", "rtf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "zip"),
    "audio and video": ("mp3", "m4a", "oga", "ogg", "mp4", "webm", "ogv", "vtt"),
}
EXTENSIONS = frozenset(ext for group in ALLOWED_TYPES.values() for ext in group)
_SVG_ACTIVE = re.compile(
    rb"<\s*(?:[\w-]+:)?(?:script|foreignObject|iframe|embed|object|handler|listener)\b"  # elements that run or embed
    rb"|\son[a-z]+\s*="  # event handlers
    rb"|javascript:|data:\s*text/html"  # script addresses
    rb"|<!ENTITY|<\?xml-stylesheet"  # entity tricks, external stylesheets
    rb"|(?:xlink:)?href\s*=\s*[\"']?\s*(?:https?:)?//"  # loads from other sites (tracking)
    rb"|url\(\s*[\"']?\s*(?:https?:)?//",
    re.IGNORECASE,
)


def attachment_problem(path: Path) -> str | None:
    """Why a file beside an entry's texts cannot be published, or None."""
    ext = path.suffix.lower().removeprefix(".")
    if ext not in EXTENSIONS:
        kinds = "; ".join(f"{kind}: {', '.join(exts)}" for kind, exts in ALLOWED_TYPES.items())
        shown = f'files of type ".{ext}"' if ext else "files without a type (.pdf, .jpg...)"
        return f"{shown} are not published, as they could run script on the site; allowed are {kinds}"
    try:
        data = path.read_bytes() if ext == "svg" else b""
        path.open("rb").close()  # it is copied at publishing: find out now if it cannot be read
    except OSError as exc:
        return f"cannot be read: {exc.strerror}"
    if ext == "svg":
        found = _SVG_ACTIVE.search(data)
        if found:
            what = found.group().decode("utf-8", "replace").strip()
            return (
                f'the SVG image holds "{what}", which could run script or load from other sites: '
                "save it again as a plain drawing, or as PNG"
            )
    return None
