"""`new`: a press release, project or page folder (or one language file), ready to edit.

Required keys are filled in (or left empty for the build to ask for), the
optional ones are there as comments with a one-line explanation: removing the
leading `# ` gives a valid line. Nothing is ever overwritten: files are
created exclusively, and an existing language file is a refusal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from innosite.content.config import load_config, load_terms
from innosite.content.fields import parse_datetime, written_time
from innosite.content.layout import language_path
from innosite.content.names import WINDOWS_RESERVED
from innosite.content.placeholders import (
    EXAMPLE_ALIAS,
    EXAMPLE_ALT,
    EXAMPLE_CONTACT,
    EXAMPLE_CREDIT,
    EXAMPLE_SLUG,
    EXAMPLE_SUMMARY,
    EXAMPLE_WEBSITE,
    TRANSLATE_NOTE,
)
from innosite.content.source import SourceError, decode, split_front_matter
from innosite.model.settings import Config
from innosite.model.slugs import SLUG_RE, slugify
from innosite.problems import Problems

SECTIONS = {"press": "press", "project": "projects", "page": "pages"}
KIND_NAMES = {"press": "press release", "project": "project", "page": "page"}
COMMENT_COLUMN = 34
"""Where the explanations start in the files created."""
MAX_ID_LENGTH = 60
"""Folder names are cut (at a word) to this many characters: ids stay readable."""


class ScaffoldError(Exception):
    """The request cannot be carried out (a usage error): nothing was created."""


@dataclass(frozen=True, slots=True)
class Created:
    """The files created and what the author does next."""

    paths: tuple[str, ...]
    next_steps: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Request:
    """One `new` command, checked against the site settings."""

    kind: str
    title: str
    lang: str
    moment: datetime | None
    """--date, or None for now."""
    config: Config
    content: Path


def scaffold(
    content: Path, kind: str, title: str, lang: str | None, date: str | None, problems: Problems
) -> Created | None:
    """Create the entry (or the language file of an existing one); None on content errors."""
    config = load_config(content, problems)
    if config is None or problems.errors:
        return None
    request = _request(content, kind, title.strip(), lang, date, config)
    existing = find_entry(content / SECTIONS[kind], request.title)
    if existing is not None and lang is None:  # without --lang a new entry is meant: never a silent pick of an old one
        raise ScaffoldError(_taken(existing, request))
    if existing is not None:
        return _add_language(request, existing)
    return _new_entry(request, problems)


def _taken(folder: Path, request: Request) -> str:
    """Why a new entry cannot have this title, and what to do instead."""
    missing = [lang for lang in request.config.langs if not (folder / f"{lang}.md").exists()]
    add = f", or add a language to it: python build.py new {request.kind} {folder.name} --lang {missing[0]}"
    return (
        f"{_show(folder)} already has this title (its address is made from it): nothing was created; "
        f"give the new {KIND_NAMES[request.kind]} another title{add if missing else ''}"
    )


def _request(content: Path, kind: str, title: str, lang: str | None, date: str | None, config: Config) -> Request:
    lang = lang or config.langs[0]
    if lang not in config.langs:
        raise ScaffoldError(f'"{lang}" is not a language of the site: use one of {", ".join(config.langs)}')
    if not title:
        raise ScaffoldError('the title is empty: give it in quotes, like "Uusi hanke"')
    moment = None
    if date is not None:
        moment = parse_datetime(date, ZoneInfo(config.timezone))
        if moment is None:
            raise ScaffoldError(f'--date "{date}" is not a date and time: write it as "YYYY-MM-DD HH:MM"')
    return Request(kind, title, lang, moment, config, content)


def find_entry(section_dir: Path, title: str) -> Path | None:
    """The entry folder named by its id, or by a title (slugified or as written)."""
    if not section_dir.is_dir():
        return None
    folders = [p for p in sorted(section_dir.iterdir()) if p.is_dir() and not p.name.startswith(".")]
    if SLUG_RE.match(title) and (section_dir / title).is_dir():
        return section_dir / title
    slug = _short(slugify(title))
    found = [p for p in folders if slug and slug in (p.name, p.name[len("YYYY-MM-DD-") :]) or _has_title(p, title)]
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise ScaffoldError(f"several entries match this title ({names}): give the folder name instead")
    return found[0] if found else None


def _has_title(folder: Path, title: str) -> bool:
    wanted = title.casefold()
    return any((t := _title(path)) is not None and t.casefold() == wanted for path in sorted(folder.glob("*.md")))


def _title(path: Path) -> str | None:
    try:
        data = split_front_matter(decode(path.read_bytes())).front.data
    except (SourceError, OSError):
        return None
    return str(data["title"]).strip() if isinstance(data, dict) and data.get("title") else None


def _short(slug: str) -> str:
    """The slug cut at a word to MAX_ID_LENGTH characters."""
    if len(slug) <= MAX_ID_LENGTH:
        return slug
    return slug[: MAX_ID_LENGTH + 1].rsplit("-", 1)[0]


def _now(config: Config) -> datetime:
    return datetime.now(ZoneInfo(config.timezone)).replace(second=0, microsecond=0)


# -- a new entry ---------------------------------------------------------------


def _new_entry(request: Request, problems: Problems) -> Created:
    slug = _short(slugify(request.title))
    if not slug:
        raise ScaffoldError("the title gives an empty folder name: use letters or digits in it")
    moment = request.moment or _now(request.config)
    entry_id = f"{moment:%Y-%m-%d}-{slug}" if request.kind == "press" else slug
    if entry_id in WINDOWS_RESERVED:
        reserved = f'the folder name "{entry_id}", a device name on Windows'
        raise ScaffoldError(f"the title gives {reserved}: give another title")
    folder = request.content / SECTIONS[request.kind] / entry_id
    meta = _meta(request, moment, problems)
    front = _front_matter(request.title, None, request.moment if request.kind != "press" else None, request)
    folder.mkdir(parents=True, exist_ok=True)
    paths = (_create(folder / "meta.yaml", meta), _create(folder / f"{request.lang}.md", front))
    steps = [f"Write the text in {paths[1]}, then preview it: python build.py serve"]
    if request.kind == "project":
        steps.append(f"Fill in themes, lead_city and cities in {paths[0]}: the build asks for them until you do.")
    when = " and set published: to the time it goes out" if request.kind == "press" else ""
    steps.append(f"It is a draft: when it may be published, delete the line draft: true in {paths[0]}{when}.")
    return Created(paths, tuple(steps))


def _meta(request: Request, moment: datetime, problems: Problems) -> str:
    config = request.config
    themes = [t.id for t in load_terms(request.content, "themes", config.langs, problems)]
    cities = [c.id for c in load_terms(request.content, "cities", config.langs, problems)]
    projects = _project_ids(request.content)
    draft = _line("draft: true", "delete this line when it may be published (drafts show only in the preview)")
    if request.kind == "page":
        return _lines("# Settings shared by every language version of the page.", draft, _ALIASES)
    if request.kind == "press":
        head = (
            "# Facts shared by every language version of the press release.",
            _line(
                f"published: {written_time(moment)}",
                "required: when the original came out, YYYY-MM-DD HH:MM (Finnish time)",
            ),
            draft,
            _line("# kind: news", "press-release (the default) or news"),
            _line("# region: national", "national (the default) or the id of a city in cities.yaml"),
            _line(f"# themes: [{_first(themes)}]", f"theme ids from themes.yaml: {_list(themes)}"),
            _line(f"# cities: [{_first(cities)}]", f"ids of the cities it concerns, from cities.yaml: {_list(cities)}"),
            _line(
                f"# projects: [{projects[0] if projects else 'project-id'}]",
                f"ids of related projects, their folder names in projects/: {_list(projects)}",
            ),
        )
    else:
        head = (
            "# Facts shared by every language version of the project.",
            _line("themes:", f"required: a list of theme ids from themes.yaml: {_list(themes)}"),
            _line("lead_city:", "required: the id of the city that holds lead responsibility"),
            _line("cities:", f"required: a list of at least 3 city ids, the lead city too: {_list(cities)}"),
            draft,
            _line("# start: 2023-01-01", "first day of the project, YYYY-MM-DD"),
            _line("# end: 2025-12-31", "last day of the project, YYYY-MM-DD"),
            _line(f"# website: {EXAMPLE_WEBSITE}", "the project's own website"),
        )
    return _lines(*head, *_CONTACTS, *_IMAGE, _ATTACHMENTS, _ALIASES)


def _project_ids(content: Path) -> list[str]:
    """The ids of the site's projects: the folder names in projects/."""
    folder = content / SECTIONS["project"]
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and SLUG_RE.match(p.name))


