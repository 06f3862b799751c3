"""sitemap.xml and robots.txt, made from the planned HTML pages (pure).

A page is listed when search engines may index it: not `noindex` (notice
pages, the 404 page, the search pages, redirects) and its canonical URL is its
own. Its hreflang alternates are the ones its head carries.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from innosite.model.site import Site
from innosite.pages.feeds import rfc3339
from innosite.pages.plan import PlanMemory, PlannedPage
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


def sitemap_pages(site: Site, pages: Iterable[PlannedPage], memory: PlanMemory | None = None) -> list[PlannedPage]:
    """sitemap.xml listing every indexable page, and robots.txt pointing to it.

    `memory.derived` holds the <url> (or None) of pages met before, by id; it is left holding these pages'.
    The sitemap's inputs are a digest of its URLs, so that an incremental build need not hash them all again."""
    routes = Routes(site.config)
    earlier = memory.derived if memory is not None else {}
    found: dict[int, tuple[PlannedPage, Any]] = {}
    for page in pages:
        hit = earlier.get(id(page))
        if hit is None or hit[0] is not page:
            url = sitemap_url(page) if indexable(page, routes) else None
            hit = (page, None if url is None else (url, _line(url)))
        found[id(page)] = hit
    listed = [value for _, value in found.values() if value is not None]
    known = memory.sitemap if memory is not None else ()
    if known and known[0] == listed:  # the same URLs (mostly the same objects): digested before
        urls, inputs = known[1], known[2]
    else:
        urls = tuple(url for url, _ in listed)
        inputs = ("sitemap", hashlib.sha256("\n".join(line for _, line in listed).encode()).hexdigest())
    if memory is not None:
        memory.derived, memory.sitemap = found, (listed, urls, inputs)
    lang = site.config.codes[0]
    context = {"sitemap_url": routes.absolute(SITEMAP)}
    return [
        PlannedPage(SITEMAP, "sitemap.xml", lang, "the sitemap", {"urls": urls}, inputs=inputs),
        PlannedPage(ROBOTS, "robots.txt", lang, "robots.txt", context),
    ]


def _line(url: SitemapUrl) -> str:
    """Everything the sitemap shows of one URL, as one line (what its digest is made of)."""
    return "\t".join((url.loc, url.lastmod or "", *(f"{lang} {href}" for lang, href in url.alternates)))
