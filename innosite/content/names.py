"""Names every host can store, links that stay inside content/, paths that cannot collide.

Content comes from many hands and the output goes to any web server, some on
file systems that ignore case or refuse Windows device names. These rules are
checked where names enter the build (load) and over every output path (output/guard.py).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)
"""Device names Windows refuses as a file or folder name, with any extension."""


MAX_NAME_BYTES = 255
"""The longest file or folder name most file systems store."""


MAX_SLUG = 150
"""The longest slug: a readable address, and room for the rest of the path."""


_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"|?*\\]')


_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")
"""Zero-width space, word joiner and BOM: invisible junk that copy-paste brings along."""


def name_problem(name: str) -> str | None:
    """Why a file or folder name cannot be published safely, or None."""
    if name in ("", ".", ".."):
        return "this name cannot be used"
    if "/" in name or _FORBIDDEN.search(name):
        bad = next(ch for ch in name if ch == "/" or _FORBIDDEN.match(ch))
        shown = bad if bad.isprintable() else f"U+{ord(bad):04X}"
        return f'the name has the character "{shown}", which some systems do not allow in file names: rename it'
    if name.split(".", 1)[0].strip().lower() in WINDOWS_RESERVED:
        return f'"{name.split(".", 1)[0]}" is a device name on Windows and cannot be a file name there: rename it'
    if name[-1] in ". ":
        return "the name ends with a dot or a space, which Windows drops: rename it"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"the name is longer than {MAX_NAME_BYTES} bytes, more than file systems allow: shorten it"
    return None


def fold(path: str) -> str:
    """How a case-insensitive, normalising file system sees a path."""
    return unicodedata.normalize("NFC", path).casefold()


def collisions(paths: Iterable[str]) -> list[tuple[str, str]]:
    """(path, earlier path) for paths that differ only in case or Unicode form."""
    seen: dict[str, str] = {}
    found = []
    for path in paths:
        key = fold(path)
        if key in seen and seen[key] != path:
            found.append((path, seen[key]))
        seen.setdefault(key, path)
    return found


def escaping_links(
    root: Path, within: Iterable[str] | None = None, listings: dict[str, list[os.DirEntry]] | None = None
) -> list[tuple[Path, str]]:
    """Symbolic links under root that lead outside it (or nowhere), special files, folders that cannot be read
    and names that are not UTF-8.

    Checked before anything is read, so that no file from outside the content
    folder can end up on the site or in a message. `within` names the folders
    under root to look in, when only those can have changed (None: all).
    `listings`, if given, gets what each folder looked at holds (hidden entries too), named as
    `root / ...` names it: the entry cache reads its folders' listings there instead of listing again."""
    top = root.resolve()
    found = []
    roots = [root] if within is None else [Path(folder) for folder in sorted(within) if os.path.isdir(folder)]
    for folder, odd in (item for start in roots for item in _odd_entries(start, listings)):
        if isinstance(odd, OSError):
            found.append((Path(folder), f"cannot be read: {odd.strerror}"))
            continue
        for name in odd:
            path = Path(folder) / name
            if not name.isascii() and not _utf8(name):
                found.append((Path(folder) / _shown(name), "the file name is not valid UTF-8: rename it"))
                continue
            if path.is_symlink():
                try:
                    target = path.resolve()
                except (OSError, RuntimeError):  # a loop
                    found.append((path, "a symbolic link that leads round in a circle: remove it"))
                    continue
                if not target.exists():
                    found.append((path, "a symbolic link that leads nowhere: remove it"))
                elif target != top and top not in target.parents:
                    found.append((path, "a symbolic link to outside the content folder: copy the file in instead"))
            elif not path.is_dir() and not path.is_file():
                found.append((path, "not a regular file (a device or pipe?): remove it"))
    return found


def _odd_entries(
    root: Path, listings: dict[str, list[os.DirEntry]] | None
) -> Iterator[tuple[str, list[str] | OSError]]:
    """(folder, sorted names of symlinks, special files and names that are not UTF-8 in it) under root, hidden
    entries skipped; only folders that have some. A folder that cannot be listed comes with the error.

    One directory listing per folder, whose entry types need no stat per file; a regular
    file, what nearly every entry is, is told by one question."""
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        odd, subfolders = [], []
        try:
            with os.scandir(folder) as found:
                items = list(found)
        except OSError as exc:
            yield folder, exc
            continue
        if listings is not None:
            listings[folder] = items
        for item in items:
            if item.name.startswith("."):
                continue  # hidden: never read by the build
            if not item.name.isascii() and not _utf8(item.name):
                odd.append(item.name)  # reported, not looked into
            elif item.is_file(follow_symlinks=False):
                continue  # a regular file: nearly every entry
            elif item.is_dir(follow_symlinks=False):
                subfolders.append(item.path)
            else:  # a symbolic link or a special file
                odd.append(item.name)
        if odd:
            yield folder, sorted(odd)
        if subfolders:
            stack += sorted(subfolders, reverse=True)


def _utf8(name: str) -> bool:
    """Whether a name read from the disk is UTF-8 (else it holds the stand-ins of the bytes that are not)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(name: str) -> str:
    """A name that is not UTF-8 as messages show it: the bytes that are not as \\xNN."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def clean_text(text: str) -> str:
    """A title or summary without zero-width characters (kept: soft hyphens, no-break spaces)."""
    return _INVISIBLE.sub("", text)


def invisible_in(text: str) -> str:
    """A plain description of invisible characters in text ('' if none)."""
    names = []
    for ch in text:
        if ch == "\u00a0" or ch == "\u202f":
            names.append("a no-break space")
        elif unicodedata.category(ch) in ("Cf", "Zs") and ch != " ":
            names.append(f"an invisible character U+{ord(ch):04X}")
    return ", ".join(dict.fromkeys(names))
