"""Incremental builds: render only the pages whose inputs changed, publish only changed files.

Every planned page gets a fingerprint: a hash of everything its bytes are made
of (its context and parts, the language's shared values, the templates, the
catalogs, the site settings and the generator's code). The output folder's
record (publish_tree.TreeRecord) says which fingerprint made each file there; a
page whose fingerprint is the same is not rendered again, its file is kept.
The fingerprint is the dependency graph, made exact: an edited release changes
the contexts of exactly the pages that show it (its own pages, the listings,
theme and city pages and project pages it appears on), and only those.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from innosite.content.load import LoadMemory
from innosite.output.tree import FileRecord, TreePublisher, TreeRecord, Want, check_relpaths, discard_spare
from innosite.pages.plan import PlanMemory, PlannedPage, Shared, SitePlan
from innosite.pages.views import Item, Link
from innosite.render.i18n import catalogs_digest
from innosite.speed.cache import Cache, cache_folder, code_version, digest, dumps, stable_pickle
from innosite.speed.loader import CachedLoader
from innosite.speed.progress import Progress
from innosite.speed.workers import (
    MIN_PARALLEL,
    Rendered,
    RenderJob,
    Workers,
    compile_templates,
    default_jobs,
    render_chunk,
)

RENDER_CHUNK = 40


class Spool:
    """Rendered pages, compressed, in a temporary file while they wait to be written (memory stays small)."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 (open as long as the pages in it are wanted)
        self.end = 0

    def put(self, data: bytes) -> tuple[Spool, int, int]:
        view, at = memoryview(data), self.end
        while view:  # positioned writes: no shared file offset for get() to disturb
            done = os.pwrite(self.file.fileno(), view, at)
            view, at = view[done:], at + done
        self.end += len(data)
        return (self, self.end - len(data), len(data))

    def get(self, offset: int, length: int) -> bytes:
        """The bytes put there; safe from several threads at once (positioned reads, no shared offset)."""
        return zlib.decompress(os.pread(self.file.fileno(), length, offset))

    def close(self) -> None:
        self.file.close()


@dataclass(frozen=True, slots=True)
class Packed:
    """Rendered bytes waiting in the spool to be written."""

    where: tuple[Spool, int, int]
    sha: str
    size: int

    def data(self) -> bytes:
        spool, offset, length = self.where
        return spool.get(offset, length)


@dataclass(frozen=True, slots=True)
class Written:
    """A page written into the new output folder as it was rendered (a first build): its record there."""

    record: FileRecord
    folder: Path

    def data(self, rel: str) -> bytes:
        return (self.folder / rel).read_bytes()


@dataclass(frozen=True, slots=True)
class Kept:
    """A file the output folder already has, with these bytes (read only if asked for)."""

    record: FileRecord


