"""`python build.py serve`: a live preview that rebuilds on change and shows errors in the browser.

The server runs as a real process on a free port, as an author starts it.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from tornado.websocket import websocket_connect

from innosite.output.whole_file import replace_file
from innosite.preview.watcher import SourceWatcher

BUILD_PY = Path(__file__).resolve().parents[2] / "build.py"
RELEASE = "press/2022-09-13-lead-projects"
PAGE = "/programme/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/"
WAIT = 60.0
"""Upper bound for the server to catch up on a busy machine (not a speed check)."""


@dataclass
class Preview:
    root: str
    process: subprocess.Popen
    log: Path
    tmp: Path

    def get(self, path: str) -> tuple[int, str]:
        """Status and body of a page of the preview."""
        try:
            with urllib.request.urlopen(self.root + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")

    def wait_for(self, path: str, check: Callable[[int, str], bool]) -> tuple[int, str]:
        """The page once check accepts it (the rebuild runs in the background)."""
        deadline = time.monotonic() + WAIT
        while True:
            status, body = self.get(path)
            if check(status, body) or time.monotonic() > deadline:
                return status, body
            time.sleep(0.1)

    def stop(self) -> int:
        """Ctrl-C, as the author stops it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=WAIT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(folder: Path) -> Preview:
    tmp = folder / "tmp"
    tmp.mkdir()
    log = folder / "serve.log"
    port = _free_port()
    env = {**os.environ, "TMPDIR": str(tmp)}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(BUILD_PY), "serve", "--port", str(port)], cwd=folder, stdout=out, stderr=out, env=env
        )
    preview = Preview(f"http://127.0.0.1:{port}", process, log, tmp)
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and process.poll() is None:
        try:
            preview.get("/")
            return preview
        except OSError:
            time.sleep(0.1)
    preview.stop()
    pytest.fail(f"the preview server did not start:\n{log.read_text()}")


@pytest.fixture
def preview(site_dir: Path) -> Iterator[Preview]:
    server = _start(site_dir)
    yield server
    server.stop()


def test_serves_the_site_with_the_livereload_script(preview):
    status, body = preview.get(PAGE)
    assert status == 200
    assert "<h1>Kaupungit ottavat vetovastuuta</h1>" in body
    assert "/livereload.js?port=" in body
    assert preview.get("/")[0] == 200  # the root leads to the site under base_url's path


def test_a_changed_file_is_rebuilt_and_served(preview, edit, site_dir):
    source = site_dir / "content" / RELEASE / "fi.md"
    edit(f"{RELEASE}/fi.md", source.read_text(encoding="utf-8") + "\nAivan uusi kappale.\n")
    status, body = preview.wait_for(PAGE, lambda s, b: "Aivan uusi kappale." in b)
    assert status == 200
    assert "<p>Aivan uusi kappale.</p>" in body
    assert "/livereload.js?port=" in body
    assert "Rebuilt " in preview.log.read_text()


def test_a_broken_file_shows_the_error_page_and_the_fix_brings_the_page_back(preview, edit, site_dir):
    good = (site_dir / "content" / RELEASE / "fi.md").read_text(encoding="utf-8")
    edit(f"{RELEASE}/fi.md", "Pelkkä teksti ilman otsikkoa.\n")
    status, body = preview.wait_for(PAGE, lambda s, b: s == 500)
    assert status == 500
    assert "<h1>The site could not be built</h1>" in body
    expected = f"content/{RELEASE}/fi.md:1: the file must start with a line '---' and front matter (title: ...)"
    assert f"<li>{html.escape(expected)}</li>" in body
    assert "/livereload.js?port=" in body  # so the fix reloads it
    assert preview.get("/programme/sv/")[0] == 500  # every page says so
    last_good = preview.get(PAGE + "?last-good")
    assert last_good[0] == 200 and "<h1>Kaupungit ottavat vetovastuuta</h1>" in last_good[1]

    edit(f"{RELEASE}/fi.md", good)
    status, body = preview.wait_for(PAGE, lambda s, b: s == 200)
    assert status == 200
    assert "<h1>Kaupungit ottavat vetovastuuta</h1>" in body


