"""What is not public at a build's moment, and where: the addresses a published text must not link to (pure).

Drafts and versions before their time have pages, notice pages and files that the
public site does not have until then; their addresses can give away the title.
A build either includes them marked (check, --drafts, --future) or leaves them
out (site.held, as written). output/links.py refuses a public text's link to one.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from innosite.content.schedule import goes_live
from innosite.model.entry import Entry, Version
from innosite.model.site import Site
from innosite.pages.images import file_name
from innosite.pages.routes import Routes


def finnish_time(moment: datetime, timezone: str) -> str:
    """A moment as Finnish readers write it, in the site's time zone: `10.12.2026 9.00`."""
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{local.day}.{local.month}.{local.year} {local.hour}.{local.minute:02d}"


def public_pages(site: Site, keys: Collection[str] | None = None) -> dict[str, Version]:
    """The pages of the language versions public at the build's moment, by output path (`keys`: of those
    entries only)."""
    routes = Routes(site.config)
    return {
        routes.version(entry, version) + "index.html": version
        for entry in (*site.press, *site.projects, *site.pages)
        if not entry.draft and (keys is None or entry.key in keys)
        for version in entry.versions
        if version.goes_live is None
    }


@dataclass(frozen=True, slots=True)
class Waiting:
    """What an address that is not public at the build's moment belongs to, and when it goes live."""

    key: str
    """The entry's, `press/2026-12-10-x`."""
    when: datetime | None
    """The first moment the address is public; None for a draft's (public only once it is published)."""
    kind: str = "page"
    """"page" (a page or notice page) or "file"."""

    def leads_to(self, timezone: str) -> str:
        """What a link to the address leads to, in plain words: `press/x, a draft: the public site has ...`."""
        if self.when is None:
            what = f"{self.key}, a draft: the public site has no {self.kind} there until it is published"
        else:
            what = f"{self.key}, published only at {finnish_time(self.when, timezone)}: the public site has no "
            what += f"{self.kind} there until then"
        return f"a file of {what}" if self.kind == "file" else what


def waiting_addresses(site: Site, public: Mapping[str, Version] | None = None) -> dict[str, str]:
    """The output paths of what is not public at the build's moment, with what each leads to (pure): see
    waiting_moments."""
    timezone = site.config.timezone
    return {path: waiting.leads_to(timezone) for path, waiting in waiting_moments(site, public).items()}


def waiting_moments(site: Site, public: Mapping[str, Version] | None = None) -> dict[str, Waiting]:
    """The output paths of what is not public at the build's moment, with whose they are and when they go live
    (pure): the pages, notice pages and files of drafts and of versions before their time, whether the build
    includes them marked (check, --drafts, --future) or leaves them out (then they are in site.held, as written).
    `public`: the site's public_pages (of the held entries at least), if known."""
    routes = Routes(site.config)
    public = public_pages(site) if public is None else public
    waiting: dict[str, Waiting] = {}
    included = any(item.included for item in site.unpublished)  # (a publishing build includes none)
    for entry in (*site.press, *site.projects, *site.pages) if included else ():
        if entry.draft or any(version.goes_live is not None for version in entry.versions):
            kept = () if entry.draft else tuple(v for v in entry.versions if v.goes_live is None)
            _add_waiting(entry, kept, routes, waiting)
    for entry in site.held:
        kept = tuple(v for v in entry.versions if routes.version(entry, v) + "index.html" in public)
        _add_waiting(entry, kept, routes, waiting)
    return waiting


def _add_waiting(entry: Entry, kept: tuple[Version, ...], routes: Routes, waiting: dict[str, Waiting]) -> None:
    """The pages, notice pages and files of the entry's versions that are not `kept` (public), with when they go
    live: a file shared by versions with the earliest of their moments."""
    shared = {name for version in kept for name in version.files}
    if kept and entry.image is not None:
        shared.add(entry.image.src)
    for version in entry.versions:
        if version in kept:
            continue
        when = None if entry.draft else goes_live(entry, version) or version.goes_live or entry.published
        waiting[routes.version(entry, version) + "index.html"] = Waiting(entry.key, when)
        if version is entry.original:
            for lang in routes.config.langs:
                notice = routes.notice(entry, lang)
                if notice is not None:
                    waiting[notice + "index.html"] = Waiting(entry.key, when)
        for name in version.files if kept else (*entry.files, *entry.attachments):
            if name not in shared:
                path = routes.media(entry, file_name(entry, name))
                earlier = waiting.get(path)
                if earlier is None or (when is not None and earlier.when is not None and when < earlier.when):
                    waiting[path] = Waiting(entry.key, when, "file")
