"""Content folder to the immutable model, collecting every problem on the way."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from innosite.content.addresses import load_record
from innosite.content.config import load_config, load_terms
from innosite.content.corrections import later_than_now
from innosite.content.entries import EntryContext, load_entry, name_hints
from innosite.content.language import english_name, english_names
from innosite.content.layout import language_path
from innosite.content.names import WINDOWS_RESERVED, escaping_links
from innosite.content.schedule import schedule, site_moment, waiting
from innosite.content.statement import load_statement
from innosite.markup.markdown import MarkdownRenderer
from innosite.memo import Memo, Memory, Same
from innosite.model.entry import Entry, Page, PressRelease, Project
from innosite.model.settings import Config, Term
from innosite.model.site import Site, Unpublished
from innosite.model.slugs import SLUG_RE
from innosite.problems import Problem, Problems

SECTION_DIRS = ("press", "projects", "pages")
_KIND_NAMES = {"press": "press release", "projects": "project"}


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """What to include: drafts and future entries are left out unless asked for."""

    now: datetime
    """The moment that decides what is published; without a time zone, in the site's (site.yaml `timezone`)."""
    drafts: bool = False
    future: bool = False
    changed: frozenset[str] | None = None
    """The entry folders that can have changed since the last load in this process (None: any file)."""
    base_url: str | None = None
    """Instead of site.yaml's base_url (--base-url: a preview's own address)."""
    preview: bool = False
    """A preview build (--preview, see Config.preview)."""


@dataclass(frozen=True, slots=True)
class SectionListing:
    """The entry folders of one section as (section, folder), and the errors about what else is in it."""

    folders: list[tuple[str, Path]]
    errors: list[tuple[Path, str]]


RACY_NS = 2_000_000_000
"""A file or folder modified this close to when it was looked at may change again unseen: look again."""
MEMOS = (
    "load.listings", "load.warnings", "load.footnotes", "load.slugs", "load.settings", "load.schedule",
    "load.record",
)  # fmt: skip
"""What one load leaves for the next in the same process (the preview server's), each used again only while
provably the same: the sections' listings, the settings, each entry's language warnings, the slug check, the
record of published addresses."""


def section_listing(root: Path, section: str, trusted: bool, memory: Memory) -> SectionListing:
    """A section's listing: the last one while the folder's time says no entry was added, removed or renamed
    since (and is old enough to tell), when `trusted` (only files in known entry folders changed)."""
    listings: Memo[str, tuple[int, int, SectionListing]] = memory.memo("load.listings")
    try:
        mtime = os.stat(root).st_mtime_ns
    except OSError:
        return _section_folders(root, section)
    known = listings.last(str(root))
    if trusted and known is not None and known[0] == mtime and mtime < known[1] - RACY_NS:
        listings.put(str(root), mtime, known)
        return known[2]
    seen = time.time_ns()  # after the stat: a change during the listing shows as a new time next time
    listing = _section_folders(root, section)
    listings.put(str(root), mtime, (mtime, seen, listing))
    return listing


Listings = dict[str, list[os.DirEntry]]
"""What the folders the link check looked at hold, as it listed them (content/names.escaping_links)."""

EntryLoader = Callable[[list[tuple[str, Path]], EntryContext, Listings], list[tuple[Entry | None, list]]]
"""Loads entry folders (in order) into entries and their problems: serial, parallel or cached (which reads each
folder's listing in Listings instead of listing it again)."""


