"""Writing, linking, removing and flushing many files at once, safely for the live site beside them."""

from __future__ import annotations

import errno
import hashlib
import itertools
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from innosite.output.records import FileRecord, Want

FSYNC_LIMIT = 200
"""Up to this many written files are flushed one by one; more, with one syncfs."""


THREADS = 4
"""Threads that write, link, remove and flush files when there are many (file calls and zlib release the GIL)."""


POOL_MIN = 64
"""Fewer files than this are handled one by one in the calling thread."""


CHUNK = 32
"""Files per task handed to a thread (fewer tasks to schedule)."""


T = TypeVar("T")


R = TypeVar("R")


def each(work: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """work(item) for every item, in threads when there are many; the results in the items' order.

    On a failure the chunks not yet started are dropped and the running ones
    finish before the error is raised, so no thread writes after a failed publish."""
    if len(items) < POOL_MIN:
        return [work(item) for item in items]
    chunks = [items[start : start + CHUNK] for start in range(0, len(items), CHUNK)]
    with ThreadPoolExecutor(THREADS, thread_name_prefix="publish") as pool:
        futures = [pool.submit(lambda chunk: [work(item) for item in chunk], chunk) for chunk in chunks]
        try:
            return [result for future in futures for result in future.result()]
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise


def new_folder(stem: Path) -> Path:
    """A new folder named stem, or stem-2, stem-3... (one left by an earlier build may be being deleted)."""
    for number in itertools.count(1):
        folder = stem if number == 1 else stem.with_name(f"{stem.name}-{number}")
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder
    raise AssertionError("unreachable")


def _folders(folder: str, created: list[str]) -> None:
    """Make a folder and its missing parents, noting each one made; safe when threads make the same ones."""
    try:
        os.mkdir(folder)
    except FileNotFoundError:
        _folders(os.path.dirname(folder), created)
        _folders(folder, created)
        return
    except FileExistsError:
        if not os.path.isdir(folder):
            raise
        return
    created.append(folder)


def link(src: str, target: str, created: list[str]) -> None:
    """Hard-link src as target, replacing what target was; its folder is made if missing. From another file system
    (an output folder that is a mount point) the bytes are copied instead."""
    try:
        _link(src, target, created)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        with open(src, "rb") as file:
            data = file.read()
        write_new(target, data, "", "", created)


def _link(src: str, target: str, created: list[str]) -> None:
    try:
        os.link(src, target)
    except FileExistsError:
        os.unlink(target)
        os.link(src, target)
    except FileNotFoundError:
        _folders(os.path.dirname(target), created)
        os.link(src, target)


_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def write(target: str, want: Want, created: list[str]) -> FileRecord:
    """Write the wanted bytes as a new file (never into one the live site may share); its record, with the hash of
    exactly the bytes written."""
    data = want.data()
    if not want.copied:
        return write_new(target, data, want.fp, want.sha, created)
    sha = hashlib.sha256(data).hexdigest()  # the file may have changed since it was hashed: these bytes count
    return write_new(target, data, sha, sha, created)


def write_new(target: str, data: bytes, fp: str, sha: str, created: list[str]) -> FileRecord:
    """Write bytes as a new file, making its folder if missing (noting folders made in `created`); its record."""
    try:
        fd = os.open(target, _NEW, 0o666)
    except FileExistsError:
        os.unlink(target)
        fd = os.open(target, _NEW, 0o666)
    except FileNotFoundError:
        _folders(os.path.dirname(target), created)
        fd = os.open(target, _NEW, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        stat = os.fstat(fd)
    finally:
        os.close(fd)
    return FileRecord(fp, sha, stat.st_size, stat.st_ino, stat.st_mtime_ns)


def remove(root: Path, rel: str) -> None:
    """Delete a file and the folders it leaves empty."""
    path = root / rel
    try:
        path.unlink()
    except FileNotFoundError:
        return
    folder = path.parent
    while folder != root:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def prune(root: Path, keep: Mapping[str, FileRecord]) -> None:
    """Delete whatever the spare holds besides the files it is known to hold."""
    for folder, dirs, names in os.walk(root):
        base = Path(folder)
        prefix = base.relative_to(root).as_posix()
        for name in names:
            rel = f"{prefix}/{name}" if prefix != "." else name
            if rel not in keep:
                (base / name).unlink()
        for name in dirs:
            if (base / name).is_symlink():
                (base / name).unlink()


def flush(root: Path, written: list[str], made: set[str]) -> None:
    """Make the written files and the folders holding new entries durable before the swap makes them live."""
    if len(written) > FSYNC_LIMIT and _syncfs(root):
        return
    each(_fsync, [*written, *sorted(made - {str(root)}), str(root)])


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _syncfs(root: Path) -> bool:
    import ctypes  # here: a build that changes nothing flushes nothing

    try:
        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        os.sync()
        return True
    fd = os.open(root, os.O_RDONLY)
    try:
        return syncfs(fd) == 0
    finally:
        os.close(fd)
