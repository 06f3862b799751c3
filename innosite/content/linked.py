"""What is published from an entry folder: the files its versions and meta.yaml link to, and nothing else.

Staff keep drafts, confidential notes and editor copies beside the texts; a file
is published only when a language version links to it (Markdown, or raw HTML the
sanitizer keeps) or meta.yaml names it (`image:`, `attachments:`). Every other file is a warning
naming it, with a hint for copies of a language file (`fi.md.bak`, `fi (1).md`),
a name that stands for a language file or meta.yaml that is not there (Notepad's
`sv.md.txt`) is an error, and the leftovers of editors and operating systems are passed over in silence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import quote

from innosite.content.attachments import attachment_problem, disguised_picture_problem, missing_message
from innosite.content.fields import Fields
from innosite.content.layout import B_PREFIX, is_b
from innosite.content.names import collisions, name_problem
from innosite.content.source import SourceError, decode
from innosite.model.entry import Image, Version
from innosite.problems import Problems

_LEFTOVER_NAMES = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db", "icon\r"})
"""Files Windows and macOS leave in folders (`.DS_Store` and other hidden files are left out by their dot)."""
_LEFTOVER = re.compile(r"^(?:\.|~\$)|~$|\.(?:swp|swo|swx|tmp)$", re.IGNORECASE)
"""Hidden files (`.DS_Store`, `.~lock.fi.md#`), Office's lock files (`~$Tiedote.docx`), editor backups and swap
files (`fi.md~`, `fi.md.swp`), temporary files."""
_COPY = re.compile(r"^([A-Za-z]{2,3}|meta)(?=[ ._(~-])(.*)$", re.IGNORECASE)
"""A name that starts like a language file or meta.yaml, then goes on (`sv.md.txt`, `fi (1).md`, `meta.yml`)."""


def leftover(name: str) -> bool:
    """Whether a file is an editor's or the system's own (hidden files, lock files, swap files): never published,
    never mentioned."""
    return bool(_LEFTOVER.search(name)) or name.lower() in _LEFTOVER_NAMES


def copy_of(name: str, langs: Iterable[str]) -> str | None:
    """The language file (or meta.yaml) a file's name says it is a copy or a mis-saved version of, or None."""
    found = _COPY.match(name)
    if found is None:
        return None
    stem, rest = found.group(1).lower(), found.group(2).lower()
    if stem == "meta":
        target, kinds = "meta.yaml", (".yaml", ".yml")
    elif stem in langs:
        target, kinds = f"{stem}.md", (".md", ".markdown")
    else:
        return None
    if name == target or not (any(kind in rest for kind in kinds) or rest.endswith(".txt")):
        return None
    return target


def published_files(
    versions: Iterable[Version], image: Image | None, attachments: Iterable[str] = ()
) -> tuple[str, ...]:
    """The files an entry publishes: those its versions link to, its image and its listed attachments."""
    names = {name for version in versions for name in version.files} | set(attachments)
    if image is not None:
        names.add(image.src)
    return tuple(sorted(names))


def warn_unlinked(
    folder: Path, files: Iterable[str], linked: set[str], langs: Iterable[str], problems: Problems
) -> None:
    """A warning for each file of the folder that nothing links to: it is not published."""
    langs = tuple(langs)
    for name in files:
        if name in linked:
            continue
        target = stands_for(folder, name, langs)
        hint = f" (a copy of {target}? only {target} is read)" if target is not None else ""
        problems.warn(folder / name, 0, f"not linked from any version: not published{hint}")


def stands_for(folder: Path, name: str, langs: Iterable[str]) -> str | None:
    """The file of the folder's layout that a file's name says it is a copy of (fi.md, meta.yaml; index.fi.md in
    a folder of the browser editor's, which has no meta.yaml), or None."""
    target = copy_of(name, tuple(langs))
    if target is None or not is_b(folder):
        return target
    return None if target == "meta.yaml" else f"{B_PREFIX}{target}"


def check_stand_ins(folder: Path, files: Iterable[str], langs: Iterable[str], problems: Problems) -> None:
    """A file that looks like a language file or meta.yaml saved under another name (`sv.md.txt`, `fi (1).md`,
    `meta.yml`) is an error when the file it stands for is not there: that version or those facts would silently
    be missing from the site. Beside the real file it is a copy, named by warn_unlinked."""
    langs = tuple(langs)
    for name in files:
        target = stands_for(folder, name, langs)
        if target is not None and not (folder / target).is_file():
            problems.error(
                folder / name, 0, f'"{name}" looks like {target} saved under another name: rename it to {target}'
            )


Places = Callable[[str], list[tuple[Path | str, int]]]
"""Where a file of the entry's folder is linked: (path, line) of each place."""


def check_published(
    folder: Path,
    files: Iterable[str],
    published: Iterable[str],
    langs: Iterable[str],
    problems: Problems,
    places: Places | None = None,
) -> None:
    """The files an entry publishes must have names and types every host can serve safely, and no picture may
    pass as another kind of file (said where it is linked, as `places` finds); the others are warnings, once the
    entry has no errors (an entry with errors publishes nothing, and what it links is not known until then)."""
    published = tuple(published)
    for name in published:
        if (problem := name_problem(name) or attachment_problem(folder / name)) is not None:
            problems.error(folder / name, 0, problem)
        elif (problem := disguised_picture_problem(folder / name)) is not None:
            for path, line in (places(name) if places else []) or [(folder / name, 0)]:
                problems.error(path, line, problem)
    for name, other in collisions(published):
        problems.error(
            folder / name, 0, f'"{name}" and "{other}" differ only in upper and lower case or accents: rename one'
        )
    if not problems.errors:
        warn_unlinked(folder, files, set(published), langs, problems)


def image_missing_message(src: str, files: Iterable[str]) -> str:
    """meta.yaml's image is not in the folder: the file it probably means, or where to put it."""
    return missing_message("image", src, files, "put the file beside meta.yaml")


def link_places(
    name: str, versions: Iterable[Version], image: Image | None, meta: Fields
) -> list[tuple[Path | str, int]]:
    """Where a file is linked: the line of each language file that links it, and of meta.yaml's image or
    attachments (read again only for a problem: a rare case)."""
    found: list[tuple[Path | str, int]] = [
        (v.src_path, _linking_line(Path(v.src_path), name)) for v in versions if name in v.files
    ]
    if image is not None and image.src == name:
        found.append((meta.path, meta.sub("image").line("src")))
    listed = meta.data.get("attachments") if isinstance(meta.data, dict) else None
    if isinstance(listed, list) and name in listed:
        found.append((meta.path, meta.line("attachments", listed.index(name))))
    return found


def _linking_line(path: Path, name: str) -> int:
    """The line of a language file where a link to the file `name` is first written (0 when not found)."""
    try:
        text = decode(path.read_bytes())
    except (OSError, SourceError):
        return 0
    for written in dict.fromkeys((name, quote(name))):
        for needle in (f"]({written}", f"](<{written}>", f"](./{written}", f'="{written}', f"='{written}", written):
            index = text.find(needle)
            if index >= 0:
                return text.count("\n", 0, index) + 1
    return 0
