"""Loading entry folders through the cache and the worker processes.

An entry folder is loaded again only when its files, the site settings, the
known ids or the generator's code changed; a body whose text did not change is
not rendered again even then. What is loaded is the same as `load_serially`
gives, whatever was cached (see tests/speed/test_incremental.py).
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from innosite.content.entries import EntryContext
from innosite.content.load import RACY_NS
from innosite.memo import Memo, Memory
from innosite.model.entry import Entry
from innosite.problems import Problem
from innosite.speed.cache import Cache, FolderRow
from innosite.speed.language_model import model_path
from innosite.speed.pickling import digest, stable_pickle
from innosite.speed.workers import Earlier, LoadJob, LoadTask, Workers, load_chunk

NOTHING = Earlier({}, {})
"""What a folder's first load has from an earlier one."""

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


def _earlier(row: bytes) -> Earlier:
    """The bodies and language verdicts an earlier load of a folder used, by key; none if the row cannot be read
    (another version wrote it)."""
    try:
        used = pickle.loads(row)[2:4]
    except Exception:  # noqa: BLE001 (any damage or change of format: the bodies are simply rendered again)
        return NOTHING
    bodies, verdicts = (*used, {}, {})[:2]
    return Earlier(bodies if isinstance(bodies, dict) else {}, verdicts if isinstance(verdicts, dict) else {})


