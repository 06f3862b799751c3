"""One build at a time per output folder: an exclusive lock beside it, held for the whole build.

Two builds into one folder at once (a scheduled pipeline and a person, two
terminals) would update the same spare folder and swap it in turn: a site
mixed of both, or without its index. So every build, the preview's included,
holds `flock` on `.<name>-lock` beside its output folder (beside the folder a
symbolic link points to) from before it looks at the folder until its end. The
system releases the lock when the process ends, however it ends: a killed build
never leaves it held. A second build says once that it waits, waits up to a
limit, then stops with one line naming the other build (exit 2).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path

from innosite.output.guard import OutputError

try:
    import fcntl
except ImportError:  # Windows: no flock; builds there are not locked (and not tested)
    fcntl = None  # type: ignore[assignment]

POLL = 0.1
"""Seconds between two tries while another build holds the lock."""


def lock_path(out: Path) -> Path:
    """The lock file of an output folder: `.site-lock` beside `site/`."""
    return out.with_name(f".{out.name}-lock")


class OutputLock:
    """The lock of one output folder, held until `release` (or the end of the process)."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self.fd = fd

    def release(self) -> None:
        """Remove the lock file and let the next build in (removed first: a build waiting on it tries again)."""
        if self.fd is None:
            return
        with contextlib.suppress(OSError):  # (a folder made read-only meanwhile: the next build uses it as it is)
            self.path.unlink(missing_ok=True)
        os.close(self.fd)  # closing releases the lock
        self.fd = None


def hold_output(out: Path, wait: float, say: Callable[[str], None]) -> OutputLock:
    """Take the lock of an output folder, waiting up to `wait` seconds for a build that holds it; OutputError
    if that build is still under way then."""
    path = lock_path(out)
    if fcntl is None:
        return OutputLock(path, None)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = f"({exc.strerror}): choose another --out"
        raise OutputError(f"cannot make the folder {path.parent} for {out} {reason}") from None
    deadline = time.monotonic() + wait
    said, tries = False, 0
    while True:
        fd = _open(path, out)
        if _try_lock(fd):
            if _still_there(fd, path):
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
                return OutputLock(path, fd)
            os.close(fd)  # released and removed by its holder meanwhile: take the new one
            continue
        other = _holder(fd)
        os.close(fd)
        if time.monotonic() >= deadline:
            raise OutputError(
                f"another build{other} is writing {out} and has not finished in {wait:g} seconds: "
                "try again when it has finished (or stop it)"
            )
        tries += 1
        if not said and (other or tries > 1):  # (a holder that has just locked writes its number next)
            say(f"another build{other} is writing {out}; waiting for it to finish (at most {wait:g} seconds)...")
            said = True
        time.sleep(POLL)


def _open(path: Path, out: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        what = "make the folder that holds it writable, or choose another --out"
        raise OutputError(f"cannot write beside {out} ({exc.strerror}): {what}") from None


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _still_there(fd: int, path: Path) -> bool:
    """Whether the locked file is still the one at path (not removed by a build that just released it)."""
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False


def _holder(fd: int) -> str:
    """' (process N)' for the build that holds the lock, as it wrote its number; '' if not known yet."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (process {text})" if text.isdigit() else ""
