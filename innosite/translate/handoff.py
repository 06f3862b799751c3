"""Export an entry for translation and import the translation back, as data: nothing is written here.

`export_entry` gives the XLIFF file data of one entry; `write_xliff` its bytes.
`import_file` reads a returned XLIFF file and gives what would be written
(the translated language file, its record, meta.yaml when the image's alt text
changed) and every problem as `FILE:line: message`. The command line writes the
files only when there is no error.

What changed: the record beside the translation (`.sv.translated-from.yaml`)
holds each unit's source text when the translation was imported. A unit whose
source text is still in the record is unchanged: the export sends it only as
context, with the existing translation, and the import keeps that translation.
Without a record (a translation written by hand) every unit is exported; where
the translation has the same structure as the source, its texts are the
starting targets, to be checked (`state="needs-review-translation"`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from innosite.content.fields import written_time
from innosite.content.source import SourceError, decode, parse_yaml
from innosite.problems import Problem, Problems
from innosite.translate.files import meta_name, meta_text, version_name, with_meta
from innosite.translate.inline import Code, Content, codes, parse_inline, plain_text
from innosite.translate.reader import ReadFile, read_xliff
from innosite.translate.record import (
    edit_front,
    new_front,
    read_record,
    record_name,
    record_text,
    set_alt,
    translated_corrections,
)
from innosite.translate.segments import check_codes, target_markdown
from innosite.translate.skeleton import rebuild
from innosite.translate.units import Unit, Version, image_alt, read_version, split_id
from innosite.translate.xliff import XliffFile, XliffUnit

FRONT_PATHS = ("title", "summary")


class EntryError(Exception):
    """A file of an entry that cannot be read: its name in the folder, the line, the message."""

    def __init__(self, name: str, line: int, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.line = line
        self.message = message


@dataclass(frozen=True, slots=True)
class EntryTexts:
    """What an export or import needs of one entry folder, read but not interpreted."""

    key: str
    """section/folder, e.g. press/2022-09-13-lead-projects."""
    source: str
    target: str | None
    record: str | None
    meta: str | None
    names: tuple[str, str, str | None] = ("", "", "meta.yaml")
    """The files of the source, the translation and the shared keys (layout A or B, see translate/files.py)."""
    meta_whole: str | None = None


def read_entry(folder: Path, source_lang: str, target_lang: str) -> EntryTexts:
    """The texts of an entry folder (EntryError for a file that cannot be read)."""

    def text(name: str) -> str | None:
        path = folder / name
        try:
            return decode(path.read_bytes()) if path.is_file() else None
        except SourceError as exc:
            raise EntryError(name, exc.line, exc.message) from None
        except OSError as exc:
            raise EntryError(name, 0, f"cannot be read: {exc.strerror}") from None

    names = (version_name(folder, source_lang), version_name(folder, target_lang), meta_name(folder))
    source = text(names[0])
    if source is None:
        raise EntryError(names[0], 0, "the file is missing: there is nothing to translate from")
    key, meta = f"{folder.parent.name}/{folder.name}", text(names[2]) if names[2] else None
    record = text(record_name(target_lang))
    return EntryTexts(key, source, text(names[1]), record, meta_text(names[2], meta), names, meta)


@dataclass(frozen=True, slots=True)
class Entry:
    """An entry's source and translation as units, and what the translation was made from."""

    key: str
    source: Version
    target: Version | None
    record: dict[str, str] | None
    meta: Any

    @property
    def section(self) -> str:
        return self.key.partition("/")[0]


def load_entry(texts: EntryTexts, source_lang: str, target_lang: str) -> Entry:
    """The units of the entry's texts (EntryError for a file that cannot be read)."""
    section = texts.key.partition("/")[0]
    name = "meta.yaml"
    try:
        meta = parse_yaml(texts.meta).data if texts.meta else None
        name = f"{source_lang}.md"
        source = read_version(texts.source, source_lang, section, meta)
        name = f"{target_lang}.md"
        target = read_version(texts.target, target_lang, section, meta) if texts.target is not None else None
        name = record_name(target_lang)
        record = read_record(texts.record) if texts.record is not None else None
    except SourceError as exc:
        raise EntryError(name, exc.line, exc.message) from None
    return Entry(texts.key, source, target, record, meta)


def unchanged(entry: Entry) -> dict[str, Unit]:
    """Source unit path -> its existing translation, for the units unchanged since the translation was made."""
    if entry.target is None or entry.record is None:
        return {}
    translated = entry.target.by_path()
    if set(translated) != set(entry.record):  # the translation's structure was changed by hand
        return {}
    old_paths: dict[str, str] = {}
    for path, text in entry.record.items():
        old_paths.setdefault(text, path)
    result = {}
    for unit in entry.source.units:
        old = unit.path if entry.record.get(unit.path) == unit.text else old_paths.get(unit.text)
        if old is not None:
            result[unit.path] = translated[old]
    return result


