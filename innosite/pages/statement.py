"""The accessibility statement as its page and the footer show it, in one language (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from innosite.model.statement import Channel, Statement
from innosite.pages.phones import PhoneView, phone_view


@dataclass(frozen=True, slots=True)
class ChannelView:
    """A channel for templates: e-mail written with (a) as Finnish public-sector sites do, the number for the
    page's readers (pages/phones.py)."""

    email: str | None
    phone: PhoneView | None
    website: str | None


@dataclass(frozen=True, slots=True)
class IssueView:
    content: str
    reason: str
    basis: str
    criteria: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StatementView:
    """The statement in one language, for the statement page's template."""

    status: str
    reviewed: date
    method: str
    method_details: str | None
    issues: tuple[IssueView, ...]
    feedback: ChannelView
    authority_name: str
    authority: ChannelView
    publisher_name: str | None
    note: str | None


def channel_view(channel: Channel, lang: str) -> ChannelView:
    email = channel.email.replace("@", "(a)") if channel.email else None
    return ChannelView(email, phone_view(channel.phone, lang) if channel.phone else None, channel.website)


def statement_view(statement: Statement, lang: str) -> StatementView:
    """The statement with every translated value resolved to lang."""
    return StatementView(
        status=statement.status,
        reviewed=statement.reviewed,
        method=statement.method,
        method_details=statement.method_details[lang] if statement.method_details else None,
        issues=tuple(IssueView(i.content[lang], i.reason[lang], i.basis, i.criteria) for i in statement.issues),
        feedback=channel_view(statement.feedback, lang),
        authority_name=statement.authority.name[lang],
        authority=channel_view(statement.authority.channel, lang),
        publisher_name=statement.publisher.name[lang] if statement.publisher else None,
        note=statement.note[lang] if statement.note else None,
    )
