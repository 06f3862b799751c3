"""The link check of `check`, and the build's: every href and src to the site itself must resolve.

`check` runs over the rendered pages in memory. A link resolves when the site has a
file at its address (a folder address means its index.html) and, with a
#fragment, that page has an element with that id. Links to other sites are
not followed. Each broken link is reported once, at the language file that
holds it (with its line) or else at the page's template (naming the pages), with
the nearest address the site has where one is close.

`check` renders drafts and scheduled entries too, so a link written in a
public text to one of them resolves there; but the published site will not have
that page until its time, and its address shows the title. Such a link is
broken as well (see early_links).

A build refuses the links written in the texts it publishes that check would
refuse for leading nowhere in the site or to what the build leaves out (see
text_link_problems), so that a build run without check never publishes them. It
reads no page for it: each version carries the links of its text
(Version.links). Links to other sites (the network) and #fragments (the
rendered pages) are left to check.

A text scheduled for later is refused already, by every build and check before
its time, when it links to what will not be public at its moment (a draft, or
what goes live after it: see order_problems): at its moment the build would
refuse it, unattended, and publish nothing until someone came to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from operator import methodcaller
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from innosite.content.schedule import goes_live
from innosite.model.entry import Version
from innosite.model.site import Site
from innosite.output.nearest import Nearest
from innosite.output.waiting import Waiting, finnish_time, public_pages, waiting_addresses, waiting_moments
from innosite.pages.routes import Routes
from innosite.pages.search import BUNDLE as SEARCH_BUNDLE
from innosite.problems import Problem, Problems
from innosite.render.i18n import Folders, folders

URL_ATTRIBUTES = ("href", "src", "poster", "action")
_SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:")
WRITTEN_LATER = (f"{SEARCH_BUNDLE}/",)
"""Folders a build writes after rendering (the search index): links into them are not checked."""
_FOLDER = methodcaller("removesuffix", "index.html")
"""A page's output path to its folder's."""


@dataclass(frozen=True, slots=True)
class BrokenLink:
    """A link on a page that leads nowhere in the site, and why."""

    page: str
    """Output path of the page, e.g. `fi/tiedotteet/x/index.html`."""
    url: str
    """As it appears in the page."""
    reason: str
    meant: str = ""
    """The address the site has that the link probably meant, relative to the site's root (`fi/hankkeet/x/`), or
    '' when none is close."""


@dataclass(frozen=True, slots=True)
class PageSource:
    """Where a page's links come from: its language file (if any) and template."""

    src_path: str | None
    template: str


class _Scanner(HTMLParser):
    """Collects a page's links (with their lines) and its element ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                self.links.append(value.strip())
            elif name == "srcset":
                self.links += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
            elif name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)

    handle_startendtag = handle_starttag


def scan(pages: Mapping[str, bytes]) -> dict[str, _Scanner]:
    """Every HTML page parsed once: its links and ids."""
    scanned = {}
    for path, data in pages.items():
        if path.endswith(".html"):
            scanner = _Scanner()
            scanner.feed(data.decode("utf-8", "replace"))
            scanner.close()
            scanned[path] = scanner
    return scanned


def broken_links(files: Mapping[str, bytes], others: Iterable[str], base_url: str) -> list[BrokenLink]:
    """Every link of every HTML page that does not resolve inside the site (pure)."""
    scanned = scan(files)
    targets = set(files) | set(others)
    nearest = Nearest(targets)
    base_path = _base_path(base_url)
    broken = []
    for page, scanner in scanned.items():
        here = base_path + (page.removesuffix("index.html"))
        for url in dict.fromkeys(scanner.links):
            reason = _check(url, here, base_url, base_path, targets, scanned, nearest)
            if reason:
                broken.append(BrokenLink(page, url, *reason))
    return broken


def _base_path(base_url: str) -> str:
    rest = base_url.split("://", 1)[-1]
    return "/" + rest.split("/", 1)[1] if "/" in rest else "/"


def _target(url: str, here: str, base_url: str, base_path: str) -> tuple[str, str, str] | None:
    """(path, output path, fragment) a link leads to, or None when it leads elsewhere; the output path is ''
    when the link leaves the site's path."""
    lowered = url.lower()
    if not url or lowered.startswith(_SKIPPED_SCHEMES):
        return None
    if lowered.startswith(("http://", "https://", "//")):
        site_root = base_url.split("://", 1)[-1]
        if not lowered.split("//", 1)[-1].startswith(site_root.lower()):
            return None  # another site: not followed
        url = base_path + url.split("//", 1)[-1][len(site_root) :]
    parts = urlsplit(urljoin(here, url))
    path = unquote(parts.path)
    if not path.startswith(base_path):
        return path, "", ""
    rel = path[len(base_path) :]
    rel = rel + "index.html" if rel == "" or rel.endswith("/") else rel
    return path, rel, unquote(parts.fragment)


