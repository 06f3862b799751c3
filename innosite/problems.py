"""Problems found in the content: collected, never raised one by one."""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One error or warning, printed as `path:line: message`."""

    path: str
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        kind = "warning: " if self.warning else ""
        return _one_line(f"{where}: {kind}{self.message}")


_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    """Control characters and line breaks from quoted content shown as escapes (\\r, \\x1b):
    one problem stays one line, and no content can move the cursor of a terminal."""
    return _BREAKING.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def say(text: str) -> None:
    """Tell the person running the command something that is not a problem of the content (a build waiting
    for another, a cache that cannot be used): one line on standard error."""
    print(text, file=sys.stderr, flush=True)


class ContentError(Exception):
    """The content has errors; the build stops and writes nothing."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """Collects problems for one run; one per file location and message."""

    def __init__(self, cwd: Path | None = None) -> None:
        self._items: dict[Problem, None] = {}
        self._cwd = cwd
        self._resolved_cwd: Path | None = None

    def _show(self, path: Path | str) -> str:
        path = Path(path)
        if self._resolved_cwd is None:
            self._resolved_cwd = (self._cwd or Path.cwd()).resolve()
        try:
            # the parent resolved, not the name: a symbolic link is named as itself, not as its target
            return str((path.parent.resolve() / path.name).relative_to(self._resolved_cwd))
        except ValueError:
            return str(path)

    def error(self, path: Path | str, line: int, message: str) -> None:
        """Record an error at path:line (line 0 when not known)."""
        self._items[Problem(self._show(path), line, message)] = None

    def warn(self, path: Path | str, line: int, message: str) -> None:
        """Record a warning at path:line."""
        self._items[self.warning(path, line, message)] = None

    def warning(self, path: Path | str, line: int, message: str) -> Problem:
        """The warning warn() records, not recorded (for a caller that remembers it and adds it with extend)."""
        return Problem(self._show(path), line, message, warning=True)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Add problems found elsewhere (another process, the cache)."""
        self._items.update(dict.fromkeys(problems))

    @property
    def all(self) -> tuple[Problem, ...]:
        return tuple(self._items)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self._items if not p.warning)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self._items if p.warning)

    def raise_if_errors(self, strict: bool = False) -> None:
        """Stop the build when there are errors (or warnings, under --strict)."""
        if self.errors or (strict and self.warnings):
            raise ContentError(sorted(self._items, key=_order))


def _order(p: Problem) -> tuple[str, int, str]:
    return (p.path, p.line, p.message)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean "x"?)' hint for a near miss, or ''."""
    close = closest(word, choices)
    return f' (did you mean "{close}"?)' if close else ""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice a word is a near miss of (a typo), or None."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None
