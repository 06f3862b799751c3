"""The search page in a browser: a query typed into each language's page finds that language's pages,
under the Content-Security-Policy of docs/hosting.md (nginx) and under a sub-path."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.harness import serve
from tests.nginx import nginx

pytestmark = pytest.mark.needs("chromium", "nginx")

DONE = """query => {
    const message = document.querySelector(".pagefind-ui__message");
    return message && message.textContent.includes(query) && !message.textContent.trim().endsWith("…")
        && document.querySelectorAll(".pagefind-ui__loading").length === 0;
}"""
"""The search is over: the message names the query and is no longer 'Searching for …', every result loaded."""
FI_RELEASE = ("Kaupungit ottavat vetovastuuta", "/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/")
FI_PROJECT = ("Fotoniikan kaupunkiekosysteemi", "/fi/hankkeet/fotoniikan-kaupunkiekosysteemi/")
SV_RELEASE = ("Städerna tar ledningsansvar", "/sv/pressmeddelanden/staderna-tar-ledningsansvar/")
SV_PROJECT = ("Stadsekosystem inom fotonik", "/sv/projekt/stadsekosystem-inom-fotonik/")
SEARCHES = [  # the project pages list their releases by title
    ("fi/haku/", "vetovastuuta", [FI_RELEASE, FI_PROJECT]),
    ("sv/sok/", "ledningsansvar", [SV_RELEASE, SV_PROJECT]),
    ("en/search/", "photonics", [("Urban photonics ecosystem", "/en/projects/urban-photonics-ecosystem/")]),
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the tiny site built twice: root/ for the root of a domain, programme/ for /programme/."""
    from innosite.build import BuildOptions, build
    from innosite.problems import Problems
    from tests.conftest import TINY

    folder = tmp_path_factory.mktemp("search")
    shutil.copytree(TINY, folder / "content")
    build(BuildOptions(content=folder / "content", out=folder / "srv" / "programme"), Problems())
    site_yaml = folder / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace("https://example.org/programme/", "https://example.org/"))
    build(BuildOptions(content=folder / "content", out=folder / "root"), Problems())
    return folder


@pytest.fixture(scope="module")
def with_policy(tiny: Path) -> Iterator[str]:
    """The root build served by the documented nginx configuration."""
    (tiny / "nginx").mkdir()
    with nginx(tiny / "root", tiny / "nginx") as url:
        yield url + "/"


