"""A YAML mistake is named at the line to fix, in words that say what to do: above all a line indented wrongly."""

from __future__ import annotations

import pytest

from innosite.content.source import SourceError, parse_yaml

META = """published: 2026-12-07 10:30
themes: [sport]
cities:
  - tampere
  - oulu
contacts:
  - name: Riina Pulkkinen
    phone: 040 708 0178
    email: riina.pulkkinen@pirkanmaa.fi
image:
  src: kuva.jpg
  alt:
    fi: Kolme pyöräilijää
    sv: Tre cyklister
    en: Three cyclists
  credit: Kalle Kuvaaja
"""
KEYS = "line up keys that belong together"
ITEMS = 'line up the "-" of the items of one list'


def broken(line: int, written: str) -> str:
    """META with its line (1-based) written otherwise."""
    lines = META.split("\n")
    lines[line - 1] = written
    return "\n".join(lines)


def test_the_example_is_read() -> None:
    assert parse_yaml(META).data["image"]["alt"]["sv"] == "Tre cyklister"


@pytest.mark.parametrize(
    ("line", "written", "at", "message"),
    [
        (13, "   fi: Kolme pyöräilijää", 13, f"this line is indented 3 spaces, the lines beside it 4: {KEYS}"),
        (14, "   sv: Tre cyklister", 14, f"this line is indented 3 spaces, the lines beside it 4: {KEYS}"),
        (14, "     sv: Tre cyklister", 14, f"this line is indented 5 spaces, the lines beside it 4: {KEYS}"),
        (8, "   phone: 040 708 0178", 8, f"this line is indented 3 spaces, the lines beside it 4: {KEYS}"),
        (8, "     phone: 040 708 0178", 8, f"this line is indented 5 spaces, the lines beside it 4: {KEYS}"),
        (8, "  phone: 040 708 0178", 8, f"this line is indented 2 spaces, the lines beside it 4: {KEYS}"),
        (5, " - oulu", 5, f"this line is indented 1 space, the line above it 2: {ITEMS}"),
        (5, "   - oulu", 5, f"this line is indented 3 spaces, the line above it 2: {ITEMS}"),
        (5, "- oulu", 5, f"this line is not indented, the line above it is indented 2 spaces: {ITEMS}"),
        (6, " contacts:", 6, f"this line is indented 1 space, the lines beside it are not indented: {KEYS}"),
        (
            16,
            "   credit: Kalle Kuvaaja",
            16,
            "this line is indented 3 spaces, the lines above it 2 or 4: line it up with the keys it belongs with",
        ),
        (
            16,
            " credit: Kalle Kuvaaja",
            16,
            "this line is indented 1 space, the lines above it 0 or 2: line it up with the keys it belongs with",
        ),
    ],
)
def test_a_line_indented_wrongly_is_named(line: int, written: str, at: int, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_yaml(broken(line, written))
    assert (caught.value.line, caught.value.message) == (at, message)


def test_the_line_is_counted_from_the_start_of_the_file() -> None:
    """In the front matter of a language file, the YAML starts on line 2."""
    with pytest.raises(SourceError) as caught:
        parse_yaml("correction:\n  date: 2026-12-07 14:00\n   text: Korjattu.\n", first_line=2)
    assert (caught.value.line, caught.value.message) == (
        4,
        f"this line is indented 3 spaces, the line above it 2: {KEYS}",
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('title: "Kokeilu\nsummary: x\n', 1, "a value in quotes is not closed: add the closing quote"),
        (
            'title: "C:\\kansio"\n',
            1,
            'a backslash (\\) inside "double quotes": write the value between single quotes',
        ),
        ("title: *tähti\n", 1, "a value starting with & or *: put the value in quotes"),
        (
            "themes: - sport\n",
            1,
            'a list item ("- ") on the line of its key: start the list on the next line, or put the value in quotes',
        ),
        ("summary: |Teksti\n  jatkuu\n", 1, "text after | or > on its line: start the text on the next line"),
        (
            "themes: [sport] photonics\n",
            1,
            "text after the end of a value (a closing quote or bracket): put the whole value in quotes",
        ),
        (
            "draft: true\n- sport\n",
            2,
            'a list item ("- ") where a key is expected: indent it under the "key:" of its list',
        ),
        ("title: Otsikko\nsummary: x\njust text\n", 3, "a line without 'key: value' (a missing colon?)"),
        ("title: Kokeilu: uusi\n", 1, "a colon followed by a space inside a value: put the value in quotes"),
    ],
)
def test_other_syntax_errors_say_what_to_do(text: str, line: int, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_yaml(text)
    assert (caught.value.line, caught.value.message) == (line, f"YAML syntax error: {message}")
