"""Markdown bodies to HTML: the extensions authors expect, links into the entry folder."""

from __future__ import annotations

import difflib
import re
import signal
import threading
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

import markdown
from markdown.extensions import Extension, abbr, attr_list, def_list, fenced_code, md_in_html, sane_lists, tables
from markdown.extensions.footnotes import FootnoteExtension, FootnoteTreeprocessor
from markdown.extensions.toc import TocExtension

from innosite.markup.sanitize import Sanitizer
from innosite.model.entry import pack, unpack
from innosite.model.slugs import heading_id


def heading_extensions(slugify: Callable[[str, str], str], toc_depth: str) -> list[Extension]:
    """Heading ids (the toc extension), with the quicker passes of markup/speed.py where they load.

    Those passes use Python-Markdown's internals: if a new Python-Markdown renamed one, they are left out
    with a warning (the stock passes give the same HTML, more slowly) rather than breaking every build."""
    try:
        from innosite.markup.speed import toc_extensions
    except (ImportError, AttributeError) as exc:
        warnings.warn(f"Python-Markdown's internals changed ({exc}): building without the quicker passes", stacklevel=2)
        return [TocExtension(slugify=slugify, toc_depth=toc_depth)]
    return toc_extensions(slugify, toc_depth)


def base_extensions() -> list[Extension]:
    """Python-Markdown's "extra" (its extensions in its order) and "sane_lists", as objects: named, Python-Markdown
    would look each name up among the installed packages' entry points first (40 ms in each process that renders)."""
    return [
        fenced_code.FencedCodeExtension(),
        FootnoteExtension(),
        attr_list.AttrListExtension(),
        def_list.DefListExtension(),
        tables.TableExtension(),
        abbr.AbbrExtension(),
        md_in_html.MarkdownInHtmlExtension(),
        sane_lists.SaneListExtension(),
    ]


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_PLAIN_RUN = re.compile(r"[\w/.()-]{3,}")


@dataclass(frozen=True, slots=True)
class Body:
    """A rendered body and the faults found in it, at lines of the body."""

    packed: bytes
    """The HTML, compressed as Version keeps it (the version holds this very object: stored once in the cache)."""
    faults: tuple[tuple[int, str], ...] = ()
    removed: tuple[tuple[int, str], ...] = ()
    """What the sanitizer took out (raw HTML, unsafe addresses): warnings."""
    linked: tuple[str, ...] = ()
    """The files of the entry's folder that the body links to (Markdown, or raw HTML the sanitizer kept), sorted:
    only these are published."""
    addresses: tuple[str, ...] = ()
    """Its links to the rest of the site, each once in the order written: site paths as the page has them (`/fi/...`
    with the site's path before it) and web addresses of the site, for the build to check without the HTML."""

    @property
    def html(self) -> str:
        return unpack(self.packed)


@dataclass(frozen=True, slots=True)
class LinkContext:
    """Where a body's relative links point: the entry's files and the site root."""

    media_prefix: str
    """URL path of the entry's copied files, e.g. `/media/press/<id>/`."""
    base_path: str
    """URL path of the site root, e.g. `/` or `/programme/`."""
    files: frozenset[str]
    footnote_title: str = "{}"
    """Title of a footnote's back link, in the body's language ({}: its number)."""
    embeds: tuple[str, ...] = ()
    """Hosts whose iframes may be published (site.yaml `embeds`)."""
    site: str = ""
    """The site's web address without its scheme (`innokaupungit.fi/`): a web address under it is a link to the
    site itself, kept among the body's addresses ('': none is)."""


class _Links:
    """Rewrites links to the entry's files and root-relative links to the site; notes the broken ones.

    Runs on every href and src as the sanitizer writes the HTML, so links in
    raw HTML (`<img src="kuva.jpg">`) are treated as Markdown links are."""

    def __init__(self, context: LinkContext) -> None:
        self.context = context
        self.faults: dict[str, str] = {}
        """Each broken link's address -> the name it was meant to be, if one differs only in case or by a typo."""
        self.linked: set[str] = set()
        self.addresses: dict[str, None] = {}
        """Site paths (rewritten) and web addresses of the site, in the order met."""

    def __call__(self, url: str) -> str:
        if not url or url.startswith(("#", "?")):
            return url
        if url.startswith("//") or _SCHEME.match(url):
            site = self.context.site
            web = url[:8].lower().startswith(("http://", "https://", "//"))
            if site and web and url.split("//", 1)[-1].lower().startswith(site):
                self.addresses[url] = None
            return url
        if url.startswith("/"):
            rewritten = self.context.base_path + url[1:]
            self.addresses[rewritten] = None
            return rewritten
        parts = urlsplit(url)
        name = unquote(parts.path).removeprefix("./")
        if name in self.context.files:
            self.linked.add(name)
            fragment = f"#{parts.fragment}" if parts.fragment else ""
            return self.context.media_prefix + quote(name) + fragment
        self.faults.setdefault(url, meant_file(name, self.context.files))
        return url


