"""The preview server: build, serve with livereload, rebuild on every change.

The preview is built (drafts and entries scheduled for later included) into
a temporary folder, never into site/, so that a draft can never be published
by accident. Each change in content/, templates/ or locales/ runs the one
build function again; a good build reloads the open page, a failed one shows
its problems in the browser while the last good pages stay in the folder.
"""

from __future__ import annotations

import errno
import gc
import logging
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.server import HEAD_END
from tornado import httputil, web
from tornado.ioloop import IOLoop
from tornado.wsgi import WSGIContainer

from innosite.build import BuildOptions, build
from innosite.editor.serve import EditorSite
from innosite.model.site import Site
from innosite.preview.app import PreviewApp, PreviewState, problems_from_exception
from innosite.preview.session import entry_folders, preview_session
from innosite.preview.settle import Settle
from innosite.preview.watcher import source_watcher
from innosite.problems import ContentError, Problem, Problems
from innosite.render.i18n import folders


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """Where to serve and what to build."""

    build: BuildOptions
    host: str = "127.0.0.1"
    port: int = 8000
    poll: bool = False
    """Look at the files five times a second instead of waiting for file events (network drives)."""


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
    """The preview's build folder, what its builds keep in memory, and the outcome of its latest build."""

    def __init__(self, options: BuildOptions, verify: bool = False) -> None:
        self.options = options
        self.state = PreviewState(out=options.out)
        self.session = preview_session(options.content, options.out, options.jobs, verify)
        self.last_now = datetime.now(UTC)
        """The moment the latest build took as now (drafts and scheduled entries aside, pages depend on it)."""
        self.site: Site | None = None
        """The last good build's site: the editor's configuration is made from it."""

    def close(self) -> None:
        self.session.close()

    def rebuild(self, changed: Iterable[str] | None = None) -> Rebuild:
        """Run the build once and remember its problems for the browser.

        `changed` names the files changed since the last build (None: anything may have)."""
        start = time.perf_counter()
        self.last_now = datetime.now(UTC)
        options = replace(self.options, now=self.last_now)
        try:
            trusted = self.state.built and not self.state.problems  # after a failed build, everything is looked at
            self.session.next_build(
                entry_folders(self.options.content, changed) if trusted and changed is not None else None
            )
            result = build(options, Problems(), self.session)
        except ContentError as exc:
            self.state = replace(self.state, problems=exc.problems)
            return Rebuild(exc.problems, (), 0, time.perf_counter() - start)
        except Exception as exc:  # a broken template or catalog must not stop the server
            found = problems_from_exception(exc, self.options)
            self.state = replace(self.state, problems=found)
            return Rebuild(found, (), 0, time.perf_counter() - start)
        seconds = time.perf_counter() - start
        self.state = replace(self.state, problems=(), base_path=result.base_path, built=True)
        self.site = result.site
        return Rebuild((), result.warnings, result.pages, seconds)


class _Server(Server):
    """livereload's server with our own messages instead of its log lines, and our own WSGI container."""

    def _setup_logging(self) -> None:
        logging.getLogger("tornado.access").addHandler(logging.NullHandler())

    def get_web_handlers(self, script: bytes) -> list:
        return [(r".*", web.FallbackHandler, {"fallback": _Container(self.app, script)})]


class _Container(WSGIContainer):
    """Runs the preview app for tornado, as livereload's container does, but answers HEAD as GET without
    the body (livereload's sends the body, which tornado refuses with a traceback) and adds the reload
    script to HTML only (never into a part of a file asked for by a Range header)."""

    def __init__(self, app: Callable, script: bytes) -> None:
        super().__init__(app)
        self.app = app
        self.script = script

    def __call__(self, request: httputil.HTTPServerRequest) -> None:
        environ = self.environ(request)
        if request.method == "HEAD":
            environ["REQUEST_METHOD"] = "GET"  # the same headers, the body left out below
        answer: dict[str, Any] = {}

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> Callable:
            answer.update(status=status, headers=headers)
            return lambda data: None

        body = b"".join(self.app(environ, start_response))
        code, reason = answer["status"].split(" ", 1)
        headers = httputil.HTTPHeaders()
        for name, value in answer["headers"]:
            headers.add(name, value)
        reloading = "Content-Range" not in headers and "Content-Security-Policy" not in headers  # not the editor
        if "html" in headers.get("Content-Type", "") and reloading:
            body = body.replace(HEAD_END, self.script + HEAD_END, 1)
        headers["Content-Length"] = str(len(body))
        headers.setdefault("Server", "LiveServer")
        start = httputil.ResponseStartLine("HTTP/1.1", int(code), reason)
        connection = request.connection
        assert connection is not None  # a request the server received: its connection
        connection.write_headers(start, headers, chunk=None if request.method == "HEAD" else body)
        connection.finish()
        self._log(int(code), request)


def serve(options: ServeOptions) -> int:
    """Serve the preview until Ctrl-C; 0 when stopped, 2 when the port is taken."""
    gc.enable()  # a server runs for hours: reference cycles must be collected (build.py turns this off)
    folder = Path(tempfile.mkdtemp(prefix="innosite-preview-"))
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    preview = Preview(replace(options.build, out=folder / "site", drafts=True, future=True, editor=False))
    try:
        sources = (options.build.content, *folders(options.build.templates), *folders(options.build.locales))
        settle = _settle(preview, IOLoop.current())
        watcher = source_watcher(sources, settle.changed, options.poll)  # before the build
        _report(preview.rebuild(), "built")
        gc.collect()
        gc.freeze()  # the model the first build made is kept: later collections need not look through it again
        url = f"http://{_url_host(options.host)}:{options.port}{preview.state.base_path}"
        editor = EditorSite(options.build.content, options.build.locales, lambda: preview.site)
        app = PreviewApp(lambda: preview.state, editor)
        server = _Server(app=app, watcher=watcher)
        _stop_loop_on_signals(IOLoop.current())
        _say(f"Serving the preview at {url} (drafts and scheduled entries included). Press Ctrl-C to stop.")
        _say(f"The editor is at {url}admin/ (it saves into {options.build.content}).")
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
        _hold_signals()
        preview.close()
        shutil.rmtree(folder, ignore_errors=True)
    _say("Stopped.")
    return 0


def _hold_signals() -> None:
    """On the way out, a second Ctrl-C (or SIGTERM) is ignored: the preview's folder must go, and the worker
    processes with it."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


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


def _settle(preview: Preview, loop: IOLoop) -> Settle:
    """The watcher's batches, held back on the loop while a new entry's files are still arriving (settle.py)."""

    def later(seconds: float, callback: Callable[[], None]) -> Callable[[], None]:
        handle = loop.call_later(seconds, callback)
        return lambda: loop.remove_timeout(handle)

    def langs() -> tuple[str, ...] | None:
        return preview.site.config.langs if preview.site is not None else None

    return Settle(preview.options.content, langs, lambda paths: _on_change(preview, paths), later)


def _on_change(preview: Preview, paths: frozenset[str]) -> None:
    """Rebuild after changes and reload the open pages (error page included)."""
    first = min(paths)
    _say(f"{_show(first)} changed" + (f" (and {len(paths) - 1} more files)" if len(paths) > 1 else ""))
    _report(preview.rebuild(paths), "rebuilt")
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
