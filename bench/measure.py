"""Run a command as a new process, timing it and sampling its process tree's RSS."""

import contextlib
import ctypes
import os
import platform
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

POLL_SECONDS = 0.02

KCMP = {"x86_64": 312, "aarch64": 272}
"""The kcmp system call's number on Linux, by machine."""

KCMP_VM = 1


def same_memory() -> Callable[[int, int], bool]:
    """A test of whether two processes share one address space (kcmp's KCMP_VM), where Linux can tell.

    Python starts a program (the build's process pool, its resource tracker) through vfork: until the child
    runs the program, it shares the build's memory, and /proc shows the build's RSS for it too. A sample taken
    in that millisecond would count the build twice (a 10,000-release addition once read 762 MB instead of
    about 495 MB). Elsewhere, the test says no, and such a sample counts twice."""
    number = KCMP.get(platform.machine()) if os.name == "posix" and platform.system() == "Linux" else None
    if number is None:
        return lambda a, b: False
    syscall = ctypes.CDLL(None, use_errno=True).syscall

    def shared(a: int, b: int) -> bool:
        return syscall(number, a, b, KCMP_VM, 0, 0) == 0

    return shared


@dataclass(frozen=True, slots=True)
class Run:
    """The outcome of one timed command."""

    seconds: float
    peak_rss: int  # bytes, highest sum over the process and all its descendants
    returncode: int
    output_tail: str  # the last lines of stdout+stderr, for error reports


def psutil_tree_rss() -> Callable[[int], int] | None:
    """Return a tree-RSS function backed by psutil, or None if it is missing."""
    try:
        import psutil
    except ImportError:
        return None

    shared = same_memory()

    def tree_rss(pid: int) -> int:
        """Sum the RSS of pid and its descendants with psutil, a child sharing its parent's memory once."""
        try:
            root = psutil.Process(pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            return 0
        total = 0
        for proc in procs:
            with contextlib.suppress(psutil.Error):
                if proc is root or not shared(proc.ppid(), proc.pid):
                    total += proc.memory_info().rss
        return total

    return tree_rss


def proc_parents() -> dict[int, int]:
    """Map every pid in /proc to its parent pid."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def proc_tree_rss(pid: int, shared: Callable[[int, int], bool] | None = None) -> int:
    """Sum the RSS of pid and its descendants by reading /proc (no psutil); `shared`: see same_memory."""
    parents = proc_parents()
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        kids = [child for child, ppid in parents.items() if ppid == parent and child not in tree]
        tree.update(kids)
        frontier.extend(kids)
    page = os.sysconf("SC_PAGE_SIZE")
    shared = shared or same_memory()
    total = 0
    for member in tree:
        if member != pid and shared(parents.get(member, 0), member):
            continue  # a vfork child before its exec: the parent's memory, counted with the parent
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(Path(f"/proc/{member}/statm").read_text().split()[1]) * page
    return total


def sample_peak(pid: int, stop: threading.Event, result: list[int]) -> None:
    """Poll the tree RSS of pid every POLL_SECONDS until stop is set."""
    tree_rss = psutil_tree_rss() or partial(proc_tree_rss, shared=same_memory())
    peak = 0
    while not stop.is_set():
        peak = max(peak, tree_rss(pid))
        stop.wait(POLL_SECONDS)
    result.append(peak)


def tail(path: Path, lines: int = 15) -> str:
    """Return the last lines of a text file."""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def run_timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run cmd in cwd as a new process; return wall time, peak tree RSS and exit code."""
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "output.txt"
        with log.open("wb") as out:
            stop, peak = threading.Event(), []
            start = time.perf_counter()
            proc = subprocess.Popen(
                cmd,
                cwd=cwd,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            sampler = threading.Thread(target=sample_peak, args=(proc.pid, stop, peak), daemon=True)
            sampler.start()
            returncode = proc.wait()
            seconds = time.perf_counter() - start
            stop.set()
            sampler.join()
        return Run(
            seconds=seconds,
            peak_rss=peak[0],
            returncode=returncode,
            output_tail=tail(log),
        )
