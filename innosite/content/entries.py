"""One entry folder (meta.yaml and fi.md, sv.md, en.md) to a model entry.

A pure function of the folder's files and the site context, so that folders can
be loaded in parallel and cached by their content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from innosite.content import layout
from innosite.content.alt import photo_alt
from innosite.content.attachments import listed_attachments
from innosite.content.config import read_yaml
from innosite.content.corrections import corrections
from innosite.content.fields import Fields, id_hint
from innosite.content.images import entry_images
from innosite.content.language import Sample, Verdicts, check_languages
from innosite.content.layout import FRONT_KEYS, META_KEYS, META_REQUIRED
from innosite.content.linked import (
    check_published,
    check_stand_ins,
    copy_of,
    image_missing_message,
    leftover,
    link_places,
    published_files,
)
from innosite.content.names import MAX_SLUG, WINDOWS_RESERVED, clean_text, invisible_in, name_problem
from innosite.content.placeholders import meta_placeholders, version_placeholders
from innosite.content.schema import names, placement, required
from innosite.content.schema_entries import CONTACT_KEYS, FRONT, IMAGE_KEYS, META
from innosite.content.source import SourceError, YamlDoc, decode
from innosite.markup.markdown import LinkContext, MarkdownRenderer
from innosite.model.entry import Contact, Entry, Image, Page, PressRelease, Project, Version
from innosite.model.settings import Config, Term
from innosite.model.slugs import SLUG_RE, slugify
from innosite.problems import Problem, Problems

MIN_PROJECT_CITIES = 3
_THEMES_HINT = "the themes are listed in themes.yaml"
_CITIES_HINT = "the cities are listed in cities.yaml"
_UNKNOWN_ID = re.compile(
    rf'^unknown (theme|city) "(.*)": ({re.escape(_THEMES_HINT)}|{re.escape(_CITIES_HINT)})$', re.DOTALL
)
"""The message of Fields.ids (and of lead_city) for an id that is not near any id."""


@dataclass(frozen=True, slots=True)
class EntryContext:
    """What an entry is checked against: settings and the known ids."""

    config: Config
    theme_ids: frozenset[str]
    city_ids: frozenset[str]
    project_ids: frozenset[str]
    footnote_titles: tuple[tuple[str, str], ...]
    language_model: Path | None = None
    """A prepared copy of the language model (content/language.identifier), quicker to read than py3langid's;
    it decides nothing, so it is no part of an entry's cache key."""


def load_entry(
    section: str, folder: Path, ctx: EntryContext, renderer: MarkdownRenderer, verdicts: Verdicts | None = None
) -> tuple[Entry | None, list[Problem]]:
    """Load one entry folder; the entry is None when it has errors. `verdicts`: the language checks' verdicts of
    its last load (language.Verdicts)."""
    problems = Problems()
    names = sorted(p.name for p in folder.iterdir() if not leftover(p.name))
    lang_files = [n for n in names if n.endswith(".md") and copy_of(n, ctx.config.langs) is None]
    others = [n for n in names if n not in lang_files and n != "meta.yaml"]
    subfolders = {n for n in others if (folder / n).is_dir()}
    for name in sorted(subfolders):
        problems.error(folder / name, 0, "folders inside an entry folder are not supported: move the files up")
    files = tuple(n for n in others if n not in subfolders)
    check_stand_ins(folder, files, ctx.config.langs, problems)
    meta = _read_meta(section, folder, problems, ctx.config.langs)
    public = meta is not None and meta.data.get("draft") is not True  # placeholders are errors only outside drafts
    samples: list[Sample] = []
    versions = _versions(section, folder, lang_files, files, ctx, renderer, problems, public, samples)
    if not versions and not problems.errors:
        problems.error(
            folder, 0, f"no language file: add {', '.join(c + '.md' for c in ctx.config.langs)} (at least one)"
        )
    if meta is None:
        return None, list(problems.all)
    entry = _build(section, folder, meta, versions, files, ctx, problems)  # even after errors: all come together
    if entry is not None and entry.versions:
        entry = check_languages(entry, samples, ctx.config.langs, problems, ctx.language_model, verdicts)
    if entry is not None:
        entry = replace(entry, images=entry_images(folder, entry.files, entry.image, meta, problems))
    if public:
        meta_placeholders(meta)
    places = partial(link_places, versions=entry.versions, image=entry.image, meta=meta) if entry else None
    check_published(folder, files, entry.files if entry else (), ctx.config.langs, problems, places)
    return (None if problems.errors else entry), list(problems.all)


