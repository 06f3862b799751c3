"""The keys of every content file, declared once: the loader's key checks read them, and so do the reference
documentation (docs/reference.md) and the JSON Schemas for editors (schemas/), made by commands/reference.py.
This module: site.yaml, themes.yaml and cities.yaml, accessibility.yaml; schema_entries.py: meta.yaml and the
front matter of the language files.

Each key has its kind (what the loader's Fields getter accepts), whether it is required, its default, an
example and, where it helps, a wrong value: the reference shows the message the loader gives for that value,
found by running the loader on it. The checks themselves stay in the loader (config.py, entries.py, ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from innosite.model.settings import SECTIONS

NOT_GIVEN = object()
"""A Key's `wrong` when the reference shows no message for a wrong value."""


@dataclass(frozen=True)
class Key:
    """One key of a YAML mapping."""

    name: str
    kind: str
    """text, localized, datetime, date, flag, ids, choice, url, email, phone, number, strings, mapping, list,
    notes (one mapping or a list of them), per-language (a mapping of the site's languages to `keys`)."""
    meaning: str
    example: Any
    required: bool = False
    default: str = ""
    """What a missing key means, in words (empty: nothing, or see `meaning`)."""
    choices: tuple[str, ...] = ()
    keys: tuple[Key, ...] = ()
    """The keys of a mapping, of each item of a list, or of each language of a per-language mapping."""
    wrong: Any = NOT_GIVEN
    minimum: int | None = None
    maximum: int | None = None


def names(keys: tuple[Key, ...]) -> tuple[str, ...]:
    """The key names, in the order the files show them (and the messages list them)."""
    return tuple(key.name for key in keys)


def required(keys: tuple[Key, ...]) -> tuple[str, ...]:
    """The names of the required keys."""
    return tuple(key.name for key in keys if key.required)


def placement(keys: tuple[Key, ...], path: tuple[str, ...] = ()) -> dict[str, tuple[str, ...]]:
    """Where each key of a file belongs: the keys it is written under (() at the top), so that a key written at
    another level is told where it goes. A name at two levels keeps the shallower (the first of them)."""
    found = {key.name: path for key in keys}
    for key in keys:
        if key.keys and key.kind != "per-language":
            for name, where in placement(key.keys, (*path, key.name)).items():
                found.setdefault(name, where)
    return found


def by_name(keys: tuple[Key, ...], name: str) -> Key:
    """The key of that name."""
    return next(key for key in keys if key.name == name)


# -- site.yaml ------------------------------------------------------------------------------------

LANGUAGE_KEYS = (
    Key("locale", "text", "the locale dates and numbers are written in", "fi_FI", required=True, wrong="xx_YY"),
    Key("name", "text", "the language's name in itself, shown in the language menu", "Suomi", required=True),
)
SECTION_NAME_KEYS = tuple(
    Key(section, "text", f"the address segment of {section}", example, wrong="Tiedotteet!")
    for section, example in zip(
        SECTIONS, ("tiedotteet", "hankkeet", "teemat", "kaupungit", "haku", "syotteet"), strict=True
    )
)
EDITOR_KEYS = (
    Key(
        "backend", "choice", "where the browser editor saves", "github", True, choices=("github", "gitlab"), wrong="svn"
    ),
    Key("repo", "text", "the repository, owner/name", "innokaupungit/site", required=True, wrong="just-a-name"),
    Key("branch", "text", "the branch the site is built from", "main", default="main", wrong="a branch"),
    Key(
        "workflow",
        "choice",
        "editorial: every save a pull or merge request; simple: straight to the branch",
        "editorial",
        default="editorial",
        choices=("editorial", "simple"),
        wrong="fast",
    ),
    Key("app_id", "text", "GitLab only: the OAuth application id for signing in", "1a2b3c"),
    Key(
        "base_url",
        "url",
        "the sign-in service's address (GitHub: an OAuth client)",
        "https://auth.example.org/",
        wrong="auth.example.org",
    ),
    Key("api_root", "url", "the API's address of a self-hosted GitLab", "https://gitlab.example.org/api/v4"),
)
SHARE_IMAGE_KEYS = (
    Key("src", "localized", "a PNG or JPEG beside site.yaml (or one per language)", "share-logo.png", required=True),
    Key("alt", "localized", "what the picture shows", {"fi": "Logo", "sv": "Logotyp", "en": "Logo"}, required=True),
    Key("background", "text", "the colour around the picture, #rrggbb", "#003b73", default="#003b73", wrong="blue"),
)
SITE = (
    Key(
        "title",
        "localized",
        "the site's name, in every language",
        {"fi": "Innokaupungit", "sv": "Innostäderna", "en": "InnoCities"},
        required=True,
        wrong=["a list"],
    ),
    Key(
        "description",
        "localized",
        "a sentence about the site: search results and shared links show it",
        {"fi": "Innovoivat kaupungit -ohjelma", "sv": "Programmet Innoverande städer", "en": "The programme"},
        default="the title",
    ),
    Key(
        "base_url",
        "url",
        "the address the site is published at, ending in /",
        "https://innokaupungit.fi/",
        required=True,
        wrong="https://innokaupungit.fi",
    ),
    Key(
        "languages",
        "per-language",
        "the site's languages, the first the default",
        {"fi": {"locale": "fi_FI", "name": "Suomi"}},
        required=True,
        keys=LANGUAGE_KEYS,
        wrong={"FI": {"locale": "fi_FI", "name": "Suomi"}},
    ),
    Key(
        "required_languages",
        "ids",
        "languages every entry should have (warned about when missing)",
        ["fi", "sv"],
        default="fi and sv, where the site has them",
        wrong=["de"],
    ),
    Key(
        "untranslated",
        "per-language",
        "what visitors of a language without a version see: a notice page with the original text, or nothing",
        {"en": "hide"},
        default="notice for the required languages, else hide",
        choices=("notice", "hide"),
        wrong={"en": "show"},
    ),
    Key(
        "timezone",
        "text",
        "the time zone of every date and time in the content",
        "Europe/Helsinki",
        default="Europe/Helsinki",
        wrong="Helsinki",
    ),
    Key(
        "sections",
        "per-language",
        "the address segments of the sections, per language",
        {"fi": {"press": "tiedotteet"}},
        default="Finnish, Swedish and English names",
        keys=SECTION_NAME_KEYS,
        wrong=["press"],
    ),
    Key("page_size", "number", "entries on one page of a listing", 20, default="20", minimum=1, maximum=500, wrong=0),
    Key(
        "embeds",
        "strings",
        "host names whose videos and maps (iframes) the text may embed",
        ["www.youtube-nocookie.com"],
        wrong=["https://www.youtube.com/"],
    ),
    Key(
        "share_image",
        "mapping",
        "the picture (the programme's logo) each language's default share image is drawn from, for pages without "
        "a photo of their own",
        {"src": "share-logo.png", "alt": {"fi": "Innokaupungit", "sv": "Innostäderna", "en": "InnoCities"}},
        default="pages without a photo are shared without a picture",
        keys=SHARE_IMAGE_KEYS,
    ),
    Key(
        "editor",
        "mapping",
        "the browser editor published at admin/ (docs/editor.md)",
        {"backend": "github", "repo": "innokaupungit/site"},
        default="no editor published",
        keys=EDITOR_KEYS,
        wrong="github",
    ),
)

