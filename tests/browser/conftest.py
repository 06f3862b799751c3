"""Browser fixtures: the example site built once, served on 127.0.0.1, one Chromium for the session."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.harness import built_example, chromium, serve
from tests.conftest import EXAMPLE

SKIPPED_TEMPLATES = ("redirect.html",)
"""Redirect pages leave at once; the Nu checker still reads them."""


@functools.cache
def example_pages() -> tuple[tuple[str, str, str], ...]:
    """(template, lang, path) of every HTML page of the example site, in plan order."""
    from innosite.build import BuildOptions, render_site
    from innosite.pages.discovery import add_discovery
    from innosite.pages.plan import plan_site
    from innosite.problems import Problems

    site = render_site(BuildOptions(content=EXAMPLE), Problems()).site
    pages = add_discovery(plan_site(site), site).pages
    return tuple(
        (p.template, p.lang, p.path.removesuffix("index.html"))
        for p in pages
        if p.template.endswith(".html") and p.template not in SKIPPED_TEMPLATES
    )


@functools.cache
def page_types() -> tuple[tuple[str, str], ...]:
    """(id, path): the first page of every template in every language, and every free page
    (the about page and the accessibility statement differ)."""
    chosen: dict[str, str] = {}
    for template, lang, path in example_pages():
        name = template.removesuffix(".html")
        key = f"{name}-{path.strip('/').split('/')[-1]}" if template == "page.html" else f"{name}-{lang}"
        if template in ("chooser.html", "404.html"):
            key = name
        chosen.setdefault(key, path)
    return tuple(chosen.items())


def open_page(page, url: str) -> None:
    """Go to url and wait until the page is complete (the search UI drawn, where there is one)."""
    page.goto(url)
    if page.locator("#search").count():
        page.wait_for_selector(".pagefind-ui__search-input")


def entry_pages(template: str) -> tuple[str, ...]:
    """Paths of every page made from template (press.html, project.html, page.html)."""
    return tuple(path for t, _, path in example_pages() if t == template)


@pytest.fixture(scope="session")
def site_root() -> Iterator[Path]:
    with built_example(EXAMPLE) as folder:
        yield folder


@pytest.fixture(scope="session")
def base_url(site_root: Path) -> Iterator[str]:
    with serve(site_root) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="session")
def desktop_tab(browser):
    """One desktop-sized tab (1280 x 900) that the page-by-page checks share: opening a tab per page costs more
    than the check. Tests that change a tab (listeners, media) take `page` instead."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def phone_tab(browser):
    """One phone-sized tab (375 px wide) shared like desktop_tab."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser):
    """A fresh desktop-sized tab (1280 x 900)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()
