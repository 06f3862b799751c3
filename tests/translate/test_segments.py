"""A translated unit back to Markdown: codes checked, typed text kept from changing the structure."""

from __future__ import annotations

import pytest

from innosite.translate.inline import Code, Content, parse_inline
from innosite.translate.segments import check_codes, target_markdown

SOURCE = parse_inline("Kuusi [hanketta](liite.pdf) ja **tärkeä** asia[^1].")


def g(code_id: str, *children: str | Code) -> Code:
    return Code(code_id, "g", "", "", "", tuple(children))


def x(code_id: str) -> Code:
    return Code(code_id, "x", "", "")


def messages(target: Content) -> list[str]:
    return [problem.message for problem in check_codes(SOURCE, target)]


def test_the_codes_of_the_source_rebuild_the_markdown() -> None:
    target = ("Sex ", g("1", "projekt"), " och ", g("2", "viktig"), " sak", x("3"), ".")
    assert messages(target) == []
    assert target_markdown(SOURCE, target, "p") == "Sex [projekt](liite.pdf) och **viktig** sak[^1]."


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (
            ("Sex projekt och ", g("2", "viktig"), x("3")),
            ['the translation lacks the link to "liite.pdf" (inline code 1): keep every code of the source'],
        ),
        (
            ("Sex ", g("1", "projekt"), g("2", "viktig"), x("3"), x("3")),
            ["the translation has the footnote reference [^1] (inline code 3) twice: keep it once"],
        ),
        (
            ("Sex ", g("1", "projekt"), g("2", "viktig"), x("3"), x("9")),
            ["the translation has an inline code 9 that the source does not have: remove it"],
        ),
        (
            ("Sex ", x("1"), g("2", "viktig"), x("3")),
            ['the link to "liite.pdf" (inline code 1) was changed: copy it from the source as it is'],
        ),
        (
            ("Sex ", g("1", "projekt", x("3")), g("2", "viktig")),
            ["the footnote reference [^1] (inline code 3) was moved: keep it outside other codes, as in the source"],
        ),
    ],
)
def test_broken_codes_are_refused_with_plain_messages(target: Content, expected: list[str]) -> None:
    assert messages(target) == expected


@pytest.mark.parametrize(
    ("kind", "typed", "markdown"),
    [
        ("p", "# inte en rubrik", "\\# inte en rubrik"),
        ("p", "2021. var ett år", "2021\\. var ett år"),
        ("p", "rad ett\n- inte en lista", "rad ett\n\\- inte en lista"),
        ("p", "stycke\n\n\nsamma stycke", "stycke\nsamma stycke"),
        ("li", "> inte ett citat", "\\> inte ett citat"),
        ("h", "rubrik\npå två rader", "rubrik på två rader"),
        ("td", "a | b", "a \\| b"),
        ("td", "a \\| b", "a \\| b"),
        ("title", "  titel\nmed radbrytning ", "titel med radbrytning"),
    ],
)
def test_typed_text_cannot_change_the_structure(kind: str, typed: str, markdown: str) -> None:
    assert target_markdown(("lähde",), (typed,), kind) == markdown


def test_a_translation_equal_to_the_source_is_kept_byte_for_byte() -> None:
    source = parse_inline("rivi\n- ei lista")
    assert target_markdown(source, source, "p") == "rivi\n- ei lista"
