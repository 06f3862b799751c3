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
A page's locations of a word must be in page order (positions ascending), as FossickedPage has them. Two pages
with the same fragment (the same address) are refused: Pagefind's service keeps the later one in the earlier's place.

Speed (bench/shard_speed.py, 100-page shards of the synthetic corpus: 150 words and 430 locations a page):
build_shard of FossickedPages about 0.2-0.3 ms a page, against Pagefind's 1.7-2.2 ms (fossicking included). Most
of it is packing each page's locations (done in line from tables for the common cases: one location; two or three
unpacked; one weight and one form in a loop; two locations of two weights), which pack_page does once per page,
where the page is fossicked (in a worker, kept with the page in the cache); build_shard of packed pages then only
joins bytes: about 0.1-0.14 ms a page. What is left is mostly Python's cost per word and per location (about 0.3
microseconds a word of one weight, 1-2 a word of several weights or forms).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter, sub

from innosite.pages.pagefind_cbor import (
    ARRAY,
    DEFAULT_WEIGHT,
    MARK,
    NO_LOCATIONS,
    ONE_PLAIN,
    PAGE_HEADS,
    PLAIN_WEIGHT,
    SMALL,
    UINT,
    cbor_mark,
    cbor_uint,
    pack_locations,
    pack_meta_locations,
    page_head,
)
from innosite.pages.pagefind_format import sha1_hex, short_name
from innosite.pages.pagefind_merge import Run, Segments, Word
from innosite.pages.pagefind_page import FossickedPage, Location, MetaLocation

_FORM = itemgetter(2)
"""A location's form."""

_Located = tuple[int, int, "str | None"]
"""A Location or a MetaLocation (the form last)."""

_Entry = tuple[int, bytes, int]
"""A word's (or variant's) place on one page: page number, CBOR of its locations and meta locations, its size."""


class DuplicatePageError(ValueError):
    """Two pages of a shard have the same fragment (the same address): Pagefind keeps one page per address."""


@dataclass(frozen=True, slots=True)
class PackedPage:
    """A page's part of a shard's index, packed once (in the process that fossicked it, and kept with it): a shard
    is then made of its pages' parts by joining bytes."""

    fragment: bytes
    """The fragment's JSON."""
    sha1: str
    """Pagefind's hash of it (pagefind_format.sha1_hex)."""
    word_count: int
    meta_fields: tuple[str, ...]
    words: tuple[tuple[str, bytes, int], ...]
    """(indexed word, CBOR of its locations on the page and of no meta locations, its size) per word it has in its
    indexed form in the text."""
    variants: tuple[tuple[str, str, bytes, int], ...]
    """(indexed word, form, CBOR, size) per form of a word in the text, a word's forms in byte order."""
    meta_words: tuple[tuple[str, tuple[MetaLocation, ...]], ...]
    """As FossickedPage has them (packed with the shard: their numbers are the shard's fields')."""


def pack_page(page: FossickedPage) -> PackedPage:
    """A page's part of a shard's index (build_shard takes it instead of the page, for less work in the shard)."""
    own: defaultdict[str, list[_Entry]] = defaultdict(list)
    forms: defaultdict[str, dict[str, list[_Entry]]] = defaultdict(dict)
    _add_words(page.words, 0, own, forms)
    data = page.fragment.encode("utf-8")
    words = tuple((word, entries[0][1], entries[0][2]) for word, entries in own.items())
    variants = tuple(
        (word, form, entries[0][1], entries[0][2]) for word, found in forms.items() for form, entries in found.items()
    )
    return PackedPage(data, sha1_hex(data), page.word_count, page.meta_fields, words, variants, page.meta_words)


def build_shard(
    pages: Sequence[FossickedPage | PackedPage], lang: str, fields: Sequence[str] | None = None
) -> tuple[Segments, dict[str, bytes]]:
    """The Segments of Pagefind's index of these pages, in this order, and each page's fragment file (its path in
    the bundle -> the fragment's JSON, to be written packed (pagefind_format.pack)); `fields`: the meta fields
    of the language (all the shard's among them), to number the meta locations by, as read_shard(..., fields)."""
    own_fields = sorted({field for page in pages for field in page.meta_fields})
    if fields is None:
        fields = own_fields
    elif not set(own_fields) <= set(fields):
        raise ValueError(f"the pages have meta fields not in {list(fields)}: {sorted(set(own_fields) - set(fields))}")
    fields = tuple(fields)
    number_of = {field: number for number, field in enumerate(fields)}
    taken: dict[str, str] = {}
    seen: set[str] = set()
    listed: list[tuple[str, int, str]] = []
    fragments: dict[str, bytes] = {}
    own: defaultdict[str, list[_Entry]] = defaultdict(list)
    forms: defaultdict[str, dict[str, list[_Entry]]] = defaultdict(dict)
    for number, page in enumerate(pages):
        if isinstance(page, PackedPage):
            data, full = page.fragment, f"{lang}_{page.sha1}"
            _add_packed(page, number, own, forms)
        else:
            data = page.fragment.encode("utf-8")
            full = f"{lang}_{sha1_hex(data)}"
            _add_words(page.words, number, own, forms)
        if full in seen:
            raise DuplicatePageError(f"page {number} has the fragment of an earlier page (the same address twice)")
        seen.add(full)
        name = short_name(full, lang, taken)
        listed.append((name, page.word_count, full))
        fragments[f"fragment/{name}.pf_fragment"] = data
        if page.meta_words:
            remap = None if page.meta_fields == fields else [number_of[f] for f in page.meta_fields]
            _add_meta_words(page.meta_words, number, remap, own, forms)
    words = [_word(word, own.get(word, ()), forms.get(word)) for word in sorted(own.keys() | forms.keys())]
    return Segments(fields, tuple(listed), tuple(words)), fragments


