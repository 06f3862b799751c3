"""What is known of the files of an output folder: each file's record, the folder's record, wanted files."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from sys import intern
from typing import Any, NamedTuple


class FileRecord(NamedTuple):
    """One published file: what made it, its bytes' hash and its identity on disk.

    A named tuple, not a dataclass: thousands are read from the cache on every build."""

    fp: str
    """Fingerprint of its inputs (a page's context, or the bytes' hash)."""
    sha: str
    size: int
    ino: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class TreeRecord:
    """The files of the output folder and of its spare (None: spare not to be trusted)."""

    out: dict[str, FileRecord]
    spare: dict[str, FileRecord] | None
    products: frozenset[str] = frozenset()
    """Files in out/ written by the finishing step (the search index), not by the build."""
    site_key: str = ""
    """What the whole output was made of (see BuildSession.reuse); '' if not known."""
    copies: dict[str, str] | None = None
    """Output path -> source file of the copied files, when site_key is known."""
    warnings: tuple = ()
    """Warnings found after loading (planning), shown again when the output is reused."""
    spare_complete: bool = False
    """The spare holds no file besides those recorded (else it is cleaned by a walk first)."""
    mounted: bool = False
    """out/ cannot be swapped (a mount point): the spare holds the latest build, and is copied into out/
    (output/sync.py)."""


@dataclass(frozen=True, slots=True)
class Want:
    """A file the new build must have: its fingerprint, hash, and how to get its bytes."""

    fp: str
    sha: str
    size: int
    data: Callable[[], bytes]
    """The bytes; called from the publisher's threads, several at once (so it must be thread-safe)."""
    copied: bool = False
    """A file copied from the content folder, which may change between its hash and its copy: the bytes written
    are hashed as they are written, and the record holds that hash (a rendered page's bytes are its hash's)."""


def verified(root: Path, files: Mapping[str, FileRecord] | None) -> dict[str, FileRecord]:
    """The records whose file is still there, unchanged (same inode, size and time)."""
    if not files or not root.is_dir():
        return {}
    good = {}
    prefix = f"{root}{os.sep}"
    for rel, record in files.items():
        try:
            stat = os.lstat(prefix + rel)
        except OSError:
            continue
        if stat.st_ino == record.ino and stat.st_size == record.size and stat.st_mtime_ns == record.mtime_ns:
            good[rel] = record
    return good


def adopt(out: Path, wants: Mapping[str, Want], known: dict[str, FileRecord]) -> dict[str, FileRecord]:
    """Records for files of out/ the cache knows nothing about, if their bytes are wanted."""
    found = dict(known)
    for rel, want in wants.items():
        if rel in found:
            continue
        try:
            stat = os.lstat(out / rel)
            if stat.st_size == want.size and hashlib.sha256((out / rel).read_bytes()).hexdigest() == want.sha:
                found[rel] = FileRecord(want.fp, want.sha, stat.st_size, stat.st_ino, stat.st_mtime_ns)
        except OSError:
            continue
    return found


@dataclass(frozen=True, slots=True)
class Finishing:
    """What the finishing step of a publish (the search index) is given: it writes into `folder`, the new build
    (complete, or being completed beside it: see read), and returns the hash of each file it wrote there (path ->
    SHA-256)."""

    folder: Path
    shas: Mapping[str, str]
    """Every file of the build (not the finishing step's): path -> SHA-256 of its bytes."""
    live: Path
    """The output folder as visitors see it now (the same as folder when publishing in place)."""
    held: Mapping[str, str]
    """The finishing step's files that live holds, as far as the publisher can vouch for them: path -> SHA-256."""
    linked: frozenset[str] = frozenset()
    """Those of `held` that folder holds already as links of live's files (the same inode): kept without a call."""
    read: Callable[[str], bytes] | None = None
    """A file of the build by path, while the publisher is still putting them into folder (it runs beside the
    finishing step); None: read them from folder."""
    stop: threading.Event = field(default_factory=threading.Event)
    """Set when the publisher fails beside the finishing step: it stops at its next step (see stopped)."""

    def stopped(self) -> None:
        """Raise Stopped if the publisher failed (the finishing step's work would be thrown away)."""
        if self.stop.is_set():
            raise Stopped


class Stopped(Exception):
    """The finishing step stopped because the publish it was part of failed."""


def restored(record: Any) -> TreeRecord | None:
    """The record as the cache stores it (plain tuples), with FileRecords again (None if there was none). A file
    the spare holds as a link of out/'s (most files) shares out/'s record and path: a big site's records are tens
    of megabytes each."""
    if not isinstance(record, TreeRecord):
        return None
    make = FileRecord._make
    out = {intern(rel): make(item) for rel, item in record.out.items()}
    if record.spare is None:
        return replace(record, out=out)
    spare = {}
    for rel, item in record.spare.items():
        same = out.get(rel)
        spare[intern(rel)] = same if same == item else make(item)
    return replace(record, out=out, spare=spare)
