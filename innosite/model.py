"""The immutable model of a site: what load.py builds and everything else reads."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .statement import Statement

SECTIONS = ("press", "projects", "themes", "cities", "search")

DEFAULT_SECTIONS = {
    "fi": {"press": "tiedotteet", "projects": "hankkeet", "themes": "teemat", "cities": "kaupungit", "search": "haku"},
    "sv": {"press": "pressmeddelanden", "projects": "projekt", "themes": "teman", "cities": "stader", "search": "sok"},
    "en": {
        "press": "press-releases",
        "projects": "projects",
        "themes": "themes",
        "cities": "cities",
        "search": "search",
    },
}


@dataclass(frozen=True, slots=True)
class Localized:
    """A text in every site language, as ((lang, text), ...)."""

    items: tuple[tuple[str, str], ...]

    def __getitem__(self, lang: str) -> str:
        for code, text in self.items:
            if code == lang:
                return text
        raise KeyError(lang)


@dataclass(frozen=True, slots=True)
class Language:
    """A site language: code (`fi`), Babel locale (`fi_FI`), own name (`Suomi`)."""

    code: str
    locale: str
    name: str


@dataclass(frozen=True, slots=True)
class Config:
    """site.yaml, validated and with defaults filled in."""

    title: Localized
    description: Localized
    base_url: str
    languages: tuple[Language, ...]
    required_languages: tuple[str, ...]
    untranslated: tuple[tuple[str, str], ...]
    """(lang, 'notice' | 'hide') for every language."""
    timezone: str
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    """(lang, ((section, segment), ...)) for every language."""
    page_size: int = 20
    embeds: tuple[str, ...] = ()
    """Hosts whose embedded frames (iframes) bodies may show, e.g. www.youtube-nocookie.com."""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    @property
    def base_path(self) -> str:
        """The path part of base_url: `/` or `/programme/`."""
        rest = self.base_url.split("://", 1)[1]
        return "/" + rest.split("/", 1)[1] if "/" in rest else "/"

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)

    def segment(self, lang: str, section: str) -> str:
        """The URL segment of a section in a language (`tiedotteet`)."""
        return dict(dict(self.sections)[lang])[section]

    def policy(self, lang: str) -> str:
        """What a visitor of lang gets for an untranslated entry: notice or hide."""
        return dict(self.untranslated)[lang]


@dataclass(frozen=True, slots=True)
class Term:
    """A theme or a city: id and its name per language."""

    kind: str
    """'themes' or 'cities'."""
    id: str
    name: Localized
    slugs: tuple[tuple[str, str], ...]

    def slug(self, lang: str) -> str:
        return dict(self.slugs)[lang]


@dataclass(frozen=True, slots=True)
class Contact:
    """A person to contact about an entry."""

    name: str
    role: Localized | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Image:
    """An image file in the entry's folder with alt text per language."""

    src: str
    alt: Localized


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

    @property
    def html(self) -> str:
        """The body, rendered from Markdown."""
        return unpack(self.packed_html)


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
    """Other files in the folder, copied along (attachments, images)."""
    draft: bool = False
    aliases: tuple[str, ...] = ()
    contacts: tuple[Contact, ...] = ()
    image: Image | None = None
    themes: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    published: datetime | None = None
    """Original publication time (press: meta.yaml; others: earliest version)."""

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
        dated = [v for v in self.versions if v.published is not None]
        if not dated:
            return self.versions[0]
        return min(dated, key=lambda v: v.published)  # min keeps the first on a tie

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


@dataclass(frozen=True, slots=True)
class Site:
    """Everything the build knows about the content, validated."""

    config: Config
    themes: tuple[Term, ...]
    cities: tuple[Term, ...]
    press: tuple[PressRelease, ...]
    """Newest first."""
    projects: tuple[Project, ...]
    """By title in the default language."""
    pages: tuple[Page, ...]
    statement: Statement | None = None
    """The accessibility statement (accessibility.yaml), if the site has one."""

    def term(self, kind: str, term_id: str) -> Term:
        terms = self.themes if kind == "themes" else self.cities
        return next(t for t in terms if t.id == term_id)

    def project(self, project_id: str) -> Project:
        return next(p for p in self.projects if p.id == project_id)
