"""The upkeep of the image cache (`.cache/media/`): what the site no longer uses is removed, never what a build
running at the same time uses.

Every build that uses the cache holds a lock on `.cache/media/.lock` from its image step until it has published
(builds into different output folders, such as a pipeline's and the preview's, share one cache: the output
folder's lock, output/lock.py, does not keep them apart). A build that finds no other build holding it takes it
alone, removes what it does not use (the descriptions of other sources, the files no description it keeps names,
other recipes' folders, the temporary files of a build that was stopped), then shares it like any other; a build
that finds it held shares it and removes nothing. So a build never removes a file another build is about to read;
and should a file go missing anyway (a cache deleted by hand), the build makes it again from its source
(speed/images.py). Nothing here stops a build: a cache that cannot be locked or cleaned is used as it is.

The cost is one listing of the recipe's folder when the image step runs; a build that changes nothing does not
run it (speed/session.py reuses the output).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; the cache is used without upkeep there (not supported, not tested)
    fcntl = None  # type: ignore[assignment]

LOCK = ".lock"


class MediaUse:
    """A build's hold on the image cache: alone (`alone`: it may clean) or shared, until `release`."""

    def __init__(self, fd: int, alone: bool) -> None:
        self.fd: int | None = fd
        self.alone = alone

    def share(self) -> None:
        """Let other builds use the cache beside this one (after cleaning)."""
        if self.fd is not None and self.alone:
            fcntl.flock(self.fd, fcntl.LOCK_SH)
            self.alone = False

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing releases the lock
            self.fd = None


def use_media(media: Path) -> MediaUse | None:
    """Hold the image cache at `media` for a build: alone when no other build holds it, else shared (waiting while
    another build cleans it, which is quick); None when it cannot be locked (no flock, a read-only cache)."""
    if fcntl is None:
        return None
    try:
        media.mkdir(parents=True, exist_ok=True)
        fd = os.open(media / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return MediaUse(fd, alone=True)
    except BlockingIOError:
        fcntl.flock(fd, fcntl.LOCK_SH)
        return MediaUse(fd, alone=False)
    except OSError:
        os.close(fd)
        return None


def clean_media(media: Path, recipe: str, names: set[str], files: set[str]) -> int:
    """Remove from the image cache what a build does not use: descriptions not in `names` (without .json) and
    files not in `files` (their hashes) from the recipe's folder, temporary files, other recipes' folders.
    Only while holding the cache alone (`use_media`). Returns how many were removed."""
    removed = 0
    with contextlib.suppress(OSError), os.scandir(media) as found:
        for item in found:
            if item.name != recipe and item.is_dir(follow_symlinks=False):
                shutil.rmtree(item.path, ignore_errors=True)
                removed += 1
    with contextlib.suppress(OSError), os.scandir(media / recipe) as found:
        for item in found:
            stem, _, kind = item.name.rpartition(".")
            unused = (kind == "json" and stem not in names) or (kind == "bin" and stem not in files)
            if unused or item.name.startswith(".part-"):
                with contextlib.suppress(OSError):
                    os.unlink(item.path)
                    removed += 1
    return removed
