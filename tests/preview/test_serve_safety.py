"""The preview serves only files below its output folder, and only to this computer by default."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innosite.preview.app import PreviewState, respond
from tests.output.test_publish_crash import content_state

BUILD_PY = Path(__file__).resolve().parents[2] / "build.py"
SECRET = "SALAINEN-7f3a"
WAIT = 60.0
"""Upper bound for the server to start on a busy machine (not a speed check)."""


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    out: Path
    """The folder the preview was built into."""
    content_before: dict[str, tuple[bytes, int]]

    def get(self, raw_path: str) -> tuple[int, bytes]:
        """Send the path exactly as given (no client-side normalising) and read the answer."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.putrequest("GET", raw_path, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", f"127.0.0.1:{self.port}")
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(site_dir: Path) -> Iterator[Server]:
    """`python build.py serve` in a subprocess, with secrets planted around its output folder."""
    tmp = site_dir / "tmp"
    tmp.mkdir()
    for folder in (site_dir, tmp, Path("/tmp")):
        (folder / f"{SECRET}.txt").write_text(SECRET)
    before = content_state(site_dir / "content")
    port = _free_port()
    log = (site_dir / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, str(BUILD_PY), "serve", "--port", str(port)],
        cwd=site_dir,
        stdout=log,
        stderr=log,
        env={**os.environ, "TMPDIR": str(tmp)},
    )
    deadline = time.monotonic() + WAIT
    try:
        while True:
            out = next(tmp.glob("innosite-preview-*/site/index.html"), None)
            if out is not None:
                try:
                    ready = Server(port, process, out.parent, before)
                    ready.get("/")
                    break
                except OSError:
                    pass
            assert process.poll() is None and time.monotonic() < deadline, (site_dir / "serve.log").read_text()
            time.sleep(0.1)
        yield ready
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        Path(f"/tmp/{SECRET}.txt").unlink(missing_ok=True)


ESCAPES = [
    "/../../../{s}.txt",
    "/programme/../../../../{s}.txt",
    "/programme/%2e%2e/%2e%2e/%2e%2e/{s}.txt",
    "/programme/%2E%2E/%2E%2E/%2E%2E/%2E%2E/{s}.txt",
    "/programme/..%2f..%2f..%2f..%2f{s}.txt",
    "/programme/%2f..%2f..%2f..%2f{s}.txt",
    "/programme/..%5c..%5c..%5c{s}.txt",
    "/programme/..\\..\\..\\{s}.txt",
    "/programme/%252e%252e/%252e%252e/{s}.txt",
    "/programme/.%00./.%00./{s}.txt",
    "//tmp/{s}.txt",
    "/programme//tmp/{s}.txt",
    "/programme/fi/../../../../../../../../tmp/{s}.txt",
    "http://127.0.0.1/../../../{s}.txt",
]


def test_no_request_reaches_a_file_outside_the_output_folder(server: Server) -> None:
    assert server.get("/programme/fi/")[0] == 200
    for path in ESCAPES:
        status, body = server.get(path.format(s=SECRET))
        assert SECRET.encode() not in body, path
        assert status in (302, 400, 404), (path, status)


def test_a_symlink_in_the_output_folder_is_not_followed_out(server: Server) -> None:
    os.symlink(server.out.parent.parent.parent / f"{SECRET}.txt", server.out / "leak.txt")
    os.symlink(server.out.parent.parent.parent, server.out / "up")
    for path in ("/programme/leak.txt", f"/programme/up/{SECRET}.txt"):
        status, body = server.get(path)
        assert (status, SECRET.encode() in body) == (404, False), path


def test_serving_never_writes_to_content(server: Server, site_dir: Path) -> None:
    for path in ("/programme/fi/", "/programme/sv/", "/programme/sitemap.xml", "/programme/nothing/"):
        server.get(path)
    server.process.send_signal(signal.SIGINT)
    server.process.wait(timeout=WAIT)
    assert content_state(site_dir / "content") == server.content_before


def test_listens_on_this_computer_only(server: Server) -> None:
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, port = local.split(":")
            if int(port, 16) == server.port and state == "0A":
                listening.append(address)
    assert listening == ["0100007F"]


def test_respond_refuses_dot_segments_and_links_out(tmp_path: Path) -> None:
    out = tmp_path / "preview" / "site"
    out.mkdir(parents=True)
    (out / "index.html").write_text("etusivu")
    (tmp_path / "secret.txt").write_text(SECRET)
    os.symlink(tmp_path / "secret.txt", out / "leak.txt")
    state = PreviewState(out=out, base_path="/")
    assert respond(state, "/index.html", "").body == b"etusivu"
    for path in ("/../../secret.txt", "/./index.html", "/a\\..\\..\\secret.txt", "/x\0", "/leak.txt", "//leak.txt"):
        response = respond(state, path, "")
        assert response.status.startswith("404"), path
        assert SECRET.encode() not in response.body


SEGMENTS = st.sampled_from(
    ["..", ".", "", "%2e%2e", "%2f", "\\", "..\\..", "\0", "fi", "index.html", "leak.txt", "up", f"{SECRET}.txt", "~"]
)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built folder with two pages, secrets around it and symbolic links leading to them."""
    root = tmp_path_factory.mktemp("respond")
    out = root / "preview" / "site"
    (out / "fi").mkdir(parents=True)
    (out / "index.html").write_text("etusivu")
    (out / "fi" / "index.html").write_text("suomeksi")
    (root / f"{SECRET}.txt").write_text(SECRET)
    (root / "preview" / f"{SECRET}.txt").write_text(SECRET)
    os.symlink(root / f"{SECRET}.txt", out / "leak.txt")
    os.symlink(root, out / "up")
    return out


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(SEGMENTS, max_size=8), base=st.sampled_from(["/", "/programme/"]))
def test_no_path_at_all_leads_out(tree: Path, parts: list[str], base: str) -> None:
    response = respond(PreviewState(out=tree, base_path=base), base + "/".join(parts), "")
    assert SECRET.encode() not in response.body
    if response.status.startswith("200"):
        assert response.body in (b"etusivu", b"suomeksi")
