"""Two checkouts side by side: `python -m bench.ab N ROUNDS A=DIR B=DIR` (or `ab.py` run from the repository).

Each checkout's own `.venv/bin/python` runs its `build.py` on a copy of one corpus of N releases (search
on, as users build): a cold build, a build with no change, a build after one edited title; the checkouts
alternate round by round so that the load of a shared machine falls on both alike. Prints wall and CPU
seconds (CPU of the build and everything it started) per round and their medians, and whether the two
outputs are byte-identical. For changes that should not change speed or output (a restructure).
"""

from __future__ import annotations

import filecmp
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import write_corpus

STAGES = ("cold", "nochange", "edit")


def timed_build(checkout: Path, folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one build of folder/content by a checkout's build.py."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [str(checkout / ".venv/bin/python"), str(checkout / "build.py"), "--content", "content", "--out", "site"]
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"{checkout}: the build failed:\n{done.stderr[-2000:]}")
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def same_tree(a: Path, b: Path) -> bool:
    """Whether two folders hold the same files with the same bytes."""
    compared = filecmp.dircmp(a, b)
    if compared.left_only or compared.right_only or compared.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, compared.common_files, shallow=False)
    return not mismatch and not errors and all(same_tree(a / d, b / d) for d in compared.common_dirs)


def main(argv: list[str]) -> int:
    n, rounds = int(argv[0]), int(argv[1])
    checkouts = {name: Path(path).resolve() for name, path in (item.split("=", 1) for item in argv[2:])}
    with tempfile.TemporaryDirectory(prefix="bench-ab-") as tmp:
        root = Path(tmp)
        write_corpus(root / "corpus", n)
        runs = {name: {stage: [] for stage in STAGES} for name in checkouts}
        for round_ in range(rounds):
            for name, checkout in checkouts.items():
                folder = root / name
                shutil.rmtree(folder, ignore_errors=True)
                shutil.copytree(root / "corpus" / "content", folder / "content")
                runs[name]["cold"].append(timed_build(checkout, folder))
                runs[name]["nochange"].append(timed_build(checkout, folder))
                edited = sorted((folder / "content" / "press").iterdir())[n // 2] / "fi.md"
                edited.write_text(edited.read_text().replace("title: ", f"title: Muokattu {round_} ", 1))
                runs[name]["edit"].append(timed_build(checkout, folder))
                shown = {stage: f"{runs[name][stage][-1][0]:.2f} s" for stage in STAGES}
                print(name, round_, shown, flush=True)
        for name in checkouts:
            for index, what in enumerate(("wall", "CPU")):
                medians = {stage: round(statistics.median(r[index] for r in runs[name][stage]), 2) for stage in STAGES}
                print(name, what, medians)
        first, second = (root / name / "site" for name in list(checkouts)[:2])
        print("byte-identical output:", same_tree(first, second))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