def _line(code: str, comment: str) -> str:
    """A YAML line with its explanation as a comment in a column of its own."""
    return f"{code.ljust(COMMENT_COLUMN - 1)} # {comment}"


def _lines(*lines: str) -> str:
    return "\n".join((*lines, ""))


def _first(ids: list[str]) -> str:
    return ids[0] if ids else "id"


def _list(ids: list[str]) -> str:
    return ", ".join(ids) or "none yet"


_ROLE = {"fi": "viestintäpäällikkö", "sv": "kommunikationschef", "en": "head of communications"}
"""The example role of a contact, one line per language (as image.alt is written)."""
_CONTACTS = (
    _line("# contacts:", "people to ask for more; only name is required"),
    f"#   - name: {EXAMPLE_CONTACT['name']}",
    "#     role:",
    *(f"#       {lang}: {role}" for lang, role in _ROLE.items()),  # a line each, as the content and the editor write
    f'#     phone: "{EXAMPLE_CONTACT["phone"]}"',
    f"#     email: {EXAMPLE_CONTACT['email']}",
)
_IMAGE = (
    _line("# image:", "a picture saved in this folder, with alt text in every language"),
    "#   src: kuva.jpg",
    "#   alt:",
    *(f"#     {lang}: {alt}" for lang, alt in EXAMPLE_ALT.items()),  # a line each: translate import writes these
    _line(f"#   credit: {EXAMPLE_CREDIT}", 'who took the photo (or holds its rights), shown as "Kuva: ..."'),
)
_ATTACHMENTS = _line(
    "# attachments: [liite.pdf]", 'files saved in this folder, linked under the text ("Liitteet", "Bilagor")'
)
_PUBLISHED = "when this language version came out, if later than the original"
_ALIASES = _line(f"# aliases: [{EXAMPLE_ALIAS}]", "old addresses that should lead here")


