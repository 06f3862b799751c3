"""What the preview server keeps between builds, so that an edit costs about as much as the pages it changes.

The preview builds into a folder of its own that nothing else writes to, so
the session knows what every file there holds without looking: the entries
loaded, the pages planned and their fingerprints, and the files written stay in
memory. A build told which files changed hashes only their entry folders; the
planner reuses every page whose inputs are the same objects; the publisher
writes the changed files in place, each with an atomic rename.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from innosite.content.load import SECTION_DIRS
from innosite.output.tree import FileRecord, Want
from innosite.speed.session import BuildSession, Kept, SiteFiles, Spool

THREADS = 4
"""Threads writing files when many changed (the first build): file calls release the GIL."""
POOL_MIN = 64
"""Fewer files than this are written one by one."""


class PreviewSession(BuildSession):
    """A BuildSession for many builds into the preview's own folder."""

    def __init__(self, content: Path, out: Path, jobs: int = 0) -> None:
        super().__init__(content, out, jobs, use_cache=True, progress=False)
        self.content = content
        self.record = None  # the folder is new and only ours: what it holds is known here, not from the cache
        self._publisher = InPlacePublisher(out)  # type: ignore[assignment]

    def next_build(self, changed: Iterable[str] | None) -> None:
        """Start a build; `changed` names the files changed since the last one (None: anything may have)."""
        self.spool.close()
        self.spool = Spool()
        self.rendered, self.site_key, self.reused = 0, "", False
        self.loader.changed = None if changed is None else entry_folders(self.content, changed)

    def reuse(self, *args: Any) -> None:
        """Never: the preview builds only when something changed."""
        return None

    def publish(
        self,
        files: Mapping[str, bytes],
        copies: Mapping[str, Path],
        finish: Callable[[Path], None] | None = None,
        warnings: tuple = (),
    ) -> int:
        """Write the files rendered in this build whose bytes changed, and the attached files; remove the rest."""
        assert isinstance(files, SiteFiles)  # what render() gives
        wants = {rel: files.want(rel) for rel, item in files.items_.items() if not isinstance(item, Kept)}
        wants.update((rel, self.copy_want(src)) for rel, src in copies.items())
        return self._publisher.publish(wants, files.items_.keys() | copies.keys(), finish)


def entry_folders(content: Path, changed: Iterable[str]) -> frozenset[str] | None:
    """The entry folders (as the loader names them) that hold the changed files; None if a file
    outside them changed (the settings, the terms, a template: anything may be affected)."""
    root = os.path.abspath(content)
    found = set()
    for path in changed:
        parts = Path(os.path.relpath(os.path.abspath(path), root)).parts
        if len(parts) < 3 or parts[0] not in SECTION_DIRS:
            return None
        found.add(str(content / parts[0] / parts[1]))
    return frozenset(found)


class InPlacePublisher:
    """Writes the wanted files into a folder only it writes to, remembering what each holds."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.live: dict[str, FileRecord] = {}
        self.stamp: dict = {}

    def publish(self, wants: Mapping[str, Want], names: set[str], finish: Callable[[Path], None] | None) -> int:
        """Make the folder hold the named files: those it has stay, `wants` are new or maybe changed.

        Returns how many were written; finish (the search index) runs if any file changed."""
        writes = [rel for rel, want in wants.items() if (self.live.get(rel) or _NONE).sha != want.sha]
        gone = sorted(self.live.keys() - names)
        live, self.live = self.live, {}  # until all is written: a failure leaves nothing trusted
        write = lambda rel: _write(self.out, rel, wants[rel].data())  # noqa: E731
        if len(writes) > POOL_MIN:
            with ThreadPoolExecutor(THREADS) as pool:
                list(pool.map(write, writes))
        else:
            for rel in writes:
                write(rel)
        for rel in gone:
            _remove(self.out, rel)
            del live[rel]
        live.update((rel, FileRecord(want.fp, want.sha, want.size, 0, 0)) for rel, want in wants.items())
        self.live = live
        if finish is not None and (writes or gone):
            finish(self.out)
        return len(writes)


_NONE = FileRecord("", "", 0, 0, 0)


def _write(out: Path, rel: str, data: bytes) -> None:
    """The file written whole beside its place and renamed over it, so the server never sends half of it."""
    target = out / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".new-")
    with os.fdopen(fd, "wb") as file:
        file.write(data)
    os.replace(temp, target)


def _remove(out: Path, rel: str) -> None:
    """A file no longer wanted, and the folders it leaves empty."""
    path = out / rel
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != out and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
