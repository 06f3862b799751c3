"""The editor's labels and hints, from the interface catalogs: each in the site's required languages at once.

The editor's own interface follows the browser's language (Finnish or Swedish);
the labels of our fields cannot, so each shows its required languages side by
side: "Otsikko / Rubrik".
"""

from __future__ import annotations

from dataclasses import dataclass

from innosite.model.settings import Config
from innosite.render.i18n import N_, Folders, load_translations

LABELS = {
    "title": N_("Title"),
    "slug": N_("Address (slug)"),
    "slug_hint": N_("Leave empty: the address is made from the title."),
    "slug_pattern": N_("Only the letters a-z, digits and hyphens"),
    "summary": N_("Summary"),
    "summary_hint": N_("The lead paragraph, shown in listings and search results."),
    "published": N_("Published"),
    "published_hint": N_("Finnish time. In a translation only if it came out later than the original."),
    "updated": N_("Updated"),
    "updated_hint": N_("The last real change to this version: translations are compared with it."),
    "correction": N_("Corrections"),
    "correction_singular": N_("Correction"),
    "correction_hint": N_("A correction of a fact, shown above the text with its time. Fix a typo without one."),
    "correction_date": N_("Corrected"),
    "correction_text": N_("What was corrected"),
    "body": N_("Text"),
    "kind": N_("Type"),
    "kind_hint": N_("A press release unless you choose otherwise."),
    "press-release": N_("Press release"),
    "news": N_("News"),
    "region": N_("Region"),
    "region_hint": N_("Nationwide unless you choose a city."),
    "national": N_("Nationwide"),
    "themes": N_("Themes"),
    "cities": N_("Cities"),
    "projects": N_("Projects"),
    "contacts": N_("Contacts"),
    "contact": N_("Contact"),
    "name": N_("Name"),
    "role": N_("Role"),
    "phone": N_("Phone"),
    "phone_pattern": N_("Digits, spaces and + ( ) -, like +358 40 123 4567"),
    "email": N_("E-mail"),
    "email_pattern": N_("An e-mail address, like name@example.fi"),
    "image": N_("Image"),
    "image_file": N_("Image file"),
    "alt": N_("Alternative text"),
    "alt_hint": N_("What the picture shows, for those who cannot see it."),
    "credit": N_("Photographer"),
    "credit_hint": N_("Who took the photo (or holds its rights); shown under it."),
    "attachments": N_("Attachments"),
    "attachment": N_("File"),
    "draft": N_("Draft"),
    "draft_hint": N_(
        "A draft shows only in the preview, never on the published site. A new entry starts as a draft: switch it"
        " off when the entry may be published."
    ),
    "aliases": N_("Old addresses"),
    "aliases_hint": N_("Addresses that should lead here, like /fi/vanha/osoite/"),
    "alias": N_("Address"),
    "alias_pattern": N_("A path that starts with the language, like /fi/vanha/osoite/"),
    "lead_city": N_("Lead city"),
    "project_cities_hint": N_("At least three, the lead city included."),
    "start": N_("Start"),
    "end": N_("End"),
    "website": N_("Website"),
    "website_pattern": N_("An address starting with https:// or http://"),
    "press": N_("Press releases"),
    "press_singular": N_("Press release"),
    "projects_singular": N_("Project"),
    "pages": N_("Pages"),
    "pages_singular": N_("Page"),
    "app_title": N_("Editing the site"),
    "noscript": N_("The editor needs JavaScript."),
}


@dataclass(frozen=True, slots=True)
class Texts:
    """Labels in the given languages, joined with " / "."""

    by_lang: tuple[tuple[str, dict[str, str]], ...]

    def __getitem__(self, key: str) -> str:
        """The label of key in every language, duplicates left out (English needs no second "News")."""
        shown = dict.fromkeys(texts[key] for _, texts in self.by_lang)
        return " / ".join(shown)


def label_langs(config: Config) -> tuple[str, ...]:
    """The languages labels are shown in: the required ones (the national languages), or the default."""
    return tuple(lang for lang in config.langs if lang in config.required_languages) or config.langs[:1]


def load_texts(locales: Folders, config: Config) -> Texts:
    """The labels in the label languages, from the catalogs (a site's own catalog first, as for its pages)."""
    by_lang = []
    for lang in label_langs(config):
        catalog = load_translations(locales, lang)
        by_lang.append((lang, {key: catalog.gettext(message) for key, message in LABELS.items()}))
    return Texts(tuple(by_lang))