def name_hints(found: list[Problem], themes: tuple[Term, ...], cities: tuple[Term, ...]) -> list[Problem]:
    """The problems of an entry with a hint added to an unknown theme or city that is near one's name in any
    language rather than its id (`urheilu`: sport, `Uleåborg`: oulu). Added after the entry's load, each time:
    what a load is remembered by holds the ids but not the names, and a name changed in themes.yaml must not
    leave an old hint behind, nor reload every entry."""
    hinted = []
    for problem in found:
        unknown = _UNKNOWN_ID.match(problem.message)
        if unknown is not None:
            what, item, where = unknown.groups()
            terms = themes if what == "theme" else cities
            names = [(slug, term.id) for term in terms for _, slug in term.slugs]
            hint = id_hint(item, [term.id for term in terms], names)
            problem = replace(problem, message=f'unknown {what} "{item}"{hint}: {where}') if hint else problem
        hinted.append(problem)
    return hinted


def _read_meta(section: str, folder: Path, problems: Problems, langs: tuple[str, ...]) -> Fields | None:
    if layout.is_b(folder):
        return layout.read_b_meta(section, folder, langs, problems)
    path = folder / "meta.yaml"
    if not path.is_file():
        if section == "pages":
            return Fields(YamlDoc({}), path, problems)
        problems.error(path, 0, f"meta.yaml is missing: every entry in {section}/ needs one")
        return None
    doc = read_yaml(path, problems)
    if doc is None:
        return None
    if doc.data is None:
        doc = YamlDoc({})
    fields = Fields(doc, path, problems, placement=placement(META[section]))
    if not fields.is_mapping("meta.yaml"):
        return None
    fields.check_keys(META_KEYS[section], META_REQUIRED[section], layout.front_keys_in_meta(section, langs))
    return fields


def _versions(section, folder, lang_files, files, ctx, renderer, problems, public, samples) -> tuple[Version, ...]:
    """Every language file, in the order of the site's languages (what the language checks read: into samples)."""
    by_lang: dict[str, Version] = {}
    for name in lang_files:
        lang = layout.language_of(name)
        if lang not in ctx.config.langs:
            problems.error(
                folder / name, 0,
                f'"{lang}" is not a language of the site ({", ".join(ctx.config.langs)}): '
                "rename the file or add the language to site.yaml",
            )  # fmt: skip
            continue
        version = _version(section, folder, name, lang, frozenset(files), ctx, renderer, problems, public, samples)
        if version is not None:
            by_lang[lang] = version
    return tuple(by_lang[c] for c in ctx.config.langs if c in by_lang)


