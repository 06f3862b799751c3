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

import errno
import os
import shutil
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from innosite.output.files import each, flush, link, new_folder, prune, remove, write
from innosite.output.guard import check_relpaths, output_failure
from innosite.output.records import FileRecord, Finishing, TreeRecord, Want, adopt, verified
from innosite.output.swap import exchange, recover
from innosite.output.sync import sync_into

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


class TreePublisher:
    """Publishes wanted files into out/ through its spare; saves records with `save`."""

    def __init__(self, out: Path, record: TreeRecord | None, save: Callable[[TreeRecord], None]) -> None:
        self.out = out
        self._prefix = f"{out}{os.sep}"
        """out/'s path as the start of its files' paths."""
        self.spare = spare_folder(out)
        self.record = record
        self.save = save
        self.stamp: dict = {}
        """Fields of the record saved once the new output is complete (site_key...)."""
        recover(out)
        self.live = verified(out, record.out if record else None)
        self.mounted = bool(record and record.mounted) or os.path.ismount(out)
        """out/ cannot be swapped (a mount point): the spare is kept as the latest build and copied into out/."""
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
        self.twin = new_folder(self.spare.with_name(f"{self.spare.name}{TRASH}{os.getpid()}-next"))
        return self.spare, self.twin

    def wrote(self, rel: str, record: FileRecord) -> None:
        """Note a page a renderer wrote into the spare, and linked into the next one (see begin)."""
        assert self.early is not None
        self.early[rel] = record
        self.linked.add(rel)

    def publish(
        self, wanted: Mapping[str, Want | None], finish: Callable[[Finishing], dict[str, str]] | None = None
    ) -> int:
        """Make out/ hold exactly these files (None: as out/ has it, see `live`) and finish's products; returns
        how many were written.

        `finish` (the search indexer) writes into the new folder before the swap, in a thread, while the pages
        are linked and written there (it reads them through Finishing.read); it is not run when no wanted file
        changed."""
        wants = {rel: want if want is not None else self._held(rel) for rel, want in wanted.items()}
        check_relpaths(wants.keys() - self.live.keys())
        live = adopt(self.out, wants, self.live) if self.out.is_dir() else {}
        products = self.record.products if self.record else frozenset()
        built = {rel: record for rel, record in live.items() if rel not in products}
        if self._same(wants, built) and bool(products) == (finish is not None) and products <= live.keys():
            files = {rel: _refingered(live[rel], want.fp) for rel, want in wants.items()}
            files.update({rel: live[rel] for rel in products})
            spare, complete = (self.record.spare, self.record.spare_complete) if self.record else (None, False)
            record = TreeRecord(files, spare, products, **self.stamp, spare_complete=complete, mounted=self.mounted)
            if record != self.record:
                self.save(record)
            return 0
        spare = self._spare() if self.early is None else self.early
        self.save(TreeRecord(live, None, products, mounted=self.mounted))  # the spare is changing: not to be trusted
        unwanted = spare.keys() - wants.keys()
        later = {rel for rel in unwanted if rel in products} if finish is not None else set()
        each(lambda rel: remove(self.spare, rel), sorted(unwanted - later))  # the finishing step's files: see below
        kept: dict[str, FileRecord] = {}
        links, writes = [], []
        for rel, want in wants.items():
            old, mine = live.get(rel), spare.get(rel)
            if old and old.sha == want.sha and not self.mounted:  # (a mount point: no links, the spare has its own)
                if not (mine and mine.ino == old.ino):
                    links.append(rel)
                kept[rel] = _refingered(old, want.fp)
            elif mine and mine.sha == want.sha:
                kept[rel] = _refingered(mine, want.fp)
            else:
                writes.append(rel)
        out, into = f"{self.out}{os.sep}", f"{self.spare}{os.sep}"
        created: list[str] = []  # folders made, in whatever order the threads made them
        job = None if finish is None else self._finishing(wants, live, spare, products)  # (no search: nothing)
        with ThreadPoolExecutor(1, thread_name_prefix="finish") as pool:  # it ends before the pool (on errors too)
            finishing = None if finish is None or job is None else pool.submit(finish, job)  # beside the pages
            try:
                each(lambda rel: link(out + rel, into + rel, created), links)
                new = dict(zip(writes, each(lambda rel: write(into + rel, wants[rel], created), writes), strict=True))
            except BaseException:
                if job is not None:
                    job.stop.set()  # it stops at its next step, before the pool lets the error go on
                raise
        if any(new[rel].sha != wants[rel].sha for rel in writes):  # a copied file changed while this build ran:
            self.stamp = {**self.stamp, "site_key": ""}  # the output is not what the build's key says
        files = {rel: kept.get(rel) or new[rel] for rel in wants}  # in the wanted order, whatever the threads did
        writes += [rel for rel in self.early or () if rel in kept]  # written while rendering: flushed alike
        written = [into + rel for rel in writes]
        made = {os.path.dirname(into + rel) for rel in (*links, *writes)}
        new_products: frozenset[str] = frozenset()
        if finishing is not None and job is not None:
            found = self._products(finishing.result(), made, {rel: live[rel] for rel in job.linked})
            # those of the last build but one, left for it to replace or link again (most are the same files)
            each(lambda rel: remove(self.spare, rel), sorted(later - found.keys()))
            written += [
                into + rel
                for rel, record in found.items()
                if record.ino != live.get(rel, record).ino or rel not in live
            ]
            files.update(found)
            new_products = frozenset(found)
        made.update(os.path.dirname(folder) for folder in created)
        flush(self.spare, written, made)
        existed = self.out.exists()
        try:
            _swap(self.spare, self.out)
        except OSError as exc:
            if exc.errno not in (errno.EBUSY, errno.EXDEV):
                raise
            return self._sync(files, live, new_products, len(written))
        if not existed:
            self._make_spare(files, new_products)
        else:
            # out/ becomes the spare; it holds nothing else when every file it had was on record
            complete = self.record is not None and live.keys() == self.record.out.keys()
            self.save(TreeRecord(files, live, new_products, **self.stamp, spare_complete=complete))
        return len(written)

    def _sync(self, files: dict[str, FileRecord], live: dict[str, FileRecord], products: frozenset, count: int) -> int:
        """out/ is a mount point: copy the finished spare into it (output/sync.py), the spare staying as it is."""
        self.mounted = True
        self.save(TreeRecord(live, files, products, spare_complete=True, mounted=True))  # out/ is changing
        try:
            out = sync_into(self.out, self.spare, files, live)
        except OSError as exc:
            raise output_failure(exc, self.out, partly=True) or exc from None
        self.save(TreeRecord(out, files, products, **self.stamp, spare_complete=True, mounted=True))
        return count

    def _finishing(
        self,
        wants: Mapping[str, Want],
        live: Mapping[str, FileRecord],
        spare: Mapping[str, FileRecord],
        products: frozenset[str],
    ) -> Finishing:
        """What the finishing step is given; it runs while the pages are linked and written, so it reads them
        from where the wanted files come from (an edit's search index is made while its pages are published)."""
        held = {} if self.mounted else {rel: live[rel].sha for rel in products if rel in live}
        linked = frozenset(rel for rel in held if (mine := spare.get(rel)) and mine.ino == live[rel].ino)
        shas = {rel: want.sha for rel, want in wants.items()}
        return Finishing(self.spare, shas, self.out, held, linked, lambda rel: wants[rel].data())

    def _held(self, rel: str) -> Want:
        """A file out/ holds, as a wanted file (a string path: every unchanged file of every build comes here)."""
        record = self.live[rel]
        return Want(record.fp, record.sha, record.size, _Held(self._prefix, rel))

    @staticmethod
    def _same(wants: Mapping[str, Want], live: Mapping[str, FileRecord]) -> bool:
        return wants.keys() == live.keys() and all(live[rel].sha == want.sha for rel, want in wants.items())

    def _products(self, shas: dict[str, str], made: set[str], linked: dict[str, FileRecord]) -> dict[str, FileRecord]:
        """Records of the files the finishing step wrote into the spare (or linked there from out/); `linked`: the
        records of those that were links of out/'s files already (most, after an edit)."""
        into = f"{self.spare}{os.sep}"
        found = {}
        for rel, sha in shas.items():
            same = linked.get(rel)
            if same is not None and same.sha == sha:
                found[rel] = same
                continue
            stat = os.lstat(into + rel)
            found[rel] = FileRecord(sha, sha, stat.st_size, stat.st_ino, stat.st_mtime_ns)
            made.add(os.path.dirname(into + rel))
        return found

    def _spare(self) -> dict[str, FileRecord]:
        """The spare's trusted files; an untrusted spare is emptied first."""
        record = self.record.spare if self.record else None
        if record is not None and self.spare.is_dir():
            trusted = verified(self.spare, record)
            if not (self.record and self.record.spare_complete):
                prune(self.spare, trusted)
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
        each(lambda rel: link(out + rel, into + rel, []), [rel for rel in files if rel not in linked])
        self.save(TreeRecord(files, files, products, **self.stamp, spare_complete=True))


def _refingered(record: FileRecord, fp: str) -> FileRecord:
    """The record with this fingerprint: the same object when it has it already (most files, most builds)."""
    return record if record.fp == fp else FileRecord(fp, record.sha, record.size, record.ino, record.mtime_ns)


def _swap(spare: Path, out: Path) -> None:
    """Exchange the finished spare with out/ (out/ becomes the spare)."""
    if not out.exists():
        os.rename(spare, out)
    elif not exchange(spare, out):
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.rename(out, old)
        os.rename(spare, out)
        os.rename(old, spare)


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


class _Held:
    """The bytes of a file out/ holds, read when called (a Want's data): the folder's path and the file's are
    joined only then, as most such files are never read (a big site has tens of thousands)."""

    __slots__ = ("folder", "rel")

    def __init__(self, folder: str, rel: str) -> None:
        self.folder, self.rel = folder, rel

    def __call__(self) -> bytes:
        return _read(self.folder + self.rel)
