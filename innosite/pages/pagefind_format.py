"""Pagefind 1.5's file format, as far as the merge needs it: CBOR heads, names, gzip of the signed bytes.

Pagefind's index of a language (pagefind/src/index/mod.rs, 1.5.2) is made of:
- `fragment/<lang>_<h>.pf_fragment`: one per page (its JSON), named by the SHA-1 of that JSON;
- `index/<lang>_<h>.pf_index`: CBOR [[word...]], the words in byte order, each [text, [page...], [variant...]]
  with page = [number (delta from the word's previous page), locations, meta locations] and variant =
  [form, [page...]]; a chunk ends after the word that brings it to CHUNK_SIZE (locations + meta locations +
  1 per page); named `<lang>_` + 7 hex of the SHA-1 of its CBOR (longer on a collision);
- `pagefind.<lang>_<h>.pf_meta`: CBOR [version, [[fragment, word count]...], [[from, to, chunk]...], filters,
  sorts, meta fields].
Every file is gzip of SIGNATURE + those bytes. The merge (pages/pagefind_merge.py) writes the chunks and the
metadata anew, so the gzip here must be deterministic: libdeflate at a fixed level, no time in the head.
libdeflate's level 10 makes these files smaller than Pagefind's own compression (about 1.5% on the example site,
4% on large ones; zlib's level 9 is larger than Pagefind's on small sites), and is four times faster than zlib's
level 9: a visitor's first search downloads less than from the index Pagefind writes itself.
"""

from __future__ import annotations

import hashlib
import struct
import zlib

import deflate

SIGNATURE = b"pagefind_dcd"
"""The bytes every Pagefind file starts with, once decompressed."""

CHUNK_SIZE = 20000
"""Pagefind's default index_chunk_size."""

LEVEL = 10
"""libdeflate's level for the metadata and the chunks written here (its levels 10 to 12 compress hardest), but big
chunks."""

BIG_CHUNK = 64 * 1024
"""A chunk of this many bytes or more (only big sites have them: about 120 KB at 5,000 releases) is compressed at
BIG_CHUNK_LEVEL."""

BIG_CHUNK_LEVEL = 8
"""libdeflate's level for big chunks: half level 10's time (an edit compresses again the chunks after its words,
tens of them on a big site), and still smaller than Pagefind's own chunks (2% on the 5,000-release benchmark
site, each language); small chunks, such as the example site's, would not be."""

FRAGMENT_LEVEL = 8
"""libdeflate's level for the fragments (one per page, made by every indexing of a shard): a quarter of level 10's
time, and still smaller than Pagefind's own fragments (0.9% on 500 pages of a synthetic site)."""

GZIP_HEAD = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
"""A gzip member's head: deflate, no name, time 0, best compression, unknown system."""


class FormatError(ValueError):
    """A file is not what Pagefind 1.5 writes (another version of Pagefind, or damaged bytes)."""


def sha1_hex(data: bytes) -> str:
    """Pagefind's full hash: the SHA-1 bytes as hex without zero padding (`{:x?}` per byte)."""
    return unpadded_hex(hashlib.sha1(data).digest())  # noqa: S324 (Pagefind's names)


def unpadded_hex(digest: bytes) -> str:
    """A digest's bytes as Pagefind writes them in names: hex without zero padding."""
    return "".join(format(b, "x") for b in digest)


def unpack(data: bytes, name: str = "a Pagefind file") -> bytes:
    """The bytes of a Pagefind file after its signature (it is gzip of the signature and them)."""
    try:
        raw = deflate.gzip_decompress(data)  # libdeflate: four times as fast as gzip.decompress on fragments
    except (ValueError, deflate.DeflateError) as exc:
        raise FormatError(f"{name} is not gzip ({exc})") from exc
    if not raw.startswith(SIGNATURE):
        raise FormatError(f"{name} is not a Pagefind file")
    return bytes(memoryview(raw)[len(SIGNATURE) :])  # libdeflate gives a bytearray


def chunk_level(size: int) -> int:
    """The level a chunk of this many bytes is compressed at."""
    return BIG_CHUNK_LEVEL if size >= BIG_CHUNK else LEVEL


def pack(data: bytes, level: int = LEVEL) -> bytes:
    """A Pagefind file of data (the bytes after the signature): gzip, compressed here, the same every time."""
    raw = SIGNATURE + data
    body = deflate.deflate_compress(raw, level)
    return b"".join((GZIP_HEAD, body, struct.pack("<II", zlib.crc32(raw), len(raw) & 0xFFFFFFFF)))


def head(major: int, n: int) -> bytes:
    """A CBOR head in its shortest form (as Pagefind's minicbor and cbor2 write them)."""
    if n < 24:
        return bytes((major << 5 | n,))
    if n < 0x100:
        return bytes((major << 5 | 24, n))
    if n < 0x10000:
        return bytes((major << 5 | 25,)) + n.to_bytes(2, "big")
    if n < 0x100000000:
        return bytes((major << 5 | 26,)) + n.to_bytes(4, "big")
    return bytes((major << 5 | 27,)) + n.to_bytes(8, "big")


def text(s: str, before: bytes = b"") -> bytes:
    """A CBOR text string (after the bytes `before`)."""
    raw = s.encode("utf-8")
    n = len(raw)
    return before + (_TEXT[n] if n < 24 else head(3, n)) + raw


_TEXT = [bytes((0x60 | n,)) for n in range(24)]
"""The heads of short text strings."""


def short_name(full: str, lang: str, taken: dict[str, str]) -> str:
    """Pagefind's short name of a file (`lang_` + 7 hex of its full hash), lengthened while it collides with
    another file's; `taken` maps the short names given so far to their full hashes."""
    short = full[: len(lang) + 8]
    while short in taken and taken[short] != full and short != full:
        short = full[: len(short) + 1]
    taken[short] = full
    return short
