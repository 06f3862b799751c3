"""View models: the small, language-resolved objects that templates show."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, datetime

from innosite.media.picture import Picture
from innosite.model.entry import Correction
from innosite.pages.images import Download
from innosite.pages.phones import PhoneView


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
class Described:
    """A meta description made of a sentence of the catalogs (partials/description.html) and names."""

    sentence: str
    """Which sentence: 'press', 'projects', 'themes', 'cities' (an index of terms), 'theme', 'city', 'feeds'."""
    names: str = ""
    """What an index lists ("Fotoniikka, Urheilu"); a term page's name is the page's title."""


@dataclass(frozen=True, slots=True)
class ShareImage:
    """The picture shown where a page is shared: og:image, twitter:card and the JSON-LD image (pages/share.py)."""

    url: str
    """Absolute."""
    alt: str
    width: int | None = None
    height: int | None = None
    """The size in pixels, where known (the generated share images' 1200 x 630)."""

    @property
    def large(self) -> bool:
        """Big enough for X's large card (300 x 157 at least); an image of unknown size gets the small one."""
        return bool(self.width and self.height and self.width >= 300 and self.height >= 157)


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
    """The meta description as it is (a summary, the site's description), else `described`, else (entry pages)
    the start of the text: partials/head.html."""
    noindex: bool = False
    section: str | None = None
    """The main navigation item this page belongs to."""
    described: Described | None = None
    whole_title: bool = False
    """The title is the page's whole <title>, without the site's name after it (the language chooser's)."""
    share: ShareImage | None = None
    """The page's share image (pages/share.py); None: share cards without a picture (twitter:card summary)."""
    feed: str | None = None
    """The page's own feed (a theme's or city's), from the page: linked in the head before the language's feed."""


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
    draft: bool = False
    """A draft, listed only in builds that include drafts (marked)."""
    goes_live: datetime | None = None
    """When it goes live, in builds that include it before its time (marked)."""


@dataclass(frozen=True, slots=True)
class ContactView:
    """A contact with role in the page's language and e-mail written with (a)."""

    name: str
    role: str | None
    phone: PhoneView | None
    email: str | None


@dataclass(frozen=True, slots=True)
class ImageView:
    """An entry's photo: its `<picture>`, who took it, and its original to download (pages/images.py)."""

    picture: Picture
    credit: str | None = None
    download: Download | None = None


@dataclass(frozen=True, slots=True)
class Pager:
    """Position in a paginated listing."""

    number: int
    count: int
    previous: str | None
    next: str | None


@dataclass(frozen=True, slots=True)
class Outdated:
    """What a translation's page says when its original changed after it: which, when, and where to read it."""

    lang: str
    """The original's language."""
    changed: datetime
    url: str
    """The original's page."""


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
    goes_live: datetime | None = None
    """When the text shown goes live, in builds that include it before its time (--future): marked."""
    outdated: Outdated | None = None
    """Set on a translation older than its original's last change (the status report's rule)."""
    corrections: tuple[Correction, ...] = ()
    """The shown version's correction notes, oldest first."""
