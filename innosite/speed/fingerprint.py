"""Fingerprints: hashes of everything a page, a template folder or the generator's code is made of.

A page whose fingerprint is that of the file the output holds is not rendered
again. Where the planner named a page's inputs (PlannedPage.inputs), those stand
for its context: an entry stands for itself by its cache key; values that many
pages share are hashed once per build.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import innosite
from innosite.model.settings import Term
from innosite.pages.feeds import FeedEntry
from innosite.pages.planned import PlannedPage, Shared
from innosite.pages.views import Item, Link
from innosite.render.i18n import Folders, folders
from innosite.speed.cache import SCHEMA, Cache
from innosite.speed.pickling import digest, stable_pickle

SHARED_VIEWS = (Item, Link, Shared, FeedEntry, Term)
"""Types of values that many pages show or read (listing items, term links, all projects, a release in the feeds
of its language, themes and cities, a theme or city on each of its pages): hashed once per build."""


def page_fingerprint(page: PlannedPage, job_key: str, shared: dict[int, str] | None = None) -> str | None:
    """A hash of what the page is made of; None when it cannot be told (always rendered).

    `shared` holds the hashes of shared values met so far and the keys of entries loaded
    through the cache (alive for the whole pass). Where the planner named the page's
    inputs, those stand for its context: an entry stands for itself by its cache key."""
    try:
        if page.inputs is None or page.parts:
            value = (page.path, page.template, page.lang, page.context, page.parts)
            return digest(job_key, stable_pickle(value, shared, SHARED_VIEWS))
        known = {} if shared is None else shared
        inputs = known.get(id(page.inputs))  # pages of one entry share their inputs: pickled once
        if inputs is None:
            inputs = known[id(page.inputs)] = digest(stable_pickle(page.inputs, known, SHARED_VIEWS, keyed=True))
        return digest(f"{job_key}\0{page.path}\0{page.template}\0{page.lang}\0{inputs}")  # one part: no NUL in any
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError, ValueError):
        return None


def rendered_here(page: PlannedPage) -> bool:
    """Feeds, sitemap and robots.txt are rendered in this process once the workers stop: few files, made of
    values about every page (the sitemap lists them all) that cost more to send to a worker than to render."""
    return not page.path.endswith(".html")


def folder_digest(where: Folders, cache: Cache | None) -> str:
    """Names and bytes of every file under a folder, or under each folder of a search path (templates)."""
    parts: list[str] = []
    for number, folder in enumerate(folders(where)):
        parts.append(f"folder {number}")
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                sha = cache.file_hash(path) if cache else hashlib.sha256(path.read_bytes()).hexdigest()
                parts += [path.relative_to(folder).as_posix(), sha]
    return digest(*parts)


def code_version() -> str:
    """The generator's own code and the versions of the libraries that shape output."""
    import babel
    import jinja2
    import markdown
    import yaml

    package = Path(innosite.__file__).parent
    parts: list[bytes | str] = [f"schema {SCHEMA}"]
    for path in sorted(package.rglob("*.py")):  # every module, in every subpackage
        parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    for module in (markdown, jinja2, babel, yaml):
        parts.append(f"{module.__name__} {getattr(module, '__version__', '-')}")
    try:
        import nh3

        parts.append(f"nh3 {getattr(nh3, '__version__', '-')}")
    except ImportError:
        pass
    import phonenumbers  # how numbers are written and checked

    parts.append(f"phonenumbers {phonenumbers.__version__}")
    parts.append(f"py3langid {_version_of('py3langid')}")  # its verdicts are warnings cached with the entries
    return digest(*parts)


def _version_of(distribution: str) -> str:
    """An installed distribution's version, read from its metadata (importing py3langid would cost its model)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "-"
