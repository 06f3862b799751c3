"""The persistent build cache: `.cache/` beside the content folder (one SQLite file).

It remembers, between runs, what is expensive to find out again: the hash of
every source file (trusted while its size, times and inode are unchanged), each
entry folder as loaded (Markdown rendered), each body's HTML, and the files of
each output folder with the fingerprint of what made them. Every record is keyed
by what it was made of, so a stale record is never used, only replaced; a cache
that cannot be read is simply started afresh.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import pickle
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any

import innosite

CACHE_DIR = ".cache"
CACHE_FILE = "innosite.sqlite3"
SCHEMA = 3
RACY_NS = 2_000_000_000
"""A file modified this close to when it was hashed may change again unseen: hash it again."""

_TABLES = (
    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, sig TEXT, seen INTEGER, sha TEXT)",
    "CREATE TABLE IF NOT EXISTS entries (folder TEXT PRIMARY KEY, key TEXT, value BLOB)",
    "CREATE TABLE IF NOT EXISTS bodies (src TEXT PRIMARY KEY, key TEXT, value BLOB)",
    "CREATE TABLE IF NOT EXISTS trees (out TEXT PRIMARY KEY, value BLOB)",
)


def cache_folder(content: Path) -> Path:
    """Where the cache of a content folder lives: `.cache/` beside it."""
    return content.resolve().parent / CACHE_DIR


def digest(*parts: bytes | str) -> str:
    """A hex SHA-256 of parts, each length-prefixed so that they cannot run together."""
    sha = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        sha.update(len(data).to_bytes(8, "little") + data)
    return sha.hexdigest()


class _StablePickler(pickle.Pickler):
    """Pickles dataclasses by their field values, without the slow generic path."""

    getters: dict[type, Callable[[Any], tuple]] = {}
    """Per dataclass type: a function giving its field values (derived data, safe to share)."""

    known: dict[int, str] = {}
    """id() of objects to pickle as just their key (entries loaded from the cache, shared views)."""
    shared: tuple[type, ...] = ()
    """Types of objects that many values hold: each is hashed once, then stands by its hash in `known`."""

    def reducer_override(self, obj: Any) -> Any:
        key = self.known.get(id(obj))
        if key is not None:
            return (str, (key,))
        kind = type(obj)
        getter = self.getters.get(kind, _UNSEEN)
        if getter is _UNSEEN:
            getter = self.getters[kind] = _field_getter(obj)
        if getter is None:
            return NotImplemented
        if kind in self.shared:
            key = self.known[id(obj)] = hashlib.sha256(stable_pickle(obj)).hexdigest()
            return (str, (key,))
        return (kind, getter(obj))


_UNSEEN = object()


def _field_getter(obj: Any) -> Callable[[Any], tuple] | None:
    """A function giving a dataclass's field values as a tuple (None for other objects)."""
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return None
    names = tuple(f.name for f in dataclasses.fields(obj))
    single = attrgetter(*names)
    return single if len(names) > 1 else (lambda o: (single(o),))


class _FastPickler(pickle.Pickler):
    """Pickles dataclasses as (class, field names, values): read back without the slow generic path."""

    names: dict[type, tuple[Callable[[Any], tuple], tuple[str, ...]]] = {}

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        known = self.names.get(kind)
        if known is None:
            if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
                return NotImplemented
            names = tuple(f.name for f in dataclasses.fields(obj))
            single = attrgetter(*names)
            known = self.names[kind] = (single if len(names) > 1 else (lambda o: (single(o),)), names)
        return (_rebuild, (kind, known[1], known[0](obj)))


def _rebuild(kind: type, names: tuple[str, ...], values: tuple) -> Any:
    obj = object.__new__(kind)
    for name, value in zip(names, values, strict=True):
        object.__setattr__(obj, name, value)
    return obj


def dumps(value: object) -> bytes:
    """Pickle for the cache (see _FastPickler)."""
    buffer = io.BytesIO()
    _FastPickler(buffer, protocol=5).dump(value)
    return buffer.getvalue()


def stable_pickle(value: object, known: dict[int, str] | None = None, shared: tuple[type, ...] = ()) -> bytes:
    """Pickle for hashing: equal values give equal bytes in any process (no memo).

    `known` maps id() of objects (alive while this runs) to a key that stands for
    them; objects of `shared` types are added to it as they are met."""
    buffer = io.BytesIO()
    pickler = _StablePickler(buffer, protocol=5)
    pickler.known = {} if known is None else known
    pickler.shared = shared
    pickler.fast = True  # no memo: object identity does not show in the bytes
    pickler.dump(value)
    return buffer.getvalue()