def _version(section, folder, name, lang, files, ctx, renderer, problems, public, samples) -> Version | None:
    """The version of a language file, None when it has errors; what the language checks read of it goes into
    samples."""
    path = folder / name
    try:
        text = decode(path.read_bytes())
        split = layout.split_language_text(name, text)  # (the text itself: the placeholder checks read its comments)
        parsed = layout.b_version_front(section, path, ctx.config.langs, split, problems)
    except SourceError as exc:
        problems.error(path, exc.line, exc.message)
        return None
    except OSError as exc:  # a folder named fi.md, a file without read permission
        problems.error(path, 0, f"cannot be read: {exc.strerror}")
        return None
    for line, message in parsed.front.duplicates:
        problems.error(path, line, message)
    fields = Fields(parsed.front, path, problems, placement=placement(FRONT))
    if parsed.front.data is None:
        fields = Fields(YamlDoc({}, {(): 2}), path, problems)
    if not fields.is_mapping("the front matter"):
        return None
    fields.check_keys(FRONT_KEYS, required=("title",), elsewhere=layout.meta_keys_in_front(section))
    title, slug = _title_and_slug(fields)
    tz = ZoneInfo(ctx.config.timezone)
    base = ctx.config.base_path
    body = renderer.render(
        parsed.body,
        LinkContext(
            f"{base}media/{section}/{folder.name}/",
            base,
            files,
            dict(ctx.footnote_titles)[lang],
            ctx.config.embeds,
            ctx.config.base_url.split("://", 1)[-1].lower(),
        ),
    )
    for line, message in body.faults:
        problems.error(path, parsed.body_line + line, message)
    for line, message in body.removed:
        problems.warn(path, parsed.body_line + line, message)
    if public:
        version_placeholders(fields, text, parsed.body, parsed.body_line, section == "press")
    summary = clean_text(fields.text("summary") or "") or None
    published, updated = fields.moment("published", tz), fields.moment("updated", tz)
    notes = corrections(fields, tz)
    if title is None or slug is None:
        return None
    samples.append(
        Sample(lang, title, fields.line("title"), summary, fields.line("summary"), parsed.body, parsed.body_line)
    )
    return Version(
        lang=lang,
        title=title,
        slug=slug,
        summary=summary,
        published=published,
        updated=updated,
        packed_html=body.packed,
        src_path=str(path),
        slug_line=fields.line("slug") if "slug" in fields.data else fields.line("title"),
        files=body.linked,
        links=body.addresses,
        corrections=notes,
    )


def _title_and_slug(fields: Fields) -> tuple[str | None, str | None]:
    """The version's title and slug (from the title unless given), each None after recording why it is unusable."""
    title, slug = fields.text("title"), fields.text("slug")
    if title is not None and not (title := clean_text(title).strip()):
        fields.error("title", '"title" is empty')
        title = None
    if slug is not None and not SLUG_RE.match(clean_text(slug)):
        hidden = invisible_in(slug)
        hint = f"; it has {hidden}" if hidden else ""
        fields.error("slug", f'the slug "{slug}" can only have a-z, 0-9 and "-" (try "{slugify(slug)}"){hint}')
        return title, None
    if title is None:
        return None, None
    slug = clean_text(slug) if slug else slugify(title)
    where = "slug" if "slug" in fields.data else "title"
    if not slug:
        fields.error("title", "the title gives an empty URL slug: add a line slug: with a-z, 0-9 and -")
        return title, None
    if len(slug) > MAX_SLUG:
        too_long = f"the address (slug) would be {len(slug)} characters long"
        fields.error(where, f"{too_long}: add a line slug: with at most {MAX_SLUG}")
        return title, None
    if slug in WINDOWS_RESERVED:
        fields.error(where, f'the slug "{slug}" is a device name on Windows: add a line slug: with another one')
        return title, None
    return title, slug


def _build(section, folder, meta: Fields, versions, files, ctx: EntryContext, problems) -> Entry | None:
    """The entry of a section from its meta.yaml fields and versions."""
    tz = ZoneInfo(ctx.config.timezone)
    common = dict(
        section=section,
        id=folder.name,
        src_dir=str(folder),
        versions=versions,
        files=published_files(versions, None),
        draft=meta.flag("draft"),
        aliases=_aliases(meta, ctx.config.langs),
    )
    if section == "pages":
        return Page(**common, published=_earliest(versions))
    image = _image(meta, files, ctx.config.langs, [version.lang for version in versions])
    attachments = listed_attachments(meta, files)
    common.update(
        files=published_files(versions, image, attachments),
        contacts=_contacts(meta, ctx.config.langs),
        attachments=attachments,
        image=image,
        themes=meta.ids("themes", ctx.theme_ids, "theme", _THEMES_HINT),
        cities=meta.ids("cities", ctx.city_ids, "city", _CITIES_HINT),
    )
    if section == "press":
        published = meta.moment("published", tz)
        versions = tuple(v if v.published else _with_published(v, published) for v in versions)
        region = meta.choice("region", ("national", *sorted(ctx.city_ids)), "national")
        return PressRelease(
            **{**common, "versions": versions},
            published=published,
            kind=meta.choice("kind", ("press-release", "news"), "press-release"),
            region=region,
            projects=meta.ids("projects", ctx.project_ids, "project", "the projects are the folders in projects/"),
        )
    return _project(meta, common, versions, ctx)


