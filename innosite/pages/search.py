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
from innosite.pages.pagefind_fossick import VOID_TAGS, _attributes
from innosite.pages.planned import PlannedPage
from innosite.pages.planner import Planner

BUNDLE = "pagefind"
"""The folder Pagefind writes under the output root."""

SHARD_LIMIT = 100
"""Most pages in one shard: bounds the indexer's memory and the work of an edit."""

_MAIN = re.compile(rb"<main\b[^>]*\bdata-pagefind-body\b.*?</main>", re.S)
_TITLE = re.compile(rb"<title>.*?</title>", re.S)
_LANG = re.compile(rb'<html lang="([^"]+)"')
_IGNORED = b'data-pagefind-ignore="all"'
"""The marking of elements Pagefind leaves out with all they hold (the lists of related entries, entry_meta.html)."""
_TAG = re.compile(rb"<(/?)([A-Za-z][^\t\n\f\r />]*)((?:[^>\"']+|\"[^\"]*\"|'[^']*')*)>")
"""A start or end tag, as pages/pagefind_fossick.py reads it."""
_NAMES = re.compile(rb"<(/?)([a-z][^\t\n\f\r />]*)(?:[^>\"']+|\"[^\"]*\"|'[^']*')*>")
"""_TAG in lower-cased HTML, with only its name."""
_UNSAFE = re.compile(
    rb"<(?:[!?]|(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)[\t\n\f\r />])"
)
"""In lower-cased HTML, what may hide tags from a plain scan or show tags that are none (comments, raw text): no
cutting then."""
_VOID = frozenset(tag.encode() for tag in VOID_TAGS)


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
        title.group(0) if title else b"", b"</head><body>", _without_ignored(main.group(0)), b"</body></html>",
    ))  # fmt: skip


def _without_ignored(main: bytes) -> bytes:
    """The main element without the elements marked `data-pagefind-ignore="all"`, which Pagefind leaves out with all
    they hold (no words, meta fields or anchors; an anchor's number is not in the index): a third of an entry
    page's words, read for nothing. An element is left in when cutting it might change what is indexed: a
    comment or raw text element in main, data-pagefind-body in the element, an end tag in it of an element opened
    before it, or no end of its own."""
    at = main.find(_IGNORED)
    if at < 0:
        return main
    low = main.lower()  # tag names as Pagefind reads them (the same offsets)
    if _UNSAFE.search(low):
        return main
    pieces = []
    done = 0
    while at >= 0:
        start = main.rfind(b"<", done, at)
        tag = _TAG.match(main, start) if start >= 0 else None
        end = _element_end(low, tag) if tag is not None and tag.end() > at else None
        if end is None or b"data-pagefind-body" in main[start:end]:
            at = main.find(_IGNORED, at + len(_IGNORED))
            continue
        pieces.append(main[done:start])
        done = end
        at = main.find(_IGNORED, end)
    pieces.append(main[done:])
    return b"".join(pieces)


def _element_end(low: bytes, tag: re.Match[bytes]) -> int | None:
    """Where the element of this start tag ends in main (lower-cased: low), after its end tag, if it is marked exactly
    `ignore="all"` and everything in it ends in it (as pages/pagefind_fossick.py matches end tags: with the innermost
    open element of the name), else None."""
    name = tag.group(2).lower()
    attrs = _attributes(tag.group(3).decode("utf-8", "replace"))
    if tag.group(1) or name in _VOID or attrs.get("data-pagefind-ignore") != "all":
        return None
    stack = [name]
    for found in _NAMES.finditer(low, tag.end()):
        slash, inner = found.group(1, 2)
        if not slash:
            if inner not in _VOID:
                stack.append(inner)
            continue
        if stack[-1] == inner:
            stack.pop()
        else:
            at = len(stack) - 1
            while at >= 0 and stack[at] != inner:
                at -= 1
            if at < 0:  # it ends an element opened before (or none): leave the element in
                return None
            del stack[at:]
        if not stack:
            return found.end()
    return None
