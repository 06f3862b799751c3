"""Addresses published before (the record, content/published-addresses.txt): what each one gives now (pure).

A recorded address that no page of this build has:
- of an entry the site still has: a redirect page to the entry's page in the
  address's language (the page an alias gets, pages/redirects.py);
- of an entry that is gone: a notice page in the address's language (noindex),
  not a 404, saying the page was removed, or for an entry taken back (a draft
  again, or scheduled again) that it is not available at the moment.

An address that is now another page's stays that page's (with a warning); an
address that is now an alias stays the alias's. `next_record` is what a
publishing build keeps: every line of the record and every address of this build.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from innosite.model.addresses import PublishedAddress
from innosite.model.entry import Entry
from innosite.model.site import Site
from innosite.pages.planned import Note, PlannedPage
from innosite.pages.redirects import REDIRECT_TEMPLATE, Redirect, redirect_page
from innosite.pages.routes import ENTRY_SECTIONS, Routes
from innosite.pages.views import Head, SwitchLink

GONE_TEMPLATE = "gone.html"


def entry_addresses(entry: Entry, routes: Routes, langs: tuple[str, ...]) -> list[tuple[str, str, str, bool]]:
    """The addresses of an entry's pages in this build, its versions' and its notice pages, as the fields of a
    PublishedAddress (plain tuples: a site has thousands, made on every build)."""
    key = entry.key
    found = [(f"/{routes.version(entry, version)}", key, version.lang, False) for version in entry.versions]
    if len(found) < len(langs):
        for lang in langs:
            notice = routes.notice(entry, lang)
            if notice is not None:
                found.append((f"/{notice}", key, lang, False))
    return found


def _entries(site: Site) -> tuple[Entry, ...]:
    return (*site.press, *site.projects, *site.pages)


def site_addresses(site: Site) -> list[tuple[str, str, str, bool]]:
    """Every address of an entry's page in this build (see entry_addresses)."""
    routes, langs = Routes(site.config), site.config.langs
    return [address for entry in _entries(site) for address in entry_addresses(entry, routes, langs)]


def next_record(site: Site) -> tuple[PublishedAddress, ...]:
    """The record a publishing build of this site leaves: the recorded addresses and this build's, each once, sorted;
    those of an entry gone from the content folder (not a draft or a scheduled one) marked removed, as this
    build publishes the notice page at them and says so."""
    keys = {entry.key for entry in _entries(site)} | {key for key, _ in site.withheld}
    old = site.record.addresses if site.record else ()
    current = site_addresses(site)
    if all(removed == (key not in keys) for _, key, _, removed in old) and set(old).issuperset(current):
        return old  # nearly every build: nothing new to record (the record as read is sorted, each once)
    kept = {(path, key, lang, key not in keys) for path, key, lang, _ in old}
    return tuple(map(PublishedAddress._make, sorted(kept.union(current))))


def recorded_pages(site: Site, taken: Mapping[str, PlannedPage]) -> tuple[list[PlannedPage], list[Note]]:
    """Redirect and notice pages at the recorded addresses no page of this build has, and the warnings about
    recorded addresses; `taken`: the pages planned so far by path (aliases' redirects among them)."""
    record = site.record
    if record is None or not record.addresses:
        return [], []
    current = {path: key for path, key, _, _ in site_addresses(site)}
    stale = [address for address in record.addresses if current.get(address.path) != address.key]
    if not stale:
        return [], []  # nearly every build: every recorded address is its entry's page
    routes = Routes(site.config)
    entries = {entry.key: entry for entry in _entries(site)}
    pages: list[PlannedPage] = []
    notes: list[Note] = []
    lost: dict[str, list[tuple[PublishedAddress, PlannedPage | None]]] = {}
    """Addresses of entries this build does not have, by entry, and the page now there (None: the notice page)."""
    withheld = dict(site.withheld)
    for path, addresses in _by_path(stale).items():
        occupant = _occupant(path, taken)
        live = [address for address in addresses if address.key in entries]
        for address in addresses:
            if address.key not in entries:
                lost.setdefault(address.key, []).append((address, occupant))
        if occupant is not None:
            notes += [
                Note(record.path, 0, taken_message(address, occupant.source))  # no line: the build may add some
                for address in live
                if address.key != current.get(path) and occupant.template != REDIRECT_TEMPLATE
            ]
        elif live:
            newest = max(live, key=lambda address: _age(entries[address.key]))
            redirect = _redirect(newest, entries[newest.key], routes, Path(record.path))
            pages.append(redirect_page(redirect, routes))
        else:
            pages.append(_gone_page(addresses[0], site, routes, record.path, withheld))
    notes += _lost_notes(site, lost)
    return pages, notes


