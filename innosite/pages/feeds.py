"""Atom feeds (RFC 4287): `{lang}/feed.xml`, the latest press releases of each language (pure).

An entry's id is a tag URI made of the site's host, the release's date and its
folder id, so it stays the same when a title (and with it the slug) changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from innosite.model.entry import Correction, PressRelease, Version
from innosite.model.settings import Term
from innosite.model.site import Site
from innosite.pages.planned import PlannedPage
from innosite.pages.routes import Routes

FEED_SIZE = 50
EPOCH = datetime(1970, 1, 1, tzinfo=ZoneInfo("UTC"))


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One press release in one language, as the feed shows it."""

    id: str
    title: str
    url: str
    published: str
    updated: str
    summary: str | None
    html: str
    """The body, with links relative to the site's host."""
    categories: tuple[tuple[str, str], ...]
    """(term id, name in the feed's language) of the release's themes."""
    corrections: tuple[Correction, ...] = ()
    """The version's correction notes: shown above its text, the latest one its update time."""


@dataclass(frozen=True, slots=True)
class Feed:
    """What templates/feed.xml writes for one language."""

    id: str
    url: str
    home_url: str
    listing_url: str
    updated: str
    entries: tuple[FeedEntry, ...]


def feed_path(lang: str) -> str:
    """The feed's output path, relative to the site root."""
    return f"{lang}/feed.xml"


def rfc3339(moment: datetime) -> str:
    """A date-time as RFC 3339 wants it: seconds and an offset."""
    return moment.isoformat(timespec="seconds")


def tag_uri(site: Site, entry: PressRelease, lang: str) -> str:
    """A permanent id for the entry's version in lang (RFC 4151)."""
    host = urlsplit(site.config.base_url).hostname or "localhost"
    day = (entry.published or EPOCH).date().isoformat()
    return f"tag:{host},{day}:{site.config.base_path}press/{entry.id}/{lang}"


def _updated(entry: PressRelease, version: Version) -> datetime:
    """When the version last changed: its update or latest correction, else its publication."""
    published = version.published or entry.published or EPOCH
    return max(published, version.changed or published)


def feed_entry(site: Site, routes: Routes, entry: PressRelease, version: Version) -> FeedEntry:
    published = version.published or entry.published or EPOCH
    themes: tuple[Term, ...] = tuple(site.term("themes", t) for t in entry.themes)
    return FeedEntry(
        id=tag_uri(site, entry, version.lang),
        title=version.title,
        url=routes.absolute(routes.version(entry, version)),
        published=rfc3339(published),
        updated=rfc3339(_updated(entry, version)),
        summary=version.summary,
        html=version.html,
        categories=tuple((t.id, t.name[version.lang]) for t in themes),
        corrections=version.corrections,
    )


def build_feed(site: Site, lang: str) -> Feed:
    """The latest FEED_SIZE press releases that have a version in lang (no notice pages)."""
    routes = Routes(site.config)
    releases = list(islice(((e, v) for e in site.press if (v := e.version(lang)) is not None), FEED_SIZE))
    entries = tuple(feed_entry(site, routes, e, v) for e, v in releases)
    newest = max((_updated(e, v) for e, v in releases), default=EPOCH)
    return Feed(
        id=routes.absolute(feed_path(lang)),
        url=routes.absolute(feed_path(lang)),
        home_url=routes.absolute(routes.home(lang)),
        listing_url=routes.absolute(routes.section(lang, "press")),
        updated=rfc3339(newest),
        entries=entries,
    )


def feed_pages(site: Site) -> list[PlannedPage]:
    """One feed per site language."""
    return [
        PlannedPage(feed_path(lang), "feed.xml", lang, f"the {lang} feed", {"feed": build_feed(site, lang)})
        for lang in site.config.langs
    ]
