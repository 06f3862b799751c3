"""The search page of each language, and which pages the search index holds, in which shards (pure).

The search index is Pagefind's (`pagefind/`): one index per `<html lang>`, so a search page finds
pages of its own language only. Only elements marked `data-pagefind-body` are indexed: the main content of press
releases, projects and free pages (base.html), never navigation, footers or notice pages.

The index is made in shards (speed/search.py): each language's indexed pages grouped by month of publication
(0: undated), months in order, a shard closed before it passes SHARD_LIMIT pages. A build indexes one shard at
a time (as Pagefind would, pages/pagefind_fossick.py and pagefind_shard.py), and an edit only the shards whose
pages changed; the shards are then merged (pages/pagefind_merge.py) into the very index Pagefind writes of all
the language's pages at once, in (month, path) order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from innosite.model.site import Site
from innosite.pages.planned import PlannedPage
from innosite.pages.planner import Planner

BUNDLE = "pagefind"
"""The folder Pagefind writes under the output root."""

SHARD_LIMIT = 100
"""Most pages in one shard: bounds the indexer's memory and the work of an edit."""

_MAIN = re.compile(rb"<main\b[^>]*\bdata-pagefind-body\b.*?</main>", re.S)
_TITLE = re.compile(rb"<title>.*?</title>", re.S)
_LANG = re.compile(rb'<html lang="([^"]+)"')


@dataclass(frozen=True, slots=True)
class SearchPage:
    """A page the index holds: its output path, language and month of publication (202403; 0: undated)."""

    path: str
    lang: str
    period: int


@dataclass(frozen=True, slots=True)
class Shard:
    """Pages indexed together, in the order the merged index has them."""

    name: str
    """`<lang>-<first period>`."""
    lang: str
    pages: tuple[SearchPage, ...]


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


def indexed_pages(pages: Iterable[PlannedPage]) -> list[SearchPage]:
    """The pages base.html marks for Pagefind: entry pages that are not notice pages (of a missing version)."""
    found = []
    for page in pages:
        entry, view = page.entry, page.context.get("entry")
        if entry is not None:
            if entry.version(page.lang) is None:
                continue
            published = entry.published if entry.section == "press" else None
        elif view is not None and hasattr(view, "notice"):
            if view.notice:
                continue
            published = view.published
        else:
            continue
        found.append(SearchPage(page.path, page.lang, published.year * 100 + published.month if published else 0))
    return found


def plan_shards(pages: Iterable[SearchPage], limit: int = SHARD_LIMIT) -> list[Shard]:
    """The shards: per language, months in order, a shard closed before it passes limit pages (a month with more
    pages than that is one shard of its own)."""
    by_lang: dict[str, dict[int, list[SearchPage]]] = {}
    for page in pages:
        by_lang.setdefault(page.lang, {}).setdefault(page.period, []).append(page)
    shards = []
    for lang in sorted(by_lang):
        groups: list[tuple[int, list[SearchPage]]] = []
        for period in sorted(by_lang[lang]):
            found = by_lang[lang][period]
            if groups and len(groups[-1][1]) + len(found) <= limit:
                groups[-1][1].extend(found)
            else:
                groups.append((period, list(found)))
        for first, group in groups:  # joined, the shards hold every page in (period, path) order
            shards.append(Shard(f"{lang}-{first}", lang, tuple(sorted(group, key=lambda p: (p.period, p.path)))))
    return shards


def indexed_part(html: bytes) -> bytes | None:
    """What is indexed of a page: its language, title and marked main element (None: nothing marked). Pagefind
    reads the same of the whole page; reading only this, a page whose navigation changed indexes the same."""
    main = _MAIN.search(html)
    if main is None:
        return None
    lang = _LANG.search(html)
    title = _TITLE.search(html)
    return b"".join((
        b'<!DOCTYPE html><html lang="', lang.group(1) if lang else b"", b'"><head>',
        title.group(0) if title else b"", b"</head><body>", main.group(0), b"</body></html>",
    ))  # fmt: skip
