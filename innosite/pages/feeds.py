"""Atom feeds (RFC 4287), pure: `{lang}/feed.xml`, the latest press releases of each language, and one feed per
theme and city beside its page (`{lang}/{themes}/{slug}/feed.xml`) with the releases its page lists.

Images: a release's photo is its entry's enclosure (`<link rel="enclosure">` with its type and length in bytes),
and each image of its text one `<img>` with its width and height; both the published size feed readers and e-mail
programs show (pages/images.py's `feed_image`: the JPEG of at most 1200 pixels), never the original for download.

An entry's id is a tag URI made of the site's host, the release's date and its
folder id, so it stays the same when a title (and with it the slug) changes, and
is the same in every feed that holds the release.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from innosite.memo import Memo, Memory
from innosite.model.entry import Correction, PressRelease, Version
from innosite.model.settings import Term
from innosite.model.site import Site
from innosite.pages.images import Media, feed_image, has_pictures, with_pictures
from innosite.pages.listings import group_releases, tags
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
    enclosure: Enclosure | None = None
    """The release's photo."""


@dataclass(frozen=True, slots=True)
class Enclosure:
    """A file an entry of a feed carries (RFC 4287 4.2.7.2): its photo, in a size feed readers show."""

    url: str
    type: str
    length: int
    """Bytes."""
    title: str
    """The photo's alt text in the feed's language."""


@dataclass(frozen=True, slots=True)
class Feed:
    """What templates/feed.xml writes: a language's feed, or a theme's or city's in a language."""

    id: str
    url: str
    home_url: str
    listing_url: str
    """The page that lists what the feed holds (the press releases, the term's page)."""
    updated: str
    entries: tuple[FeedEntry, ...]
    name: str | None = None
    """The theme's or city's name, in the feed's title."""


@dataclass(frozen=True, slots=True)
class FeedLink:
    """A feed as pages link it: what it follows, in the page's language, and its address (from the page)."""

    name: str
    url: str


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


def feed_entry(site: Site, routes: Routes, entry: PressRelease, version: Version, media: Media) -> FeedEntry:
    published = version.published or entry.published or EPOCH
    themes: tuple[Term, ...] = tuple(site.term("themes", t) for t in entry.themes)
    html = version.html
    if has_pictures(entry, version.files):
        html = with_pictures(html, routes, entry, media, first=False, feed=True)
    return FeedEntry(
        id=tag_uri(site, entry, version.lang),
        title=version.title,
        url=routes.absolute(routes.version(entry, version)),
        published=rfc3339(published),
        updated=rfc3339(_updated(entry, version)),
        summary=version.summary,
        html=html,
        categories=tuple((t.id, t.name[version.lang]) for t in themes),
        corrections=version.corrections,
        enclosure=enclosure(routes, entry, version.lang, media),
    )


def enclosure(routes: Routes, entry: PressRelease, lang: str, media: Media) -> Enclosure | None:
    """The release's photo as its feed entry's enclosure, None without one (or before the image step made it)."""
    image = entry.image_file(entry.image.src) if entry.image else None
    carried = feed_image(routes, entry, image, media.made.get(image.sha)) if image else None
    if entry.image is None or carried is None:
        return None
    return Enclosure(routes.absolute(carried.path), carried.type, carried.size, entry.image.alt[lang])


def term_feed_path(routes: Routes, term: Term, lang: str) -> str:
    """A theme's or city's feed in lang, beside its first page: `fi/teemat/fotoniikka/feed.xml`."""
    return routes.term(term, lang) + "feed.xml"


MEMOS = ("feeds.entries", "feeds.pages")
"""The feeds' memos: values made under one set of settings (site.yaml, themes, cities)."""


class Made:
    """The feed entries of one build, a release in several feeds made once (and hashed once for the
    fingerprints); with a memory (the preview's), also the last build's while the release is the same."""

    def __init__(self, site: Site, media: Media, memory: Memory | None = None) -> None:
        memory = memory or Memory()
        memory.scope(MEMOS, (site.config, site.themes, site.cities))
        self.site, self.routes, self.media = site, Routes(site.config), media
        self.entries: Memo[tuple[str, str, str], FeedEntry] = memory.memo("feeds.entries")
        self.pages: Memo[str, PlannedPage] = memory.memo("feeds.pages")

    def entry(self, entry: PressRelease, version: Version) -> FeedEntry:
        """The release's version as its feeds show it, made of the release and what the image step made of its
        images (a feed carries their published sizes)."""
        inputs = (entry, tuple(self.media.made.get(image.sha) for image in entry.images))
        key = (entry.section, entry.id, version.lang)
        return self.entries.get(key, inputs, feed_entry, self.site, self.routes, entry, version, self.media)

    def page(self, path: str, lang: str, source: str, feed: Feed) -> PlannedPage:
        """The feed's page, the last build's while its feed is equal (the same entries compare by identity
        first): its fingerprint is then remembered too, and it is not rendered again."""
        return self.pages.get(path, (feed, source), lambda: PlannedPage(path, "feed.xml", lang, source, {"feed": feed}))


def build_feed(
    site: Site,
    lang: str,
    releases: tuple[PressRelease, ...] | None = None,
    term: Term | None = None,
    made: Made | None = None,
    media: Media | None = None,
) -> Feed:
    """The latest FEED_SIZE releases that have a version in lang (no notice pages): of the site, or those a theme's
    or city's page lists."""
    made = made or Made(site, media or Media())
    routes = made.routes
    chosen = site.press if releases is None else releases
    picked = list(islice(((e, v) for e in chosen if (v := e.version(lang)) is not None), FEED_SIZE))
    entries = tuple(made.entry(e, v) for e, v in picked)
    newest = max((_updated(e, v) for e, v in picked), default=EPOCH)
    path = feed_path(lang) if term is None else term_feed_path(routes, term, lang)
    listing = routes.section(lang, "press") if term is None else routes.term(term, lang)
    return Feed(
        id=routes.absolute(path),
        url=routes.absolute(path),
        home_url=routes.absolute(routes.home(lang)),
        listing_url=routes.absolute(listing),
        updated=rfc3339(newest),
        entries=entries,
        name=None if term is None else term.name[lang],
    )


def feed_pages(site: Site, media: Media | None = None, memory: Memory | None = None) -> list[PlannedPage]:
    """One feed per site language, then one per theme and city in each language (`media`: what the image step
    made of the site's images; `memory`: see Made)."""
    made = Made(site, media or Media(), memory)
    pages = [
        made.page(feed_path(lang), lang, f"the {lang} feed", build_feed(site, lang, made=made))
        for lang in site.config.langs
    ]
    tagged = group_releases(site.press, tags).groups
    for term in (*site.themes, *site.cities):
        releases = tagged.get((term.kind, term.id), ())
        for lang in site.config.langs:
            path = term_feed_path(made.routes, term, lang)
            feed = build_feed(site, lang, releases, term, made)
            pages.append(made.page(path, lang, f"{term.kind}.yaml: {term.id}", feed))
    return pages
