"""What visitors see on the pages of the tiny site, language by language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.html import Element, parse

BASE = "https://example.org/programme/"
RELEASE = {
    "fi": "fi/tiedotteet/kaupungit-ottavat-vetovastuuta/",
    "sv": "sv/pressmeddelanden/staderna-tar-ledningsansvar/",
}
NOTICE_EN = "en/press-releases/kaupungit-ottavat-vetovastuuta/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from innosite.build import BuildOptions, build
    from innosite.problems import Problems
    from tests.conftest import TINY

    out = tmp_path_factory.mktemp("tiny") / "site"
    build(BuildOptions(content=TINY, out=out), Problems())
    return out


def page(built: Path, path: str) -> Element:
    return parse(
        (built / path / "index.html").read_bytes() if not path.endswith(".html") else (built / path).read_bytes()
    )


def alternates(doc: Element) -> dict[str, str]:
    return {
        e.attrs["hreflang"]: e.attrs["href"] for e in doc.find_all("link", rel="alternate") if "hreflang" in e.attrs
    }


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_release_has_lang_canonical_and_alternates(built: Path, lang: str) -> None:
    doc = page(built, RELEASE[lang])
    assert doc.find("html").attrs["lang"] == lang
    assert doc.find("link", rel="canonical").attrs["href"] == BASE + RELEASE[lang]
    assert alternates(doc) == {
        "fi": BASE + RELEASE["fi"],
        "sv": BASE + RELEASE["sv"],
        "x-default": BASE + RELEASE["fi"],
    }


@pytest.mark.parametrize(
    ("lang", "skip"), [("fi", "Siirry sisältöön"), ("sv", "Hoppa till innehållet"), ("en", "Skip to main content")]
)
def test_skip_link_comes_first_in_the_page_language(built: Path, lang: str, skip: str) -> None:
    doc = page(built, f"{lang}/")
    first_link = doc.find("body").find_all("a")[0]
    assert (first_link.attrs["href"], first_link.text) == ("#main", skip)
    assert doc.find("main").attrs["id"] == "main"


def switcher(doc: Element) -> dict[str, str]:
    nav = next(e for e in doc.find_all("nav") if "language-switcher" in e.attrs.get("class", ""))
    return {a.attrs["lang"]: a.attrs["href"] for a in nav.find_all("a")}


def test_switcher_leads_to_translation_notice_page_or_home(built: Path) -> None:
    assert switcher(page(built, RELEASE["sv"])) == {
        "fi": "/programme/" + RELEASE["fi"],
        "sv": "/programme/" + RELEASE["sv"],
        "en": "/programme/" + NOTICE_EN,
    }
    # The about page has no English version and free pages get no notice page.
    assert switcher(page(built, "sv/om/"))["en"] == "/programme/en/"


@pytest.mark.parametrize(
    ("lang", "dates"),
    [
        ("fi", "Julkaistu 13.9.2022 klo 14.56"),
        ("sv", "Publicerad 13.9.2022 kl. 14.56 | Publicerad på svenska 14.9.2022 kl. 11.16"),
        ("en", "Published 13 September 2022, 14:56"),
    ],
)
def test_dates_in_the_page_locale_with_later_publication(built: Path, lang: str, dates: str) -> None:
    path = RELEASE.get(lang, NOTICE_EN)
    doc = page(built, path)
    assert doc.find("p", class_="dates").text == dates


def test_english_dates_read_the_same_in_listings_and_on_pages(built: Path) -> None:
    listed = page(built, "en/press-releases/").find_all("p", class_="item-meta")[1]
    assert listed.text == "Press release 13 September 2022, 14:56"
    assert page(built, NOTICE_EN).find("p", class_="dates").find("time").text == "13 September 2022, 14:56"


def test_every_date_of_a_release_is_a_machine_readable_time(built: Path) -> None:
    times = page(built, RELEASE["sv"]).find("p", class_="dates").find_all("time")
    assert [(t.attrs["datetime"], t.text) for t in times] == [
        ("2022-09-13T14:56+03:00", "13.9.2022 kl. 14.56"),
        ("2022-09-14T11:16+03:00", "14.9.2022 kl. 11.16"),  # "published in Swedish"
    ]


def test_notice_page_for_untranslated_release(built: Path) -> None:
    doc = page(built, NOTICE_EN)
    assert doc.find("html").attrs["lang"] == "en"
    assert doc.find("p", class_="notice").text == "This page is available in Finnish."
    assert doc.find("meta", name="robots").attrs["content"] == "noindex"
    assert doc.find("link", rel="canonical").attrs["href"] == BASE + RELEASE["fi"]
    assert "en" not in alternates(doc)
    original = next(e for e in doc.find("article").children if e.tag == "div" and e.attrs.get("lang"))
    assert original.attrs["lang"] == "fi"
    assert original.find("h1").text == "Kaupungit ottavat vetovastuuta"


def test_listing_marks_entries_in_another_language(built: Path) -> None:
    doc = page(built, "en/press-releases/")
    items = doc.find_all("li", class_="item")
    assert [i.find("a").text for i in items] == ["Urheilu yhdistää kaupungit", "Kaupungit ottavat vetovastuuta"]
    assert items[0].find("p", class_="item-notice").text == "Available in Finnish"


def test_region_contacts_and_links_between_entries(built: Path) -> None:
    doc = page(built, RELEASE["sv"])
    assert [e.text for e in doc.find_all("span", class_="label")] == ["Pressmeddelande", "Riksomfattande"]
    contacts = doc.find("section", class_="contacts")
    assert contacts.find("h2").text == "Mer information"
    assert (
        contacts.find("li").text
        == "utvecklingschef Riina Pulkkinen , tfn +358 40 708 0178 , riina.pulkkinen(a)pirkanmaa.fi"
    )
    hrefs = {a.attrs["href"] for a in doc.find_all("a")}
    assert {
        "/programme/sv/projekt/stadsekosystem-inom-fotonik/",
        "/programme/sv/teman/fotonik/",
        "/programme/sv/stader/tammerfors/",
    } <= hrefs
    news = page(built, "fi/tiedotteet/urheilu-yhdistaa-kaupungit/")
    assert [e.text for e in news.find_all("span", class_="label")] == ["Uutinen", "Tampere"]


def test_project_page_lists_its_releases_and_lead_city(built: Path) -> None:
    doc = page(built, "fi/hankkeet/fotoniikan-kaupunkiekosysteemi/")
    assert doc.find("dd").find("a").attrs["href"] == "/programme/fi/kaupungit/joensuu/"
    releases = doc.find("section", **{"aria-labelledby": "releases-heading"})
    assert [a.text for a in releases.find_all("a")] == ["Kaupungit ottavat vetovastuuta"]


def test_markdown_body_tables_footnotes_heading_ids_and_files(built: Path) -> None:
    body = page(built, RELEASE["fi"]).find("div", class_="body")
    assert body.find("h2").attrs["id"] == "hyva-elama-ja-aly"
    assert body.find("table").find("td").text == "Fotoniikka"
    assert body.find("a", class_="footnote-backref").attrs["title"] == "Takaisin alaviitteeseen 1 tekstissä"
    link = body.find("a").attrs["href"]
    assert link == "/programme/media/press/2022-09-13-lead-projects/liite.pdf"
    assert (built / link.removeprefix("/programme/")).read_bytes() == b"%PDF-1.4 tiny\n"


def test_root_chooser_and_404_speak_every_language(built: Path) -> None:
    chooser = page(built, "index.html")
    links = [(a.attrs["lang"], a.attrs["hreflang"], a.attrs["href"]) for a in chooser.find("main").find_all("a")]
    assert links == [(c, c, f"/programme/{c}/") for c in ("fi", "sv", "en")]
    missing = page(built, "404.html")
    assert [s.attrs["lang"] for s in missing.find_all("section")] == ["fi", "sv", "en"]
    assert missing.find_all("section")[1].find("h2").text == "Sidan hittades inte"
