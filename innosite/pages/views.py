"""View models: the small, language-resolved objects that templates show."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Html:
    """A body of HTML kept compressed until a template shows it (`|safe` and autoescape call __html__).

    Entry pages travel to the rendering processes with their body packed, so the main process never unpacks it."""

    packed: bytes

    def __html__(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8")

    __str__ = __html__


@dataclass(frozen=True, slots=True)
class SwitchLink:
    """One language in the language switcher."""

    lang: str
    name: str
    url: str
    current: bool


@dataclass(frozen=True, slots=True)
class Head:
    """What every HTML page carries in its head and header."""

    lang: str
    title: str
    path: str
    canonical: str
    alternates: tuple[tuple[str, str], ...]
    """(hreflang, absolute URL) of each existing translation, then x-default."""
    switcher: tuple[SwitchLink, ...]
    description: str | None = None
    noindex: bool = False
    section: str | None = None
    """The main navigation item this page belongs to."""


@dataclass(frozen=True, slots=True)
class Link:
    """A named link (theme, city, project)."""

    name: str
    url: str


@dataclass(frozen=True, slots=True)
class Item:
    """An entry in a listing, in the listing's language where it exists."""

    title: str
    url: str
    summary: str | None
    published: datetime | None
    kind: str
    """'press-release', 'news', 'project' or 'page'."""
    text_lang: str
    """The language of title and summary."""
    available_in: str | None = None
    """Set when the entry has no version in the listing's language."""


@dataclass(frozen=True, slots=True)
class ContactView:
    """A contact with role in the page's language and e-mail written with (a)."""

    name: str
    role: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class ImageView:
    url: str
    alt: str


@dataclass(frozen=True, slots=True)
class Pager:
    """Position in a paginated listing."""

    number: int
    count: int
    previous: str | None
    next: str | None


@dataclass(frozen=True, slots=True)
class EntryView:
    """An entry page: a version, or the original inside a notice page."""

    kind: str
    title: str
    summary: str | None
    html: str | Html
    text_lang: str
    """The language of the text shown (differs from the page on notice pages)."""
    notice: bool
    published: datetime | None
    later_published: datetime | None
    """When this language's version came out, if later than the original."""
    updated: datetime | None
    region: str | None
    """'national', a city name, or None (not a press release)."""
    themes: tuple[Link, ...] = ()
    cities: tuple[Link, ...] = ()
    lead_city: Link | None = None
    projects: tuple[Item, ...] = ()
    releases: tuple[Item, ...] = ()
    contacts: tuple[ContactView, ...] = ()
    image: ImageView | None = None
    attachments: tuple[Link, ...] = ()
    """The files listed under `attachments:`, by name."""
    website: str | None = None
    start: date | None = None
    end: date | None = None
    draft: bool = False