def _check(
    url: str, here: str, base_url: str, base_path: str, targets: set[str], scanned, nearest: Nearest
) -> tuple[str, str] | None:
    """Why the link does not resolve and the address it probably meant, or None when it resolves (or leads
    elsewhere)."""
    target = _target(url, here, base_url, base_path)
    if target is None:
        return None
    path, rel, fragment = target
    if not rel:
        return f"it points outside the site, which lives under {base_path}", ""
    missing = _missing(path, rel, targets, nearest)
    if missing is not None:
        return missing
    if fragment and rel in scanned and fragment not in scanned[rel].ids:
        if url.startswith("#"):
            return f'no part of the page has the id "{fragment}"', ""
        return f'the page {base_path}{rel.removesuffix("index.html")} has no part with the id "{fragment}"', ""
    return None


def _missing(path: str, rel: str, targets: Collection[str], nearest: Nearest) -> tuple[str, str] | None:
    """Why a link to the site's path (its output path `rel`) leads nowhere and what it probably meant, or None."""
    if rel in targets or rel.startswith(WRITTEN_LATER):
        return None
    if f"{rel}/index.html" in targets:
        return f'the address needs a "/" at the end: {path}/', ""
    return f"the site has no page or file at {path}", nearest(rel)


def link_problems(
    broken: Iterable[BrokenLink], sources: Mapping[str, PageSource], templates: Folders, base_url: str
) -> tuple[Problem, ...]:
    """Broken links as problems, one per place in the sources: a text's line (the file says where; its pages
    are not named, though notice pages in other languages show the same text), else the template naming the
    pages."""
    base_path = _base_path(base_url)
    grouped: dict[tuple[str, int, str, str, str], list[str]] = {}
    texts: dict[str, str | None] = {}
    for link in broken:
        source = sources.get(link.page, PageSource(None, ""))
        where, line, written = _locate(link.url, source, base_path, templates, texts)
        meant = _as_written(link.meant, written, link.url, base_url, base_path) if link.meant else ""
        grouped.setdefault((where, line, written, link.reason, meant), []).append(
            base_path + link.page.removesuffix("index.html")
        )
    problems = Problems()
    for (where, line, written, reason, meant), pages in grouped.items():
        shown = f"the page {pages[0]}" if len(pages) == 1 else f"{len(pages)} pages, the first {pages[0]}"
        on = "" if line else f" (on {shown})"
        hint = f' (did you mean "{meant}"?)' if meant else ""
        problems.error(where, line, f'broken link "{written}"{on}: {reason}{hint}')
    return problems.errors


def _as_written(meant: str, written: str, url: str, base_url: str, base_path: str) -> str:
    """An address of the site (`fi/x/`) as the link was written: a web address, a path from the site's root as
    staff write them (`/fi/x/`), or as the page has it (`/programme/fi/x/`)."""
    if written.lower().startswith(("http://", "https://", "//")):
        return base_url + meant
    if written != url and written.startswith("/"):
        return "/" + meant
    return base_path + meant


