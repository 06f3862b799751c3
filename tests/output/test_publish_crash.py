"""Crash safety: a build killed at any moment leaves the previous or the new site, never a mix.

Real builds run in subprocesses and get SIGKILL at random moments (mostly
around publishing, where a half-done swap would show). After each kill site/
must be one complete build, and the next build must finish with no clean-up by
hand. build and check never write to content/.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import TINY, read_tree

BUILD_PY = Path(__file__).resolve().parents[2] / "build.py"
KILLS = 15
KILLS_WITH_SEARCH = 6
"""With the search index (Pagefind runs on the new build before the swap): fewer, slower builds."""
RECOVER_EVERY = 3


def build_command(content: str, out: str = "site", search: bool = False) -> list[str]:
    return [sys.executable, str(BUILD_PY), "--content", content, "--out", out, *([] if search else ["--no-search"])]


def complete_build(cwd: Path, content: str, out: str = "site", search: bool = False) -> None:
    command = build_command(content, out, search)
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def killed_build(cwd: Path, content: str, delay: float, search: bool = False) -> None:
    """Start a build and SIGKILL it (and any workers or indexer it started) after delay seconds."""
    process = subprocess.Popen(
        build_command(content, search=search),
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=delay)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)


def second_version(root: Path) -> Path:
    """A copy of the tiny site with changed, added and removed files, so that the two builds differ widely."""
    other = root / "content-b"
    shutil.copytree(TINY, other)
    release = other / "press/2022-09-13-lead-projects"
    (release / "fi.md").write_text((release / "fi.md").read_text().replace("Kuusi", "Seitsemän"), encoding="utf-8")
    (release / "liite.pdf").unlink()
    text = (release / "fi.md").read_text().replace("[liitteessä](liite.pdf)", "liitteessä")
    (release / "fi.md").write_text(text, encoding="utf-8")
    for number in range(40):
        page = other / f"pages/sivu-{number:02d}"
        page.mkdir()
        (page / "fi.md").write_text(f"---\ntitle: Sivu {number}\n---\n{'Tekstiä. ' * 200}\n", encoding="utf-8")
        (page / f"liite-{number}.txt").write_bytes(os.urandom(2048).hex().encode())
    return other


def stale_folders(root: Path) -> list[str]:
    """Temporary folders a build leaves beside site/ only while it runs."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site."))


@pytest.mark.parametrize(("search", "kills"), [(False, KILLS), (True, KILLS_WITH_SEARCH)])
def test_killed_builds_leave_a_complete_site_and_the_next_build_recovers(
    tmp_path: Path, search: bool, kills: int
) -> None:
    seed = int(os.environ.get("KILL_SEED", time.time()))
    shutil.copytree(TINY, tmp_path / "content-a")
    second_version(tmp_path)
    complete_build(tmp_path, "content-a", "ref-a", search)
    complete_build(tmp_path, "content-b", "ref-b", search)
    trees = {"content-a": read_tree(tmp_path / "ref-a"), "content-b": read_tree(tmp_path / "ref-b")}
    assert trees["content-a"] != trees["content-b"]
    durations = []  # of a build that turns one site into the other, the kind that gets killed
    for content in ("content-b", "content-a"):
        started = time.monotonic()
        complete_build(tmp_path, content, "ref-a", search)
        durations.append(time.monotonic() - started)
    duration = max(durations)
    complete_build(tmp_path, "content-a", search=search)
    rng = random.Random(seed)
    current, target = "content-a", "content-b"
    outcomes = []
    for kill in range(kills):
        delay = rng.uniform(0, duration * 1.1) if kill % 2 else rng.uniform(duration * 0.75, duration * 1.05)
        killed_build(tmp_path, target, delay, search)
        tree = read_tree(tmp_path / "site")
        assert tree in (trees[current], trees[target]), f"a mixed site after a kill at {delay:.2f}s (seed {seed})"
        outcomes.append("new" if tree == trees[target] != trees[current] else "previous")
        current, target = (target, current) if tree == trees[target] else (current, target)
        if kill % RECOVER_EVERY == RECOVER_EVERY - 1:
            complete_build(tmp_path, target, search=search)
            assert read_tree(tmp_path / "site") == trees[target], f"no recovery (seed {seed})"
            assert stale_folders(tmp_path) == []
            current, target = target, current
    print(f"kills: {outcomes.count('previous')} left the previous site, {outcomes.count('new')} the new one")


def content_state(content: Path) -> dict[str, tuple[bytes, int]]:
    """Every file and folder under content/ with its bytes and modification time."""
    state = {}
    for path in sorted(content.rglob("*")):
        stat = path.lstat()
        state[path.relative_to(content).as_posix()] = (path.read_bytes() if path.is_file() else b"", stat.st_mtime_ns)
    state["."] = (b"", content.stat().st_mtime_ns)
    return state


def test_build_and_check_never_write_to_content_but_the_record(site_dir: Path, run, edit) -> None:
    """The one file a build may write in content/ is the record of published addresses (SPEC section 5), and only a
    build that publishes writes it; a failed build, check and a build that changes nothing leave it alone."""
    edit("press/2022-09-13-lead-projects/fi.md", "---\ntitle: Otsikko\n---\n<script>x</script> [a](puuttuu.pdf)\n")
    before = content_state(site_dir / "content")
    assert run("check").code == 1
    assert run("--out", "site", "--no-search").code == 1
    assert content_state(site_dir / "content") == before
    edit(
        "press/2022-09-13-lead-projects/fi.md",
        "---\ntitle: Otsikko\nsummary: Tiivistelmä.\n---\nTeksti <script>x</script>\n",
    )
    before = content_state(site_dir / "content")
    assert run("check").code == 0
    assert content_state(site_dir / "content") == before
    assert run("--out", "site", "--no-search").code == 0
    after = content_state(site_dir / "content")
    assert {name for name in after.keys() ^ before.keys()} == {"published-addresses.txt"}
    assert {name for name in after if after[name] != before.get(name)} == {".", "published-addresses.txt"}
    assert run("--out", "site").code == 0
    assert run("check").code == 0
    assert content_state(site_dir / "content") == after


def test_an_output_folder_among_the_sources_is_refused(site_dir: Path, run) -> None:
    before = content_state(site_dir / "content")
    for out in ("content/site", "content/press/uusi"):
        result = run("--out", out, "--no-search")
        assert result.code == 2
        assert result.err.startswith(f"error: the output folder {out} is inside ")
        assert result.err.endswith("content: choose another --out\n")
    assert content_state(site_dir / "content") == before
