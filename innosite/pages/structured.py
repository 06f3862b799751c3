"""Structured data (schema.org JSON-LD) of a page, made from its view models for partials/meta.html.

Plain dicts: the template writes them with `tojson`. Building them here costs a fraction of
building them with Jinja's dict literals and filters on every page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from html import unescape
from typing import Any, Protocol

from innosite.pages.views import EntryView, Head

HEADLINE_MAX = 110
"""Characters of a NewsArticle headline, the ellipsis included."""
DESCRIPTION_MAX = 160
"""Characters of a description made from a page's text, the ellipsis included (what search results show)."""
_TAG = re.compile(r"<[^>]*>")


class SiteLinks(Protocol):
    """What the structured data takes from discovery.Discovery."""

    base_url: str
    home: str
    origin: str
    description: str


def iso(moment: date | datetime) -> str:
    """Machine-readable time, as in <time datetime> and JSON-LD."""
    return moment.isoformat(timespec="minutes") if isinstance(moment, datetime) else moment.isoformat()


def organization(site_title: str, links: SiteLinks) -> dict[str, Any]:
    """The publisher (and author) of every page: the site."""
    return {"@type": "Organization", "name": site_title, "url": links.home}


def news_article(entry: EntryView, head: Head, links: SiteLinks, site_title: str) -> dict[str, Any]:
    """A press release or news item in the page's language."""
    published = entry.later_published or entry.published
    modified = max((d for d in (entry.updated, *(c.date for c in entry.corrections)) if d), default=None)
    publisher = organization(site_title, links)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": _truncated(entry.title, HEADLINE_MAX, "…"),
        "description": entry.summary or links.description,
        "datePublished": iso(published),  # type: ignore[arg-type]
        "dateModified": iso(modified or published),  # type: ignore[arg-type]
        "inLanguage": head.lang,
        "url": head.canonical,
        "mainEntityOfPage": head.canonical,
        "publisher": publisher,
        "author": publisher,
    }
    if head.share:  # the page's share image (pages/share.py)
        data["image"] = [head.share.url]
    return data


def project(entry: EntryView, head: Head, links: SiteLinks, site_title: str) -> dict[str, Any]:
    """A project, with the cities it serves and its dates."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": entry.title,
        "description": entry.summary or links.description,
        "url": head.canonical,
        "areaServed": [city.name for city in entry.cities],
        "parentOrganization": organization(site_title, links),
    }
    if entry.website:
        data["sameAs"] = entry.website
    if entry.start:
        data["foundingDate"] = iso(entry.start)
    if entry.end:
        data["dissolutionDate"] = iso(entry.end)
    if head.share:
        data["image"] = head.share.url
    return data


def breadcrumbs(
    head: Head, section_title: str, nav: Sequence[tuple[str, str]], links: SiteLinks, site_title: str
) -> dict[str, Any]:
    """A BreadcrumbList: the home page, the page's section in the navigation (if there), the page if titled."""
    crumbs = [(site_title, links.home)]
    crumbs += [(section_title, links.origin + url) for section, url in nav if section == head.section]
    if head.title:
        crumbs.append((head.title, links.base_url + head.path))
    items = [
        {"@type": "ListItem", "position": number, "name": name, "item": url}
        for number, (name, url) in enumerate(crumbs, 1)
    ]
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}


def excerpt(html: object, length: int = DESCRIPTION_MAX) -> str:
    """The start of a body as plain text, cut at a word and ended with an ellipsis (a page's description where the
    author gave no summary). The body is sanitized HTML: its tags are dropped, its entities read."""
    text = " ".join(unescape(_TAG.sub(" ", str(html))).split())
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0] if " " in text[: length - 1] else text[: length - 1]
    return cut.rstrip(",;:–-") + "…"


def _truncated(text: str, length: int, end: str) -> str:
    """Jinja's `truncate(length, True, end, 0)`: text cut to length characters, end included."""
    return text if len(text) <= length else text[: length - len(end)] + end
