"""The accessibility statement: content/accessibility.yaml, read and validated.

Finnish law (Act on the Provision of Digital Services 306/2019) requires a
statement with the compliance status, the content that is not accessible and
why, how and when the site was last reviewed, a feedback channel and the
supervising authority's contact. Keeping these as data lets the build render
the legally required sections in every language and warn when the review is
more than a year old.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from innosite.content.config import read_yaml
from innosite.content.fields import Fields
from innosite.content.language import english_name, english_names
from innosite.content.layout import language_path
from innosite.content.placeholders import statement_placeholders
from innosite.content.schema import ACCESSIBILITY, CHANNEL_KEYS, ISSUE_KEYS, PARTY_KEYS, names, required
from innosite.model.settings import Config, Localized
from innosite.model.statement import Channel, KnownIssue, Party, Statement
from innosite.problems import Problems

FILE_NAME = "accessibility.yaml"


KEYS = names(ACCESSIBILITY)


REQUIRED = required(ACCESSIBILITY)


STATUSES = ("full", "partial", "none")
"""Compliance with WCAG 2.1 level AA: fully, partially or not compliant."""


METHODS = ("self-assessment", "audit")


BASES = ("non-compliance", "disproportionate-burden", "out-of-scope")
"""Why content is not accessible: it fails the requirements, fixing it would be
a disproportionate burden, or the law does not cover it."""


CONTACT_KEYS = names(CHANNEL_KEYS)


REVIEW_MAX_MONTHS = 12


_CRITERION = re.compile(r"^\d\.\d{1,2}\.\d{1,2}$")


def load_statement(
    content: Path,
    config: Config,
    page_ids: frozenset[str],
    page_langs: Mapping[str, tuple[str, ...]],
    today: date,
    problems: Problems,
) -> Statement | None:
    """Read and validate accessibility.yaml (None when absent or broken).

    page_ids are the folders under pages/; page_langs the languages of each page that loaded."""
    langs = config.langs
    path = content / FILE_NAME
    if not path.is_file():
        return None
    doc = read_yaml(path, problems)
    if doc is None:
        return None
    fields = Fields(doc, path, problems)
    if not fields.is_mapping(FILE_NAME):
        return None
    errors = len(problems.errors)
    fields.check_keys(KEYS, required=REQUIRED)
    page = fields.text("page") or "accessibility"
    if page in page_langs:
        for lang in config.required_languages:
            if lang not in page_langs[page]:
                path = language_path(content / "pages" / page, lang)
                problems.warn(
                    path, 0,
                    f"no {english_name(lang)} version ({path.name}) of the accessibility statement page: the "
                    f"statement should exist in {english_names(config.required_languages)}",
                )  # fmt: skip
    if page not in page_ids:
        fields.error(
            "page" if "page" in fields.data else None,
            f"the statement is shown on the page pages/{page}/, which does not exist: "
            'create it, or name another page with "page:"',
        )
    statement = Statement(
        page=page,
        status=fields.choice("status", STATUSES, "partial"),
        reviewed=fields.day("reviewed") or today,
        method=fields.choice("method", METHODS, "self-assessment"),
        method_details=fields.localized("method_details", langs),
        issues=_issues(fields, langs),
        feedback=_channel(fields, "feedback", "feedback") or Channel(),
        authority=_party(fields, "authority", langs) or Party(Localized(()), Channel()),
        publisher=_party(fields, "publisher", langs),
        note=fields.localized("note", langs),
    )
    if statement.status != "full" and not fields.data.get("issues") and "status" in fields.data:
        fields.error(
            "status",
            f'the status is "{statement.status}" but no content is listed under "issues": '
            "list what is not accessible and why",
        )
    if "reviewed" in fields.data and _months_between(statement.reviewed, today) >= REVIEW_MAX_MONTHS:
        problems.warn(path, fields.line("reviewed"), _stale_message(statement.reviewed))
    statement_placeholders(fields)
    return statement if len(problems.errors) == errors else None


def _stale_message(reviewed: date) -> str:
    return (
        f"the site was last reviewed on {reviewed.isoformat()}, more than {REVIEW_MAX_MONTHS} months ago: "
        'check its accessibility again and update "reviewed"'
    )


def _months_between(earlier: date, later: date) -> int:
    """Whole months from earlier to later (a day short of a month does not count)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def _issues(fields: Fields, langs: tuple[str, ...]) -> tuple[KnownIssue, ...]:
    value = fields.data.get("issues")
    if value is None:
        return ()
    if not isinstance(value, list):
        fields.error("issues", '"issues" must be a list: each item with content, reason and basis')
        return ()
    found = []
    for index in range(len(value)):
        item = fields.sub("issues").sub(index)
        if not item.is_mapping(f"issues item {index + 1}"):
            continue
        item.check_keys(names(ISSUE_KEYS), required=required(ISSUE_KEYS))
        content, reason = item.localized("content", langs), item.localized("reason", langs)
        basis = item.choice("basis", BASES, "non-compliance")
        criteria = item.str_list("criteria", "WCAG criteria") or []
        for number, criterion in enumerate(criteria):
            if not _CRITERION.match(criterion):
                item.problems.error(
                    item.path,
                    item.line("criteria", number),
                    f'"{criterion}" is not a WCAG success criterion: write it like "1.1.1" (in quotes)',
                )
        if content and reason:
            found.append(KnownIssue(content, reason, basis, tuple(criteria)))
    return tuple(found)


def _channel(fields: Fields, key: str, what: str) -> Channel | None:
    """e-mail, phone and website under key; at least one of them."""
    if fields.data.get(key) is None:
        return None
    sub = fields.sub(key)
    if not sub.is_mapping(f'"{key}"'):
        return None
    sub.check_keys(CONTACT_KEYS)
    return _ways(sub, what)


def _ways(sub: Fields, what: str) -> Channel | None:
    email, phone, website = sub.email("email"), sub.phone("phone"), sub.url("website")
    if not (email or phone or website) and not any(k in sub.data for k in CONTACT_KEYS):
        sub.error(None, f"give at least one way to reach the {what}: email, phone or website")
        return None
    return Channel(email, phone, website)


def _party(fields: Fields, key: str, langs: tuple[str, ...]) -> Party | None:
    """A name and a channel under key (the supervising authority, the publisher)."""
    if fields.data.get(key) is None:
        return None
    sub = fields.sub(key)
    if not sub.is_mapping(f'"{key}"'):
        return None
    sub.check_keys(names(PARTY_KEYS), required=required(PARTY_KEYS))
    name = sub.localized("name", langs)
    channel = _ways(sub, "supervising authority" if key == "authority" else key)
    return Party(name, channel) if name and channel else None