# -- themes.yaml, cities.yaml -------------------------------------------------------------------------

TERM = Key(
    "<id>",
    "localized",
    "the id (a-z, 0-9, -) used in meta.yaml, and its name in every language",
    {"fi": "Digitaalinen terveys", "sv": "Digital hälsa", "en": "Digital health"},
    wrong=None,
)
"""Each key of themes.yaml and cities.yaml: an id and its names."""

# -- accessibility.yaml ---------------------------------------------------------------------------------

CHANNEL_KEYS = (
    Key("email", "email", "an e-mail address", "saavutettavuus@example.fi", wrong="not an address"),
    Key("phone", "phone", "a phone number", "029 123 4567", wrong="call us"),
    Key("website", "url", "a web address", "https://www.saavutettavuusvaatimukset.fi/", wrong="www.example.fi"),
)
PARTY_KEYS = (
    Key(
        "name",
        "localized",
        "the name, in every language or one for all",
        "Innokaupungit",
        required=True,
    ),
    *CHANNEL_KEYS,
)
ISSUE_KEYS = (
    Key(
        "content",
        "localized",
        "the content that is not accessible",
        {"fi": "Haku", "sv": "Sökning", "en": "Search"},
        required=True,
    ),
    Key(
        "reason",
        "localized",
        "why, and how to get the content otherwise",
        "Haku toimii vain, kun JavaScript on käytössä.",
        required=True,
    ),
    Key(
        "basis",
        "choice",
        "non-compliance, disproportionate burden, or not covered by the law",
        "non-compliance",
        required=True,
        choices=("non-compliance", "disproportionate-burden", "out-of-scope"),
        wrong="lazy",
    ),
    Key("criteria", "strings", "the WCAG success criteria it fails, in quotes", ["1.3.1", "4.1.2"], wrong=["1.3"]),
)
ACCESSIBILITY = (
    Key(
        "page",
        "text",
        "the free page (pages/<id>/) that shows the statement",
        "accessibility",
        default="accessibility",
        wrong="no-such-page",
    ),
    Key("note", "localized", "a note shown at the start of the statement", "Tämä seloste on esimerkki."),
    Key(
        "status",
        "choice",
        "compliance with WCAG 2.1 AA: fully, partially or not",
        "partial",
        required=True,
        choices=("full", "partial", "none"),
        wrong="mostly",
    ),
    Key(
        "reviewed",
        "date",
        "when the site was last reviewed (warned about after 12 months)",
        "2026-11-27",
        required=True,
        wrong="last week",
    ),
    Key(
        "method",
        "choice",
        "how it was reviewed",
        "self-assessment",
        required=True,
        choices=("self-assessment", "audit"),
        wrong="guess",
    ),
    Key("method_details", "localized", "how the review was made, in more words", "Tarkistettu axe-core-työkalulla."),
    Key(
        "issues",
        "list",
        "what is not accessible, and why (required unless status is full)",
        [{"content": "Haku", "reason": "Haku toimii vain JavaScriptillä.", "basis": "non-compliance"}],
        keys=ISSUE_KEYS,
        wrong="the search",
    ),
    Key(
        "publisher",
        "mapping",
        "who publishes the site",
        {"name": "Innokaupungit", "email": "info@example.fi"},
        keys=PARTY_KEYS,
    ),
    Key(
        "feedback",
        "mapping",
        "where visitors report accessibility problems (at least one way)",
        {"email": "saavutettavuus@example.fi"},
        required=True,
        keys=CHANNEL_KEYS,
        wrong={},
    ),
    Key(
        "authority",
        "mapping",
        "the supervising authority",
        {"name": "Etelä-Suomen aluehallintovirasto", "website": "https://www.saavutettavuusvaatimukset.fi/"},
        required=True,
        keys=PARTY_KEYS,
    ),
)
