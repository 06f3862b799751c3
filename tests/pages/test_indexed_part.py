"""What is indexed of a page (pages/search.py indexed_part) leaves out the elements marked
`data-pagefind-ignore="all"`, and pages/pagefind_fossick.py makes of it exactly what Pagefind 1.5.2 makes of the
whole page (Pagefind itself is the oracle)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from innosite.output.search_index import Service
from innosite.pages.search import indexed_part
from tests.conftest import EXAMPLE
from tests.pages.pagefind_oracle import pagefind_pages
from tests.pages.test_pagefind_fossick import mine

IGNORED = b'data-pagefind-ignore="all"'

NESTED = """<!DOCTYPE html>
<html lang="fi"><head><meta charset="utf-8"><title>Sisäkkäiset – Innokaupungit</title></head><body>
<nav><a href="/fi/">Etusivu</a></nav>
<main id="main" tabindex="-1" data-pagefind-body data-pagefind-meta="type[data-type]" data-type="Hanke">
<article class="wrap">
<h1 id="otsikko">Sisäkkäiset osat</h1>
<p>Ennen <span id="alku">ensimmäistä</span> osaa.</p>
<section class="related" aria-labelledby="projects-heading" data-pagefind-ignore="all">
  <h2 id="projects-heading">Hankkeet</h2>
  <section><h3 id="sisalla">Sisempi</h3>
    <section data-pagefind-ignore="all"><p>Kolmas taso</p></section>
    <p data-pagefind-meta="osa">Piilotettu kenttä</p>
    <div><p>Sisempi kappale</p></div>
  </section>
  <p>Vielä <b id="ulompi">ulompi</b></p>
</section>
<p>Välissä <a id="linkki" href="/fi/x/">linkki</a>.</p>
<div data-pagefind-ignore="all"><div><div>Kolme diviä</div></div></div>
<div data-pagefind-ignore="all"><p>Kuvan <img src="/kuva.jpg" alt="Kuvateksti"> kanssa</p></div>
<div data-pagefind-ignore="all"><p>Avoin kappale</div>
<h2 id="lopuksi">Lopuksi</h2>
<p>Loppu<span data-pagefind-ignore="all">kesken</span>sana.</p>
<div><section data-pagefind-ignore="all"><p>Karkuteillä</div> jälkeen</section> perässä</div>
<section data-pagefind-ignore="all"><div data-pagefind-body>Runko sisällä</div></section>
<section data-pagefind-ignore="ALL">Isoilla</section>
<section data-pagefind-ignore="index">Indeksoimaton otsikko</section>
<p>Kuva <img src="/toinen.jpg" alt="Toinen" data-pagefind-ignore="all"> lopussa.</p>
</article>
</main>
<footer>Alatunniste</footer>
</body></html>
"""
"""A page with nested elements marked `ignore="all"` (some holding an element without end tag, `<img>`, or one left
open), and ones that are not cut: with an end tag in it of an element opened before it, with data-pagefind-body in
it, other markings, a marked element without end tag."""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """One Pagefind service for the module's pages."""
    with Service(tmp_path_factory.mktemp("pagefind")) as started:
        yield started


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site built (without its search index)."""
    from innosite.build import BuildOptions, build
    from innosite.problems import Problems

    out = tmp_path_factory.mktemp("indexed") / "site"
    build(BuildOptions(content=EXAMPLE, out=out, search=False, cache=False), Problems())
    return out


def test_the_fossick_of_each_pages_cut_part_is_what_pagefind_makes_of_the_whole_page(
    example_site: Path, service: Service
) -> None:
    cut = 0
    for lang in ("fi", "sv", "en"):
        wholes, parts = [], []
        for path in sorted((example_site / lang).rglob("index.html")):
            html = path.read_bytes()
            part = indexed_part(html)
            if part is None:
                continue
            rel = path.relative_to(example_site).as_posix()
            wholes.append((rel, html.decode()))
            parts.append((rel, part.decode()))
            cut += IGNORED in html and IGNORED not in part
        assert parts
        assert mine(parts) == pagefind_pages(wholes, Path(), service)
    assert cut >= 9  # the entry pages with lists of related releases or projects


def test_nested_ignored_elements_are_cut_and_the_fossick_is_what_pagefind_makes_of_the_whole_page(
    service: Service,
) -> None:
    part = indexed_part(NESTED.encode())
    assert part is not None
    text = part.decode()
    cut = ("Hankkeet", "Kolmas taso", "Piilotettu", "Sisempi kappale", "ulompi", "Kolme diviä", "Kuvateksti", "Avoin")
    for gone in (*cut, "kesken"):
        assert gone not in text
    assert "<p>Loppusana.</p>" in text
    left = ("Karkuteillä", "Runko sisällä", "Isoilla", "Indeksoimaton", "Toinen")
    for kept in left:
        assert kept in text
    page = [("fi/sisakkaiset/index.html", text)]
    assert mine(page) == pagefind_pages([("fi/sisakkaiset/index.html", NESTED)], Path(), service)
