"""The cache's SQLite file: opened, checked row by row, and never a reason for a build to fail.

The cache only saves time, so a cache that cannot be used never stops a build
and never gives a traceback. What happens, said once on standard error as a
warning (`path: warning: ...`, which --strict does not count: it is not about
the content):

- damaged (bytes changed on disk, "database disk image is malformed", not a
  database at all, a folder where the file should be): the file is moved aside
  (`innosite.sqlite3.damaged`) and the cache started afresh, at once if the
  damage shows when it is opened, else from the next build;
- read-only, on a full disk, or failing to read or write: this build goes on
  without it, and the file is left as it is;
- locked by another program for longer than `LOCK_WAIT` seconds: the same;
- `.cache` a file, or a folder that cannot be made: the same (nothing there is
  touched).

Every row carries a checksum of its values (`check`), compared when it is
read: a row whose bytes changed is a miss, and is replaced.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

CACHE_FILE = "innosite.sqlite3"


SCHEMA = 8
"""The layout of the tables (kept as the database's user_version): a cache of another layout is started afresh."""


TABLES = (
    "CREATE TABLE files (path BLOB PRIMARY KEY, sig TEXT, seen INTEGER, sha TEXT, chk INTEGER)",
    "CREATE TABLE folders (folder BLOB PRIMARY KEY, listing TEXT, seen INTEGER, hash TEXT, key TEXT, value BLOB,"
    " vchk INTEGER, chk INTEGER)",
    "CREATE TABLE trees (out BLOB PRIMARY KEY, value BLOB, chk INTEGER)",
    "CREATE TABLE tree_parts (out BLOB, part TEXT, value BLOB, chk INTEGER, PRIMARY KEY (out, part))",
    "CREATE TABLE published (out BLOB PRIMARY KEY, versions TEXT, chk INTEGER)",
    "CREATE TABLE search (name TEXT PRIMARY KEY, fp TEXT, value BLOB, chk INTEGER)",
)
"""Paths are stored as their bytes (the same whatever the locale); `chk` is each row's checksum (see check),
`vchk` that of a folder's value alone (so that a new listing of the same entry need not read it again);
`published` the language versions each output folder's last build published (one "section/id lang" a line);
`search` the search index's shards as Pagefind made them, by shard name, with the fingerprint of their pages
(speed/search.py)."""


KNOWN = ("files", "folders", "trees", "tree_parts", "published", "search", "entries", "bodies")
"""Every table this and earlier versions kept: dropped when the layout changes."""


LOCK_WAIT = 5.0
"""Seconds to wait for another program that holds the database locked, before building without it."""


_DAMAGED = {11, 26}
"""SQLite's primary result codes of a damaged file: SQLITE_CORRUPT, SQLITE_NOTADB."""


_LOCKED = {5, 6}
"""SQLITE_BUSY, SQLITE_LOCKED."""


T = TypeVar("T")


def key(path: str) -> bytes:
    """A path as stored: its bytes (a name the locale cannot decode is still the same name)."""
    return os.fsencode(path)


def check(*parts: bytes | str | int) -> int:
    """A checksum of a row's values (CRC-32 over each, length first): any changed byte shows."""
    crc = 0
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogateescape")
        crc = zlib.crc32(data, zlib.crc32(len(data).to_bytes(8, "little"), crc))
    return crc


class Database:
    """The cache's database, or nothing (`usable` False) once it turned out unusable; see the module's text."""

    def __init__(self, folder: Path, say: Callable[[str], None]) -> None:
        self.folder = folder
        self.path = folder / CACHE_FILE
        self.say = say
        self.conn: sqlite3.Connection | None = None
        self._told = False
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._tell(self._without(folder, _folder_reason(folder, exc)))
            return
        self.conn = self._open()

    @property
    def usable(self) -> bool:
        return self.conn is not None

    def read(self, fallback: T, work: Callable[[sqlite3.Connection], T]) -> T:
        """work(connection), or `fallback` when the database is or turns out unusable."""
        if self.conn is None:
            return fallback
        try:
            return work(self.conn)
        except sqlite3.Error as exc:
            self._fail(exc)
            return fallback

    def write(self, work: Callable[[sqlite3.Connection], Any]) -> None:
        """work(connection) in one transaction; nothing when the database is or turns out unusable."""
        if self.conn is None:
            return
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                work(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._fail(exc)

    def close(self) -> None:
        if self.conn is not None:
            conn, self.conn = self.conn, None
            _close_quietly(conn)

    # -- opening ---------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection | None:
        """The connection, the tables of this layout made; a damaged file moved aside first (once). Usable from
        another thread (the search index is made in one, while the pages are published), one thread at a time."""
        for attempt in range(2):
            if self.path.is_dir() and not attempt:
                self._move_aside(f"{_shown(self.path)}: warning: this is a folder, not the build cache")
            conn = None
            try:
                conn = sqlite3.connect(self.path, timeout=LOCK_WAIT, isolation_level=None, check_same_thread=False)
                _prepare(conn)
                return conn
            except sqlite3.Error as exc:
                if conn is not None:
                    _close_quietly(conn)
                if _code(exc) in _DAMAGED and not attempt:
                    self._move_aside(f"{_shown(self.path)}: warning: the build cache is damaged ({exc})")
                    continue
                self._tell(self._unusable(exc))
                return None
        return None

    # -- when it cannot be used ---------------------------------------------------------

    def _fail(self, exc: sqlite3.Error) -> None:
        """Stop using the database for the rest of this build: moved aside if damaged, else left as it is."""
        self.close()
        if _code(exc) in _DAMAGED:
            self._move_aside(f"{_shown(self.path)}: warning: the build cache is damaged ({exc})", now=False)
        else:
            self._tell(self._unusable(exc))

    def _move_aside(self, what: str, now: bool = True) -> None:
        """Move the damaged file (and its journal) aside, replacing one moved aside before."""
        aside = self.path.with_name(f"{CACHE_FILE}.damaged")
        try:
            for suffix in ("", "-wal"):
                target = Path(f"{aside}{suffix}")
                if target.is_dir() and not target.is_symlink():
                    shutil.rmtree(target)
                source = Path(f"{self.path}{suffix}")
                if source.exists() or source.is_symlink():
                    os.replace(source, target)
            Path(f"{self.path}-shm").unlink(missing_ok=True)
        except OSError as exc:
            self._tell(f"{what}, and cannot be moved aside ({exc.strerror}): building without it (slower)")
            return
        then = "started afresh" if now else "this build goes on without it, the next starts it afresh"
        self._tell(f"{what}: moved aside to {aside.name}; {then}")

    def _unusable(self, exc: sqlite3.Error) -> str:
        if _code(exc) in _LOCKED:
            return self._without(self.path, f"the build cache is in use by another program ({exc})")
        return self._without(self.path, f"the build cache cannot be used ({exc})", left=True)

    @staticmethod
    def _without(path: Path, reason: str, left: bool = False) -> str:
        kept = "; it is left as it is" if left else ""
        return f"{_shown(path)}: warning: {reason}: building without it (slower){kept}"

    def _tell(self, text: str) -> None:
        """Say it once: after the first message the database is not used again in this session."""
        self.close()
        if not self._told:
            self._told = True
            self.say(text)


def _prepare(conn: sqlite3.Connection) -> None:
    """Journal settings, and the tables of this layout (those of another layout dropped). Writing the layout's
    number on every opening finds out at once whether the file can be written."""
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    conn.execute("BEGIN IMMEDIATE")
    try:
        if version != SCHEMA:
            for table in KNOWN:
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in TABLES:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _close_quietly(conn: sqlite3.Connection) -> None:
    with contextlib.suppress(sqlite3.Error):
        conn.close()


def _code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code of an error (0 if not known)."""
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF


def _folder_reason(folder: Path, exc: OSError) -> str:
    if folder.exists() and not folder.is_dir():
        return "a file where the build cache's folder should be (remove or rename it to use the cache)"
    return f"the build cache's folder cannot be made ({exc.strerror})"


def _shown(path: Path) -> str:
    """A path as messages show it: relative to the current folder where it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