def _front_matter(title: str, source: str | None, published: datetime | None, request: Request) -> str:
    """A language file: title filled in, the other keys as comments, an empty body."""
    stamp = written_time(published or _now(request.config))
    title_line = f"title: {json.dumps(title, ensure_ascii=False)}"
    return "\n".join((
        "---",
        "# Write the text in Markdown below the second --- line.",
        _line(title_line, f"{TRANSLATE_NOTE} (it is copied from {source})") if source else title_line,
        _line(f"# slug: {EXAMPLE_SLUG}", "the page's address; by default made from the title"),
        _line(f"# summary: {EXAMPLE_SUMMARY}", "the lead paragraph, shown in listings and search results"),
        f"published: {stamp}" if published else _line(f"# published: {stamp}", _PUBLISHED),
        _line(f"# updated: {stamp}", "the last real update of this version (translations are compared with it)"),
        "---",
        "",
    ))  # fmt: skip


# -- a language version of an existing entry -------------------------------------


def _add_language(request: Request, folder: Path) -> Created:
    target = language_path(folder, request.lang)  # index.sv.md where the browser editor wrote the entry
    if target.exists():
        raise ScaffoldError(f"{_show(target)} already exists: nothing was created")
    source = _source_file(folder, request.config)
    title = (_title(source) if source else None) or request.title
    source_name = source.name if source else None
    path = _create(target, _front_matter(title, source_name, request.moment, request))
    steps = [
        f"Translate the title and the text of {source_name} into {path}, and delete the note after the title:"
        " until then the build stops at it (the untranslated title is never published)."
        if source_name
        else f"Write {path}."
    ]
    steps.append(_when_published(request))
    return Created((path,), tuple(steps))


def _when_published(request: Request) -> str:
    """When the new translation goes live, said so that no translator dates it with the time the work is done: a
    time of its own later than now makes the version wait (scheduled) until then."""
    left = "python build.py status lists what is left."
    if request.moment is not None:
        return f"It goes live at its own published: {written_time(request.moment)} (from --date), not before; {left}"
    return (
        "Set published: only if this version comes out later than the original, to the time it goes out, not the"
        " time the translation is done (until that time it is not published); without it, it is dated with the"
        f" original; {left}"
    )


def _source_file(folder: Path, config: Config) -> Path | None:
    """The language file a translation starts from: the site's first language present."""
    present = [language_path(folder, lang) for lang in config.langs if language_path(folder, lang).is_file()]
    return present[0] if present else None


def _create(path: Path, text: str) -> str:
    """Write a new file; an existing one is never touched."""
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{_show(path)} already exists: nothing was created") from None
    return _show(path)


def _show(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
