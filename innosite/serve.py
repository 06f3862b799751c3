"""The preview server: build, serve with livereload, rebuild on every change.

The preview is built (drafts and entries scheduled for later included) into
a temporary folder, never into site/, so that a draft can never be published
by accident. Each change in content/, templates/ or locales/ runs the one
build function again; a good build reloads the open page, a failed one shows
its problems in the browser while the last good pages stay in the folder.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop, PeriodicCallback

from .build import BuildOptions, build
from .config import load_config
from .preview_app import PreviewApp, PreviewState, problems_from_exception
from .problems import ContentError, Problem, Problems

POLL_SECONDS = 0.2
"""How often the sources are looked at: short, so a save shows at once."""

MAX_BATCH = 10_000
"""Changed files noted before one rebuild (the watcher reports one per look)."""

_EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".tmp", ".part")


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """Where to serve and what to build."""

    build: BuildOptions
    host: str = "127.0.0.1"
    port: int = 8000


@dataclass(frozen=True, slots=True)
class Rebuild:
    """What one build of the preview gave."""

    problems: tuple[Problem, ...]
    """Errors (and warnings under --strict) that stopped it; empty when good."""
    warnings: tuple[Problem, ...]
    pages: int
    seconds: float
    """From the start (the file event) to the last file written."""


class Preview:
    """The preview's build folder and the outcome of its latest build."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self.state = PreviewState(out=options.out)

    def rebuild(self) -> Rebuild:
        """Run the build once and remember its problems for the browser."""
        start = time.perf_counter()
        options = replace(self.options, now=datetime.now(UTC))
        try:
            result = build(options, Problems())
        except ContentError as exc:
            self.state = replace(self.state, problems=exc.problems)
            return Rebuild(exc.problems, (), 0, time.perf_counter() - start)
        except Exception as exc:  # a broken template or catalog must not stop the server
            found = problems_from_exception(exc, self.options)
            self.state = replace(self.state, problems=found)
            return Rebuild(found, (), 0, time.perf_counter() - start)
        seconds = time.perf_counter() - start
        config = load_config(options.content, Problems())
        base_path = config.base_path if config else self.state.base_path
        self.state = replace(self.state, problems=(), base_path=base_path, built=True)
        return Rebuild((), result.warnings, result.pages, seconds)


class SourceWatcher(Watcher):
    """livereload's mtime watcher, polled often, calling back once per change."""

    def __init__(self, folders: tuple[Path, ...], on_change: Callable[[str], None]) -> None:
        super().__init__()
        self.on_change = on_change
        for folder in folders:
            self.watch(str(folder), ignore=partial(_ignored, str(folder)))

    def start(self, callback: Callable[[], None]) -> bool:
        """Poll on our own timer; True tells livereload not to poll itself."""
        PeriodicCallback(self.poll, POLL_SECONDS * 1000).start()
        return True

    def poll(self) -> None:
        """One rebuild for a batch of changes (a git pull, a folder copied in)."""
        changed = self.changed_path()
        if changed is None:
            return
        for _ in range(MAX_BATCH):
            if self.changed_path() is None:
                break
        self.on_change(changed)

    def changed_path(self) -> str | None:
        """A source that changed since the last look, or None (all are looked at)."""
        found = None
        for path, task in self._tasks.items():
            self._task_mtimes = task["mtimes"]
            if self.is_changed(path, task["ignore"]) and found is None:
                found = self.filepath or path
        return found


def _ignored(root: str, path: str) -> bool:
    """Hidden files and folders (caches), editor backups and swap files are not sources."""
    name = os.path.basename(path)
    hidden = any(part.startswith(".") for part in Path(os.path.relpath(path, root)).parts if part != "..")
    return hidden or name.startswith("#") or name.endswith(_EDITOR_LEFTOVERS) or name == "4913"


class _Server(Server):
    """livereload's server with our own messages instead of its log lines."""

    def _setup_logging(self) -> None:
        logging.getLogger("tornado.access").addHandler(logging.NullHandler())


def serve(options: ServeOptions) -> int:
    """Serve the preview until Ctrl-C; 0 when stopped, 2 when the port is taken."""
    folder = Path(tempfile.mkdtemp(prefix="innosite-preview-"))
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    preview = Preview(replace(options.build, out=folder / "site", drafts=True, future=True))
    try:
        _report(preview.rebuild(), "built")
        url = f"http://{_url_host(options.host)}:{options.port}{preview.state.base_path}"
        app = PreviewApp(lambda: preview.state)
        sources = (options.build.content, options.build.templates, options.build.locales)
        watcher = SourceWatcher(sources, lambda path: _on_change(preview, path))
        server = _Server(app=app, watcher=watcher)
        _stop_loop_on_signals(IOLoop.current())
        _say(f"Serving the preview at {url} (drafts and scheduled entries included). Press Ctrl-C to stop.")
        if options.host not in ("127.0.0.1", "localhost", "::1"):
            _say(f"Note: with --host {options.host}, other computers on the network can see the preview.")
        server.serve(port=options.port, host=options.host, debug=False, restart_delay=0)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        _say(f"error: port {options.port} is already in use: stop the other server or choose another with --port")
        return 2
    except KeyboardInterrupt:
        pass
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    _say("Stopped.")
    return 0


def _stop_loop_on_signals(loop: IOLoop) -> None:
    """Once serving, Ctrl-C and SIGTERM stop the event loop between two tasks (a rebuild
    under way finishes first) instead of raising wherever the loop happens to be."""
    if threading.current_thread() is not threading.main_thread():
        return

    def stop(signum: int, frame: object) -> None:
        loop.asyncio_loop.call_soon_threadsafe(loop.stop)  # type: ignore[attr-defined]

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops the server as Ctrl-C does, so the temporary folder goes too."""
    raise KeyboardInterrupt


def _on_change(preview: Preview, path: str) -> None:
    """Rebuild after a change and reload the open pages (error page included)."""
    _say(f"{_show(path)} changed")
    _report(preview.rebuild(), "rebuilt")
    LiveReloadHandler.reload_waiters("*")


def _report(result: Rebuild, verb: str) -> None:
    for problem in (*result.problems, *result.warnings):
        print(problem, file=sys.stderr)
    if result.problems:
        errors = sum(not p.warning for p in result.problems)
        _say(f"{errors} error(s) in {result.seconds:.2f} s: the browser shows them; the last good pages stay served.")
    else:
        _say(f"{verb.capitalize()} {result.pages} pages in {result.seconds:.2f} s.")


def _show(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return path


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
