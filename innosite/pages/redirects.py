"""Redirect pages at the old paths listed in `aliases`, and the check that no alias hides a page.

An alias `/fi/vanha/osoite/` (relative to base_url's path) gets a small page at
`fi/vanha/osoite/index.html` that sends visitors on with a meta refresh, names
its target as canonical and links to it for people whose browser does not
follow redirects. Planning is pure; only a collision's error reads meta.yaml,
to point at the alias's line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from innosite.model.entry import Entry
from innosite.model.site import Site
from innosite.pages.plan import PlannedPage
from innosite.pages.routes import Routes
from innosite.pages.views import Head
from innosite.problems import Problems


@dataclass(frozen=True, slots=True)
class Redirect:
    """One alias of an entry and where it leads."""

    alias: str
    """As normalised at load: `/fi/vanha/osoite/`."""
    lang: str
    target: str
    """The target page's path relative to the site root."""
    title: str
    """The target's title in its language."""
    meta: Path
    """The meta.yaml that lists the alias (for messages)."""

    @property
    def path(self) -> str:
        return self.alias.strip("/") + "/index.html"


def entry_redirects(entry: Entry, routes: Routes) -> list[Redirect]:
    """The entry's aliases; each leads to the entry's page in the alias's language."""
    found = []
    for alias in entry.aliases:
        lang = alias.strip("/").split("/")[0]
        target = routes.entry(entry, lang)
        shown = entry.version(lang) or entry.original
        if target is None:
            target = routes.version(entry, entry.original)
        found.append(Redirect(alias, lang, target, shown.title, Path(entry.src_dir) / "meta.yaml"))
    return found


def site_redirects(site: Site) -> list[Redirect]:
    routes = Routes(site.config)
    return [r for e in (*site.press, *site.projects, *site.pages) for r in entry_redirects(e, routes)]


def check_redirects(redirects: Iterable[Redirect], pages: Iterable[PlannedPage], problems: Problems) -> list[Redirect]:
    """The redirects that collide with nothing; an error for each one that does."""
    sources: dict[str, str] | None = None  # made at the first redirect: most sites have none
    claimed: dict[str, Redirect] = {}
    good = []
    for redirect in redirects:
        sources = {page.path: page.source for page in pages} if sources is None else sources
        if (source := _occupant(redirect, sources)) is not None:
            _error(problems, redirect, f"is already the address of a page ({source}): remove it from aliases")
        elif redirect.path in claimed:
            other = claimed[redirect.path]
            _error(problems, redirect, f"is also an alias in {other.meta}: keep it in only one of them")
        else:
            claimed[redirect.path] = redirect
            good.append(redirect)
    return good


def _occupant(redirect: Redirect, sources: dict[str, str]) -> str | None:
    """Where the page at the alias's path comes from, or the file standing where it needs a folder."""
    parts = redirect.alias.strip("/").split("/")
    for end in range(1, len(parts) + 1):
        if (source := sources.get("/".join(parts[:end]))) is not None:
            return source
    return sources.get(redirect.path)


def _error(problems: Problems, redirect: Redirect, text: str) -> None:
    problems.error(redirect.meta, alias_line(redirect.meta, redirect.alias), f'the alias "{redirect.alias}" {text}')


def alias_line(meta: Path, alias: str) -> int:
    """The line of meta.yaml that names the alias (0 if it cannot be found)."""
    try:
        lines = meta.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    bare = alias.strip("/")
    in_list = False
    for number, line in enumerate(lines, 1):
        in_list = in_list or line.startswith("aliases")
        if in_list and bare in line:
            return number
    return 0


def redirect_page(redirect: Redirect, routes: Routes) -> PlannedPage:
    head = Head(
        redirect.lang, redirect.title, redirect.path.removesuffix("index.html"),
        routes.absolute(redirect.target), (), (), noindex=True,
    )  # fmt: skip
    context = {"head": head, "target": routes.url(redirect.target)}
    return PlannedPage(redirect.path, "redirect.html", redirect.lang, str(redirect.meta), context)


def redirect_pages(site: Site, pages: Iterable[PlannedPage], problems: Problems) -> list[PlannedPage]:
    """A redirect page per alias; collisions are errors and get no page."""
    routes = Routes(site.config)
    return [redirect_page(r, routes) for r in check_redirects(site_redirects(site), pages, problems)]
