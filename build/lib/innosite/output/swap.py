"""The atomic exchange of two folders (renameat2 where the system has it), and recovery after a killed build."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

_AT_FDCWD = -100


_RENAME_EXCHANGE = 2


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
