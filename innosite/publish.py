"""Writing the output: built aside, then swapped in whole (the only writer).

A new build is written to a sibling folder; files whose bytes did not change
are hard-linked from the previous build so their modification times stay.
The finished folder then replaces the old one in one rename (an atomic
exchange where the system has it), so site/ is always one complete build.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class OutputError(Exception):
    """The output folder cannot be used (a usage error, not a content one)."""


def safe_relpath(path: str) -> str:
    """An output path that stays inside the output folder, or OutputError."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or "\\" in path or "\0" in path or not pure.parts:
        raise OutputError(f"refusing to write outside the output folder: {path!r}")
    return pure.as_posix()


def check_output_folder(out: Path, protected: tuple[Path, ...]) -> None:
    """Refuse an output folder that holds sources, lies inside them, or is not a previous build.

    Inside the current folder is fine (site/ is there); inside content/,
    templates/ or locales/ is not: a build never writes among the sources."""
    resolved = out.resolve()
    cwd = Path.cwd().resolve()
    for folder in protected:
        folder = folder.resolve()
        if resolved == folder or resolved in folder.parents:
            raise OutputError(f"the output folder {out} would replace {folder}: choose another --out")
        if folder != cwd and folder in resolved.parents:
            raise OutputError(f"the output folder {out} is inside {folder}: choose another --out")
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").is_file():
        raise OutputError(f"{out} exists and is not a site built by this tool: choose another --out or remove it")


def publish(
    out: Path, files: Mapping[str, bytes], copies: Mapping[str, Path], finish: Callable[[Path], None] | None = None
) -> int:
    """Write files and copies as the new out/; returns how many files changed.

    `finish` runs on the complete new folder before the swap (the search
    indexer); if it raises, the new folder is dropped and out/ stays as it was."""
    recover(out)
    staging = out.with_name(f".{out.name}.new-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    changed = 0
    for rel in sorted(files):
        changed += _write(out, staging, safe_relpath(rel), files[rel])
    for rel in sorted(copies):
        changed += _write(out, staging, safe_relpath(rel), copies[rel].read_bytes())
    if finish is not None:
        try:
            finish(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    _fsync_tree(staging)
    _swap(staging, out)
    return changed


def _write(out: Path, staging: Path, rel: str, data: bytes) -> int:
    """Link the previous file when its bytes are the same, else write; 1 if written."""
    target = staging / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    old = out / rel
    try:
        if old.is_file() and not old.is_symlink() and old.stat().st_size == len(data) and old.read_bytes() == data:
            os.link(old, target)
            return 0
    except OSError:
        pass
    target.write_bytes(data)
    return 1


def _fsync_tree(root: Path) -> None:
    """Flush the new build's folders so a power cut cannot swap in empty files."""
    for folder, _, _ in os.walk(root):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _swap(staging: Path, out: Path) -> None:
    if out.exists() and _exchange(staging, out):
        shutil.rmtree(staging)
        return
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.rename(out, old)
        os.rename(staging, out)
        shutil.rmtree(old)
    else:
        os.rename(staging, out)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically with renameat2; False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def recover(out: Path) -> None:
    """After a killed build: restore a swapped-away site and drop stale folders."""
    prefix_new, prefix_old = f".{out.name}.new-", f".{out.name}.old-"
    parent = out.parent if out.parent.exists() else None
    if parent is None:
        return
    olds = sorted(p for p in parent.iterdir() if p.name.startswith(prefix_old))
    if olds and not out.exists():
        os.rename(olds[-1], out)
        olds = olds[:-1]
    for stale in [*olds, *(p for p in parent.iterdir() if p.name.startswith(prefix_new))]:
        shutil.rmtree(stale, ignore_errors=True)
