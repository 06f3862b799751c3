"""Aliases: a redirect page at each old path; an alias may not hide a page or repeat another alias."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.html import parse

LEAD = "press/2022-09-13-lead-projects/meta.yaml"
SPORT = "press/2023-01-10-sport-news/meta.yaml"
LEAD_META = """published: 2022-09-13 14:56
region: national
themes: [photonics, sport]
aliases:
  - /fi/vanha/tiedote
  - /sv/gammal/
  - /en/old/lead/
"""


def test_each_alias_gets_a_redirect_page_to_its_languages_version(site_dir: Path, run, edit) -> None:
    edit(LEAD, LEAD_META)
    assert run("--out", "site", "--no-search").code == 0
    expected = {
        "fi/vanha/tiedote": "fi/tiedotteet/kaupungit-ottavat-vetovastuuta/",
        "sv/gammal": "sv/pressmeddelanden/staderna-tar-ledningsansvar/",
        "en/old/lead": "en/press-releases/kaupungit-ottavat-vetovastuuta/",  # the English notice page
    }
    for alias, target in expected.items():
        doc = parse((site_dir / "site" / alias / "index.html").read_bytes())
        assert doc.find("html").attrs["lang"] == alias[:2]
        refresh = [m.attrs["content"] for m in doc.find_all("meta") if m.attrs.get("http-equiv") == "refresh"]
        assert refresh == [f"0; url=/programme/{target}"]
        assert doc.find("link", rel="canonical").attrs["href"] == f"https://example.org/programme/{target}"
        assert doc.find("meta", name="robots").attrs["content"] == "noindex"
        assert doc.find("main").find("a").attrs["href"] == f"/programme/{target}"
    main = parse((site_dir / "site/sv/gammal/index.html").read_bytes()).find("main")
    assert main.text == "Sidan har flyttats Den nya adressen är: Städerna tar ledningsansvar"
    assert "gammal" not in (site_dir / "site/sitemap.xml").read_text()


def test_an_alias_on_a_page_address_is_an_error(site_dir: Path, run, edit) -> None:
    edit(SPORT, "published: 2023-01-10 09:00\nkind: news\naliases: [/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/]\n")
    result = run("--out", "site", "--no-search")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f'content/{SPORT}:3: the alias "/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/" is already the address '
        "of a page (content/press/2022-09-13-lead-projects/fi.md): remove it from aliases"
    )
    assert not (site_dir / "site").exists()


@pytest.mark.parametrize("alias", ["/fi/feed.xml", "/fi/feed.xml/vanha/"])
def test_an_alias_on_or_under_a_file_address_is_an_error(site_dir: Path, run, edit, alias: str) -> None:
    edit(SPORT, f"published: 2023-01-10 09:00\naliases:\n- {alias}\n")
    result = run("check")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f'content/{SPORT}:3: the alias "{alias.rstrip("/")}/" is already the address of a page (the fi feed): '
        "remove it from aliases"
    )


def test_two_entries_with_one_alias_is_an_error(site_dir: Path, run, edit) -> None:
    edit(LEAD, LEAD_META)
    edit(SPORT, "published: 2023-01-10 09:00\naliases:\n  - /en/new/\n  - /sv/gammal/\n")
    result = run("check")
    assert result.code == 1
    assert result.err.splitlines()[0] == (  # the newer release claims it first
        f'content/{LEAD}:6: the alias "/sv/gammal/" is also an alias in content/{SPORT}: keep it in only one of them'
    )