def _locate(url: str, source: PageSource, base_path: str, templates: Folders, texts: dict) -> tuple[str, int, str]:
    """The language file and line holding the link as written there, else the template."""
    text = _text(source.src_path, texts) if source.src_path else None
    if text is not None:
        site_relative = "/" + url[len(base_path) :] if url.startswith(base_path) else None
        for written in (site_relative, url):
            match = written and re.search(re.escape(written) + r"""(?=[\s)"'>]|$)""", text)
            if match and written:
                return str(source.src_path), text.count("\n", 0, match.start()) + 1, written
    if not source.template:  # a text without a template (text_link_problems): the text, without a line
        return str(source.src_path), 0, url
    found = (folder / source.template for folder in folders(templates))
    return str(next((path for path in found if path.is_file()), folders(templates)[-1] / source.template)), 0, url


def _text(path: str, texts: dict[str, str | None]) -> str | None:
    if path not in texts:
        try:
            texts[path] = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            texts[path] = None
    return texts[path]


def check_output_links(output, templates: Folders) -> tuple[Problem, ...]:
    """The broken links of a rendered site (an Output of build.render_site)."""
    from innosite.pages.plan import plan_site

    sources = {
        page.path: PageSource(page.source if Path(page.source).is_file() else None, page.template)
        for page in plan_site(output.site).pages
    }
    base_url = output.site.config.base_url
    broken = link_problems(broken_links(output.files, output.copies, base_url), sources, templates, base_url)
    early = link_problems(early_links(output.site)[0], sources, templates, base_url)
    order = order_problems(output.site, templates)
    return (
        *broken,
        *(p for p in early if p.line),
        *order,
    )  # a template's (line 0) lists only what is due with the page


def early_links(site: Site) -> tuple[list[BrokenLink], dict[str, PageSource]]:
    """Links written in the texts of public versions to pages that are not public yet (drafts, versions before
    their time), which a check renders all the same (pure). Only those in a text count: the listings and
    related lists of the templates are planned for what is public."""
    return text_links(site)


def text_link_problems(site: Site, paths: Collection[str], templates: Folders) -> tuple[Problem, ...]:
    """What a build must not publish: the links written in the texts it publishes that lead nowhere in the site
    (`paths`: every output path of the build), or to the pages and files of what it leaves out (drafts,
    versions before their time: the address can give away the title), as check reports them.

    Reads no body: each version carries its links to the site (Version.links, cached with it), and the links
    of all versions are compared with the site's addresses as sets; only those that differ are looked at one
    by one: about 8 ms of processor time for 1,000 releases with 7,700 such links (docs/performance.md). build.py
    skips it when it reuses the published output as it is."""
    found, sources = text_links(site, paths)
    return link_problems(found, sources, templates, site.config.base_url) if found else ()


def text_links(site: Site, paths: Collection[str] | None = None) -> tuple[list[BrokenLink], dict[str, PageSource]]:
    """The links of the public versions' texts that lead to a waiting address, or (given the site's output
    paths) to none of them, with the texts they are in. Links to other sites and #fragments are not looked at."""
    held = {entry.key for entry in site.held}
    waiting = waiting_addresses(site, public_pages(site, held))
    if not waiting and paths is None:
        return [], {}
    public = [
        (entry, version)
        for entry in (*site.press, *site.projects, *site.pages)
        if not entry.draft
        for version in entry.versions
        if version.goes_live is None
    ]
    base_path = site.config.base_path
    urls: set[str] = set().union(*(version.links for _, version in public))
    suspects = urls - _plain_urls(paths, base_path) if paths is not None else set(urls)
    suspects |= urls & _plain_urls(waiting, base_path)
    nearest = Nearest(paths or ())
    verdicts = {url: v for url in sorted(suspects) if (v := _verdict(url, site, waiting, paths, nearest))}
    if not verdicts:
        return [], {}
    routes = Routes(site.config)
    found, sources = [], {}
    for entry, version in public:
        if not verdicts.keys().isdisjoint(version.links):
            page = routes.version(entry, version) + "index.html"
            sources[page] = PageSource(version.src_path, "")
            found += [BrokenLink(page, url, *verdicts[url]) for url in version.links if url in verdicts]
    return found, sources


