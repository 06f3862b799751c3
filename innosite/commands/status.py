"""`status`: which entries lack which language, and which translations are out of date.

Drafts and entries scheduled for later are included (marked): they are the
ones a translator should see first. A translation is out of date (stale) when
its source, the version published first, has an `updated` later than the
translation's own `updated` (or, without one, its `published`). The report
also names the next scheduled publication: the earliest time after now at which
an entry or a language version goes live (drafts never do).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from innosite.build import BuildOptions, footnote_titles, site_theme
from innosite.content.fields import written_time
from innosite.content.language import doubt_message
from innosite.content.layout import language_path
from innosite.content.load import LoadOptions, load_site
from innosite.content.schedule import site_moment
from innosite.model.entry import Entry, Version, out_of_date
from innosite.model.site import Site, Unpublished
from innosite.problems import Problem, Problems

SECTION_NAMES = {"press": "Press releases", "projects": "Projects", "pages": "Pages"}
KIND = {"press": "press", "projects": "project", "pages": "page"}
"""The `new` command's word for each section."""


@dataclass(frozen=True, slots=True)
class Missing:
    """An entry without some of the site's languages."""

    id: str
    folder: str
    title: str
    langs: tuple[str, ...]
    draft: bool
    scheduled: bool


@dataclass(frozen=True, slots=True)
class Stale:
    """A translation older than the last update of its source."""

    id: str
    folder: str
    lang: str
    source_lang: str
    source_updated: datetime | None
    """The source's updated; None when the record, not the dates, tells that it changed."""
    translation_date: datetime | None
    """The translation's own updated (or published); None when it has neither."""
    draft: bool
    scheduled: bool
    changes: tuple[tuple[str, str | None, str | None], ...] = ()
    """(part, old text, new text) of the source's parts changed since the translation, where its record
    (written by `translate import`) tells; empty when not known."""


@dataclass(frozen=True, slots=True)
class Untranslated:
    """A field of a version that looks untranslated: the same as another version's, or in another language."""

    folder: str
    lang: str
    line: int
    field: str
    message: str
    draft: bool
    scheduled: bool


@dataclass(frozen=True, slots=True)
class SectionStatus:
    section: str
    entries: int
    missing_required: tuple[Missing, ...]
    missing_other: tuple[Missing, ...]
    stale: tuple[Stale, ...]
    untranslated: tuple[Untranslated, ...] = ()


@dataclass(frozen=True, slots=True)
class StatusReport:
    """The translation status of the whole site."""

    langs: tuple[str, ...]
    required: tuple[str, ...]
    timezone: str
    sections: tuple[SectionStatus, ...]
    errors: tuple[Problem, ...]
    """Content errors: the entries they are in are missing from the report."""
    scheduled: tuple[Unpublished, ...] = ()
    """The entries and language versions that go live after now (not drafts), soonest first."""

    def as_json(self) -> dict[str, Any]:
        """The report as plain JSON values (times in ISO 8601 with offset; next_publication in the site's time,
        "YYYY-MM-DD HH:MM", or null)."""
        tz = ZoneInfo(self.timezone)
        first = self.scheduled[0].goes_live if self.scheduled else None
        return {
            "next_publication": written_time(first, tz) if first else None,
            "scheduled": [_scheduled_json(item) for item in self.scheduled],
            "languages": list(self.langs),
            "required_languages": list(self.required),
            "sections": [
                {
                    "section": s.section,
                    "entries": s.entries,
                    "missing_required": [_missing_json(m) for m in s.missing_required],
                    "missing_other": [_missing_json(m) for m in s.missing_other],
                    "stale": [_stale_json(t) for t in s.stale],
                    "untranslated": [_untranslated_json(u) for u in s.untranslated],
                }
                for s in self.sections
            ],
            "errors": [str(p) for p in self.errors],
        }


def _scheduled_json(item: Unpublished) -> dict[str, Any]:
    assert item.goes_live is not None
    return {"entry": item.key, "language": item.lang, "goes_live": item.goes_live.isoformat(timespec="minutes")}


def _missing_json(item: Missing) -> dict[str, Any]:
    return {
        "id": item.id,
        "folder": item.folder,
        "title": item.title,
        "languages": list(item.langs),
        "draft": item.draft,
        "scheduled": item.scheduled,
    }


def _file(folder: str, lang: str) -> str:
    """A language version's file, in its folder's layout (fi.md, or index.fi.md where the browser editor wrote)."""
    return language_path(Path(folder), lang).as_posix()


def _stale_json(item: Stale) -> dict[str, Any]:
    return {
        "id": item.id,
        "folder": item.folder,
        "language": item.lang,
        "file": _file(item.folder, item.lang),
        "source_language": item.source_lang,
        "source_updated": item.source_updated.isoformat(timespec="minutes") if item.source_updated else None,
        "translation_date": item.translation_date.isoformat(timespec="minutes") if item.translation_date else None,
        "draft": item.draft,
        "scheduled": item.scheduled,
        "changed_parts": [{"part": part, "old": old, "new": new} for part, old, new in item.changes],
    }


