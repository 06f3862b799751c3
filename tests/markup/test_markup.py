"""Markdown bodies that would never finish rendering end with a message instead."""

from __future__ import annotations

import pytest

from innosite.markup import markdown as markup
from innosite.markup.markdown import LinkContext, MarkdownRenderer

CONTEXT = LinkContext("/media/press/x/", "/", frozenset())


def test_a_body_that_takes_too_long_is_a_fault_and_the_renderer_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markup, "RENDER_SECONDS", 1)
    renderer = MarkdownRenderer()
    body = renderer.render("Alku " + "[a](" * 20000, CONTEXT)  # Python-Markdown alone needs minutes for this
    assert body.faults == (
        (0, "the text takes over 1 seconds to read: look for long runs of [ or ( or * without their pair"),
    )
    assert renderer.render("Hei [maailma](https://example.org/)", CONTEXT).html == (
        '<p>Hei <a href="https://example.org/">maailma</a></p>'
    )


def test_a_body_nested_past_the_interpreters_limit_is_a_fault(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python-Markdown stops nesting lists and quotes short of the limit (3.11.4); should any other pass
    recurse too deep, the body is a fault with a message, not a crash."""
    renderer = MarkdownRenderer()

    def too_deep(source: str) -> str:
        raise RecursionError

    monkeypatch.setattr(renderer._md, "convert", too_deep)
    body = renderer.render("- x", CONTEXT)
    assert (body.html, body.faults) == (
        "",
        ((0, "the text is nested too deeply (lists or quotes inside each other): simplify it"),),
    )
