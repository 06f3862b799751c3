"""Site search with Pagefind: a search page per language, and the index of the built site.

Pagefind reads the finished HTML (so it runs on the new build's folder before it
is swapped in) and writes `pagefind/` beside it: one index per `<html lang>`, so
a search page finds pages of its own language only. Only elements marked
`data-pagefind-body` are indexed: the main content of press releases, projects
and free pages (base.html), never navigation, footers or notice pages.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .model import Site
from .plan import PlannedPage, Planner
from .publish import OutputError

BUNDLE = "pagefind"
"""The folder Pagefind writes under the output root."""


class SearchIndexError(OutputError):
    """Pagefind failed; the build is not published."""


def search_path(site: Site, lang: str) -> str:
    """The search page of lang, relative to the site root: `fi/haku/`."""
    return f"{lang}/{site.config.segment(lang, 'search')}/"


def search_pages(site: Site) -> list[PlannedPage]:
    """One search page per language; not indexed itself (it has no content)."""
    planner = Planner(site)
    others = {code: search_path(site, code) for code in site.config.codes}
    pages = []
    for lang, path in others.items():
        head = planner.head(lang, path, "", others, section="search", noindex=True)
        context = {"head": head, "bundle_url": planner.routes.url(BUNDLE + "/"), "root_url": planner.routes.url("")}
        pages.append(PlannedPage(path + "index.html", "search.html", lang, f"the {lang} search page", context))
    return pages


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