def _by_path(addresses: Iterable[PublishedAddress]) -> dict[str, list[PublishedAddress]]:
    grouped: dict[str, list[PublishedAddress]] = {}
    for address in addresses:
        grouped.setdefault(address.path, []).append(address)
    return grouped


def _occupant(path: str, taken: Mapping[str, PlannedPage]) -> PlannedPage | None:
    """The planned page at the address, or at a file where the address needs a folder; None if it is free."""
    parts = path.strip("/").split("/")
    for end in range(1, len(parts)):
        if (page := taken.get("/".join(parts[:end]))) is not None:
            return page
    return taken.get(path.lstrip("/") + "index.html")


def _age(entry: Entry) -> tuple[float, str]:
    """Orders the entries that had one address: the latest published took it last."""
    return (entry.published.timestamp() if entry.published else 0.0, entry.key)


def _redirect(address: PublishedAddress, entry: Entry, routes: Routes, record: Path) -> Redirect:
    """The redirect from an old address to the entry's page in its language (its original, when the site has
    no page of it in that language, or no longer has the language)."""
    lang = address.lang if address.lang in routes.config.langs else entry.original.lang
    target = routes.entry(entry, lang) or routes.version(entry, entry.original)
    shown = entry.version(lang) or entry.original
    return Redirect(address.path, lang, target, shown.title, record)


def _gone_page(
    address: PublishedAddress, site: Site, routes: Routes, source: str, withheld: Mapping[str, str]
) -> PlannedPage:
    """The notice page at an address of an entry that is gone: in the address's language (or the site's first,
    when the language is gone too), linking to the section's listing and the home page. It says the page was
    removed, or, for an entry in the content folder that this build leaves out (`withheld`: a draft again, or
    scheduled again), that it is not available at the moment."""
    langs = site.config.langs
    lang = address.lang if address.lang in langs else langs[0]
    folder = address.path.lstrip("/")
    section = address.key.split("/")[0]
    names = {language.lang: language.name for language in site.config.languages}
    switcher = tuple(
        SwitchLink(other, names[other], routes.url(folder if other == lang else routes.home(other)), other == lang)
        for other in langs
    )
    head = Head(lang, "", folder, routes.absolute(folder), (), switcher, noindex=True)
    listing = routes.url(routes.section(lang, section)) if section in ENTRY_SECTIONS else None
    state = withheld.get(address.key, "removed")
    home = routes.url(routes.home(lang))
    context = {"head": head, "section": section, "listing": listing, "home": home, "state": state}
    return PlannedPage(folder + "index.html", GONE_TEMPLATE, lang, source, context)


def _lost_notes(site: Site, lost: dict[str, list[tuple[PublishedAddress, PlannedPage | None]]]) -> list[Note]:
    """A warning for each entry gone from this build whose addresses were published: removed ones once (until a
    publishing build marks them removed), drafts and scheduled ones in every build."""
    withheld = dict(site.withheld)
    content = Path(site.record.path).parent if site.record else Path()
    notes = []
    for key, found in sorted(lost.items()):
        state = withheld.get(key, "removed")
        if state == "removed" and all(address.removed for address, _ in found):
            continue
        notice = [address.path for address, occupant in found if occupant is None]
        used = [(address.path, occupant.source) for address, occupant in found if occupant is not None]
        notes.append(Note(str(content / key), 0, gone_message(state, notice, used)))
    return notes


def taken_message(address: PublishedAddress, occupant: str) -> str:
    """An old address of an entry is now another page's."""
    return (
        f"an old address now leads to another page: {address.path} was published for {address.key}, and is now "
        f'the address of {occupant}; if that is meant, delete the line "{address.path} {address.key} {address.lang}"'
    )


def told_once(message: str) -> bool:
    """Whether a warning is one a build gives once: that of a removed entry, which the build marks in the record."""
    return message.startswith("removed, but its addresses were published")


def gone_message(state: str, notice: list[str], used: list[tuple[str, str]]) -> str:
    """An entry whose addresses were published is not in this build: what its addresses show now."""
    said = "it was removed" if state == "removed" else "it is not available at the moment"
    shown = f" ({', '.join(notice)}): they now show a page saying {said}" if notice else ""
    others = "; ".join(f"{path} is now the address of {source}" for path, source in used)
    shown += f"{'; ' if notice else ': '}{others}" if others else ""
    if state == "draft":
        return f"a draft again, but its addresses were published{shown}"
    if state == "scheduled":
        return f"scheduled for later, but its addresses were published{shown}"
    return f"removed, but its addresses were published{shown}"
