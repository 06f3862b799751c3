"""Ctrl-C: one line saying what was left (a build publishes all or nothing), exit status 130, no process left.

The real case is a build of a site big enough to start the worker processes, stopped by SIGINT as a
terminal sends it (to every process of the foreground group) or as `kill -INT` does (to the build only);
then no process the build started may still run. The rarer moments (between the two renames of a swap,
just after it) are made in-process by sending the signal from inside the build.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import innosite.output.tree as tree
from tests.conftest import read_tree
from tests.speed.test_incremental import big_site  # noqa: F401 (a fixture)
from tests.speed.test_orphans import workers

BUILD_PY = Path(__file__).resolve().parents[2] / "build.py"
WAIT = 90.0
"""Upper bound for a build to start its workers or to stop, on a busy machine (not a speed check)."""
NOTHING = "Stopped: nothing was published; the previous site is unchanged."
RELEASE = "press/2024-r000/fi.md"


def _processes() -> dict[int, tuple[int, int, str, str]]:
    """Every process: pid -> (parent pid, session id, state, start time)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:  # ended meanwhile
                continue
            found[int(entry.name)] = (int(fields[1]), int(fields[3]), fields[0], fields[19])
    return found


def _descendants(pid: int) -> dict[int, str]:
    """The processes started by pid and by those (pid -> start time), zombies left out."""
    table = _processes()
    found: dict[int, str] = {}
    parents = {pid}
    while parents:
        children = {p for p, (ppid, _, state, _) in table.items() if ppid in parents and state != "Z"} - found.keys()
        found.update({p: table[p][3] for p in children})
        parents = children
    return found


def _still_running(started: dict[int, str], session: int) -> list[int]:
    """Of the processes once started (by pid and start time), and of the build's session, those still running a
    few seconds on (the fork server and the resource tracker end once they see the build gone)."""
    deadline = time.monotonic() + 10
    while True:
        table = _processes()
        same = [p for p, start in started.items() if p in table and table[p][3] == start and table[p][2] != "Z"]
        in_session = [p for p, (_, sid, state, _) in table.items() if sid == session and state != "Z"]
        if not (same or in_session) or time.monotonic() > deadline:
            return sorted({*same, *in_session})
        time.sleep(0.1)


