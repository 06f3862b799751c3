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


def test_a_body_lists_its_links_to_the_site_as_its_page_has_them() -> None:
    """What the build checks without the HTML: site paths (with the site's path before them) and web addresses of
    the site itself, each once in the order written; not the entry's own files, other sites, mail or #parts."""
    context = LinkContext("/ohjelma/media/press/x/", "/ohjelma/", frozenset({"liite.pdf"}), site="example.org/ohjelma/")
    body = MarkdownRenderer().render(
        "[a](/fi/hankkeet/) [b](liite.pdf) [c](https://Example.org/ohjelma/sv/) [d](https://example.org/muu/)"
        ' [e](https://elsewhere.example/) [f](mailto:a@example.org) [g](#osa) [h](/fi/hankkeet/) <img src="/kuva.png">',
        context,
    )
    assert body.addresses == ("/ohjelma/fi/hankkeet/", "https://Example.org/ohjelma/sv/", "/ohjelma/kuva.png")
