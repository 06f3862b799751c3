"""Inline Markdown as text and protected codes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innosite.translate.inline import Code, codes, parse_inline, plain_text, to_markdown


@given(st.text(alphabet=st.sampled_from(list("ab *_`[]()!<>{}#.:^\\|\n-=&;1/")), max_size=60))
def test_any_text_comes_back_unchanged(text: str) -> None:
    assert to_markdown(parse_inline(text, frozenset({"a"}))) == text


def shape(text: str, refs: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    """(kind, ctype, Markdown) of every code."""
    return [(code.kind, code.ctype, to_markdown((code,))) for code, _ in codes(parse_inline(text, refs))]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("[the ministry](https://tem.fi/)", [("g", "link", "[the ministry](https://tem.fi/)")]),
        ("[liite](liite.pdf){.huom}", [("g", "link", "[liite](liite.pdf)"), ("x", "x-md-attributes", "{.huom}")]),
        ("![Kuva kaupungista](kuva.jpg)", [("g", "x-md-image", "![Kuva kaupungista](kuva.jpg)")]),
        ("**tärkeä**", [("g", "bold", "**tärkeä**")]),
        ("*huom*", [("g", "italic", "*huom*")]),
        ("snake_case_name", []),
        ("5 * 3", []),
        ("`python build.py`", [("x", "x-md-code", "`python build.py`")]),
        ("Alaviite[^1].", [("x", "x-md-footnote", "[^1]")]),
        ('<abbr title="x">TKI</abbr>', [("x", "x-html", '<abbr title="x">'), ("x", "x-html", "</abbr>")]),
        ("<https://tem.fi/>", [("x", "x-md-autolink", "<https://tem.fi/>")]),
        ("rivi  \nrivi", [("x", "lb", "  \n")]),
        ("\\*ei korostus\\*", []),
        ("[ei linkki]", []),
        ("[viite]", [("g", "link", "[viite]")]),
    ],
)
def test_codes(text: str, found: list[tuple[str, str, str]]) -> None:
    assert shape(text, frozenset({"viite"})) == found


def test_a_link_keeps_its_text_translatable_and_its_address_locked() -> None:
    content = parse_inline("Katso [**ministeriön** sivu](https://tem.fi/) nyt")
    assert content[0] == "Katso "
    link = content[1]
    assert isinstance(link, Code)
    assert (link.open, link.close, link.what) == ("[", "](https://tem.fi/)", 'the link to "https://tem.fi/"')
    assert plain_text(content) == "Katso ministeriön sivu nyt"
    assert [c.id for c, _ in codes(content)] == ["1", "2"]
