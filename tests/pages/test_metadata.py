"""Per-page metadata (partials/meta.html): description, Open Graph, JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.html import Element, parse

BASE = "https://example.org/programme/"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c6360b02e060000ed00afa53ac6b00000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from innosite.build import BuildOptions, build
    from innosite.problems import Problems
    from tests.conftest import TINY

    out = tmp_path_factory.mktemp("tiny") / "site"
    build(BuildOptions(content=TINY, out=out, search=False), Problems())
    return out


def head(built: Path, path: str) -> Element:
    return parse((built / path / "index.html").read_bytes()).find("head")


def og(doc: Element) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in doc.find_all("meta"):
        if "property" in meta.attrs:
            found.setdefault(meta.attrs["property"], []).append(meta.attrs["content"])
    return found


def json_ld(doc: Element) -> dict[str, dict]:
    """The page's JSON-LD objects by @type."""
    found = {}
    for script in doc.find_all("script", type="application/ld+json"):
        data = json.loads(script.text)
        found[data["@type"]] = data
    return found


def test_press_release_has_description_open_graph_and_news_article(built: Path) -> None:
    doc = head(built, "sv/pressmeddelanden/staderna-tar-ledningsansvar")
    url = BASE + "sv/pressmeddelanden/staderna-tar-ledningsansvar/"
    summary = "Projekten främjar partnerskap mellan regionerna."
    assert doc.find("meta", name="description").attrs["content"] == summary
    assert og(doc) == {
        "og:site_name": ["Innostäderna"],
        "og:title": ["Städerna tar ledningsansvar"],
        "og:description": [summary],
        "og:url": [url],
        "og:type": ["article"],
        "og:locale": ["sv_SE"],  # site.yaml's sv_FI, as Facebook accepts it (pages/share.py)
        "og:locale:alternate": ["fi_FI"],
    }
    assert doc.find("meta", name="twitter:card").attrs["content"] == "summary"  # no picture: the small card
    publisher = {"@type": "Organization", "name": "Innostäderna", "url": BASE + "sv/"}
    assert json_ld(doc)["NewsArticle"] == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Städerna tar ledningsansvar",
        "description": summary,
        "datePublished": "2022-09-14T11:16+03:00",
        "dateModified": "2022-09-14T11:16+03:00",
        "inLanguage": "sv",
        "url": url,
        "mainEntityOfPage": url,
        "publisher": publisher,
        "author": publisher,
    }


def test_breadcrumbs_below_home(built: Path) -> None:
    crumbs = json_ld(head(built, "fi/tiedotteet/kaupungit-ottavat-vetovastuuta"))["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Innokaupungit", BASE + "fi/"),
        (2, "Tiedotteet", BASE + "fi/tiedotteet/"),
        (3, "Kaupungit ottavat vetovastuuta", BASE + "fi/tiedotteet/kaupungit-ottavat-vetovastuuta/"),
    ]
    listing = json_ld(head(built, "sv/teman"))["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in listing] == ["Innostäderna", "Teman"]
    page = json_ld(head(built, "sv/om"))["BreadcrumbList"]["itemListElement"]
    assert [c["item"] for c in page] == [BASE + "sv/", BASE + "sv/om/"]
    assert json_ld(head(built, "fi")) == {}  # the home page is the top: no trail


def test_notice_page_is_no_article(built: Path) -> None:
    doc = head(built, "en/press-releases/kaupungit-ottavat-vetovastuuta")
    assert "NewsArticle" not in json_ld(doc)
    assert og(doc)["og:url"] == [BASE + "fi/tiedotteet/kaupungit-ottavat-vetovastuuta/"]  # its canonical


def test_project_is_a_schema_org_project_with_image(site_dir: Path, run, edit) -> None:
    meta = "projects/photonics-ecosystem/meta.yaml"
    text = (site_dir / "content" / meta).read_text()
    edit(
        meta,
        text
        + "start: 2023-01-01\nimage: {src: kuva.png, alt: {fi: Laboratorio iltavalossa, sv: Laboratoriet i kvällsljus, en: The laboratory in evening light}}\n",
    )
    edit("projects/photonics-ecosystem/kuva.png", PNG)
    assert run("--out", "site", "--no-search").code == 0
    doc = head(site_dir / "site", "en/projects/urban-photonics-ecosystem")
    image = "https://example.org/programme/media/projects/photonics-ecosystem/kuva-share.jpg"
    assert og(doc)["og:image"] == [image] and og(doc)["og:image:alt"] == ["The laboratory in evening light"]
    assert (og(doc)["og:image:width"], og(doc)["og:image:height"]) == (["1200"], ["630"])  # made from the photo
    assert doc.find("meta", name="twitter:card").attrs["content"] == "summary_large_image"
    assert doc.find("meta", name="twitter:image:alt").attrs["content"] == "The laboratory in evening light"
    assert og(doc)["og:type"] == ["website"]
    project = json_ld(doc)["Project"]
    assert (project["name"], project["url"], project["image"]) == (
        "Urban photonics ecosystem", BASE + "en/projects/urban-photonics-ecosystem/", image,
    )  # fmt: skip
    assert (project["areaServed"], project["sameAs"], project["foundingDate"]) == (
        ["Joensuu", "Tampere", "Oulu"], "https://example.org/photonics", "2023-01-01",
    )  # fmt: skip
    assert (site_dir / "site/media/projects/photonics-ecosystem/kuva.png").read_bytes() == PNG


@pytest.mark.parametrize(
    ("locale", "accepted"),
    [
        ("fi_FI", "fi_FI"),
        ("sv_FI", "sv_SE"),
        ("en_FI", "en_GB"),
        ("en_US", "en_US"),
        ("se_FI", "se_NO"),
        ("xx_YY", "xx_YY"),
    ],
)
def test_open_graph_locales_are_ones_facebook_accepts(locale: str, accepted: str) -> None:
    from innosite.pages.share import og_locale

    assert og_locale(locale) == accepted


def test_a_share_image_of_known_size_gets_the_large_card() -> None:
    from innosite.pages.views import ShareImage

    assert ShareImage("https://example.org/s.jpg", "Logo", 1200, 630).large
    assert not ShareImage("https://example.org/s.jpg", "Logo", 200, 200).large
    assert not ShareImage("https://example.org/s.jpg", "Logo").large