def _add_packed(
    page: PackedPage, number: int, own: defaultdict[str, list[_Entry]], forms: defaultdict[str, dict[str, list[_Entry]]]
) -> None:
    """Add a packed page's words to the shard's, as _add_words adds a page's."""
    for word, packed, size in page.words:
        own[word].append((number, packed, size))
    for word, form, packed, size in page.variants:
        known = forms[word]
        found = known.get(form)
        if found is None:
            known[form] = [(number, packed, size)]
        else:
            found.append((number, packed, size))


def _add_words(
    words: Sequence[tuple[str, Sequence[Location]]],
    number: int,
    own: defaultdict[str, list[_Entry]],
    forms: defaultdict[str, dict[str, list[_Entry]]],
) -> None:
    """Add page `number`'s words to the shard's: an entry per word (ending in its empty meta locations), and its
    variants' (those of the forms in the text, in byte order). The common cases (one location; all of one weight
    and one form: two or three unpacked, more in a loop) are packed in line from tables, for speed: a shard's
    pages have tens of thousands of locations. A page's positions are below SMALL but on long pages."""
    uint, mark, array, one_plain = UINT, MARK, ARRAY, ONE_PLAIN
    for word, locations in words:
        count = len(locations)
        try:  # a number too large for the tables (IndexError): _add_word
            if count == 1:
                ((position, weight, original),) = locations
                if original is None and weight == PLAIN_WEIGHT:
                    packed = one_plain[position]
                    own[word].append((number, packed, 3))
                    continue
                if weight == DEFAULT_WEIGHT:
                    entry = (number, b"".join((array[1], uint[position], NO_LOCATIONS)), 2)
                else:
                    entry = (number, b"".join((array[2], mark[weight], uint[position], NO_LOCATIONS)), 3)
            elif count == 2:
                (first, weight, original), (second, other, form) = locations
                if form != original:
                    _add_word(word, locations, number, own, forms)
                    continue
                if weight == other != DEFAULT_WEIGHT:
                    packed = b"".join((array[3], mark[weight], uint[first], uint[second - first], NO_LOCATIONS))
                    entry = (number, packed, 4)
                elif weight == other:  # both of the weight packing starts from: no marks
                    entry = (number, b"".join((array[2], uint[first], uint[second - first], NO_LOCATIONS)), 3)
                else:  # two weights: by weight (25 first), both positions absolute
                    if (other == DEFAULT_WEIGHT or other < weight) and weight != DEFAULT_WEIGHT:
                        first, weight, second, other = second, other, first, weight
                    if weight == DEFAULT_WEIGHT:
                        packed = b"".join((array[3], uint[first], mark[other], uint[second], NO_LOCATIONS))
                        entry = (number, packed, 4)
                    else:
                        parts = (array[4], mark[weight], uint[first], mark[other], uint[second], NO_LOCATIONS)
                        entry = (number, b"".join(parts), 5)
            elif count == 3:
                (first, weight, original), (second, other, form), (third, last, end) = locations
                if weight != other or weight != last or form != original or end != original or weight == DEFAULT_WEIGHT:
                    _add_word(word, locations, number, own, forms)
                    continue
                packed = b"".join(
                    (array[4], mark[weight], uint[first], uint[second - first], uint[third - second], NO_LOCATIONS)
                )
                entry = (number, packed, 5)
            else:
                first, weight, original = locations[0]
                out, previous = [array[count + 1], mark[weight]], 0
                for position, other, form in locations:
                    if other != weight or form != original:
                        _add_word(word, locations, number, own, forms)
                        entry = None
                        break
                    out.append(uint[position - previous])
                    previous = position
                else:
                    if weight != DEFAULT_WEIGHT:
                        out.append(NO_LOCATIONS)
                        entry = (number, b"".join(out), count + 2)  # its numbers, and 1 for the page
                    else:
                        entry = (number, *pack_locations(locations))
        except IndexError:
            _add_word(word, locations, number, own, forms)
            continue
        if entry is None:  # added by _add_word
            continue
        if original is None:
            own[word].append(entry)
        else:
            _add_entry(forms[word], original, entry)


