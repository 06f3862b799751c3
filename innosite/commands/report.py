"""The lines build and check print about publishing: what went live, what was left out, what was checked.

Made from the data the build gives (content/load.py records what is not public,
build.py what is new to the output folder); the pipelines in deploy/ read the
`Went live:` lines and the `Built ...` line that follows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

from innosite.build import WentLive
from innosite.content.fields import written_time
from innosite.model.site import Unpublished
from innosite.output.waiting import finnish_time
from innosite.problems import Problem


def went_live_lines(went_live: Iterable[WentLive], timezone: str) -> list[str]:
    """`Went live: 2026-12-10 09:00 fi https://…/`: one line for each version new to the output folder."""
    zone = ZoneInfo(timezone)
    return [f"Went live: {written_time(item.published, zone)} {item.lang} {item.url}" for item in went_live]


def left_out_line(unpublished: Iterable[Unpublished], timezone: str) -> str | None:
    """`Not published: 1 draft (press/…), 1 scheduled release (press/…, goes live 10.12.2026 9.00)`: what the build
    left out (None: nothing)."""
    left = [item for item in unpublished if not item.included]
    drafts = sorted(item.key for item in left if item.draft)
    entries = _soonest(item for item in left if not item.draft and item.lang is None)
    versions = _soonest(item for item in left if not item.draft and item.lang is not None)
    parts = []
    if drafts:
        parts.append(f"{_count(len(drafts), 'draft', 'drafts')} ({', '.join(drafts)})")
    if entries:
        releases = all(item.section == "press" for item in entries)
        noun = ("scheduled release", "scheduled releases") if releases else ("scheduled entry", "scheduled entries")
        shown = "; ".join(f"{item.key}, goes live {_due(item, timezone)}" for item in entries)
        parts.append(f"{_count(len(entries), *noun)} ({shown})")
    if versions:
        shown = "; ".join(f"{item.key}/{item.lang}.md, goes live {_due(item, timezone)}" for item in versions)
        noun = ("language version scheduled later", "language versions scheduled later")
        parts.append(f"{_count(len(versions), *noun)} ({shown})")
    return f"Not published: {', '.join(parts)}" if parts else None


def checked_line(pages: int, unpublished: Iterable[Unpublished]) -> str:
    """`No errors: 127 pages checked (1 draft, 1 scheduled).`: what check covered, drafts and scheduled entries
    and versions included or, with --published-only, left out."""
    items = list(unpublished)
    inside = [item for item in items if item.included]
    outside = [item for item in items if not item.included]
    notes = []
    if inside:
        notes.append(_kinds(inside))
    if outside:
        notes.append(f"not checked: {_kinds(outside)}")
    noted = f" ({'; '.join(notes)})" if notes else ""
    return f"No errors: {pages} pages checked{noted}."


def stopped_line(problems: Sequence[Problem], shown: int, command: str) -> str:
    """The last line of a build or check stopped by its problems: how many and what stopped it (the warnings,
    under --strict, when there is no error), and for a build that nothing was written (check never writes)."""
    errors = sum(not p.warning for p in problems)
    more = f" ({len(problems) - shown} more not shown)" if len(problems) > shown else ""
    if errors:
        counted = f"{errors} error(s){more}"
    else:
        counted = f"{len(problems)} warning(s){more} stop the {'check' if command == 'check' else 'build'} (--strict)"
    return f"{counted}." if command == "check" else f"{counted}: nothing was written; the previous site is unchanged."


def _kinds(items: list[Unpublished]) -> str:
    """`1 draft, 2 scheduled`."""
    drafts = sum(item.draft for item in items)
    parts = [_count(drafts, "draft", "drafts")] if drafts else []
    if len(items) > drafts:
        parts.append(f"{len(items) - drafts} scheduled")
    return ", ".join(parts)


def _soonest(items: Iterable[Unpublished]) -> list[Unpublished]:
    return sorted(items, key=lambda item: (item.goes_live, item.key, item.lang or ""))


def _due(item: Unpublished, timezone: str) -> str:
    assert item.goes_live is not None
    return finnish_time(item.goes_live, timezone)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
