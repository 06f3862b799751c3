"""Timing results of one tool, and the shared steps of every scenario loop."""

import os
import shutil
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from bench.measure import Run, run_timed


class BuildFailed(Exception):
    """A timed build exited non-zero."""


@dataclass(slots=True)
class ToolResult:
    """Every run of one tool, by scenario, plus what went wrong if anything."""

    name: str
    version: str
    command: list[str] = field(default_factory=list)
    pages: int | None = None
    runs: dict[str, list[Run]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    error: str | None = None

    def median(self, scenario: str) -> float | None:
        """Median wall time of a scenario in seconds, or None if it never ran."""
        runs = self.runs.get(scenario)
        return statistics.median(r.seconds for r in runs) if runs else None

    def peak_rss(self) -> int | None:
        """Highest process-tree RSS seen in any run, in bytes."""
        peaks = [r.peak_rss for runs in self.runs.values() for r in runs]
        return max(peaks) if peaks else None

    def pages_per_second(self) -> float | None:
        """Pages written per second of the median cold build."""
        cold = self.median("cold")
        return self.pages / cold if cold and self.pages else None


class Rounds(Protocol):
    """A tool's benchmark, run one round at a time."""

    result: ToolResult

    def round(self, k: int) -> None:
        """Run and time round k; raise BuildFailed if a build fails."""

    def finish(self) -> None:
        """Undo any change made to the corpus."""


def build_env(**extra: str) -> dict[str, str]:
    """The environment for timed builds: ours, with bytecode caching on as users have it."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return env | extra


def timed(
    result: ToolResult,
    scenario: str,
    cmd: list[str],
    cwd: Path,
    env: dict[str, str] | None = None,
) -> Run:
    """Run one build, record it under scenario, and raise BuildFailed on failure."""
    run = run_timed(cmd, cwd, env)
    count = len(result.runs.get(scenario, [])) + 1
    print(
        f"  {result.name} {scenario} #{count}: {run.seconds:.2f} s, {run.peak_rss / 2**20:.0f} MB",
        file=sys.stderr,
    )
    if run.returncode != 0:
        raise BuildFailed(f"{scenario} build exited with {run.returncode}:\n{run.output_tail}")
    result.runs.setdefault(scenario, []).append(run)
    return run


TRASH = ".bench-trash"
"""Where remove() puts what it takes away, beside it; emptied by empty_trash() after the last round."""


def remove(*paths: Path) -> None:
    """Take files or folders away (if they exist) without deleting them yet.

    They are moved into a trash folder beside them and deleted after all the
    timed runs (empty_trash). Deleting many files just before a timed build
    slows that build down on some file systems: ext4 without a journal, for
    one, skips the inodes freed in the last minute one by one whenever it
    makes a file, so a cold build's cost would depend on how many files the
    previous step deleted."""
    for path in paths:
        if path.exists() or path.is_symlink():
            trash = path.parent / TRASH
            trash.mkdir(exist_ok=True)
            os.rename(path, trash / f"{len(os.listdir(trash))}-{path.name}")


def empty_trash(root: Path) -> None:
    """Delete every trash folder remove() made under root (outside any timing)."""
    for folder, names, _ in os.walk(root):
        if TRASH in names:
            shutil.rmtree(Path(folder) / TRASH)
            names.remove(TRASH)


def count_pages(folder: Path) -> int:
    """Count the .html files under folder."""
    return sum(1 for _ in folder.rglob("*.html"))
