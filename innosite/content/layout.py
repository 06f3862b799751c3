"""The two layouts of an entry folder, and which key goes in which file.

Layout A (SPEC's, what people and `new` write): `meta.yaml` holds the facts
shared by every language version, `fi.md`, `sv.md`, `en.md` the versions.

Layout B (what the browser editor writes through GitHub or GitLab): no
meta.yaml; `index.fi.md`, `index.sv.md`, `index.en.md`, where the file of the
site's default language also holds the shared keys in its front matter. A
version's `published` is its own; the entry's (meta.yaml's `published` in A) is
the earliest of them. Front matter in B is read the way the editor wrote it
(YAML 1.2: `title: No` is text, not false; see source.parse_yaml).

The loader (entries.py) reads both into the same values, every message pointing
into the file that was written. A folder holding both layouts is an error.
The key lists below are the one definition of the split: the editor's file API
(innosite/editor/) splits the front matter it is given by them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from innosite.content.fields import Fields, parse_datetime
from innosite.content.schema import names, placement, required
from innosite.content.schema_entries import FRONT, META
from innosite.content.source import LanguageFile, SourceError, YamlDoc, decode, split_front_matter
from innosite.problems import Problems

FRONT_KEYS = names(FRONT)
"""Keys of a language version's own front matter."""
META_KEYS = {section: names(keys) for section, keys in META.items()}
"""Keys of meta.yaml (layout A), or of the default language's file (layout B), per section."""
META_REQUIRED = {section: required(keys) for section, keys in META.items()}
B_PREFIX = "index."


def front_keys_in_meta(section: str, langs: tuple[str, ...]) -> dict[str, str]:
    """For each key of a language version's own written in meta.yaml, the message saying where it belongs."""
    files = ", ".join(f"{lang}.md" for lang in langs)
    return {
        key: f'"{key}" belongs in each language file ({files}), not in meta.yaml: every language version has its own'
        for key in FRONT_KEYS
        if key not in META_KEYS[section]
    }


def meta_keys_in_front(section: str) -> dict[str, str]:
    """For each key of meta.yaml written in a language file, the message saying where it belongs (as layout B's
    message does for its files)."""
    return {
        key: f'"{key}" belongs in meta.yaml: the facts shared by every language version are written only there'
        for key in META_KEYS[section]
        if key not in FRONT_KEYS
    }


def shared_keys(section: str) -> tuple[str, ...]:
    """The keys shared by every language version (meta.yaml's), without the per-language `published`."""
    return tuple(key for key in META_KEYS[section] if key not in FRONT_KEYS)


def language_of(name: str) -> str:
    """The language a language file is of: `fi` for fi.md (A) and index.fi.md (B)."""
    stem = name[: -len(".md")]
    return stem[len(B_PREFIX) :] if stem.startswith(B_PREFIX) and stem != "index" else stem


def b_files(folder: Path) -> list[str]:
    """The layout-B language files of a folder (index.*.md), sorted."""
    try:
        names = [p.name for p in folder.iterdir()]
    except OSError:
        return []
    return sorted(n for n in names if n.startswith(B_PREFIX) and n.endswith(".md") and n != "index.md")


def is_b(folder: Path) -> bool:
    """Whether an entry folder is in layout B (it has an index.<lang>.md)."""
    return bool(b_files(folder))


def unfinished(section: str, folder: Path, langs: tuple[str, ...]) -> bool:
    """Whether an entry folder lacks a file every entry has: a language file, and the file of the shared keys
    (meta.yaml in layout A, but for pages, where it is optional; the default language's file in layout B).

    A folder whose files are still being written one after another (by the browser editor, a copy, a git pull)
    looks like this for a moment; the loader reports it as an error (entries.load_entry), the preview waits."""
    try:
        names = {p.name for p in folder.iterdir()}
    except OSError:  # gone, or not a folder: nothing is being written into it
        return False
    if is_b(folder):
        return f"{B_PREFIX}{langs[0]}.md" not in names
    has_language = any(f"{lang}.md" in names for lang in langs)
    return not has_language or (section != "pages" and "meta.yaml" not in names)


def language_path(folder: Path, lang: str) -> Path:
    """The file of a language version, in the folder's layout (existing or to be created)."""
    return folder / (f"{B_PREFIX}{lang}.md" if is_b(folder) else f"{lang}.md")


