"""The parts of an output folder's record as the cache stores them (speed/cache.py, tables `trees` and `tree_parts`).

A record's long lists (the files of the output folder and of its spare) are stored in parts of TREE_PART items;
a build writes only the parts that are not stored yet. A part is told stored by the hash of its pickle, or, without
pickling it, by its values: those of the parts last read or stored are remembered by reference (the caller's own
objects, not copies: a big site's build would otherwise hold them twice)."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from itertools import islice
from operator import itemgetter
from typing import Any

from innosite.speed.rows import plain, split

TREE_LISTS = ("out", "spare", "copies")
"""The fields of a tree record that hold long lists (dicts), stored in parts in `tree_parts`."""

TREE_PART = 512
"""Items per stored part of such a list: an edit changes a few parts, and only they are written again."""

Seen = dict[tuple[int, str], list[tuple[str, tuple, tuple]]]
"""Parts by (length, first path): (name, its paths, its values)."""


def part_key(value: bytes) -> bytes:
    """A stored part's key: the hash of its pickle (equal parts pickle alike: a differing one is only stored again)."""
    return hashlib.blake2b(value, digest_size=16).digest()


class StoredParts:
    """The stored parts of one output folder's record: their keys by name, and the values of those last read or
    stored."""

    def __init__(self) -> None:
        self.keys: dict[str, bytes] = {}
        self.seen: Seen = {}

    def read(self, stored: list[tuple[str, bytes, int]], names: dict[str, list[str] | None], record: Any) -> None:
        """The parts just read (name, pickle, number of items), and the record as the caller made it of them (its
        lists hold the parts of `names`, in order; None: not remembered)."""
        self.keys = {name: part_key(value) for name, value, _ in stored}
        sizes = {name: size for name, _, size in stored}
        self.seen = {}
        for field in TREE_LISTS if record is not None else ():
            items = iter((getattr(record, field) or {}).items())
            for name in names[field] or ():
                chunk = list(islice(items, sizes[name]))
                keys, values = tuple(map(itemgetter(0), chunk)), tuple(map(itemgetter(1), chunk))
                self.seen.setdefault((len(keys), keys[0] if keys else ""), []).append((name, keys, values))

    def name(self, record: Any, new: Callable[[str, bytes], None]) -> dict[str, list[str] | None]:
        """The names of the parts of the record's lists, by field; `new(name, pickle)` for each part not stored
        yet. Parts no longer named are forgotten."""
        index = {key: name for name, key in self.keys.items()}
        now: Seen = {}
        lists: dict[str, list[str] | None] = {}
        for field in TREE_LISTS:
            listed: list[str] = []
            lists[field] = None if getattr(record, field) is None else listed
            for part in split(getattr(record, field) or {}, TREE_PART):
                keys, values = tuple(part), tuple(part.values())
                sign = (len(keys), keys[0] if keys else "")
                name = self._stored(self.seen.get(sign, ()), keys, values)  # (most parts, most builds: no pickle)
                if name is None:
                    value = pickle.dumps(plain(part), 5)
                    key = part_key(value)
                    name = index.get(key)
                    if name is None:
                        name = os.urandom(8).hex()
                        self.keys[name], index[key] = key, name
                        new(name, value)
                now.setdefault(sign, []).append((name, keys, values))
                listed.append(name)
        used = {name for names in lists.values() for name in names or ()}
        self.keys = {name: key for name, key in self.keys.items() if name in used}
        self.seen = now
        return lists

    def _stored(self, seen: Iterable[tuple[str, tuple, tuple]], keys: tuple, values: tuple) -> str | None:
        """The name of a stored part that holds these paths and values, or None."""
        for name, their_keys, their_values in seen:
            if name in self.keys and their_keys == keys and their_values == values:
                return name
        return None
