"""Pagefind 1.5.2 itself as the oracle of pages/pagefind_fossick.py: pages indexed by `pagefind --service` and its
index decoded back into the FossickedPage of each page (what the index shows of it)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import cbor2

from innosite.output.search_index import Service
from innosite.pages.pagefind_format import unpack
from innosite.pages.pagefind_page import FossickedPage
from tests.pages.pagefind_decode import packed_locations, packed_meta_locations


def decode(files: dict[str, bytes]) -> list[FossickedPage]:
    """The pages of one language's index (files as Service.index returns them), in page order (a page without
    words is not in it)."""
    metas = [name for name in files if name.endswith(".pf_meta")]
    if not metas:  # no page with a word: Pagefind makes no index
        return []
    (meta_name,) = metas
    lang = meta_name.removeprefix("pagefind.").removesuffix(".pf_meta").rsplit("_", 1)[0]
    meta = cbor2.loads(unpack(files[meta_name]))
    fields: list[str] = meta[5]
    fragments = [unpack(files[f"fragment/{name}.pf_fragment"]).decode() for name, _ in meta[1]]
    own = [sorted(json.loads(fragment)["meta"]) for fragment in fragments]
    words: list[dict[str, list]] = [{} for _ in fragments]
    metas: list[dict[str, list]] = [{} for _ in fragments]

    def add(word: str, pages: list, form: str | None) -> None:
        number = 0
        for delta, locs, meta_locs in pages:
            number += delta
            for location in packed_locations(locs, form):
                words[number].setdefault(word, []).append(location)
            for field, position, _ in packed_meta_locations(meta_locs, form):
                local = own[number].index(fields[field])
                metas[number].setdefault(word, []).append((local, position, form))

    for _, _, chunk in meta[2]:
        for word, pages, variants in cbor2.loads(unpack(files[f"index/{chunk}.pf_index"]))[0]:
            add(word, pages, None)
            for form, vpages in variants:
                add(word, vpages, form)
    return [
        canonical(FossickedPage(lang, fragment, count, tuple(own[n]), tuple(words[n].items()), tuple(metas[n].items())))
        for n, (fragment, (_, count)) in enumerate(zip(fragments, meta[1], strict=True))
    ]


def canonical(page: FossickedPage) -> FossickedPage:
    """The page with its words and their locations sorted: the index keeps no order of words, and sorts a page's
    locations by weight and position."""
    return FossickedPage(
        page.lang,
        page.fragment,
        page.word_count,
        page.meta_fields,
        tuple(sorted((word, tuple(sorted(locs, key=repr))) for word, locs in page.words)),
        tuple(sorted((word, tuple(sorted(locs, key=repr))) for word, locs in page.meta_words)),
    )


def pagefind_pages(pages: Iterable[tuple[str, str]], cwd: Path, service: Service | None = None) -> list[FossickedPage]:
    """What Pagefind makes of these (output path, HTML) pages, all of one language, in order (by this service, or
    by one started for them in cwd)."""
    if service is not None:
        return decode(service.index(pages))
    with Service(cwd) as started:
        return decode(started.index(pages))
