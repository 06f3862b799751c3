"""sitemap.xml and robots.txt, made from the planned HTML pages (pure).

A page is listed when search engines may index it: not `noindex` (notice
pages, the 404 page, the search pages, redirects) and its canonical URL is its
own. Its hreflang alternates are the ones its head carries.

A sitemap holds at most 50,000 URLs and 50 MB (the protocol's limits). A site that
would pass either gets a sitemap index at sitemap.xml instead, naming the parts
sitemap-1.xml, sitemap-2.xml, ..., each within both limits; robots.txt names
sitemap.xml either way.
A preview build (--preview) has no sitemap, and its robots.txt disallows everything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from markupsafe import escape

from innosite.memo import Memo, Memory, Same
from innosite.model.site import Site
from innosite.pages.feeds import rfc3339
from innosite.pages.planned import PlannedPage
from innosite.pages.routes import Routes
from innosite.pages.views import EntryView, Head, Item

SITEMAP = "sitemap.xml"
PART = "sitemap-{}.xml"
ROBOTS = "robots.txt"
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
"""The sitemap protocol's limits for one file: URLs, and bytes before compression (52,428,800)."""
_URLSET = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    "</urlset>\n"
)
"""What templates/sitemap.xml writes around the URLs (for the size of a file; a test compares)."""
LISTS = ("latest", "items", "releases", "projects")
"""Context keys of the item lists whose newest date is a listing's lastmod."""


@dataclass(frozen=True, slots=True)
class SitemapUrl:
    """One <url> of the sitemap."""

    loc: str
    lastmod: str | None
    alternates: tuple[tuple[str, str], ...]
    """(hreflang, absolute URL), x-default last; empty when the page has none."""


def indexable(page: PlannedPage, routes: Routes) -> bool:
    """True for an HTML page that search engines may list under its own URL."""
    head = page.context.get("head")
    if not isinstance(head, Head) or head.noindex or not page.path.endswith(".html"):
        return False
    return head.canonical == routes.absolute(page.path.removesuffix("index.html"))


def lastmod(page: PlannedPage) -> datetime | None:
    """When the page's content last changed: the entry's dates, or the newest listed release."""
    if page.entry is not None or isinstance(page.context.get("entry"), EntryView):
        return page.modified  # an entry page: the planner worked it out (plan._modified)
    items: Iterable[Item] = (i for key in LISTS for i in page.context.get(key, ()) if isinstance(i, Item))
    return max((i.published for i in items if i.published), default=None)


def sitemap_url(page: PlannedPage) -> SitemapUrl:
    head: Head = page.context["head"]
    own = any(url == head.canonical for _, url in head.alternates)
    moment = lastmod(page)
    return SitemapUrl(head.canonical, rfc3339(moment) if moment else None, head.alternates if own else ())


@dataclass(frozen=True, slots=True)
class SitemapPart:
    """One file of a sitemap index: where, and its newest lastmod."""

    loc: str
    lastmod: str | None


_URL_BYTES = len("  <url>\n    <loc></loc>\n  </url>\n")
_LASTMOD_BYTES = len("    <lastmod></lastmod>\n")
_ALTERNATE_BYTES = len('    <xhtml:link rel="alternate" hreflang="" href=""/>\n')


def url_bytes(url: SitemapUrl) -> int:
    """The UTF-8 bytes of the url's <url> element as templates/sitemap.xml writes it (a test compares): its markup,
    and its values escaped (measured together: escaping and UTF-8 go character by character)."""
    values = [url.loc, url.lastmod or "", *(part for pair in url.alternates for part in pair)]
    markup = _URL_BYTES + (_LASTMOD_BYTES if url.lastmod else 0) + _ALTERNATE_BYTES * len(url.alternates)
    return markup + _escaped("".join(values))


def _escaped(text: str) -> int:
    """The UTF-8 bytes of text as the template writes it (escaped); addresses seldom need escaping."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        text = str(escape(text))
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def split_urls(sizes: tuple[int, ...], max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES) -> list[slice]:
    """Where URLs of these sizes (in bytes, url_bytes) are cut into files within the limits: as few as can be, one
    when they fit."""
    room = max_bytes - len(_URLSET.encode())
    parts: list[slice] = []
    start, used = 0, 0
    for index, size in enumerate(sizes):
        if index > start and (index - start >= max_urls or used + size > room):
            parts.append(slice(start, index))
            start, used = index, 0
        used += size
    parts.append(slice(start, len(sizes)))
    return parts


MEMOS = ("sitemap.urls", "sitemap.digest")
"""The sitemap's memos: made under one site.yaml (the URLs are absolute)."""


