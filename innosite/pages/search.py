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
from innosite.pages.pagefind_html import RAW_TEXT, VOID_TAGS, attributes
from innosite.pages.planned import PlannedPage
from innosite.pages.planner import Planner

BUNDLE = "pagefind"
"""The folder Pagefind writes under the output root."""

SHARD_LIMIT = 100
"""Most pages in one shard: bounds the indexer's memory and the work of an edit."""

_MAIN = re.compile(rb"<main\b[^>]*\bdata-pagefind-body\b")
"""The start of the main element Pagefind indexes (it ends at the first `</main>` after)."""
_TITLE = re.compile(rb"<title>.*?</title>", re.S)
_LANG = re.compile(rb'<html lang="([^"]+)"')
_IGNORED = b'data-pagefind-ignore="all"'
"""The marking of elements Pagefind leaves out with all they hold (the lists of related entries, entry_meta.html)."""
_TAG = re.compile(rb"<(/?)([a-z][^\t\n\f\r />]*)(?:[^>\"']+|\"[^\"]*\"|'[^']*')*>")
"""A start or end tag in lower-cased HTML, as pages/pagefind_html.py reads it."""
_HIDING = re.compile(
    rb"<(?:[!?]|(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)[\t\n\f\r />])"
)
"""In lower-cased HTML, what may hide tags that follow (a comment, a raw text element)."""
_VOID = frozenset(tag.encode() for tag in VOID_TAGS)
_RAW = frozenset(tag.encode() for tag in RAW_TEXT)

_AFTER_NAME = frozenset((b"\t", b"\n", b"\f", b"\r", b" ", b"/", b">"))


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
    end = html.find(b"</main>", main.end()) if main is not None else -1
    if main is None or end < 0:
        return None
    lang = _LANG.search(html)
    title = _TITLE.search(html)
    part = _without_ignored(html[main.start() : end + 7])
    return b"".join((
        b'<!DOCTYPE html><html lang="', lang.group(1) if lang else b"", b'"><head>',
        title.group(0) if title else b"", b"</head><body>", part, b"</body></html>",
    ))  # fmt: skip


def _without_ignored(main: bytes) -> bytes:
    """The main element without the elements marked `data-pagefind-ignore="all"`, which Pagefind leaves out with all
    they hold (no words, meta fields or anchors; an anchor's number is not in the index): the lists of related
    entries, a third of the tags of a project page. An element is left in when cutting it might change what is
    indexed (_end)."""
    at = main.find(_IGNORED)
    if at < 0:
        return main
    low = main.lower()  # tag names as Pagefind reads them (the same offsets)
    pieces = []
    done = 0
    while at >= 0:
        start = main.rfind(b"<", done, at)
        end = _end(main, low, start, at) if start >= 0 else None
        if end is None:
            at = main.find(_IGNORED, at + len(_IGNORED))
            continue
        pieces.append(main[done:start])
        done = end
        at = main.find(_IGNORED, end)
    pieces.append(main[done:])
    return b"".join(pieces)


def _end(main: bytes, low: bytes, start: int, at: int) -> int | None:
    """Where the element whose start tag is at start ends (after its end tag), if it is marked exactly
    `ignore="all"` at `at` and cutting it changes nothing Pagefind reads, else None: then nothing before it in main
    may hide tags (a comment, a raw text element), and in it is no data-pagefind-body, every `<` is a tag's, and
    its end is where Pagefind ends it (_ends_inside)."""
    tag = _TAG.match(low, start)
    if tag is None or tag.end() <= at or tag.group(1):
        return None
    name = tag.group(2)
    attrs = attributes(main[start + len(name) + 1 : tag.end() - 1].decode("utf-8", "replace"))
    if name in _VOID or attrs.get("data-pagefind-ignore") != "all" or "data-pagefind-body" in attrs:
        return None
    stop = _end_tag(low, name, tag.end())
    if stop is None:
        return None
    end = _TAG.match(low, stop)
    inner = low[tag.end() : stop]
    if end is None or b"data-pagefind-body" in inner or _HIDING.search(low, 0, start):
        return None
    tags = _TAG.findall(inner)
    if inner.count(b"<") != len(tags) or not _ends_inside(name, tags):
        return None
    return end.end()


def _ends_inside(name: bytes, tags: list[tuple[bytes, bytes]]) -> bool:
    """Whether the (slash, name) tags in an element named name leave it open, as pages/pagefind_html.py reads
    them (an end tag ends the innermost open element of its name and those in it), and hold no raw text element
    and no open element of the name at the end (its end tag would end that one)."""
    stack = [name]
    for slash, inner in tags:
        if not slash:
            if inner in _RAW:
                return False
            if inner not in _VOID:
                stack.append(inner)
        elif stack[-1] == inner and len(stack) > 1:
            stack.pop()
        else:
            at = len(stack) - 1
            while at and stack[at] != inner:
                at -= 1
            if not at:  # it would end the element, or one opened before it
                return False
            del stack[at:]
    return name not in stack[1:]


def _end_tag(low: bytes, name: bytes, pos: int) -> int | None:
    """Where the end tag of the element named name open at pos is, counting the elements of the name in it (None:
    it has none)."""
    opening, closing = b"<" + name, b"</" + name
    depth = 0
    while True:
        close = low.find(closing, pos)
        if close < 0:
            return None
        after = close + len(closing)
        if low[after : after + 1] not in _AFTER_NAME:
            pos = after
            continue
        found = low.find(opening, pos, close)
        while found >= 0:
            after_open = found + len(opening)
            depth += low[after_open : after_open + 1] in _AFTER_NAME
            found = low.find(opening, after_open, close)
        if not depth:
            return close
        depth -= 1
        pos = after
