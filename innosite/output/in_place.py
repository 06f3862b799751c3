"""The preview's publisher: changed files written in place into a folder only it writes to.

The preview builds into a folder of its own that nothing else writes to, so
what every file there holds is known without looking: each changed file is
written beside its place and renamed over it, so the server never sends half
of one, and gone files are removed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from innosite.output.records import FileRecord, Finishing, Want

THREADS = 4
"""Threads writing files when many changed (the first build): file calls release the GIL."""
POOL_MIN = 64
"""Fewer files than this are written one by one."""


class InPlacePublisher:
    """Writes the wanted files into a folder only it writes to, remembering what each holds."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.live: dict[str, FileRecord] = {}
        self.stamp: dict = {}
        self.products: dict[str, str] = {}
        """The finishing step's files in the folder (the search index): path -> SHA-256."""

    def begin(self) -> None:
        """Pages are never written as they render here: the folder is live."""
        return None

    def wrote(self, rel: str, record: FileRecord) -> None:
        raise AssertionError("begin() gives no folder to write into")

    def publish(self, files: Mapping[str, Want | None], finish: Callable[[Finishing], dict[str, str]] | None) -> int:
        """Make the folder hold exactly these files: those given as None stay as they are, the others are new
        or maybe changed. Returns how many were written; finish (the search index) runs if any file changed."""
        wants = {rel: want for rel, want in files.items() if want is not None}
        writes = [rel for rel, want in wants.items() if (self.live.get(rel) or _NONE).sha != want.sha]
        gone = sorted(self.live.keys() - files.keys())
        live, self.live = self.live, {}  # until all is written: a failure leaves nothing trusted
        write = lambda rel: _write(self.out, rel, wants[rel])  # noqa: E731
        if len(writes) > POOL_MIN:
            with ThreadPoolExecutor(THREADS) as pool:
                written = dict(zip(writes, pool.map(write, writes), strict=True))
        else:
            written = {rel: write(rel) for rel in writes}
        for rel in gone:
            _remove(self.out, rel)
            del live[rel]
        live.update((rel, FileRecord(want.fp, want.sha, want.size, 0, 0)) for rel, want in wants.items())
        live.update((rel, FileRecord(sha, sha, 0, 0, 0)) for rel, sha in written.items() if sha != wants[rel].sha)
        self.live = live
        if finish is not None and (writes or gone or not self.products):
            products, self.products = self.products, {}  # until it is done: a failure leaves nothing trusted
            shas = {rel: record.sha for rel, record in live.items()}
            self.products = finish(Finishing(self.out, shas, self.out, products))
        return len(writes)


_NONE = FileRecord("", "", 0, 0, 0)


def _write(out: Path, rel: str, want: Want) -> str:
    """The file written whole beside its place and renamed over it, so the server never sends half of it; the hash
    of the bytes written (a copied file may have changed since it was hashed)."""
    data = want.data()
    target = out / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".new-")
    with os.fdopen(fd, "wb") as file:
        file.write(data)
    os.replace(temp, target)
    return hashlib.sha256(data).hexdigest() if want.copied else want.sha


def _remove(out: Path, rel: str) -> None:
    """A file no longer wanted, and the folders it leaves empty."""
    path = out / rel
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != out and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
