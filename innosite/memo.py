"""Remembering work from one build to the next in one process (the preview server's).

Every stage that saves work between builds does it through a `Memo`: a value is
kept with what it was made of (its inputs) and given again only while the inputs
are equal (the same objects, or equal values). A key that stands for an object is
`Same(obj)`, which holds the object: its id() cannot be reused by another object
while the value is remembered, so no value is ever found for the wrong object.

A memo keeps what one build used and forgets the rest at the next build (see
`Memory.next_build`), so memory follows the site, not the session's history.

With `verify` (the tests), every value found is made again and compared: inputs
that leave out something the value depends on raise `StaleMemo` at once, instead
of serving a stale page (tests/test_memo.py, tests/preview/).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class StaleMemo(AssertionError):
    """A remembered value differs from the one its inputs make now: its inputs are incomplete."""


class Same:
    """A key standing for one object by identity; it holds the object, so that its id() stays its own."""

    __slots__ = ("obj",)

    def __init__(self, obj: object) -> None:
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return type(other) is Same and other.obj is self.obj

    def __repr__(self) -> str:
        return f"Same({type(self.obj).__name__} at {id(self.obj):#x})"


_MISSING: Any = object()


class Memo(Generic[K, V]):
    """Values by key, each with the inputs it was made of; a value is given again only for equal inputs."""

    __slots__ = ("name", "verify", "_last", "_now", "_expected", "_recording")

    def __init__(self, name: str, verify: bool = False) -> None:
        self.name = name
        self.verify = verify
        self._last: dict[Any, tuple[Any, Any]] = {}
        """What the last build used: key -> (inputs, value)."""
        self._now: dict[Any, tuple[Any, Any]] = {}
        """What this build used so far."""
        self._expected: dict[Any, Any] = {}
        """With verify: values that found() would have given, to compare with what put() is given."""
        self._recording: list[Any] | None = None
        """The keys get() was asked for while recorded() runs."""

    def get(self, key: K, inputs: object, make: Callable[..., V], *args: Any) -> V:
        """The value made for key from equal inputs (in the last build or this one), else make(*args)."""
        hit = self._now.get(key) or self._last.get(key)
        if hit is not None and (hit[0] is inputs or hit[0] == inputs):
            value = hit[1]
            if self.verify:
                self._compare(key, value, make(*args))
        else:
            value = make(*args)
        self._now[key] = (inputs, value)
        if self._recording is not None:
            self._recording.append(key)
        return value

    def recorded(self, make: Callable[[], Any]) -> tuple[Any, tuple[Any, ...]]:
        """make()'s result and the keys get() was asked for while it ran (to keep() them with it)."""
        outer, self._recording = self._recording, []
        try:
            result = make()
            return result, tuple(self._recording)
        finally:
            self._recording = outer

    def found(self, key: K, inputs: object) -> V | None:
        """The value remembered for key and equal inputs, or None; the caller makes the others and put()s them.

        With verify, always None: the caller makes every value, and put() compares it with what was found."""
        hit = self._now.get(key) or self._last.get(key)
        if hit is None or not (hit[0] is inputs or hit[0] == inputs):
            return None
        if self.verify:
            self._expected[key] = hit[1]
            return None
        self._now[key] = hit
        return hit[1]

    def put(self, key: K, inputs: object, value: V) -> V:
        """Remember value as made of inputs (for found(), or for a value made in a batch)."""
        if self.verify and key in self._expected:
            self._compare(key, self._expected.pop(key), value)
        self._now[key] = (inputs, value)
        return value

    def last(self, key: K) -> V | None:
        """The value the last build (or this one) remembered for key, whatever it was made of: for work that
        updates an earlier result rather than making it anew (the caller checks what it may reuse)."""
        hit = self._now.get(key) or self._last.get(key)
        return None if hit is None else hit[1]

    def keep(self, keys: Any) -> None:
        """Carry the last build's values for keys into this build (a value made of them was reused whole)."""
        for key in keys:
            hit = self._last.get(key)
            if hit is not None:
                self._now.setdefault(key, hit)

    def next_build(self) -> None:
        """Start a build: what the last one used stays findable, the rest is forgotten."""
        self._last, self._now = self._now, {}
        self._expected.clear()

    def clear(self) -> None:
        """Forget everything (the settings every value depends on changed)."""
        self._last, self._now = {}, {}
        self._expected.clear()

    def _compare(self, key: object, remembered: object, made: object) -> None:
        if remembered != made:
            raise StaleMemo(f"{self.name}: the value remembered for {key!r} differs from the one made now")


class Memory:
    """Every memo of a build session by name; a fresh Memory (a one-off build) remembers nothing yet."""

    def __init__(self, verify: bool = False) -> None:
        self.verify = verify
        self._memos: dict[str, Memo[Any, Any]] = {}
        self._scopes: dict[str, object] = {}

    def memo(self, name: str) -> Memo[Any, Any]:
        """The memo of that name (made empty on first use)."""
        memo = self._memos.get(name)
        if memo is None:
            memo = self._memos[name] = Memo(name, self.verify)
        return memo

    def scope(self, names: tuple[str, ...], settings: object) -> None:
        """The memos named hold values made under these settings: emptied if they were made under others."""
        for name in names:
            known = self._scopes.get(name, _MISSING)
            if known is not settings and known != settings:
                self.memo(name).clear()
                self._scopes[name] = settings

    def forget(self) -> None:
        """Let go of every memo (a build that is the session's last: what they hold, the site's plan among it, is
        not needed any more, and its memory serves the steps that follow)."""
        self._memos.clear()
        self._scopes.clear()

    def next_build(self) -> None:
        """Start a build in every memo."""
        for memo in self._memos.values():
            memo.next_build()
