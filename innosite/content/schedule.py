"""What is public at a moment: the entries and language versions a build publishes, includes marked, or leaves out.

A language version goes live at its `published` time; a press release's versions
never before meta.yaml's `published`. An entry is public while one of its
versions is, and a draft never is. Whatever is not public is left out, with the
files only it links to (attachments wait with their text), unless the build asks
for it (`--drafts`, `--future`): then it is included and marked (`goes_live`).
Every entry or version that is not public is recorded as an `Unpublished`, for
the commands' reports.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from innosite.model.entry import Entry, PressRelease, Version
from innosite.model.site import Unpublished


def site_moment(now: datetime, timezone: str) -> datetime:
    """The moment with its time zone: one without (`--now "2026-12-10 09:00"`) is in the site's."""
    return now if now.tzinfo is not None else now.replace(tzinfo=ZoneInfo(timezone))


def goes_live(entry: Entry, version: Version) -> datetime | None:
    """When a version goes live: at its own time, a press release's never before the release's (None: always)."""
    moment = version.published
    if isinstance(entry, PressRelease) and entry.published and (moment is None or moment < entry.published):
        return entry.published
    return moment


def waiting(entry: Entry, now: datetime) -> tuple[tuple[str, datetime], ...]:
    """(lang, when it goes live) of the entry's versions that are not live at now."""
    found = []
    for version in entry.versions:
        moment = goes_live(entry, version)
        if moment is not None and moment > now:
            found.append((version.lang, moment))
    return tuple(found)


def schedule(
    entry: Entry, later: tuple[tuple[str, datetime], ...], drafts: bool, future: bool
) -> tuple[Entry | None, tuple[Unpublished, ...]]:
    """The entry as a build includes it (None: left out) and what of it is not public, given the versions that
    go live `later` (see waiting); `drafts`, `future`: whether the build includes drafts, versions not live yet."""
    times = dict(later)
    public = tuple(v for v in entry.versions if v.lang not in times)
    included = (drafts or not entry.draft) and (future or bool(public))
    found: tuple[Unpublished, ...]
    if entry.draft:
        found = (Unpublished(entry.section, entry.id, None, True, None, included),)
    elif not public:
        first = min(times.values())
        found = (
            Unpublished(entry.section, entry.id, None, False, first, included),
            *(
                Unpublished(entry.section, entry.id, lang, False, moment, future)
                for lang, moment in later
                if moment > first
            ),
        )
    else:
        found = tuple(Unpublished(entry.section, entry.id, lang, False, moment, future) for lang, moment in later)
    if not included:
        return None, found
    if not later:
        return entry, found
    if not future:
        return replace(entry, versions=public, files=_files_kept(entry, public)), found
    marked = tuple(replace(v, goes_live=times[v.lang]) if v.lang in times else v for v in entry.versions)
    return replace(entry, versions=marked), found


def _files_kept(entry: Entry, kept: tuple[Version, ...]) -> tuple[str, ...]:
    """The entry's files without those that only versions left out link to."""
    langs = {v.lang for v in kept}
    dropped = {name for v in entry.versions if v.lang not in langs for name in v.files}
    needed = {name for v in kept for name in v.files}
    if entry.image is not None:
        needed.add(entry.image.src)
    return tuple(name for name in entry.files if name not in dropped or name in needed)
