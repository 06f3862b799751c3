"""The skeleton of a body and its blocks: exact round trips, the same structure after translation."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings

from innosite.content.source import decode, split_front_matter
from innosite.translate.blocks import parse_body
from innosite.translate.inline import parse_inline, to_markdown
from innosite.translate.skeleton import Slot, rebuild
from tests.translate.helpers import structure, translate_body
from tests.translate.markdown_strategies import bodies

ROOT = Path(__file__).parents[2]
LANGUAGE_FILES = sorted((ROOT / "content").rglob("*.md")) + sorted((ROOT / "tests/sites/tiny/content").rglob("*.md"))


def body_of(path: Path) -> str:
    return split_front_matter(decode(path.read_bytes())).body


def round_trip(body: str) -> str:
    skeleton, blocks, refs = parse_body(body)
    for block in blocks:
        assert to_markdown(parse_inline(block.text, refs)) == block.text
    return rebuild(skeleton, {block.path: block.text for block in blocks})


@pytest.mark.parametrize("path", LANGUAGE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_language_file_rebuilds_byte_for_byte(path: Path) -> None:
    body = body_of(path)
    assert round_trip(body) == body


@pytest.mark.parametrize("path", LANGUAGE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_language_file_translates_to_the_same_structure(path: Path) -> None:
    body = body_of(path)
    assert structure(translate_body(body)) == structure(body, shouted=True)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies())
def test_generated_bodies_rebuild_byte_for_byte(body: str) -> None:
    assert round_trip(body) == body


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies())
@example("Termi\n: Määritelmä tässä\n\n    jatkuu sisennettynä")  # a definition goes on, indented, after a blank line
@example("[^1]: Lähde\n\n    jatkuu\n\n\n    koodia")  # two blank lines end a footnote: then indented text is code
def test_generated_bodies_translate_to_the_same_structure(body: str) -> None:
    """Every text of the page translated (here: upper case), nothing else changed: tags, addresses, code."""
    assert structure(translate_body(body)) == structure(body, shouted=True)


def test_the_skeleton_keeps_markers_pipes_ids_and_labels() -> None:
    body = (
        "## Otsikko {#osio}\n\n"
        "- kohta yksi\n  jatkuu\n- kohta [kaksi](/fi/hankkeet/)\n\n"
        "| Hanke | Kaupunki |\n|:--|--:|\n| Fotoniikka | Joensuu |\n\n"
        "> Lainaus[^1]\n\n"
        "[^1]: Lähde.\n\n"
        "```\nkoodi\n```\n"
    )
    skeleton, blocks, _ = parse_body(body)
    assert [(b.path, b.text) for b in blocks] == [
        ("body-1-h", "Otsikko"),
        ("body-2-li", "kohta yksi\njatkuu"),
        ("body-3-li", "kohta [kaksi](/fi/hankkeet/)"),
        ("body-4-th", "Hanke"),
        ("body-5-th", "Kaupunki"),
        ("body-6-td", "Fotoniikka"),
        ("body-7-td", "Joensuu"),
        ("body-8-q", "Lainaus[^1]"),
        ("body-9-fn", "Lähde."),
    ]
    assert skeleton.pieces == (
        "## ",
        Slot("body-1-h", (), None),
        " {#osio}\n\n- ",
        Slot("body-2-li", ("  ",), "  "),
        "\n- ",
        Slot("body-3-li", (), "  "),
        "\n\n| ",
        Slot("body-4-th", (), None),
        " | ",
        Slot("body-5-th", (), None),
        " |\n|:--|--:|\n| ",
        Slot("body-6-td", (), None),
        " | ",
        Slot("body-7-td", (), None),
        " |\n\n> ",
        Slot("body-8-q", (), "> "),
        "\n\n[^1]: ",
        Slot("body-9-fn", (), "      "),
        "\n\n```\nkoodi\n```\n",
    )


def test_a_longer_translation_continues_with_the_indentation_of_its_block() -> None:
    skeleton, blocks, _ = parse_body("- yksi\n\n    > kaksi\n")
    assert [b.text for b in blocks] == ["yksi", "kaksi"]
    assert (
        rebuild(skeleton, {"body-1-li": "ett\ntvå", "body-2-q": "tre\nfyra"})
        == "- ett\n  två\n\n    > tre\n    > fyra\n"
    )


def test_headings_and_cells_stay_on_one_line() -> None:
    skeleton, _, _ = parse_body("# Otsikko\n\n| a |\n|---|\n| b |\n")
    texts = {"body-1-h": "Rubrik\nlång", "body-2-th": "A\nB", "body-3-td": "C"}
    assert rebuild(skeleton, texts) == "# Rubrik lång\n\n| A B |\n|---|\n| C |\n"


def test_code_numbers_and_text_without_letters_are_not_units() -> None:
    _, blocks, _ = parse_body("2030\n\n| 16 | – |\n|---|---|\n| 1 | x |\n\n```\nteksti\n```\n\n    sisennetty\n")
    assert [b.text for b in blocks] == ["x"]
