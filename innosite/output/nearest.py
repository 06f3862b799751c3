"""The address a broken link probably meant: the nearest one the site has (pure).

Staff write links by hand, often shortened (`/fi/hankkeet/fotoniikka/` for the
project page `/fi/hankkeet/fotoniikan-kaupunkiekosysteemi/`), mistyped or in the
wrong language's folder. The nearest address is looked for among those in the
same folder: a near miss of the whole name (difflib), else the name whose words
start like the link's words (a shortened title). A folder the site does not
have is first taken as the nearest one it has.
"""

from __future__ import annotations

from collections.abc import Collection
from difflib import SequenceMatcher, get_close_matches

CLOSE = 0.75
"""How alike two names must be (difflib's ratio) to be named as a near miss."""
WORDS_ALIKE = 0.8
"""How alike, on average, the words of a link's name must be to the best-matching words of an address."""
STEM = 5
"""Letters a word of the link and a word of an address must share at their start to be compared at all."""
MOST = 100
"""Broken addresses looked up at most per check (each looks through a folder: thousands of releases)."""


class Nearest:
    """The site's addresses by folder, made at the first broken link; gives the nearest address to a missing one."""

    def __init__(self, paths: Collection[str]) -> None:
        self._paths = paths
        self._folders: dict[str, list[str]] | None = None
        self._found: dict[str, str] = {}

    def __call__(self, rel: str) -> str:
        """The address nearest to an output path the site does not have (`fi/hankkeet/x/index.html`), relative to
        the site's root (`fi/hankkeet/xy/`), or '' when none is close."""
        address = _address(rel)
        if address not in self._found:
            self._found[address] = self._nearest(address) if len(self._found) < MOST else ""
        return self._found[address]

    def _nearest(self, address: str) -> str:
        folders = self._index()
        folder, name = _split(address)
        if folder not in folders:
            close = get_close_matches(folder, list(folders), n=1, cutoff=CLOSE)
            if not close:
                return ""
            folder = close[0]
        names = folders[folder]
        found = name if name in names else _close_name(name, names)
        return folder + found if found else ""

    def _index(self) -> dict[str, list[str]]:
        if self._folders is None:
            self._folders = {}
            for path in sorted(self._paths):
                folder, name = _split(_address(path))
                if name:
                    self._folders.setdefault(folder, []).append(name)
        return self._folders


def _address(path: str) -> str:
    """The address of an output path, relative to the site's root: a folder's index.html is the folder."""
    return path.removesuffix("index.html") if path == "index.html" or path.endswith("/index.html") else path


def _split(address: str) -> tuple[str, str]:
    """(folder, name) of an address: `fi/hankkeet/`, `x/`; a folder's name keeps its slash."""
    slash = address.endswith("/")
    folder, _, name = address.rstrip("/").rpartition("/")
    return (f"{folder}/" if folder else ""), (f"{name}/" if slash and name else name)


def _close_name(name: str, names: list[str]) -> str:
    """The name of the folder nearest to `name`: a near miss of the whole, else a shortened title; or ''."""
    close = get_close_matches(name, names, n=1, cutoff=CLOSE)
    if close:
        return close[0]
    words = _words(name)
    stems = {word[:STEM] for word in words if len(word) >= STEM}
    if not stems:
        return ""
    best, score = "", 0.0
    for other in names:
        theirs = _words(other)
        if stems & {word[:STEM] for word in theirs} and (alike := _alike(words, theirs)) > score:
            best, score = other, alike
    return best if score >= WORDS_ALIKE else ""


def _words(name: str) -> list[str]:
    stem = name.rstrip("/").rsplit(".", 1)[0] if "." in name else name.rstrip("/")
    return [word for word in stem.lower().replace("_", "-").split("-") if word]


def _alike(words: list[str], theirs: list[str]) -> float:
    """How alike a link's words are to an address's: for each, its best match among those, on average."""
    return sum(max(SequenceMatcher(None, word, other).ratio() for other in theirs) for word in words) / len(words)
