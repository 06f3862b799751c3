"""Listings as data: which entries a listing shows in a language, releases grouped by term, pages of a listing.

Pure functions; the ones given the last build's result reuse what an edit left
unchanged, so that the listings' tuples stay the same objects and compare by
identity (tests/pages/test_plan_memory.py checks them against fresh ones).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from innosite.model.entry import Entry, PressRelease
from innosite.pages.views import Item, Pager


@dataclass(frozen=True, slots=True)
class Shown:
    """A tuple of entries as listed in one language: those shown, their items, and where each entry shows."""

    entries: tuple[Entry, ...]
    shown: tuple[Entry, ...]
    items: tuple[Item, ...]
    places: tuple[int, ...]
    """For each entry, its index in shown, or -1 when it is not shown in the language."""


def list_entries(entries: tuple[Entry, ...], item: Callable[[Entry], Item | None]) -> Shown:
    """The entries shown (item() is not None), their items, and where each entry shows."""
    places: list[int] = []
    shown: list[Entry] = []
    items: list[Item] = []
    for entry in entries:
        made = item(entry)
        places.append(-1 if made is None else len(items))
        if made is not None:
            shown.append(entry)
            items.append(made)
    return Shown(entries, tuple(shown), tuple(items), tuple(places))


def relist_entries(entries: tuple[Entry, ...], last: Shown, item: Callable[[Entry], Item | None]) -> Shown | None:
    """The last listing with the entries replaced in place (an edit), each shown where the one it replaces
    was: items are made for those alone. None when entries came, went or moved, or one is shown now where
    the one it replaces was not (or the other way round)."""
    if len(last.entries) != len(entries):
        return None
    shown: list[Entry] | None = None
    items: list[Item] | None = None
    for index, (old, new) in enumerate(zip(last.entries, entries, strict=True)):
        if old is new:
            continue
        made, place = item(new), last.places[index]
        if (made is None) != (place < 0):
            return None
        if made is not None:
            shown = list(last.shown) if shown is None else shown
            items = list(last.items) if items is None else items
            shown[place], items[place] = new, made
    if shown is None or items is None:
        return Shown(entries, last.shown, last.items, last.places)
    return Shown(entries, tuple(shown), tuple(items), last.places)


@dataclass(frozen=True, slots=True)
class Grouped:
    """Releases grouped by keys (terms, projects), each group newest first, and the releases grouped."""

    press: tuple[PressRelease, ...]
    groups: dict[Any, tuple[PressRelease, ...]]


def group_releases(
    press: tuple[PressRelease, ...], keys_of: Callable[[PressRelease], frozenset], last: Grouped | None = None
) -> Grouped:
    """The releases grouped by keys_of; from `last` when only releases with the same keys were replaced in
    place (an edit): the groups without them stay the same tuples, so listings compare them by identity."""
    if last is not None and len(last.press) == len(press):
        pairs = [(old, new) for old, new in zip(last.press, press, strict=True) if old is not new]
        if all(keys_of(old) == keys_of(new) for old, new in pairs):
            swap = {id(old): new for old, new in pairs}  # the old releases are alive in `last`
            groups = dict(last.groups)
            for key in {key for old, _ in pairs for key in keys_of(old)}:
                groups[key] = tuple(swap.get(id(release), release) for release in groups[key])
            return Grouped(press, groups)
    found: dict[Any, list[PressRelease]] = {}
    for release in press:
        for key in keys_of(release):  # each once: the releases stay newest first
            found.setdefault(key, []).append(release)
    return Grouped(press, {key: tuple(releases) for key, releases in found.items()})


def tags(release: PressRelease) -> frozenset[tuple[str, str]]:
    """The terms a release is listed under: its themes and cities, and its region as both."""
    themes = {("themes", t) for t in (*release.themes, release.region)}
    return frozenset(themes.union(("cities", c) for c in (*release.cities, release.region)))


def projects_of(release: PressRelease) -> frozenset[str]:
    """The projects a release names (it is listed on their pages)."""
    return frozenset(release.projects)


@dataclass(frozen=True, slots=True)
class Paginated:
    """One page of a listing: where, its counterparts in other languages, its pager and items."""

    path: str
    others: dict[str, str]
    pager: Pager
    items: tuple[Item, ...]
    inputs: tuple
    """(number, page counts of every language, the entries shown): with the settings, what the page is made of."""


def page_count(items: int, size: int) -> int:
    """Pages a listing of `items` entries needs (an empty listing still has one)."""
    return max(1, -(-items // size))
