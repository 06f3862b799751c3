"""Publishing only what changed, still swapping in a whole build at once.

Beside the output folder (`site/`) the previous build is kept as a spare
(`.site-spare/`). A build brings the spare up to date, file by file, with only
the files whose bytes differ; files the live site already has with the same
bytes are hard-linked from it (so their modification times stay), and then the
two folders are exchanged in one atomic rename. A build that changes nothing
touches no file at all. Which file holds which bytes is recorded in the cache
(`TreeRecord`) and checked against each file's inode, size and modification
time before it is trusted, so a file changed by hand is simply rewritten.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, TypeVar

from innosite.output.guard import safe_relpath
from innosite.output.swap import exchange, recover

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
    """What the whole output was made of (see incremental.site_key); '' if not known."""
    copies: dict[str, str] | None = None
    """Output path -> source file of the copied files, when site_key is known."""
    warnings: tuple = ()
    """Warnings found after loading (planning), shown again when the output is reused."""
    spare_complete: bool = False
    """The spare holds no file besides those recorded (else it is cleaned by a walk first)."""


@dataclass(frozen=True, slots=True)
class Want:
    """A file the new build must have: its fingerprint, hash, and how to get its bytes."""

    fp: str
    sha: str
    size: int
    data: Callable[[], bytes]
    """The bytes; called from the publisher's threads, several at once (so it must be thread-safe)."""


TRASH = ".trash-"
"""Beside the spare's name: a folder to delete (an old spare, or the next spare of a build that stopped)."""


def spare_folder(out: Path) -> Path:
    return out.with_name(f".{out.name}-spare")


def discard_spare(out: Path, record: TreeRecord | None) -> threading.Thread | None:
    """Start deleting a spare folder the record does not vouch for, and any left by a killed build.

    The folder is renamed aside at once and deleted by a thread, while the build reads and renders
    (deleting thousands of files takes seconds); the next spare starts empty. None if nothing to delete."""
    spare = spare_folder(out)
    trash_prefix = f"{spare.name}{TRASH}"
    if spare.exists() and (record is None or record.spare is None):
        os.rename(spare, spare.with_name(f"{trash_prefix}{os.getpid()}"))
    parent = out.parent if out.parent.is_dir() else None
    trash = sorted(p for p in parent.iterdir() if p.name.startswith(trash_prefix)) if parent else []
    if not trash:
        return None
    thread = threading.Thread(target=_delete_all, args=(trash,), daemon=True)
    thread.start()
    return thread