def code_version() -> str:
    """The generator's own code and the versions of the libraries that shape output."""
    import babel
    import jinja2
    import markdown
    import yaml

    package = Path(innosite.__file__).parent
    parts: list[bytes | str] = [f"schema {SCHEMA}"]
    for path in sorted(package.glob("*.py")):
        parts += [path.name, path.read_bytes()]
    for module in (markdown, jinja2, babel, yaml):
        parts.append(f"{module.__name__} {getattr(module, '__version__', '-')}")
    try:
        import nh3

        parts.append(f"nh3 {getattr(nh3, '__version__', '-')}")
    except ImportError:
        pass
    return digest(*parts)


def _signature(stat: os.stat_result) -> str:
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}:{stat.st_mode}"


class Cache:
    """One open cache database; use as a context manager, which commits on exit."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / CACHE_FILE
        self.db = self._open()
        self._hashes = {path: (sig, seen, sha) for path, sig, seen, sha in self.db.execute("SELECT * FROM files")}
        self._hashed: dict[str, tuple[str, int, str]] = {}

    def _open(self) -> sqlite3.Connection:
        for attempt in range(2):
            try:
                db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                for statement in _TABLES:
                    db.execute(statement)
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
        known = self._hashed.get(key) or self._hashes.get(key)
        if known and known[0] == sig and stat.st_mtime_ns < known[1] - RACY_NS:
            return known[2]
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        self._hashed[key] = (sig, time.time_ns(), sha)
        return sha

    def folder_hash(self, folder: Path) -> str:
        """A hash of a folder's file names, kinds and bytes (one level deep)."""
        parts: list[str] = []
        with os.scandir(folder) as found:
            items = sorted(found, key=lambda item: item.name)
        hashes, hashed = self._hashes, self._hashed
        for item in items:
            stat = item.stat(follow_symlinks=False)
            if item.is_file(follow_symlinks=False):
                known = hashed.get(item.path) or hashes.get(item.path)
                if known and known[0] == _signature(stat) and stat.st_mtime_ns < known[1] - RACY_NS:
                    sha = known[2]
                else:
                    sha = self.file_hash(Path(item.path), stat)
                parts.append(f"{item.name}\0f\0{sha}")
            else:
                parts.append(f"{item.name}\0{stat.st_mode}")
        return digest(*parts)

    # -- keyed records -------------------------------------------------------------

    def get_many(self, table: str, column: str, names: Iterable[str]) -> dict[str, tuple[str, bytes]]:
        """{name: (key, pickled value)} for the named rows of entries or bodies."""
        found: dict[str, tuple[str, bytes]] = {}
        for group in chunks(sorted(set(names)), 500):
            marks = ",".join("?" * len(group))
            query = f"SELECT {column}, key, value FROM {table} WHERE {column} IN ({marks})"  # noqa: S608 (fixed names)
            found.update((name, (key, value)) for name, key, value in self.db.execute(query, group))
        return found

    def put_many(self, table: str, rows: Iterable[tuple[str, str, bytes]]) -> None:
        with self._transaction():
            self.db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)", rows)  # noqa: S608

    def keep_only(self, table: str, column: str, names: Iterable[str]) -> None:
        """Forget the rows of folders (or files) that no longer exist."""
        keep = set(names)
        gone = [(name,) for (name,) in self.db.execute(f"SELECT {column} FROM {table}") if name not in keep]  # noqa: S608
        if gone:
            with self._transaction():
                self.db.executemany(f"DELETE FROM {table} WHERE {column} = ?", gone)  # noqa: S608

    def tree(self, out: Path) -> object | None:
        """What was last recorded about an output folder (see publish_tree.TreeRecord)."""
        row = self.db.execute("SELECT value FROM trees WHERE out = ?", (str(out.resolve()),)).fetchone()
        if row is None:
            return None
        try:
            schema, record = pickle.loads(row[0])
        except Exception:  # a damaged record: as if there were none
            return None
        if schema != SCHEMA or not all(hasattr(record, f.name) for f in dataclasses.fields(record)):
            return None  # written by another version of the generator
        return record

    def set_tree(self, out: Path, record: object | None) -> None:
        with self._transaction():
            if record is None:
                self.db.execute("DELETE FROM trees WHERE out = ?", (str(out.resolve()),))
            else:
                self.db.execute(
                    "INSERT OR REPLACE INTO trees VALUES (?, ?)",
                    (str(out.resolve()), pickle.dumps((SCHEMA, record), 5)),
                )

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)


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
