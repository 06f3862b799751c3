"""Keyboard use in Chromium: skip link first, every link and control reachable and visibly focused."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page, page_types

pytestmark = pytest.mark.needs("chromium")

MARK_FOCUSABLE = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"])';
  const shown = el => !el.disabled && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const found = [...document.querySelectorAll(selector)].filter(shown);
  found.forEach((el, i) => el.setAttribute('data-focus-id', String(i)));
  return found.length;
}"""

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
    && style.outlineColor !== 'rgba(0, 0, 0, 0)';
  const shadow = style.boxShadow !== 'none';
  return {
    id: el.getAttribute('data-focus-id'),
    text: (el.textContent || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 40),
    indicator: outline || shadow,
    inView: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
      && box.right > 0 && box.left < innerWidth,
  };
}"""


@pytest.mark.parametrize("path", [path for _, path in page_types()], ids=[name for name, _ in page_types()])
def test_every_interactive_element_is_reachable_and_visibly_focused(desktop_tab, base_url: str, path: str) -> None:
    page = desktop_tab
    open_page(page, base_url + path)
    count = page.evaluate(MARK_FOCUSABLE)
    reached: list[str] = []
    unseen: list[str] = []
    for _ in range(count + 5):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None or state["id"] in reached:
            break
        if state["id"] is None:
            continue  # focus inside a component that is not a plain control
        reached.append(state["id"])
        if not (state["indicator"] and state["inView"]):
            unseen.append(state["text"])
    assert sorted(reached, key=int) == [str(i) for i in range(count)]
    assert reached == sorted(reached, key=int), "tab order differs from reading order"
    assert unseen == []


@pytest.mark.parametrize("path", ["fi/", "sv/pressmeddelanden/", "en/accessibility/"])
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    page.keyboard.press("Tab")
    first = page.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert first == ["skip-link", "#main"]
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 10, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    inside = page.evaluate("() => document.getElementById('main').contains(document.activeElement)")
    assert inside, "the next tab stop after the skip link is inside the main content"
