"""An entry as its page shows it in one language (pure): the view model of press, project and free pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from innosite.model.entry import Contact, Entry, Page, PressRelease, Project, Version, out_of_date, pack
from innosite.pages.images import download_of, file_name, file_url, has_pictures, picture_of, with_pictures
from innosite.pages.phones import phone_view
from innosite.pages.planner import Planner
from innosite.pages.views import ContactView, EntryView, Html, ImageView, Link, Outdated


def entry_view(planner: Planner, entry: Entry, lang: str) -> EntryView:
    """The entry as shown on its page in lang (its version or the original)."""
    version = entry.version(lang)
    shown = version or entry.original
    changed = out_of_date(entry, version) if version is not None else None
    original = planner.routes.url(planner.routes.version(entry, entry.original))
    photo = photo_view(planner, entry, lang)
    common: dict[str, Any] = dict(
        kind="page",
        title=shown.title,
        summary=shown.summary,
        html=body_html(planner, entry, shown, photo is None),
        text_lang=shown.lang,
        notice=version is None,
        published=entry.published if not isinstance(entry, Page) else None,
        later_published=None,
        updated=shown.updated,
        region=None,
        draft=entry.draft,
        goes_live=shown.goes_live,
        outdated=Outdated(entry.original.lang, changed, original) if changed else None,
        corrections=shown.corrections,
    )
    if isinstance(entry, Page):
        return EntryView(**common)
    routes = planner.routes
    common.update(
        themes=planner.term_links("themes", entry.themes, lang),
        contacts=tuple(contact_view(c, lang) for c in entry.contacts),
        image=photo,
        attachments=tuple(Link(file_name(entry, name), file_url(routes, entry, name)) for name in entry.attachments),
    )
    if isinstance(entry, PressRelease):
        return _release_view(planner, entry, shown, lang, common)
    assert isinstance(entry, Project)
    return EntryView(
        **{**common, "kind": "project", "published": None},
        cities=planner.term_links("cities", entry.cities, lang),
        lead_city=planner.term_link(planner.site.term("cities", entry.lead_city), lang),
        releases=planner.items(planner.releases_of(entry), lang),
        website=entry.website,
        start=entry.start,
        end=entry.end,
    )


def _release_view(
    planner: Planner, entry: PressRelease, shown: Version, lang: str, common: dict[str, Any]
) -> EntryView:
    later = shown.published if shown.published and entry.published and shown.published > entry.published else None
    region = "national" if entry.region == "national" else planner.site.term("cities", entry.region).name[lang]
    projects = [planner.site.project(p) for p in entry.projects if planner.has_project(p)]
    return EntryView(
        **{**common, "kind": entry.kind, "later_published": later, "region": region},
        cities=planner.term_links("cities", entry.cities, lang),
        projects=planner.items(projects, lang),
    )


def photo_view(planner: Planner, entry: Entry, lang: str) -> ImageView | None:
    """The entry's photo in lang: its picture (loaded at once: it is the top of the page), credit and original."""
    image = entry.image_file(entry.image.src) if entry.image else None
    if entry.image is None or image is None:
        return None
    made = planner.media.made.get(image.sha)
    picture = picture_of(planner.routes, entry, image, made, entry.image.alt[lang], first=True)
    return ImageView(picture, entry.image.credit, download_of(planner.routes, entry, image, made))


def body_html(planner: Planner, entry: Entry, shown: Version, first: bool) -> Html:
    """The version's body, its images as pictures (the first loaded at once when `first`: no photo above it)."""
    if not has_pictures(entry, shown.files):
        return Html(shown.packed_html)
    rewritten = with_pictures(shown.html, planner.routes, entry, planner.media, first)
    return Html(pack(rewritten))


def contact_view(contact: Contact, lang: str) -> ContactView:
    """A contact in lang, its e-mail written with (a) as Finnish public-sector sites do, its number for lang's
    readers (pages/phones.py)."""
    email = contact.email.replace("@", "(a)") if contact.email else None
    phone = phone_view(contact.phone, lang) if contact.phone else None
    return ContactView(contact.name, contact.role[lang] if contact.role else None, phone, email)


def modified(entry: Entry, shown: Version) -> datetime | None:
    """The latest of the dates an entry page shows: published, published in this language, updated, corrected."""
    dates = [shown.changed]
    if isinstance(entry, PressRelease):
        dates += [entry.published, shown.published]
    return max((d for d in dates if isinstance(d, datetime)), default=None)
