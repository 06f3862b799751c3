"""What building a shard's index in Python costs, next to Pagefind indexing the same pages (issue 23).

    python -m bench.shard_speed SITE [--shards N] [--repeat R]

SITE is a built site (e.g. `python -m bench.corpus` then a build with --no-search). Takes N consecutive
100-page shards of its indexed pages, spread over its languages; gets each page as Pagefind fossicks it (the
page indexed alone by Pagefind and decoded, tests/pages/pagefind_decode.py: a stand-in for the Python
fossicker), checks that build_shard gives what Pagefind gives, and prints per page (best of R): build_shard's
time; pack_page's and then build_shard's of the packed pages; and Pagefind's time to index the shard in one run
(fossicking included). No test asserts these figures.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

from innosite.output.search_index import Service
from innosite.pages.pagefind_merge import read_shard
from innosite.pages.pagefind_page import FossickedPage
from innosite.pages.pagefind_shard import PackedPage, build_shard, pack_page
from innosite.pages.search import indexed_part
from tests.pages.pagefind_decode import fossicked, meta_name_of

SHARD = 100


def site_pages(site: Path, lang: str) -> list[tuple[str, str]]:
    """A language's indexed pages (output path, indexed part), in path order."""
    found = []
    for path in sorted((site / lang).glob("**/index.html")):
        part = indexed_part(path.read_bytes())
        if part is not None:
            found.append((path.relative_to(site).as_posix(), part.decode("utf-8")))
    return found


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--shards", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    langs = sorted(p.name for p in args.site.iterdir() if (p / "index.html").is_file() and len(p.name) == 2)
    shards: list[tuple[str, list[tuple[str, str]]]] = []
    for lang in langs:
        pages = site_pages(args.site, lang)
        count = max(1, args.shards // len(langs))
        step = max(SHARD, len(pages) // count)
        shards += [(lang, pages[start : start + SHARD]) for start in range(0, len(pages), step)][:count]
    pagefind = ours = packing = joined = 0.0
    total = 0
    with Service(args.site) as service:
        for lang, pages in shards:
            start = time.perf_counter()
            files = service.index(pages)
            pagefind += time.perf_counter() - start
            fossils: list[FossickedPage] = fossicked(service, pages)
            segments, _ = build_shard(fossils, lang)
            assert segments == read_shard(files, meta_name_of(files), lang), f"a {lang} shard differs from Pagefind's"
            ours += min(_timed(fossils, lang) for _ in range(args.repeat))
            packing += min(_timed_packing(fossils) for _ in range(args.repeat))
            packed = [pack_page(page) for page in fossils]
            assert build_shard(packed, lang)[0] == segments
            joined += min(_timed(packed, lang) for _ in range(args.repeat))
            total += len(pages)
    print(f"{len(shards)} shards, {total} pages, all as Pagefind indexes them")
    print(f"build_shard of FossickedPages: {ours / total * 1000:.3f} ms a page (best of {args.repeat})")
    print(f"pack_page: {packing / total * 1000:.3f} ms a page, then build_shard: {joined / total * 1000:.3f} ms a page")
    print(f"Pagefind, the same shards in one run each (fossicking included): {pagefind / total * 1000:.3f} ms a page")


def _timed_packing(pages: list[FossickedPage]) -> float:
    start = time.perf_counter()
    for page in pages:
        pack_page(page)
    return time.perf_counter() - start


def _timed(pages: Sequence[FossickedPage | PackedPage], lang: str) -> float:
    start = time.perf_counter()
    build_shard(pages, lang)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