def load_site(
    content: Path,
    problems: Problems,
    options: LoadOptions,
    footnote_titles: Callable[[tuple[str, ...]], Mapping[str, str]],
    loader: EntryLoader | None = None,
    memory: Memory | None = None,
) -> Site | None:
    """Load and validate the whole content folder; None when it is unusable.

    footnote_titles gives, for the site's languages, the footnote back-link
    title of each (from the UI catalogs, which the caller owns); `memory`, what
    the last load in this process found (see MEMOS)."""
    memory = memory or Memory()
    listings: Listings = {}
    escaping = escaping_links(content, options.changed, listings)
    for path, message in escaping:
        problems.error(path, 0, message)
    if escaping:
        return None
    settings = _settings(content, problems, memory, options.changed is not None, (options.base_url, options.preview))
    if settings is None:
        return None
    config, themes, cities = settings
    now = site_moment(options.now, config.timezone)
    folders = _entry_folders(content, problems, memory, options.changed is not None)
    context = EntryContext(
        config=config,
        theme_ids=frozenset(t.id for t in themes),
        city_ids=frozenset(c.id for c in cities),
        project_ids=frozenset(name for section, path in folders if section == "projects" for name in [path.name]),
        footnote_titles=tuple(footnote_titles(config.langs).items()),
    )
    results = (loader or load_serially)(folders, context, listings)
    entries: list[Entry] = []
    loaded: list[Entry] = []
    """The entries included, as written: a version that waits for its time still counts as there."""
    unpublished: list[Unpublished] = []
    held: list[Entry] = []
    """The entries as written of which something is left out."""
    scheduled: Memo[Same, tuple[Entry | None, tuple[Unpublished, ...]]] = memory.memo("load.schedule")
    for entry, found in results:
        if found:
            problems.extend(name_hints(found, themes, cities))
        if entry is None:
            continue
        included: Entry | None = entry
        later = waiting(entry, now)
        if later or entry.draft:
            inputs = (later, options.drafts, options.future)
            included, left = scheduled.get(Same(entry), inputs, schedule, entry, later, options.drafts, options.future)
            unpublished += left
            if any(not item.included for item in left):
                held.append(entry)
        if included is not None:
            entries.append(included)
            loaded.append(entry)
    _check_languages(loaded, config, problems, memory)
    for entry in loaded:
        for src, line, message in later_than_now(entry, now, config.timezone):
            problems.warn(src, line, message)
    _check_slugs(entries, problems, memory)
    page_ids = frozenset(path.name for section, path in folders if section == "pages")
    today = now.date()
    page_langs = {e.id: e.langs for e in entries if isinstance(e, Page)}
    return Site(
        config=config,
        themes=themes,
        cities=cities,
        press=tuple(sorted((e for e in entries if isinstance(e, PressRelease)), key=_newest_first)),
        projects=tuple(
            sorted((e for e in entries if isinstance(e, Project)), key=lambda p: (p.versions[0].title.lower(), p.id))
        ),
        pages=tuple(e for e in entries if isinstance(e, Page)),
        statement=load_statement(content, config, page_ids, page_langs, today, problems),
        unpublished=tuple(unpublished),
        record=load_record(content, problems, memory),
        held=tuple(held),
    )


def _settings(
    content: Path, problems: Problems, memory: Memory, trusted: bool, overrides: tuple[str | None, bool]
) -> tuple[Config, tuple[Term, ...], tuple[Term, ...]] | None:
    """site.yaml, themes.yaml and cities.yaml, with the command line's base_url and preview (`overrides`); the
    last load's when `trusted` (only files inside entry folders changed) and they gave no problem then, under
    the same overrides. None when the settings are unusable."""
    remembered: Memo[tuple, tuple[Config, tuple[Term, ...], tuple[Term, ...]] | None] = memory.memo("load.settings")
    key = ("settings", overrides)
    known = remembered.last(key)
    if trusted and known:
        return remembered.put(key, None, known)
    remembered.put(key, None, None)
    before = len(problems.all)
    config = load_config(content, problems)
    if config is None:
        return None
    base_url, preview = overrides
    if base_url is not None or preview:
        config = replace(config, base_url=base_url or config.base_url, preview=preview)
    settings = (
        config,
        load_terms(content, "themes", config.langs, problems),
        load_terms(content, "cities", config.langs, problems),
    )
    remembered.put(key, None, settings if len(problems.all) == before else None)
    return settings


def load_serially(
    folders: list[tuple[str, Path]], context: EntryContext, _listings: Listings | None = None
) -> list[tuple[Entry | None, list]]:
    """Load entry folders one after another in this process."""
    renderer = MarkdownRenderer()
    return [load_entry(section, path, context, renderer) for section, path in folders]


def _entry_folders(content: Path, problems: Problems, memory: Memory, trusted: bool = False) -> list[tuple[str, Path]]:
    """(section, folder) of every entry, in a stable order; stray files are errors.

    `trusted`: only files inside entry folders the last load saw can have changed (see section_listing)."""
    folders = []
    for section in SECTION_DIRS:
        root = content / section
        listing = section_listing(root, section, trusted, memory)
        folders += listing.folders
        for path, message in listing.errors:
            problems.error(path, 0, message)
    return folders


