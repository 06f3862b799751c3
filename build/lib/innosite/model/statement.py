"""The accessibility statement as validated data (see content/statement.py for its checks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from innosite.model.settings import Localized


@dataclass(frozen=True, slots=True)
class Channel:
    """Ways to reach someone: e-mail, phone, web address (at least one)."""

    email: str | None = None
    phone: str | None = None
    website: str | None = None


@dataclass(frozen=True, slots=True)
class Party:
    """A named organisation and how to reach it (publisher, authority)."""

    name: Localized
    channel: Channel


@dataclass(frozen=True, slots=True)
class KnownIssue:
    """Content that is not accessible, why, and the WCAG criteria concerned."""

    content: Localized
    reason: Localized
    basis: str
    criteria: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Statement:
    """The accessibility statement of the site, as validated data."""

    page: str
    """Id of the free page (pages/<id>/) that shows the statement."""
    status: str
    reviewed: date
    method: str
    method_details: Localized | None
    issues: tuple[KnownIssue, ...]
    feedback: Channel
    authority: Party
    publisher: Party | None = None
    note: Localized | None = None
