"""Read an entry for translation and export it, as data: nothing is written here.

`export_entry` gives the XLIFF file data of one entry; `write_xliff` its bytes.
The import of a returned file is in importing.py: it gives what would be
written and every problem as `FILE:line: message`, and the command line writes
the files only when there is no error.

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
from pathlib import Path
from typing import Any

from innosite.content.source import SourceError, decode, parse_yaml
from innosite.problems import Problem, Problems
from innosite.translate.files import meta_name, meta_text, version_name
from innosite.translate.inline import Code, Content, codes, parse_inline, plain_text
from innosite.translate.record import (
    read_record,
    record_name,
)
from innosite.translate.units import Unit, Version, read_version
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
