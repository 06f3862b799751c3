"""What planning gives: the pages of a site, each with the template and values that render it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from innosite.model.entry import Entry


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """One output file to write: where, with which template and values."""

    path: str
    """Output file relative to the site root, e.g. `fi/tiedotteet/x/index.html`."""
    template: str
    lang: str
    source: str
    """What the page comes from, for messages (a file, or a description)."""
    context: dict[str, Any] = field(default_factory=dict)
    parts: tuple[tuple[str, str, dict[str, Any]], ...] = ()
    """(lang, template, context) rendered first, each in its own language,
    and given to the page as `parts` (the language chooser, the 404 page)."""
    inputs: tuple | None = None
    """The model values the context is made of, where the planner can name them (entries, listings, home):
    incremental builds fingerprint these instead of the larger context (speed/fingerprint.py). Tests
    verify them: a value they leave out fails the preview's tests (innosite/memo.py)."""
    entry: Entry | None = None
    """An entry page's entry, whose view the context still lacks: `SitePlan.complete` adds it just
    before rendering, so that pages an incremental build keeps never have it made."""
    modified: datetime | None = None
    """When an entry page's content last changed (for the sitemap)."""


@dataclass(frozen=True, slots=True)
class Shared:
    """Model values that many pages' inputs name (all projects, the terms): hashed once per build."""

    values: tuple


@dataclass(frozen=True, slots=True)
class Note:
    """A warning found while planning, at path:line (an old address that another page has now...)."""

    path: str
    line: int
    message: str


def _as_is(page: PlannedPage) -> PlannedPage:
    return page


@dataclass(frozen=True, slots=True)
class SitePlan:
    """Every page, the values all pages of a language share, and files to copy."""

    pages: tuple[PlannedPage, ...]
    globals: dict[str, dict[str, Any]]
    """Per language: site title, navigation, footer links."""
    copies: tuple[tuple[str, str], ...]
    """(output path, source file) of the entries' attached files."""
    complete: Callable[[PlannedPage], PlannedPage] = _as_is
    """The page with its whole context (see PlannedPage.entry): call it before rendering a page."""
    notes: tuple[Note, ...] = ()
    """Warnings found while planning."""