def changed_units(entry: Entry) -> tuple[tuple[str, str | None, str | None], ...]:
    """What changed in the source since the translation, for a status report: (path, old text, new text);
    old is None for a new unit (or when the old one is not known), new is None for a removed one."""
    if entry.record is None:
        return ()
    kept = unchanged(entry)
    now_texts = {unit.text for unit in entry.source.units}
    changed: list[tuple[str, str | None, str | None]] = [
        (unit.path, entry.record.get(unit.path), unit.text) for unit in entry.source.units if unit.path not in kept
    ]
    removed: list[tuple[str, str | None, str | None]] = [
        (path, text, None)
        for path, text in entry.record.items()
        if text not in now_texts and not any(path == c[0] for c in changed)
    ]
    return tuple(changed + removed)


def plan_export(entry: Entry, source_lang: str, target_lang: str, context: bool = True) -> XliffFile:
    """The XLIFF data of an entry: changed units to translate, unchanged ones as context (unless `context` is off)."""
    kept = unchanged(entry)
    translated = entry.target.by_path() if entry.target else {}
    whole = entry.record is None and set(translated) == {u.path for u in entry.source.units}
    items = []
    for unit in entry.source.units:
        if unit.path in kept:
            if context:
                items.append(XliffUnit(unit, as_target(unit.content, kept[unit.path].content), "final", context=True))
        elif whole:
            items.append(
                XliffUnit(unit, as_target(unit.content, translated[unit.path].content), "needs-review-translation")
            )
        else:
            items.append(XliffUnit(unit, previous=_previous(entry, unit.path, translated)))
    return XliffFile(f"{entry.key}/{source_lang}.md", source_lang, target_lang, tuple(items))


def _previous(entry: Entry, path: str, translated: Mapping[str, Unit]) -> tuple[str, str] | None:
    """The unit's source text and translation at the last translation, where the structure allows knowing them."""
    if (
        entry.record is None
        or path not in entry.record
        or path not in translated
        or set(translated) != set(entry.record)
    ):
        return None
    return plain_text(parse_inline(entry.record[path])), plain_text(translated[path].content)


def as_target(source: Content, translation: Content) -> Content:
    """A translation's text with the source's code numbers, where its codes match the source's one for one;
    otherwise its text without codes (the translator puts them back)."""
    theirs = list(codes(translation))
    ours = list(codes(source))
    if [(c.kind, c.ctype) for c, _ in theirs] != [(c.kind, c.ctype) for c, _ in ours]:
        return (plain_text(translation),)
    parents_ours = [None if p is None else p.id for _, p in ours]
    numbers = {c.id: o.id for (c, _), (o, _) in zip(theirs, ours, strict=True)}
    parents_theirs = [None if p is None else numbers[p.id] for _, p in theirs]
    if parents_ours != parents_theirs:
        return (plain_text(translation),)
    return _renumber(translation, numbers)


def _renumber(content: Content, numbers: Mapping[str, str]) -> Content:
    return tuple(
        piece if isinstance(piece, str) else Code(numbers[piece.id], piece.kind, piece.ctype, piece.open, piece.close,
                                                   _renumber(piece.children, numbers), piece.what)
        for piece in content
    )  # fmt: skip


def export_entry(
    folder: Path, source_lang: str, target_lang: str, context: bool = True
) -> tuple[XliffFile | None, list[Problem]]:
    """The XLIFF data of one entry folder, or None and the problems that stop it."""
    problems = Problems()
    try:
        entry = load_entry(read_entry(folder, source_lang, target_lang), source_lang, target_lang)
    except EntryError as exc:
        problems.error(folder / exc.name, exc.line, exc.message)
        return None, list(problems.all)
    return plan_export(entry, source_lang, target_lang, context), []


def translated_texts(file: ReadFile, entry: Entry) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """Unit path -> translated Markdown for the units of one `<file>`, and the faults (line, message)."""
    faults: list[tuple[int, str]] = []
    source = entry.source.by_path()
    by_hash: dict[str, list[Unit]] = {}
    for unit in entry.source.units:
        by_hash.setdefault(unit.hash, []).append(unit)
    texts: dict[str, str] = {}
    seen: set[str] = set()
    name = file.original.rpartition("/")[2]
    for read in file.units:
        if read.id in seen:
            faults.append((read.line, f'the unit "{read.id}" appears twice: keep one'))
            continue
        seen.add(read.id)
        parts = split_id(read.id)
        if parts is None:
            faults.append(
                (read.line, f'unknown unit "{read.id}": translate export writes no such id (was it changed by hand?)')
            )
            continue
        path, digest = parts
        current = source.get(path)
        if current is None or current.hash != digest:
            same = [u for u in by_hash.get(digest, ()) if u.path not in texts]
            current = same[0] if same else None
        if current is None:
            why = "changed" if path in source else "changed or was removed"
            faults.append(
                (read.line, f'unit "{path}": its text in {name} {why} after the export: export the entry again')
            )
            continue
        if not read.translate:
            continue
        if read.target is None:
            faults.append((read.line, f'unit "{path}" is not translated ({_quote(current.text)})'))
            continue
        if not plain_text(read.target).strip():
            faults.append((read.target_line, f'unit "{path}": the translation is empty ({_quote(current.text)})'))
            continue
        found = check_codes(current.content, read.target)
        faults.extend((read.target_line, f'unit "{path}": {problem.message}') for problem in found)
        if not found:
            texts[current.path] = target_markdown(current.content, read.target, current.kind)
    return texts, faults


