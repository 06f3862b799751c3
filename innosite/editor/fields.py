"""The editor's fields, one per key of meta.yaml and the front matter, with the types and rules the build has.

Every key the build reads is a field, so that the editor keeps it when it saves
(it writes only the fields it knows). Required fields are required here too, and
a pattern stands for what the build checks on a text; what only the build can
check (an unknown id, a slug used twice) comes back from the preview or the
pipeline's check.
"""

from __future__ import annotations

from typing import Any

from innosite.editor.texts import Texts
from innosite.model.settings import Config, Term

Field = dict[str, Any]
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PHONE_PATTERN = r"^(tel:)?\+?[0-9(][0-9 ()./-]{3,}[0-9]$"
EMAIL_PATTERN = r"^(mailto:)?[^@\s]+@[^@\s]+\.[^@\s.]{2,}$"
WEB_PATTERN = r"^https?://[^\s/]+"
DATETIME = {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "picker_utc": False}
"""Finnish time as written by hand: `2024-03-01 09:30`, no offset (the build reads it in the site's zone)."""
DATE = {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD", "picker_utc": False}


def version_fields(texts: Texts, section: str, langs: tuple[str, ...]) -> list[Field]:
    """A language version's own keys (each language's file): title, slug, summary, published, updated,
    corrections. A press release needs its summary before it is published (the build's rule)."""
    published: Field = {"name": "published", "label": texts["published"], **DATETIME, "i18n": True}
    if section == "press":  # the original's time is required; a translation's only when it came out later
        published.update(required=[langs[0]], hint=texts["published_hint"])
    else:
        published["required"] = False
    return [
        {"name": "title", "label": texts["title"], "widget": "string", "i18n": True},
        {
            "name": "slug",
            "label": texts["slug"],
            "widget": "string",
            "i18n": True,
            "required": False,
            "hint": texts["slug_hint"],
            "pattern": [SLUG_PATTERN, texts["slug_pattern"]],
        },
        {
            "name": "summary",
            "label": texts["summary"],
            "widget": "text",
            "i18n": True,
            "required": section == "press",
            "hint": texts["summary_hint"],
        },  # fmt: skip
        published,
        {
            "name": "updated",
            "label": texts["updated"],
            **DATETIME,
            "i18n": True,
            "required": False,
            "hint": texts["updated_hint"],
        },  # fmt: skip
        _corrections(texts),
    ]


def _corrections(texts: Texts) -> Field:
    """`correction:` as a list of notes, each a time and a text (the build also reads a single note)."""
    return {
        "name": "correction",
        "label": texts["correction"],
        "label_singular": texts["correction_singular"],
        "widget": "list",
        "i18n": True,
        "required": False,
        "hint": texts["correction_hint"],
        "fields": [
            {"name": "date", "label": texts["correction_date"], **DATETIME},
            {"name": "text", "label": texts["correction_text"], "widget": "text"},
        ],
    }


def body_field(texts: Texts) -> Field:
    """The Markdown text below the front matter."""
    return {"name": "body", "label": texts["body"], "widget": "markdown", "i18n": True, "required": False}


def shared_fields(
    texts: Texts,
    section: str,
    config: Config,
    terms: dict[str, tuple[Term, ...]],
    projects: list[tuple[str, str]],
    label_langs: tuple[str, ...],
) -> list[Field]:
    """The keys shared by every language version (meta.yaml's), in the order of SPEC's tables."""
    themes, cities = _options(terms["themes"], label_langs), _options(terms["cities"], label_langs)
    common = [
        _contacts(texts, config),
        _image(texts, config),
        {
            "name": "attachments",
            "label": texts["attachments"],
            "label_singular": texts["attachment"],
            "widget": "list",
            "required": False,
            "field": {"name": "file", "label": texts["attachment"], "widget": "file"},
        },  # fmt: skip
        {
            "name": "draft",
            "label": texts["draft"],
            "widget": "boolean",
            "required": False,
            "default": True,  # a new entry starts as a draft, as new's; a live one is shown draft: false (virtual.py)
            "hint": texts["draft_hint"],
        },  # fmt: skip
        _aliases(texts, config),
    ]
    if section == "press":
        fields = [
            _select("kind", texts, [_option(texts, "press-release"), _option(texts, "news")], hint="kind_hint"),
            _select("region", texts, [_option(texts, "national"), *cities], hint="region_hint"),
            _select("themes", texts, themes, multiple=True),
            _select("cities", texts, cities, multiple=True),
            _select("projects", texts, [{"label": name, "value": pid} for pid, name in projects], multiple=True),
            *common,
        ]
    elif section == "projects":
        fields = [
            {**_select("themes", texts, themes, multiple=True), "required": True, "min": 1},
            {**_select("lead_city", texts, cities), "required": True},
            {
                **_select("cities", texts, cities, multiple=True),
                "required": True,
                "min": 3,
                "hint": texts["project_cities_hint"],
            },  # fmt: skip
            {"name": "start", "label": texts["start"], **DATE, "required": False},
            {"name": "end", "label": texts["end"], **DATE, "required": False},
            {
                "name": "website",
                "label": texts["website"],
                "widget": "string",
                "required": False,
                "pattern": [WEB_PATTERN, texts["website_pattern"]],
            },  # fmt: skip
            *common,
        ]
    else:
        fields = [common[3], common[4]]
    return [{**field, "i18n": False} for field in fields]


def _option(texts: Texts, key: str) -> dict[str, str]:
    return {"label": texts[key], "value": key}


def _options(terms: tuple[Term, ...], langs: tuple[str, ...]) -> list[dict[str, str]]:
    """A theme or city as a choice: its name in the label languages ("Tampere / Tammerfors"), its id stored."""
    return [{"label": " / ".join(dict.fromkeys(term.name[lang] for lang in langs)), "value": term.id} for term in terms]


def _select(name: str, texts: Texts, options: list, multiple: bool = False, hint: str | None = None) -> Field:
    field: Field = {"name": name, "label": texts[name], "widget": "select", "required": False, "options": options}
    if multiple:
        field["multiple"] = True
    if hint:
        field["hint"] = texts[hint]
    return field


def _translated(name: str, label: str, config: Config, hint: str | None = None) -> Field:
    """A translated value inside the shared keys (a role, an image's alt text): one text per site language,
    each required as the build requires it; the whole value is optional unless the field says otherwise."""
    field: Field = {
        "name": name,
        "label": label,
        "widget": "object",
        "required": False,
        "fields": [{"name": lang.lang, "label": lang.name, "widget": "string"} for lang in config.languages],
    }
    if hint:
        field["hint"] = hint
    return field


def _contacts(texts: Texts, config: Config) -> Field:
    return {
        "name": "contacts",
        "label": texts["contacts"],
        "label_singular": texts["contact"],
        "widget": "list",
        "required": False,
        "summary": "{{fields.name}}",
        "fields": [
            {"name": "name", "label": texts["name"], "widget": "string"},
            _translated("role", texts["role"], config),
            {
                "name": "phone",
                "label": texts["phone"],
                "widget": "string",
                "required": False,
                "pattern": [PHONE_PATTERN, texts["phone_pattern"]],
            },  # fmt: skip
            {
                "name": "email",
                "label": texts["email"],
                "widget": "string",
                "required": False,
                "pattern": [EMAIL_PATTERN, texts["email_pattern"]],
            },  # fmt: skip
        ],
    }


def _image(texts: Texts, config: Config) -> Field:
    return {
        "name": "image",
        "label": texts["image"],
        "widget": "object",
        "required": False,
        "fields": [
            {"name": "src", "label": texts["image_file"], "widget": "image"},
            {**_translated("alt", texts["alt"], config, texts["alt_hint"]), "required": True},
            {
                "name": "credit",
                "label": texts["credit"],
                "widget": "string",
                "required": False,
                "hint": texts["credit_hint"],
            },
        ],
    }


def _aliases(texts: Texts, config: Config) -> Field:
    langs = "|".join(config.langs)
    return {
        "name": "aliases",
        "label": texts["aliases"],
        "label_singular": texts["alias"],
        "widget": "list",
        "required": False,
        "hint": texts["aliases_hint"],
        "field": {
            "name": "alias",
            "label": texts["alias"],
            "widget": "string",
            "pattern": [f"^/({langs})/", texts["alias_pattern"]],
        },  # fmt: skip
    }
