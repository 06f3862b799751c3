"""The parts of a parsed body: its skeleton with slots, its translatable blocks, and `rebuild`, which puts
texts (the source's or a translation's) back into the skeleton."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

NOTES = {
    "p": "",
    "li": "A list item.",
    "q": "A quotation.",
    "fn": "A footnote.",
    "dt": "A term of a definition list.",
    "dd": "A definition in a definition list.",
    "td": "A table cell.",
    "th": "A heading cell of a table.",
    "abbr": "An abbreviation as it is written in the text: each place it appears gets its explanation.",
    "abbr-title": "What the abbreviation stands for (shown when pointing at it).",
    "html": "Text inside HTML: the tags are codes.",
}


SINGLE_LINE = frozenset({"h", "td", "th", "abbr", "abbr-title"})
"""Kinds whose text cannot span lines (a line break would end the heading, the table row...)."""


@dataclass(frozen=True, slots=True)
class Slot:
    """Where a block's text goes in the skeleton."""

    path: str
    breaks: tuple[str, ...] = ()
    """What follows each line break of the source text: the indentation or `> ` of the next line."""
    more: str | None = ""
    """What follows a line break beyond those of the source (None: the text must stay on one line)."""


@dataclass(frozen=True, slots=True)
class Skeleton:
    """The body with the blocks' texts cut out."""

    pieces: tuple[str | Slot, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """A translatable piece of a body."""

    path: str
    """Its place: `body-<n>-<kind>`, n counting the blocks from 1."""
    kind: str
    """h, p, li, q, fn, dt, dd, td, th, abbr, abbr-title or html."""
    text: str
    """Its Markdown, exactly as in the body (without the indentation of continued lines)."""
    line: int
    """The 0-based line of the body where it starts."""
    note: str
    """What it is, for the translator."""


def rebuild(skeleton: Skeleton, texts: Mapping[str, str]) -> str:
    """The body with each slot's text from `texts` (every path must be there)."""
    out: list[str] = []
    for piece in skeleton.pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        text = texts[piece.path]
        if piece.more is None:
            text = " ".join(text.split("\n"))
        lines = text.split("\n")
        out.append(lines[0])
        for index, line in enumerate(lines[1:]):
            prefix = piece.breaks[index] if index < len(piece.breaks) else (piece.more or "")
            out.append("\n" + prefix + line)
    return "".join(out)


Span = tuple[int, int, int]
"""(line, start, end) of a piece of a block's text."""


def indentation(text: str) -> tuple[int, int]:
    """Leading indentation of a line: (columns with tabs to multiples of 4, characters)."""
    columns = 0
    for chars, char in enumerate(text):
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        else:
            return columns, chars
    return columns, len(text)


def strip_columns(text: str, wanted: int) -> int:
    """How many leading characters make up `wanted` columns of indentation (or all of it)."""
    columns = 0
    for chars, char in enumerate(text):
        if columns >= wanted or char not in " \t":
            return chars
        columns += 1 if char == " " else 4 - columns % 4
    return len(text)