def _delete_all(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


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


class TreePublisher:
    """Publishes wanted files into out/ through its spare; saves records with `save`."""

    def __init__(self, out: Path, record: TreeRecord | None, save: Callable[[TreeRecord], None]) -> None:
        self.out = out
        self.spare = spare_folder(out)
        self.record = record
        self.save = save
        self.stamp: dict = {}
        """Fields of the record saved once the new output is complete (site_key...)."""
        recover(out)
        self.live = verified(out, record.out if record else None)
        self.early: dict[str, FileRecord] | None = None
        """Files written into the (emptied) spare while the pages render (see begin); None: none can be."""
        self.twin: Path | None = None
        """The next spare, which the renderers link each page they write into (see begin); None: none."""
        self.linked: set[str] = set()
        """The files linked into the next spare already (see wrote)."""

    def begin(self) -> tuple[Path, Path] | None:
        """Before rendering, when out/ does not exist (a first build): the emptied spare, which every page will
        be written into, so the renderers can write there as they go (noting each in `early`), and the next
        spare, made new, which they link each page into (so it need not be made at the end); else None.

        The next spare is named as trash until it takes the spare's place: a build that stops before that
        leaves it for the next one to delete (see discard_spare)."""
        if self.out.exists() or self.out.is_symlink():
            return None
        products = self.record.products if self.record else frozenset()
        self.save(TreeRecord({}, None, products))  # the spare is being changed: not to be trusted until done
        self.early = self._spare()  # what a trusted spare holds: the pages overwrite it, the rest is linked or goes
        self.twin = _new_folder(self.spare.with_name(f"{self.spare.name}{TRASH}{os.getpid()}-next"))
        return self.spare, self.twin

    def wrote(self, rel: str, record: FileRecord) -> None:
        """Note a page a renderer wrote into the spare, and linked into the next one (see begin)."""
        assert self.early is not None
        self.early[rel] = record
        self.linked.add(rel)

    def publish(self, wants: Mapping[str, Want], finish: Callable[[Path], None] | None = None) -> int:
        """Make out/ hold exactly the wanted files (and finish's products); returns how many were written.

        `finish` runs on the complete new folder before the swap (the search
        indexer); it is not run when no wanted file changed."""
        check_relpaths(wants.keys() - self.live.keys())
        live = adopt(self.out, wants, self.live) if self.out.is_dir() else {}
        products = self.record.products if self.record else frozenset()
        built = {rel: record for rel, record in live.items() if rel not in products}
        if self._same(wants, built) and bool(products) == (finish is not None) and products <= live.keys():
            files = {rel: _refingered(live[rel], want.fp) for rel, want in wants.items()}
            files.update({rel: live[rel] for rel in products})
            spare, complete = (self.record.spare, self.record.spare_complete) if self.record else (None, False)
            record = TreeRecord(files, spare, products, **self.stamp, spare_complete=complete)
            if record != self.record:
                self.save(record)
            return 0
        spare = self._spare() if self.early is None else self.early
        self.save(TreeRecord(live, None, products))  # the spare is being changed: not to be trusted until done
        _each(lambda rel: _remove(self.spare, rel), sorted(spare.keys() - wants.keys()))
        kept: dict[str, FileRecord] = {}
        links, writes = [], []
        for rel, want in wants.items():
            old, mine = live.get(rel), spare.get(rel)
            if old and old.sha == want.sha:
                if not (mine and mine.ino == old.ino):
                    links.append(rel)
                kept[rel] = _refingered(old, want.fp)
            elif mine and mine.sha == want.sha:
                kept[rel] = _refingered(mine, want.fp)
            else:
                writes.append(rel)
        out, into = f"{self.out}{os.sep}", f"{self.spare}{os.sep}"
        created: list[str] = []  # folders made, in whatever order the threads made them
        _each(lambda rel: link(out + rel, into + rel, created), links)
        new = dict(zip(writes, _each(lambda rel: _write(into + rel, wants[rel], created), writes), strict=True))
        files = {rel: kept.get(rel) or new[rel] for rel in wants}  # in the wanted order, whatever the threads did
        writes += [rel for rel in self.early or () if rel in kept]  # written while rendering: flushed alike
        written = [into + rel for rel in writes]
        made = {os.path.dirname(into + rel) for rel in (*links, *writes)}
        new_products: frozenset[str] = frozenset()
        if finish is not None:
            finish(self.spare)
            found = self._products(files, live, made)
            written += [
                into + rel
                for rel, record in found.items()
                if record.ino != live.get(rel, record).ino or rel not in live
            ]
            files.update(found)
            new_products = frozenset(found)
        made.update(os.path.dirname(folder) for folder in created)
        _flush(self.spare, written, made)
        existed = self.out.exists()
        _swap(self.spare, self.out)
        if not existed:
            self._make_spare(files, new_products)
        else:
            # out/ becomes the spare; it holds nothing else when every file it had was on record
            complete = self.record is not None and live.keys() == self.record.out.keys()
            self.save(TreeRecord(files, live, new_products, **self.stamp, spare_complete=complete))
        return len(written)

    @staticmethod
    def _same(wants: Mapping[str, Want], live: Mapping[str, FileRecord]) -> bool:
        return wants.keys() == live.keys() and all(live[rel].sha == want.sha for rel, want in wants.items())

    def _products(
        self, files: dict[str, FileRecord], live: dict[str, FileRecord], made: set[str]
    ) -> dict[str, FileRecord]:
        """Records of the files the finishing step wrote; unchanged ones linked from out/."""
        found = {}
        for folder, _, names in os.walk(self.spare):
            prefix = Path(folder).relative_to(self.spare).as_posix()
            for name in names:
                rel = f"{prefix}/{name}" if prefix != "." else name
                if rel in files:
                    continue
                path = self.spare / rel
                sha = hashlib.sha256(path.read_bytes()).hexdigest()
                old = live.get(rel)
                if old and old.sha == sha:
                    link(str(self.out / rel), str(path), [])
                    made.add(str(path.parent))
                    found[rel] = old
                    continue
                stat = os.lstat(path)
                found[rel] = FileRecord(sha, sha, stat.st_size, stat.st_ino, stat.st_mtime_ns)
        return found

    def _spare(self) -> dict[str, FileRecord]:
        """The spare's trusted files; an untrusted spare is emptied first."""
        record = self.record.spare if self.record else None
        if record is not None and self.spare.is_dir():
            trusted = verified(self.spare, record)
            if not (self.record and self.record.spare_complete):
                _prune(self.spare, trusted)
            return trusted
        if self.spare.exists():
            shutil.rmtree(self.spare)
        self.spare.mkdir(parents=True)
        return {}

    def _make_spare(self, files: dict[str, FileRecord], products: frozenset[str]) -> None:
        """After the first build: a spare of links, so the next build changes few files (the pages written
        while rendering are linked in the next spare already)."""
        self.save(TreeRecord(files, None, products, **self.stamp))
        linked: set[str] = set()
        if self.twin is not None:
            os.rename(self.twin, self.spare)
            linked, self.twin = self.linked, None
        self.spare.mkdir(parents=True, exist_ok=True)
        out, into = f"{self.out}{os.sep}", f"{self.spare}{os.sep}"
        _each(lambda rel: link(out + rel, into + rel, []), [rel for rel in files if rel not in linked])
        self.save(TreeRecord(files, files, products, **self.stamp, spare_complete=True))


def _refingered(record: FileRecord, fp: str) -> FileRecord:
    """The record with this fingerprint: the same object when it has it already (most files, most builds)."""
    return record if record.fp == fp else FileRecord(fp, record.sha, record.size, record.ino, record.mtime_ns)


def _suspect(rel: str) -> bool:
    """Whether safe_relpath could refuse this path (most cannot; it is asked only about these)."""
    return not rel or rel.startswith(("/", ".")) or ".." in rel or "\\" in rel or "\0" in rel


def check_relpaths(rels: Iterable[str]) -> None:
    """Refuse (ValueError) an output path that would leave the output folder."""
    for rel in rels:
        if _suspect(rel):
            safe_relpath(rel)


def _each(work: Callable[[T], R], items: Sequence[T]) -> list[R]:
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


def _new_folder(stem: Path) -> Path:
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
    """Hard-link src as target, replacing what target was; its folder is made if missing."""
    try:
        os.link(src, target)
    except FileExistsError:
        os.unlink(target)
        os.link(src, target)
    except FileNotFoundError:
        _folders(os.path.dirname(target), created)
        os.link(src, target)


_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _write(target: str, want: Want, created: list[str]) -> FileRecord:
    """Write the wanted bytes as a new file (never into one the live site may share); its record."""
    return write_new(target, want.data(), want.fp, want.sha, created)


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


def _remove(root: Path, rel: str) -> None:
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


def _prune(root: Path, keep: Mapping[str, FileRecord]) -> None:
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


def _flush(root: Path, written: list[str], made: set[str]) -> None:
    """Make the written files and the folders holding new entries durable before the swap makes them live."""
    if len(written) > FSYNC_LIMIT and _syncfs(root):
        return
    _each(_fsync, [*written, *sorted(made - {str(root)}), str(root)])


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


def _swap(spare: Path, out: Path) -> None:
    """Exchange the finished spare with out/ (out/ becomes the spare)."""
    if not out.exists():
        os.rename(spare, out)
    elif not exchange(spare, out):
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.rename(out, old)
        os.rename(spare, out)
        os.rename(old, spare)
