"""Markdown bodies to HTML: the extensions authors expect, links into the entry folder."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

import markdown
from markdown.extensions.toc import TocExtension
from markdown.treeprocessors import Treeprocessor

from .sanitize import Sanitizer
from .slugs import heading_id

EXTENSIONS = ("extra", "sane_lists")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_PLAIN_RUN = re.compile(r"[\w/.()-]{3,}")


@dataclass(frozen=True, slots=True)
class Body:
    """A rendered body and the faults found in it, at lines of the body."""

    html: str
    faults: tuple[tuple[int, str], ...] = ()
    removed: tuple[tuple[int, str], ...] = ()
    """What the sanitizer took out (raw HTML, unsafe addresses): warnings."""


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


class _Links(Treeprocessor):
    """Rewrites links to the entry's files and root-relative links to the site."""

    context = LinkContext("/", "/", frozenset())
    faults: list[str]

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for attr in ("href", "src"):
                value = element.get(attr)
                if value is not None:
                    element.set(attr, self._rewrite(value))

    def _rewrite(self, url: str) -> str:
        if not url or url.startswith(("#", "?", "//")) or _SCHEME.match(url):
            return url
        if url.startswith("/"):
            return self.context.base_path + url[1:]
        parts = urlsplit(url)
        name = unquote(parts.path).removeprefix("./")
        if name in self.context.files:
            fragment = f"#{parts.fragment}" if parts.fragment else ""
            return self.context.media_prefix + quote(name) + fragment
        self.faults.append(url)
        return url


class MarkdownRenderer:
    """One reusable Python-Markdown instance (building one costs more than a body)."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(
            extensions=[*EXTENSIONS, TocExtension(slugify=heading_id, toc_depth="2-6")],
            output_format="html",
        )
        self._links = _Links(self._md)
        self._md.treeprocessors.register(self._links, "innosite-links", 1)
        self._sanitizers: dict[tuple[str, ...], Sanitizer] = {}

    def render(self, source: str, context: LinkContext) -> Body:
        """Markdown to safe HTML; links to missing files become faults, removals notes, with their line."""
        self._md.reset()
        self._links.context = context
        self._links.faults = []
        self._md.treeprocessors["footnote"].footnotes.setConfig("BACKLINK_TITLE", context.footnote_title)
        try:
            html = self._md.convert(source)
        except RecursionError:
            return Body("", ((0, "the text is nested too deeply (lists or quotes inside each other): simplify it"),))
        faults = tuple((_line_of(source, url), _link_message(url)) for url in self._links.faults)
        sanitizer = self._sanitizers.get(context.embeds)
        if sanitizer is None:
            sanitizer = self._sanitizers[context.embeds] = Sanitizer(context.embeds)
        removed = _locate(source, [(r.needle, r.message) for r in sanitizer.removals(html)])
        return Body(sanitizer.clean(html), faults, removed)


def _link_message(url: str) -> str:
    return (
        f'the link "{url}" points to no file in this folder: put the file beside'
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


def _line_of(source: str, needle: str) -> int:
    """The 0-based line of the body where needle first appears."""
    index = source.find(needle)
    return source.count("\n", 0, index) if index >= 0 else 0
