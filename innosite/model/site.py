"""The whole site as the build knows it: settings, terms, entries, statement (frozen)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from innosite.model.addresses import AddressRecord
from innosite.model.entry import Entry, Page, PressRelease, Project
from innosite.model.settings import Config, Term
from innosite.model.statement import Statement


@dataclass(frozen=True, slots=True)
class Unpublished:
    """An entry, or one language version of it, that is not public at the build's moment: for the reports of
    the commands (what a build left out, what check covered, the next publication), never for pages."""

    section: str
    id: str
    lang: str | None
    """None: the whole entry; else one language version that goes live later than the rest of the entry."""
    draft: bool
    goes_live: datetime | None
    """When it goes live (None for a draft: never, as it is)."""
    included: bool
    """In this build all the same (--drafts, --future), marked as such on its pages."""

    @property
    def key(self) -> str:
        return f"{self.section}/{self.id}"


@dataclass(frozen=True, slots=True)
class Site:
    """Everything the build knows about the content, validated."""

    config: Config
    themes: tuple[Term, ...]
    cities: tuple[Term, ...]
    press: tuple[PressRelease, ...]
    """Newest first."""
    projects: tuple[Project, ...]
    """By title in the default language."""
    pages: tuple[Page, ...]
    statement: Statement | None = None
    """The accessibility statement (accessibility.yaml), if the site has one."""
    unpublished: tuple[Unpublished, ...] = ()
    """Drafts and scheduled entries and language versions, left out or included (see Unpublished)."""
    record: AddressRecord | None = None
    """The addresses published so far (content/published-addresses.txt), if the site keeps the record."""
    held: tuple[Entry, ...] = ()
    """The entries this build leaves out, wholly or some of their versions, as written: never for pages, only for
    the build to refuse a published text that links to what it leaves out (output/links.py)."""

    @property
    def withheld(self) -> tuple[tuple[str, str], ...]:
        """(key, 'draft' or 'scheduled') of the entries in the content folder that this build leaves out."""
        return tuple(
            (item.key, "draft" if item.draft else "scheduled")
            for item in self.unpublished
            if item.lang is None and not item.included
        )

    def term(self, kind: str, term_id: str) -> Term:
        terms = self.themes if kind == "themes" else self.cities
        return next(t for t in terms if t.id == term_id)

    def project(self, project_id: str) -> Project:
        return next(p for p in self.projects if p.id == project_id)
