"""sitemap.xml and robots.txt, made from the planned HTML pages (pure).

A page is listed when search engines may index it: not `noindex` (notice
pages, the 404 page, the search pages, redirects) and its canonical URL is its
own. Its hreflang alternates are the ones its head carries. A preview build
(--preview) has no sitemap, and its robots.txt disallows everything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from innosite.memo import Memo, Memory, Same
from innosite.model.site import Site
from innosite.pages.feeds import rfc3339
from innosite.pages.planned import PlannedPage
from innosite.pages.routes import Routes
from innosite.pages.views import EntryView, Head, Item

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
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


MEMOS = ("sitemap.urls", "sitemap.digest")
"""The sitemap's memos: made under one site.yaml (the URLs are absolute)."""


def sitemap_pages(site: Site, pages: Iterable[PlannedPage], memory: Memory | None = None) -> list[PlannedPage]:
    """sitemap.xml listing every indexable page, and robots.txt pointing to it.

    With a memory, each page's <url> is made once while the page is the same object, and the sitemap's
    inputs (a digest of its URLs, so that an incremental build need not hash them all again) while they
    are the same."""
    routes = Routes(site.config)
    lang = site.config.langs[0]
    if site.config.preview:  # a preview lists nothing for search engines, and asks them to stay away
        return [PlannedPage(ROBOTS, "robots.txt", lang, "robots.txt", {"sitemap_url": None})]
    memory = memory or Memory()
    memory.scope(MEMOS, site.config)
    urls_of: Memo[Same, tuple[SitemapUrl, str] | None] = memory.memo("sitemap.urls")
    listed = [
        value for page in pages if (value := urls_of.get(Same(page), None, _url_and_line, page, routes)) is not None
    ]
    digests: Memo[str, tuple[tuple[SitemapUrl, ...], tuple]] = memory.memo("sitemap.digest")
    urls, inputs = digests.get("sitemap", listed, _digested, listed)
    context = {"sitemap_url": routes.absolute(SITEMAP)}
    return [
        PlannedPage(SITEMAP, "sitemap.xml", lang, "the sitemap", {"urls": urls}, inputs=inputs),
        PlannedPage(ROBOTS, "robots.txt", lang, "robots.txt", context),
    ]


def _url_and_line(page: PlannedPage, routes: Routes) -> tuple[SitemapUrl, str] | None:
    """The page's <url> and the line its digest is made of (None: not listed)."""
    if not indexable(page, routes):
        return None
    url = sitemap_url(page)
    return url, _line(url)


def _digested(listed: list[tuple[SitemapUrl, str]]) -> tuple[tuple[SitemapUrl, ...], tuple]:
    """The sitemap's URLs, and its inputs: a digest of everything it shows."""
    urls = tuple(url for url, _ in listed)
    return urls, ("sitemap", hashlib.sha256("\n".join(line for _, line in listed).encode()).hexdigest())


def _line(url: SitemapUrl) -> str:
    """Everything the sitemap shows of one URL, as one line (what its digest is made of)."""
    return "\t".join((url.loc, url.lastmod or "", *(f"{lang} {href}" for lang, href in url.alternates)))
