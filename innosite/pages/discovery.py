"""How people and machines find the site: feeds, sitemap, search pages, redirects, page metadata (pure).

`add_discovery` extends the plan of pages/plan.py with those pages, and gives every
language's templates the values partials/meta.html needs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from innosite.memo import Memory
from innosite.model.site import Site
from innosite.pages.addresses import recorded_pages
from innosite.pages.feeds import feed_pages, feed_path
from innosite.pages.images import Media
from innosite.pages.planned import SitePlan
from innosite.pages.redirects import redirect_pages
from innosite.pages.routes import Routes
from innosite.pages.search import search_pages, search_path
from innosite.pages.share import og_locale
from innosite.pages.sitemap import sitemap_pages


@dataclass(frozen=True, slots=True)
class Discovery:
    """Per language: the links and names the head of every page carries."""

    feed_url: str
    search_url: str
    base_url: str
    home: str
    """The absolute URL of the language's home page (the publisher's URL)."""
    origin: str
    """Scheme and host of base_url, to make site paths absolute: `https://example.org`."""
    description: str
    locales: tuple[tuple[str, str], ...]
    """(lang, Open Graph locale such as fi_FI, sv_SE: pages/share.py) of every site language."""

    def locale(self, lang: str) -> str:
        return dict(self.locales)[lang]


def discovery_globals(site: Site, lang: str) -> Discovery:
    config = site.config
    routes = Routes(config)
    return Discovery(
        feed_url=routes.url(feed_path(lang)),
        search_url=routes.url(search_path(site, lang)),
        base_url=config.base_url,
        home=routes.absolute(routes.home(lang)),
        origin=config.base_url.removesuffix(config.base_path.removeprefix("/")).rstrip("/"),
        description=config.description[lang],
        locales=tuple((language.lang, og_locale(language.locale)) for language in config.languages),
    )


def add_discovery(plan: SitePlan, site: Site, memory: Memory | None = None, media: Media | None = None) -> SitePlan:
    """The plan with feeds, search pages, redirects (aliases, recorded addresses), notice pages of removed entries,
    sitemap and robots.txt added.

    `memory` keeps what the sitemap took from each page for the next build; `media` is what the image step made
    of the site's images (for the feeds)."""
    pages = [*plan.pages, *feed_pages(site, media, memory), *search_pages(site)]
    pages += redirect_pages(site)
    recorded, notes = recorded_pages(site, {page.path: page for page in pages})
    pages += recorded
    pages += sitemap_pages(site, pages, memory)
    globals_ = {lang: {**values, "discovery": discovery_globals(site, lang)} for lang, values in plan.globals.items()}
    return replace(plan, pages=tuple(pages), globals=globals_, notes=(*plan.notes, *notes))
