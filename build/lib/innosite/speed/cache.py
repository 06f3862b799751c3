"""The persistent build cache: `.cache/` beside the content folder (one SQLite file).

It remembers, between runs, what is expensive to find out again: each entry
folder as loaded (Markdown rendered) with the hash of its files and their
listing (names, sizes, times, inodes: while the listing is the same, the hash
is trusted), each body's HTML, the hash of other source files (templates,
attachments), and the files of each output folder with the fingerprint of what
made them. Every record is keyed by what it was made of, so a stale record is
never used, only replaced; a cache that cannot be read is simply started afresh.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from innosite.content.load import RACY_NS
from innosite.speed.pickling import digest

CACHE_DIR = ".cache"


CACHE_FILE = "innosite.sqlite3"


SCHEMA = 5


_TABLES = (
    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, sig TEXT, seen INTEGER, sha TEXT)",
    "CREATE TABLE IF NOT EXISTS folders"
    " (folder TEXT PRIMARY KEY, listing TEXT, seen INTEGER, hash TEXT, key TEXT, value BLOB)",
    "CREATE TABLE IF NOT EXISTS trees (out TEXT PRIMARY KEY, value BLOB)",
    "CREATE TABLE IF NOT EXISTS tree_parts (out TEXT, part TEXT, value BLOB, PRIMARY KEY (out, part))",
    "CREATE TABLE IF NOT EXISTS published (out TEXT PRIMARY KEY, versions TEXT)",
)
"""`folders` holds each entry folder's listing, hash and loaded entry (see FolderRow); `tree_parts` the
parts of the file lists of the output folders' records, which the `trees` rows name by part; `published` the
language versions each output folder's last build published (one "section/id lang" a line)."""


_GONE = ("entries", "bodies")
"""Tables earlier versions kept (entries, and rendered bodies now kept in the folders' rows): dropped."""


TREE_LISTS = ("out", "spare", "copies")
"""The fields of a tree record that hold long lists (dicts), stored in parts in `tree_parts`."""


TREE_PART = 512
"""Items per stored part of such a list: an edit changes a few parts, and only they are written again."""


FULL_READ = 64
"""From this many wanted rows on, the whole table is read in one pass (cheaper than looking each up)."""


class FolderRow(NamedTuple):
    """An entry folder as cached: its listing when hashed, when that was, its hash, and the loaded entry."""

    listing: str
    seen: int
    hash: str
    key: str
    value: bytes


class FolderListing(NamedTuple):
    """A folder's entries one level deep, as `Cache.listing` describes them."""

    text: str
    """Names with, for files, size, times, inode and mode (for other entries, the mode)."""
    newest: int
    """The latest modification time of its files (ns): a listing made too soon after it is not trusted."""


def cache_folder(content: Path) -> Path:
    """Where the cache of a content folder lives: `.cache/` beside it."""
    return content.resolve().parent / CACHE_DIR


def _signature(stat: os.stat_result) -> str:
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}:{stat.st_mode}"


