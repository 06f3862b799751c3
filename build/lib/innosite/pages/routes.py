"""The URL scheme of SPEC section 2: where each page of the model lives."""

from __future__ import annotations

from dataclasses import dataclass, field

from innosite.model.entry import Entry, Version
from innosite.model.settings import Config, Term

ENTRY_SECTIONS = ("press", "projects")


@dataclass(frozen=True, slots=True)
class Routes:
    """Paths (relative to the site root, `fi/tiedotteet/x/`) and their URLs."""

    config: Config
    base_path: str = field(init=False, compare=False)
    """config.base_path, worked out once: every link starts with it."""
    segments: dict[tuple[str, str], str] = field(init=False, compare=False)
    """config.segment(lang, section) of every language and section, worked out once."""

    def __post_init__(self) -> None:
        segments = {(lang, section): name for lang, names in self.config.sections for section, name in names}
        object.__setattr__(self, "base_path", self.config.base_path)
        object.__setattr__(self, "segments", segments)

    def url(self, path: str) -> str:
        """The link from a page of the site: works under base_url's path."""
        return self.base_path + path

    def absolute(self, path: str) -> str:
        """The absolute URL, for canonical links, feeds and sitemaps."""
        return self.config.base_url + path

    def home(self, lang: str) -> str:
        return f"{lang}/"

    def section(self, lang: str, section: str, number: int = 1) -> str:
        base = f"{lang}/{self.segments[lang, section]}/"
        return base if number == 1 else f"{base}{number}/"

    def term(self, term: Term, lang: str, number: int = 1) -> str:
        base = f"{lang}/{self.segments[lang, term.kind]}/{term.slug(lang)}/"
        return base if number == 1 else f"{base}{number}/"

    def version(self, entry: Entry, version: Version) -> str:
        """The page of a language version that exists."""
        if entry.section == "pages":
            return f"{version.lang}/{version.slug}/"
        return f"{version.lang}/{self.segments[version.lang, entry.section]}/{version.slug}/"

    def notice(self, entry: Entry, lang: str) -> str | None:
        """The notice page in lang for an untranslated entry, if the site has them."""
        if entry.section not in ENTRY_SECTIONS or entry.version(lang) is not None:
            return None
        if self.config.policy(lang) != "notice":
            return None
        return f"{lang}/{self.segments[lang, entry.section]}/{entry.original.slug}/"

    def entry(self, entry: Entry, lang: str) -> str | None:
        """The entry's page in lang: its version, its notice page, or None."""
        version = entry.version(lang)
        return self.version(entry, version) if version else self.notice(entry, lang)

    def media(self, entry: Entry, name: str) -> str:
        """Where a file of the entry's folder is copied."""
        return f"media/{entry.section}/{entry.id}/{name}"