def _project(meta: Fields, common: dict, versions, ctx: EntryContext) -> Project:
    lead = meta.text("lead_city")
    if lead is not None and lead not in ctx.city_ids:
        meta.error("lead_city", f'unknown city "{lead}"{id_hint(lead, ctx.city_ids)}: {_CITIES_HINT}')
    cities = common["cities"]
    if "cities" in meta.data and isinstance(meta.data["cities"], list):
        if len(meta.data["cities"]) < MIN_PROJECT_CITIES:
            meta.error(
                "cities",
                f"a lead project needs cities from at least {MIN_PROJECT_CITIES} city regions; "
                f"this one lists {len(meta.data['cities'])}",
            )
        elif lead in ctx.city_ids and lead not in cities:
            meta.error("cities", f'the lead city "{lead}" must be listed in cities too')
    start, end = meta.day("start"), meta.day("end")
    if start and end and end < start:
        meta.error("end", '"end" is before "start"')
    return Project(
        **common,
        published=_earliest(versions),
        lead_city=lead or "",
        start=start,
        end=end,
        website=meta.url("website"),
    )


def _with_published(version: Version, published: datetime | None) -> Version:
    return replace(version, published=published)


def _earliest(versions: tuple[Version, ...]) -> datetime | None:
    dated = [v.published for v in versions if v.published]
    return min(dated) if dated else None


def _contacts(meta: Fields, langs) -> tuple[Contact, ...]:
    if meta.data.get("contacts") is None:
        return ()
    if not isinstance(meta.data["contacts"], list):
        meta.error("contacts", '"contacts" must be a list, each item starting with "- name: ..."')
        return ()
    contacts = []
    for index in range(len(meta.data["contacts"])):
        item = meta.sub("contacts").sub(index)
        if not item.is_mapping("a contact"):
            continue
        item.check_keys(names(CONTACT_KEYS), required=required(CONTACT_KEYS))
        email = item.email("email")
        name = item.text("name")
        if name:
            contacts.append(Contact(name, item.localized("role", langs), item.phone("phone"), email))
    return tuple(contacts)


def _image(meta: Fields, files, langs, version_langs) -> Image | None:
    if meta.data.get("image") is None:
        return None
    item = meta.sub("image")
    if not item.is_mapping('"image"'):
        return None
    item.check_keys(names(IMAGE_KEYS), required=[key for key in required(IMAGE_KEYS) if key != "alt"])
    src, alt, credit = item.text("src"), photo_alt(item, langs, version_langs), item.text("credit")
    if src is not None and src not in files:
        item.error("src", image_missing_message(src, files))
        return None
    return Image(src, alt, credit) if src and alt else None


def _aliases(meta: Fields, langs) -> tuple[str, ...]:
    items = meta.str_list("aliases", "paths") or []
    good = []
    for index, alias in enumerate(items):
        parts = alias.strip("/").split("/")
        if not alias.startswith("/") or ".." in parts or "\\" in alias or parts[0] not in langs:
            meta.problems.error(
                meta.path, meta.line("aliases", index),
                f'the alias "{alias}" must be a path starting with a language, like /{langs[0]}/old/address/',
            )  # fmt: skip
        elif (problem := _alias_problem(parts)) is not None:
            meta.problems.error(meta.path, meta.line("aliases", index), f'the alias "{alias}": {problem}')
        else:
            good.append("/" + "/".join(parts) + "/")
    return tuple(good)


def _alias_problem(parts: list[str]) -> str | None:
    """Why an alias's folders cannot be written on every host, or None."""
    if "%" in "".join(parts):
        return "write the path without %-codes (a space as a space, ä as ä)"
    for part in parts:
        problem = "an empty or '.' folder (// or /./)" if part in ("", ".") else name_problem(part)
        if problem is not None:
            return problem
    return None
