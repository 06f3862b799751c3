"""A built site served on 127.0.0.1 and Debian's Chromium driven by Playwright.

Shared by the browser tests and scripts/screenshots.py. Chromium comes from the
system (apt-get install chromium), never from `playwright install`.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
"""Debian's (apt-get install chromium); the one on PATH if there is one, as tests/tools.py looks for it."""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files like a static host, 404.html for missing ones, without logging."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve folder on 127.0.0.1 (a free port); yields the base URL ending in /."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Debian Chromium (Playwright Browser) for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def built_example(content: Path = ROOT / "content") -> Iterator[Path]:
    """The example site built into a temporary folder (removed afterwards)."""
    from innosite.build import BuildOptions, build
    from innosite.problems import Problems

    folder = Path(tempfile.mkdtemp(prefix="innosite-browser-"))
    try:
        out = folder / "site"
        build(BuildOptions(content=content, out=out), Problems())
        yield out
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def preview(folder: Path, wait: float = 60.0) -> Iterator[str]:
    """`python build.py serve` in folder (which holds content/) on a free port; yields its URL ending in /.
    Stopped with Ctrl-C, as people stop it."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    (folder / "tmp").mkdir(exist_ok=True)
    with (folder / "serve.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port)],
            cwd=folder, stdout=log, stderr=log, env={**os.environ, "TMPDIR": str(folder / "tmp")},
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + wait
    try:
        while time.monotonic() < deadline and process.poll() is None:
            try:
                urllib.request.urlopen(url + "admin/config.yml", timeout=5).close()
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