def _quote(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 3]}..."'


Warning = tuple[str, int, str]
"""(file name in the entry folder, line, message)."""


def translation_files(
    entry: Entry,
    texts: Mapping[str, str],
    texts_now: EntryTexts,
    target_lang: str,
    source_lang: str,
    now: datetime | None,
) -> tuple[dict[str, str], list[Warning]]:
    """File name in the entry folder -> new content: the translation and its record (and meta.yaml);
    and warnings (file name, line, message) for what could not be written."""
    kept = unchanged(entry)
    every = {u.path: texts[u.path] if u.path in texts else kept[u.path].text for u in entry.source.units}
    body = rebuild(entry.source.skeleton, {p: t for p, t in every.items() if p.startswith("body-")})
    front: dict[str, Any] = {
        "title": every["title"],
        "summary": every.get("summary"),
        "correction": translated_corrections(texts_now.source, every),
    }
    files = {}
    if texts_now.target is None:
        if now is not None:
            front["published"] = written_time(now)
        files[texts_now.names[1] or f"{target_lang}.md"] = new_front(front) + body
    else:
        old = entry.target
        changed = (
            old is None
            or any(every.get(p) != (old.by_path()[p].text if p in old.by_path() else None) for p in _front(every))
            or body != _body_of(texts_now.target)
        )
        if changed and now is not None:
            front["updated"] = written_time(now)
        files[texts_now.names[1] or f"{target_lang}.md"] = edit_front(texts_now.target, front) + body
    files[record_name(target_lang)] = record_text(source_lang, target_lang, entry.source.units)
    warnings = []
    alt = every.get("image-alt")
    if alt is not None and texts_now.meta is not None and image_alt(entry.meta, target_lang) != alt:
        meta, meta_file = set_alt(texts_now.meta, target_lang, alt), texts_now.names[2] or "meta.yaml"
        if meta is None or meta_file in files:
            line = parse_yaml(texts_now.meta).line("image", "alt")
            message = (
                f'the image\'s alt text in {target_lang} was not written (it is written as "alt:" with one line per '
                f"language only): set it by hand to {_quote(alt, 200)}"
            )
            warnings.append((meta_file, line, message))
        else:
            files[meta_file] = with_meta(meta_file, texts_now.meta_whole or meta, meta)
    return files, warnings


def _front(every: Mapping[str, str]) -> tuple[str, ...]:
    """The paths of the units written into the front matter: title, summary and the corrections."""
    return (*FRONT_PATHS, *(path for path in every if path.startswith("correction-")))


def _body_of(text: str) -> str:
    lines = text.split("\n")
    close = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    return "\n".join(lines[close + 1 :])


def import_file(path: Path, entries: Mapping[str, Path], now: datetime | None = None,
                cwd: Path | None = None) -> tuple[dict[Path, str], list[Problem]]:  # fmt: skip
    """What importing an XLIFF file would write (path -> content) and every problem; nothing is written.

    `entries` maps the key of every entry that exists (section/folder) to its folder; `now`, when given, is
    written as the translation's `published:` (a new file) or `updated:` (a changed one)."""
    problems = Problems(cwd)
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(path, 0, f"cannot be read: {exc.strerror}")
        return {}, list(problems.all)
    files, faults = read_xliff(data)
    for line, message in faults:
        problems.error(path, line, message)
    writes: dict[Path, str] = {}
    for file in files:
        key = file.original.rpartition("/")[0]
        folder = entries.get(key)
        if folder is None:
            problems.error(path, file.line, f'the entry "{key}" is not in the content folder (renamed or deleted?): '
                           "its translation cannot be imported")  # fmt: skip
            continue
        source_lang, target_lang = file.source_lang, file.target_lang
        try:
            texts_now = read_entry(folder, source_lang, target_lang)
            entry = load_entry(texts_now, source_lang, target_lang)
        except EntryError as exc:
            problems.error(folder / exc.name, exc.line, exc.message)
            continue
        texts, unit_faults = translated_texts(file, entry)
        for line, message in unit_faults:
            problems.error(path, line, message)
        kept = unchanged(entry)
        missing = [u for u in entry.source.units if u.path not in texts and u.path not in kept]
        if unit_faults or missing:
            named = {part for r in file.units for part in (split_id(r.id) or ())}
            for unit in missing:
                if unit.path not in named and unit.hash not in named:
                    problems.error(path, file.line, f'the translation of unit "{unit.path}" of {key} is missing '
                                   f"({_quote(unit.text)}): export the entry again")  # fmt: skip
            continue
        written, warnings = translation_files(entry, texts, texts_now, target_lang, source_lang, now)
        for name, content in written.items():
            writes[folder / name] = content
        for name, line, message in warnings:
            problems.warn(folder / name, line, message)
    if problems.errors:
        return {}, list(problems.all)
    return writes, list(problems.all)
