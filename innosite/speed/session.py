"""A build session: the cache, the worker processes, what is remembered between builds, and the publisher.

Every build runs in one: the build command's for one build, the preview's for
many. The session renders only the pages whose fingerprint (speed/fingerprint.py)
is not that of the file the output already holds, and hands the files to a
publisher (output/publisher.py): by default the one that swaps in a whole build
through a spare folder; the preview passes its own.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
import zlib
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from innosite.content.language import forget_model
from innosite.memo import Memo, Memory, Same, StaleMemo
from innosite.output.guard import check_relpaths
from innosite.output.lock import OutputLock
from innosite.output.publisher import Publisher
from innosite.output.records import Finishing, TreeRecord, Want, restored
from innosite.output.tree import TreePublisher, discard_spare
from innosite.pages.images import Media
from innosite.pages.planned import PlannedPage, SitePlan
from innosite.render.i18n import Folders, catalogs_digest
from innosite.speed.cache import Cache, cache_folder
from innosite.speed.fingerprint import code_version, folder_digest, page_fingerprint, rendered_here
from innosite.speed.heap import give_back
from innosite.speed.images import process_images
from innosite.speed.loader import CachedLoader
from innosite.speed.media_cache import MediaUse, use_media
from innosite.speed.pickling import digest, dumps, stable_pickle
from innosite.speed.progress import Progress
from innosite.speed.spool import Kept, Packed, SiteFiles, Spool, Written
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


class BuildSession:
    """One build's (or the preview's builds') cache, worker processes, memory, progress display and publisher."""

    def __init__(
        self,
        content: Path,
        out: Path,
        jobs: int = 0,
        use_cache: bool = True,
        progress: bool = False,
        publisher: Publisher | None = None,
        memory: Memory | None = None,
        lock: OutputLock | None = None,
        once: bool = False,
    ) -> None:
        self.out = out
        self.once = once
        """The session runs one build only (the build command's): it lets go of what a next one would reuse before
        publishing (see let_go)."""
        self.lock = lock
        """The output folder's lock (output/lock.py), released when the session closes."""
        self.cache = Cache(cache_folder(content)) if use_cache else None
        self.workers = Workers(jobs or default_jobs())
        self.spool = Spool()
        self.version = code_version()
        self.progress = Progress(progress)
        self.memory = memory or Memory()
        """What one build leaves for the next in this session (innosite/memo.py)."""
        self.loader = CachedLoader(self.cache, self.workers, self.version, self.progress.stage, self.memory)
        self.record: TreeRecord | None = None
        """The output folder's record in the cache (None: none, or a publisher of the caller's, which knows)."""
        if publisher is None and self.cache:
            self.record = self.cache.tree(out, restored)
        self.remembers_published = publisher is None and self.cache is not None
        """The cache records what each build of the output folder published (not the preview's folders)."""
        self._publisher = publisher
        self._discarding: threading.Thread | None = None
        self.publishing = False
        """This build publishes (so a first build may write its pages as they render)."""
        self.rendered = 0
        self.site_key = ""
        self.reused = False
        """True when the output folder was found to hold this build already."""
        self.load_warnings: frozenset = frozenset()
        self.media: MediaUse | None = None
        """This build's hold on the image cache (speed/media_cache.py), from its image step until it has published."""

    def __enter__(self) -> BuildSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def next_build(self, changed: frozenset[str] | None) -> None:
        """Start another build in this session; `changed`: the entry folders that may have changed since the
        last one (None: anything may have)."""
        self.spool.close()
        self.spool = Spool()
        self._let_go_of_media()
        self.rendered, self.site_key, self.reused = 0, "", False
        self.loader.changed = changed
        self.memory.next_build()

    def prepare_output(self) -> None:
        """Before a build that publishes: an old spare the record does not vouch for is deleted meanwhile."""
        self._discarding = discard_spare(self.out, self.record)
        self.publishing = True

    def close(self) -> None:
        try:
            if self._discarding is not None:
                self._discarding.join()
            self.workers.close()  # the spool stays open while the files that point into it are alive
            self.progress.finish()
            if self.cache:
                self.cache.close()
        finally:
            self._let_go_of_media()
            if self.lock is not None:
                self.lock.release()

    @property
    def publisher(self) -> Publisher:
        if self._publisher is None:
            self._publisher = TreePublisher(self.out, self.record, self._save)
        return self._publisher

    def _save(self, record: TreeRecord) -> None:
        self.record = record
        if self.cache:
            self.cache.set_tree(self.out, record)  # stored as plain tuples by the cache

    def reuse(
        self, site: Any, problems: Any, templates: Folders, locales: Folders, search: bool = False
    ) -> tuple[SiteFiles, dict[str, Path], tuple] | None:
        """The published output as it is, when nothing it was made of changed (else None).

        The whole site model, every entry folder's bytes, the templates, the
        catalogs and the code make one key: when it is the one recorded with
        the output folder, planning and rendering would give the same files."""
        self.load_warnings = frozenset(problems.warnings)
        if not self.cache:
            return None
        self.site_key = self._site_key(site, templates, locales)  # a first build's too: the next one is reused
        record = self.record
        if record is None or not self.site_key or record.site_key != self.site_key or record.copies is None:
            return None
        if self.publisher.live.keys() != record.out.keys():
            return None
        if search != bool(record.products):  # the search index is to be made (it needs the plan) or removed
            return None
        self.reused = True
        files = SiteFiles(self.out)
        for rel, item in record.out.items():
            if rel not in record.products and rel not in record.copies:
                files.items_[rel] = Kept(item)
                files.fingerprints[rel] = item.fp
        return files, {rel: Path(src) for rel, src in record.copies.items()}, record.warnings

    def _site_key(self, site: Any, templates: Folders, locales: Folders) -> str:
        """What the output of this site is made of (see reuse); '' when the model cannot be pickled stably."""
        assert self.cache is not None
        try:
            model = stable_pickle(site, self.loader.entries, keyed=True)  # entries by their keys
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError, ValueError):
            return ""
        langs = tuple(site.config.langs)
        return digest(
            self.version,
            folder_digest(templates, self.cache),
            catalogs_digest(locales, langs),
            model,
            *self.loader.keys,
        )

    def rekey(self, site: Any, templates: Folders, locales: Folders) -> None:
        """Stamp the output with the key of `site` instead: the site the next build will read when this build writes
        a file it reads (the record of published addresses) and that changes nothing it publishes."""
        if self.site_key:
            self.site_key = self._site_key(site, templates, locales)

    def get_ready(self, templates: Folders, locales: Folders, config: Any) -> None:
        """After loading many folders (so many pages will render): start the rendering processes now, compiling
        the templates while this process plans the pages."""
        if self.loader.loaded >= MIN_PARALLEL:  # (helping: this process renders too, see render)
            self.workers.start(compile_templates, templates, locales, config, self._bytecode(), helping=True)

    def _bytecode(self) -> Path | None:
        """The folder of compiled templates, kept with the cache (None: without a cache)."""
        return self.cache.path.parent / "templates" if self.cache else None

    def render(
        self, pages: tuple[PlannedPage, ...], plan: SitePlan, config: Any, templates: Folders, locales: Folders
    ) -> SiteFiles:
        """Render the pages whose fingerprint is not that of the file already published."""
        key = self._job_key(plan.globals, config, templates, locales)
        folders = self._write_into([page.path for page in pages])
        folder, into, twin = (None, None, None) if folders is None else (folders[0], *_with_sep(folders))
        job = RenderJob(
            key, templates, locales, config, plan.globals, bytecode=self._bytecode(), write_into=into, link_into=twin
        )
        live = self.publisher.live if self.cache else {}
        files = SiteFiles(self.out)
        fingerprint = self._fingerprinter(job.key, files)
        lazy = not live  # nothing to keep (a first build): every page renders, fingerprinted as it is sent
        todo, kept = [], []
        for page in pages:
            fp = None if lazy else fingerprint(page)
            record = live.get(page.path)
            if fp is not None and record is not None and record.fp == fp:
                files.items_[page.path] = Kept(record)
                kept.append(page)
            else:
                files.items_[page.path] = b""  # placeholder: keeps the planned order
                todo.append(page)
        if self.memory.verify:
            self._verify_kept(kept, plan, job)
        done = self.progress.stage("Rendering pages", len(todo))

        here = [page for page in todo if rendered_here(page)]
        there = [page for page in todo if not rendered_here(page)]
        sent = self.workers.parallel(len(there))

        def complete(chunk: list[PlannedPage]) -> list[PlannedPage] | bytes:  # views made just before they render
            if lazy:
                for page in chunk:
                    fingerprint(page)
            ready = [plan.complete(page) for page in chunk]
            return dumps(ready) if sent else ready  # to a process: pickled the cache's faster way (pickling.py)

        if lazy:
            for page in here:
                fingerprint(page)
        chunks = self.workers.map(render_chunk, job, there, RENDER_CHUNK, complete, done, helping=True)
        for rendered in chunks:  # (helping: this process would wait, so it renders too, one process fewer)
            self._keep(files, rendered, folder)
        self.workers.close()  # their memory is not needed any more (the sitemap's is large: not both at once)
        for rendered in render_chunk(job, here):
            self._keep(files, rendered, folder)
        done(len(here))
        self.rendered = len(todo)
        return files

    def images(self, site: Any, content: Path, problems: Any) -> tuple[Media, dict[str, Want]]:
        """What the site's images need made, found in the cache or made in the worker processes (speed/images.py):
        the media for the planner, and the files to publish by output path."""
        root = self.cache.path.parent if self.cache else None
        return process_images(site, content, problems, self.workers, root, self.progress.stage, self._hold_media)

    def _hold_media(self, media: Path) -> MediaUse | None:
        self._let_go_of_media()
        self.media = use_media(media)
        return self.media

    def _let_go_of_media(self) -> None:
        """Let other builds clean the image cache: this build has published (or failed)."""
        if self.media is not None:
            self.media.release()
            self.media = None

    def _verify_kept(self, kept: list[PlannedPage], plan: SitePlan, job: RenderJob) -> None:
        """With a verifying memory (the tests): every page kept because its fingerprint is unchanged renders
        to the bytes the output holds; else the page's inputs leave out something it shows."""
        check = replace(job, write_into=None, link_into=None)
        rendered = render_chunk(check, [plan.complete(page) for page in kept])
        for page, (rel, data, _sha, _size) in zip(kept, rendered, strict=True):
            assert isinstance(data, bytes)
            if zlib.decompress(data) != (self.out / rel).read_bytes():
                raise StaleMemo(f"{rel} was kept (its inputs did not change) but renders differently: {page.source}")

    def _fingerprinter(self, job_key: str, files: SiteFiles) -> Callable[[PlannedPage], str | None]:
        """A function giving a page's fingerprint (see page_fingerprint), noted in `files` and remembered for
        the next build in this session: a page the planner kept from the last build keeps its fingerprint."""
        shared: dict[int, str] = dict(self.loader.entries) if self.cache else {}
        fingerprints: Memo[Same, str | None] = self.memory.memo("session.fingerprints")

        def fingerprint(page: PlannedPage) -> str | None:
            fp = fingerprints.get(Same(page), job_key, page_fingerprint, page, job_key, shared)
            if fp is not None:
                files.fingerprints[page.path] = fp
            return fp

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

    def _job_key(self, globals_by_lang: dict, config: Any, templates: Folders, locales: Folders) -> str:
        langs = tuple(globals_by_lang)
        return digest(
            self.version,
            folder_digest(templates, self.cache),
            catalogs_digest(locales, langs),
            stable_pickle(config),
            stable_pickle(globals_by_lang),
        )

    def publish(
        self,
        files: Mapping[str, bytes],
        copies: Mapping[str, Path],
        finish: Callable[[Finishing], dict[str, str]] | None = None,
        warnings: tuple = (),
    ) -> int:
        """Write what changed into the output folder; returns how many files were written."""
        if self.once:
            self.let_go()
        if self.reused and (finish is not None) == bool(self.record and self.record.products):
            return 0  # the output folder holds this very build already (see reuse)
        if self.site_key:
            late = tuple(w for w in warnings if w not in self.load_warnings)
            copied = {rel: str(src) for rel, src in copies.items()}
            self.publisher.stamp = {"site_key": self.site_key, "copies": copied, "warnings": late}
        wanted: dict[str, Want | None] = (
            files.publishable() if isinstance(files, SiteFiles) else {rel: _plain(data) for rel, data in files.items()}
        )
        for rel, src in copies.items():
            wanted[rel] = self.copy_want(src)
        try:
            return self.publisher.publish(wanted, finish)
        finally:
            self._let_go_of_media()

    def loaded(self) -> None:
        """After loading the entries: the session's only build lets go of the language model, if this process read
        it (tens of megabytes, for planning and rendering to use)."""
        if self.once:
            forget_model()

    def let_go(self) -> None:
        """Before publishing the session's only build: forget what a next build would reuse (the memos hold the
        site's plan: 100 MB and more for a big site) and the worker processes' server, so that the search index is
        made in that memory instead of more."""
        self.memory.forget()
        self.workers.stop_server()
        give_back()  # the plan's memory, much of it in the C heap (10,000 releases: the merge peaks 40 MB lower)

    def published_before(self, public: frozenset[str]) -> frozenset[str] | None:
        """After publishing: the language versions ("section/id lang") the previous build of the output folder
        published (None: not known), recording `public` in their place."""
        if not self.remembers_published or self.cache is None:
            return None
        before = self.cache.published(self.out)
        if before != public:
            self.cache.set_published(self.out, public)
        return before

    def copy_want(self, src: Path) -> Want:
        """An entry's attached file as a wanted output file."""
        sha = self.cache.file_hash(src) if self.cache else hashlib.sha256(src.read_bytes()).hexdigest()
        return Want(sha, sha, src.stat().st_size, src.read_bytes, copied=True)


def _plain(data: bytes) -> Want:
    sha = hashlib.sha256(data).hexdigest()
    return Want(sha, sha, len(data), lambda: data)


def _with_sep(folders: tuple[Path, Path]) -> tuple[str, str]:
    """The folders as path prefixes (a separator at the end)."""
    return f"{folders[0]}{os.sep}", f"{folders[1]}{os.sep}"
