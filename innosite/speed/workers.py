"""Work spread over processes: loading entry folders and rendering pages.

Both jobs are pure functions of their inputs, so the result does not depend on
how many processes share them (`--jobs 1` and `--jobs N` write the same bytes).
The pool is started only when there is enough work to pay for it, and it is
fed small tasks, so every process stays small.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from innosite.content.entries import EntryContext, load_entry
from innosite.content.language import Verdicts
from innosite.markup.markdown import Body, LinkContext, MarkdownRenderer
from innosite.output.files import link, write_new
from innosite.output.records import FileRecord
from innosite.pages.planned import PlannedPage
from innosite.render.i18n import Folders
from innosite.speed.cache import Cache
from innosite.speed.language_model import prepare_model
from innosite.speed.pickling import dumps

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

MIN_PARALLEL = 64
"""Fewer tasks than this run in the calling process: a pool costs more than it saves."""
WINDOW = 3
"""Chunks under way per process: enough to keep it busy while the caller handles a result."""


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Workers:
    """A lazily started process pool of `jobs` processes (none when jobs is 1).

    A caller that would only wait for the results can help (`helping`): the pool then has a process fewer, and
    map() works through a chunk in this process whenever the pool has all it can take: as fast, a process fewer in
    memory. (Loading entries does not: each process reads the language model.)"""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None
        self._helped = False
        """Whether the pool was made for a helping caller (a process fewer)."""

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def parallel(self, count: int, least: int = MIN_PARALLEL) -> bool:
        """Whether map() hands this many items to the processes (else it works through them here); `least`: fewer
        are not worth a process (a few images are: each takes longer than a thousand pages)."""
        return self.jobs > 1 and count >= least

    def start(self, fn: Callable[..., object], *args: object, helping: bool = False) -> None:
        """Start the processes now, each (as far as the pool hands them out) running fn(*args) to get ready,
        while this process goes on (nothing waits for them); `helping`: for maps that help."""
        if self.jobs > 1:
            for _ in range(self.jobs - helping):
                self._executor(helping).submit(fn, *args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def stop_server(self) -> None:
        """Stop the pool, and the process server its processes start from, which multiprocessing keeps for the
        life of this process (about 13 MB) when it is running; a pool made later starts another."""
        self.close()
        forkserver = sys.modules.get("multiprocessing.forkserver")
        stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
        if stop is not None:
            stop()

    def map(
        self,
        fn: Callable[..., list],
        shared: Any,
        items: Sequence,
        size: int,
        prepare: Callable[[list], Any] | None = None,
        done: Callable[[int], None] | None = None,
        least: int = MIN_PARALLEL,
        helping: bool = False,
    ) -> Iterator[Any]:
        """fn(shared, chunk) over chunks of items (each made ready by `prepare` just before): results in order;
        `done` is told how many items each finished chunk held.

        Only a few chunks are under way at a time, so that memory holds few
        prepared chunks and few results; the caller can store results while
        the processes go on with the next chunks."""
        chunks = (list(items[start : start + size]) for start in range(0, len(items), size))
        ready = ((prepare(chunk) if prepare else chunk, len(chunk)) for chunk in chunks)
        if not self.parallel(len(items), least):
            for chunk, count in ready:
                yield from fn(shared, chunk)
                if done:
                    done(count)
            return
        running: deque[tuple[Future, int]] = deque()
        limit = (self.jobs - helping) * WINDOW
        for chunk, count in ready:
            if helping:
                while running and running[0][0].done():
                    yield from _finish(running.popleft(), done)
                if sum(not future.done() for future, _ in running) >= limit:  # the processes have all they can take
                    if len(running) < 2 * limit:
                        running.append((_done_here(fn, shared, chunk), count))  # done here; given out in its turn
                        continue
                    yield from _finish(running.popleft(), done)
            running.append((self._executor(helping).submit(fn, shared, chunk), count))
            if not helping and len(running) >= limit:
                yield from _finish(running.popleft(), done)
        while running:
            yield from _finish(running.popleft(), done)

    def _executor(self, helping: bool) -> ProcessPoolExecutor:
        """The pool (made again for a caller that helps when it did not, or the other way round); its processes
        start from a small server process, not from this (large) one.

        The process machinery is imported only here: most edits load and render too little to start a pool."""
        if self._pool is not None and self._helped != helping:
            self.close()
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
            if "forkserver" in methods:
                context.set_forkserver_preload(["innosite.speed.worker_server"])
            self._pool = ProcessPoolExecutor(self.jobs - helping, mp_context=context, initializer=watch_parent)
            self._helped = helping
        return self._pool


def _done_here(fn: Callable[..., list], shared: Any, chunk: Any) -> Future:
    """fn(shared, chunk) worked through in this process, as a finished future."""
    from concurrent.futures import Future

    future: Future = Future()
    future.set_result(fn(shared, chunk))
    return future


def watch_parent() -> None:
    """In a worker process: end it as soon as the process that started the pool ends, however it ends.

    A build killed (SIGKILL, SIGTERM, a cancelled CI job) cannot stop its workers, and they would wait for work
    for ever, holding the process server and the resource tracker with them. Each worker watches the end of a
    pipe its parent holds open (multiprocessing's parent sentinel), in a thread, and exits when it closes.
    Ctrl-C in a terminal reaches every process of the command: a worker leaves it to the build, which stops the
    pool and says one line (a worker would print its own traceback)."""
    import multiprocessing
    import signal
    import threading
    from multiprocessing.connection import wait

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _finish(running: tuple[Future, int], done: Callable[[int], None] | None) -> list:
    future, count = running
    results = future.result()
    if done:
        done(count)
    return results


# -- loading entry folders -------------------------------------------------------------


class CachingMarkdown:
    """A Markdown renderer that reuses bodies rendered before (by a key of their inputs)."""

    def __init__(self, known: dict[str, Body], version: str, renderer: Callable[[], MarkdownRenderer]) -> None:
        self.known = known
        self.version = version
        self.used: dict[str, Body] = {}
        """The bodies rendered or reused, by key: kept with the entry, to be reused when its folder changes."""
        self._renderer = renderer

    def render(self, source: str, context: LinkContext) -> Body:
        key = body_key(source, context, self.version)
        body = self.used.get(key) or self.known.get(key)
        if body is None:
            body = self._renderer().render(source, context)
        self.used[key] = body
        return body


def body_key(source: str, context: LinkContext, version: str) -> str:
    sha = hashlib.sha256()
    embeds = "\0".join(getattr(context, "embeds", ()))
    files = "\0".join(sorted(context.files))
    site = getattr(context, "site", "")  # which web addresses are the site's own (Body.addresses)
    for part in (version, source, context.media_prefix, context.base_path, files, context.footnote_title, embeds, site):
        data = part.encode()
        sha.update(len(data).to_bytes(8, "little") + data)
    return sha.hexdigest()


@dataclass(frozen=True, slots=True)
class LoadJob:
    """What every entry folder is loaded against."""

    context: EntryContext
    version: str
    cwd: str = field(default_factory=os.getcwd)
    """Folders are named relative to it, and so are the problems found."""
    relist: bool = False
    """List each folder again once it is loaded (for the cache: a file changed while it was read shows)."""
    prepare_model: bool = False
    """Write the prepared language model (context.language_model) if it is not there yet."""


LoadTask = tuple[str, Path, "Earlier", bool]
"""(section, folder, what its last load made, whether to hash its files here)."""


class Earlier(NamedTuple):
    """What a folder's last load made that its next may reuse: bodies rendered, and verdicts of the language
    checks (content/language.Verdicts), by key."""

    bodies: dict[str, Body]
    verdicts: dict[str, str | None]


FolderState = tuple[str, int, str]
"""A folder's listing, when it was listed (ns) and the hash of its files (see CachedLoader)."""
Loaded = tuple[bytes, FolderState | None, str]
"""(the cache row of (entry or None, problems, bodies used by key, language verdicts used by key), what hashing the
folder found if asked, the
folder's listing once loaded if asked):
pickled here, in the worker, so that the main process only stores it and reads the entry back. A body's
bytes are those of its version (pickled once)."""


def load_chunk(job: LoadJob, tasks: list[LoadTask]) -> list[Loaded]:
    """Load entry folders, rendering only the bodies not rendered before."""
    _enter(job.cwd)
    results = []
    for section, folder, earlier, hash_here in tasks:
        listed = _folder_state(folder) if hash_here else None  # before the files are read: a later change shows
        markdown = CachingMarkdown(earlier.bodies, job.version, _markdown)
        verdicts = Verdicts(job.version, earlier.verdicts)
        entry, problems = load_entry(section, folder, job.context, markdown, verdicts)  # type: ignore[arg-type]
        after = _listing_now(folder) if job.relist else ""
        results.append((dumps((entry, problems, markdown.used, verdicts.used)), listed, after))
    if job.prepare_model and job.context.language_model is not None:
        prepare_model(job.context.language_model, job.context.config.langs)
    return results


def _listing_now(folder: Path) -> str:
    """A folder's listing as it is now ('' if it cannot be listed)."""
    try:
        return Cache.listing(folder).text
    except OSError:
        return ""


def _folder_state(folder: Path) -> FolderState:
    """A folder's listing and hash, for a folder the cache has never seen (hashed here, not in the main process,
    which would only wait for it)."""
    seen = time.time_ns()  # before the stats and reads, as in CachedLoader._folder_hash
    return Cache.listing(folder).text, seen, Cache.folder_hash(folder)


_markdowns: list[MarkdownRenderer] = []
"""Per process: one Markdown renderer, made when first needed (making one costs about a millisecond)."""


def _markdown() -> MarkdownRenderer:
    if not _markdowns:
        _markdowns.append(MarkdownRenderer())
    return _markdowns[0]


# -- rendering pages ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RenderJob:
    """What a Renderer is made of; workers build one per distinct job."""

    key: str
    templates: Folders
    locales: Folders
    config: Any
    globals: dict[str, dict[str, Any]]
    cwd: str = field(default_factory=os.getcwd)
    bytecode: Path | None = None
    """A folder for compiled templates, shared by the processes and by later builds (None: compile in each)."""
    write_into: str | None = None
    """A new folder (ending in a separator) to write each page into as it is rendered (a first build)."""
    link_into: str | None = None
    """With write_into: a new folder (ending in a separator) to hard-link each written page into."""


Rendered = tuple[str, bytes | FileRecord, str, int]
"""(output path, zlib-compressed bytes or, when written at once, the file's record, SHA-256 of the bytes, length)."""

_renderers: dict[str, Any] = {}
"""Per process: the Renderer of the latest job (templates compiled once per process)."""


def compile_templates(templates: Folders, locales: Folders, config: Any, bytecode: Path | None) -> None:
    """Compile every page template of every language into the bytecode folder (a worker getting ready to
    render while the pages are planned: its Renderer then reads them compiled); without one, only start."""
    from innosite.render.renderer import Renderer

    if bytecode is not None:
        Renderer(
            templates, locales, config, {language.lang: {} for language in config.languages}, bytecode
        ).compile_pages()


def render_chunk(job: RenderJob, pages: list[PlannedPage] | bytes) -> list[Rendered]:
    """Render pages (or pages pickled by cache.dumps); the bytes travel compressed, which keeps memory small."""
    from innosite.render.renderer import Renderer

    _enter(job.cwd)
    chunk: list[PlannedPage] = pickle.loads(pages) if isinstance(pages, bytes) else pages  # noqa: S301 (made here)
    renderer = _renderers.get(job.key)
    if renderer is None:
        _renderers.clear()
        renderer = _renderers[job.key] = Renderer(job.templates, job.locales, job.config, job.globals, job.bytecode)
    results: list[Rendered] = []
    for page in chunk:
        data = renderer.render(page)
        sha = hashlib.sha256(data).hexdigest()
        if job.write_into is None:
            results.append((page.path, zlib.compress(data, 1), sha, len(data)))
        else:  # the file, not its bytes, goes back: nothing to send, keep or write later
            target = job.write_into + page.path
            results.append((page.path, write_new(target, data, sha, sha, []), sha, len(data)))
            if job.link_into is not None:
                link(target, job.link_into + page.path, [])
    return results


def _enter(cwd: str) -> None:
    """Work in the caller's folder (a worker process may have been started elsewhere)."""
    if os.getcwd() != cwd:
        os.chdir(cwd)
