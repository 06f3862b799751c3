"""What the search index costs: build time with and without it, and its size (issue 4).

    python bench/search_cost.py [CONTENT] [--repeat R]

Builds CONTENT (default content/) R times each way as fresh processes into a
temporary folder, alternating, and prints the medians, the difference, and the
size of pagefind/ (all of it, and what a visitor's browser loads per language:
pagefind.js, the WebAssembly and the language's metadata). No test asserts
these figures.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed_build(content: Path, out: Path, search: bool) -> float:
    command = [sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out", str(out)]
    start = time.perf_counter()
    subprocess.run([*command, *([] if search else ["--no-search"])], check=True, capture_output=True)
    return time.perf_counter() - start


def size(paths) -> tuple[int, int]:
    files = [p for p in paths if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("content", nargs="?", type=Path, default=ROOT / "content")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runs: dict[bool, list[float]] = {True: [], False: []}
        for index in range(args.repeat):
            for search in (False, True):
                runs[search].append(timed_build(args.content, Path(tmp) / f"site-{search}-{index}", search))
        bundle = Path(tmp) / "site-True-0" / "pagefind"
        total, count = size(bundle.rglob("*"))
        pages, _ = size((Path(tmp) / "site-False-0").rglob("*"))
        print(f"content: {args.content}  runs each: {args.repeat}")
        for search, label in ((False, "build --no-search"), (True, "build with search")):
            times = sorted(round(t, 2) for t in runs[search])
            print(f"{label}: median {statistics.median(runs[search]):.2f} s  {times}")
        print(f"search costs: {statistics.median(runs[True]) - statistics.median(runs[False]):+.2f} s per build")
        print(f"site without index: {pages / 1024:.0f} KiB; pagefind/: {total / 1024:.0f} KiB in {count} files")
        indexes, _ = size((bundle / "index").rglob("*"))
        fragments, _ = size((bundle / "fragment").rglob("*"))
        print(f"  index chunks {indexes / 1024:.0f} KiB, page fragments {fragments / 1024:.0f} KiB")
        for meta in sorted(bundle.glob("pagefind.*.pf_meta")):
            lang = meta.name.split(".")[1].split("_")[0]
            first, _ = size([bundle / "pagefind.js", bundle / f"wasm.{lang}.pagefind", meta])
            print(f"  {lang}: a first search loads pagefind.js + wasm + metadata = {first / 1024:.0f} KiB, then chunks")


if __name__ == "__main__":
    main()