def sitemap_pages(
    site: Site,
    pages: Iterable[PlannedPage],
    memory: Memory | None = None,
    max_urls: int | None = None,
    max_bytes: int | None = None,
) -> list[PlannedPage]:
    """sitemap.xml listing every indexable page (or indexing the parts that do, past the limits: by default the
    protocol's), and robots.txt pointing to it.

    With a memory, each page's <url> is made once while the page is the same object, and the sitemap's
    inputs (a digest of its URLs, so that an incremental build need not hash them all again) while they
    are the same."""
    routes = Routes(site.config)
    lang = site.config.langs[0]
    if site.config.preview:  # a preview lists nothing for search engines, and asks them to stay away
        return [PlannedPage(ROBOTS, "robots.txt", lang, "robots.txt", {"sitemap_url": None})]
    max_urls, max_bytes = max_urls or MAX_URLS, max_bytes or MAX_BYTES
    memory = memory or Memory()
    memory.scope(MEMOS, site.config)
    urls_of: Memo[Same, tuple[SitemapUrl, str, int] | None] = memory.memo("sitemap.urls")
    listed = [
        value for page in pages if (value := urls_of.get(Same(page), None, _url_and_line, page, routes)) is not None
    ]
    digests: Memo[str, list[tuple[tuple[SitemapUrl, ...], tuple]]] = memory.memo("sitemap.digest")
    parts = digests.get("sitemap", (listed, max_urls, max_bytes), _digested, listed, max_urls, max_bytes)
    robots = PlannedPage(ROBOTS, "robots.txt", lang, "robots.txt", {"sitemap_url": routes.absolute(SITEMAP)})
    if len(parts) == 1:
        urls, inputs = parts[0]
        return [PlannedPage(SITEMAP, "sitemap.xml", lang, "the sitemap", {"urls": urls}, inputs=inputs), robots]
    files = [
        PlannedPage(PART.format(number), "sitemap.xml", lang, "the sitemap", {"urls": urls}, inputs=inputs)
        for number, (urls, inputs) in enumerate(parts, 1)
    ]
    index = tuple(
        SitemapPart(routes.absolute(page.path), newest(url.lastmod for url in urls))
        for page, (urls, _) in zip(files, parts, strict=True)
    )
    return [PlannedPage(SITEMAP, "sitemap_index.xml", lang, "the sitemap index", {"sitemaps": index}), *files, robots]


def newest(moments: Iterable[str | None]) -> str | None:
    """The latest of RFC 3339 times (compared as moments: offsets differ in summer and winter), or None."""
    return max((m for m in moments if m), key=datetime.fromisoformat, default=None)


def _url_and_line(page: PlannedPage, routes: Routes) -> tuple[SitemapUrl, str, int] | None:
    """The page's <url>, the line its digest is made of and its size in the sitemap (None: not listed)."""
    if not indexable(page, routes):
        return None
    url = sitemap_url(page)
    return url, _line(url), url_bytes(url)


def _digested(
    listed: list[tuple[SitemapUrl, str, int]], max_urls: int, max_bytes: int
) -> list[tuple[tuple[SitemapUrl, ...], tuple]]:
    """The sitemap's files (one, or the parts of an index): the URLs of each, and its inputs, a digest of
    everything it shows."""
    files = []
    for part in split_urls(tuple(size for _, _, size in listed), max_urls, max_bytes):
        chosen = listed[part]
        digest = hashlib.sha256("\n".join(line for _, line, _ in chosen).encode()).hexdigest()
        files.append((tuple(url for url, _, _ in chosen), ("sitemap", digest)))
    return files


def _line(url: SitemapUrl) -> str:
    """Everything the sitemap shows of one URL, as one line (what its digest is made of)."""
    return "\t".join((url.loc, url.lastmod or "", *(f"{lang} {href}" for lang, href in url.alternates)))