def _add_word(
    word: str,
    locations: Sequence[Location],
    number: int,
    own: defaultdict[str, list[_Entry]],
    forms: defaultdict[str, dict[str, list[_Entry]]],
) -> None:
    """Add page `number`'s entries of a word and of its variants, in any case (the forms in byte order)."""
    if len(locations) == 1:
        position, weight, form = locations[0]
        if weight == DEFAULT_WEIGHT:
            entry = (number, b"".join((ARRAY[1], cbor_uint(position), NO_LOCATIONS)), 2)
        else:
            entry = (number, b"".join((ARRAY[2], cbor_mark(weight), cbor_uint(position), NO_LOCATIONS)), 3)
        if form is None:
            own[word].append(entry)
        else:
            _add_entry(forms[word], form, entry)
        return
    original = locations[0][2]
    if [*map(_FORM, locations)].count(original) == len(locations):  # one form (of several weights): not split
        entry = (number, *pack_locations(locations))
        if original is None:
            own[word].append(entry)
        else:
            _add_entry(forms[word], original, entry)
        return
    plain, variants = _split(locations)
    if plain:
        own[word].append((number, *pack_locations(plain)))
    if variants:
        known = forms[word]
        for form in sorted(variants):
            _add_entry(known, form, (number, *pack_locations(variants[form])))


def _add_entry(known: dict[str, list[_Entry]], form: str, entry: _Entry) -> None:
    """Add a page's entry of a variant of a word (a new variant after those known)."""
    found = known.get(form)
    if found is None:
        known[form] = [entry]
    else:
        found.append(entry)


def _add_meta_words(
    words: Sequence[tuple[str, Sequence[MetaLocation]]],
    number: int,
    remap: list[int] | None,
    own: defaultdict[str, list[_Entry]],
    forms: defaultdict[str, dict[str, list[_Entry]]],
) -> None:
    """Add page `number`'s meta locations to its entries of the words (or new entries), and to its variants' (the
    forms not in the text after those in the text: Pagefind meets them after the page's text)."""
    for word, locations in words:
        if len(locations) == 1:  # the common case, in line
            ((field, position, form),) = locations
            meta = (b"".join((ARRAY[2], cbor_mark(field if remap is None else remap[field]), cbor_uint(position))), 2)
            _add_meta(own[word] if form is None else forms[word].setdefault(form, []), number, meta)
            continue
        plain, variants = _split(locations)
        if plain:
            _add_meta(own[word], number, pack_meta_locations(plain, remap))
        if variants:
            known = forms[word]
            for form in sorted(variants):
                _add_meta(known.setdefault(form, []), number, pack_meta_locations(variants[form], remap))


def _add_meta(entries: list[_Entry], number: int, meta: tuple[bytes, int]) -> None:
    """Put a page's meta locations of a word into its entry of the page (made of the text: its last), or a new one."""
    packed, size = meta
    if entries and entries[-1][0] == number:
        _, text, text_size = entries[-1]
        entries[-1] = (number, text[:-1] + packed, text_size + size)  # text ends in its empty meta locations
    else:
        entries.append((number, NO_LOCATIONS + packed, size + 1))


def _split(locations: Sequence[_Located]) -> tuple[list[_Located], dict[str, list[_Located]]]:
    """A word's locations on a page: those in its indexed form, and those of each other form."""
    plain: list[_Located] = []
    variants: dict[str, list[_Located]] = {}
    for location in locations:
        form = location[2]
        if form is None:
            plain.append(location)
        elif form in variants:
            variants[form].append(location)
        else:
            variants[form] = [location]
    return plain, variants


def _word(word: str, entries: Sequence[_Entry], variants: dict[str, list[_Entry]] | None) -> Word:
    """A word of the shard as read_shard reads it: its text, size, run of pages and its variants' runs."""
    run, size = _run(entries)
    return word, size, run, tuple((form, _run(found)[0]) for form, found in variants.items()) if variants else ()


def _run(entries: Sequence[_Entry]) -> tuple[Run, int]:
    """A page list's Run (the CBOR of its pages after the first one's number, the others' numbers as deltas) and
    its size."""
    if not entries:
        return (-1, -1, 0, b""), 0
    if len(entries) == 1:
        number, one, size = entries[0]
        return (number, number, 1, one), size
    numbers, packed, sizes = zip(*entries, strict=True)
    parts = [packed[0]] * (2 * len(numbers) - 1)  # the first page's bytes, then each page's head and bytes
    head_of = PAGE_HEADS.__getitem__ if numbers[-1] < SMALL else page_head
    parts[1::2] = map(head_of, map(sub, numbers[1:], numbers))
    parts[2::2] = packed[1:]
    return (numbers[0], numbers[-1], len(numbers), b"".join(parts)), sum(sizes)
