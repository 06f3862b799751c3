"""The preview answers HTTP as a browser expects: HEAD, long names, doubled slashes, ranges (video seeking).

One real `python build.py serve` for the module, on a site served at the root of its address (base_url
without a path, where `//fi` is the dangerous case), with a video attached to a release.
"""

from __future__ import annotations

import http.client
import os
import shutil
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
from tests.conftest import TINY

BUILD_PY = Path(__file__).resolve().parents[2] / "build.py"
WAIT = 60.0
"""Upper bound for the server to start on a busy machine (not a speed check)."""
VIDEO = "/media/press/2022-09-13-lead-projects/klippi.mp4"
VIDEO_BYTES = bytes(range(256)) * 40  # 10,240 bytes, each position tellable from its neighbours
PAGE = "/fi/"


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log: Path

    def request(self, method: str, raw_path: str, **headers: str) -> Reply:
        """Send the path exactly as given (no client-side normalising) and read the whole answer."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.putrequest(method, raw_path, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", f"127.0.0.1:{self.port}")
            for name, value in headers.items():
                connection.putheader(name.replace("_", "-"), value)
            connection.endheaders()
            response = connection.getresponse()
            body = response.read()
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
        finally:
            connection.close()

    def console(self) -> str:
        return self.log.read_text(errors="replace")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("http")
    shutil.copytree(TINY, root / "content")
    site_yaml = root / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace("https://example.org/programme/", "https://example.org/"))
    release = root / "content/press/2022-09-13-lead-projects"
    (release / "klippi.mp4").write_bytes(VIDEO_BYTES)
    fi_md = release / "fi.md"
    fi_md.write_text(fi_md.read_text(encoding="utf-8") + "\n[Video](klippi.mp4)\n", encoding="utf-8")
    (root / "tmp").mkdir()
    port, log = _free_port(), root / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(BUILD_PY), "serve", "--port", str(port)],
            cwd=root,
            stdout=out,
            stderr=out,
            env={**os.environ, "TMPDIR": str(root / "tmp")},
        )
    ready = Server(port, process, log)
    deadline = time.monotonic() + WAIT
    try:
        while True:
            try:
                if ready.request("GET", PAGE).status == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, ready.console()
            time.sleep(0.1)
        yield ready
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def quiet(server: Server) -> Iterator[Server]:
    """The server; afterwards, its console must show no traceback (what the author watches)."""
    before = len(server.console())
    yield server
    printed = server.console()[before:]
    assert "Traceback" not in printed, printed


def test_head_gives_the_headers_of_get_without_a_body(quiet: Server) -> None:
    for path in (PAGE, VIDEO, "/ei-ole/"):
        get, head = quiet.request("GET", path), quiet.request("HEAD", path)
        assert (head.status, head.body) == (get.status, b""), path
        assert head.headers["content-length"] == str(len(get.body)), path
        assert head.headers["content-type"] == get.headers["content-type"], path
    assert quiet.request("HEAD", VIDEO).headers["accept-ranges"] == "bytes"


def test_a_name_too_long_for_the_file_system_is_not_found(quiet: Server) -> None:
    not_found = quiet.request("GET", "/ei-ole/")
    assert not_found.status == 404
    for path in (
        "/" + "a" * 256,
        "/fi/" + "%C3%A4" * 200 + "/",  # "ä" 200 times: 400 bytes
        "/" + "/".join(["b" * 250] * 20),  # every name fits, the whole path (5,000 bytes) does not
    ):
        reply = quiet.request("GET", path)
        assert (reply.status, reply.body) == (404, not_found.body), path[:20]


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("//fi", "/fi/"),
        ("///fi", "/fi/"),
        ("/fi//teemat", "/fi/teemat/"),
        ("//fi?x=1", "/fi/?x=1"),
        ("/fi", "/fi/"),
    ],
)
def test_a_folder_redirects_to_a_path_on_this_site(quiet: Server, path: str, location: str) -> None:
    reply = quiet.request("GET", path)
    assert (reply.status, reply.headers["location"]) == (302, location)


def test_doubled_slashes_lead_to_the_same_file(quiet: Server) -> None:
    assert quiet.request("GET", "//fi/").body == quiet.request("GET", PAGE).body
    assert quiet.request("GET", "/" + VIDEO).body == VIDEO_BYTES


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=0-", 0, 10239),  # what Chrome asks first for a video
        ("bytes=10000-", 10000, 10239),
        ("bytes=-100", 10140, 10239),
        ("bytes=10200-20000", 10200, 10239),  # an end past the file is the file's end
        ("bytes=-20000", 0, 10239),
        ("bytes=10239-10239", 10239, 10239),
    ],
)
def test_a_range_gives_that_part_of_the_file(quiet: Server, header: str, start: int, end: int) -> None:
    reply = quiet.request("GET", VIDEO, Range=header)
    assert reply.status == 206
    assert reply.body == VIDEO_BYTES[start : end + 1]
    assert reply.headers["content-range"] == f"bytes {start}-{end}/{len(VIDEO_BYTES)}"
    assert reply.headers["content-length"] == str(end + 1 - start)
    assert (reply.headers["accept-ranges"], reply.headers["content-type"]) == ("bytes", "video/mp4")


@pytest.mark.parametrize("header", ["bytes=10240-", "bytes=20000-30000", "bytes=-0", "bytes=5-2", "bytes=x-y"])
def test_a_range_outside_the_file_or_malformed_is_416(quiet: Server, header: str) -> None:
    reply = quiet.request("GET", VIDEO, Range=header)
    assert (reply.status, reply.body) == (416, b"")
    assert reply.headers["content-range"] == f"bytes */{len(VIDEO_BYTES)}"


@pytest.mark.parametrize("header", ["items=0-9", "bytes=0-9,20-29"])
def test_a_range_in_another_unit_or_several_ranges_give_the_whole_file(quiet: Server, header: str) -> None:
    reply = quiet.request("GET", VIDEO, Range=header)
    assert (reply.status, reply.body) == (200, VIDEO_BYTES)


def test_pages_are_always_sent_whole_with_the_reload_script(quiet: Server) -> None:
    reply = quiet.request("GET", PAGE, Range="bytes=0-9")
    assert reply.status == 200
    assert b"livereload.js" in reply.body


@settings(max_examples=300, deadline=None)
@given(path=st.lists(st.sampled_from(["", "fi", "teemat", "\\", ".", "%2F", "?"]), max_size=6).map("/".join))
def test_no_redirect_leads_to_another_host(tmp_path_factory: pytest.TempPathFactory, path: str) -> None:
    """A Location beginning with `//` or `/\\` is another host for a browser: never sent."""
    out = tmp_path_factory.getbasetemp() / "redirects"
    (out / "fi/teemat").mkdir(parents=True, exist_ok=True)
    for base in ("/", "/fi/"):
        response = respond(PreviewState(out, base_path=base, built=True), "/" + path, "")
        if response.status.startswith("302"):
            location = dict(response.headers)["Location"]
            assert location.startswith("/") and location[1:2] not in ("/", "\\"), (path, location)
