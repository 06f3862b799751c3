"""The oracle of the shard builder's tests: pages indexed one by one by Pagefind, and its output of one page
decoded back into the FossickedPage it was made of (what a Python fossicker must make of the same HTML)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import cbor2

from innosite.output.search_index import Service
from innosite.pages.pagefind_format import unpack
from innosite.pages.pagefind_merge import meta_of
from innosite.pages.pagefind_page import FossickedPage, Location, MetaLocation


def meta_name_of(files: Mapping[str, bytes]) -> str:
    """The name of an index's metadata (`<lang>_<hash>`), of the one language it has."""
    (name,) = [name for name in files if name.endswith(".pf_meta")]
    return name.removeprefix("pagefind.").removesuffix(".pf_meta")


def fossicked(service: Service, pages: Iterable[tuple[str, str]]) -> list[FossickedPage]:
    """Each (output path, HTML) page as Pagefind fossicks it: indexed alone, its index decoded."""
    return [decode_page(service.index([page])) for page in pages]


def decode_page(files: Mapping[str, bytes]) -> FossickedPage:
    """The FossickedPage of a Pagefind index of one page (path in the bundle -> bytes)."""
    name = meta_name_of(files)
    lang = name.rsplit("_", 1)[0]
    meta = meta_of(files, name)
    ((fragment_name, word_count),) = meta[1]
    fragment = unpack(files[f"fragment/{fragment_name}.pf_fragment"]).decode("utf-8")
    words: list[tuple[str, tuple[Location, ...]]] = []
    meta_words: list[tuple[str, tuple[MetaLocation, ...]]] = []
    for chunk in meta[2]:
        for word, pages, variants in cbor2.loads(unpack(files[f"index/{chunk[2]}.pf_index"]))[0]:
            forms = [(None, page) for page in pages] + [(form, page) for form, vpages in variants for page in vpages]
            locations = sorted((loc for form, page in forms for loc in packed_locations(page[1], form)), key=_first2)
            metas = sorted((loc for form, page in forms for loc in packed_meta_locations(page[2], form)), key=_first2)
            if locations:
                words.append((word, tuple(locations)))
            if metas:
                meta_words.append((word, tuple(metas)))
    words.sort(key=lambda w: (w[1][0][0], w[0]))
    meta_words.sort(key=lambda w: (w[1][0][:2], w[0]))
    return FossickedPage(lang, fragment, word_count, tuple(meta[5]), tuple(words), tuple(meta_words))


def packed_locations(packed: list[int], form: str | None) -> list[Location]:
    """A page's locations of a word (or of one of its forms), from Pagefind's packing: deltas of positions, a
    weight change as -(weight) - 1 followed by an absolute position (the weight starts at 25)."""
    found: list[Location] = []
    weight, position, absolute = 25, 0, False
    for value in packed:
        if value < 0:
            weight, absolute = -value - 1, True
            continue
        position = value if absolute else position + value
        absolute = False
        found.append((position, weight, form))
    return found


def packed_meta_locations(packed: list[int], form: str | None) -> list[MetaLocation]:
    """A page's meta locations of a word: -(field) - 1 starts a field, then deltas of positions from 0."""
    found: list[MetaLocation] = []
    field = position = 0
    for value in packed:
        if value < 0:
            field, position = -value - 1, 0
            continue
        position += value
        found.append((field, position, form))
    return found


def _first2(location: tuple) -> tuple:
    """A location's place (not its form: None and text do not compare)."""
    return location[:2]