def _wait_for_workers(process: subprocess.Popen) -> dict[int, str]:
    """Once the build has processes of its own running work (its worker processes): all it started."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and process.poll() is None:
        started = _descendants(process.pid)
        if workers(started):
            return started
        time.sleep(0.02)
    pytest.fail(f"the build started no worker processes (exit status {process.poll()})")


def _build(root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(BUILD_PY), "--no-cache", "--no-search", "--jobs", "2", "--out", "site", *args],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )


@pytest.mark.parametrize(
    ("to", "times"),
    [("the build", 1), ("the build", 2), ("its process group, as a terminal does", 1)],
    ids=["kill-INT", "twice", "terminal"],
)
def test_ctrl_c_during_a_build_says_one_line_leaves_the_site_and_no_process(
    big_site: Path,  # noqa: F811
    to: str,
    times: int,
) -> None:
    first = _build(big_site)
    assert first.wait(timeout=WAIT) == 0, first.stderr.read()
    before = read_tree(big_site / "site")
    (big_site / "content" / RELEASE).write_text((big_site / "content" / RELEASE).read_text() + "\nUusi kappale.\n")

    process = _build(big_site)
    started = _wait_for_workers(process)
    for _ in range(times):
        if to == "the build":
            process.send_signal(signal.SIGINT)
        else:
            os.killpg(process.pid, signal.SIGINT)
        time.sleep(0.05)
    try:
        out, err = process.communicate(timeout=WAIT)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, err
    assert err.splitlines() == [NOTHING]  # the workers, told too by a terminal, leave it to the build
    assert out == ""
    assert _still_running(started, process.pid) == []
    assert read_tree(big_site / "site") == before


@pytest.fixture
def built(site_dir: Path, run) -> dict[str, bytes]:
    """A site built once; what it holds."""
    assert run("--out", "site", "--no-search").code == 0
    (site_dir / "content/press/2022-09-13-lead-projects/liite.pdf").write_bytes(b"%PDF-1.4 uusi")
    return read_tree(site_dir / "site")


def _ctrl_c_inside(monkeypatch: pytest.MonkeyPatch, name: str, before: Callable | None = None) -> None:
    """Ctrl-C arrives inside tree.<name> (after `before` ran, if given), as the signal itself."""
    real = getattr(tree, name)

    def interrupted(*args, **kwargs):
        result = (before or real)(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)  # the handler runs at once; never reached
        return result

    monkeypatch.setattr(tree, name, interrupted)


def test_stopped_just_after_the_swap_says_the_new_site_is_published(site_dir, run, built, monkeypatch) -> None:
    _ctrl_c_inside(monkeypatch, "_swap")
    result = run("--out", "site", "--no-search")
    assert (result.code, result.err.splitlines()) == (
        130,
        ["Stopped: the new site had been published into site already."],
    )
    assert read_tree(site_dir / "site") != built
    assert run("--out", "site", "--no-search").code == 0  # the next build trusts what it finds


def test_stopped_between_the_renames_of_a_swap_puts_the_previous_site_back(site_dir, run, built, monkeypatch) -> None:
    """Where renameat2 cannot exchange two folders, a swap is three renames; the first one alone leaves no site."""

    def first_rename_only(spare: Path, out: Path) -> None:
        os.rename(out, out.with_name(f".{out.name}.old-{os.getpid()}"))

    _ctrl_c_inside(monkeypatch, "_swap", first_rename_only)
    result = run("--out", "site", "--no-search")
    assert (result.code, result.err.splitlines()) == (130, [NOTHING])
    assert read_tree(site_dir / "site") == built
    assert sorted(p.name for p in site_dir.iterdir() if p.name.startswith(".site.old")) == []


def test_stopped_before_a_first_site_is_published(site_dir, run, monkeypatch) -> None:
    _ctrl_c_inside(monkeypatch, "check_relpaths")
    result = run("--out", "site", "--no-search")
    assert (result.code, result.err.splitlines()) == (130, ["Stopped: nothing was published."])
    assert not (site_dir / "site").exists()


def test_a_stopped_check_says_so(site_dir, run, monkeypatch) -> None:
    import innosite.build

    real = innosite.build.guard_plan

    def interrupted(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)
        return real(*args, **kwargs)

    monkeypatch.setattr(innosite.build, "guard_plan", interrupted)
    result = run("check")
    assert (result.code, result.err.splitlines()) == (130, ["Stopped: the check did not finish; nothing was written."])


def test_ctrl_c_is_handed_back_as_it_was_after_a_command(site_dir, run) -> None:
    handler = signal.getsignal(signal.SIGINT)
    run("--out", "site", "--no-search")
    assert signal.getsignal(signal.SIGINT) is handler


def test_starting_the_command_line_loads_no_build_module() -> None:
    """Ctrl-C is handled from main() on: what is loaded before it (at once, as the program starts) stays small."""
    code = "import sys, innosite.commands.cli; print(sorted(m for m in sys.modules if m.startswith('innosite')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['innosite', 'innosite.commands', 'innosite.commands.cli', 'innosite.problems']"


def test_ctrl_c_during_the_first_build_of_serve_stops_it_cleanly(big_site: Path) -> None:  # noqa: F811
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, str(BUILD_PY), "serve", "--port", str(port)],
        cwd=big_site,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        env={**os.environ, "TMPDIR": str(big_site)},
    )
    started = _wait_for_workers(process)
    for _ in range(2):
        process.send_signal(signal.SIGINT)
        time.sleep(0.05)
    try:
        log, _ = process.communicate(timeout=WAIT)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert (process.returncode, log.splitlines()) == (0, ["Stopped."])
    assert _still_running(started, process.pid) == []
    assert not list(big_site.glob("innosite-preview-*"))
