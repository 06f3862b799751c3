"""The search index made in shards and merged (speed/search.py) searches as Pagefind's own index of the whole
site did (one run over the built folder, as builds made it before): on the example site, the same results with
the same scores for a set of queries in each language, only pages of the search page's language, and a first
search that downloads no more."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import pytest

from innosite.pages.search import indexed_part
from tests.browser.harness import _QuietHandler

pytestmark = pytest.mark.needs("chromium")

SEARCH = {"fi": "fi/haku/", "sv": "sv/sok/", "en": "en/search/"}
DONE = """query => {
    const message = document.querySelector(".pagefind-ui__message");
    return message && message.textContent.includes(query) && !message.textContent.trim().endsWith("…")
        && document.querySelectorAll(".pagefind-ui__loading").length === 0;
}"""
RANK = """async ({queries}) => {
    const pagefind = await import("/pagefind/pagefind.js");
    await pagefind.options({baseUrl: "/"});
    const found = {};
    for (const query of queries) {
        const search = await pagefind.search(query);
        found[query] = await Promise.all(search.results.map(async r => [(await r.data()).url, r.score]));
    }
    return found;
}"""
"""Every result of each query (address, score), as pagefind.js gives them to Pagefind's UI."""


@pytest.fixture(scope="module")
def before(site_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with the index Pagefind makes in one run over the whole built folder."""
    folder = tmp_path_factory.mktemp("before") / "site"
    shutil.copytree(site_root, folder, symlinks=True)
    shutil.rmtree(folder / "pagefind")
    command = [sys.executable, "-m", "pagefind", "--site", ".", "--output-subdir", "pagefind", "--quiet"]
    subprocess.run(command, cwd=folder, check=True, capture_output=True)
    return folder


def queries(site: Path, lang: str) -> list[str]:
    """Words of the language's indexed pages: the most frequent, rare ones, pairs and prefixes."""
    words: Counter[str] = Counter()
    for page in sorted((site / lang).rglob("index.html")):
        part = indexed_part(page.read_bytes())
        if part is not None:
            text = re.sub(r"<[^>]+>", " ", part.decode("utf-8"))
            words.update(w.lower() for w in re.findall(r"\w{5,}", text) if not w.isdigit())
    common = [word for word, _ in sorted(words.items(), key=lambda item: (-item[1], item[0]))]
    rare = sorted(word for word, count in words.items() if count == 1)[::7]
    pairs = [f"{a} {b}" for a, b in zip(common[:10], common[10:20], strict=False)]
    return list(dict.fromkeys([*common[:25], *rare[:15], *pairs, *(word[:4] for word in common[:10])]))


class Counting(_QuietHandler):
    """Serves files, counting the bytes of each one sent."""

    sent: list[tuple[str, int]]

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        self.sent.append((self.path, len(data)))
        outputfile.write(data)


@contextmanager
def serve_counting(folder: Path) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    sent: list[tuple[str, int]] = []
    handler = type("Handler", (Counting,), {"sent": sent})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", sent
    finally:
        server.shutdown()
        server.server_close()


def ranked(browser, site: Path, lang: str, asked: list[str]) -> dict[str, list[tuple[str, float]]]:
    with serve_counting(site) as (url, _):
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(url + SEARCH[lang])  # pagefind.js picks the index of the page's <html lang>
            return {q: [tuple(r) for r in found] for q, found in page.evaluate(RANK, {"queries": asked}).items()}
        finally:
            context.close()


def by_score(results: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Results best first; among equal scores by address (their order among themselves follows page numbers)."""
    return sorted(results, key=lambda r: (-r[1], r[0]))


@pytest.mark.parametrize("lang", sorted(SEARCH))
def test_the_same_results_for_the_same_queries(browser, site_root: Path, before: Path, lang: str) -> None:
    asked = queries(site_root, lang)
    assert len(asked) >= 30
    now, then = ranked(browser, site_root, lang, asked), ranked(browser, before, lang, asked)
    assert sum(bool(found) for found in now.values()) >= len(asked) * 3 // 4  # the queries find things
    assert {q: by_score(found) for q, found in now.items()} == {q: by_score(found) for q, found in then.items()}
    for found in now.values():  # ...and only pages of the search page's language
        assert all(address.startswith(f"/{lang}/") for address, _ in found)


def first_search(browser, site: Path, lang: str, query: str) -> tuple[int, list[str]]:
    """Bytes of the search index a new visitor downloads for the search page and one search; the results."""
    with serve_counting(site) as (url, sent):
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(url + SEARCH[lang])
            page.locator(".pagefind-ui__search-input").fill(query)
            page.wait_for_function(DONE, arg=query, timeout=15000)
            page.wait_for_load_state("networkidle")
            results = page.locator(".pagefind-ui__result-link").all_inner_texts()
        finally:
            context.close()
    return sum(size for path, size in sent if path.startswith("/pagefind/")), results


@pytest.mark.parametrize(("lang", "query"), [("fi", "kaupungit"), ("sv", "städerna"), ("en", "cities")])
def test_a_first_search_downloads_no_more(browser, site_root: Path, before: Path, lang: str, query: str) -> None:
    now, shown = first_search(browser, site_root, lang, query)
    then, shown_then = first_search(browser, before, lang, query)
    assert shown and shown == shown_then
    assert now <= then
