"""Time the project's own generator (build.py) on a SPEC content folder."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

from bench.corpus import edit_release, extra_release, write_release
from bench.model import Corpus
from bench.results import BuildFailed, ToolResult, build_env, count_pages, remove, timed

CACHE_DIRS = (".cache", ".site-spare")
"""What the generator keeps besides site/, relative to the corpus folder: its cache and the output's spare copy."""


def help_text(build_py: Path, *args: str) -> str | None:
    """Return the output of `python build.py [ARGS] --help`, or None if it fails."""
    cmd = [sys.executable, str(build_py), *args, "--help"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    return proc.stdout if proc.returncode == 0 else None


def help_flags(build_py: Path) -> set[str]:
    """Return the long options that `build.py --help` (and `build.py build --help`) list."""
    text = help_text(build_py)
    if text is None:
        raise BuildFailed("`python build.py --help` failed")
    if re.search(r"^\s+build\b", text, re.MULTILINE):  # options may live on a `build` subcommand
        text += help_text(build_py, "build") or ""
    return set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", text))


def build_command(
    build_py: Path, flags: set[str], jobs: int | None, search: bool = True
) -> tuple[list[str], list[str]]:
    """Return the build command and notes about the options it could not pass. With search (the default, as
    users build), the timings include the search index; without, `--no-search` is passed."""
    cmd = [sys.executable, str(build_py), "--content", "content", "--out", "site"]
    notes = []
    if not search and "--no-search" in flags:
        cmd.append("--no-search")
    elif not search:
        notes.append("build.py has no --no-search: timings include search indexing, if any")
    if jobs is not None and "--jobs" in flags:
        cmd += ["--jobs", str(jobs)]
    elif jobs is not None:
        notes.append(f"build.py has no --jobs: --jobs {jobs} not passed")
    return cmd, notes


class OursBench:
    """Rounds of cold, no-change, edit and add builds on root/content."""

    def __init__(self, result: ToolResult, root: Path, corpus: Corpus) -> None:
        """Remember the corpus and the original bytes of the file the edit changes."""
        self.result, self.root, self.corpus = result, root, corpus
        self.edited = root / "content" / "press" / corpus.releases[corpus.n // 2].id / "fi.md"
        self.original = self.edited.read_bytes()
        self.added: list[Path] = []
        self.env = build_env()

    def restore(self) -> None:
        """Undo earlier edits and additions to the content folder."""
        self.edited.write_bytes(self.original)
        for folder in self.added:  # deleted at once: a trash folder in content/ would be read as content
            shutil.rmtree(folder, ignore_errors=True)
        self.added.clear()

    def round(self, k: int) -> None:
        """Time a cold build, a no-change rebuild, one edit and one addition."""
        result, cmd, root = self.result, self.result.command, self.root
        self.restore()
        remove(root / "site", *(root / name for name in CACHE_DIRS))
        timed(result, "cold", cmd, root, self.env)
        if result.pages is None:
            result.pages = count_pages(root / "site")
        timed(result, "no-change", cmd, root, self.env)
        edit_release(self.edited, k)
        timed(result, "edit", cmd, root, self.env)
        self.added.append(write_release(root / "content", extra_release(self.corpus, k)))
        timed(result, "add", cmd, root, self.env)

    def finish(self) -> None:
        """Leave the content folder as it was written."""
        self.restore()


def ours_bench(
    repo: Path, root: Path, corpus: Corpus, jobs: int | None, search: bool = True
) -> tuple[ToolResult, OursBench | None]:
    """Set up timing of repo/build.py; no bench if build.py is missing or broken."""
    result = ToolResult(name="ours", version="build.py" + ("" if search else " --no-search"))
    build_py = repo / "build.py"
    if not build_py.exists():
        result.error = f"{build_py} does not exist yet: nothing to time"
        return result, None
    try:
        result.command, result.notes = build_command(build_py, help_flags(build_py), jobs, search)
    except BuildFailed as exc:
        result.error = str(exc)
        return result, None
    return result, OursBench(result, root, corpus)
