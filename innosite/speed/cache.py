"""The persistent build cache: `.cache/` beside the content folder (one SQLite file).

It remembers, between runs, what is expensive to find out again: each entry
folder as loaded (Markdown rendered) with the hash of its files and their
listing (names, sizes, times, inodes: while the listing is the same, the hash
is trusted), each body's HTML, the hash of other source files (templates,
attachments), and the files of each output folder with the fingerprint of what
made them. Every record is keyed by what it was made of, so a stale record is
never used, only replaced; every row is checked against its checksum when it is
read, and a cache that cannot be used never stops a build (speed/cache_db.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from innosite.content.load import RACY_NS
from innosite.problems import say
from innosite.speed.cache_db import CACHE_FILE, SCHEMA, Database, check, key
from innosite.speed.pickling import digest
from innosite.speed.rows import chunks, joined
from innosite.speed.tree_parts import TREE_LISTS, StoredParts

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = ["CACHE_DIR", "CACHE_FILE", "SCHEMA", "Cache", "FolderListing", "FolderRow", "cache_folder"]

CACHE_DIR = ".cache"


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


_FOLDER_COLUMNS = "folder, listing, seen, hash, key, value, vchk, chk"


class Cache:
    """One open cache database; use as a context manager, which commits on exit.

    False (as in `if cache:`) once the database turned out unusable: the build goes on as without a cache."""

    def __init__(self, folder: Path, say: Callable[[str], None] = say) -> None:
        self.store = Database(folder, say)
        self.path = self.store.path
        self._hashed: dict[str, tuple[str, int, str]] = {}
        self._parts: dict[bytes, StoredParts] = {}
        """Output path -> the parts of its record's lists that are stored (speed/tree_parts.py)."""
        self._read: dict[str, tuple[str, int]] = {}
        """Folder -> (key, checksum of the value) of the folder rows read or written (see relist_folders)."""
        self._bad: set[str] = set()
        """Folders whose rows failed their checksum: misses, replaced or forgotten (see keep_only)."""

    def __bool__(self) -> bool:
        return self.store.usable

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Store the file hashes found in this run and close."""
        if self._hashed:
            rows = [
                (path, sig, seen, sha, check(path, sig, seen, sha))
                for path, (sig, seen, sha) in ((key(p), v) for p, v in self._hashed.items())
            ]
            self.store.write(lambda db: db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", rows))
            self._hashed.clear()
        self.store.close()

    # -- file hashes -------------------------------------------------------------

    def file_hash(self, path: Path, stat: os.stat_result | None = None) -> str:
        """SHA-256 of a file's bytes, read only when its signature changed (or is racy)."""
        name = str(path)
        stat = stat or path.stat()
        sig = _signature(stat)
        known = self._hashed.get(name) or self._stored_hash(name)
        if known and known[0] == sig and stat.st_mtime_ns < known[1] - RACY_NS:
            return known[2]
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        self._hashed[name] = (sig, time.time_ns(), sha)
        return sha

    def _stored_hash(self, path: str) -> tuple[str, int, str] | None:
        """(signature, when hashed, hash) of a file as an earlier run stored it (None: not, or not intact)."""
        where = key(path)
        query = "SELECT sig, seen, sha, chk FROM files WHERE path = ?"
        row = self.store.read(None, lambda db: db.execute(query, (where,)).fetchone())
        if row is None or check(where, *row[:3]) != row[3]:
            return None
        return row[:3]

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
                try:
                    with open(item.path, "rb") as file:
                        parts.append(f"{item.name}\0f\0{hashlib.file_digest(file, 'sha256').hexdigest()}")
                except OSError as exc:  # the load says so (`path: cannot be read`); its next listing differs
                    parts.append(f"{item.name}\0unreadable\0{exc.errno}")
            else:
                parts.append(f"{item.name}\0{item.stat(follow_symlinks=False).st_mode}")
        return digest(*parts)

    def folder_rows(self, folders: list[str], everything: bool = False) -> dict[str, FolderRow]:
        """The cached rows of the named entry folders; `everything`: of every folder the cache knows too.
        A row that fails its checksum is left out (a miss: the folder is loaded again and its row replaced)."""
        rows: list[Any]
        if everything or len(folders) >= FULL_READ:
            query = f"SELECT {_FOLDER_COLUMNS} FROM folders"  # noqa: S608
            rows = self.store.read([], lambda db: db.execute(query).fetchall())
            wanted = None if everything else set(folders)
        else:
            rows = []
            for group in chunks(sorted({key(folder) for folder in folders}), 500):
                marks = ",".join("?" * len(group))
                query = f"SELECT {_FOLDER_COLUMNS} FROM folders WHERE folder IN ({marks})"  # noqa: S608
                rows += self.store.read([], partial(_fetched, query, group))
            wanted = None
        found = {}
        for where, listing, seen, sha, row_key, value, vchk, chk in rows:
            name = os.fsdecode(where)
            if wanted is not None and name not in wanted:
                continue
            if check(value) != vchk or check(where, listing, seen, sha, row_key, vchk) != chk:
                self._bad.add(name)
                continue
            self._read[name] = (row_key, vchk)
            found[name] = FolderRow(listing, seen, sha, row_key, value)
        return found

    def put_folders(self, rows: Iterable[tuple[str, FolderRow]]) -> None:
        stored = []
        for folder, row in rows:
            where, vchk = key(folder), check(row.value)
            stored.append((where, *row, vchk, check(where, row.listing, row.seen, row.hash, row.key, vchk)))
            self._read[folder] = (row.key, vchk)
        statement = "INSERT OR REPLACE INTO folders VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        self.store.write(lambda db: db.executemany(statement, stored))

    def relist_folders(self, rows: Iterable[tuple[str, str, int, str]]) -> None:
        """New (listing, seen, hash) for folders whose files were hashed again, their entry being the same."""
        updates = []
        for folder, listing, seen, sha in rows:
            if folder in self._read:
                row_key, vchk = self._read[folder]
                where = key(folder)
                updates.append((listing, seen, sha, check(where, listing, seen, sha, row_key, vchk), where))
        statement = "UPDATE folders SET listing = ?, seen = ?, hash = ?, chk = ? WHERE folder = ?"
        self.store.write(lambda db: db.executemany(statement, updates))

    def keep_only(self, table: str, column: str, names: Iterable[str], known: Iterable[str] | None = None) -> None:
        """Forget the rows of folders (or files) that no longer exist; `known`: the names the table has, if known
        (besides those whose rows failed their checksum)."""
        keep = {key(name) for name in names}
        stored: list[bytes]
        if known is None:
            query = f"SELECT {column} FROM {table}"  # noqa: S608
            rows: list[tuple[bytes]] = self.store.read([], partial(_fetched, query, ()))
            stored = [where for (where,) in rows]
        else:
            stored = [key(name) for name in {*known, *self._bad}]
        gone = [(where,) for where in stored if where not in keep]
        if gone:
            statement = f"DELETE FROM {table} WHERE {column} = ?"  # noqa: S608
            self.store.write(lambda db: db.executemany(statement, gone))

    # -- output folders --------------------------------------------------------------

    def tree(self, out: Path, restore: Callable[[Any], Any] = lambda record: record) -> Any:
        """What was last recorded about an output folder (see output/records.TreeRecord), as `restore` makes it of
        the record stored (its lists' values as plain tuples); None if nothing, or if a row of it fails its
        checksum."""
        where = key(str(out.resolve()))

        def read(db: sqlite3.Connection) -> tuple[Any, list[Any]]:
            row = db.execute("SELECT value, chk FROM trees WHERE out = ?", (where,)).fetchone()
            parts = db.execute("SELECT part, value, chk FROM tree_parts WHERE out = ?", (where,)).fetchall()
            return row, parts

        stored: list[Any]
        row, stored = self.store.read((None, []), read)
        if row is None or check(where, row[0]) != row[1]:
            return None
        if any(check(where, name, value) != chk for name, value, chk in stored):
            return None
        try:
            schema, record = pickle.loads(row[0])
            if schema != SCHEMA or not all(hasattr(record, f.name) for f in dataclasses.fields(record)):
                return None  # written by another version of the generator
            parts = {name: pickle.loads(value) for name, value, _ in stored}
            lists = {field: joined(getattr(record, field), parts) for field in TREE_LISTS}
        except Exception:  # a record this version cannot read: as if there were none
            return None
        restored = restore(dataclasses.replace(record, **lists))
        names = {field: getattr(record, field) for field in TREE_LISTS}
        self._parts.setdefault(where, StoredParts()).read(
            [(name, value, len(parts[name])) for name, value, _ in stored], names, restored
        )
        return restored

    def set_tree(self, out: Path, record: DataclassInstance | None) -> None:
        """Record what an output folder holds; only the parts of its lists not stored yet are written."""
        where = key(str(out.resolve()))
        parts = self._parts.setdefault(where, StoredParts())
        if record is None:
            self._parts[where] = StoredParts()
            self.store.write(lambda db: _forget_tree(db, where))
            return
        new: list[tuple[bytes, str, bytes, int]] = []
        lists = parts.name(record, lambda name, value: new.append((where, name, value, check(where, name, value))))
        value = pickle.dumps((SCHEMA, dataclasses.replace(record, **lists)), 5)
        used = set(parts.keys)
        self.store.write(lambda db: _store_tree(db, where, value, new, used))

    def published(self, out: Path) -> frozenset[str] | None:
        """The language versions the last build of an output folder published (None: no build was recorded)."""
        where = self._beside(out)

        def read(db: sqlite3.Connection) -> frozenset[str] | None:
            row = db.execute("SELECT versions, chk FROM published WHERE out = ?", (key(where),)).fetchone()
            if row is None or row[1] != check(where, row[0]):
                return None
            return frozenset(filter(None, row[0].split("\n")))

        return self.store.read(None, read)

    def set_published(self, out: Path, versions: frozenset[str]) -> None:
        """Record the language versions a build of an output folder published."""
        where, text = self._beside(out), "\n".join(sorted(versions))
        row = (key(where), text, check(where, text))
        self.store.write(lambda db: db.execute("INSERT OR REPLACE INTO published VALUES (?, ?, ?)", row))

    # -- the search index's shards ----------------------------------------------------

    def search_fingerprints(self) -> dict[str, str]:
        """name -> fingerprint of every stored search row (its value is checked when it is read: search_row)."""
        query = "SELECT name, fp FROM search"
        return dict(self.store.read([], lambda db: db.execute(query).fetchall()))

    def search_row(self, name: str) -> tuple[str, bytes] | None:
        """(fingerprint, value) of one search row (None: none, or it fails its checksum)."""
        query = "SELECT fp, value, chk FROM search WHERE name = ?"
        row = self.store.read(None, lambda db: db.execute(query, (name,)).fetchone())
        if row is None or check(name, row[0], row[1]) != row[2]:
            return None
        return row[0], row[1]

    def set_search_rows(self, rows: Iterable[tuple[str, str, bytes]], keep: Iterable[str] | None = None) -> None:
        """Store (name, fingerprint, value) rows; `keep`: every other row not named there is deleted."""
        stored = [(name, fp, value, check(name, fp, value)) for name, fp, value in rows]
        kept = None if keep is None else set(keep) | {name for name, *_ in stored}

        def work(db: sqlite3.Connection) -> None:
            db.executemany("INSERT OR REPLACE INTO search VALUES (?, ?, ?, ?)", stored)
            if kept is not None:
                gone = [(name,) for (name,) in db.execute("SELECT name FROM search") if name not in kept]
                db.executemany("DELETE FROM search WHERE name = ?", gone)

        self.store.write(work)

    def _beside(self, out: Path) -> str:
        """An output folder's path from the folder that holds the cache: the same in every clone of a repository
        (CI jobs check it out wherever their runner likes; the pipelines bring the cache along)."""
        return Path(os.path.relpath(out.resolve(), self.path.parent.parent.resolve())).as_posix()


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


def _forget_tree(db: sqlite3.Connection, where: bytes) -> None:
    db.execute("DELETE FROM trees WHERE out = ?", (where,))
    db.execute("DELETE FROM tree_parts WHERE out = ?", (where,))


def _store_tree(db: sqlite3.Connection, where: bytes, value: bytes, new: list[tuple], used: set[str]) -> None:
    """Write a tree record: its new parts, its row, and the parts no longer used gone."""
    db.executemany("INSERT OR REPLACE INTO tree_parts VALUES (?, ?, ?, ?)", new)
    db.execute("INSERT OR REPLACE INTO trees VALUES (?, ?, ?)", (where, value, check(where, value)))
    listed = [name for (name,) in db.execute("SELECT part FROM tree_parts WHERE out = ?", (where,))]
    db.executemany("DELETE FROM tree_parts WHERE out = ? AND part = ?", [(where, n) for n in listed if n not in used])


def _fetched(query: str, values: Sequence[object], db: sqlite3.Connection) -> list[Any]:
    """The rows a query with these values gives."""
    return db.execute(query, values).fetchall()