def _untranslated_json(item: Untranslated) -> dict[str, Any]:
    return {
        "file": f"{item.folder}/{item.lang}.md",
        "line": item.line,
        "field": item.field,
        "message": item.message,
        "draft": item.draft,
        "scheduled": item.scheduled,
    }


def translation_status(content: Path, problems: Problems, now: datetime | None = None) -> StatusReport | None:
    """Load everything (drafts and future entries too) and report; None if site.yaml is unusable.

    `now` without a time zone is in the site's (the default: the real time)."""
    now = now or datetime.now(UTC)
    options = LoadOptions(now=now, drafts=True, future=True)
    templates, locales = site_theme(content)
    titles = partial(footnote_titles, BuildOptions(content=content, templates=templates, locales=locales))
    site = load_site(content, problems, options, titles)
    if site is None:
        return None
    return _with_changes(status_of(site, now, problems.errors), site, now)


def _with_changes(report: StatusReport, site: Site, now: datetime) -> StatusReport:
    """The report where translations have a record of what they were made from (`translate import` writes it):
    a translation is out of date when a part of its source changed since, whatever the dates say, and the
    report shows which parts."""
    from innosite.translate import EntryError, changed_units, load_entry, read_entry, record_name

    def changes(entry: Entry, lang: str) -> tuple[tuple[str, str | None, str | None], ...] | None:
        folder, source = Path(entry.src_dir), entry.original.lang
        if not (folder / record_name(lang)).is_file():
            return None
        try:
            return changed_units(load_entry(read_entry(folder, source, lang), source, lang))
        except EntryError:
            return None

    sections = []
    for status, entries in zip(report.sections, (site.press, site.projects, site.pages), strict=True):
        stale = []
        for entry in sorted(entries, key=lambda e: e.id):
            dated = {item.lang: item for item in status.stale if item.id == entry.id}
            for version in entry.versions:
                if version is entry.original:
                    continue
                found = changes(entry, version.lang)
                if found is None and version.lang in dated:
                    stale.append(dated[version.lang])
                elif found:
                    item = dated.get(version.lang) or _stale_item(entry, version, now)
                    stale.append(replace(item, changes=found))
        sections.append(replace(status, stale=tuple(stale)))
    return replace(report, sections=tuple(sections))


def status_of(site: Site, now: datetime, errors: tuple[Problem, ...] = ()) -> StatusReport:
    """The report for a loaded site (pure)."""
    config = site.config
    now = site_moment(now, config.timezone)
    sections = []
    for section, entries in (("press", site.press), ("projects", site.projects), ("pages", site.pages)):
        ordered = sorted(entries, key=lambda e: e.id)
        required = config.required_languages if section != "pages" else ()
        sections.append(
            SectionStatus(
                section,
                len(ordered),
                tuple(m for e in ordered if (m := _missing(e, required, now))),
                tuple(m for e in ordered if (m := _missing(e, _others(config.langs, required), now))),
                tuple(s for e in ordered for s in _stale(e, now)),
                tuple(u for e in ordered for u in _untranslated(e, now)),
            )
        )
    scheduled = sorted((u for u in site.unpublished if u.goes_live and not u.draft), key=_soonest(config.langs))
    return StatusReport(
        config.langs, config.required_languages, config.timezone, tuple(sections), errors, tuple(scheduled)
    )


def _soonest(langs: tuple[str, ...]):
    """Sort key: when it goes live, then the entry, the whole entry before its language versions."""
    return lambda u: (u.goes_live, u.key, -1 if u.lang is None else langs.index(u.lang))


