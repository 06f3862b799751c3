"""The link check of `check`: every href and src to the site itself must resolve.

Runs over the rendered pages in memory. A link resolves when the site has a
file at its address (a folder address means its index.html) and, with a
#fragment, that page has an element with that id. Links to other sites are
not followed. Each broken link is reported once, at the language file that
holds it (with its line) or else at the page's template, naming the pages.

`check` renders drafts and scheduled entries too, so a link written in a
public text to one of them resolves there; but the published site will not have
that page until its time, and its address shows the title. Such a link is
broken as well (see early_links). A build refuses the same links, to what it
leaves out (see embargo_problems), so that a build run without check never
publishes such an address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit
from zoneinfo import ZoneInfo

from innosite.content.schedule import goes_live
from innosite.model.entry import Entry, Version
from innosite.model.site import Site
from innosite.pages.images import file_name
from innosite.pages.routes import Routes
from innosite.pages.search import BUNDLE as SEARCH_BUNDLE
from innosite.problems import Problem, Problems
from innosite.render.i18n import Folders, folders

URL_ATTRIBUTES = ("href", "src", "poster", "action")
_SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:")
WRITTEN_LATER = (f"{SEARCH_BUNDLE}/",)
"""Folders a build writes after rendering (the search index): links into them are not checked."""


@dataclass(frozen=True, slots=True)
class BrokenLink:
    """A link on a page that leads nowhere in the site, and why."""

    page: str
    """Output path of the page, e.g. `fi/tiedotteet/x/index.html`."""
    url: str
    """As it appears in the page."""
    reason: str


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
    base_path = _base_path(base_url)
    broken = []
    for page, scanner in scanned.items():
        here = base_path + (page.removesuffix("index.html"))
        for url in dict.fromkeys(scanner.links):
            reason = _check(url, here, base_url, base_path, targets, scanned)
            if reason:
                broken.append(BrokenLink(page, url, reason))
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


def _check(url: str, here: str, base_url: str, base_path: str, targets: set[str], scanned) -> str | None:
    """Why the link does not resolve, or None when it does (or leads elsewhere)."""
    target = _target(url, here, base_url, base_path)
    if target is None:
        return None
    path, rel, fragment = target
    if not rel:
        return f"it points outside the site, which lives under {base_path}"
    if rel.startswith(WRITTEN_LATER):
        return None
    if rel not in targets:
        if f"{rel}/index.html" in targets:
            return f'the address needs a "/" at the end: {path}/'
        return f"the site has no page or file at {path}"
    if fragment and rel in scanned and fragment not in scanned[rel].ids:
        return f'the page {base_path}{rel.removesuffix("index.html")} has no part with the id "{fragment}"'
    return None


def link_problems(
    broken: Iterable[BrokenLink], sources: Mapping[str, PageSource], templates: Folders, base_url: str
) -> tuple[Problem, ...]:
    """Broken links as problems, one per place in the sources, naming the pages."""
    base_path = _base_path(base_url)
    grouped: dict[tuple[str, int, str, str], list[str]] = {}
    texts: dict[str, str | None] = {}
    for link in broken:
        source = sources.get(link.page, PageSource(None, ""))
        where, line, written = _locate(link.url, source, base_path, templates, texts)
        grouped.setdefault((where, line, written, link.reason), []).append(
            base_path + link.page.removesuffix("index.html")
        )
    problems = Problems()
    for (where, line, written, reason), pages in grouped.items():
        shown = f"the page {pages[0]}" if len(pages) == 1 else f"{len(pages)} pages, the first {pages[0]}"
        problems.error(where, line, f'broken link "{written}" (on {shown}): {reason}')
    return problems.errors


def _locate(url: str, source: PageSource, base_path: str, templates: Folders, texts: dict) -> tuple[str, int, str]:
    """The language file and line holding the link as written there, else the template."""
    text = _text(source.src_path, texts) if source.src_path else None
    if text is not None:
        site_relative = "/" + url[len(base_path) :] if url.startswith(base_path) else None
        for written in (site_relative, url):
            match = written and re.search(re.escape(written) + r"""(?=[\s)"'>]|$)""", text)
            if match and written:
                return str(source.src_path), text.count("\n", 0, match.start()) + 1, written
    if not source.template:  # a text without a template (embargo_problems): the text, without a line
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
    early = link_problems(early_links(output.site, output.files), sources, templates, base_url)
    return (*broken, *(p for p in early if p.line))  # a template's (line 0) lists only what is due with the page


def early_links(site: Site, files: Mapping[str, bytes]) -> list[BrokenLink]:
    """Links from the pages of public versions to pages that are not public yet (drafts, versions before their
    time), which a check renders all the same (pure). Only those written in a text count (link_problems names
    the text): the listings and related lists of the templates are planned for what is public."""
    waiting = waiting_addresses(site)
    if not waiting:
        return []
    public = public_pages(site)
    return _leading_to(waiting, {path: files[path] for path in public if path in files}, site)


