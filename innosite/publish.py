"""The output folder's safety rules and its atomic swap.

Which folders may be written, which paths may be written in them, the atomic
exchange of two folders (renameat2 where the system has it) and recovery after
a killed build. publish_tree.py writes the files through these.
"""

from __future__ import annotations

import errno
import os
import shutil
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


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically with renameat2; False where unsupported."""
    import ctypes  # here: a build that changes nothing swaps nothing

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