class Cache:
    """One open cache database; use as a context manager, which commits on exit."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / CACHE_FILE
        self.db = self._open()
        self._hashed: dict[str, tuple[str, int, str]] = {}
        self._parts: dict[str, dict[str, dict]] = {}
        """Output path -> {name: part} of the parts of its record's lists that are stored (see set_tree)."""

    def _open(self) -> sqlite3.Connection:
        for attempt in range(2):
            try:
                db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                for statement in _TABLES:
                    db.execute(statement)
                for table in _GONE:
                    db.execute(f"DROP TABLE IF EXISTS {table}")
                return db
            except sqlite3.DatabaseError:
                if attempt:
                    raise
                self.path.unlink(missing_ok=True)  # unreadable: start afresh
        raise AssertionError("unreachable")

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Store the file hashes found in this run and close."""
        if self._hashed:
            with self._transaction():
                self.db.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                    ((path, sig, seen, sha) for path, (sig, seen, sha) in self._hashed.items()),
                )
            self._hashed.clear()
        self.db.close()

    # -- file hashes -------------------------------------------------------------

    def file_hash(self, path: Path, stat: os.stat_result | None = None) -> str:
        """SHA-256 of a file's bytes, read only when its signature changed (or is racy)."""
        key = str(path)
        stat = stat or path.stat()
        sig = _signature(stat)
        known = self._hashed.get(key) or self._stored_hash(key)
        if known and known[0] == sig and stat.st_mtime_ns < known[1] - RACY_NS:
            return known[2]
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        self._hashed[key] = (sig, time.time_ns(), sha)
        return sha

    def _stored_hash(self, path: str) -> tuple[str, int, str] | None:
        """(signature, when hashed, hash) of a file as an earlier run stored it."""
        return self.db.execute("SELECT sig, seen, sha FROM files WHERE path = ?", (path,)).fetchone()

    # -- entry folders -------------------------------------------------------------

    @staticmethod
    def listing(folder: Path, entries: list[os.DirEntry] | None = None) -> FolderListing:
        """What a folder holds, one level deep, as cheaply as it can be told (a listing and a stat per file).

        Two equal listings made long enough after the newest file changed mean the same bytes.
        `entries`: the folder's entries as just listed (by content/names.escaping_links), not listed again
        unless one of them has gone since."""
        if entries is not None:
            try:
                return _listing(entries)
            except FileNotFoundError:
                pass
        with os.scandir(folder) as found:
            return _listing(list(found))

    @staticmethod
    def folder_hash(folder: Path) -> str:
        """A hash of a folder's file names, kinds and bytes (one level deep); reads every file."""
        parts: list[str] = []
        with os.scandir(folder) as found:
            items = sorted(found, key=attrgetter("name"))
        for item in items:
            if item.is_file(follow_symlinks=False):
                with open(item.path, "rb") as file:
                    parts.append(f"{item.name}\0f\0{hashlib.file_digest(file, 'sha256').hexdigest()}")
            else:
                parts.append(f"{item.name}\0{item.stat(follow_symlinks=False).st_mode}")
        return digest(*parts)

    def folder_rows(self, folders: list[str], everything: bool = False) -> dict[str, FolderRow]:
        """The cached rows of the named entry folders; `everything`: of every folder the cache knows too."""
        if everything or len(folders) >= FULL_READ:
            rows = self.db.execute("SELECT folder, listing, seen, hash, key, value FROM folders")
            found = {row[0]: FolderRow(*row[1:]) for row in rows}
            if everything:
                return found
            return {folder: found[folder] for folder in folders if folder in found}
        found = {}
        for group in chunks(sorted(set(folders)), 500):
            marks = ",".join("?" * len(group))
            query = f"SELECT folder, listing, seen, hash, key, value FROM folders WHERE folder IN ({marks})"  # noqa: S608
            found.update((row[0], FolderRow(*row[1:])) for row in self.db.execute(query, group))
        return found

    def put_folders(self, rows: Iterable[tuple[str, FolderRow]]) -> None:
        with self._transaction():
            self.db.executemany("INSERT OR REPLACE INTO folders VALUES (?, ?, ?, ?, ?, ?)", ((f, *r) for f, r in rows))

    def relist_folders(self, rows: Iterable[tuple[str, str, int, str]]) -> None:
        """New (listing, seen, hash) for folders whose files were hashed again, their entry being the same."""
        with self._transaction():
            self.db.executemany(
                "UPDATE folders SET listing = ?, seen = ?, hash = ? WHERE folder = ?",
                ((listing, seen, sha, folder) for folder, listing, seen, sha in rows),
            )

    def keep_only(self, table: str, column: str, names: Iterable[str], known: Iterable[str] | None = None) -> None:
        """Forget the rows of folders (or files) that no longer exist; `known`: the names the table has, if known."""
        keep = set(names)
        if known is None:
            known = (name for (name,) in self.db.execute(f"SELECT {column} FROM {table}"))  # noqa: S608
        gone = [(name,) for name in known if name not in keep]
        if gone:
            with self._transaction():
                self.db.executemany(f"DELETE FROM {table} WHERE {column} = ?", gone)  # noqa: S608

    # -- output folders --------------------------------------------------------------

    def tree(self, out: Path) -> object | None:
        """What was last recorded about an output folder (see output/records.TreeRecord)."""
        where = str(out.resolve())
        row = self.db.execute("SELECT value FROM trees WHERE out = ?", (where,)).fetchone()
        if row is None:
            return None
        try:
            schema, record = pickle.loads(row[0])
            if schema != SCHEMA or not all(hasattr(record, f.name) for f in dataclasses.fields(record)):
                return None  # written by another version of the generator
            stored = dict(self.db.execute("SELECT part, value FROM tree_parts WHERE out = ?", (where,)))
            parts = {name: pickle.loads(value) for name, value in stored.items()}
            lists = {field: _joined(getattr(record, field), parts) for field in TREE_LISTS}
        except Exception:  # a damaged record: as if there were none
            return None
        self._parts[where] = parts
        return dataclasses.replace(record, **lists)

    def set_tree(self, out: Path, record: object | None) -> None:
        """Record what an output folder holds; only the parts of its lists not stored yet are written."""
        where = str(out.resolve())
        known = self._parts.setdefault(where, {})
        with self._transaction():
            if record is None:
                self.db.execute("DELETE FROM trees WHERE out = ?", (where,))
                self.db.execute("DELETE FROM tree_parts WHERE out = ?", (where,))
                known.clear()
                return
            index: dict[tuple[str, int], list[str]] = {}
            for name, part in known.items():
                index.setdefault((next(iter(part), ""), len(part)), []).append(name)
            lists, new = {}, []
            for field in TREE_LISTS:
                lists[field] = None if getattr(record, field) is None else []
                for part in _split(getattr(record, field) or {}):
                    found = index.get((next(iter(part), ""), len(part)), [])
                    name = next((name for name in found if known[name] == part), None)
                    if name is None:
                        name = os.urandom(8).hex()
                        known[name] = part
                        index.setdefault((next(iter(part), ""), len(part)), []).append(name)
                        new.append((where, name, pickle.dumps(_plain(part), 5)))
                    lists[field].append(name)
            self.db.executemany("INSERT OR REPLACE INTO tree_parts VALUES (?, ?, ?)", new)
            stored = dataclasses.replace(record, **lists)
            self.db.execute("INSERT OR REPLACE INTO trees VALUES (?, ?)", (where, pickle.dumps((SCHEMA, stored), 5)))
            used = {name for names in lists.values() for name in names or ()}
            listed = [name for (name,) in self.db.execute("SELECT part FROM tree_parts WHERE out = ?", (where,))]
            gone = [(where, name) for name in listed if name not in used]
            self.db.executemany("DELETE FROM tree_parts WHERE out = ? AND part = ?", gone)
            for name in [name for name in known if name not in used]:
                del known[name]

    def published(self, out: Path) -> frozenset[str] | None:
        """The language versions the last build of an output folder published (None: no build was recorded)."""
        row = self.db.execute("SELECT versions FROM published WHERE out = ?", (self._beside(out),)).fetchone()
        return None if row is None else frozenset(filter(None, row[0].split("\n")))

    def set_published(self, out: Path, versions: frozenset[str]) -> None:
        """Record the language versions a build of an output folder published."""
        with self._transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO published VALUES (?, ?)", (self._beside(out), "\n".join(sorted(versions)))
            )

    def _beside(self, out: Path) -> str:
        """An output folder's path from the folder that holds the cache: the same in every clone of a repository
        (CI jobs check it out wherever their runner likes; the pipelines bring the cache along)."""
        return Path(os.path.relpath(out.resolve(), self.path.parent.parent.resolve())).as_posix()

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)


