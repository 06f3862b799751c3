"""pages/pagefind_fossick.py makes of a page exactly what Pagefind 1.5.2 makes of it: the same fragment, word count,
words with their positions, weights and diacritics, meta fields and their words (Pagefind itself is the oracle)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innosite.output.search_index import Service
from innosite.pages import pagefind_words
from innosite.pages.pagefind_fossick import Fossicker, fossick
from innosite.pages.search import indexed_part
from tests.conftest import EXAMPLE
from tests.pages.pagefind_oracle import canonical, pagefind_pages

FOSSICKER = Fossicker()


def mine(pages: list[tuple[str, str]]) -> list:
    """This module's pages, in the oracle's form; those without words are left out, as Pagefind leaves them out."""
    made = [fossick(path, html, FOSSICKER) for path, html in pages]
    return [canonical(page) for page in made if page.words]


@pytest.fixture(scope="module")
def example_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, str]]]:
    """The indexed parts of the example site's pages, per language."""
    from innosite.build import BuildOptions, build
    from innosite.problems import Problems

    out = tmp_path_factory.mktemp("fossick") / "site"
    build(BuildOptions(content=EXAMPLE, out=out, search=False, cache=False), Problems())
    pages: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(out.rglob("index.html")):
        part = indexed_part(path.read_bytes())
        if part is not None:
            rel = path.relative_to(out).as_posix()
            pages.setdefault(rel.split("/")[0], []).append((rel, part.decode()))
    return pages


def test_every_indexed_page_of_the_example_site_is_as_pagefind_makes_it(
    example_pages: dict[str, list[tuple[str, str]]], tmp_path: Path
) -> None:
    assert sorted(example_pages) == ["en", "fi", "sv"]
    for pages in example_pages.values():
        assert mine(pages) == pagefind_pages(pages, tmp_path)


WORDS = [
    "kaupunki", "Innokaupungit", "säätö", "Sää-tö", "työllisyys", "Åbo", "över", "café-crème", "naïve", "Müller",
    "COVID-19", "covid19", "1.8.2024–2.3.2025", "kesto1.8.2024", "e-mail", "www.example.org", "ThreeAntelopes",
    "IOStream", "WKWebVIEW", "snake_case", "__init__", "l'alphabet", "“Lainaus”", "‘yksi’", "(sulut)", "[x]",
    "50 %", "10,5", "1 000", "€100", "Σίσυφος", "ǅemal", "İstanbul", "x😀y", "👋", "👍🏽", "🇫🇮", "1️⃣", "👨‍👩‍👧",
    "©2024", "™", "…", "—", "-", "–", "a", "I", "ä", "&amp;", "&lt;tag&gt;", "&auml;", "&#228;", "&#x41;",
    "&nbsp;", "AT&amp;T", "&amp x", "&notit;", "&AMP;", "x&#8203;y", "___PAGEFIND_x", "_alku", "the", "running",
    "byggnader", "städerna", "kehittämishankkeiden", "tietokone-ohjelma", "UPPER", "MixedCase", "aB", "Ab1", "1aB",
    "A1", "a1", "1a", "x.y.z", "a/b", "k:v", "q?", "!", "'", '"', "$5", "*tähti*", "#hash", "@user", "100%",
]  # fmt: skip
"""Awkward words: compound, dotted, camel case, digits, diacritics, emoji, entities, punctuation."""

text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
inline = st.sampled_from(["em", "strong", "a", "span", "code", "b"])


