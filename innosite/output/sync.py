"""Publishing into an output folder that cannot be swapped: a mount point (a Docker volume, a bind mount).

Such a folder cannot be renamed (EBUSY), so the complete new build in the
spare folder beside it cannot take its place. Instead the files that differ are
copied in: each is written whole into a hidden folder inside it
(`.innosite-new/`), all of them are flushed to disk, and then each is renamed
over the old one, so a visitor never gets half a file; files the new build no
longer has go last.
A build that stops in the middle leaves some files new and some old; the next
build finds which by their records (inode, size, time) and completes it. The
site is a mix of the two builds only while the renames run (less than a
second for the few files an edit changes). Files the build did not write are
left as they are.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from innosite.output.files import each, flush, remove, write_new
from innosite.output.records import FileRecord

STAGING = ".innosite-new"
"""The folder inside out/ where the new versions wait, complete, until each is renamed into its place (one folder:
a build that stops leaves nothing else behind, and the next one removes it first)."""


def sync_into(out: Path, spare: Path, files: Mapping[str, FileRecord], live: Mapping[str, FileRecord]) -> dict:
    """Make out/ hold the spare's files (`files`, their records), writing only those whose bytes out/ does not
    have (`live`: out/'s files on record); returns the records of out/'s files."""
    records = {
        rel: FileRecord(record.fp, record.sha, record.size, live[rel].ino, live[rel].mtime_ns)
        for rel, record in files.items()
        if rel in live and live[rel].sha == record.sha
    }
    changed = [rel for rel in files if rel not in records]
    staging = out / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    base, waiting = f"{out}{os.sep}", f"{staging}{os.sep}"
    created: list[str] = []
    copies = dict(zip(changed, each(lambda rel: _copy(spare / rel, waiting + rel, created), changed), strict=True))
    flush(staging, [waiting + rel for rel in changed], {*created, str(staging)})
    made: set[str] = set()
    later = [rel for rel in changed if not _move(waiting + rel, base + rel, made)]
    each(lambda rel: remove(out, rel), sorted(live.keys() - files.keys()))
    for rel in later:  # a file where a folder of the old build was, or the other way round: free now
        if not _move(waiting + rel, base + rel, made):
            raise OSError(errno.EEXIST, "a file or folder the build did not write is in the way", base + rel)
    shutil.rmtree(staging)
    flush(out, [], made)
    for rel, (ino, mtime_ns) in copies.items():
        record = files[rel]
        records[rel] = FileRecord(record.fp, record.sha, record.size, ino, mtime_ns)
    return {rel: records[rel] for rel in files}


def _copy(source: Path, target: str, created: list[str]) -> tuple[int, int]:
    """Copy a file's bytes to a new file (inode and modification time of the copy)."""
    record = write_new(target, source.read_bytes(), "", "", created)
    return record.ino, record.mtime_ns


def _move(waiting: str, target: str, made: set[str]) -> bool:
    """Rename a new version over the old one (making its folders); False if a file or folder of the old build
    stands in the way."""
    folder = os.path.dirname(target)
    try:
        os.makedirs(folder, exist_ok=True)
        os.replace(waiting, target)
    except OSError as exc:
        if exc.errno not in (errno.EEXIST, errno.ENOTDIR, errno.EISDIR, errno.ENOTEMPTY):
            raise
        return False
    made.add(folder)
    return True
