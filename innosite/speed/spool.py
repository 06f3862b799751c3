"""The files of a build as they wait to be published: rendered bytes in a spool file, pages written as they
rendered, files the output holds already (kept); a mapping from path to bytes for whoever needs them all."""

from __future__ import annotations

import hashlib
import os
import tempfile
import zlib
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from innosite.output.records import FileRecord, Want


class Spool:
    """Rendered pages, compressed, in a temporary file while they wait to be written (memory stays small)."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 (open as long as the pages in it are wanted)
        self.end = 0

    def put(self, data: bytes) -> tuple[Spool, int, int]:
        view, at = memoryview(data), self.end
        while view:  # positioned writes: no shared file offset for get() to disturb
            done = os.pwrite(self.file.fileno(), view, at)
            view, at = view[done:], at + done
        self.end += len(data)
        return (self, self.end - len(data), len(data))

    def get(self, offset: int, length: int) -> bytes:
        """The bytes put there; safe from several threads at once (positioned reads, no shared offset)."""
        return zlib.decompress(os.pread(self.file.fileno(), length, offset))

    def close(self) -> None:
        self.file.close()


@dataclass(frozen=True, slots=True)
class Packed:
    """Rendered bytes waiting in the spool to be written."""

    where: tuple[Spool, int, int]
    sha: str
    size: int

    def data(self) -> bytes:
        spool, offset, length = self.where
        return spool.get(offset, length)


@dataclass(frozen=True, slots=True)
class Written:
    """A page written into the new output folder as it was rendered (a first build): its record there."""

    record: FileRecord
    folder: Path

    def data(self, rel: str) -> bytes:
        return (self.folder / rel).read_bytes()


@dataclass(frozen=True, slots=True)
class Kept:
    """A file the output folder already has, with these bytes (read only if asked for)."""

    record: FileRecord


class SiteFiles(MutableMapping[str, bytes]):
    """The output files by path: bytes as a dict would give them, held as cheaply as can be."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.items_: dict[str, bytes | Packed | Written | Kept | Want] = {}
        self.fingerprints: dict[str, str] = {}

    def __getitem__(self, rel: str) -> bytes:
        item = self.items_[rel]
        if isinstance(item, Packed):
            return item.data()
        if isinstance(item, Kept):
            return (self.out / rel).read_bytes()
        if isinstance(item, Written):
            return item.data(rel)
        if isinstance(item, Want):
            return item.data()
        return item

    def add(self, rel: str, want: Want) -> None:
        """A file whose bytes are made elsewhere (an image, speed/images.py), got only when published."""
        self.items_[rel] = want
        self.fingerprints.pop(rel, None)

    def __setitem__(self, rel: str, data: bytes) -> None:
        self.items_[rel] = data
        self.fingerprints.pop(rel, None)

    def __delitem__(self, rel: str) -> None:
        del self.items_[rel]
        self.fingerprints.pop(rel, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self.items_)

    def __len__(self) -> int:
        return len(self.items_)

    def publishable(self) -> dict[str, Want | None]:
        """Every file for the publisher: None for a file it holds already (Kept), else how to get its bytes."""
        return {rel: None if isinstance(item, Kept) else self._want(rel, item) for rel, item in self.items_.items()}

    def _want(self, rel: str, item: bytes | Packed | Written | Want) -> Want:
        if isinstance(item, Want):
            return item
        if isinstance(item, Packed):
            return Want(self.fingerprints.get(rel, item.sha), item.sha, item.size, item.data)
        if isinstance(item, Written):
            record = item.record
            return Want(self.fingerprints.get(rel, record.sha), record.sha, record.size, partial(item.data, rel))
        sha = hashlib.sha256(item).hexdigest()
        return Want(self.fingerprints.get(rel, sha), sha, len(item), lambda: item)
