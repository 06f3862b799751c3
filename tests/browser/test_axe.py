"""axe-core in Chromium: no WCAG 2.0/2.1 A or AA violation on any page type in any language."""

from __future__ import annotations

import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import open_page, page_types

pytestmark = pytest.mark.needs("chromium")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE = Axe()


def violations(page) -> list[str]:
    """One line per failing element: rule, impact, selector, what axe says."""
    result = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}) {', '.join(map(str, node['target']))}: {node['failureSummary']}"
        for v in result.response["violations"]
        for node in v["nodes"]
    ]


@pytest.mark.parametrize("path", [path for _, path in page_types()], ids=[name for name, _ in page_types()])
def test_page_has_no_wcag_violations(desktop_tab, base_url: str, path: str) -> None:
    open_page(desktop_tab, base_url + path)
    assert violations(desktop_tab) == []


def test_every_page_type_in_every_language_is_checked() -> None:
    names = {name for name, _ in page_types()}
    for template in ("home", "listing", "press", "project", "terms", "term", "search", "feeds"):
        assert {f"{template}-{lang}" for lang in ("fi", "sv", "en")} <= names
    assert {
        "chooser",
        "404",
        "page-saavutettavuusseloste",
        "page-tillganglighetsutlatande",
        "page-accessibility",
    } <= names


@pytest.fixture(scope="module")
def tiny_url(tmp_path_factory: pytest.TempPathFactory):
    """The tiny fixture site (it has notice pages for untranslated entries) served under /programme/."""
    from innosite.build import BuildOptions, build
    from innosite.problems import Problems
    from tests.browser.harness import serve
    from tests.conftest import TINY

    folder = tmp_path_factory.mktemp("tiny-axe")
    shutil.copytree(TINY, folder / "content")  # a build may keep a cache beside its content
    build(BuildOptions(content=folder / "content", out=folder / "srv" / "programme"), Problems())
    with serve(folder / "srv") as url:
        yield url + "programme/"


NOTICE_PAGES = ["en/press-releases/kaupungit-ottavat-vetovastuuta/", "en/press-releases/", "en/cities/tampere/"]


@pytest.mark.parametrize("path", NOTICE_PAGES)
def test_notice_pages_and_marked_listings_have_no_wcag_violations(page, tiny_url: str, path: str) -> None:
    page.goto(tiny_url + path)
    assert page.locator(".notice, .item-notice").count() > 0
    assert violations(page) == []
