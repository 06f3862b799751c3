"""The translation units of one language version of an entry: title, summary, corrections, image alt text,
body blocks.

Each unit has a path (`title`, `summary`, `correction-<n>`, `image-alt`, `body-<n>-<kind>`), its
Markdown, the text and codes the translator sees, the hash of its Markdown (to
tell later whether it changed) and a note saying what it is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from innosite.content.source import SourceError, split_front_matter
from innosite.translate.blocks import parse_body
from innosite.translate.inline import Content, codes, parse_inline
from innosite.translate.skeleton import Skeleton

HASH_LENGTH = 12
"""Hex digits of SHA-256 kept: enough to tell two versions of a paragraph apart."""

TITLE_NOTES = {
    "press": "The title of a press release: the page's main heading, also shown in listings, feeds and search "
    "results. Keep it short: at most about 110 characters.",
    "projects": "The name of a project: the page's main heading, also shown in listings and on the pages of its "
    "themes and cities. Keep it short: at most about 110 characters.",
    "pages": "The title of a page: its main heading, also its name in links to it. Keep it short.",
}
SUMMARY_NOTE = (
    "The summary: the lead paragraph under the title, also shown in listings, feeds, search results and "
    "link previews. One or two sentences, at most about 200 characters."
)
CORRECTION_NOTE = (
    "A correction note, shown above the text with its time ({date}) and sent to feed readers: "
    "say what was corrected, as briefly as the original."
)
ALT_NOTE = (
    'The text alternative of the picture "{src}": read out to blind visitors instead of the picture. '
    "Say in one sentence what it shows."
)


@dataclass(frozen=True, slots=True)
class Unit:
    """One translatable piece of a language version."""

    path: str
    """Its place: title, summary, image-alt or body-<n>-<kind>."""
    kind: str
    """title, summary, image-alt, or the kind of a body block (h, p, li, td...)."""
    text: str
    """Its Markdown (plain text for the title, summary and alt text)."""
    content: Content
    """Text and codes, as the translator sees them."""
    line: int
    """Line of the file it comes from (1-based; 0 if not known)."""
    note: str
    """What it is, for the translator."""

    @property
    def hash(self) -> str:
        """Hash of its Markdown: equal hashes mean an unchanged text."""
        return text_hash(self.text)

    @property
    def id(self) -> str:
        """Its id in XLIFF: the path and the hash, so that the file itself tells what it was made from."""
        return f"{self.path}-{self.hash}"


@dataclass(frozen=True, slots=True)
class Version:
    """A language file as units and the skeleton of its body."""

    units: tuple[Unit, ...]
    skeleton: Skeleton

    def by_path(self) -> dict[str, Unit]:
        return {unit.path: unit for unit in self.units}


def text_hash(text: str) -> str:
    """The hash of a unit's Markdown, as written into unit ids and compared on import."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def split_id(unit_id: str) -> tuple[str, str] | None:
    """(path, hash) of a unit id, or None when it is not one of ours."""
    path, _, digest = unit_id.rpartition("-")
    if not path or len(digest) != HASH_LENGTH or any(c not in "0123456789abcdef" for c in digest):
        return None
    return path, digest


def read_version(text: str, lang: str, section: str, meta: Any = None) -> Version:
    """The units of a language file's text; `meta` is meta.yaml's data (for the image's alt text).

    Raises SourceError for a file that cannot be read as front matter and Markdown."""
    parsed = split_front_matter(text)
    front = parsed.front.data if isinstance(parsed.front.data, dict) else {}
    units: list[Unit] = []
    title = _text(front.get("title"))
    if title is None:
        raise SourceError(parsed.front.line("title") or 1, '"title" is missing')
    units.append(_plain("title", title, parsed.front.line("title"), TITLE_NOTES.get(section, TITLE_NOTES["pages"])))
    summary = _text(front.get("summary"))
    if summary is not None:
        units.append(_plain("summary", summary, parsed.front.line("summary"), SUMMARY_NOTE))
    for index, (date, note) in enumerate(corrections(front), start=1):
        line = parsed.front.line("correction")
        units.append(Unit(f"correction-{index}", "correction", note, (note,), line, CORRECTION_NOTE.format(date=date)))
    alt = image_alt(meta, lang)
    if alt is not None:
        src = str(meta["image"].get("src", ""))
        units.append(_plain("image-alt", alt, 0, ALT_NOTE.format(src=src)))
    skeleton, blocks, refs = parse_body(parsed.body)
    for block in blocks:
        content = parse_inline(block.text, refs)
        line = parsed.body_line + block.line
        units.append(Unit(block.path, block.kind, block.text, content, line, _note(block.note, content)))
    return Version(tuple(units), skeleton)


def image_alt(meta: Any, lang: str) -> str | None:
    """The alt text of meta.yaml's image in a language (one text for all languages counts too)."""
    image = meta.get("image") if isinstance(meta, dict) else None
    alt = image.get("alt") if isinstance(image, dict) else None
    return _text(alt.get(lang) if isinstance(alt, dict) else alt)


def corrections(front: Any) -> list[tuple[str, str]]:
    """(date, text) of each correction note of a front matter, in the file's order (the build checks the rest)."""
    value = front.get("correction") if isinstance(front, dict) else None
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items:
        if isinstance(item, dict) and (text := _text(item.get("text"))) is not None:
            found.append((str(item.get("date", "")), " ".join(text.split())))
    return found


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (bool, list, dict)):
        return None
    text = str(value).strip()
    return text or None


def _plain(path: str, text: str, line: int, note: str) -> Unit:
    return Unit(path, path, text, (text,), line, note)


def _note(note: str, content: Content) -> str:
    """The block's note and, where it has codes, what each code stands for."""
    found = [f"{{{code.id}}} {code.what}" for code, _ in codes(content)]
    if not found:
        return note
    listed = "Inline codes (keep each one, around the words it belongs to): " + "; ".join(found) + "."
    return f"{note} {listed}" if note else listed
