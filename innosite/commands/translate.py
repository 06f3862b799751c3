"""`translate export` and `translate import`: language versions to a translation agency and back (XLIFF 1.2).

The work is done as data by innosite/translate/ (nothing written there); this
module picks the entries, writes the files only when there is no error, and
says what it did. docs/translation.md is the guide for officers and agencies.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from innosite.content.config import load_config
from innosite.content.fields import parse_datetime
from innosite.content.layout import language_path
from innosite.content.load import SECTION_DIRS
from innosite.output.whole_file import replace_file
from innosite.problems import Problem, Problems
from innosite.translate import EntryError, changed_units, export_entry, import_file, write_xliff
from innosite.translate.handoff import load_entry, read_entry


def run_translate(args: argparse.Namespace) -> int:
    problems = Problems()
    config = load_config(args.content, problems)
    if config is None:
        return _failed(problems.all)
    if args.step == "export":
        return _export(args, config.langs, problems)
    now = _moment(args.now, config.timezone)
    if now is None:
        print(f'error: --now must be a time like "2026-12-10 09:00", not "{args.now}"', file=sys.stderr)
        return 2
    return _import(args, now)


# -- export ----------------------------------------------------------------------------------


def _export(args: argparse.Namespace, langs: tuple[str, ...], problems: Problems) -> int:
    source = args.source or langs[0]
    for lang in (args.lang, source):
        if lang not in langs:
            print(f"error: {lang} is not a language of the site ({', '.join(langs)})", file=sys.stderr)
            return 2
    if source == args.lang:
        print(f"error: --lang {args.lang} is the language translated from: choose another", file=sys.stderr)
        return 2
    folders = _chosen(args.content, args.entries, problems)
    outdated = _outdated(args.content, args.lang) if not args.entries else set()
    files = []
    for folder in folders:
        if not args.entries and not _needs_translation(folder, source, args.lang, outdated):
            continue
        file, found = export_entry(folder, source, args.lang, context=not args.no_context)
        problems.extend(found)
        if file is not None and any(not unit.context for unit in file.units):
            files.append(file)
    if problems.errors:
        return _failed(problems.all)
    if not files:
        print(f"Nothing to translate into {args.lang}: every {args.lang} version is there and up to date.")
        return 0
    output = args.output or Path(f"translation-{args.lang}.xlf")
    replace_file(output, write_xliff(files))
    units = [unit for file in files for unit in file.units if not unit.context]
    words = sum(len(unit.unit.text.split()) for unit in units)
    print(f"Wrote {output}: {_entries(len(files))}, {len(units)} parts to translate (about {words} words).")
    for file in files:
        print(f"  {file.original.rpartition('/')[0]}")
    return 0


def _chosen(content: Path, named: list[str], problems: Problems) -> list[Path]:
    """The entry folders named (as section/id, a folder path, or an id), or every entry folder."""
    everything = [folder for section in SECTION_DIRS for folder in _folders(content / section)]
    if not named:
        return everything
    by_key = {f"{folder.parent.name}/{folder.name}": folder for folder in everything}
    chosen = []
    for name in named:
        key = Path(name).as_posix().strip("/").removeprefix(f"{content.as_posix().strip('/')}/")
        matches = [by_key[key]] if key in by_key else [f for k, f in by_key.items() if k.endswith(f"/{key}")]
        if len(matches) == 1:
            chosen.append(matches[0])
        else:
            problems.error(name, 0, "no such entry: give it as section/folder, e.g. press/2026-12-09-kokkola")
    return chosen


def _folders(section: Path) -> list[Path]:
    return sorted(p for p in section.iterdir() if p.is_dir() and not p.name.startswith(".")) if section.is_dir() else []


def _outdated(content: Path, lang: str) -> set[str]:
    """The folders (as status names them) whose version in lang is missing or older than its source's update."""
    from innosite.commands.status import translation_status

    report = translation_status(content, Problems())
    if report is None:
        return set()
    found: set[str] = set()
    for section in report.sections:
        found.update(m.folder for m in (*section.missing_required, *section.missing_other) if lang in m.langs)
        found.update(s.folder for s in section.stale if s.lang == lang)
    return found


def _needs_translation(folder: Path, source: str, target: str, outdated: set[str]) -> bool:
    """Whether the target version is missing, or its source changed since it was translated: by the record
    of what it was translated from where there is one, else by the dates (as status tells)."""
    if not language_path(folder, source).is_file():
        return False
    try:
        entry = load_entry(read_entry(folder, source, target), source, target)
    except EntryError:
        return True  # export_entry reports it
    if entry.target is None:
        return True
    if entry.record is not None:
        return bool(changed_units(entry))
    return folder.as_posix() in outdated


# -- import ----------------------------------------------------------------------------------


def _import(args: argparse.Namespace, now: datetime) -> int:
    entries = {
        f"{folder.parent.name}/{folder.name}": folder
        for section in SECTION_DIRS
        for folder in _folders(args.content / section)
    }
    writes, found = import_file(args.file, entries, now)
    if any(not problem.warning for problem in found):
        return _failed(tuple(found))
    for problem in found:
        print(problem, file=sys.stderr)
    for path, text in sorted(writes.items()):
        existed = path.exists()
        if existed and _same_text(path, text):
            print(f"Unchanged {path}: it already holds this translation")
            continue
        replace_file(path, text.encode("utf-8"))
        print(f"{'Updated' if existed else 'Wrote'} {path}")
    if not writes:
        print("Nothing to write: the file holds no new translation.")
    return 0


def _same_text(path: Path, text: str) -> bool:
    """Whether a file already holds exactly this text."""
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def _moment(text: str | None, timezone: str) -> datetime | None:
    if text is None:
        return datetime.now(UTC).astimezone(ZoneInfo(timezone)).replace(second=0, microsecond=0)
    return parse_datetime(text, ZoneInfo(timezone))


def _failed(problems: tuple[Problem, ...]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(not p.warning for p in problems)
    print(f"{errors} error(s): nothing was written.", file=sys.stderr)
    return 1


def _entries(number: int) -> str:
    return "1 entry" if number == 1 else f"{number} entries"