def search(page, url: str, query: str) -> list[tuple[str, str]]:
    """Type query into the search page at url; (title, href) of each result."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.goto(url)
    box = page.locator(".pagefind-ui__search-input")
    box.fill(query)
    try:
        page.wait_for_function(DONE, arg=query, timeout=15000)
    finally:
        assert violations == [], "the Content-Security-Policy blocked something the search needs"
    links = page.locator(".pagefind-ui__result-link")
    results = [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(links.count())]
    assert violations == []
    return results


@pytest.mark.parametrize(("path", "query", "expected"), SEARCHES)
def test_a_query_finds_the_pages_in_the_pages_language(page, with_policy: str, path, query, expected) -> None:
    assert search(page, with_policy + path, query) == expected
    assert page.locator("html").get_attribute("lang") == path[:2]
    placeholder = page.locator(".pagefind-ui__search-input").get_attribute("placeholder")
    assert placeholder == {"fi": "Haku", "sv": "Sök", "en": "Search"}[path[:2]]  # Pagefind's UI in the page's language


def test_results_show_the_type_and_date_in_the_pages_language(page, with_policy: str) -> None:
    search(page, with_policy + "sv/sok/", "ledningsansvar")
    assert page.locator(".pagefind-ui__result-tag").all_inner_texts() == [
        "Typ: Pressmeddelande", "Publicerad: 13.9.2022", "Typ: Projekt",
    ]  # fmt: skip


EXAMPLE_RELEASE = {
    "fi": "Kaupungit ottavat vetovastuuta innovaatioekosysteemien vahvistamisessa",
    "en": "Cities take lead responsibility for strengthening innovation ecosystems in Finland",
}
TYPED = [  # (search page, query, the release's tags, the count as announced)
    ("fi/haku/", "vetovastuuta", ["Tyyppi: Tiedote", "Julkaistu: 13.9.2022"], r"\d+ tulosta haulle vetovastuuta"),
    (
        "en/search/",
        "responsibility",
        ["Type: Press release", "Published: 13 September 2022"],
        r"\d+ results for responsibility",
    ),
]
NOTHING = {"fi/haku/": "Ei tuloksia haulle zzqx", "en/search/": "No results for zzqx"}


def typed(page, url: str, query: str) -> str:
    """Type query key by key into the search page at url; the text of the live region once it has spoken."""
    page.goto(url)
    page.locator(".pagefind-ui__search-input").press_sequentially(query, delay=20)
    page.wait_for_function(DONE, arg=query, timeout=15000)
    page.wait_for_function("() => document.getElementById('search-status').textContent !== ''", timeout=5000)
    status = page.locator("#search-status")
    assert (status.get_attribute("role"), status.get_attribute("aria-live")) == ("status", "polite")
    return status.text_content()


@pytest.mark.parametrize(("path", "query", "tags", "count"), TYPED)
def test_a_typed_query_shows_type_and_date_and_the_count_is_announced(page, base_url: str, path, query, tags, count):
    import re

    announced = typed(page, base_url + path, query)
    assert re.fullmatch(count, announced) and announced == page.locator(".pagefind-ui__message").inner_text()
    link = page.get_by_role("link", name=EXAMPLE_RELEASE[path[:2]], exact=True)
    release = page.locator(".pagefind-ui__result").filter(has=link)
    assert release.locator(".pagefind-ui__result-tag").all_inner_texts() == tags
    hint = page.locator(".pagefind-ui__search-input").get_attribute("aria-describedby")
    assert page.locator(f"#{hint}").inner_text().startswith(("Tulokset näkyvät", "Results appear"))


@pytest.mark.parametrize("path", sorted(NOTHING))
def test_no_results_are_said_in_the_pages_language_and_announced(page, base_url: str, path: str) -> None:
    assert typed(page, base_url + path, "zzqx") == NOTHING[path]
    assert page.locator(".pagefind-ui__message").inner_text() == NOTHING[path]


def test_another_languages_words_find_nothing(page, with_policy: str) -> None:
    assert search(page, with_policy + "fi/haku/", "ledningsansvar") == []


def test_results_lead_under_the_sub_path(page, tiny: Path) -> None:
    with serve(tiny / "srv") as url:
        results = search(page, url + "programme/sv/sok/", "ledningsansvar")
        assert results == [(title, "/programme" + href) for title, href in (SV_RELEASE, SV_PROJECT)]
        page.get_by_role("link", name=SV_RELEASE[0]).click()
        assert page.locator("h1").inner_text() == "Städerna tar ledningsansvar"


PAGES = ["", "fi/", "sv/pressmeddelanden/staderna-tar-ledningsansvar/", "en/projects/", "fi/ei-ole/"]
STYLED = "[...document.styleSheets].some(s => s.href && s.href.includes('/assets/style.') && s.cssRules.length > 0)"


@pytest.mark.parametrize("path", PAGES)
def test_pages_need_nothing_the_policy_forbids(page, with_policy: str, path: str) -> None:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(with_policy + path)
    page.wait_for_load_state("networkidle")
    assert [m for m in messages if "Content Security Policy" in m] == []
    assert page.evaluate(STYLED)  # the stylesheet loaded


def test_without_an_index_the_search_page_says_so(page, tmp_path: Path) -> None:
    from innosite.build import BuildOptions, build
    from innosite.problems import Problems
    from tests.conftest import TINY

    build(BuildOptions(content=TINY, out=tmp_path / "programme", search=False), Problems())
    with serve(tmp_path) as url:
        page.goto(url + "programme/fi/haku/")
        note = page.locator(".search-unavailable")
        note.wait_for()
        assert note.inner_text() == "Haku ei ole käytössä tässä sivuston versiossa."
