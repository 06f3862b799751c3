"""Files attached to an entry: only types that cannot run script on the site, and no picture in disguise.

An attachment is published as it is, on the site's own address. An HTML or
JavaScript file there would run with the site's rights (a Content-Security-
Policy of `script-src 'self'` trusts it), and so would script inside an SVG
opened on its own. So attachments are limited to documents, images and media,
and an SVG must be a plain drawing (see svg.py).

A file named as a picture is published cleaned of the camera's data (innosite/media/); any other is copied as
it is. So a picture under another name (a phone photo saved as `raportti.pdf`) would publish where and when it
was taken: it is refused, naming what it is and the name to give it (`disguised_picture_problem`). Refused
rather than cleaned: its name says something it is not, and a visitor's program would not open it either.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

from innosite.content.fields import Fields
from innosite.content.svg import svg_problem
from innosite.markup.markdown import meant_file, same_but_case
from innosite.media.probe import picture_kind

ALLOWED_TYPES = {
    "images": ("jpg", "jpeg", "png", "gif", "webp", "avif", "svg"),
    "documents": ("pdf", "txt", "csv", "rtf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "zip"),
    "audio and video": ("mp3", "m4a", "oga", "ogg", "mp4", "webm", "ogv", "vtt"),
}
EXTENSIONS = frozenset(ext for group in ALLOWED_TYPES.values() for ext in group)


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
    return svg_problem(data) if ext == "svg" else None


_NAMED = {
    "pdf": "a PDF document",
    "doc": "a Word document",
    "docx": "a Word document",
    "xls": "an Excel workbook",
    "xlsx": "an Excel workbook",
    "ppt": "a PowerPoint file",
    "pptx": "a PowerPoint file",
    "odt": "an OpenDocument file",
    "ods": "an OpenDocument file",
    "odp": "an OpenDocument file",
    "txt": "a text file",
    "csv": "a CSV file",
    "rtf": "an RTF document",
    "zip": "a ZIP archive",
    "vtt": "a subtitles file",
    **dict.fromkeys(("mp3", "m4a", "oga", "ogg"), "an audio file"),
    **dict.fromkeys(("mp4", "webm", "ogv"), "a video"),
}
"""What a file's ending says it is, in words (every allowed ending of a file that is not an image)."""


def disguised_picture_problem(path: Path) -> str | None:
    """Why a file named as something other than a picture cannot be published when it is a picture (found by its
    first bytes): it would carry the camera's data. None otherwise, or when it cannot be read (said elsewhere)."""
    ext = path.suffix.lower().removeprefix(".")
    if ext in ALLOWED_TYPES["images"]:
        return None
    try:
        with path.open("rb") as file:
            found = picture_kind(file.read(32))
    except OSError:
        return None
    if found is None:
        return None
    kind, ending = found
    named = _NAMED.get(ext, f"a .{ext} file")
    fix = f'rename it to "{path.stem}.{ending}"' if ending else f'save it as JPEG, as "{path.stem}.jpg",'
    return (
        f'"{path.name}" is {kind}, not {named}: {fix} and link that name, so that it is published as a picture, '
        "without the camera's data (such as where and when it was taken)"
    )


def listed_attachments(meta: Fields, files: Collection[str]) -> tuple[str, ...]:
    """The `attachments:` list (meta.yaml): names of files in the entry's folder, each linked from the page."""
    names = meta.str_list("attachments", "file names") or []
    good: list[str] = []
    for index, name in enumerate(names):
        line = meta.line("attachments", index)
        if name not in files:
            meta.problems.error(
                meta.path, line, missing_message("attachment", name, files, "put the file beside the texts")
            )
        elif name in good:
            meta.problems.error(meta.path, line, f'the attachment "{name}" is listed twice')
        else:
            good.append(name)
    return tuple(good)


def missing_message(what: str, name: str, files: Iterable[str], fix: str) -> str:
    """A file meta.yaml names (`what`: image, attachment) is not in the folder: the file it probably means (one
    that differs only in case first), or `fix`."""
    meant = meant_file(name, files)
    if meant and same_but_case(meant, name):
        return f'the {what} "{name}" is not in this folder (did you mean "{meant}"? upper and lower case must match)'
    hint = f' (did you mean "{meant}"?)' if meant else ""
    return f'the {what} "{name}" is not in this folder{hint}: {fix}'
