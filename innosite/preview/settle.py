"""Holding a rebuild of the preview back while a new entry's files are still arriving.

The browser editor saves a new entry as several files, one request after
another: the folder, its attachments, then each language file (meta.yaml with
the Finnish one). A build between two of them finds a folder without
meta.yaml or without a language file, and the preview would show an error
page that is nobody's mistake. So a change that touches an entry folder which
lacks such a file (content/layout.unfinished) is built only once the folder is
complete, or once nothing has been written into it for SETTLE_SECONDS: a
folder that stays unfinished then shows its error as before. Every other
change is built at once. The build (`python build.py`) is not concerned: it
reports a missing meta.yaml whenever it finds one.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from innosite.content.layout import unfinished
from innosite.content.load import SECTION_DIRS

SETTLE_SECONDS = 2.0
"""How long after the last write into an unfinished entry folder the preview builds anyway: far longer than the
editor takes between the files of one save (milliseconds), short enough for a real mistake to show soon."""

Later = Callable[[float, Callable[[], None]], Callable[[], None]]
"""Run a function after so many seconds (the event loop's call_later); gives a function that cancels it."""


class Settle:
    """Gathers the changed files the watcher reports and hands them to the build when no entry folder among them
    is both unfinished and still being written into."""

    def __init__(
        self,
        content: Path,
        langs: Callable[[], tuple[str, ...] | None],
        build: Callable[[frozenset[str]], None],
        later: Later,
        clock: Callable[[], float] = time.monotonic,
        seconds: float = SETTLE_SECONDS,
    ) -> None:
        self.content = content
        self.langs = langs
        """The site's languages (from the last good build); None before one: then nothing is held back."""
        self.build = build
        self.later = later
        self.clock = clock
        self.seconds = seconds
        self.pending: set[str] = set()
        self.written: dict[tuple[str, Path], float] = {}
        """(section, entry folder) -> when a change in it was last reported."""
        self.cancel: Callable[[], None] | None = None

    def changed(self, paths: frozenset[str]) -> None:
        """The watcher's batch: built now, or once the folders it touches are complete or quiet."""
        now = self.clock()
        self.pending |= paths
        for folder in touched_folders(self.content, paths):
            self.written[folder] = now
        self._next()

    def held(self) -> float:
        """Seconds until the latest-written unfinished folder has been quiet long enough; 0 when none is (folders
        complete or quiet are forgotten)."""
        now, langs = self.clock(), self.langs()
        longest = 0.0
        for (section, folder), moment in list(self.written.items()):
            left = moment + self.seconds - now
            if left <= 0 or langs is None or not unfinished(section, folder, langs):
                del self.written[(section, folder)]
            else:
                longest = max(longest, left)
        return longest

    def _next(self) -> None:
        """Build what is pending, or look again when the folder waited for has been quiet long enough."""
        if self.cancel is not None:
            self.cancel()
            self.cancel = None
        wait = self.held()
        if wait > 0:
            self.cancel = self.later(wait, self._again)
            return
        paths, self.pending = frozenset(self.pending), set()
        if paths:
            self.build(paths)

    def _again(self) -> None:
        """The timer's call: it has run, so there is nothing to cancel."""
        self.cancel = None
        self._next()


def touched_folders(content: Path, paths: Iterable[str]) -> set[tuple[str, Path]]:
    """(section, entry folder) of every path that is an entry folder or lies inside one."""
    root = os.path.abspath(content)
    found = set()
    for path in paths:
        parts = Path(os.path.relpath(os.path.abspath(path), root)).parts
        if len(parts) >= 2 and parts[0] in SECTION_DIRS:
            found.add((parts[0], content / parts[0] / parts[1]))
    return found
