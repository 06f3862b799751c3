"""sitemap.xml: the sitemap protocol's structure, hreflang alternates, lastmod; robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest

from innosite.pages.sitemap import SitemapUrl
from tests.html import parse

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
BASE = "https://example.org/programme/"
NOTICE_EN = BASE + "en/press-releases/kaupungit-ottavat-vetovastuuta/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from innosite.build import BuildOptions, build
    from innosite.problems import Problems
    from tests.conftest import TINY

    out = tmp_path_factory.mktemp("tiny") / "site"
    build(BuildOptions(content=TINY, out=out, search=False), Problems())
    return out


@pytest.fixture(scope="module")
def urls(built: Path) -> dict[str, ET.Element]:
    root = ET.parse(built / "sitemap.xml").getroot()
    assert root.tag == SM + "urlset"
    found = {}
    for url in root:
        assert url.tag == SM + "url"
        assert [child.tag for child in url][:1] == [SM + "loc"]
        loc = url.find(SM + "loc").text
        assert loc not in found, f"{loc} listed twice"
        found[loc] = url
    return found


def alternates(url: ET.Element) -> dict[str, str]:
    links = url.findall(XHTML + "link")
    assert all(link.get("rel") == "alternate" for link in links)
    return {link.get("hreflang"): link.get("href") for link in links}


def indexable_pages(built: Path) -> set[str]:
    """Every built page that search engines may list: no noindex, canonical is its own URL."""
    found = set()
    for path in built.rglob("*.html"):
        if path.name == "404.html" or path.parts[-2] == "pagefind":
            continue
        doc = parse(path.read_bytes())
        folder = path.relative_to(built).parent.as_posix()
        own = BASE if folder == "." else f"{BASE}{folder}/"
        noindex = doc.find_all("meta", name="robots")
        if not noindex and doc.find("link", rel="canonical").attrs["href"] == own:
            found.add(own)
    return found


def test_the_sitemap_lists_exactly_the_indexable_pages(built: Path, urls) -> None:
    assert set(urls) == indexable_pages(built)
    assert all(loc.startswith(BASE) for loc in urls)
    assert BASE + "fi/tiedotteet/kaupungit-ottavat-vetovastuuta/" in urls
    assert BASE + "sv/om/" in urls


def test_notice_search_and_error_pages_are_not_listed_nor_alternates(urls) -> None:
    every_link = {href for url in urls.values() for href in alternates(url).values()}
    for absent in (NOTICE_EN, BASE + "fi/haku/", BASE + "sv/sok/", BASE + "404.html"):
        assert absent not in urls
        assert absent not in every_link


def test_translations_are_alternates_with_x_default(urls) -> None:
    sv = urls[BASE + "sv/pressmeddelanden/staderna-tar-ledningsansvar/"]
    assert alternates(sv) == {
        "fi": BASE + "fi/tiedotteet/kaupungit-ottavat-vetovastuuta/",
        "sv": BASE + "sv/pressmeddelanden/staderna-tar-ledningsansvar/",
        "x-default": BASE + "fi/tiedotteet/kaupungit-ottavat-vetovastuuta/",
    }
    for loc, url in urls.items():
        links = alternates(url)
        assert loc in links.values() and "x-default" in links, loc


def test_the_language_chooser_is_the_home_pages_x_default(urls) -> None:
    homes = {lang: BASE + f"{lang}/" for lang in ("fi", "sv", "en")}
    assert alternates(urls[BASE]) == {**homes, "x-default": BASE}
    for home in homes.values():
        assert alternates(urls[home]) == {**homes, "x-default": BASE}


def test_lastmod_comes_from_published_and_updated(urls) -> None:
    def lastmod(path: str) -> str | None:
        found = urls[BASE + path].find(SM + "lastmod")
        return None if found is None else found.text

    assert lastmod("sv/pressmeddelanden/staderna-tar-ledningsansvar/") == "2022-09-14T11:16:00+03:00"
    assert lastmod("fi/tiedotteet/") == "2023-01-10T09:00:00+02:00"
    assert lastmod("fi/tiedotteet/urheilu-yhdistaa-kaupungit/") == "2023-01-10T09:00:00+02:00"
    for url in urls.values():
        found = url.find(SM + "lastmod")
        if found is not None:
            assert datetime.fromisoformat(found.text).tzinfo is not None


def test_robots_txt_points_to_the_sitemap(built: Path) -> None:
    text = (built / "robots.txt").read_text()
    assert text.splitlines() == ["User-agent: *", "Allow: /", "", f"Sitemap: {BASE}sitemap.xml"]


def read_urls(xml: bytes) -> list[SitemapUrl]:
    """A sitemap file's URLs as the planner made them."""
    from innosite.pages.sitemap import SitemapUrl

    root = ET.fromstring(xml)
    return [
        SitemapUrl(
            url.find(SM + "loc").text,
            None if url.find(SM + "lastmod") is None else url.find(SM + "lastmod").text,
            tuple((link.get("hreflang"), link.get("href")) for link in url.findall(XHTML + "link")),
        )
        for url in root
    ]


