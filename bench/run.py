"""Benchmark the generator on a synthetic corpus of N releases, beside the stack's floor, Pelican and Hugo.

Usage: python -m bench [N] [--repeat R] [--jobs J] [--no-search] [--no-compare] [--no-floor] [--keep] [--json FILE]
"""

import argparse
import os
import platform
import shutil
import sys
import time
from pathlib import Path

if __package__ in (
    None,
    "",
):  # run as `python bench/run.py`: import bench from the repo
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench.corpus import write_spec_corpus
from bench.floor_bench import floor_bench
from bench.model import make_corpus
from bench.ours import ours_bench
from bench.photos import add_photos
from bench.report import markdown, write_json
from bench.results import BuildFailed, Rounds, empty_trash
from bench.rivals import hugo_bench, pelican_bench

BENCH_DIR = Path(__file__).resolve().parent


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=1000, help="press releases (default 1000)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs per scenario; medians are reported (default 3)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="pass --jobs J to build.py (if it has the option)",
    )
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument(
        "--no-search", action="store_true", help="build without the search index (by default it is built, as users do)"
    )
    parser.add_argument("--no-compare", action="store_true", help="do not time Pelican and Hugo")
    parser.add_argument(
        "--images", action="store_true", help="a photo for every fifth release, a share logo (bench/photos.py)"
    )
    parser.add_argument("--no-floor", action="store_true", help="do not time the stack's floor (bench/floor.py)")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep bench/out/N (corpora and output) afterwards",
    )
    parser.add_argument(
        "--json",
        type=Path,
        metavar="FILE",
        help="also write the results as JSON to FILE",
    )
    args = parser.parse_args(argv)
    if args.n < 1 or args.repeat < 1:
        parser.error("N and --repeat must be at least 1")
    return args


def settings(args: argparse.Namespace, release_files: int) -> dict[str, object]:
    """The run's parameters and the machine, for the report header and JSON."""
    return {
        "n": args.n,
        "seed": args.seed,
        "repeat": args.repeat,
        "jobs": args.jobs,
        "search": not args.no_search,
        "language_files": release_files,
        "cpus": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }


def header(info: dict[str, object], command: list[str]) -> list[str]:
    """Lines above the table: what was measured, on what, with which command."""
    shown = " ".join(["python", "build.py", *command[2:]]) if command else "not run"
    title = f"## Benchmark: N = {info['n']} releases ({info['language_files']} language files)"
    machine = f"{info['cpus']} CPUs (load {info['load_average']} at start), Python {info['python']}, {info['date']}"
    return [
        f"{title}, median of {info['repeat']} run(s) per figure",
        "",
        f"{machine}; ours: `{shown}` (cwd: the corpus folder)",
    ]


def floor_jobs() -> int:
    """The floor's processes when --jobs is not given: every core, as build.py's default."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_rounds(benches: list[Rounds], repeat: int) -> None:
    """Run round k of every tool before round k+1 of any, so that load drifts hit all alike."""
    active = list(benches)
    try:
        for k in range(repeat):
            for bench in list(active):
                try:
                    bench.round(k)
                except BuildFailed as exc:
                    bench.result.error = str(exc)
                    active.remove(bench)
    finally:
        for bench in benches:
            bench.finish()


def main(argv: list[str] | None = None) -> int:
    """Write the corpora, time every tool, print the report; exit 1 if ours failed."""
    args = parse_args(argv)
    root = BENCH_DIR / "out" / str(args.n)
    shutil.rmtree(root, ignore_errors=True)
    print(f"writing the corpus to {root}", file=sys.stderr)
    corpus = make_corpus(args.n, args.seed)
    write_spec_corpus(root / "content", corpus)
    if args.images:
        print(f"{add_photos(root / 'content', corpus)} photos added", file=sys.stderr)
    info = settings(args, sum(len(r.versions) for r in corpus.releases))
    setups = [ours_bench(BENCH_DIR.parent, root, corpus, args.jobs, not args.no_search)]
    if not args.no_floor:
        setups.append(floor_bench(root / "floor", corpus, args.jobs or floor_jobs()))
    if not args.no_compare:
        setups += [pelican_bench(root / "pelican", corpus), hugo_bench(root / "hugo", corpus)]
    try:
        run_rounds([bench for _, bench in setups if bench], args.repeat)
    finally:
        empty_trash(root)
    results = [result for result, _ in setups]
    print(markdown(header(info, results[0].command), results))
    if args.json:
        write_json(args.json, info, results)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 1 if results[0].error else 0


if __name__ == "__main__":
    raise SystemExit(main())
