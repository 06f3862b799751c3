"""Sub-path hosting: the tiny site (base_url https://example.org/programme/) served under
/programme/ on 127.0.0.1, every internal link and asset followed."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.html import parse

BASE = "https://example.org/programme/"
LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src"}


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The built tiny site copied into srv/programme/ and srv/ served: (http://127.0.0.1:PORT, site folder)."""
    from innosite.build import BuildOptions, build
    from innosite.problems import Problems
    from tests.conftest import TINY

    root = tmp_path_factory.mktemp("subpath")
    build(BuildOptions(content=TINY, out=root / "site"), Problems())
    shutil.copytree(root / "site", root / "srv" / "programme")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root / "srv")))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", root / "site"
    httpd.shutdown()
    httpd.server_close()


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def links_in(url: str, kind: str, body: bytes) -> list[str]:
    """Every address a page, stylesheet, feed or sitemap points to, made absolute."""
    found: list[str] = []
    if kind == "text/html":
        doc = parse(body)
        for tag, attr in LINK_ATTRS.items():
            found += [e.attrs[attr] for e in doc.find_all(tag) if attr in e.attrs]
        for meta in doc.find_all("meta"):
            if meta.attrs.get("http-equiv") == "refresh":
                found.append(meta.attrs["content"].split("url=", 1)[1])
        for box in doc.find_all("div", id="search"):  # what search.js loads
            found += [box.attrs["data-bundle"] + name for name in ("pagefind-ui.js", "pagefind-ui.css")]
    elif kind == "text/css":
        found += re.findall(r"url\(['\"]?([^'\")]+)", body.decode())
    elif url.endswith((".xml", ".txt")):
        found += re.findall(r"(?:href=\"|<loc>|Sitemap: )(https?://[^\"<\s]+)", body.decode())
    return [urljoin(url, link) for link in found]


def test_every_internal_link_and_asset_works_under_the_sub_path(served: tuple[str, Path]) -> None:
    server, _ = served
    start = f"{server}/programme/"
    seen, queue, broken, outside = set(), [start, f"{start}sitemap.xml", f"{start}robots.txt"], [], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = fetch(url)
        if status != 200:
            broken.append(f"{url} ({status})")
            continue
        for link in links_in(url, kind, body):
            link = link.split("#")[0].replace(BASE, f"{start}")
            parts = urlsplit(link)
            if parts.scheme not in ("http", "https") or not link.startswith(server):
                continue  # another site, mailto:, tel:
            if not parts.path.startswith("/programme/"):
                outside.append(f"{url} -> {link}")
            elif link not in seen:
                queue.append(link)
    assert (broken, outside) == ([], [])
    pages = [u for u in seen if u.endswith("/")]
    assert len(pages) > 40
    assert any("/pagefind/pagefind-ui.js" in u for u in seen)
    assert any("/assets/style." in u for u in seen)
    assert f"{start}media/press/2022-09-13-lead-projects/liite.pdf" in seen


def test_search_results_lead_to_pages_under_the_sub_path(served: tuple[str, Path]) -> None:
    """Pagefind stores paths from the site root; the search page adds its data-root (/programme/)."""
    server, folder = served
    status, _, body = fetch(f"{server}/programme/sv/sok/")
    root = parse(body).find("div", id="search").attrs["data-root"]
    assert (status, root) == (200, "/programme/")
    fragments = sorted((folder / "pagefind" / "fragment").iterdir())
    assert len(fragments) == 9
    for fragment in fragments:
        url = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd") :])["url"]
        assert fetch(server + root.rstrip("/") + url)[0] == 200, url