class CachedLoader:
    """An EntryLoader (see load.py) that reuses what the cache holds."""

    def __init__(
        self,
        cache: Cache | None,
        workers: Workers,
        version: str,
        progress: Callable[[str, int], Callable[[int], None]],
        memory: Memory | None = None,
    ) -> None:
        self.cache = cache
        self.workers = workers
        self.version = version
        self.progress = progress
        self.loaded = 0
        """How many folders were loaded (not taken from the cache) in the last run."""
        self.keys: list[str] = []
        """The cache key of every folder of the last run (its bytes, context and code)."""
        self.entries: dict[int, str] = {}
        """id() of each entry of the last run -> its cache key (stands for it in the site's key)."""
        self.results: list[tuple[Entry | None, list[Problem]]] = []
        """The entry (or None) and problems of every folder of the last run."""
        self.memory = memory or Memory()
        """Folder -> (key, result) of the last run: a later run in this process (the preview's) reads no row back
        (memo "load.folders", made under one context key, see context_key)."""
        self.changed: frozenset[str] | None = None
        """Folders that may have changed since the last run (None: any); the others are not hashed again."""

    def __call__(
        self, folders: list[tuple[str, Path]], ctx: EntryContext, listings: dict[str, list[os.DirEntry]] | None = None
    ) -> list[tuple[Entry | None, list[Problem]]]:
        """Each folder's entry and problems; `listings`: folders' entries as just listed (names.escaping_links)."""
        base = context_key(ctx, self.version)
        self.memory.scope(("load.folders",), base)
        memory: Memo[str, tuple[str, tuple]] = self.memory.memo("load.folders")
        named: Memo[str, frozenset[str]] = self.memory.memo("load.folder_names")
        names = [str(folder) for _, folder in folders]
        changed = self.changed
        unknown = names if changed is None else [n for n in names if memory.last(n) is None or n in changed]
        everything = len(unknown) == len(names)  # a first build in this process: every row, those of gone folders too
        rows = self.cache.folder_rows(unknown, everything) if self.cache and unknown else {}
        stored = set(rows) if everything else None
        listed: dict[str, tuple[str, int, str]] = {}
        """Folder -> (listing, when listed, hash) of the folders looked at in this run."""
        looked = set(unknown)
        unseen = set() if not self.cache else looked - rows.keys()
        """Folders the cache has never seen: to be loaded, so hashed where they are loaded (the key comes later)."""
        listings = listings or {}
        keys = [
            ""
            if name in unseen
            else digest(base, section, name, self._folder_hash(folder, rows.get(name), listed, listings.get(name)))
            if name in looked
            else memory.last(name)[0]  # type: ignore[index]  # not unknown: remembered
            for (section, folder), name in zip(folders, names, strict=True)
        ]
        self.keys = keys
        results: list = [None] * len(folders)
        missing, relisted = [], []
        for index, (name, key) in enumerate(zip(names, keys, strict=True)):
            known, row = memory.last(name), rows.get(name)
            if known is not None and known[0] == key:
                results[index] = known[1]
            elif row is not None and row.key == key:
                results[index] = pickle.loads(rows.pop(name).value)[:2]  # popped: pickles and objects not both held
            else:
                missing.append(index)
                continue
            if name in listed and row is not None and listed[name] != (row.listing, row.seen, row.hash):
                relisted.append((name, *listed[name]))
        self.loaded = len(missing)
        if relisted and self.cache:
            self.cache.relist_folders(relisted)
        if missing:
            self._load(folders, keys, missing, rows, listed, ctx, results, base)
        if self.cache and stored is not None:
            self.cache.keep_only("folders", "folder", names, stored)
        elif self.cache and named.last("names") != frozenset(names):  # else the rows are the last run's folders
            self.cache.keep_only("folders", "folder", names)
        named.put("names", None, frozenset(names))
        self.entries = {id(entry): key for (entry, _), key in zip(results, keys, strict=True) if entry is not None}
        self.results = results  # keeps the entries alive, so that their id() stays theirs
        for name, key, result in zip(names, keys, results, strict=True):
            memory.put(name, key, (key, result))
        return results

    def _folder_hash(
        self,
        folder: Path,
        row: FolderRow | None,
        listed: dict[str, tuple[str, int, str]],
        entries: list[os.DirEntry] | None,
    ) -> str:
        """The hash of a folder's files: the cached one while its listing is the same (and not too recent)."""
        if not self.cache:
            return ""
        seen = time.time_ns()  # before the files' stats and reads: a file changed after them shows next time
        listing = self.cache.listing(folder, entries)
        if row is not None and row.listing == listing.text and listing.newest < row.seen - RACY_NS:
            listed[str(folder)] = (listing.text, row.seen, row.hash)
            return row.hash
        sha = self.cache.folder_hash(folder)
        listed[str(folder)] = (listing.text, seen, sha)
        return sha

    def _load(
        self,
        folders: list[tuple[str, Path]],
        keys: list[str],
        missing: list[int],
        rows: dict[str, FolderRow],
        listed: dict[str, tuple[str, int, str]],
        ctx: EntryContext,
        results: list[tuple[Entry | None, list[Problem]]],
        base: str,
    ) -> None:
        """Load the folders the cache could not give, reusing their earlier bodies; a folder without a key yet
        is hashed where it is loaded, and gets its key here.

        The workers go on with the next folders while the main process stores the loaded ones, a
        group at a time, so that memory holds few pickles."""
        earlier = {i: rows.pop(str(folders[i][1])).value for i in missing if str(folders[i][1]) in rows}
        rows.clear()
        done = self.progress("Reading entries", len(missing))

        def tasks(indexes: list[int]) -> list[LoadTask]:  # the earlier rows read just before: few held at once
            return [(*folders[i], _earlier(earlier.pop(i)) if i in earlier else NOTHING, not keys[i]) for i in indexes]

        model = model_path(self.cache.path.parent, ctx.config.langs) if self.cache else None
        job = LoadJob(
            replace(ctx, language_model=model),
            self.version,
            relist=bool(self.cache),
            prepare_model=self.workers.parallel(len(missing)),  # the workers read the model anyway: they write it
        )
        loaded = self.workers.map(load_chunk, job, missing, LOAD_CHUNK, tasks, done)
        for start in range(0, len(missing), STORE_GROUP):
            group = missing[start : start + STORE_GROUP]
            new_rows = []
            for index, (row, found, after) in zip(group, loaded, strict=False):
                results[index] = pickle.loads(row)[:2]  # the bodies are read from the row when it is loaded again
                section, folder = folders[index]
                name = str(folder)
                if found is not None:
                    listed[name] = found
                    keys[index] = digest(base, section, name, found[2])
                if self.cache and after != listed.get(name, ("",))[0]:
                    # a file changed between the hash and the load: what was loaded is not what the key says
                    keys[index] = digest(base, section, name, "changed while loaded", os.urandom(16))
                new_rows.append((name, FolderRow(*listed.get(name, ("", 0, "")), keys[index], row)))
            if self.cache:  # while the processes go on with the next folders
                self.cache.put_folders(new_rows)
        self.workers.close()  # rendering starts fresh processes: what Markdown left in these is not carried on