class SiteFiles(MutableMapping[str, bytes]):
    """The output files by path: bytes as a dict would give them, held as cheaply as can be."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.items_: dict[str, bytes | Packed | Written | Kept] = {}
        self.fingerprints: dict[str, str] = {}

    def __getitem__(self, rel: str) -> bytes:
        item = self.items_[rel]
        if isinstance(item, Packed):
            return item.data()
        if isinstance(item, Kept):
            return (self.out / rel).read_bytes()
        if isinstance(item, Written):
            return item.data(rel)
        return item

    def __setitem__(self, rel: str, data: bytes) -> None:
        self.items_[rel] = data
        self.fingerprints.pop(rel, None)

    def __delitem__(self, rel: str) -> None:
        del self.items_[rel]
        self.fingerprints.pop(rel, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self.items_)

    def __len__(self) -> int:
        return len(self.items_)

    def want(self, rel: str) -> Want:
        """What the publisher needs to know about one file."""
        item = self.items_[rel]
        if isinstance(item, Packed):
            return Want(self.fingerprints.get(rel, item.sha), item.sha, item.size, item.data)
        if isinstance(item, Kept):
            record = item.record
            return Want(record.fp, record.sha, record.size, lambda: (self.out / rel).read_bytes())
        if isinstance(item, Written):
            record = item.record
            return Want(self.fingerprints.get(rel, record.sha), record.sha, record.size, partial(item.data, rel))
        sha = hashlib.sha256(item).hexdigest()
        return Want(self.fingerprints.get(rel, sha), sha, len(item), lambda: item)


SHARED_VIEWS = (Item, Link, Shared)
"""Types of values that many pages show or read (listing items, term links, all projects): hashed once per build."""


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
            inputs = known[id(page.inputs)] = digest(stable_pickle(page.inputs, known, SHARED_VIEWS))
        return digest(job_key, page.path, page.template, page.lang, inputs)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError, ValueError):
        return None


def rendered_here(page: PlannedPage) -> bool:
    """Feeds, sitemap and robots.txt are rendered in this process once the workers stop: few files, made of
    values about every page (the sitemap lists them all) that cost more to send to a worker than to render."""
    return not page.path.endswith(".html")


def folder_digest(folder: Path, cache: Cache | None) -> str:
    """Names and bytes of every file under a folder (templates)."""
    parts: list[str] = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            sha = cache.file_hash(path) if cache else hashlib.sha256(path.read_bytes()).hexdigest()
            parts += [path.relative_to(folder).as_posix(), sha]
    return digest(*parts)


class BuildSession:
    """One build's cache, worker processes, progress display and knowledge of the output."""

    def __init__(self, content: Path, out: Path, jobs: int = 0, use_cache: bool = True, progress: bool = False) -> None:
        self.out = out
        self.cache = Cache(cache_folder(content)) if use_cache else None
        self.workers = Workers(jobs or default_jobs())
        self.spool = Spool()
        self.version = code_version()
        self.progress = Progress(progress)
        self.loader = CachedLoader(self.cache, self.workers, self.version, self.progress.stage)
        self.record: TreeRecord | None = _records(self.cache.tree(out)) if self.cache else None
        self._publisher: TreePublisher | None = None
        self._discarding: threading.Thread | None = None
        self.publishing = False
        """This build publishes (so a first build may write its pages as they render)."""
        self.rendered = 0
        self.site_key = ""
        self.reused = False
        """True when the output folder was found to hold this build already."""
        self.load_warnings: frozenset = frozenset()
        self.plan_memory = PlanMemory()
        self.load_memory = LoadMemory()
        """What the last load found (section listings, warnings), for the next build in this process."""
        """The last plan's pages, for the next build in this process to reuse (the preview's)."""
        self.fingerprinted: dict[int, tuple[PlannedPage, str, str | None]] = {}
        """id(page) -> (page, job key, fingerprint) of the last build's pages."""

    def __enter__(self) -> BuildSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def prepare_output(self) -> None:
        """Before a build that publishes: an old spare the record does not vouch for is deleted meanwhile."""
        self._discarding = discard_spare(self.out, self.record)
        self.publishing = True

    def close(self) -> None:
        if self._discarding is not None:
            self._discarding.join()
        self.workers.close()  # the spool stays open while the files that point into it are alive
        self.progress.finish()
        if self.cache:
            self.cache.close()

    @property
    def publisher(self) -> TreePublisher:
        if self._publisher is None:
            self._publisher = TreePublisher(self.out, self.record, self._save)
        return self._publisher

    def _save(self, record: TreeRecord) -> None:
        self.record = record
        if self.cache:
            self.cache.set_tree(self.out, record)  # stored as plain tuples by the cache

    def reuse(
        self, site: Any, problems: Any, templates: Path, locales: Path
    ) -> tuple[SiteFiles, dict[str, Path], tuple] | None:
        """The published output as it is, when nothing it was made of changed (else None).

        The whole site model, every entry folder's bytes, the templates, the
        catalogs and the code make one key: when it is the one recorded with
        the output folder, planning and rendering would give the same files."""
        self.load_warnings = frozenset(problems.warnings)
        if self.cache is None:
            return None
        try:
            model = stable_pickle(site, self.loader.entries)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError, ValueError):
            return None
        codes = tuple(site.config.codes)
        self.site_key = digest(
            self.version,
            folder_digest(templates, self.cache),
            catalogs_digest(locales, codes),
            model,
            *self.loader.keys,
        )
        record = self.record
        if record is None or record.site_key != self.site_key or record.copies is None:
            return None
        live = self.publisher.live
        if live.keys() != record.out.keys():
            return None
        self.reused = True
        files = SiteFiles(self.out)
        for rel, item in record.out.items():
            if rel not in record.products and rel not in record.copies:
                files.items_[rel] = Kept(item)
                files.fingerprints[rel] = item.fp
        return files, {rel: Path(src) for rel, src in record.copies.items()}, record.warnings

    def get_ready(self, templates: Path, locales: Path, config: Any) -> None:
        """After loading many folders (so many pages will render): start the rendering processes now, compiling
        the templates while this process plans the pages."""
        if self.loader.loaded >= MIN_PARALLEL:
            self.workers.start(compile_templates, templates, locales, config, self._bytecode())

    def _bytecode(self) -> Path | None:
        """The folder of compiled templates, kept with the cache (None: without a cache)."""
        return self.cache.path.parent / "templates" if self.cache else None

    def render(
        self,
        pages: list[PlannedPage],
        plan: SitePlan,
        config: Any,
        templates: Path,
        locales: Path,
    ) -> SiteFiles:
        """Render the pages whose fingerprint is not that of the file already published."""
        key = self._job_key(plan.globals, config, templates, locales)
        folders = self._write_into([page.path for page in pages])
        folder, into, twin = (None, None, None) if folders is None else (folders[0], *(f"{f}{os.sep}" for f in folders))
        job = RenderJob(
            key, templates, locales, config, plan.globals, bytecode=self._bytecode(), write_into=into, link_into=twin
        )
        live = self.publisher.live if self.cache else {}
        files = SiteFiles(self.out)
        fingerprint = self._fingerprinter(job.key, files)
        lazy = not live  # nothing to keep (a first build): every page renders, fingerprinted as it is sent
        todo = []
        for page in pages:
            fp = None if lazy else fingerprint(page)
            record = live.get(page.path)
            if fp is not None and record is not None and record.fp == fp:
                files.items_[page.path] = Kept(record)
            else:
                files.items_[page.path] = b""  # placeholder: keeps the planned order
                todo.append(page)
        done = self.progress.stage("Rendering pages", len(todo))

        here = [page for page in todo if rendered_here(page)]
        there = [page for page in todo if not rendered_here(page)]
        sent = self.workers.parallel(len(there))

        def complete(chunk: list[PlannedPage]) -> list[PlannedPage] | bytes:  # views made just before they render
            if lazy:
                for page in chunk:
                    fingerprint(page)
            ready = [plan.complete(page) for page in chunk]
            return dumps(ready) if sent else ready  # to a process: pickled the cache's faster way (see cache.py)

        if lazy:
            for page in here:
                fingerprint(page)
        for rendered in self.workers.map(render_chunk, job, there, RENDER_CHUNK, complete, done):
            self._keep(files, rendered, folder)
        self.workers.close()  # their memory is not needed any more (the sitemap's is large: not both at once)
        for rendered in render_chunk(job, here):
            self._keep(files, rendered, folder)
        done(len(here))
        self.rendered = len(todo)
        return files

    def _fingerprinter(self, job_key: str, files: SiteFiles) -> Callable[[PlannedPage], str | None]:
        """A function giving a page's fingerprint (see page_fingerprint), noted in `files` and kept for the
        next build in this process: a page the planner kept from the last build keeps its fingerprint."""
        shared: dict[int, str] = dict(self.loader.entries) if self.cache else {}
        fingerprinted, self.fingerprinted = self.fingerprinted, {}

        def fingerprint(page: PlannedPage) -> str | None:
            known = fingerprinted.get(id(page))
            if known is None or known[0] is not page or known[1] != job_key:
                known = (page, job_key, page_fingerprint(page, job_key, shared))
            self.fingerprinted[id(page)] = known
            if known[2] is not None:
                files.fingerprints[page.path] = known[2]
            return known[2]

        return fingerprint

    def _write_into(self, paths: list[str]) -> tuple[Path, Path] | None:
        """The folders the pages can be written into as they render: at a first build that publishes, the new
        output folder, and the next spare to link them into (see TreePublisher.begin); else None (the bytes
        wait in the spool)."""
        if not self.publishing:
            return None
        check_relpaths(paths)
        return self.publisher.begin()

    def _keep(self, files: SiteFiles, rendered: Rendered, folder: Path | None) -> None:
        """Note a rendered page: its bytes put in the spool, or the file it was written to."""
        rel, data, sha, size = rendered
        if isinstance(data, bytes):
            files.items_[rel] = Packed(self.spool.put(data), sha, size)
        else:
            assert folder is not None
            self.publisher.wrote(rel, data)
            files.items_[rel] = Written(data, folder)

    def _job_key(self, globals_by_lang, config, templates: Path, locales: Path) -> str:
        codes = tuple(globals_by_lang)
        return digest(
            self.version,
            folder_digest(templates, self.cache),
            catalogs_digest(locales, codes),
            stable_pickle(config),
            stable_pickle(globals_by_lang),
        )

    def publish(
        self,
        files: Mapping[str, bytes],
        copies: Mapping[str, Path],
        finish: Callable[[Path], None] | None = None,
        warnings: tuple = (),
    ) -> int:
        """Write what changed into the output folder; returns how many files were written."""
        if self.reused and (finish is not None) == bool(self.record and self.record.products):
            return 0  # the output folder holds this very build already (see reuse)
        if self.site_key:
            late = tuple(w for w in warnings if w not in self.load_warnings)
            copied = {rel: str(src) for rel, src in copies.items()}
            self.publisher.stamp = {"site_key": self.site_key, "copies": copied, "warnings": late}
        wants: dict[str, Want] = {}
        for rel in files:
            wants[rel] = files.want(rel) if isinstance(files, SiteFiles) else _plain(files[rel])
        for rel, src in copies.items():
            wants[rel] = self.copy_want(src)
        return self.publisher.publish(wants, finish)

    def copy_want(self, src: Path) -> Want:
        """An entry's attached file as a wanted output file."""
        sha = self.cache.file_hash(src) if self.cache else hashlib.sha256(src.read_bytes()).hexdigest()
        return Want(sha, sha, src.stat().st_size, src.read_bytes)


def _records(record: Any) -> TreeRecord | None:
    """The record as the cache stores it (plain tuples), with FileRecords again (None if there was none)."""
    if not isinstance(record, TreeRecord):
        return None
    make = FileRecord._make
    spare = None if record.spare is None else {rel: make(item) for rel, item in record.spare.items()}
    return replace(record, out={rel: make(item) for rel, item in record.out.items()}, spare=spare)


def _plain(data: bytes) -> Want:
    sha = hashlib.sha256(data).hexdigest()
    return Want(sha, sha, len(data), lambda: data)
