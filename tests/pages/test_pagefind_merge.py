"""Shards indexed one by one by Pagefind and merged give the very index Pagefind makes of all their pages at once:
the same file names, the same metadata and chunks, the same fragments."""

from __future__ import annotations

import random
from pathlib import Path

import cbor2
import pytest

from innosite.output.search_index import Service
from innosite.pages.pagefind_format import BIG_CHUNK, FormatError, chunk_level, pack, unpack
from innosite.pages.pagefind_merge import merge, read_shard
from innosite.pages.search import SearchPage, indexed_part, plan_shards

SYLLABLES = ["ka", "u", "pun", "ki", "in", "no", "vaa", "tio", "ve", "si", "sää", "tö", "ener", "gia", "data", "hyv"]


def page(number: int, rng: random.Random) -> str:
    """A page as base.html marks it; every third one without a date (a meta field the others have)."""
    words = " ".join("".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(rng.randint(50, 700)))
    date = f' data-pagefind-meta="date:{number % 28 + 1}.1.2024"' if number % 3 else ""
    return (
        f'<!DOCTYPE html><html lang="fi"><head><title>Sivu {number}</title></head><body><nav>valikko</nav>'
        f"<main data-pagefind-body{date}><h1>Sivu {number}</h1><p>{words}</p></main></body></html>"
    )


@pytest.mark.parametrize("size", [1, 7, 25])
def test_merged_shards_are_pagefinds_index_of_all_pages(tmp_path: Path, size: int) -> None:
    rng = random.Random(size)
    pages = [(f"fi/sivu-{number:03d}/index.html", page(number, rng)) for number in range(60)]
    html = {path: indexed_part(text.encode()).decode() for path, text in pages}
    shards = plan_shards([SearchPage(path, "fi", 202400 + number % 12) for number, (path, _) in enumerate(pages)], size)
    order = [p.path for shard in shards for p in shard.pages]
    with Service(tmp_path) as service:
        whole = service.index((path, html[path]) for path in order)
        parts = [service.index((p.path, html[p.path]) for p in shard.pages) for shard in shards]
    metas = [name for name in whole if name.endswith(".pf_meta")]
    names = [name.removeprefix("pagefind.").removesuffix(".pf_meta") for name in metas]
    shard_metas = [next(n for n in part if n.endswith(".pf_meta"))[9:-8] for part in parts]
    segments = [read_shard(part, meta, "fi") for part, meta in zip(parts, shard_metas, strict=True)]
    fields = sorted({field for s in segments for field in s.fields})
    assert any(word[3] for s in segments for word in s.words)  # words with variants (sää, saa)
    if size == 1:  # the shard of a page without a date is read again with its meta locations renumbered
        assert any(list(s.fields) != fields for s in segments)
    segments = [read_shard(part, meta, "fi", fields) for part, meta in zip(parts, shard_metas, strict=True)]
    merged = merge("fi", "1.5.2", segments)
    assert [merged.meta_name] == names
    assert unpack(whole[metas[0]]) == merged.meta
    chunks = {name[6:-9]: unpack(data) for name, data in whole.items() if name.startswith("index/")}
    assert len(chunks) > 1  # enough words for more than one chunk
    assert chunks == merged.chunks
    fragments = {name[9:-12]: data for name, data in whole.items() if name.startswith("fragment/")}
    assert {short: parts[k][f"fragment/{name}.pf_fragment"] for short, k, name in merged.fragments} == fragments
    assert unpack(pack(merged.meta)) == merged.meta  # what the merge writes, Pagefind reads


def test_an_index_chunk_of_another_layout_is_reported() -> None:
    meta = cbor2.dumps(["1.5.2", [], [["a", "z", "fi_1234567"]], [], [], ["title"]])
    damaged = cbor2.dumps([[["sana", [[0, [1, 2], []]], []]]])[:-3]
    chunks = [[["sana", [[0, [1], []]]]], [[["sana", [[0, [1], []]], [], 1]]], [[["sana", [], [["x", [], 1]]]]]]
    for chunk in [*(cbor2.dumps(chunk) for chunk in chunks), damaged]:
        files = {"pagefind.fi_abc.pf_meta": pack(meta), "index/fi_1234567.pf_index": pack(chunk)}
        with pytest.raises(FormatError, match="not Pagefind 1.5's"):
            read_shard(files, "fi_abc", "fi")


def test_shards_follow_the_months_and_never_pass_the_limit() -> None:
    pages = [SearchPage(f"fi/{n}/index.html", "fi", 202401 + n % 3) for n in range(9)]
    pages += [SearchPage(f"sv/{n}/index.html", "sv", 0) for n in range(2)]
    shards = plan_shards(pages, 4)
    assert [(s.name, len(s.pages)) for s in shards] == [
        ("fi-202401", 3),
        ("fi-202402", 3),
        ("fi-202403", 3),
        ("sv-0", 2),
    ]
    assert plan_shards(pages, 6)[0].name == "fi-202401" and len(plan_shards(pages, 6)[0].pages) == 6
    months = [p.period for s in plan_shards(pages, 2) for p in s.pages if p.lang == "fi"]
    assert months == sorted(months)  # a month with more pages than the limit is one shard of its own


def test_only_the_marked_main_element_is_given_to_pagefind() -> None:
    html = b'<html lang="sv"><head><title>T</title><meta x></head><body><nav>Meny</nav><main id="m" data-pagefind-body>Text</main><footer>F</footer></body></html>'
    assert indexed_part(html) == (
        b'<!DOCTYPE html><html lang="sv"><head><title>T</title></head><body>'
        b'<main id="m" data-pagefind-body>Text</main></body></html>'
    )
    assert indexed_part(b'<html lang="fi"><body><main id="main">Notice</main></body></html>') is None


def test_chunks_are_packed_no_larger_than_pagefinds_own(tmp_path: Path) -> None:
    """A visitor's search downloads no more than from Pagefind's index: each chunk, big ones (compressed faster)
    too."""
    rng = random.Random(3)
    pages = [(f"fi/sivu-{number:03d}/index.html", page(number, rng)) for number in range(240)]
    with Service(tmp_path) as service:
        whole = service.index((path, indexed_part(text.encode()).decode()) for path, text in pages)
    meta = next(name for name in whole if name.endswith(".pf_meta"))[9:-8]
    chunks = merge("fi", "1.5.2", [read_shard(whole, meta, "fi")]).chunks
    assert any(len(raw) >= BIG_CHUNK for raw in chunks.values())
    for name, raw in chunks.items():
        assert len(pack(raw, chunk_level(len(raw)))) <= len(whole[f"index/{name}.pf_index"])
