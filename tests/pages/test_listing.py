"""Listings: newest first, split into pages, with pager and per-language alternates."""

from __future__ import annotations

from pathlib import Path

from tests.html import parse

SITE = "content/site.yaml"


def test_listing_pages_and_pager(site_dir: Path, run, edit) -> None:
    text = (site_dir / SITE).read_text()
    edit("site.yaml", text + "page_size: 1\n")
    assert run("--out", "site").code == 0
    first = parse((site_dir / "site/fi/tiedotteet/index.html").read_bytes())
    second = parse((site_dir / "site/fi/tiedotteet/2/index.html").read_bytes())
    assert [a.text for a in first.find("ul", class_="items").find_all("a")] == ["Urheilu yhdistää kaupungit"]
    assert [a.text for a in second.find("ul", class_="items").find_all("a")] == ["Kaupungit ottavat vetovastuuta"]
    assert first.find("a", rel="next").attrs["href"] == "/programme/fi/tiedotteet/2/"
    assert second.find("a", rel="prev").attrs["href"] == "/programme/fi/tiedotteet/"
    assert second.find("nav", class_="pager").find("span").text == "Sivu 2/2"
    assert not (site_dir / "site/fi/tiedotteet/3").exists()
    # Theme and city pages are split the same way; projects come on the first page.
    city = parse((site_dir / "site/sv/stader/tammerfors/index.html").read_bytes())
    city2 = parse((site_dir / "site/sv/stader/tammerfors/2/index.html").read_bytes())
    assert [h.text for h in city.find("main").find_all("h2")] == ["Projekt", "Pressmeddelanden"]
    assert [h.text for h in city2.find("main").find_all("h2")] == ["Pressmeddelanden"]
    assert [a.text for a in city2.find("ul", class_="items").find_all("a")] == ["Städerna tar ledningsansvar"]
    assert city2.find("title").text == "Tammerfors (sida 2) – Innostäderna"


def test_hidden_language_has_no_pages_for_untranslated_entries(site_dir: Path, run, edit) -> None:
    text = (site_dir / SITE).read_text().replace("untranslated: {en: notice}", "untranslated: {en: hide}")
    edit("site.yaml", text + "page_size: 1\n")
    assert run("--out", "site").code == 0
    assert not (site_dir / "site/en/press-releases/kaupungit-ottavat-vetovastuuta").exists()
    listing = parse((site_dir / "site/en/press-releases/index.html").read_bytes())
    assert listing.find("main").find("p").text == "Nothing here yet."
    # Finnish page 2 has no English counterpart.
    second = parse((site_dir / "site/fi/tiedotteet/2/index.html").read_bytes())
    hreflangs = [e.attrs["hreflang"] for e in second.find_all("link", rel="alternate") if "hreflang" in e.attrs]
    assert hreflangs == ["fi", "sv", "x-default"]


def test_drafts_and_future_entries_are_left_out_unless_asked(site_dir: Path, run, edit) -> None:
    meta = "content/press/2023-01-10-sport-news/meta.yaml"
    edit("press/2023-01-10-sport-news/meta.yaml", (site_dir / meta).read_text() + "draft: true\n")
    assert run("--out", "site").code == 0
    assert not (site_dir / "site/fi/tiedotteet/urheilu-yhdistaa-kaupungit").exists()
    assert run("--out", "drafts", "--drafts").code == 0
    draft_page = parse((site_dir / "drafts/fi/tiedotteet/urheilu-yhdistaa-kaupungit/index.html").read_bytes())
    assert draft_page.find("p", class_="draft").text == "Luonnos: ei vielä julkaistu."
    edit("press/2023-01-10-sport-news/meta.yaml", "published: 2999-01-01 09:00\nkind: news\n")
    assert run("--out", "site").code == 0
    assert not (site_dir / "site/fi/tiedotteet/urheilu-yhdistaa-kaupungit").exists()
    assert run("--out", "future", "--future").code == 0
    assert (site_dir / "future/fi/tiedotteet/urheilu-yhdistaa-kaupungit/index.html").is_file()
