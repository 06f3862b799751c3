"""Pagefind indexes of one language's shards merged into the index Pagefind makes of all their pages at once (pure).

Pagefind's index of a language is a pure function of its pages, in order (pages/pagefind_format.py). Merging
shard k after shards 0..k-1 adds their page count to its page numbers; in a word's page list only the first
page of each shard changes (its delta from the word's previous page), the rest is the shard's bytes as they are.
So each shard is read once, when it is indexed, into `Segments` (per word: its first and last page, how many,
its size, and the CBOR of its pages after the first page's number), and a merge only joins bytes.
A shard whose meta fields differ from the language's (its pages lack a field others have) is read again with
its meta locations renumbered (`read_shard(..., fields)`).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import cbor2

from innosite.pages.pagefind_format import (
    CHUNK_SIZE,
    FormatError,
    head,
    sha1_hex,
    short_name,
    text,
    unpack,
    unpadded_hex,
)

Run = tuple[int, int, int, bytes]
"""A word's (or variant's) pages in one shard: first and last page (shard numbers), how many, and the CBOR of the
pages after the first page's number (the first page's locations onwards). A plain tuple: a site has hundreds of
thousands, read from the cache on every build that merges."""


Word = tuple[str, int, Run, tuple[tuple[str, Run], ...]]
"""(text, size as Pagefind counts it for chunks, its pages, ((variant form, its pages)...))."""


@dataclass(frozen=True, slots=True)
class Segments:
    """One shard's index, ready to merge."""

    fields: tuple[str, ...]
    """The meta fields, in Pagefind's order (meta locations number them)."""
    pages: tuple[tuple[str, int, str], ...]
    """(fragment name in the shard, word count, full hash `lang_<sha1>`) in page order."""
    words: tuple[Word, ...]
    """In word order."""


@dataclass(frozen=True, slots=True)
class Merged:
    """A language's whole index: its metadata file, its chunks and where each fragment comes from."""

    meta_name: str
    """`<lang>_<hash>`: the metadata file is `pagefind.<meta_name>.pf_meta`."""
    page_count: int
    meta: bytes
    """The metadata's CBOR (pack it to write it)."""
    chunks: dict[str, bytes]
    """Chunk name -> its CBOR (empty when merge() handed them to a sink)."""
    fragments: tuple[tuple[str, int, str], ...]
    """(name in the merged index, shard number, name in the shard)."""


def meta_of(files: Mapping[str, bytes], meta_name: str) -> list:
    """A shard's metadata, decoded."""
    try:
        return cbor2.loads(unpack(files[f"pagefind.{meta_name}.pf_meta"], "the index metadata"))
    except cbor2.CBORDecodeError as exc:  # not a ValueError in cbor2 6
        raise FormatError(f"the index metadata is not Pagefind 1.5's ({exc})") from exc


def read_shard(files: Mapping[str, bytes], meta_name: str, lang: str, fields: list[str] | None = None) -> Segments:
    """A shard's Segments from the files Pagefind wrote for it (path in the bundle -> bytes); `fields`: renumber
    the meta locations to these."""
    meta = meta_of(files, meta_name)
    if meta[3] or meta[4]:
        raise FormatError(
            "the pages have search filters or sorts (data-pagefind-filter, data-pagefind-sort),"
            " which the index in shards cannot merge"
        )
    remap = None if fields is None or list(meta[5]) == fields else [fields.index(f) for f in meta[5]]
    pages = tuple(
        (name, count, f"{lang}_{sha1_hex(unpack(files[f'fragment/{name}.pf_fragment'], name))}")
        for name, count in meta[1]
    )
    words = [word for chunk in meta[2] for word in _words(unpack(files[f"index/{chunk[2]}.pf_index"], chunk[2]), remap)]
    names = fields if fields is not None and remap is not None else meta[5]
    return Segments(tuple(names), pages, tuple(words))


def _words(raw: bytes, remap: list[int] | None) -> list[Word]:
    """A chunk's words (CBOR [[word...]]); each page list is decoded only to count it, its bytes are kept as
    Pagefind wrote them (cbor2 writes the same: shortest heads), which saves encoding them again."""
    at = _decoder(raw)
    count, pos = _head(raw, _opened(raw, 0, 0x81), 4)
    words: list[Word] = []
    for _ in range(count):
        word, pos = _text(raw, _opened(raw, pos, 0x83))
        wpages, end = at(pos)
        run, size = _run(wpages, raw, pos, end, remap) if wpages else ((-1, -1, 0, b""), 0)
        n, pos = _head(raw, end, 4)
        variants = []
        for _ in range(n):
            form, pos = _text(raw, _opened(raw, pos, 0x82))
            vpages, end = at(pos)
            variants.append((form, _run(vpages, raw, pos, end, remap)[0]))
            pos = end
        words.append((word, size, run, tuple(variants)))
    return words


