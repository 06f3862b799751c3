"""Time the stack's floor (bench/floor.py) as a new process, in the same rounds as the generators."""

import sys
from pathlib import Path

from bench.corpus import write_spec_corpus
from bench.model import Corpus
from bench.results import ToolResult, build_env, count_pages, remove, timed

FLOOR_PY = Path(__file__).resolve().parent / "floor.py"


class FloorBench:
    """Rounds of one floor run each: entry pages only, from no output."""

    def __init__(self, result: ToolResult, root: Path) -> None:
        """Remember the folder holding the floor's own copy of the corpus."""
        self.result, self.root, self.env = result, root, build_env()

    def round(self, k: int) -> None:
        """Delete the output and time one run; its figure is the scenario `cold`."""
        remove(self.root / "site")
        timed(self.result, "cold", self.result.command, self.root, self.env)
        if self.result.pages is None:
            self.result.pages = count_pages(self.root / "site")

    def finish(self) -> None:
        """Nothing to undo: the floor changes no content."""


def floor_bench(root: Path, corpus: Corpus, jobs: int) -> tuple[ToolResult, FloorBench]:
    """Write a copy of the corpus into root (ours edits its own between runs) and set up the floor's timing."""
    write_spec_corpus(root / "content", corpus)
    result = ToolResult(name="floor", version="(stack)")
    result.command = [sys.executable, str(FLOOR_PY), "content", "--out", "site", "--jobs", str(jobs)]
    result.notes.append(
        f"entry pages only, {jobs} process(es): meta.yaml and front matter with PyYAML's CSafeLoader, "
        'Markdown(extensions=["extra", "toc"]) reused, one small autoescaped Jinja template; '
        "no cache, listings, taxonomies, feeds, sitemap, sanitizing or link rewriting"
    )
    return result, FloorBench(result, root)