def meta_path(folder: Path, langs: tuple[str, ...]) -> Path:
    """The file that holds the shared keys: meta.yaml, or in layout B the default language's file."""
    return language_path(folder, langs[0]) if is_b(folder) else folder / "meta.yaml"


def read_b_meta(section: str, folder: Path, langs: tuple[str, ...], problems: Problems) -> Fields | None:
    """The shared keys of a layout-B folder, as a Fields over the default language's file (None after errors).

    Checks what only layout B can get wrong: both layouts in one folder, shared keys in another language's
    file, keys unknown to both lists."""
    names = b_files(folder)
    a_names = [n for n in ("meta.yaml", *(f"{lang}.md" for lang in langs)) if (folder / n).exists()]
    if a_names:
        problems.error(
            folder, 0,
            f"the folder mixes two layouts: {', '.join(a_names)} (written by hand or by `new`) and "
            f"{', '.join(names)} (written by the browser editor): keep one of them",
        )  # fmt: skip
        return None
    default = f"{B_PREFIX}{langs[0]}.md"
    path = folder / default
    fronts = {name: _front(folder / name) for name in names}
    main = fronts.get(default)
    if default not in names:
        problems.error(
            path, 0, f"{default} is missing: in a folder of index.*.md files it holds the facts shared by every "
            "language version (the browser editor writes it)",
        )  # fmt: skip
        return None
    if main is None:  # unreadable: the version's reader says why
        return None
    where = placement((*FRONT, *META[section]))
    whole = Fields(main, path, problems, placement=where)
    whole.check_keys((*FRONT_KEYS, *shared_keys(section)))
    data = {key: value for key, value in main.data.items() if key in META_KEYS[section] and key != "published"}
    if "published" in META_KEYS[section]:
        earliest = _earliest_published(fronts, default)
        if earliest is not None:
            data["published"] = earliest
    fields = Fields(replace(main, data=data), path, problems, placement=where)
    fields.meant.update(whole.meant)
    fields.check_keys(META_KEYS[section], META_REQUIRED[section])
    return fields


def b_version_front(
    section: str, path: Path, langs: tuple[str, ...], parsed: LanguageFile, problems: Problems
) -> LanguageFile:
    """A layout-B version's front matter with the shared keys taken out: in the default language's file
    they are read by read_b_meta; in another language's file they are an error saying where they belong."""
    if not path.name.startswith(B_PREFIX) or not isinstance(parsed.front.data, dict):
        return parsed
    shared = shared_keys(section)
    default = path.name == f"{B_PREFIX}{langs[0]}.md"
    kept = {}
    for key, value in parsed.front.data.items():
        if key in FRONT_KEYS or (not default and key not in shared):
            kept[key] = value
        elif not default:
            problems.error(
                path, parsed.front.line(key),
                f'"{key}" belongs in {B_PREFIX}{langs[0]}.md: the facts shared by every language version '
                "are written only in the default language's file",
            )  # fmt: skip
    return replace(parsed, front=replace(parsed.front, data=kept))


def read_language_file(path: Path) -> LanguageFile:
    """A language file split into front matter and body (SourceError, OSError); layout B's read as YAML 1.2."""
    return split_language_text(path.name, decode(path.read_bytes()))


def split_language_text(name: str, text: str) -> LanguageFile:
    """The text of the language file `name` split into front matter and body (SourceError), as its layout reads
    it: layout B's front matter as YAML 1.2 (what the editor writes)."""
    return split_front_matter(text, yaml12=name.startswith(B_PREFIX))


def _front(path: Path) -> YamlDoc | None:
    """A language file's front matter as a mapping, or None when it cannot be read (reported elsewhere)."""
    try:
        doc = read_language_file(path).front
    except (SourceError, OSError):
        return None
    return doc if isinstance(doc.data, dict) else None


def _earliest_published(fronts: dict[str, YamlDoc | None], default: str) -> object | None:
    """The earliest `published` of the versions whose value can be read: the entry's. When none can be read, the
    default language's own value, so that its reader reports it there (and not as missing)."""
    zone = ZoneInfo("UTC")  # every value is in the site's zone, or carries its offset: the order is the same
    dated = []
    for doc in fronts.values():
        value = doc.data.get("published") if doc is not None else None
        moment = parse_datetime(str(value), zone) if value is not None else None
        if moment is not None:
            dated.append((moment, value))
    if dated:
        return min(dated, key=lambda item: item[0])[1]
    main = fronts.get(default)
    return main.data.get("published") if main is not None else None
