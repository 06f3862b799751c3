"""Search: Pagefind's index of the built site, one per language, and the search pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from innosite.output.records import Finishing
from innosite.output.search_index import SearchIndexError
from innosite.output.tree import TreePublisher
from tests.conftest import read_tree, wants
from tests.html import parse

PREFIX = b"pagefind_dcd"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from innosite.build import BuildOptions, build
    from innosite.problems import Problems
    from tests.conftest import TINY

    out = tmp_path_factory.mktemp("tiny") / "site"
    build(BuildOptions(content=TINY, out=out), Problems())
    return out


def fragments(built: Path) -> dict[str, dict[str, dict]]:
    """The indexed pages per language, read from Pagefind's (gzipped JSON) fragment files."""
    found: dict[str, dict[str, dict]] = {}
    for path in sorted((built / "pagefind" / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(PREFIX)
        page = json.loads(data[len(PREFIX) :])
        found.setdefault(path.name.split("_")[0], {})[page["url"]] = page
    return found


def test_each_language_has_its_own_index_of_its_pages(built: Path) -> None:
    assert {lang: set(pages) for lang, pages in fragments(built).items()} == {
        "fi": {
            "/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/",
            "/fi/tiedotteet/urheilu-yhdistaa-kaupungit/",
            "/fi/hankkeet/fotoniikan-kaupunkiekosysteemi/",
            "/fi/tietoa/",
        },
        "sv": {
            "/sv/pressmeddelanden/staderna-tar-ledningsansvar/",
            "/sv/pressmeddelanden/idrotten-forenar-staderna/",
            "/sv/projekt/stadsekosystem-inom-fotonik/",
            "/sv/om/",
        },
        "en": {"/en/projects/urban-photonics-ecosystem/"},  # the notice pages are not indexed
    }
    entry = json.loads((built / "pagefind" / "pagefind-entry.json").read_text())
    assert {lang: v["page_count"] for lang, v in entry["languages"].items()} == {"en": 1, "fi": 4, "sv": 4}


def test_only_the_main_content_is_indexed_with_title_and_date(built: Path) -> None:
    page = fragments(built)["sv"]["/sv/pressmeddelanden/staderna-tar-ledningsansvar/"]
    assert page["meta"] == {"title": "Städerna tar ledningsansvar", "type": "Pressmeddelande", "date": "13.9.2022"}
    assert "Sex projekt med ledningsansvar." in page["content"]
    for outside in ("Hoppa till innehållet", "Suomi", "Huvudmeny", "Innostäderna"):  # skip link, switcher, nav, header
        assert outside not in page["content"]
    fi = fragments(built)["fi"]["/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/"]
    assert (fi["meta"]["type"], fi["meta"]["date"]) == ("Tiedote", "13.9.2022")


def test_the_lists_of_related_releases_and_projects_are_not_indexed_with_the_page(built: Path) -> None:
    fi = fragments(built)["fi"]
    project = fi["/fi/hankkeet/fotoniikan-kaupunkiekosysteemi/"]["content"]
    release = fi["/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/"]["content"]
    assert "Hanke yhdistää kolmen kaupungin toimijat." in project and "Joensuu" in project  # its text, its cities
    assert "Kaupungit ottavat vetovastuuta" not in project  # the title of a release it lists: found on its own page
    assert "Kaupungit ottavat vetovastuuta" in release and "Fotoniikan kaupunkiekosysteemi" not in release


@pytest.mark.parametrize(
    ("lang", "path", "heading"), [("fi", "fi/haku/", "Haku"), ("sv", "sv/sok/", "Sök"), ("en", "en/search/", "Search")]
)
def test_each_language_has_a_search_page(built: Path, lang: str, path: str, heading: str) -> None:
    doc = parse((built / path / "index.html").read_bytes())
    assert doc.find("html").attrs["lang"] == lang
    assert doc.find("h1").text == heading
    box = doc.find("div", id="search")
    assert (box.attrs["data-bundle"], box.attrs["data-root"]) == ("/programme/pagefind/", "/programme/")
    assert (built / "pagefind" / "pagefind-ui.js").is_file()
    assert doc.find("link", rel="stylesheet", href="/programme/pagefind/pagefind-ui.css")
    scripts = [s.attrs["src"] for s in doc.find_all("script") if "src" in s.attrs]
    assert len(scripts) == 1 and scripts[0].startswith("/programme/assets/search.")
    assert doc.find("meta", name="robots").attrs["content"] == "noindex"
    nav = [a.text for a in doc.find_all("a", href=f"/programme/{path}") if a.attrs.get("aria-current") == "page"]
    assert nav == [heading]  # the item of the main navigation


def test_no_search_skips_the_index_but_keeps_the_pages(site_dir: Path, run) -> None:
    result = run("--out", "site", "--no-search")
    assert result.code == 0, result.err
    assert not (site_dir / "site" / "pagefind").exists()
    assert (site_dir / "site" / "fi" / "haku" / "index.html").is_file()
    assert run("--out", "site").code == 0
    assert (site_dir / "site" / "pagefind" / "pagefind-entry.json").is_file()


def test_a_failed_index_leaves_the_previous_site(tmp_path: Path) -> None:
    out, saved = tmp_path / "site", []
    TreePublisher(out, None, saved.append).publish(wants({"index.html": b"old"}))

    def fail(job: Finishing) -> dict[str, str]:
        assert job.read is not None and job.read("index.html") == b"new"  # reads the new build's pages
        raise SearchIndexError("the search index could not be built")

    with pytest.raises(SearchIndexError):
        TreePublisher(out, saved[-1], saved.append).publish(wants({"index.html": b"new"}), finish=fail)
    assert read_tree(out) == {"index.html": b"old"}


def test_a_failing_indexer_is_reported(site_dir: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pagefind.service.get_executable", lambda: site_dir / "no-such-pagefind")
    result = run("--out", "site")
    assert result.code == 2
    assert result.err.startswith("error: the search index could not be built (")
    assert result.err.rstrip().endswith("build with --no-search to skip it")
    assert not (site_dir / "site").exists()


def test_a_pagefind_config_in_the_current_folder_changes_nothing(site_dir: Path, run) -> None:
    (site_dir / "pagefind.yml").write_text('glob: "nothing/**/*.html"\nexclude_selectors: ["main"]\n')
    assert run("--out", "site").code == 0
    assert sum(len(pages) for pages in fragments(site_dir / "site").values()) == 9
