"""A shard's index made here of its pages as Pagefind fossicks them: the Segments that pages/pagefind_merge.py reads
of the files Pagefind 1.5.2 writes when it indexes the same pages in one run, without running Pagefind (pure).

What Pagefind does (pagefind/src/index/mod.rs, build_indexes), and so what is done here:
- the meta fields are the pages' meta keys, all of them, sorted; each page's field numbers are renumbered to them;
- page k's fragment is named `<lang>_` + 7 hex of the SHA-1 of its JSON, lengthened while it collides with an
  earlier page's name (pagefind_format.short_name);
- a word's page lists (its own and each diacritics variant's) hold, per page, the positions of the word where the
  page has it in that form, packed: sorted by weight (25 first) and position, deltas of positions, a change of
  weight written as -(weight) - 1 followed by the absolute position, the weight starting at 25; and the meta
  locations: sorted by field and position, -(field) - 1 before each field's deltas from 0;
- a word's variants are in the order they first occur: page by page, within a page the forms in the text in
  byte order, then those of the meta fields only in byte order;
- a word's size (for chunks) counts its own pages only: each page's locations, meta locations and 1.
"""

from __future__ import annotations

from collections.abc import Sequence

from innosite.pages.pagefind_format import head, sha1_hex, short_name
from innosite.pages.pagefind_merge import Run, Segments, Word
from innosite.pages.pagefind_page import FossickedPage, Location, MetaLocation

_SMALL = 4096
"""Numbers below this have their CBOR heads in tables."""

_UINT = [head(0, n) for n in range(_SMALL)]
"""CBOR of the non-negative numbers below _SMALL (positions and their deltas, page numbers)."""

_MARK = [head(1, n) for n in range(_SMALL)]
"""CBOR of -(n) - 1 (a weight change to n, or the start of meta field n)."""

_ARRAY = [head(4, n) for n in range(_SMALL)]
"""Heads of arrays of up to _SMALL items."""

_DEFAULT_WEIGHT = 25
"""The weight Pagefind's packing starts from (and sorts first): 25, though a plain word's weight is 24."""

_PAGE = b"\x83"
"""The head of a page: [number, locations, meta locations]."""

_NO_LOCATIONS = b"\x80"
"""An empty list of locations."""

_Entry = tuple[int, bytes, int]
"""A word's (or variant's) place on one page: page number, CBOR of its locations and meta locations, its size."""


class DuplicatePageError(ValueError):
    """Two pages of a shard have the same fragment (the same address): Pagefind keeps one page per address."""


def build_shard(pages: Sequence[FossickedPage], lang: str) -> tuple[Segments, dict[str, bytes]]:
    """The Segments of Pagefind's index of these pages, in this order, and each page's fragment file (its path in
    the bundle -> the fragment's JSON, to be written packed (pagefind_format.pack))."""
    fields = tuple(sorted({field for page in pages for field in page.meta_fields}))
    number_of = {field: number for number, field in enumerate(fields)}
    taken: dict[str, str] = {}
    seen: set[str] = set()
    listed: list[tuple[str, int, str]] = []
    fragments: dict[str, bytes] = {}
    own: dict[str, list[_Entry]] = {}
    forms: dict[str, dict[str, list[_Entry]]] = {}
    for number, page in enumerate(pages):
        data = page.fragment.encode("utf-8")
        full = f"{lang}_{sha1_hex(data)}"
        if full in seen:
            raise DuplicatePageError(f"page {number} has the fragment of an earlier page (the same address twice)")
        seen.add(full)
        name = short_name(full, lang, taken)
        listed.append((name, page.word_count, full))
        fragments[f"fragment/{name}.pf_fragment"] = data
        remap = None if page.meta_fields == fields else [number_of[f] for f in page.meta_fields]
        _add_page(page, number, remap, own, forms)
    words = [_word(word, own.get(word, ()), forms.get(word)) for word in sorted(own.keys() | forms.keys())]
    return Segments(fields, tuple(listed), tuple(words)), fragments


def _add_page(
    page: FossickedPage,
    number: int,
    remap: list[int] | None,
    own: dict[str, list[_Entry]],
    forms: dict[str, dict[str, list[_Entry]]],
) -> None:
    """Add a page's words to the shard's: each word's entry for this page, and its variants'."""
    metas: dict[str, tuple[bytes, int, dict[str, list[MetaLocation]] | None]] = {}
    for word, locations in page.meta_words:
        metas[word] = _packed_meta(locations, remap)
    for word, locations in page.words:
        variants: dict[str, list[Location]] | None = None
        plain: list[Location] | tuple[Location, ...] = locations
        for location in locations:
            if location[2] is not None:
                plain, variants = _split(locations)
                break
        meta = metas.pop(word, None)
        if plain:
            locs, size = _packed(plain)
            if meta is not None and meta[1]:
                own.setdefault(word, []).append((number, locs + meta[0], size + meta[1] + 1))
            else:
                own.setdefault(word, []).append((number, locs + _NO_LOCATIONS, size + 1))
        elif meta is not None and meta[1]:
            own.setdefault(word, []).append((number, _NO_LOCATIONS + meta[0], meta[1] + 1))
        if variants is not None or (meta is not None and meta[2] is not None):
            _add_variants(word, number, variants, meta[2] if meta is not None else None, remap, forms)
    for word, (packed, size, meta_variants) in metas.items():  # words of the meta fields only
        if size:
            own.setdefault(word, []).append((number, _NO_LOCATIONS + packed, size + 1))
        if meta_variants is not None:
            _add_variants(word, number, None, meta_variants, remap, forms)


