"""Pickling for the cache and for hashing: dataclasses by their field values, fast both ways.

`stable_pickle` gives equal bytes for equal values in any process (for
fingerprints); `dumps` pickles for the cache and the worker processes, read back
by one made-to-measure function per class.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
import types
from collections.abc import Callable
from operator import attrgetter
from typing import Any


def digest(*parts: bytes | str) -> str:
    """A hex SHA-256 of parts, each length-prefixed so that they cannot run together (a path the locale cannot
    decode counts as its bytes)."""
    sha = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        sha.update(len(data).to_bytes(8, "little") + data)
    return sha.hexdigest()


class _StablePickler(pickle.Pickler):
    """Pickles dataclasses by their field values, without the slow generic path."""

    getters: dict[type, Callable[[Any], tuple] | None] = {}
    """Per dataclass type: a function giving its field values (derived data, safe to share)."""

    known: dict[int, str] = {}
    """id() of objects to pickle as just their key (entries loaded from the cache, shared views)."""
    shared: tuple[type, ...] = ()
    """Types of objects that many values hold: each is hashed once, then stands by its hash in `known`."""

    def reducer_override(self, obj: Any) -> Any:
        key = self.known.get(id(obj))
        if key is not None:
            return (str, (key,))
        kind = type(obj)
        try:
            getter = self.getters[kind]
        except KeyError:
            getter = self.getters[kind] = _field_getter(obj)
        if getter is None:
            return NotImplemented
        if kind in self.shared:
            return (str, (self.share(obj),))
        return (kind, getter(obj))

    def share(self, obj: Any) -> str:
        """Hash a shared value (met the first time) and note the hash as what stands for it from now on."""
        key = self.known[id(obj)] = hashlib.sha256(stable_pickle(obj)).hexdigest()
        return key


def _field_getter(obj: Any) -> Callable[[Any], tuple] | None:
    """A function giving a dataclass's field values as a tuple (None for other objects)."""
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return None
    names = tuple(f.name for f in dataclasses.fields(obj))
    single = attrgetter(*names)
    return single if len(names) > 1 else (lambda o: (single(o),))


class _FastPickler(pickle.Pickler):
    """Pickles dataclasses as (class, values...): read back by one made-to-measure function per class (_make)."""

    getters: dict[type, Callable[[Any], tuple] | None] = {}

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        try:
            getter = self.getters[kind]
        except KeyError:
            getter = self.getters[kind] = _field_getter(obj)
        if getter is None:
            return NotImplemented
        return (_make, (kind, *getter(obj)))


def _make(kind: type, *values: Any) -> Any:
    """A dataclass object from its field values in order (what _FastPickler wrote)."""
    maker = _MAKERS.get(kind)
    if maker is None:
        maker = _MAKERS[kind] = _maker(kind)
    return maker(*values)


_MAKERS: dict[type, Callable[..., Any]] = {}
"""Per dataclass type: its _maker (derived from the class alone, so safe to share)."""


def _maker(kind: type) -> Callable[..., Any]:
    """A function setting each field of a new object straight through its slot: no __init__, no
    frozen __setattr__, no loop (reading the cached entries back takes about a third less)."""
    names = [f.name for f in dataclasses.fields(kind)]
    scope: dict[str, Any] = {"new": object.__new__, "kind": kind, "setattr": object.__setattr__}
    lines = []
    for i, name in enumerate(names):
        slot = getattr(kind, name, None)
        if isinstance(slot, types.MemberDescriptorType):
            scope[f"s{i}"] = slot.__set__
            lines.append(f"    s{i}(o, v{i})\n")
        else:
            lines.append(f"    setattr(o, {name!r}, v{i})\n")
    args = ", ".join(f"v{i}" for i in range(len(names)))
    exec(f"def make({args}):\n    o = new(kind)\n{''.join(lines)}    return o\n", scope)  # noqa: S102 (our field names)
    return scope["make"]


def dumps(value: object) -> bytes:
    """Pickle for the cache (see _FastPickler)."""
    buffer = io.BytesIO()
    _FastPickler(buffer, protocol=5).dump(value)
    return buffer.getvalue()


_BY_VALUE = frozenset({str, int, tuple, list, dict, bool, float, type(None)})
"""Types always pickled by value, as _StablePickler does (a tuple can be in `known`: a page's inputs, by id)."""


class _KeyedPickler(_StablePickler):
    """A _StablePickler that writes a known object as its key alone (a persistent id): no reduce, no global to write
    for it. Asked about every object, strings too: for small values made mostly of known ones (a page's inputs)."""

    def persistent_id(self, obj: Any) -> str | None:
        if type(obj) in _BY_VALUE:
            return None
        key = self.known.get(id(obj))
        if key is None and type(obj) in self.shared:  # met the first time: as it will be every other time
            key = self.share(obj)
        return key


def stable_pickle(
    value: object, known: dict[int, str] | None = None, shared: tuple[type, ...] = (), keyed: bool = False
) -> bytes:
    """Pickle for hashing: equal values give equal bytes in any process (no memo).

    `known` maps id() of objects (alive while this runs) to a key that stands for
    them; objects of `shared` types are added to it as they are met. `keyed`: see _KeyedPickler."""
    buffer = io.BytesIO()
    pickler = (_KeyedPickler if keyed else _StablePickler)(buffer, protocol=5)
    pickler.known = {} if known is None else known
    pickler.shared = shared
    pickler.fast = True  # no memo: object identity does not show in the bytes
    pickler.dump(value)
    return buffer.getvalue()