def meant_file(name: str, files: Iterable[str]) -> str:
    """The file a link to a missing one was probably meant for: one that differs only in case (esite.pdf for
    Esite.PDF), or a near miss; or ''."""
    same = sorted(f for f in files if same_but_case(f, name))
    if same:
        return same[0]
    close = difflib.get_close_matches(name, sorted(files), n=1, cutoff=0.8)
    return close[0] if close else ""


def same_but_case(one: str, other: str) -> bool:
    """Whether two names differ at most in upper and lower case (or Unicode form)."""
    return unicodedata.normalize("NFC", one).casefold() == unicodedata.normalize("NFC", other).casefold()


RENDER_SECONDS = 10
"""Longest a body may take to render: a few pathological texts (thousands of unmatched `[`)
take Python-Markdown minutes to hours, and a build must end."""


class _TooSlow(BaseException):
    """A body took longer than RENDER_SECONDS (a BaseException: no `except Exception` in Markdown swallows it)."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise _TooSlow in the block after seconds (main thread on Unix; elsewhere no limit)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class MarkdownRenderer:
    """One reusable Python-Markdown instance (building one costs more than a body)."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(
            extensions=[*base_extensions(), *heading_extensions(heading_id, "2-6")],  # last: they take others' passes
            output_format="html",
        )
        self._sanitizers: dict[tuple[str, ...], Sanitizer] = {}

    def render(self, source: str, context: LinkContext) -> Body:
        """Markdown to safe HTML; links to missing files become faults, removals notes, with their line."""
        self._md.reset()
        footnotes = self._md.treeprocessors["footnote"]
        assert isinstance(footnotes, FootnoteTreeprocessor)
        footnotes.footnotes.setConfig("BACKLINK_TITLE", context.footnote_title)
        try:
            with _time_limit(RENDER_SECONDS):
                html = self._md.convert(source)
        except RecursionError:
            return Body(
                pack(""), ((0, "the text is nested too deeply (lists or quotes inside each other): simplify it"),)
            )
        except _TooSlow:
            slow = f"the text takes over {RENDER_SECONDS} seconds to read"
            return Body(pack(""), ((0, f"{slow}: look for long runs of [ or ( or * without their pair"),))
        sanitizer = self._sanitizers.get(context.embeds)
        if sanitizer is None:
            sanitizer = self._sanitizers[context.embeds] = Sanitizer(context.embeds)
        raw = "<" in source or "{" in source  # raw HTML or attr_list: anything can be in the HTML
        found = sanitizer.removals(html) if raw else sanitizer.address_removals(html)
        removed = _locate(source, [(r.needle, r.message) for r in found])
        links = _Links(context)
        clean = sanitizer.clean(html, links)
        faults = tuple((_line_of(source, url), _link_message(url, meant)) for url, meant in links.faults.items())
        return Body(pack(clean), faults, removed, tuple(sorted(links.linked)), tuple(links.addresses))


def _link_message(url: str, meant: str = "") -> str:
    """A broken link: what to do, with the file it was probably meant for."""
    if meant and same_but_case(meant, unquote(urlsplit(url).path).removeprefix("./")):
        case = "upper and lower case must match"
        return f'the link "{url}" points to no file in this folder (did you mean "{meant}"? {case})'
    hint = f' (did you mean "{meant}"?)' if meant else ""
    return (
        f'the link "{url}" points to no file in this folder{hint}: put the file beside'
        " the text, or link to a web address (https://...) or a site path (/fi/...)"
    )


def _locate(source: str, found: list[tuple[str, str]]) -> tuple[tuple[int, str], ...]:
    """(0-based line, message) of each removal; a repeated needle is looked for further on."""
    lowered = source.lower()
    after: dict[str, int] = {}
    result = []
    for needle, message in found:
        key = needle.lower()
        index = lowered.find(key, after.get(key, 0))
        if index < 0:
            index = lowered.find(key)
        if index < 0:  # written with character references: look for its longest plain part
            key = max(_PLAIN_RUN.findall(key), key=len, default=key)
            index = lowered.find(key, after.get(key, 0))
        after[key] = index + 1 if index >= 0 else 0
        result.append((source.count("\n", 0, index) if index >= 0 else 0, message))
    return tuple(result)


def _line_of(source: str, url: str) -> int:
    """The 0-based line of the body where a link's address is written (as a Markdown or an HTML link)."""
    quoted = (f"{attr}={q}{url}{q}" for attr in ("src", "href") for q in ('"', "'", ""))
    for needle in (f"]({url}", *quoted, f'"{url}"', f"'{url}'", url):
        index = source.find(needle)
        if index >= 0:
            return source.count("\n", 0, index)
    return 0