def _add_variants(
    word: str,
    number: int,
    text: dict[str, list[Location]] | None,
    meta: dict[str, list[MetaLocation]] | None,
    remap: list[int] | None,
    forms: dict[str, dict[str, list[_Entry]]],
) -> None:
    """Add a page's entries of a word's variants: the forms in the text in byte order, then the other forms of the
    meta fields in byte order (the order in which Pagefind first meets them)."""
    known = forms.setdefault(word, {})
    meta = meta or {}
    for form in sorted(text) if text else ():
        locs, size = _packed(text[form])
        if form in meta:
            packed, meta_size, _ = _packed_meta(meta.pop(form), remap, plain=True)
            known.setdefault(form, []).append((number, locs + packed, size + meta_size + 1))
        else:
            known.setdefault(form, []).append((number, locs + _NO_LOCATIONS, size + 1))
    for form in sorted(meta):
        packed, meta_size, _ = _packed_meta(meta[form], remap, plain=True)
        known.setdefault(form, []).append((number, _NO_LOCATIONS + packed, meta_size + 1))


def _split(locations: Sequence[Location]) -> tuple[list[Location], dict[str, list[Location]]]:
    """A word's locations on a page: those in its indexed form, and those of each other form."""
    plain: list[Location] = []
    variants: dict[str, list[Location]] = {}
    for location in locations:
        form = location[2]
        if form is None:
            plain.append(location)
        else:
            variants.setdefault(form, []).append(location)
    return plain, variants


def _packed(locations: Sequence[Location]) -> tuple[bytes, int]:
    """The CBOR of a word's locations on a page (in one form) as Pagefind packs them, and how many numbers."""
    if len(locations) == 1:
        position, weight, _ = locations[0]
        if weight == _DEFAULT_WEIGHT:
            return b"\x81" + _uint(position), 1
        return b"\x82" + _MARK[weight] + _uint(position), 2
    weights = {location[1] for location in locations}
    if len(weights) > 1 or _DEFAULT_WEIGHT in weights:
        locations = sorted(locations, key=_weight_order)  # else in page order already: positions ascending
    out: list[bytes] = []
    current, last = _DEFAULT_WEIGHT, 0
    for position, weight, _ in locations:
        if weight != current:
            out.append(_MARK[weight])
            out.append(_uint(position))
            current = weight
        else:
            out.append(_uint(position - last))
        last = position
    return _array(len(out)) + b"".join(out), len(out)


def _weight_order(location: Location) -> tuple[int, int]:
    """Pagefind's order of a page's locations of a word: weight (25 first), then position."""
    weight = location[1]
    return (0 if weight == _DEFAULT_WEIGHT else weight, location[0])


def _packed_meta(
    locations: Sequence[MetaLocation], remap: list[int] | None, plain: bool = False
) -> tuple[bytes, int, dict[str, list[MetaLocation]] | None]:
    """The CBOR of a word's meta locations on a page in its indexed form (all of them when plain), how many
    numbers, and the locations of its other forms (None: there are none)."""
    variants: dict[str, list[MetaLocation]] | None = None
    if not plain and any(location[2] is not None for location in locations):
        variants = {}
        kept = []
        for location in locations:
            if location[2] is None:
                kept.append(location)
            else:
                variants.setdefault(location[2], []).append(location)
        locations = kept
    if remap is not None:
        locations = [(remap[field], position, form) for field, position, form in locations]
    out: list[bytes] = []
    current, last = -1, 0
    for field, position, _ in sorted(locations, key=_field_order):
        if field != current:
            out.append(_MARK[field])
            current, last = field, 0
        out.append(_uint(position - last))
        last = position
    return _array(len(out)) + b"".join(out), len(out), variants


def _field_order(location: MetaLocation) -> tuple[int, int]:
    """Pagefind's order of a page's meta locations of a word: field, then position."""
    return location[0], location[1]


def _word(word: str, entries: Sequence[_Entry], variants: dict[str, list[_Entry]] | None) -> Word:
    """A word of the shard as read_shard reads it: its text, size, run of pages and its variants' runs."""
    run, size = _run(entries)
    return word, size, run, tuple((form, _run(found)[0]) for form, found in variants.items()) if variants else ()


def _run(entries: Sequence[_Entry]) -> tuple[Run, int]:
    """A page list's Run (the CBOR of its pages after the first one's number, the others' numbers as deltas) and
    its size."""
    if not entries:
        return (-1, -1, 0, b""), 0
    first, packed, size = entries[0]
    parts = [packed]
    last = first
    for number, packed, entry_size in entries[1:]:
        parts.append(_PAGE)
        parts.append(_uint(number - last))
        parts.append(packed)
        size += entry_size
        last = number
    return (first, last, len(entries), b"".join(parts)), size


def _uint(n: int) -> bytes:
    """The CBOR of a non-negative number."""
    return _UINT[n] if n < _SMALL else head(0, n)


def _array(n: int) -> bytes:
    """The head of an array of n items."""
    return _ARRAY[n] if n < _SMALL else head(4, n)
