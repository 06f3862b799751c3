"""A preview build (--preview), as the pipelines make one: nothing for search engines, drafts and scheduled entries
marked on their pages and in listings, in each language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.html import parse

SPORT = "press/2023-01-10-sport-news"
PREVIEW = ("--preview", "--drafts", "--future", "--base-url", "http://localhost:8000/", "--out", "preview")
NOW = ("--now", "2026-12-01 12:00", "--no-search")
MARKS = {
    "fi": ("Luonnos", "Luonnos: ei vielä julkaistu.", "Julkaistaan 10.12.2026 klo 9.00"),
    "sv": ("Utkast", "Utkast: inte publicerat ännu.", "Publiceras 10.12.2026 kl. 9.00"),
    "en": ("Draft", "Draft: not published yet.", "Scheduled for 10 December 2026 at 09:00"),
}
LISTINGS = {"fi": "fi/tiedotteet/", "sv": "sv/pressmeddelanden/", "en": "en/press-releases/"}
THEMES = {"fi": "fi/teemat/urheilu/", "sv": "sv/teman/idrott/", "en": "en/themes/sport/"}
SCHEDULED_PAGES = {
    "fi": "fi/tiedotteet/urheilu-yhdistaa-kaupungit/",
    "sv": "sv/pressmeddelanden/idrotten-forenar-staderna/",
    "en": "en/press-releases/urheilu-yhdistaa-kaupungit/",  # the notice page: marked in English
}
DRAFT_PAGES = {
    "fi": "fi/tiedotteet/luonnos-tiedote/",
    "sv": "sv/pressmeddelanden/utkast-meddelande/",
    "en": "en/press-releases/luonnos-tiedote/",
}


@pytest.fixture
def drafted(site_dir: Path, edit) -> Path:
    """The tiny site with the sport news scheduled for 10.12.2026 9.00 and a draft release."""
    edit(f"{SPORT}/meta.yaml", "published: 2026-12-10 09:00\nkind: news\nregion: tampere\nthemes: [sport]\n")
    edit("press/2024-02-01-draft/meta.yaml", "published: 2024-02-01 10:00\ndraft: true\n")
    edit("press/2024-02-01-draft/fi.md", "---\ntitle: Luonnos-tiedote\n---\nKesken.\n")
    edit("press/2024-02-01-draft/sv.md", "---\ntitle: Utkast-meddelande\n---\nPågår.\n")
    return site_dir


def _html_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_a_preview_leaves_search_engines_nothing(drafted: Path, run) -> None:
    assert run(*PREVIEW, *NOW).code == 0
    root = drafted / "preview"
    assert not (root / "sitemap.xml").exists()
    assert (root / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    pages = _html_pages(root)
    assert len(pages) > 40
    for path in pages:
        robots = [m.attrs.get("content") for m in parse(path.read_bytes()).find_all("meta", name="robots")]
        assert robots == ["noindex"], path.relative_to(root)
    home = parse((root / "fi/index.html").read_bytes())
    assert home.find("link", rel="canonical").attrs["href"] == "http://localhost:8000/fi/"


def test_a_public_build_is_for_search_engines(site_dir: Path, run) -> None:
    assert run(*NOW).code == 0
    assert (site_dir / "site/sitemap.xml").is_file()
    assert (site_dir / "site/robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/programme/sitemap.xml\n"
    )
    home = parse((site_dir / "site/fi/index.html").read_bytes())
    assert home.find_all("meta", name="robots") == []


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_drafts_and_scheduled_entries_are_marked_on_their_pages(drafted: Path, run, lang: str) -> None:
    assert run(*PREVIEW, *NOW).code == 0
    root = drafted / "preview"
    label, draft_notice, scheduled = MARKS[lang]
    scheduled_page = parse((root / SCHEDULED_PAGES[lang] / "index.html").read_bytes())
    assert scheduled_page.find("p", class_="scheduled").text == scheduled
    draft_page = parse((root / DRAFT_PAGES[lang] / "index.html").read_bytes())
    assert draft_page.find("p", class_="draft").text == draft_notice


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_drafts_and_scheduled_entries_are_marked_in_listings(drafted: Path, run, lang: str) -> None:
    assert run(*PREVIEW, *NOW).code == 0
    root = drafted / "preview"
    label, _, scheduled = MARKS[lang]
    for listing in (LISTINGS[lang], f"{lang}/"):  # the press releases and the home page
        page = parse((root / listing / "index.html").read_bytes())
        marks = {
            item.find("a").text: [span.text for span in item.find_all("span", class_="label")]
            for item in page.find_all("li", class_="item")
        }
        assert sorted(m for m in marks.values() if m) == sorted([[label], [scheduled]]), listing
        assert [] in marks.values()  # the public release is listed without a mark
    term = parse((root / THEMES[lang] / "index.html").read_bytes())
    assert sorted(s.text for s in term.find_all("span", class_="label")) == [scheduled]


def test_what_is_public_is_not_marked(drafted: Path, run) -> None:
    """Marks come with what a build includes before its time, and only then."""
    assert run(*PREVIEW, "--now", "2026-12-10 09:00", "--no-search").code == 0
    listing = parse((drafted / "preview/fi/tiedotteet/index.html").read_bytes())
    assert [s.text for s in listing.find_all("span", class_="label")] == ["Luonnos"]
    page = (drafted / "preview" / SCHEDULED_PAGES["fi"] / "index.html").read_text(encoding="utf-8")
    assert 'class="notice scheduled"' not in page