def test_the_size_of_a_sitemap_is_known_before_it_is_written(built: Path) -> None:
    from innosite.pages.sitemap import _URLSET, url_bytes

    data = (built / "sitemap.xml").read_bytes()
    assert len(_URLSET.encode()) + sum(url_bytes(url) for url in read_urls(data)) == len(data)


def test_urls_are_cut_into_files_within_both_limits() -> None:
    from innosite.pages.sitemap import _URLSET, split_urls

    assert split_urls((100,) * 7, max_urls=3) == [slice(0, 3), slice(3, 6), slice(6, 7)]
    room = len(_URLSET.encode()) + 250
    assert split_urls((100, 100, 100, 40, 300, 10), max_bytes=room) == [
        slice(0, 2), slice(2, 4), slice(4, 5), slice(5, 6),  # a URL larger than the room still gets a file
    ]  # fmt: skip
    assert split_urls((100,) * 5) == [slice(0, 5)]
    assert split_urls(()) == [slice(0, 0)]


def test_past_the_limit_sitemap_xml_is_an_index_of_parts(site_dir: Path, run, monkeypatch) -> None:
    from innosite.pages import sitemap

    assert run("--out", "one", "--no-search").code == 0
    monkeypatch.setattr(sitemap, "MAX_URLS", 10)
    assert run("--out", "site", "--no-search").code == 0
    out = site_dir / "site"
    index = ET.parse(out / "sitemap.xml").getroot()
    assert index.tag == SM + "sitemapindex"
    parts = [(part.find(SM + "loc").text, part.find(SM + "lastmod")) for part in index]
    assert [loc for loc, _ in parts] == [f"{BASE}sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    urls = [url for loc, _ in parts for url in read_urls((out / loc.removeprefix(BASE)).read_bytes())]
    assert all(len(read_urls((out / loc.removeprefix(BASE)).read_bytes())) <= 10 for loc, _ in parts)
    assert urls == read_urls((site_dir / "one" / "sitemap.xml").read_bytes())  # the same URLs, in the same order
    for loc, lastmod in parts:  # a part's lastmod: its newest URL's, if any has one
        moments = [u.lastmod for u in read_urls((out / loc.removeprefix(BASE)).read_bytes()) if u.lastmod]
        newest = max(moments, key=datetime.fromisoformat, default=None)
        assert (lastmod.text if lastmod is not None else None) == newest
    assert (out / "robots.txt").read_text().splitlines()[-1] == f"Sitemap: {BASE}sitemap.xml"


def test_a_synthetic_site_past_fifty_megabytes_is_split_by_size() -> None:
    from innosite.pages.sitemap import MAX_BYTES, SitemapUrl, split_urls, url_bytes

    alternates = tuple((lang, f"{BASE}{lang}/{'x' * 200}/") for lang in ("fi", "sv", "en", "x-default"))
    urls = [
        SitemapUrl(f"{BASE}fi/{n:06d}/{'x' * 200}/", "2024-01-01T00:00:00+02:00", alternates) for n in range(48_000)
    ]
    sizes = tuple(url_bytes(url) for url in urls)
    assert len(urls) < 50_000 < sum(sizes) / 1000  # fewer URLs than the limit, but over 50 MB
    parts = split_urls(sizes)
    assert len(parts) == 2 and all(sum(sizes[part]) < MAX_BYTES for part in parts)
