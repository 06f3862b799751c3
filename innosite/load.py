"""Content folder to the immutable model, collecting every problem on the way."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .config import load_config, load_terms
from .entries import EntryContext, load_entry
from .markup import MarkdownRenderer
from .model import Config, Entry, Page, PressRelease, Project, Site
from .paths import WINDOWS_RESERVED, escaping_links
from .problems import Problems
from .slugs import SLUG_RE
from .statement import load_statement

SECTION_DIRS = ("press", "projects", "pages")
_KIND_NAMES = {"press": "press release", "projects": "project"}


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """What to include: drafts and future entries are left out unless asked for."""

    now: datetime
    drafts: bool = False
    future: bool = False
    changed: frozenset[str] | None = None
    """The entry folders that can have changed since the last load in this process (None: any file)."""


EntryLoader = Callable[[list[tuple[str, Path]], EntryContext], list[tuple[Entry | None, list]]]
"""Loads entry folders (in order) into entries and their problems: serial, parallel or cached."""


def load_site(
    content: Path,
    problems: Problems,
    options: LoadOptions,
    footnote_titles: Callable[[tuple[str, ...]], Mapping[str, str]],
    loader: EntryLoader | None = None,
) -> Site | None:
    """Load and validate the whole content folder; None when it is unusable.

    footnote_titles gives, for the site's languages, the footnote back-link
    title of each (from the UI catalogs, which the caller owns)."""
    escaping = escaping_links(content, options.changed)
    for path, message in escaping:
        problems.error(path, 0, message)
    if escaping:
        return None
    config = load_config(content, problems)
    if config is None:
        return None
    themes = load_terms(content, "themes", config.codes, problems)
    cities = load_terms(content, "cities", config.codes, problems)
    folders = _entry_folders(content, problems)
    context = EntryContext(
        config=config,
        theme_ids=frozenset(t.id for t in themes),
        city_ids=frozenset(c.id for c in cities),
        project_ids=frozenset(name for section, path in folders if section == "projects" for name in [path.name]),
        footnote_titles=tuple(footnote_titles(config.codes).items()),
    )
    results = (loader or load_serially)(folders, context)
    entries = []
    for entry, found in results:
        problems.extend(found)
        if entry is not None and _included(entry, options):
            entries.append(_drop_unpublished(entry, options))
    _check_languages(entries, config, problems)
    _check_slugs(entries, problems)
    page_ids = frozenset(path.name for section, path in folders if section == "pages")
    today = options.now.astimezone(ZoneInfo(config.timezone)).date()
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
    )


def load_serially(folders: list[tuple[str, Path]], context: EntryContext) -> list[tuple[Entry | None, list]]:
    """Load entry folders one after another in this process."""
    renderer = MarkdownRenderer()
    return [load_entry(section, path, context, renderer) for section, path in folders]


def _entry_folders(content: Path, problems: Problems) -> list[tuple[str, Path]]:
    """(section, folder) of every entry, in a stable order; stray files are errors."""
    folders = []
    for section in SECTION_DIRS:
        root = content / section
        if not root.is_dir():
            if root.exists():
                problems.error(root, 0, f"{section} must be a folder of entry folders, not a file")
            continue
        with os.scandir(root) as found:  # the listing's entry types: no stat per folder
            items = sorted(found, key=lambda item: item.name)
        for item in items:
            path = root / item.name
            if item.name.startswith("."):
                continue
            if item.is_symlink() or not item.is_dir(follow_symlinks=False):
                problems.error(
                    path, 0, f"only entry folders belong in {section}/: move this file into an entry's folder"
                )
            elif not SLUG_RE.match(path.name):
                problems.error(
                    path, 0, f'the folder name "{path.name}" can only have a-z, 0-9 and "-" (it is the entry\'s id)'
                )
            elif path.name in WINDOWS_RESERVED:
                problems.error(path, 0, f'the folder name "{path.name}" is a device name on Windows: rename the folder')
            else:
                folders.append((section, path))
    return folders


def _included(entry: Entry, options: LoadOptions) -> bool:
    if entry.draft and not options.drafts:
        return False
    return options.future or entry.published is None or entry.published <= options.now


def _drop_unpublished(entry: Entry, options: LoadOptions) -> Entry:
    """Without --future, a language version published later than now is left out."""
    if options.future:
        return entry
    kept = tuple(v for v in entry.versions if v.published is None or v.published <= options.now)
    return entry if len(kept) == len(entry.versions) else replace(entry, versions=kept or entry.versions[:1])


def _newest_first(entry: Entry) -> tuple[float, str]:
    moment = entry.published or datetime(1970, 1, 1, tzinfo=ZoneInfo("UTC"))
    return (-moment.timestamp(), entry.id)


def _check_languages(entries: list[Entry], config: Config, problems: Problems) -> None:
    """A press release or project without a required language is a warning."""
    for entry in entries:
        if isinstance(entry, Page):
            continue
        missing = [lang for lang in config.required_languages if lang not in entry.langs]
        for lang in missing:
            problems.warn(
                Path(entry.src_dir) / f"{lang}.md", 0,
                f"no {config.language(lang).name} version: every {_KIND_NAMES[entry.section]} "
                f"should exist in {', '.join(config.required_languages)}",
            )  # fmt: skip


def _check_slugs(entries: list[Entry], problems: Problems) -> None:
    """Two entries of one section may not share a slug in one language."""
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
