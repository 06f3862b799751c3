"""Rendered Markdown to safe HTML: an allowlist enforced by nh3, and what it removed.

Authors may write raw HTML in Markdown (and attr_list may set any attribute),
so the rendered body is cleaned before it reaches a page. nh3 does the
cleaning; `removals` reads the same HTML with the same allowlist to tell the
author, in plain words, what will not be published.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Schemes a link or image may use; anything else (javascript:, data:) is removed."""

MARKDOWN_TAGS = frozenset(
    {
        # Markdown itself
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre", "code",
        "em", "strong", "a", "img", "hr", "br",
        # extra: tables, def_list, footnotes, abbr, md_in_html; toc: div.toc
        "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "sup", "div", "abbr",
    }
)  # fmt: skip
TEXT_TAGS = frozenset(
    {
        "b", "i", "s", "u", "del", "ins", "sub", "small", "mark", "kbd", "samp", "var", "q", "cite",
        "dfn", "span", "figure", "figcaption", "caption", "details", "summary", "time", "wbr",
    }
)  # fmt: skip
"""Harmless formatting an author may write as raw HTML."""
DROP_WITH_CONTENT = frozenset({"script", "style"})
"""Removed together with what is inside them (the rest keep their text)."""

ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "class", "lang", "dir", "title"}),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"style", "colspan", "rowspan"}),
    "td": frozenset({"style", "colspan", "rowspan"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
}
"""Attributes by element; `style` only for the tables extension's text-align."""
PAGE_IDS = frozenset({"main", "search"})
"""Ids the templates give (with every `*-heading`): a heading "Main" in a body gets `text-main`,
so the skip link and the page's landmarks keep theirs (and the HTML stays valid)."""
STYLE_PROPERTIES = frozenset({"text-align"})
EMBED_ATTRIBUTES = frozenset(
    {"src", "title", "width", "height", "allow", "allowfullscreen", "loading", "referrerpolicy", "frameborder"}
)
"""What an iframe from a listed embed host may carry (a video service's embed code)."""

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_NOISE = re.compile(r"[\t\n\r]")
_IFRAME = re.compile(r"<iframe\b([^>]*)>")
_MARKDOWN_ADDRESS = re.compile(r'\s(?:href|src)="([^"]*)"')


@dataclass(frozen=True, slots=True)
class Removal:
    """Something nh3 will not publish: a plain message and text to find it by."""

    message: str
    needle: str
    """Text of the source near the removed part, to find its line."""


class Sanitizer:
    """Cleans rendered bodies; one per set of embed hosts."""

    def __init__(self, embeds: Iterable[str] = ()) -> None:
        self.embeds = frozenset(host.lower() for host in embeds)
        tags = set(MARKDOWN_TAGS | TEXT_TAGS)
        attributes = {tag: set(names) for tag, names in ATTRIBUTES.items()}
        if self.embeds:
            tags.add("iframe")
            attributes["iframe"] = set(EMBED_ATTRIBUTES)
        self._cleaner = nh3.Cleaner(
            tags=tags,
            clean_content_tags=set(DROP_WITH_CONTENT),
            attributes=attributes,
            strip_comments=True,
            link_rel=None,
            url_schemes=set(URL_SCHEMES),
            filter_style_properties=set(STYLE_PROPERTIES),
            attribute_filter=self._attribute,
        )
        self._rewrite: Callable[[str], str] | None = None
        """The link rewriting of the clean under way (one nh3 cleaner serves every call: making one costs
        a third of a cleaning)."""
        self._raised: BaseException | None = None
        """What the attribute filter raised in the clean under way: nh3 swallows it (dropping the attribute),
        so it is kept here and raised again once the clean returns (a Ctrl-C, a bug)."""

    def clean(self, html: str, rewrite: Callable[[str], str] | None = None) -> str:
        """The HTML with everything outside the allowlist removed; rewrite changes each link's address.

        Not for two threads at once (the rewrite of the call under way is kept on the sanitizer)."""
        self._rewrite, self._raised = rewrite, None
        try:
            cleaned = self._cleaner.clean(html)
        finally:
            self._rewrite = None
        if self._raised is not None:
            raised, self._raised = self._raised, None
            raise raised
        return _tidy_iframes(cleaned) if self.embeds else cleaned

    def _attribute(self, tag: str, attr: str, value: str) -> str | None:
        """nh3's attribute filter (see _filter), with whatever it raises kept to be raised after the clean."""
        try:
            return self._filter(tag, attr, value)
        except BaseException as exc:  # noqa: BLE001 (raised again by clean: nh3 would swallow it)
            self._raised = self._raised or exc
            return None

    def _filter(self, tag: str, attr: str, value: str) -> str | None:
        """Embeds checked, ids kept apart from the page's, links rewritten."""
        if tag == "iframe" and attr == "src":
            return value if self.embed_allowed(value) else None
        if attr == "id":
            return own_id(value)
        if tag == "a" and attr == "href" and value.startswith("#"):
            return "#" + own_id(value[1:])
        if self._rewrite is not None and (tag, attr) in (("a", "href"), ("img", "src")):
            return self._rewrite(value)
        return value

    def embed_allowed(self, url: str) -> bool:
        """An https address on one of the listed embed hosts."""
        try:
            parts = urlsplit(_URL_NOISE.sub("", url.strip()))
        except ValueError:
            return False
        return parts.scheme == "https" and (parts.hostname or "") in self.embeds

    def removals(self, html: str) -> list[Removal]:
        """What `clean` takes out of html, in document order."""
        finder = _Finder(self)
        finder.feed(html)
        finder.close()
        return finder.found

    @staticmethod
    def address_removals(html: str) -> list[Removal]:
        """`removals` for HTML that Markdown wrote by itself (no raw HTML, no {: attributes}):
        there only a link's or an image's address can be refused. Quicker than parsing."""
        found = []
        for match in _MARKDOWN_ADDRESS.finditer(html):
            value = unescape(match.group(1))
            if not url_scheme_allowed(value):
                found.append(Removal(_address_message(value), value))
        return found


def own_id(value: str) -> str:
    """A body's id that cannot be taken for one of the page's own (`main`, `search`, `*-heading`)."""
    return f"text-{value}" if value in PAGE_IDS or value.endswith("-heading") else value


def _tidy_iframes(html: str) -> str:
    """Drop iframes whose src was refused, and the text inside every iframe.

    Reads nh3's output, where a tag's attributes hold no raw `<`, `>` or `"`
    and an iframe's text (raw text, shown by no browser) ends at `</iframe>`."""
    parts = []
    pos = 0
    while (match := _IFRAME.search(html, pos)) is not None:
        parts.append(html[pos : match.start()])
        end = html.find("</iframe>", match.end())
        pos = len(html) if end < 0 else end + len("</iframe>")
        if ' src="' in match.group(1):
            parts.append(f"<iframe{match.group(1)}></iframe>")
    parts.append(html[pos:])
    return "".join(parts)


def url_scheme_allowed(url: str) -> bool:
    """A relative address, or one whose scheme is in URL_SCHEMES (as a browser reads it)."""
    match = _SCHEME.match(_URL_NOISE.sub("", url).lstrip("\x00 \x0c"))
    return match is None or match.group(1).lower() in URL_SCHEMES


class _Finder(HTMLParser):
    """Walks the HTML the way the allowlist does and notes each removal."""

    def __init__(self, sanitizer: Sanitizer) -> None:
        super().__init__(convert_charrefs=True)
        self.sanitizer = sanitizer
        self.found: list[Removal] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "iframe":
            self._iframe(attrs)
            return
        if tag not in MARKDOWN_TAGS | TEXT_TAGS:
            what = "and its content " if tag in DROP_WITH_CONTENT else ""
            self.found.append(Removal(f"raw HTML removed: the element <{tag}> {what}is not published", f"<{tag}"))
            return
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            self._attribute(tag, name, value or "", allowed)

    handle_startendtag = handle_starttag

    def _attribute(self, tag: str, name: str, value: str, allowed: frozenset[str]) -> None:
        if name not in allowed:
            self.found.append(Removal(f'raw HTML removed: the attribute "{name}" of <{tag}> is not published', name))
        elif name in ("href", "src") and not url_scheme_allowed(value):
            self.found.append(Removal(_address_message(value), value))
        elif name == "style" and any(prop not in STYLE_PROPERTIES for prop in _style_properties(value)):
            self.found.append(
                Removal(f'raw HTML removed: the style "{_short(value)}" of <{tag}> is not published', value)
            )

    def _iframe(self, attrs: list[tuple[str, str | None]]) -> None:
        src = next((value or "" for name, value in attrs if name == "src"), "")
        if not self.sanitizer.embeds:
            self.found.append(
                Removal(
                    "raw HTML removed: embedded frames (<iframe>) are not published unless site.yaml lists "
                    "their host under embeds:",
                    "<iframe",
                )
            )
        elif not self.sanitizer.embed_allowed(src):
            host = _host(src)
            self.found.append(
                Removal(
                    f'raw HTML removed: the embedded frame from "{host}" is not published: its host is not '
                    "listed under embeds: in site.yaml (and it must be an https address)",
                    src or "<iframe",
                )
            )
        else:
            for name, _ in attrs:
                if name not in EMBED_ATTRIBUTES | ATTRIBUTES["*"]:
                    self.found.append(
                        Removal(f'raw HTML removed: the attribute "{name}" of <iframe> is not published', name)
                    )


def _address_message(value: str) -> str:
    return f'the address "{_short(value)}" was removed: only http, https, mailto and tel addresses are published'


def _style_properties(style: str) -> list[str]:
    return [part.split(":", 1)[0].strip().lower() for part in style.split(";") if part.strip()]


def _host(url: str) -> str:
    try:
        return urlsplit(url.strip()).hostname or url
    except ValueError:
        return url


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