def _others(langs: tuple[str, ...], required: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(lang for lang in langs if lang not in required)


def _scheduled(entry: Entry, now: datetime) -> bool:
    return entry.published is not None and entry.published > now


def _missing(entry: Entry, langs: tuple[str, ...], now: datetime) -> Missing | None:
    lacking = tuple(lang for lang in langs if entry.version(lang) is None)
    if not lacking:
        return None
    folder = Path(entry.src_dir).as_posix()
    return Missing(entry.id, folder, entry.original.title, lacking, entry.draft, _scheduled(entry, now))


def _stale(entry: Entry, now: datetime) -> list[Stale]:
    """The translations older than the original's last change (its `updated`, or a later correction)."""
    return [
        replace(_stale_item(entry, version, now), source_updated=changed)
        for version in entry.versions
        if (changed := out_of_date(entry, version)) is not None
    ]


def _untranslated(entry: Entry, now: datetime) -> list[Untranslated]:
    folder = Path(entry.src_dir).as_posix()
    return [
        Untranslated(folder, v.lang, d.line, d.field, doubt_message(d, v.lang), entry.draft, _scheduled(entry, now))
        for v in entry.versions
        for d in v.doubts
    ]


def _stale_item(entry: Entry, version: Version, now: datetime) -> Stale:
    """A translation of the entry as out of date (the caller tells why: its source's update, or changed parts)."""
    folder = Path(entry.src_dir).as_posix()
    own = version.changed or version.published
    return Stale(entry.id, folder, version.lang, entry.original.lang, None, own, entry.draft, _scheduled(entry, now))


# -- the text report ---------------------------------------------------------------


def format_status(report: StatusReport) -> str:
    """The report as text for people: a summary line, then each section."""
    tz = ZoneInfo(report.timezone)
    required = sum(len(s.missing_required) for s in report.sections)
    stale = sum(len(s.stale) for s in report.sections)
    untranslated = sum(len(s.untranslated) for s in report.sections)
    doubts = f" {_count(untranslated, 'text looks', 'texts look')} untranslated." if untranslated else ""
    lines = [
        f"Translation status (required languages: {', '.join(report.required) or 'none'}): "
        f"{_count(required, 'entry lacks', 'entries lack')} a required language, "
        f"{_count(stale, 'translation is', 'translations are')} out of date.{doubts}",
        _next_line(report.scheduled, tz),
    ]
    for status in report.sections:
        lines += ["", f"{SECTION_NAMES[status.section]} ({status.entries})"]
        if not (status.missing_required or status.missing_other or status.stale or status.untranslated):
            lines.append("  every language present and up to date")
        if status.missing_required:
            lines.append("  missing a required language:")
            lines += [_missing_line(m, status.section) for m in status.missing_required]
        if status.missing_other:
            lines.append("  missing other languages:")
            lines += [_missing_line(m, status.section) for m in status.missing_other]
        if status.stale:
            lines.append("  out of date (the source was updated after the translation):")
            lines += [_stale_line(t, tz) for t in status.stale]
        if status.untranslated:
            lines.append("  looks untranslated (the same as another version, or in another language):")
            lines += [
                f"    {u.folder}/{u.lang}.md:{u.line}{_marks(u.draft, u.scheduled)}: {u.message}"
                for u in status.untranslated
            ]
    if report.errors:
        lines += ["", f"{len(report.errors)} error(s): the entries they are in are not in this report."]
    return "\n".join(lines) + "\n"


def _next_line(scheduled: tuple[Unpublished, ...], tz: ZoneInfo) -> str:
    """When the next publication is due, and what goes live then."""
    if not scheduled:
        return "Next scheduled publication: none."
    first = scheduled[0].goes_live
    assert first is not None
    due = ", ".join(u.key if u.lang is None else f"{u.key} ({u.lang})" for u in scheduled if u.goes_live == first)
    return f"Next scheduled publication: {written_time(first, tz)}: {due}."


def _count(number: int, one: str, many: str) -> str:
    return f"1 {one}" if number == 1 else f"{number} {many}"


def _marks(draft: bool, scheduled: bool) -> str:
    return (" (draft)" if draft else "") + (" (scheduled)" if scheduled else "")


def _missing_line(item: Missing, section: str) -> str:
    langs = ", ".join(item.langs)
    add = "; ".join(f"python build.py new {KIND[section]} {item.id} --lang {lang}" for lang in item.langs)
    return f"    {item.id}{_marks(item.draft, item.scheduled)}: no {langs} ({add})"


def _stale_line(item: Stale, tz: ZoneInfo) -> str:
    own = f"last dated {written_time(item.translation_date, tz)}" if item.translation_date else "has no date"
    file = f"    {_file(item.folder, item.lang)}{_marks(item.draft, item.scheduled)}"
    if item.source_updated is not None:
        source = _file(item.folder, item.source_lang).rsplit("/", 1)[1]
        line = f"{file}: {own}, but {source} was updated {written_time(item.source_updated, tz)}"
    else:
        line = f"{file}: {_file(item.folder, item.source_lang).rsplit('/', 1)[1]} changed since it was translated"
    if not item.changes:
        return line
    parts = [f"{line}", f"      changed since the translation ({_count(len(item.changes), 'part', 'parts')}):"]
    for part, old, new in item.changes:
        before = f"was {_short(old)}" if old is not None else "new"
        after = f"now {_short(new)}" if new is not None else "removed"
        parts.append(f"        {part}: {before}; {after}")
    return "\n".join(parts)


def _short(text: str, limit: int = 60) -> str:
    """A part's text on one line, cut to limit characters."""
    flat = " ".join(text.split())
    return f'"{flat if len(flat) <= limit else flat[: limit - 1] + "…"}"'
