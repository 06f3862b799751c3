"""Redirect pages at the old paths listed in `aliases` (output/guard.py sees that no alias hides a page).

An alias `/fi/vanha/osoite/` (relative to base_url's path) gets a small page at
`fi/vanha/osoite/index.html` that sends visitors on with a meta refresh, names
its target as canonical and links to it for people whose browser does not
follow redirects. Planning is pure; only a collision's error reads meta.yaml
(alias_line), to point at the alias's line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from innosite.content.layout import meta_path
from innosite.model.entry import Entry
from innosite.model.site import Site
from innosite.pages.planned import PlannedPage
from innosite.pages.routes import Routes
from innosite.pages.views import Head

REDIRECT_TEMPLATE = "redirect.html"


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
        found.append(Redirect(alias, lang, target, shown.title, meta_path(Path(entry.src_dir), routes.config.langs)))
    return found


def site_redirects(site: Site) -> list[Redirect]:
    routes = Routes(site.config)
    return [r for e in (*site.press, *site.projects, *site.pages) for r in entry_redirects(e, routes)]


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
    return PlannedPage(redirect.path, REDIRECT_TEMPLATE, redirect.lang, str(redirect.meta), context)


def redirect_pages(site: Site) -> list[PlannedPage]:
    """A redirect page per alias (output/guard.py drops, with an error, those that collide with a page)."""
    routes = Routes(site.config)
    return [redirect_page(r, routes) for r in site_redirects(site)]
