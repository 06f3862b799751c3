"""Loading entry folders through the cache and the worker processes.

An entry folder is loaded again only when its files, the site settings, the
known ids or the generator's code changed; a body whose text did not change is
not rendered again even then. What is loaded is the same as `load_serially`
gives, whatever was cached (see tests/test_incremental.py).
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

from .cache import Cache, digest, stable_pickle
from .entries import EntryContext
from .model import Entry
from .parallel import LoadJob, LoadTask, Workers, load_chunk
from .problems import Problem

LOAD_CHUNK = 16
STORE_GROUP = 480
"""Loaded folders stored in the cache at a time when many changed."""


def context_key(ctx: EntryContext, version: str) -> str:
    """What every entry depends on besides its own folder."""
    return digest(
        version,
        stable_pickle(ctx.config),
        "\0".join(sorted(ctx.theme_ids)),
        "\0".join(sorted(ctx.city_ids)),
        "\0".join(sorted(ctx.project_ids)),
        stable_pickle(ctx.footnote_titles),
        os.getcwd(),  # problems name files relative to it
    )


def _used_bodies(row: bytes) -> list[str]:
    """The body keys an earlier load of a folder used; none if the row cannot be read (another version wrote it)."""
    try:
        return pickle.loads(row)[2]
    except Exception:  # noqa: BLE001 (any damage or change of format: the bodies are simply rendered again)
        return []


class CachedLoader:
    """An EntryLoader (see load.py) that reuses what the cache holds."""

    def __init__(
        self, cache: Cache | None, workers: Workers, version: str, progress: Callable[[str, int], Callable[[int], None]]
    ) -> None:
        self.cache = cache
        self.workers = workers
        self.version = version
        self.progress = progress
        self.loaded = 0
        """How many folders were loaded (not taken from the cache) in the last run."""
        self.keys: list[str] = []
        self.entries: dict[int, str] = {}
        """id() of each entry of the last run -> its cache key (stands for it in the site's key)."""
        self.results: list = []
        """The cache key of every folder of the last run (its bytes, context and code)."""
        self.memory: dict[str, tuple[str, tuple]] = {}
        """Folder -> (key, result) of the last run: a later run in this process (the preview's) reads no row back."""
        self.memory_base = ""
        """The context key the memory was loaded with (see context_key)."""
        self.changed: frozenset[str] | None = None
        """Folders that may have changed since the last run (None: any); the others are not hashed again."""

    def __call__(self, folders: list[tuple[str, Path]], ctx: EntryContext) -> list[tuple[Entry | None, list[Problem]]]:
        base = context_key(ctx, self.version)
        memory = self.memory if self.memory_base == base else {}
        keys = [self._key(base, section, folder, memory) for section, folder in folders]
        self.keys = keys
        results: list = [None] * len(folders)
        for index, ((_, folder), key) in enumerate(zip(folders, keys, strict=True)):
            known = memory.get(str(folder))
            if known is not None and known[0] == key:
                results[index] = known[1]
        wanted = [str(folders[i][1]) for i, result in enumerate(results) if result is None]
        rows = self.cache.get_many("entries", "folder", wanted) if self.cache and wanted else {}
        missing = []
        for index, ((_, folder), key) in enumerate(zip(folders, keys, strict=True)):
            if results[index] is not None:
                continue
            row = rows.get(str(folder))
            if row is not None and row[0] == key:
                results[index] = pickle.loads(rows.pop(str(folder))[1])  # popped: pickles and objects not both held
            else:
                missing.append(index)
        self.loaded = len(missing)
        if missing:
            self._load(folders, keys, missing, rows, ctx, results)
        if self.cache and (missing or memory.keys() != {str(f) for _, f in folders}):
            self.cache.keep_only("entries", "folder", (str(f) for _, f in folders))
        self.entries = {id(entry): key for (entry, _, _), key in zip(results, keys, strict=True) if entry is not None}
        self.results = results  # keeps the entries alive, so that their id() stays theirs
        self.memory = {str(f): (k, r) for (_, f), k, r in zip(folders, keys, results, strict=True)}
        self.memory_base = base
        return [(entry, problems) for entry, problems, _ in results]

    def _key(self, base: str, section: str, folder: Path, memory: dict[str, tuple[str, tuple]]) -> str:
        """The folder's cache key; from memory when the folder is known not to have changed."""
        known = memory.get(str(folder))
        if known is not None and self.changed is not None and str(folder) not in self.changed:
            return known[0]
        return digest(base, section, str(folder), self._folder_hash(folder))

    def _folder_hash(self, folder: Path) -> str:
        return self.cache.folder_hash(folder) if self.cache else ""

    def _load(self, folders, keys, missing, rows, ctx, results) -> None:
        """Load the folders the cache could not give, reusing their earlier bodies.

        The workers go on with the next folders while the main process stores the loaded ones, a
        group at a time, so that memory holds few pickles."""
        earlier = {i: _used_bodies(rows.pop(str(folders[i][1]))[1]) for i in missing if str(folders[i][1]) in rows}
        rows.clear()
        done = self.progress("Reading entries", len(missing))

        def tasks(indexes: list[int]) -> list[LoadTask]:
            known = self._earlier_bodies([key for i in indexes for key in earlier.get(i, ())])
            return [(*folders[i], {k: known[k] for k in earlier.get(i, ()) if k in known}) for i in indexes]

        loaded = self.workers.map(load_chunk, LoadJob(ctx, self.version), missing, LOAD_CHUNK, tasks, done)
        for start in range(0, len(missing), STORE_GROUP):
            group = missing[start : start + STORE_GROUP]
            new_rows, new_bodies = [], []
            for index, (row, bodies) in zip(group, loaded, strict=False):
                results[index] = pickle.loads(row)
                new_rows.append((str(folders[index][1]), keys[index], row))
                new_bodies += bodies
            if self.cache:  # while the processes go on with the next folders
                self.cache.put_many("entries", new_rows)
                self.cache.put_many("bodies", new_bodies)
        self.workers.close()  # rendering starts fresh processes: what Markdown left in these is not carried on
        if self.cache and (len(missing) == len(folders) or len(missing) > 100):
            self._forget_bodies(results)

    def _earlier_bodies(self, wanted: list[str]) -> dict:
        if not self.cache or not wanted:
            return {}
        return {key: pickle.loads(value) for key, (_, value) in self.cache.get_many("bodies", "src", wanted).items()}

    def _forget_bodies(self, results) -> None:
        """Drop bodies no entry uses any more (after a large reload, when it is cheap)."""
        self.cache.keep_only("bodies", "src", (key for _, _, used in results for key in used))
