"""site.yaml, themes.yaml and cities.yaml: the settings and taxonomies."""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel import Locale, UnknownLocaleError

from innosite.content.editor_settings import editor_settings
from innosite.content.fields import Fields, web_address
from innosite.content.images import site_image
from innosite.content.schema import LANGUAGE_KEYS, SITE, names, required
from innosite.content.source import SourceError, YamlDoc, decode, parse_yaml
from innosite.model.settings import DEFAULT_SECTIONS, SECTIONS, Config, Language, Localized, Term
from innosite.model.slugs import SLUG_RE, slugify
from innosite.problems import Problems

SITE_KEYS = names(SITE)
SITE_REQUIRED = required(SITE)
_LANG_CODE = re.compile(r"^[a-z]{2,3}$")
_PLAIN_BASE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?/(?:[A-Za-z0-9._~%-]+/)*$")
"""base_url goes into every link: scheme, host, optional port and plain path folders only."""
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def read_yaml(path: Path, problems: Problems) -> YamlDoc | None:
    """A YAML file's document, or None after recording why it cannot be read."""
    try:
        doc = parse_yaml(decode(path.read_bytes()))
    except SourceError as exc:
        problems.error(path, exc.line, exc.message)
        return None
    except OSError as exc:
        problems.error(path, 0, f"cannot be read: {exc.strerror}")
        return None
    for line, message in doc.duplicates:
        problems.error(path, line, message)
    return doc


def load_config(content: Path, problems: Problems) -> Config | None:
    """Validate site.yaml; None if it is missing or too broken to go on."""
    path = content / "site.yaml"
    if not path.is_file():
        problems.error(path, 0, "the site settings file site.yaml is missing from the content folder")
        return None
    doc = read_yaml(path, problems)
    if doc is None:
        return None
    fields = Fields(doc, path, problems)
    if not fields.is_mapping("site.yaml"):
        return None
    fields.check_keys(SITE_KEYS, required=SITE_REQUIRED)
    languages = _languages(fields)
    if not languages:
        return None
    langs = tuple(language.lang for language in languages)
    title = fields.localized("title", langs)
    base_url = _base_url(fields)
    required = _required(fields, langs)
    sections = _sections(fields, langs)
    timezone = _timezone(fields)
    editor = editor_settings(fields)
    if title is None or base_url is None or sections is None or timezone is None:
        return None
    return Config(
        title=title,
        description=fields.localized("description", langs) or title,
        base_url=base_url,
        languages=languages,
        required_languages=required,
        untranslated=_untranslated(fields, langs, required),
        timezone=timezone,
        sections=sections,
        page_size=_page_size(fields),
        embeds=_embeds(fields),
        share_image=site_image(content, fields, langs),
        editor=editor,
    )


def _languages(fields: Fields) -> tuple[Language, ...]:
    value = fields.data.get("languages")
    if not isinstance(value, dict) or not value:
        if value is not None:
            fields.error("languages", '"languages" must list the languages, e.g. fi: {locale: fi_FI, name: Suomi}')
        return ()
    result = []
    for lang in value:
        sub = fields.sub("languages").sub(lang)
        if not _LANG_CODE.match(str(lang)):
            sub.error(None, f'"{lang}" is not a language code: use two lower-case letters, like fi')
            continue
        if not sub.is_mapping(f"languages.{lang}"):
            continue
        sub.check_keys(names(LANGUAGE_KEYS), required=required(LANGUAGE_KEYS))
        locale, name = sub.text("locale"), sub.text("name")
        if locale and _known_locale(sub, locale) and name:
            result.append(Language(str(lang), locale, name))
    return tuple(result) if len(result) == len(value) else ()


def _known_locale(fields: Fields, locale: str) -> bool:
    try:
        Locale.parse(locale)
        return True
    except (UnknownLocaleError, ValueError):
        fields.error("locale", f'unknown locale "{locale}": use a code like fi_FI, sv_FI or en_GB')
        return False


def plain_base_url(url: str) -> bool:
    """Whether a base_url (site.yaml's or --base-url) is one every link can start with: an absolute http(s)
    address of scheme, host, optional port and plain path folders, ending in "/"."""
    return web_address(url) and bool(_PLAIN_BASE_URL.match(url))


def _base_url(fields: Fields) -> str | None:
    url = fields.url("base_url")
    if url and not url.endswith("/"):
        fields.error("base_url", '"base_url" must end with "/", e.g. https://example.org/programme/')
        return None
    if url and not _PLAIN_BASE_URL.match(url):
        plain = "a plain address like https://example.org/programme/ (no quotes, ? or #)"
        fields.error("base_url", f'"base_url" must be {plain}')
        return None
    return url


