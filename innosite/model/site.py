"""The whole site as the build knows it: settings, terms, entries, statement (frozen)."""

from __future__ import annotations

from dataclasses import dataclass

from innosite.model.addresses import AddressRecord
from innosite.model.entry import Page, PressRelease, Project
from innosite.model.settings import Config, Term
from innosite.model.statement import Statement


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
    record: AddressRecord | None = None
    """The addresses published so far (content/published-addresses.txt), if the site keeps the record."""
    withheld: tuple[tuple[str, str], ...] = ()
    """(key, 'draft' or 'scheduled') of the entries in the content folder that this build leaves out."""

    def term(self, kind: str, term_id: str) -> Term:
        terms = self.themes if kind == "themes" else self.cities
        return next(t for t in terms if t.id == term_id)

    def project(self, project_id: str) -> Project:
        return next(p for p in self.projects if p.id == project_id)