def embargo_problems(site: Site, templates: Folders) -> tuple[Problem, ...]:
    """What a build must not publish: links written in the texts it publishes to the pages and files of what it
    leaves out (drafts, versions before their time: the address can give away the title), as check reports them.

    Reads only the bodies of the versions (where such links are written) and parses only those that name one of
    the addresses: nothing to do when nothing is left out, else about 0.1 s for 1,000 releases (mostly unpacking
    the bodies); build.py skips it when it reuses the published output as it is."""
    public = public_pages(site)
    waiting = waiting_addresses(site, public)
    if not waiting:
        return ()
    names = {path.removesuffix("/index.html").rsplit("/", 1)[-1] for path in waiting}
    needles = {variant for name in names for variant in (name, quote(name), escape(name))}
    bodies = {}
    sources = {}
    for path, version in public.items():
        html = version.html
        if any(needle in html for needle in needles):
            bodies[path] = html.encode("utf-8")
            sources[path] = PageSource(version.src_path, "")
    if not bodies:
        return ()
    base_url = site.config.base_url
    return link_problems(_leading_to(waiting, bodies, site), sources, templates, base_url)


def finnish_time(moment: datetime, timezone: str) -> str:
    """A moment as Finnish readers write it, in the site's time zone: `10.12.2026 9.00`."""
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{local.day}.{local.month}.{local.year} {local.hour}.{local.minute:02d}"


def public_pages(site: Site) -> dict[str, Version]:
    """The pages of the language versions public at the build's moment, by output path."""
    routes = Routes(site.config)
    return {
        routes.version(entry, version) + "index.html": version
        for entry in (*site.press, *site.projects, *site.pages)
        if not entry.draft
        for version in entry.versions
        if version.goes_live is None
    }


def waiting_addresses(site: Site, public: Mapping[str, Version] | None = None) -> dict[str, str]:
    """The output paths of what is not public at the build's moment, with what each leads to (pure): the pages,
    notice pages and files of drafts and of versions before their time, whether the build includes them marked
    (check, --drafts, --future) or leaves them out (then they are in site.held, as written). `public`: the
    site's public_pages, if known."""
    routes = Routes(site.config)
    public = public_pages(site) if public is None else public
    waiting: dict[str, str] = {}
    for entry in (*site.press, *site.projects, *site.pages):
        if entry.draft or any(version.goes_live is not None for version in entry.versions):
            kept = () if entry.draft else tuple(v for v in entry.versions if v.goes_live is None)
            _add_waiting(entry, kept, routes, waiting)
    for entry in site.held:
        kept = tuple(v for v in entry.versions if routes.version(entry, v) + "index.html" in public)
        _add_waiting(entry, kept, routes, waiting)
    return waiting


def _add_waiting(entry: Entry, kept: tuple[Version, ...], routes: Routes, waiting: dict[str, str]) -> None:
    """The pages, notice pages and files of the entry's versions that are not `kept` (public), with what they are."""
    tz = routes.config.timezone
    shared = {name for version in kept for name in version.files}
    if kept and entry.image is not None:
        shared.add(entry.image.src)
    for version in entry.versions:
        if version in kept:
            continue
        when = None if entry.draft else goes_live(entry, version) or version.goes_live or entry.published
        if when is None:
            what = f"{entry.key}, a draft: the public site has no {{}} there until it is published"
        else:
            time = finnish_time(when, tz)
            what = f"{entry.key}, published only at {time}: the public site has no {{}} there until then"
        waiting[routes.version(entry, version) + "index.html"] = what.format("page")
        if version is entry.original:
            for lang in routes.config.langs:
                notice = routes.notice(entry, lang)
                if notice is not None:
                    waiting[notice + "index.html"] = what.format("page")
        for name in version.files if kept else (*entry.files, *entry.attachments):
            if name not in shared:
                waiting.setdefault(routes.media(entry, file_name(entry, name)), f"a file of {what.format('file')}")


def _leading_to(waiting: Mapping[str, str], pages: Mapping[str, bytes], site: Site) -> list[BrokenLink]:
    """The links of the pages that lead to a waiting address."""
    base_url, base_path = site.config.base_url, site.config.base_path
    found = []
    for page, scanner in scan(pages).items():
        here = base_path + page.removesuffix("index.html")
        for url in dict.fromkeys(scanner.links):
            target = _target(url, here, base_url, base_path)
            if target is not None and target[1] in waiting:
                reason = f"it leads to {waiting[target[1]]}, and the address can give away its title"
                found.append(BrokenLink(page, url, reason))
    return found