def _required(fields: Fields, langs: tuple[str, ...]) -> tuple[str, ...]:
    if "required_languages" not in fields.data:
        return tuple(lang for lang in ("fi", "sv") if lang in langs)
    return fields.ids("required_languages", langs, "language", "the languages are listed under languages: in site.yaml")


def _untranslated(fields: Fields, langs: tuple[str, ...], required: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    given: dict[str, str] = {}
    if fields.data.get("untranslated") is not None:
        sub = fields.sub("untranslated")
        if sub.is_mapping('"untranslated"'):
            sub.check_keys(langs)
            given = {lang: sub.choice(lang, ("notice", "hide"), "notice") for lang in langs if lang in sub.data}
    return tuple((lang, given.get(lang, "notice" if lang in required else "hide")) for lang in langs)


def _sections(fields: Fields, langs: tuple[str, ...]) -> tuple | None:
    given = fields.data.get("sections") or {}
    if not isinstance(given, dict):
        fields.error("sections", '"sections" must map each language to its section names')
        return None
    sub = fields.sub("sections") if given else None
    if sub:
        sub.check_keys(langs)
    result = []
    for lang in langs:
        segments = dict(DEFAULT_SECTIONS.get(lang, {}))
        if lang in given and sub is not None:
            lang_fields = sub.sub(lang)
            if not lang_fields.is_mapping(f"sections.{lang}"):
                return None
            lang_fields.check_keys(SECTIONS)
            for section in SECTIONS:
                segment = lang_fields.text(section)
                if segment and not SLUG_RE.match(segment):
                    lang_fields.error(section, f'"{segment}" can only have a-z, 0-9 and "-"')
                elif segment:
                    segments[section] = segment
        if set(segments) != set(SECTIONS):
            fields.error(
                "sections",
                f'the section names of "{lang}" are missing: add sections: {lang}: '
                "{press: ..., projects: ..., themes: ..., cities: ..., search: ..., feeds: ...}",
            )
            return None
        result.append((lang, tuple((s, segments[s]) for s in SECTIONS)))
    return tuple(result)


def _timezone(fields: Fields) -> str | None:
    zone = fields.text("timezone") or "Europe/Helsinki"
    if not _known_zone(zone):
        fields.error("timezone", f'unknown time zone "{zone}": use a name like Europe/Helsinki')
        return None
    return zone


def _known_zone(zone: str) -> bool:
    """True for a time zone name of the system's database (asked directly: listing them all is slow)."""
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    plain_area = "/" in zone and not zone.startswith(("posix/", "right/"))  # e.g. Europe/Helsinki
    return plain_area or zone in available_timezones()


def _page_size(fields: Fields) -> int:
    value = fields.data.get("page_size", 20)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 500:
        fields.error("page_size", '"page_size" must be a whole number from 1 to 500')
        return 20
    return value


def _embeds(fields: Fields) -> tuple[str, ...]:
    """Host names whose iframes may be published: bare names, no scheme or path."""
    hosts = fields.str_list("embeds", "host names") or []
    good = []
    for index, host in enumerate(hosts):
        if _HOST.match(host.lower()):
            good.append(host.lower())
        else:
            fields.problems.error(
                fields.path, fields.line("embeds", index),
                f'"{host}" is not a host name: write only the name, like www.youtube-nocookie.com',
            )  # fmt: skip
    return tuple(good)


def load_terms(content: Path, kind: str, langs: tuple[str, ...], problems: Problems) -> tuple[Term, ...]:
    """themes.yaml or cities.yaml: id -> name per language (a missing file: none)."""
    path = content / f"{kind}.yaml"
    if not path.is_file():
        return ()
    doc = read_yaml(path, problems)
    if doc is None or doc.data is None:
        return ()
    fields = Fields(doc, path, problems)
    if not fields.is_mapping(f"{kind}.yaml"):
        return ()
    terms = []
    for term_id in fields.data:
        if not SLUG_RE.match(str(term_id)):
            fields.error(term_id, f'the id "{term_id}" can only have a-z, 0-9 and "-"')
            continue
        name = fields.localized(term_id, langs)
        if fields.data[term_id] is None:
            fields.error(term_id, f'"{term_id}" has no name')
        # A term with a broken name still counts as known: no follow-up errors where it is used.
        name = name or Localized(tuple((c, str(term_id)) for c in langs))
        for lang in langs:
            if not slugify(name[lang]):
                fields.error(term_id, f'the name "{name[lang]}" gives an empty address: use letters or digits in it')
        terms.append(Term(kind, str(term_id), name, tuple((c, slugify(name[c]) or str(term_id)) for c in langs)))
    return tuple(terms)
