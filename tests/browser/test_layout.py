"""What visitors see in Chromium: the language switcher, phones at 375 px, pages without JavaScript."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import entry_pages, open_page, page_types

pytestmark = pytest.mark.needs("chromium")

LANGS = ("fi", "sv", "en")


def alternates(page) -> dict[str, str]:
    """hreflang -> absolute URL of the page's translations, from its head."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('link[rel=alternate][hreflang]')]
              .map(l => [l.hreflang, l.href]))"""
    )


SWITCHER_LINKS = (
    "() => Object.fromEntries([...document.querySelectorAll('.language-switcher a')].map(a => [a.lang, a.href]))"
)


@pytest.mark.parametrize("template", ["press.html", "project.html", "page.html"])
def test_language_switcher_leads_to_the_same_entry_in_the_other_language(page, base_url: str, template: str) -> None:
    checked = 0
    for path in entry_pages(template):
        page.goto(base_url + path)
        lang = page.evaluate("() => document.documentElement.lang")
        expected = alternates(page)
        links = page.evaluate(SWITCHER_LINKS)
        for other in LANGS:
            if other == lang:
                continue
            page.goto(links[other])
            assert page.evaluate("() => document.documentElement.lang") == other
            canonical = page.evaluate("() => document.querySelector('link[rel=canonical]').href")
            assert canonical == expected[other], f"{path} -> {other}"
            checked += 1
    assert checked == 2 * len(entry_pages(template)) > 0


def test_clicking_the_switcher_opens_the_translation(page, base_url: str) -> None:
    page.goto(base_url + entry_pages("press.html")[0])
    page.get_by_role("navigation", name="Kieli").get_by_role("link", name="Svenska").click()
    assert page.locator("h1").inner_text().startswith("Städerna tar ledningsansvar")


@pytest.mark.parametrize("path", [path for _, path in page_types()], ids=[name for name, _ in page_types()])
def test_no_page_scrolls_sideways_on_a_375_px_phone(phone_tab, base_url: str, path: str) -> None:
    open_page(phone_tab, base_url + path)
    widths = phone_tab.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] == 375


def test_pages_work_without_javascript(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base_url + "sv/")
    tab.locator(".main-nav a").first.click()
    assert tab.locator("h1").inner_text() == "Pressmeddelanden"
    tab.locator(".items a").first.click()
    assert tab.locator(".contacts h2").inner_text() == "Mer information"
    context.close()


SCRIPT = re.compile(r"<script\b(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>")
"""A script the browser runs (JSON data blocks such as JSON-LD are not code)."""


def test_no_javascript_outside_search_pages(site_root) -> None:
    """No JavaScript except Pagefind on the search pages (livereload is added only by the preview server)."""
    search = {f"{lang}/{segment}/" for lang, segment in (("fi", "haku"), ("sv", "sok"), ("en", "search"))}
    offenders = []
    for html in sorted(site_root.rglob("*.html")):
        rel = html.relative_to(site_root).as_posix()
        if SCRIPT.search(html.read_text(encoding="utf-8")) and not any(rel.startswith(s) for s in search):
            offenders.append(rel)
    assert offenders == []
