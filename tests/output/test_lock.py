"""One build at a time into an output folder: a second build waits for the first, or says it cannot."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from innosite.output.guard import OutputError
from innosite.output.lock import hold_output, lock_path
from innosite.preview.session import preview_session
from tests.conftest import read_tree
from tests.speed.test_incremental import big_site, release, write_entry  # noqa: F401 (a fixture)

BUILD_PY = Path(__file__).resolve().parents[2] / "build.py"


def start(root: Path, *args: str) -> subprocess.Popen:
    command = [sys.executable, str(BUILD_PY), "--no-search", *args]
    return subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=300)
    return process.returncode, out, err


def cold(root: Path) -> dict[str, bytes]:
    code, _, err = finish(start(root, "--no-cache", "--out", "cold"))
    assert code == 0, err
    return read_tree(root / "cold")


def test_two_builds_into_one_folder_at_once_give_the_site_of_a_cold_build(big_site: Path) -> None:  # noqa: F811
    rng = random.Random(3)
    for round_ in range(3):
        if round_:  # the second and third rounds change the site the first built
            for index in range(10 * round_, 10 * round_ + 8):
                write_entry(big_site / "content" / "press" / f"2024-r{index:03d}", release(index + 100, rng))
        first, second = start(big_site), start(big_site)
        results = [finish(first), finish(second)]
        for code, out, err in results:
            assert code == 0, err
            assert "Traceback" not in err
            assert any(line.startswith("Built ") for line in out.splitlines())
        waited = [err for _, _, err in results if "waiting for it to finish" in err]
        assert len(waited) == 1, "the builds did not overlap: this test shows nothing"
        assert "another build (process " in waited[0]
        assert read_tree(big_site / "site") == cold(big_site)
        assert not lock_path(big_site / "site").exists()


def test_a_build_that_cannot_wait_longer_says_another_build_is_running(site_dir: Path, run) -> None:
    assert run("--no-search").code == 0
    before = read_tree(site_dir / "site")
    held = hold_output(site_dir / "site", 0, print)
    try:
        result = run("--no-search", "--wait", "0.3")
    finally:
        held.release()
    assert result.code == 2
    assert result.err.splitlines() == [
        f"another build (process {os.getpid()}) is writing site; waiting for it to finish (at most 0.3 seconds)...",
        f"error: another build (process {os.getpid()}) is writing site and has not finished in 0.3 seconds: "
        "try again when it has finished (or stop it)",
    ]
    assert read_tree(site_dir / "site") == before
    assert run("--no-search", "--wait", "0").code == 0


def test_the_preview_holds_the_lock_of_its_folder_while_it_runs(site_dir: Path) -> None:
    session = preview_session(site_dir / "content", site_dir / "preview")
    try:
        with pytest.raises(OutputError, match="another build .* is writing"):
            hold_output(site_dir / "preview", 0, print)
    finally:
        session.close()
    hold_output(site_dir / "preview", 0, print).release()


@pytest.mark.parametrize("wait", ["-1", "soon", "nan", "inf"])
def test_wait_must_be_a_number_of_seconds(site_dir: Path, run, wait: str) -> None:
    result = run("--no-search", "--wait", wait)
    assert result.code == 2
    assert f"expected a number of seconds (0 or more), not '{wait}'" in result.err
