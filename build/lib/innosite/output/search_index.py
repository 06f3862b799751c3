"""Running Pagefind over a built site folder (writes its `pagefind/`), with byte-identical results."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from innosite.output.guard import OutputError
from innosite.pages.search import BUNDLE


class SearchIndexError(OutputError):
    """Pagefind failed; the build is not published."""


def index_site(folder: Path) -> None:
    """Run Pagefind over the built site in folder (writes folder/pagefind/)."""
    # Run inside the new build, so that a pagefind.yml of the current folder cannot change the index.
    command = [sys.executable, "-m", "pagefind", "--site", ".", "--output-subdir", BUNDLE, "--quiet"]
    try:
        result = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SearchIndexError(_failed(str(exc))) from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise SearchIndexError(_failed(detail[-1] if detail else f"exit status {result.returncode}"))
    _sort_languages(folder / BUNDLE / "pagefind-entry.json")


def _failed(reason: str) -> str:
    return f"the search index could not be built ({reason}); build with --no-search to skip it"


def _sort_languages(entry: Path) -> None:
    """Pagefind lists the languages in a random order: sort them, so that builds are byte-identical."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
