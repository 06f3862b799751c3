"""Values as the cache stores them: a large dict in parts, joined back in order; lists in runs."""

from __future__ import annotations

from collections.abc import Iterator


def split(items: dict, size: int) -> Iterator[dict]:
    """A dict in parts of `size` items, in its order."""
    pairs = list(items.items())
    for start in range(0, len(pairs), size):
        yield dict(pairs[start : start + size])


def joined(names: list[str] | None, parts: dict[str, dict]) -> dict | None:
    """The dict whose parts are named, in their order (None stays None)."""
    if names is None:
        return None
    joined: dict = {}
    for name in names:
        joined.update(parts[name])
    return joined


def plain(part: dict) -> dict:
    """Named tuples as plain tuples: pickled and read back without a Python call per item."""
    return {key: tuple(value) if isinstance(value, tuple) else value for key, value in part.items()}


def chunks(items: list, size: int) -> Iterator[list]:
    """A list in runs of `size` items (SQLite takes a limited number of values per query)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