def _section_folders(root: Path, section: str) -> SectionListing:
    """The entry folders of one section, and what else is there that does not belong."""
    folders: list[tuple[str, Path]] = []
    errors: list[tuple[Path, str]] = []

    def error(path: Path, message: str) -> None:
        errors.append((path, message))

    if not root.is_dir():
        if root.exists():
            error(root, f"{section} must be a folder of entry folders, not a file")
        return SectionListing(folders, errors)
    with os.scandir(root) as found:  # the listing's entry types: no stat per folder
        items = sorted(found, key=lambda item: item.name)
    for item in items:
        path = root / item.name
        if item.name.startswith("."):
            continue
        if item.is_symlink() and item.is_dir():
            error(path, "an entry folder may not be a symbolic link: move or copy the folder itself here")
        elif item.is_symlink() or not item.is_dir(follow_symlinks=False):
            error(path, f"only entry folders belong in {section}/: move this file into an entry's folder")
        elif not SLUG_RE.match(path.name):
            error(path, f'the folder name "{path.name}" can only have a-z, 0-9 and "-" (it is the entry\'s id)')
        elif path.name in WINDOWS_RESERVED:
            error(path, f'the folder name "{path.name}" is a device name on Windows: rename the folder')
        else:
            folders.append((section, path))
    return SectionListing(folders, errors)


def _newest_first(entry: Entry) -> tuple[float, str]:
    moment = entry.published or datetime(1970, 1, 1, tzinfo=UTC)
    return (-moment.timestamp(), entry.id)


def _check_languages(entries: list[Entry], config: Config, problems: Problems, memory: Memory) -> None:
    """A press release or project without a required language is a warning (an entry's warnings are made
    once while it is the same object, under the same settings: naming a file costs a resolve)."""
    memory.scope(("load.warnings",), (config, os.getcwd()))
    warnings: Memo[Same, tuple[Problem, ...]] = memory.memo("load.warnings")
    for entry in entries:
        if not isinstance(entry, Page):
            problems.extend(warnings.get(Same(entry), None, _language_warnings, entry, config, problems))


def _language_warnings(entry: Entry, config: Config, problems: Problems) -> tuple[Problem, ...]:
    """The warnings about the required languages an entry lacks."""
    required = config.required_languages
    should = f"should exist in {english_names(required)}"
    found = []
    for lang in required:
        if lang not in entry.langs:
            path = language_path(Path(entry.src_dir), lang)
            message = f"no {english_name(lang)} version ({path.name}): every {_KIND_NAMES[entry.section]} {should}"
            found.append(problems.warning(path, 0, message))
    return tuple(found)


def _check_slugs(entries: list[Entry], problems: Problems, memory: Memory) -> None:
    """Two entries of one section may not share a slug in one language (not checked again when the entries
    are those of the last check, which found none, but for some replaced in place by ones of the same slugs)."""
    checked: Memo[str, tuple[Entry, ...]] = memory.memo("load.slugs")
    if _same_slugs(checked.last("clean") or (), entries):
        checked.put("clean", None, tuple(entries))
        return
    before = len(problems.all)
    seen: dict[tuple[str, str, str], str] = {}
    for entry in entries:
        for version in entry.versions:
            key = (entry.section, version.lang, version.slug)
            if key in seen:
                problems.error(
                    version.src_path, version.slug_line,
                    f'the slug "{version.slug}" is already used by {seen[key]}: '
                    "give one of them another title or a slug: line",
                )  # fmt: skip
            else:
                seen[key] = version.src_path
    checked.put("clean", None, tuple(entries) if len(problems.all) == before else ())


def _same_slugs(last: tuple[Entry, ...], entries: list[Entry]) -> bool:
    """Whether entries are `last` (non-empty) with entries replaced in place by ones of the same section and slugs."""
    if not last or len(last) != len(entries):
        return False
    return all(_slugs(old) == _slugs(new) for old, new in zip(last, entries, strict=True) if old is not new)


def _slugs(entry: Entry) -> tuple:
    return (entry.section, tuple((version.lang, version.slug) for version in entry.versions))
