"""The built sites as outside readers see them: extruct (the structured-data extractor search tools use) on every
entry page, feedparser (the feed reader library) on every feed."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import extruct
import pytest

from tests.conftest import EXAMPLE, TINY

BASE = "https://example.org/programme/"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c6360b02e060000ed00afa53ac6b00000000049454e44ae426082"
)


def built(content: Path, out: Path) -> Path:
    from innosite.build import BuildOptions, build
    from innosite.problems import Problems

    build(BuildOptions(content=content, out=out, search=False, cache=False), Problems())
    return out


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(EXAMPLE, tmp_path_factory.mktemp("example") / "site")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(TINY, tmp_path_factory.mktemp("tiny") / "site")


def extracted(out: Path, path: str, base: str) -> dict:
    """What extruct reads from a page: JSON-LD and Open Graph, by type."""
    html = (out / path / "index.html").read_text(encoding="utf-8")
    data = extruct.extract(html, base_url=base + path, syntaxes=["json-ld", "opengraph"], uniform=True)
    return {"json-ld": {item["@type"]: item for item in data["json-ld"]}, "opengraph": data["opengraph"]}


def entry_pages(out: Path, section: str) -> list[str]:
    """Paths of the entry pages of a section in every language (not the listings)."""
    return sorted(
        p.parent.relative_to(out).as_posix() + "/"
        for p in out.glob(f"*/{section}/*/index.html")
        if not p.parent.name.isdigit()
    )


def zoned(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    assert moment.utcoffset() is not None, f"{text} has no time zone"
    return moment


def test_every_release_page_is_a_news_article_with_zoned_dates(example: Path) -> None:
    base = "https://innokaupungit.example/"
    pages = [
        p for section in ("tiedotteet", "pressmeddelanden", "press-releases") for p in entry_pages(example, section)
    ]
    assert len(pages) == 3
    for path in pages:
        article = extracted(example, path, base)["json-ld"]["NewsArticle"]
        assert article["url"] == base + path and article["inLanguage"] == path[:2]
        assert zoned(article["datePublished"]) <= zoned(article["dateModified"])
    sv = extracted(example, next(p for p in pages if p.startswith("sv/")), base)["json-ld"]["NewsArticle"]
    assert zoned(sv["datePublished"]) == datetime.fromisoformat("2022-09-14T11:16+03:00")  # when it came out in Swedish


def test_every_project_page_is_a_project(example: Path) -> None:
    base = "https://innokaupungit.example/"
    for path in entry_pages(example, "hankkeet") + entry_pages(example, "projekt"):
        project = extracted(example, path, base)["json-ld"]["Project"]
        assert project["url"] == base + path and project["areaServed"]


def test_a_release_with_an_image_has_it_in_its_article_and_open_graph(tmp_path: Path) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    meta = content / "press/2022-09-13-lead-projects/meta.yaml"
    meta.write_text(
        meta.read_text()
        + "image: {src: kuva.png, alt: {fi: Kaupungit kartalla, sv: Städerna på kartan, en: The cities on a map}}\n"
    )
    (content / "press/2022-09-13-lead-projects/kuva.png").write_bytes(PNG)
    out = built(content, tmp_path / "site")
    data = extracted(out, "sv/pressmeddelanden/staderna-tar-ledningsansvar/", BASE)
    image = BASE + "media/press/2022-09-13-lead-projects/kuva-share.jpg"
    assert data["json-ld"]["NewsArticle"]["image"] == [image]
    (opengraph,) = data["opengraph"]
    assert (opengraph["og:image"], opengraph["og:image:alt"], opengraph["og:locale"]) == (
        image,
        "Städerna på kartan",
        "sv_SE",
    )


FEED_TITLES = {
    "fi": "Innokaupungit: Tiedotteet",
    "sv": "Innostäderna: Pressmeddelanden",
    "en": "InnoCities: Press releases",
}


@pytest.mark.parametrize("name", ["example", "tiny"])
def test_feedparser_reads_every_feed_in_its_language(name: str, request: pytest.FixtureRequest) -> None:
    import feedparser

    from tests.html import parse

    out: Path = request.getfixturevalue(name)
    base = "https://innokaupungit.example/" if name == "example" else BASE
    feeds = sorted(out.rglob("feed.xml"))
    assert len(feeds) == 3 * (1 + len({p.parent.name for p in out.glob("en/themes/*/feed.xml")})
                              + len({p.parent.name for p in out.glob("en/cities/*/feed.xml")}))  # fmt: skip
    entries = 0
    for path in feeds:
        lang = path.relative_to(out).parts[0]
        served = {"content-type": "application/atom+xml; charset=utf-8", "content-location": base}  # docs/hosting.md
        parsed = feedparser.parse(path.read_bytes(), response_headers=served)
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10" and parsed.feed.language == lang
        assert parsed.feed.title.startswith(FEED_TITLES[lang]), path
        page = parse((out / parsed.feed.link.removeprefix(base) / "index.html").read_bytes())
        assert page.find("html").attrs["lang"] == lang  # the page the feed stands for
        for entry in parsed.entries:
            entries += 1
            assert entry.link.startswith(f"{base}{lang}/")
            target = parse((out / entry.link.removeprefix(base) / "index.html").read_bytes())
            assert target.find("html").attrs["lang"] == lang
            assert target.find("h1").text == entry.title  # the title in the feed's language, as on its page
            assert entry.id.startswith("tag:") and entry.published_parsed and entry.updated_parsed
    assert entries > 0
