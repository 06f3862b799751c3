"""The search page of each language (the index itself is made by output/search_index.py).

Pagefind reads the finished HTML and writes `pagefind/` beside it: one index per
`<html lang>`, so a search page finds pages of its own language only. Only elements
marked `data-pagefind-body` are indexed: the main content of press releases,
projects and free pages (base.html), never navigation, footers or notice pages.
"""

from __future__ import annotations

from innosite.model.site import Site
from innosite.pages.planned import PlannedPage
from innosite.pages.planner import Planner

BUNDLE = "pagefind"
"""The folder Pagefind writes under the output root."""


def search_path(site: Site, lang: str) -> str:
    """The search page of lang, relative to the site root: `fi/haku/`."""
    return f"{lang}/{site.config.segment(lang, 'search')}/"


def search_pages(site: Site) -> list[PlannedPage]:
    """One search page per language; not indexed itself (it has no content)."""
    planner = Planner(site)
    others = {lang: search_path(site, lang) for lang in site.config.langs}
    pages = []
    for lang, path in others.items():
        head = planner.head(lang, path, "", others, section="search", noindex=True)
        context = {"head": head, "bundle_url": planner.routes.url(BUNDLE + "/"), "root_url": planner.routes.url("")}
        pages.append(PlannedPage(path + "index.html", "search.html", lang, f"the {lang} search page", context))
    return pages
