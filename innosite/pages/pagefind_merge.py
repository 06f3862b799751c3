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

import heapq
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import cbor2

from innosite.pages.pagefind_format import CHUNK_SIZE, FormatError, head, sha1_hex, short_name, text, unpack

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
    return cbor2.loads(unpack(files[f"pagefind.{meta_name}.pf_meta"], "the index metadata"))


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
        size = sum(len(p[1]) + len(p[2]) for p in wpages) + len(wpages)
        run = _run(wpages, raw[pos:end], remap) if wpages else (-1, -1, 0, b"")
        n, pos = _head(raw, end, 4)
        variants = []
        for _ in range(n):
            form, pos = _text(raw, _opened(raw, pos, 0x82))
            vpages, end = at(pos)
            variants.append((form, _run(vpages, raw[pos:end], remap)))
            pos = end
        words.append((word, size, run, tuple(variants)))
    return words


def _decoder(raw: bytes) -> Callable[[int], tuple[list, int]]:
    """A function that decodes the CBOR item at a position of raw: (the item, the position after it)."""
    stream = io.BytesIO(raw)
    decode = cbor2.CBORDecoder(stream, read_size=256).decode  # most page lists are short

    def at(pos: int) -> tuple[list, int]:
        stream.seek(pos)
        return decode(), stream.tell()

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


def _run(pages: list, data: bytes, remap: list[int] | None) -> Run:
    """A page list as decoded (page numbers as deltas) and its CBOR -> a Run."""
    first = pages[0][0]
    if remap is not None and any(p[2] for p in pages):  # meta locations are stored as -(field number) - 1
        pages = [[p[0], p[1], [-(remap[-v - 1]) - 1 if v < 0 else v for v in p[2]]] for p in pages]
        data = cbor2.dumps(pages)
    skip = len(head(4, len(pages))) + 1 + len(head(0, first))  # the list's head, the first page's head and number
    return (first, sum(p[0] for p in pages), len(pages), data[skip:])


def merge(lang: str, version: str, shards: list[Segments], sink: Callable[[str, bytes], None] | None = None) -> Merged:
    """The language's index from its shards' Segments (all with the same fields), in order; with a sink, each
    chunk is handed to it (name, CBOR) as soon as it is made, and not kept in the result (a site's chunks are
    megabytes)."""
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
        name = short_name(f"{lang}_{sha1_hex(raw)}", lang, chunk_taken)
        if sink is None:
            named[name] = raw
        else:
            sink(name, raw)
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
    size = count = 0
    for group in _groups(shards):
        word = group[0][1][0]
        runs = [(offsets[k], w[2]) for k, w in group]
        forms: dict[str, list[tuple[int, Run]]] = {}
        for k, w in group:
            for form, run in w[3]:
                forms.setdefault(form, []).append((offsets[k], run))
        parts += (b"\x83", text(word))
        _join(runs, parts)
        parts.append(head(4, len(forms)))
        for form, vruns in forms.items():
            parts += (b"\x82", text(form))
            _join(vruns, parts)
        count += 1
        size += sum(w[1] for _, w in group)
        first = word if first is None else first
        if size >= CHUNK_SIZE:
            yield first, word, b"\x81" + head(4, count) + b"".join(parts)
            parts, first, size, count = [], None, 0, 0
    if parts:
        yield first or "", word, b"\x81" + head(4, count) + b"".join(parts)


def _groups(shards: list[Segments]) -> Iterator[list[tuple[int, Word]]]:
    """The words of all shards in word order, those of one text together: [(shard number, word)...]."""
    group: list[tuple[int, Word]] = []
    for word, k, item in heapq.merge(*(_keyed(k, s.words) for k, s in enumerate(shards))):
        if group and group[0][1][0] != word:
            yield group
            group = []
        group.append((k, item))
    if group:
        yield group


def _keyed(k: int, words: tuple[Word, ...]) -> Iterator[tuple[str, int, Word]]:
    for word in words:
        yield word[0], k, word


def _join(runs: list[tuple[int, Run]], out: list[bytes]) -> None:
    """Append a page list made of the runs of several shards (offset, run), in page order."""
    out.append(head(4, sum(run[2] for _, run in runs)))
    last = 0
    for offset, (first, end, count, rest) in runs:
        if count:
            out.append(b"\x83" + head(0, first + offset - last))
            out.append(rest)
            last = end + offset


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """The shortest prefixes of a and b that differ."""
    common = 0
    for x, y in zip(b, a, strict=False):
        if x != y:
            break
        common += 1
    return a[: common + 1], b[: common + 1]
