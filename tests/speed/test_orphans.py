"""A build killed while its worker processes run leaves no process behind: workers, resource tracker, Pagefind."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.speed.test_incremental import big_site  # noqa: F401 (a fixture)

BUILD_PY = Path(__file__).resolve().parents[2] / "build.py"
PATIENCE = 20.0
"""Seconds to wait for the build to start its workers, and then for them to go (a bound, not a measure)."""


def processes() -> dict[int, tuple[int, str, str]]:
    """pid -> (parent pid, state, start time) of every process."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            text = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        found[int(entry)] = (int(fields[1]), fields[0], fields[19])
    return found


def descendants(root: int, table: dict[int, tuple[int, str, str]]) -> dict[int, str]:
    """pid -> start time of every process started, directly or not, by root."""
    found: dict[int, str] = {}
    parents = {root}
    while True:
        children = {pid for pid, (ppid, _, _) in table.items() if ppid in parents and pid not in found}
        if not children:
            return found
        found.update({pid: table[pid][2] for pid in children})
        parents = children


def workers(known: dict[int, str]) -> list[int]:
    """Which of these processes are worker processes: multiprocessing's, started by its process server or spawned
    (not the server, nor the resource tracker)."""
    table = processes()
    found = []
    for pid in known:
        with contextlib.suppress(OSError, KeyError):
            parent = Path(f"/proc/{table[pid][0]}/cmdline").read_bytes()
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes() or b"forkserver" in parent:
                found.append(pid)
    return found


def alive(known: dict[int, str]) -> list[int]:
    """Which of these processes still run (the same processes: same start time; zombies count as ended)."""
    table = processes()
    return [pid for pid, start in known.items() if pid in table and table[pid][2] == start and table[pid][1] != "Z"]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_build_leaves_no_worker_process_behind(big_site: Path, sig: signal.Signals) -> None:  # noqa: F811
    command = [sys.executable, str(BUILD_PY), "--no-search", "--jobs", "2"]
    build = subprocess.Popen(
        command, cwd=big_site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + PATIENCE
        started: dict[int, str] = {}
        while time.monotonic() < deadline and build.poll() is None:
            started = descendants(build.pid, processes())
            if len(workers(started)) >= 2:
                break
            time.sleep(0.01)
        assert build.poll() is None and len(workers(started)) >= 2, "the build ended before its workers were seen"
        assert len(started) >= 3, "no resource tracker beside the workers"
        os.kill(build.pid, sig)
        build.wait(timeout=PATIENCE)
        deadline = time.monotonic() + PATIENCE
        while alive(started) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert alive(started) == [], "processes of the killed build still run"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)
        build.wait()


def names(pids: dict[int, str]) -> dict[int, str]:
    """pid -> command name of those processes that still run."""
    found = {}
    for pid in pids:
        with contextlib.suppress(OSError):
            found[pid] = Path(f"/proc/{pid}/comm").read_text().strip()
    return found


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_build_killed_while_pagefind_indexes_leaves_no_pagefind_behind(
    big_site: Path,  # noqa: F811
    sig: signal.Signals,
) -> None:
    command = [sys.executable, str(BUILD_PY), "--jobs", "2"]
    build = subprocess.Popen(
        command, cwd=big_site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + PATIENCE * 3
        pagefind: dict[int, str] = {}
        while time.monotonic() < deadline and build.poll() is None and not pagefind:
            table = processes()
            started = descendants(build.pid, table)
            pagefind = {pid: start for pid, start in started.items() if names({pid: start}).get(pid) == "pagefind"}
            time.sleep(0.005)
        assert build.poll() is None and pagefind, "the build ended before Pagefind was seen"
        os.kill(build.pid, sig)
        build.wait(timeout=PATIENCE)
        deadline = time.monotonic() + PATIENCE
        while alive(pagefind) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert alive(pagefind) == [], "Pagefind processes of the killed build still run"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)
        build.wait()