def _decoder(raw: bytes) -> Callable[[int], tuple[list, int]]:
    """A function that decodes the CBOR item at a position of raw: (the item, the position after it)."""
    stream = io.BytesIO(raw)
    decode = cbor2.CBORDecoder(stream).decode

    def at(pos: int) -> tuple[list, int]:
        stream.seek(pos)
        try:
            return decode(), stream.tell()
        except cbor2.CBORDecodeError as exc:  # not a ValueError in cbor2 6
            raise FormatError(f"an index chunk is not Pagefind 1.5's ({exc})") from exc

    return at


def _opened(raw: bytes, pos: int, initial: int) -> int:
    """The position after the list head at pos, which must be `initial` (a list of that many items)."""
    if raw[pos] != initial:
        raise FormatError("an index chunk is not Pagefind 1.5's [[[text, [page...], [variant...]]...]]")
    return pos + 1


def _head(raw: bytes, pos: int, major: int) -> tuple[int, int]:
    """The number in the CBOR head at pos, of that major type, and where its item goes on."""
    initial = raw[pos]
    if initial >> 5 != major:
        raise FormatError(f"an index chunk has another CBOR item where it should have major type {major}")
    n = initial & 31
    if n < 24:
        return n, pos + 1
    if n > 27:
        raise FormatError("an index chunk has an indefinite or reserved CBOR head")
    width = 1 << (n - 24)
    return int.from_bytes(raw[pos + 1 : pos + 1 + width], "big"), pos + 1 + width


def _text(raw: bytes, pos: int) -> tuple[str, int]:
    """The CBOR text string at pos, and the position after it."""
    n, start = _head(raw, pos, 3)
    return raw[start : start + n].decode("utf-8"), start + n


def _run(pages: list, raw: bytes, start: int, end: int, remap: list[int] | None) -> tuple[Run, int]:
    """A page list as decoded (page numbers as deltas) and where its CBOR is in raw -> its Run, and its size as
    Pagefind counts it for chunks."""
    size = last = 0
    for delta, locations, meta in pages:
        size += len(locations) + len(meta)
        last += delta
    first = pages[0][0]
    skip = len(head(4, len(pages))) + 1 + len(head(0, first))  # the list's head, the first page's head and number
    if remap is not None and any(p[2] for p in pages):
        return (first, last, len(pages), _renumbered(pages, remap)[skip:]), size + len(pages)
    return (first, last, len(pages), raw[start + skip : end]), size + len(pages)


def _renumbered(pages: list, remap: list[int]) -> bytes:
    """The CBOR of a page list with its meta locations renumbered (stored as -(field number) - 1)."""
    return cbor2.dumps([[p[0], p[1], [-(remap[-v - 1]) - 1 if v < 0 else v for v in p[2]]] for p in pages])


def merge(
    lang: str, version: str, shards: list[Segments], sink: Callable[[str, bytes, str], None] | None = None
) -> Merged:
    """The language's index from its shards' Segments (all with the same fields), in order; with a sink, each
    chunk is handed to it (name, CBOR, the CBOR's SHA-1 in hex) as soon as it is made, and not kept
    in the result (a site's chunks are megabytes)."""
    fields = list(shards[0].fields)
    if any(list(shard.fields) != fields for shard in shards):
        raise ValueError("shards with other meta fields: read them again with the language's (read_shard)")
    taken: dict[str, str] = {}
    pages, fragments, offsets, offset = [], [], [], 0
    for k, shard in enumerate(shards):
        offsets.append(offset)
        for name, count, full in shard.pages:
            short = short_name(full, lang, taken)
            pages.append([short, count])
            fragments.append((short, k, name))
        offset += len(shard.pages)
    named: dict[str, bytes] = {}
    chunk_meta = []
    chunk_taken: dict[str, str] = {}
    for first, last, raw in _chunks(shards, offsets):
        sha1 = hashlib.sha1(raw).digest()  # noqa: S324 (Pagefind's names)
        name = short_name(f"{lang}_{unpadded_hex(sha1)}", lang, chunk_taken)
        if sink is None:
            named[name] = raw
        else:
            sink(name, raw, sha1.hex())
        chunk_meta.append([first, last, name])
    for i in range(len(chunk_meta) - 1):  # Pagefind's bounds: the shortest prefixes that tell chunks apart
        a, b = _prefixes(chunk_meta[i][1], chunk_meta[i + 1][0])
        if a >= chunk_meta[i][0]:
            chunk_meta[i][1] = a
        chunk_meta[i + 1][0] = b
    meta = cbor2.dumps([version, pages, chunk_meta, [], [], fields])
    return Merged(f"{lang}_{sha1_hex(meta)[: len(lang) + 8]}", len(pages), meta, named, tuple(fragments))


