"""Import a returned XLIFF file, as data: what would be written, and every problem; nothing is written here.

`import_file` reads the file, checks each unit against the entry's text now and
gives the translated language file, its record (`.sv.translated-from.yaml`) and
meta.yaml when the image's alt text changed. A unit whose source text is still
in the record keeps the translation the entry has (which may have been edited
by hand since): importing a translation again never undoes those edits.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from innosite.content.fields import written_time
from innosite.content.source import parse_yaml
from innosite.problems import Problem, Problems
from innosite.translate.files import with_meta
from innosite.translate.handoff import FRONT_PATHS, Entry, EntryError, EntryTexts, load_entry, read_entry, unchanged
from innosite.translate.inline import plain_text
from innosite.translate.reader import ReadFile, read_xliff
from innosite.translate.record import edit_front, new_front, record_name, record_text, set_alt, translated_corrections
from innosite.translate.segments import check_codes, target_markdown
from innosite.translate.skeleton import rebuild
from innosite.translate.units import Unit, image_alt, split_id


def translated_texts(
    file: ReadFile, entry: Entry, context: bool = False
) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """Unit path -> translated Markdown for the units of one `<file>`, and the faults (line, message); with
    `context`, the locked units' too (their targets are the translation the entry had at the export)."""
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
        if not read.translate and not (context and read.target is not None):
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
        "correction": translated_corrections(
            texts_now.source, every, texts_now.target, written_time(now) if now is not None else None
        ),
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
        kept = unchanged(entry)
        missing = [u for u in entry.source.units if u.path not in texts and u.path not in kept]
        if missing and not unit_faults:  # the translation is not known to be unchanged (no record): the file's is
            shown, unit_faults = translated_texts(file, entry, context=True)
            texts |= {unit.path: shown[unit.path] for unit in missing if unit.path in shown}
            missing = [u for u in missing if u.path not in texts]
        for line, message in unit_faults:
            problems.error(path, line, message)
        if unit_faults or missing:
            named = {part for r in file.units for part in (split_id(r.id) or ())}
            for unit in missing:
                if unit.path not in named and unit.hash not in named:
                    problems.error(path, file.line, f'the translation of unit "{unit.path}" of {key} is missing '
                                   f"({_quote(unit.text)}): export the entry again")  # fmt: skip
            continue
        written, warnings = translation_files(entry, texts, texts_now, target_lang, source_lang, now)
        edited = _edited(texts_now, written) if _imported_before(entry, texts) else []
        if edited:  # the same translation again: it must not undo what was changed by hand since
            problems.warn(folder / edited[0], 0, again_message(edited, record_name(target_lang), path))
            continue
        for name, content in written.items():
            writes[folder / name] = content
        for name, line, message in warnings:
            problems.warn(folder / name, line, message)
    if problems.errors:
        return {}, list(problems.all)
    return writes, list(problems.all)


def _imported_before(entry: Entry, texts: Mapping[str, str]) -> bool:
    """Whether the record says that every unit the file translates was imported from this very source text: the
    file (or a later one) was imported before."""
    source = entry.source.by_path()
    return entry.record is not None and bool(texts) and all(entry.record.get(p) == source[p].text for p in texts)


def _edited(texts_now: EntryTexts, written: Mapping[str, str]) -> list[str]:
    """The files of the entry (the translation, meta.yaml) that an import would change."""
    target, meta = texts_now.names[1], texts_now.names[2]
    now = {target: texts_now.target, **({meta: texts_now.meta_whole or texts_now.meta} if meta else {})}
    return [name for name, text in written.items() if name in now and now[name] != text]


def again_message(edited: list[str], record: str, path: Path) -> str:
    """A translation imported before, with its files changed by hand since: kept, and how to replace them."""
    files = " and ".join(edited) + (" were" if len(edited) > 1 else " was")
    return (
        f"{files} changed after this translation was imported: nothing was imported, so your changes are kept; "
        f"to replace them with the translation in {path}, delete {record} beside {edited[0]}, then import {path} again"
    )