def _plain_urls(paths: Iterable[str], base_path: str) -> set[str]:
    """Every address of these output paths as a page links to it when it needs no parsing: `/fi/x/`,
    `/fi/x/index.html`, `/media/a.pdf` (with the site's path before them)."""
    urls = set(map(base_path.__add__, paths))  # map, not a loop: a path costs no Python call
    urls.update(map(base_path.__add__, map(_FOLDER, paths)))  # (only a page's name ends in index.html)
    return urls


def _verdict(
    url: str, site: Site, waiting: Mapping[str, str], paths: Collection[str] | None, nearest: Nearest
) -> tuple[str, str] | None:
    """Why a link of a text must not be published and the address it probably meant; None when it may be."""
    base_url, base_path = site.config.base_url, site.config.base_path
    target = _target(url, base_path, base_url, base_path)
    if target is None or not target[1]:
        return None  # another site, even on the same host: for check
    path, rel, _ = target
    if rel in waiting:
        return f"it leads to {waiting[rel]}, and the address can give away its title", ""
    return _missing(path, rel, paths, nearest) if paths is not None else None


def order_problems(site: Site, templates: Folders) -> tuple[Problem, ...]:
    """The links of the texts scheduled for later (not drafts) to what will not be public when they go live: a
    draft, or what goes live after them. At the text's moment the build would refuse the link (text_link_problems)
    and publish nothing, unattended; every build and check before it says so while someone can still fix it. Links
    to what goes live at the same moment or earlier are fine. Reads no body: the versions' links (Version.links)."""
    public = public_pages(site, {entry.key for entry in site.held})
    scheduled = _scheduled(site, public)
    if not scheduled:
        return ()
    waiting = waiting_moments(site, public)
    base_url, base_path, timezone = site.config.base_url, site.config.base_path, site.config.timezone
    problems, texts = Problems(), dict[str, str | None]()
    for version, moment in scheduled:
        for url in version.links:
            target = _target(url, base_path, base_url, base_path)
            later = waiting.get(target[1]) if target is not None else None
            if later is None or (later.when is not None and later.when <= moment):
                continue
            where, line, written = _locate(url, PageSource(version.src_path, ""), base_path, templates, texts)
            problems.error(where, line, _order_message(written, later, moment, timezone))
    return problems.errors


def _scheduled(site: Site, public: Mapping[str, Version]) -> list[tuple[Version, datetime]]:
    """The versions of the entries that are not drafts which go live after the build's moment, with that moment:
    those the build includes marked (goes_live) and those it leaves out (site.held; `public`: their public_pages)."""
    routes = Routes(site.config)
    found: list[tuple[Version, datetime]] = [
        (version, version.goes_live)
        for entry in (*site.press, *site.projects, *site.pages)
        if not entry.draft
        for version in entry.versions
        if version.goes_live is not None
    ]
    for entry in site.held:
        for version in entry.versions if not entry.draft else ():
            moment = goes_live(entry, version)
            if moment is not None and routes.version(entry, version) + "index.html" not in public:
                found.append((version, moment))
    return found


def _order_message(link: str, later: Waiting, moment: datetime, timezone: str) -> str:
    """Why a scheduled text's link will lead nowhere when it goes live at `moment`, and what to do."""
    now = finnish_time(moment, timezone)
    what = f"a file of {later.key}" if later.kind == "file" else later.key
    if later.when is None:
        return (
            f'this text goes live at {now}, but its link "{link}" leads to {what}, a draft: '
            "publish it by then, or remove the link"
        )
    then = finnish_time(later.when, timezone)
    return (
        f'this text goes live at {now}, but its link "{link}" leads to {what}, published only at {then}: '
        "publish them in the other order, or remove the link"
    )