def _chunks(shards: list[Segments], offsets: list[int]) -> Iterator[tuple[str, str, bytes]]:
    """(first word, last word, CBOR) of each chunk of the merged words; a chunk ends after the word that brings
    its size to CHUNK_SIZE."""
    parts: list[bytes] = []
    first: str | None = None
    word = ""
    size = count = 0
    for word, word_size, word_parts in _merged(shards, offsets):
        parts += word_parts
        count += 1
        size += word_size
        first = word if first is None else first
        if size >= CHUNK_SIZE:
            yield first, word, b"".join((b"\x81", head(4, count), *parts))
            parts, first, size, count = [], None, 0, 0
    if parts:
        yield first or "", word, b"".join((b"\x81", head(4, count), *parts))


def _merged(shards: list[Segments], offsets: list[int]) -> Iterator[tuple[str, int, list[bytes]]]:
    """Each word of the shards in word order: its text, its size, and its CBOR in parts (its pages in all
    shards joined: in each shard's run only the first page's number changes)."""
    word: str | None = None
    parts: list[bytes] = []
    size = total = last = 0
    variants: list[tuple[int, Word]] = []
    for offset, w in _in_order(shards, offsets):
        if w[0] != word:
            if word is not None:
                yield word, size, _closed(parts, total, variants)
            word, parts, size, total, last, variants = w[0], [text(w[0], b"\x83"), b""], 0, 0, 0, []
        first, end, count, rest = w[2]
        if count:
            delta = first + offset - last
            parts += (_PAGE[delta] if delta < 256 else b"\x83" + head(0, delta), rest)
            last = end + offset
            total += count
        size += w[1]
        if w[3]:
            variants.append((offset, w))
    if word is not None:
        yield word, size, _closed(parts, total, variants)


def _in_order(shards: list[Segments], offsets: list[int]) -> Iterator[tuple[int, Word]]:
    """(offset of its shard, word) of all the words of the shards in word order, those of one text in shard order
    (a stable sort of the shards' word lists, each already in order)."""
    words = [w for shard in shards for w in shard.words]
    where = [offset for offset, shard in zip(offsets, shards, strict=True) for _ in shard.words]
    order = sorted(range(len(words)), key=[w[0] for w in words].__getitem__)
    return zip(map(where.__getitem__, order), map(words.__getitem__, order), strict=True)


def _closed(parts: list[bytes], pages: int, variants: list[tuple[int, Word]]) -> list[bytes]:
    """A word's parts with the head of its page list (parts[1]) and its list of variants."""
    parts[1] = _LIST[pages] if pages < 24 else head(4, pages)
    if variants:
        _variants(variants, parts)
    else:
        parts.append(b"\x80")
    return parts


def _variants(group: list[tuple[int, Word]], out: list[bytes]) -> None:
    """Append the list of a word's variants, each with its pages in all the shards of the group."""
    forms: dict[str, list[tuple[int, Run]]] = {}
    for offset, w in group:
        for form, run in w[3]:
            forms.setdefault(form, []).append((offset, run))
    out.append(head(4, len(forms)))
    for form, runs in forms.items():
        out.append(text(form, b"\x82"))
        _join(runs, out)


def _join(runs: list[tuple[int, Run]], out: list[bytes]) -> None:
    """Append a page list made of the runs of several shards (offset, run), in page order."""
    out.append(head(4, sum([run[2] for _, run in runs])))
    last = 0
    for offset, (first, end, count, rest) in runs:
        if count:
            delta = first + offset - last
            out.append(_PAGE[delta] if delta < 256 else b"\x83" + head(0, delta))
            out.append(rest)
            last = end + offset


_PAGE = [b"\x83" + head(0, n) for n in range(256)]
"""The head of a page and its number (a delta), for the small numbers most pages have."""

_LIST = [head(4, n) for n in range(24)]
"""The heads of short lists."""


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """The shortest prefixes of a and b that differ."""
    common = 0
    for x, y in zip(b, a, strict=False):
        if x != y:
            break
        common += 1
    return a[: common + 1], b[: common + 1]