def _listing(entries: list[os.DirEntry]) -> FolderListing:
    """See Cache.listing."""
    parts: list[str] = []
    newest = 0
    for item in entries:
        stat = item.stat(follow_symlinks=False)
        if item.is_file(follow_symlinks=False):
            parts.append(f"{item.name}\0{_signature(stat)}")
            newest = max(newest, stat.st_mtime_ns)
        else:
            parts.append(f"{item.name}\0{stat.st_mode}")
    parts.sort()  # by name: no name holds the \0 that ends it
    return FolderListing("\0".join(parts), newest)


def _split(items: dict) -> Iterator[dict]:
    """A dict in parts of TREE_PART items, in its order."""
    pairs = list(items.items())
    for start in range(0, len(pairs), TREE_PART):
        yield dict(pairs[start : start + TREE_PART])


def _joined(names: list[str] | None, parts: dict[str, dict]) -> dict | None:
    """The dict whose parts are named, in their order (None stays None)."""
    if names is None:
        return None
    joined: dict = {}
    for name in names:
        joined.update(parts[name])
    return joined


def _plain(part: dict) -> dict:
    """Named tuples as plain tuples: pickled and read back without a Python call per item."""
    return {key: tuple(value) if isinstance(value, tuple) else value for key, value in part.items()}


@dataclass
class _Transaction:
    db: sqlite3.Connection

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")


def chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
