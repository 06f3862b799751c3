"""Entries: press releases, projects and free pages, each with its language versions (frozen)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, datetime

from innosite.model.settings import Localized


@dataclass(frozen=True, slots=True)
class Contact:
    """A person to contact about an entry."""

    name: str
    role: Localized | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Image:
    """The entry's photo (meta.yaml `image`): a file in its folder, alt text per language, the photographer."""

    src: str
    alt: Localized
    credit: str | None = None
    """Who took the photo (or holds its rights): shown as its caption ("Kuva: ...")."""


@dataclass(frozen=True, slots=True)
class ImageFile:
    """An image file an entry publishes, as its bytes were found at load (content/images.py): what the image steps
    of the build need without reading it again."""

    name: str
    format: str
    """'jpeg', 'png', 'webp', 'gif', 'avif' or 'svg' (from the content, not the name)."""
    width: int | None
    height: int | None
    sha: str
    """SHA-256 of its bytes: what its processed versions are cached by."""


@dataclass(frozen=True, slots=True)
class Correction:
    """A correction note of a language version: when it was made and what was corrected (content/corrections.py)."""

    date: datetime
    text: str
    line: int = 0
    """The line of its date in the language file (for messages about it)."""


@dataclass(frozen=True, slots=True)
class Doubt:
    """A field of a version that looks untranslated: the same as another version's, or written in another of the
    site's languages (content/language.py)."""

    field: str
    """'title', 'summary' or 'text'."""
    line: int
    lang: str
    """The language it seems to be in: that of the version it equals, or the one it is written in."""
    same: bool
    """True: equal to that version's field; False: written in that language."""


@dataclass(frozen=True, slots=True)
class Version:
    """One language version of an entry: a language file."""

    lang: str
    title: str
    slug: str
    summary: str | None
    published: datetime | None
    updated: datetime | None
    packed_html: bytes
    """The body rendered from Markdown, compressed (see `pack`): a site holds thousands, few are read at once."""
    src_path: str
    """The language file, as given to the build (for messages)."""
    slug_line: int = 1
    """Line of the slug (or, without one, the title) in the language file."""
    files: tuple[str, ...] = ()
    """The files of the entry's folder that the body links to (sorted; they wait with it while it is scheduled)."""
    links: tuple[str, ...] = ()
    """The body's links to the rest of the site (paths as its page has them, web addresses of the site), each once:
    what a build checks without reading the body (output/links.py)."""
    goes_live: datetime | None = None
    """Set only when a build includes this version before its time (--future): when it goes live (its mark)."""
    doubts: tuple[Doubt, ...] = ()
    """Its fields that look untranslated (each a warning)."""
    corrections: tuple[Correction, ...] = ()
    """Its correction notes, oldest first."""

    @property
    def html(self) -> str:
        """The body, rendered from Markdown."""
        return unpack(self.packed_html)

    @property
    def changed(self) -> datetime | None:
        """When it last changed in substance: its `updated`, or its latest correction if that is later."""
        dates = [d for d in (self.updated, *(c.date for c in self.corrections)) if d is not None]
        return max(dates) if dates else None


def out_of_date(entry: Entry, version: Version) -> datetime | None:
    """When the entry's original last changed, if `version` is a translation older than that (its own last change,
    or else its publication, is earlier or unknown); None when it is up to date. The rule of the status report
    and of the translated page's notice."""
    source = entry.original
    if version is source or source.changed is None:
        return None
    own = version.changed or version.published
    return source.changed if own is None or own < source.changed else None


def pack(html: str) -> bytes:
    """A body as Version keeps it (zlib, fast level: about a third of the size)."""
    return zlib.compress(html.encode("utf-8"), 1)


def unpack(packed: bytes) -> str:
    """The body `pack` gave these bytes for."""
    return zlib.decompress(packed).decode("utf-8")


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """A folder under press/, projects/ or pages/ with its language versions."""

    section: str
    """'press', 'projects' or 'pages'."""
    id: str
    src_dir: str
    versions: tuple[Version, ...]
    """In the order of the site's languages."""
    files: tuple[str, ...] = ()
    """The files published with the entry (sorted): those its versions link to, and its image. Nothing else in
    its folder is published."""
    draft: bool = False
    aliases: tuple[str, ...] = ()
    contacts: tuple[Contact, ...] = ()
    image: Image | None = None
    images: tuple[ImageFile, ...] = ()
    """The image files among `files` (sorted by name): published processed, never as they are (speed/images.py)."""
    attachments: tuple[str, ...] = ()
    """Files of the folder listed under `attachments:`, linked from the page."""
    themes: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    published: datetime | None = None
    """Original publication time (press: meta.yaml; others: earliest version)."""

    def image_file(self, name: str) -> ImageFile | None:
        """The image file of this name among those it publishes, or None."""
        for found in self.images:
            if found.name == name:
                return found
        return None

    def version(self, lang: str) -> Version | None:
        for version in self.versions:  # a loop, not next() over a generator: called for every page and listing
            if version.lang == lang:
                return version
        return None

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(v.lang for v in self.versions)

    @property
    def original(self) -> Version:
        """The version published first; on a tie, the first in language order."""
        dated = [(v.published, v) for v in self.versions if v.published is not None]
        if not dated:
            return self.versions[0]
        return min(dated, key=lambda pair: pair[0])[1]  # min keeps the first on a tie

    @property
    def key(self) -> str:
        return f"{self.section}/{self.id}"


@dataclass(frozen=True, slots=True, kw_only=True)
class PressRelease(Entry):
    """A press release or news item."""

    kind: str = "press-release"
    region: str = "national"
    projects: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Project(Entry):
    """A lead project with its cities."""

    lead_city: str = ""
    start: date | None = None
    end: date | None = None
    website: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Page(Entry):
    """A free page (about, accessibility statement)."""