def test_drafts_and_scheduled_entries_are_shown_and_site_is_not_written(site_dir, edit):
    meta = (site_dir / "content" / RELEASE / "meta.yaml").read_text(encoding="utf-8")
    edit(f"{RELEASE}/meta.yaml", meta + "draft: true\n")
    edit("press/2999-01-01-tulevaisuus/meta.yaml", "published: 2999-01-01 09:00\n")
    edit("press/2999-01-01-tulevaisuus/fi.md", "---\ntitle: Tulevaisuus\nsummary: Tulossa.\n---\nAjastettu.\n")
    server = _start(site_dir)
    try:
        status, body = server.get(PAGE)
        scheduled = server.get("/programme/fi/tiedotteet/tulevaisuus/")
    finally:
        server.stop()
    assert status == 200
    assert "Luonnos: ei vielä julkaistu." in body
    assert scheduled[0] == 200 and "<p>Ajastettu.</p>" in scheduled[1]
    assert not (site_dir / "site").exists()


def test_ctrl_c_stops_cleanly_and_removes_the_preview_folder(preview):
    assert any(preview.tmp.iterdir())
    assert preview.stop() == 0
    assert preview.log.read_text().rstrip().endswith("Stopped.")
    assert list(preview.tmp.iterdir()) == []


def test_a_taken_port_is_a_usage_error(site_dir, preview):
    port = preview.root.rsplit(":", 1)[1]
    result = subprocess.run(
        [sys.executable, str(BUILD_PY), "serve", "--port", port], cwd=site_dir, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert f"error: port {port} is already in use" in result.stderr


def test_an_open_page_is_told_to_reload_after_a_rebuild(preview, edit, site_dir):
    """What livereload.js in the browser does: say hello, then wait for 'reload'."""

    async def listen() -> dict:
        socket_url = preview.root.replace("http://", "ws://") + "/livereload"
        connection = await websocket_connect(socket_url)
        connection.write_message(json.dumps({"command": "hello", "protocols": []}))
        assert json.loads(await connection.read_message())["command"] == "hello"
        connection.write_message(json.dumps({"command": "info", "url": preview.root + PAGE}))
        await asyncio.sleep(0.5)  # the server registers the page before the change
        source = site_dir / "content" / RELEASE / "fi.md"
        edit(f"{RELEASE}/fi.md", source.read_text(encoding="utf-8") + "\nLisäys.\n")
        message = await asyncio.wait_for(connection.read_message(), WAIT)
        connection.close()
        return json.loads(message)

    # A thread of its own: the browser tests' Playwright keeps an event loop in the main thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        message = pool.submit(asyncio.run, listen()).result()
    assert message["command"] == "reload"
    assert "<p>Lisäys.</p>" in preview.get(PAGE)[1]


NEW_RELEASE = {
    "liite.pdf": b"%PDF-1.4\n",
    "sv.md": "---\ntitle: Batterikeminätverket\nsummary: Nätverket samlas.\n---\nI Karleby.\n".encode(),
    "meta.yaml": b"published: 2024-03-01 10:00\nattachments: [liite.pdf]\n",
    "fi.md": b"---\ntitle: Akkukemian verkosto\nsummary: Verkosto kokoontuu.\n---\n[Liite](liite.pdf).\n",
}
"""A new release's files in the order the browser editor may write them (attachments first, Swedish before
Finnish): between them the folder lacks meta.yaml, then its Finnish file."""
GAP = 0.3
"""Between two files: longer than the watcher gathers events for (so each is a change of its own), well within
the time the preview waits for an unfinished folder (preview/settle.py)."""


def test_a_new_release_written_file_by_file_never_shows_the_error_page(preview, site_dir):
    folder = site_dir / "content" / "press" / "2024-03-01-akkukemian-verkosto"
    folder.mkdir()
    for name, data in NEW_RELEASE.items():
        time.sleep(GAP)
        replace_file(folder / name, data)
        assert preview.get(PAGE)[0] == 200, f"after {name}"
    status, body = preview.wait_for("/programme/fi/tiedotteet/akkukemian-verkosto/", lambda s, b: s == 200)
    assert status == 200 and "<h1>Akkukemian verkosto</h1>" in body
    assert "error(s)" not in preview.log.read_text()


def test_a_release_that_stays_without_meta_yaml_shows_the_error_page(preview, site_dir):
    folder = site_dir / "content" / "press" / "2024-03-01-akkukemian-verkosto"
    for name in ("liite.pdf", "sv.md", "fi.md"):
        replace_file(folder / name, NEW_RELEASE[name])
    status, body = preview.wait_for(PAGE, lambda s, b: s == 500)
    assert status == 500
    message = f"content/press/{folder.name}/meta.yaml: meta.yaml is missing: every entry in press/ needs one"
    assert f"<li>{html.escape(message)}</li>" in body


def test_many_changes_at_once_give_one_rebuild_naming_them_all_and_caches_none(tmp_path):
    content = tmp_path / "content"
    for name in ("a", "b", "c"):
        (content / "press" / name).mkdir(parents=True)
        (content / "press" / name / "fi.md").write_text("x", encoding="utf-8")
    seen: list[frozenset[str]] = []
    watcher = SourceWatcher((content,), seen.append)
    watcher.poll()
    assert seen == []
    later = time.time() + 5
    for folder in ("a", "b"):
        os.utime(content / "press" / folder / "fi.md", (later, later))
    (content / "press" / "c" / "fi.md").unlink()
    (content / "press" / "c" / "sv.md").write_text("y", encoding="utf-8")
    watcher.poll()
    watcher.poll()
    names = {os.path.relpath(path, content) for path in seen[0]}
    assert len(seen) == 1 and names == {"press/a/fi.md", "press/b/fi.md", "press/c/fi.md", "press/c/sv.md"}
    (content / ".cache").mkdir()
    (content / ".cache" / "entry.bin").write_bytes(b"cache")
    (content / "press" / "a" / "fi.md~").write_text("backup", encoding="utf-8")
    watcher.poll()
    assert len(seen) == 1


def _walked(folder: Path) -> dict[str, tuple[int, int]]:
    """What the watcher saw before it listed folders itself: os.walk, and a test of every path's parts."""
    found = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not _ignored_path(str(folder), os.path.join(root, name))]
        for name in files:
            path = os.path.join(root, name)
            if _ignored_path(str(folder), path):
                continue
            try:
                stat = os.stat(path)
            except OSError:
                continue
            found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def _ignored_path(root: str, path: str) -> bool:
    name = os.path.basename(path)
    hidden = any(part.startswith(".") for part in Path(os.path.relpath(path, root)).parts if part != "..")
    return hidden or name.startswith("#") or name.endswith((".swp", "~", ".swx", ".tmp", ".part")) or name == "4913"


def test_the_watcher_sees_the_files_a_walk_of_every_folder_sees(tmp_path):
    """Hidden folders and files, editor leftovers, links to files, folders and nowhere, folders in folders."""
    content = tmp_path / "content"
    for rel in ("press/a/fi.md", "press/a/.hidden.md", "press/a/fi.md~", "press/a/#fi.md#", "press/a/4913",
                "press/.git/x", "press/b~/fi.md", "press/a/img/x.png", "site.yaml", "press/a/b.swp"):  # fmt: skip
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(rel, encoding="utf-8")
    (content / "press" / "link.md").symlink_to(content / "site.yaml")
    (content / "press" / "folder-link").symlink_to(content / "press" / "a")
    (content / "press" / "nowhere").symlink_to(content / "missing")
    watcher = SourceWatcher((content, tmp_path / "no-such-folder"), lambda paths: None)
    assert watcher.snapshot() == _walked(content)
    assert str(content / "press" / "link.md") in watcher.snapshot()
