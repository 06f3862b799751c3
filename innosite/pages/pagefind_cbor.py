"""A page's locations of a word packed as Pagefind 1.5.2 packs them in its index (CBOR), quickly: the heads of
small numbers come from tables (pure). See pages/pagefind_shard.py for the format.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from innosite.pages.pagefind_format import head
from innosite.pages.pagefind_page import Location, MetaLocation

SMALL = 4096
"""Numbers below this have their CBOR heads in tables."""

UINT = [head(0, n) for n in range(SMALL)]
"""CBOR of the non-negative numbers below SMALL (positions and their deltas, page numbers)."""

MARK = [head(1, n) for n in range(SMALL)]
"""CBOR of -(n) - 1 (a weight change to n, or the start of meta field n)."""

ARRAY = [head(4, n) for n in range(SMALL)]
"""Heads of arrays of up to SMALL items."""

DEFAULT_WEIGHT = 25
"""The weight Pagefind's packing starts from (and sorts first): 25, though a plain word's weight is 24."""

PAGE = b"\x83"
"""The head of a page: [number, locations, meta locations]."""

NO_LOCATIONS = b"\x80"
"""An empty list of locations."""

PLAIN_WEIGHT = 24
"""The weight of a word outside headings and weighted elements (1.0)."""

ONE_PLAIN = [ARRAY[2] + MARK[PLAIN_WEIGHT] + UINT[n] + NO_LOCATIONS for n in range(SMALL)]
"""A page's entry of a word it has once, with weight 24, at position n: locations [-25, n], no meta locations."""

PAGE_HEADS = [PAGE + UINT[n] for n in range(SMALL)]
"""The head of a page and its number (a delta)."""

WEIGHT = itemgetter(1)
"""A location's weight."""


def pack_locations(locations: Sequence[Location]) -> tuple[bytes, int]:
    """The CBOR of a page's locations of a word (in one form) as Pagefind packs them followed by its empty meta
    locations, and its size (the numbers, and 1 for the page). The locations are in page order (positions
    ascending), so sorting them by weight alone (stable) sorts them by weight and position."""
    if len(locations) > 1:
        if DEFAULT_WEIGHT in map(WEIGHT, locations):
            locations = sorted(locations, key=_weight_order)
        else:
            locations = sorted(locations, key=WEIGHT)
    uint, mark = UINT, MARK
    out = [b""]
    current, last = DEFAULT_WEIGHT, 0
    try:
        for position, weight, _ in locations:
            if weight != current:
                out.append(mark[weight])
                out.append(uint[position])
                current = weight
            else:
                out.append(uint[position - last])
            last = position
    except IndexError:  # a number too large for the tables
        return pack_locations_large(locations)
    out[0] = cbor_array(len(out) - 1)
    out.append(NO_LOCATIONS)
    return b"".join(out), len(out) - 1


def pack_locations_large(locations: Sequence[Location]) -> tuple[bytes, int]:
    """pack_locations of locations in Pagefind's order, whatever their numbers."""
    out: list[bytes] = []
    current, last = DEFAULT_WEIGHT, 0
    for position, weight, _ in locations:
        if weight != current:
            out.append(cbor_mark(weight))
            out.append(cbor_uint(position))
            current = weight
        else:
            out.append(cbor_uint(position - last))
        last = position
    return b"".join((cbor_array(len(out)), *out, NO_LOCATIONS)), len(out) + 1


def _weight_order(location: Location) -> tuple[int, int]:
    """Pagefind's order of a page's locations of a word: weight (25 first), then position."""
    weight = location[1]
    return (0 if weight == DEFAULT_WEIGHT else weight, location[0])


def pack_meta_locations(locations: Sequence[MetaLocation], remap: list[int] | None) -> tuple[bytes, int]:
    """The CBOR of a word's meta locations on a page (in one form) as Pagefind packs them, and how many numbers;
    `remap`: the shard's number of each of the page's fields."""
    if remap is not None:
        locations = [(remap[field], position, form) for field, position, form in locations]
    out: list[bytes] = []
    current, last = -1, 0
    for field, position, _ in sorted(locations, key=_field_order):
        if field != current:
            out.append(cbor_mark(field))
            current, last = field, 0
        out.append(cbor_uint(position - last))
        last = position
    return cbor_array(len(out)) + b"".join(out), len(out)


def _field_order(location: MetaLocation) -> tuple[int, int]:
    """Pagefind's order of a page's meta locations of a word: field, then position."""
    return location[0], location[1]


def page_head(delta: int) -> bytes:
    """The head of a page and its number, a delta from the previous page's."""
    return PAGE_HEADS[delta] if delta < SMALL else PAGE + head(0, delta)


def cbor_uint(n: int) -> bytes:
    """The CBOR of a non-negative number."""
    return UINT[n] if n < SMALL else head(0, n)


def cbor_mark(n: int) -> bytes:
    """The CBOR of -(n) - 1."""
    return MARK[n] if n < SMALL else head(1, n)


def cbor_array(n: int) -> bytes:
    """The head of an array of n items."""
    return ARRAY[n] if n < SMALL else head(4, n)
