"""Atom feeds: RFC 4287's required elements, one feed per language, linked from every page."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest

from tests.html import parse

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BASE = "https://example.org/programme/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from innosite.build import BuildOptions, build
    from innosite.problems import Problems
    from tests.conftest import TINY

    out = tmp_path_factory.mktemp("tiny") / "site"
    build(BuildOptions(content=TINY, out=out, search=False), Problems())
    return out


def feed(built: Path, lang: str) -> ET.Element:
    return ET.parse(built / lang / "feed.xml").getroot()


def one(parent: ET.Element, name: str) -> ET.Element:
    found = parent.findall(ATOM + name)
    assert len(found) == 1, f"{len(found)} <{name}> in <{parent.tag}>"
    return found[0]


def assert_date(text: str | None) -> None:
    """An RFC 3339 date-time: full date, time with seconds, offset."""
    assert text is not None and "T" in text and len(text) == 25, text
    assert datetime.fromisoformat(text).tzinfo is not None


def assert_valid_atom(root: ET.Element, lang: str, path: str | None = None) -> None:
    """RFC 4287 4.1.1-4.1.2: what a feed (at path: default, the language's) and each of its entries must have."""
    assert root.tag == ATOM + "feed"
    assert root.get(XML_LANG) == lang
    assert one(root, "id").text.startswith(BASE)
    assert one(root, "title").text
    assert_date(one(root, "updated").text)
    author = one(root, "author")  # no entry has its own author: the feed's is required
    assert one(author, "name").text
    selfs = [link for link in root.findall(ATOM + "link") if link.get("rel") == "self"]
    assert [link.get("href") for link in selfs] == [BASE + (path or f"{lang}/feed.xml")]
    ids = []
    for entry in root.findall(ATOM + "entry"):
        ids.append(one(entry, "id").text)
        assert one(entry, "title").text
        assert_date(one(entry, "updated").text)
        assert_date(one(entry, "published").text)
        alternate = [link for link in entry.findall(ATOM + "link") if link.get("rel") == "alternate"]
        assert len(alternate) == 1 and alternate[0].get("href").startswith(f"{BASE}{lang}/")
        assert one(entry, "content").get("type") == "html"
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_each_language_has_a_valid_atom_feed(built: Path, lang: str) -> None:
    assert_valid_atom(feed(built, lang), lang)


def test_feed_lists_the_languages_releases_newest_first_with_summary_and_times(built: Path) -> None:
    entries = feed(built, "sv").findall(ATOM + "entry")
    assert [one(e, "title").text for e in entries] == ["Idrotten förenar städerna", "Städerna tar ledningsansvar"]
    lead = entries[1]
    assert one(lead, "link").get("href") == f"{BASE}sv/pressmeddelanden/staderna-tar-ledningsansvar/"
    assert one(lead, "summary").text == "Projekten främjar partnerskap mellan regionerna."
    assert one(lead, "published").text == "2022-09-14T11:16:00+03:00"  # the Swedish version came out a day later
    assert one(lead, "id").text == "tag:example.org,2022-09-13:/programme/press/2022-09-13-lead-projects/sv"
    assert one(feed(built, "sv"), "updated").text == "2023-01-10T09:00:00+02:00"
    assert one(lead, "content").text == "<p>Sex projekt med ledningsansvar.</p>"


def test_notice_pages_are_not_in_the_feed(built: Path) -> None:
    """English has no version of either release: its feed is valid and empty."""
    assert feed(built, "en").findall(ATOM + "entry") == []


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_page_of_a_language_links_its_feed(built: Path, lang: str) -> None:
    pages = sorted((built / lang).rglob("*.html"))
    assert len(pages) > 5
    for path in pages:
        links = parse(path.read_bytes()).find_all("link", rel="alternate", type="application/atom+xml")
        own = (
            [f"/programme/{path.parent.relative_to(built).as_posix()}/feed.xml"]
            if path.parent != built / lang and (path.parent / "feed.xml").exists()
            else []
        )
        assert [link.attrs["href"] for link in links] == [*own, f"/programme/{lang}/feed.xml"], path


def test_each_theme_and_city_has_a_feed_of_what_its_page_lists(built: Path) -> None:
    """A city's feed holds its releases and those of its region, like its page; limits and ids as the main feeds."""
    tampere = feed(built, "fi/kaupungit/tampere")
    assert_valid_atom(tampere, "fi", "fi/kaupungit/tampere/feed.xml")
    assert one(tampere, "title").text == "Innokaupungit: Tiedotteet – Tampere"
    entries = tampere.findall(ATOM + "entry")
    assert [one(e, "title").text for e in entries] == ["Urheilu yhdistää kaupungit", "Kaupungit ottavat vetovastuuta"]
    main = {one(e, "id").text for e in feed(built, "fi").findall(ATOM + "entry")}
    assert {one(e, "id").text for e in entries} <= main  # the same release, the same id in every feed
    sport = feed(built, "sv/teman/idrott")
    titles = [one(e, "title").text for e in sport.findall(ATOM + "entry")]
    assert titles == ["Idrotten förenar städerna", "Städerna tar ledningsansvar"]
    alternate = [link.get("href") for link in sport.findall(ATOM + "link") if link.get("rel") == "alternate"]
    assert alternate == [BASE + "sv/teman/idrott/"]


def test_a_term_page_links_its_feed_for_people_too(built: Path) -> None:
    doc = parse((built / "en/themes/photonics/index.html").read_bytes())
    links = doc.find("p", class_="feed-link").find_all("a")
    assert [(a.attrs["href"], a.text) for a in links] == [
        ("/programme/en/themes/photonics/feed.xml", "Follow this theme's press releases in a feed reader"),
        ("/programme/en/feeds/", "All feeds"),
    ]
    title = doc.find("link", rel="alternate", type="application/atom+xml").attrs["title"]
    assert title == "InnoCities: Press releases – Photonics"


def test_the_feed_directory_lists_every_feed_of_its_language(built: Path) -> None:
    doc = parse((built / "sv/floden/index.html").read_bytes())
    hrefs = [a.attrs["href"] for a in doc.find("main").find_all("a", type="application/atom+xml")]
    assert hrefs[0] == "/programme/sv/feed.xml"
    listed = {href.removeprefix("/programme/") for href in hrefs}
    assert listed == {p.relative_to(built).as_posix() for p in built.glob("sv/**/feed.xml")}
    assert len(listed) == 1 + 2 + 3  # the language's, two themes', three cities'


def test_feed_holds_the_latest_fifty(site_dir: Path, run, edit) -> None:
    for number in range(52):
        folder = f"press/2024-01-{number:02d}-item"
        edit(f"{folder}/meta.yaml", f"published: 2024-02-01 {number // 60:02d}:{number % 60:02d}\n")
        edit(f"{folder}/fi.md", f"---\ntitle: Uutinen {number}\nsummary: Lyhyesti.\n---\nTeksti.\n")
        edit(f"{folder}/sv.md", f"---\ntitle: Nyhet {number}\nsummary: Kort.\n---\nText.\n")
    assert run("--out", "site", "--no-search").code == 0
    entries = ET.parse(site_dir / "site/fi/feed.xml").getroot().findall(ATOM + "entry")
    titles = [one(e, "title").text for e in entries]
    assert len(titles) == 50
    assert titles[:2] == ["Uutinen 51", "Uutinen 50"] and titles[-1] == "Uutinen 2"


def test_a_releases_photo_is_its_enclosure_and_its_texts_images_a_size_readers_show(site_dir: Path, run, edit) -> None:
    import feedparser
    from PIL import Image

    from tests.fixture_images.add import RELEASE, add_images

    add_images(site_dir / "content")  # kuva.jpg the photo (2000 x 1333), kartta.png in the Finnish text (800 x 500)
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="120" height="80"/></svg>'
    edit("press/2023-01-10-sport-news/kaavio.svg", svg)
    meta = (site_dir / "content/press/2023-01-10-sport-news/meta.yaml").read_text(encoding="utf-8")
    edit(
        "press/2023-01-10-sport-news/meta.yaml",
        meta + "image: {src: kaavio.svg, alt: {fi: Kaavio, sv: Diagram, en: Diagram}}\n",
    )
    assert run("--out", "site", "--no-search").code == 0
    media = f"{BASE}media/press/"
    photo = site_dir / "site/media" / RELEASE / "kuva-1000.jpg"
    drawing = site_dir / "site/media/press/2023-01-10-sport-news/kaavio.svg"
    enclosures = [
        entry.find(ATOM + "link[@rel='enclosure']").attrib
        for entry in feed(site_dir / "site", "fi").iter(ATOM + "entry")
    ]
    assert enclosures == [
        {
            "rel": "enclosure",
            "type": "image/svg+xml",
            "length": str(drawing.stat().st_size),
            "href": f"{media}2023-01-10-sport-news/kaavio.svg",
            "title": "Kaavio",
        },
        {
            "rel": "enclosure",
            "type": "image/jpeg",
            "length": str(photo.stat().st_size),
            "href": f"{media}2022-09-13-lead-projects/kuva-1000.jpg",
            "title": "Hankkeiden edustajat pöydän ääressä",
        },
    ]
    assert Image.open(photo).format == "JPEG" and Image.open(photo).width == 1000
    parsed = feedparser.parse((site_dir / "site/fi/feed.xml").read_bytes())
    assert [e.enclosures for e in parsed.entries][1] == [
        {key: value for key, value in enclosures[1].items() if key != "rel"}
    ]
    html = parsed.entries[1].content[0].value
    assert (  # as feedparser gives it: resolved against xml:base, attributes sorted
        '<img alt="Kartta kaupungeista" height="400" '
        f'src="{media}2022-09-13-lead-projects/kartta-640.jpg" width="640" />'
    ) in html
    assert "kartta.png" not in html
    assert Image.open(site_dir / "site/media/press/2022-09-13-lead-projects/kartta-640.jpg").size == (640, 400)