@st.composite
def blocks(draw: st.DrawFn, depth: int = 0) -> str:
    """One block of a page's main element."""
    kind = draw(st.sampled_from(["p", "h", "ul", "table", "ignore", "weight", "div", "br", "dl", "quote", "img"]))
    words = draw(text)
    if draw(st.booleans()):
        tag = draw(inline)
        attr = ' id="in-line"' if draw(st.booleans()) else ""
        words = f"{words} <{tag}{attr}>{draw(text)}</{tag}> {draw(text)}"
    if kind == "p":
        return f"<p>{words}</p>"
    if kind == "h":
        level = draw(st.integers(1, 6))
        ident = draw(st.sampled_from(["", ' id="otsikko"', ' id="a b"', ' id="x-1"']))
        return f"<h{level}{ident}>{words}</h{level}>"
    if kind == "ul":
        return "<ul>" + "".join(f"<li>{w}</li>" for w in draw(st.lists(text, min_size=1, max_size=3))) + "</ul>"
    if kind == "table":
        return f"<table><tr><th>{draw(text)}</th><td>{words}</td></tr></table>"
    if kind == "ignore":
        value = draw(st.sampled_from(["", "index", "all"]))
        return f'<div data-pagefind-ignore="{value}"><p>{words}</p></div>'
    if kind == "weight":
        value = draw(st.sampled_from(["2", "0.5", "0", "10", "0.01", "x"]))
        return f'<section data-pagefind-weight="{value}"><p>{words}</p></section>'
    if kind == "div" and depth < 2:
        return "<div>" + "".join(draw(st.lists(blocks(depth + 1), min_size=1, max_size=3))) + "</div>"
    if kind == "br":
        return f"<p>{words}<br>{draw(text)}<br/>{draw(text)}</p>"
    if kind == "dl":
        return f"<dl><dt>{draw(text)}</dt><dd>{words}</dd></dl>"
    if kind == "quote":
        return f"<blockquote><p>{words}</p></blockquote>\n<details><summary>{draw(text)}</summary>{words}</details>"
    return f'<p>{words} <img src="/k.jpg" alt="{draw(text)}"></p>'


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A page as indexed_part gives it: language, title, the main element with its blocks."""
    lang = draw(st.sampled_from(["fi", "sv", "en"]))
    meta = draw(st.sampled_from(["", ' data-pagefind-meta="type[data-type]" data-type="Hanke &amp; muu"']))
    body = "\n".join(draw(st.lists(blocks(), min_size=1, max_size=6)))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><title>{draw(text)} – Innokaupungit</title></head><body>'
        f'<main id="main" tabindex="-1" data-pagefind-body{meta}>\n<article class="wrap">{body}</article>\n</main>'
        "</body></html>"
    )


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """One Pagefind service for the generated pages (starting one takes longer than indexing them)."""
    with Service(tmp_path_factory.mktemp("pagefind")) as started:
        yield started


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(htmls=st.lists(pages(), min_size=1, max_size=12))
def test_awkward_pages_are_as_pagefind_makes_them(service: Service, htmls: list[str]) -> None:
    by_lang: dict[str, list[tuple[str, str]]] = {}
    for number, html in enumerate(htmls):
        lang = html.split('lang="', 1)[1][:2]
        by_lang.setdefault(lang, []).append((f"{lang}/sivu-{number}/index.html", html))
    for group in by_lang.values():
        assert mine(group) == pagefind_pages(group, Path(), service)


def test_the_fossicker_remembers_words_per_language() -> None:
    fossicker = Fossicker()
    html = '<html lang="fi"><body><main data-pagefind-body><p>Kaupungit kaupungit</p></main></body></html>'
    first = fossick("fi/x/index.html", html, fossicker)
    assert fossick("fi/x/index.html", html, fossicker) == first
    assert dict(first.words) == {"kaupung": ((0, 24, None), (1, 24, None))}
    assert fossicker.words_of("fi") == {
        "Kaupungit": (("kaupung", False, None),),
        "kaupungit.": (("kaupung", False, None),),
    }


def test_a_fossicker_whose_memos_start_again_makes_the_same_pages(
    example_pages: dict[str, list[tuple[str, str]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = [page for group in example_pages.values() for page in group]
    fresh = [fossick(path, html, Fossicker()) for path, html in pages]
    monkeypatch.setattr(pagefind_words, "MEMO_WORDS", 40)  # the memos start again many times a page
    bounded = Fossicker()
    assert [fossick(path, html, bounded) for path, html in pages] == fresh
    held = [len(memo) for memo in bounded._memo.values()]  # noqa: SLF001 (what the memo holds, unchanged)
    assert max(held) < 40 + max(len(set(html.split())) for _, html in pages)  # the limit and a page's words
