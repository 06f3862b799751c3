"""What is not public at a build's moment, and where: the addresses a published text must not link to (pure).

Drafts and versions before their time have pages, notice pages and files that the
public site does not have until then; their addresses can give away the title.
A build either includes them marked (check, --drafts, --future) or leaves them
out (site.held, as written). output/links.py refuses a public text's link to one.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
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


def waiting_addresses(site: Site, public: Mapping[str, Version] | None = None) -> dict[str, str]:
    """The output paths of what is not public at the build's moment, with what each leads to (pure): the pages,
    notice pages and files of drafts and of versions before their time, whether the build includes them marked
    (check, --drafts, --future) or leaves them out (then they are in site.held, as written). `public`: the
    site's public_pages (of the held entries at least), if known."""
    routes = Routes(site.config)
    public = public_pages(site) if public is None else public
    waiting: dict[str, str] = {}
    included = any(item.included for item in site.unpublished)  # (a publishing build includes none)
    for entry in (*site.press, *site.projects, *site.pages) if included else ():
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
