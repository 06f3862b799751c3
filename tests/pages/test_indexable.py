"""What search engines read of every indexable page of the example site and the tiny site: exactly one h1, a title
unique within its language, a meta description; the sitemap's hreflang alternates the same as each page's head,
the language chooser at `/` included."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, TINY
from tests.html import Element, parse

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SITES = {"example": (EXAMPLE, "https://innokaupungit.example/"), "tiny": (TINY, "https://example.org/programme/")}


@pytest.fixture(scope="module", params=sorted(SITES))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """(output folder, base_url) of a built site."""
    from innosite.build import BuildOptions, build
    from innosite.problems import Problems

    content, base = SITES[request.param]
    out = tmp_path_factory.mktemp(request.param) / "site"
    build(BuildOptions(content=content, out=out, search=False, cache=False), Problems())
    return out, base


def sitemap(out: Path) -> dict[str, dict[str, str]]:
    """Every URL of the sitemap (of each part, under a sitemap index) with its alternates {hreflang: href}."""
    root = ET.parse(out / "sitemap.xml").getroot()
    if root.tag == SM + "sitemapindex":
        parts = [loc.text.rsplit("/", 1)[1] for loc in root.iter(SM + "loc")]
        return {loc: links for part in parts for loc, links in _urls(ET.parse(out / part).getroot()).items()}
    return _urls(root)


def _urls(root: ET.Element) -> dict[str, dict[str, str]]:
    return {
        url.find(SM + "loc").text: {link.get("hreflang"): link.get("href") for link in url.findall(XHTML + "link")}
        for url in root.iter(SM + "url")
    }


def page(out: Path, base: str, url: str) -> Element:
    return parse((out / url.removeprefix(base) / "index.html").read_bytes())


def head_alternates(doc: Element) -> dict[str, str]:
    return {link.attrs["hreflang"]: link.attrs["href"] for link in doc.find("head").find_all("link", rel="alternate")
            if "hreflang" in link.attrs}  # fmt: skip


def test_every_indexable_page_has_one_h1_a_title_of_its_own_and_a_description(site: tuple[Path, str]) -> None:
    out, base = site
    titles: Counter[tuple[str, str]] = Counter()
    faults = []
    for url in sitemap(out):
        doc = page(out, base, url)
        h1 = doc.find_all("h1")
        description = doc.find_all("meta", name="description")
        if len(h1) != 1 or len(description) != 1 or not description[0].attrs["content"].strip():
            faults.append((url, len(h1), [d.attrs.get("content") for d in description]))
        titles[doc.find("html").attrs["lang"], doc.find("title").text] += 1
    assert faults == []
    assert [title for title, count in titles.items() if count > 1] == []
    assert sum(titles.values()) >= 40  # every page read


def test_the_sitemap_has_each_pages_own_alternates(site: tuple[Path, str]) -> None:
    out, base = site
    urls = sitemap(out)
    assert base in urls  # the language chooser
    assert {url: head_alternates(page(out, base, url)) for url in urls} == urls


def test_the_language_chooser_is_in_the_hreflang_cluster_of_the_home_pages(site: tuple[Path, str]) -> None:
    out, base = site
    homes = {lang: f"{base}{lang}/" for lang in ("fi", "sv", "en")}
    assert head_alternates(page(out, base, base)) == {**homes, "x-default": base}
    for home in homes.values():  # reciprocal: each home names the chooser as it names the others
        assert head_alternates(page(out, base, home)) == {**homes, "x-default": base}
    chooser, finnish_home = page(out, base, base), page(out, base, homes["fi"])
    assert chooser.find("title").text == "Innokaupungit – Innostäderna – InnoCities" != finnish_home.find("title").text
    assert chooser.find("h1").text == "Innokaupungit – Innostäderna – InnoCities"


def test_descriptions_of_listings_and_terms_in_their_language(site: tuple[Path, str]) -> None:
    out, base = site

    def description(path: str) -> str:
        return page(out, base, base + path).find("meta", name="description").attrs["content"]

    assert description("fi/tiedotteet/") == "Innokaupungit-ohjelman tiedotteet ja uutiset uusimmasta alkaen."
    assert description("sv/projekt/") == "Projekten inom Innostäderna: vad de gör och vilka städer som deltar."
    assert description("en/themes/photonics/") == "Photonics: press releases and projects on this theme in InnoCities."
    assert description("fi/kaupungit/joensuu/") == "Joensuu: kaupungin tiedotteet ja hankkeet Innokaupungit-ohjelmassa."
    assert description("sv/teman/").startswith("Temana inom Innostäderna: ")
    assert "Fotonik" in description("sv/teman/")


def test_a_page_without_a_summary_is_described_by_the_start_of_its_text() -> None:
    from innosite.pages.structured import excerpt

    assert excerpt("<p>Ohjelmasta &amp; <em>sen</em> kaupungeista.</p>") == "Ohjelmasta & sen kaupungeista."
    long = excerpt("<p>" + "sana " * 60 + "</p>")
    assert long.endswith("sana…") and len(long) <= 160


def test_the_tiny_sites_about_page_has_no_summary_and_is_described_by_its_text(tmp_path: Path) -> None:
    from innosite.build import BuildOptions, render_site
    from innosite.problems import Problems

    files = render_site(BuildOptions(content=TINY, out=tmp_path / "site", cache=False), Problems()).files
    doc = parse(files["fi/tietoa/index.html"])
    assert doc.find("meta", name="description").attrs["content"] == "Ohjelmasta."
