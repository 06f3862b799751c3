"""A shard's index made in Python of its pages as Pagefind fossicks them is the index Pagefind writes of the same
pages in one run: the same Segments (fields, pages, words with their page lists, sizes and variants, byte for byte)
and the same fragments. The pages come from Pagefind itself (each indexed alone and decoded: pagefind_decode)."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator

import pytest

from innosite.commands.cli import main
from innosite.output.search_index import Service
from innosite.pages.pagefind_format import unpack
from innosite.pages.pagefind_merge import Segments, merge, read_shard
from innosite.pages.pagefind_shard import DuplicatePageError, build_shard, pack_page
from innosite.pages.search import indexed_part
from tests.conftest import EXAMPLE
from tests.pages.pagefind_decode import fossicked, meta_name_of

Page = tuple[str, str]
"""(output path, HTML) as the build gives them to Pagefind."""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """One Pagefind service for the module's tests."""
    with Service(tmp_path_factory.mktemp("pagefind")) as running:
        yield running


def html(number: int, body: str, meta: str = "", title: str = "", lang: str = "fi") -> Page:
    """A page as base.html marks it for Pagefind."""
    attrs = f' data-pagefind-meta="{meta}"' if meta else ""
    return (
        f"{lang}/sivu-{number}/index.html",
        f'<!DOCTYPE html><html lang="{lang}"><head><title>{title or f"Sivu {number}"}</title></head><body>'
        f"<main data-pagefind-body{attrs}><h1>{title or f'Sivu {number}'}</h1>{body}</main></body></html>",
    )


def same_as_pagefind(service: Service, pages: list[Page], lang: str = "fi") -> Segments:
    """build_shard of the pages equals what read_shard reads of Pagefind's index of them, and its fragments are
    Pagefind's; the Segments."""
    files = service.index(pages)
    fossils = fossicked(service, pages)
    made, fragments = build_shard(fossils, lang)
    assert made == read_shard(files, meta_name_of(files), lang)
    assert fragments == {name: unpack(data) for name, data in files.items() if name.startswith("fragment/")}
    assert build_shard([pack_page(page) for page in fossils], lang) == (made, fragments)  # packed first, the same
    return made


@pytest.fixture(scope="module")
def example_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Page]]:
    """The example site's indexed pages by language, in path order."""
    out = tmp_path_factory.mktemp("example") / "site"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["--content", str(EXAMPLE), "--out", str(out), "--no-search", "--jobs", "1"]) == 0
    pages: dict[str, list[Page]] = {}
    for path in sorted(out.glob("*/**/index.html")):
        part = indexed_part(path.read_bytes())
        if part is not None:
            lang = path.relative_to(out).parts[0]
            pages.setdefault(lang, []).append((path.relative_to(out).as_posix(), part.decode("utf-8")))
    return pages


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_example_sites_pages_make_pagefinds_index(
    service: Service, example_pages: dict[str, list[Page]], lang: str
) -> None:
    made = same_as_pagefind(service, example_pages[lang], lang)
    assert len(made.pages) > 5 and "image" in made.fields
    if lang != "en":
        assert any(word[3] for word in made.words)  # words in other forms (ä, ö, å)


def test_pages_without_the_meta_fields_of_others(service: Service) -> None:
    pages = [
        html(1, "<p>Alku ilman päivää.</p>"),
        html(2, "<p>Toinen sivu.</p>", meta="date:2.1.2024"),
        html(3, "<p>Kolmas sivu ja Hämeenlinna.</p>", meta="paikka:Hämeenlinna"),
        html(4, "<p>Neljäs.</p>", meta="date:4.1.2024"),
    ]
    made = same_as_pagefind(service, pages)
    assert made.fields == ("date", "paikka", "title")
    # numbered by a language's fields, as read_shard renumbers Pagefind's shards, the shards merge into the index
    # Pagefind writes of all the pages at once
    fields = ["date", "extra", "paikka", "title"]
    halves = [pages[:2], pages[2:]]
    built = [build_shard([pack_page(p) for p in fossicked(service, half)], "fi", fields)[0] for half in halves]
    files = [service.index(half) for half in halves]
    assert built == [read_shard(f, meta_name_of(f), "fi", fields) for f in files]
    whole = service.index(pages)
    merged = merge(
        "fi", "1.5.2", [build_shard(fossicked(service, half), "fi", ["date", "paikka", "title"])[0] for half in halves]
    )
    assert unpack(whole[f"pagefind.{merged.meta_name}.pf_meta"]) == merged.meta
    assert {name: unpack(whole[f"index/{name}.pf_index"]) for name in merged.chunks} == merged.chunks
    with pytest.raises(ValueError, match="paikka"):
        build_shard(fossicked(service, pages), "fi", ["date", "title"])


def test_words_in_other_forms_in_text_and_meta(service: Service) -> None:
    pages = [
        html(1, "<p>Sää saa olla hyvä, säa ja sáa.</p>", meta="paikka:Sää ja Hämeenlinna", title="Säätila"),
        html(2, "<p>Saa sää. Hämeenlinna, Hameenlinna.</p>", meta="paikka:Saa säa"),
        html(3, '<p data-pagefind-weight="1.05">Sää on painava</p><p data-pagefind-weight="0">sää ei</p>'),
        html(4, "<h2>Sää</h2><p>sää, sää, säa, saa.</p>", meta="paikka:Sáa", title="Saa sää"),
        html(5, "<p>Åland och älv, Öland.</p>", lang="sv"),
    ]
    made = same_as_pagefind(service, pages[:4])
    variants = {word[0]: [form for form, _ in word[3]] for word in made.words if word[3]}
    assert variants["saa"] == ["sáa", "säa", "sää"]  # a page's forms in byte order
    assert variants["hameenlin"] == ["hämeenlinna"]  # the forms of the meta fields too
    # a page's forms of the meta fields only come after those in the text: in the order Pagefind first meets them
    made = same_as_pagefind(service, [html(6, "<p>Sää.</p>", meta="paikka:Sáa"), *pages[:2]])
    assert [[form for form, _ in word[3]] for word in made.words if word[0] == "saa"] == [["sää", "sáa", "säa"]]
    same_as_pagefind(service, pages[4:], "sv")


def test_fragments_whose_short_names_collide(service: Service) -> None:
    # the SHA-1 of these two pages' fragments start with the same 7 hex digits: the second's name is longer
    pages = [html(number, "<p>Sää on hyvä.</p>") for number in (3199, 6813)]
    made = same_as_pagefind(service, pages)
    assert [len(name) for name, _, _ in made.pages] == [10, 11]


def test_the_same_page_twice_is_refused(service: Service) -> None:
    (page,) = fossicked(service, [html(1, "<p>Kerran.</p>")])
    with pytest.raises(DuplicatePageError):
        build_shard([page, page], "fi")
