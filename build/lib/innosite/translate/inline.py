"""Inline Markdown of one unit as text and protected codes, and back.

A unit's Markdown ("Kuusi [hanketta](liite.pdf) **nyt**[^1]") becomes text for
the translator and codes the translator cannot edit: a paired code around text
that stays translatable (a link's text, emphasis, an image's alt text) and a
standalone code for what has no translatable text (a footnote reference, a code
span, an HTML tag, an attribute list, a line break). In XLIFF they are `<g>` and
`<x/>`; the Markdown of every code stays here, never in the file.

`to_markdown(parse_inline(text)) == text` for every text: nothing is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count

ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!|")
"""Characters a backslash escapes in Python-Markdown with the extra extensions."""

_AUTOLINK = re.compile(r"<(?:(?:https?|ftp|mailto|tel):[^<>\s]+|[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>")
_HTML_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?\s*/?|!--.*?--)>", re.DOTALL)
_ATTR_LIST = re.compile(r"\{:?[ ]*(?:[#.][\w-]|[\w-]+=)[^{}\n]*\}")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_HARD_BREAK = re.compile(r" {2,}\n")
_URL_PART = re.compile(r"\((?:[^()\\\n]|\\.|\((?:[^()\\\n]|\\.)*\))*\)")
_REF_PART = re.compile(r"\[([^\[\]\n]*)\]")


@dataclass(frozen=True, slots=True)
class Code:
    """A protected piece: paired (`g`, around translatable children) or standalone (`x`)."""

    id: str
    """Its number in the unit ("1", "2", ...), in the order the codes open."""
    kind: str
    """"g" (paired) or "x" (standalone)."""
    ctype: str
    """XLIFF 1.2 ctype: link, bold, italic, lb, or an x-md-... / x-html extension."""
    open: str
    """The Markdown before the children (all of it for a standalone code)."""
    close: str = ""
    children: tuple[str | Code, ...] = ()
    what: str = ""
    """What it is, in plain words, for notes and messages ('the link to "liite.pdf"')."""


Content = tuple[str | Code, ...]


def parse_inline(text: str, refs: frozenset[str] = frozenset()) -> Content:
    """The text and codes of one unit's Markdown; `refs` are the link labels defined in the body."""
    return _Parser(text, refs, count(1)).parse(0, len(text))


def to_markdown(content: Content) -> str:
    """The Markdown of text and codes (the inverse of parse_inline)."""
    return "".join(piece if isinstance(piece, str) else _code_markdown(piece) for piece in content)


def _code_markdown(code: Code) -> str:
    return code.open + to_markdown(code.children) + code.close


def codes(content: Content) -> Iterator[tuple[Code, Code | None]]:
    """Every code with its parent code (None at the top), in document order."""
    for piece in content:
        if isinstance(piece, Code):
            yield from _codes_under(piece, None)


def _codes_under(code: Code, parent: Code | None) -> Iterator[tuple[Code, Code | None]]:
    yield code, parent
    for child in code.children:
        if isinstance(child, Code):
            yield from _codes_under(child, code)


def plain_text(content: Content) -> str:
    """The translatable words only (codes' children kept, their Markdown dropped)."""
    return "".join(piece if isinstance(piece, str) else plain_text(piece.children) for piece in content)


def _merge(pieces: list[str | Code]) -> Content:
    """Adjacent text pieces joined into one."""
    merged: list[str | Code] = []
    for piece in pieces:
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        elif piece != "":
            merged.append(piece)
    return tuple(merged)


class _Parser:
    """A small scanner in the spirit of Python-Markdown's inline patterns (exact where it matters:
    whatever it does not recognise stays text, and text is given back unchanged)."""

    def __init__(self, text: str, refs: frozenset[str], numbers: count) -> None:
        self.text = text
        self.refs = refs
        self.numbers = numbers

    def code(self, kind: str, ctype: str, open_: str, close: str = "", children: Content = (), what: str = "") -> Code:
        return Code(str(next(self.numbers)), kind, ctype, open_, close, children, what)

    def parse(self, start: int, end: int) -> Content:
        text = self.text
        pieces: list[str | Code] = []
        plain = start
        i = start
        while i < end:
            found = self.token(i, end)
            if found is None:
                i += 2 if text[i] == "\\" and i + 1 < end and text[i + 1] in ESCAPABLE else 1
                continue
            pieces.append(text[plain:i])
            piece, i = found
            pieces.append(piece)
            plain = i
        pieces.append(text[plain:end])
        return _merge(pieces)

    def token(self, i: int, end: int) -> tuple[Code, int] | None:
        """The code starting at i and where it ends, or None."""
        char = self.text[i]
        if char == "`":
            return self.code_span(i, end)
        if char == "<":
            return self.angle(i, end)
        if char == "!" and self.text.startswith("![", i):
            return self.link(i + 1, end, image=True)
        if char == "[":
            return self.footnote_ref(i, end) or self.link(i, end, image=False)
        if char in "*_":
            return self.emphasis(i, end)
        if char == "{":
            match = _ATTR_LIST.match(self.text, i, end)
            if match:
                attrs = match.group()
                return self.code("x", "x-md-attributes", attrs, what=f"the attribute list {attrs}"), match.end()
        if char == " ":
            match = _HARD_BREAK.match(self.text, i, end)
            if match:
                return self.code("x", "lb", match.group(), what="the line break"), match.end()
        return None

    def code_span(self, i: int, end: int) -> tuple[Code, int] | None:
        after = code_span_end(self.text, i, end)
        if after is None:
            return None
        span = self.text[i:after]
        return self.code("x", "x-md-code", span, what=f"the code {_short(span)}"), after

    def angle(self, i: int, end: int) -> tuple[Code, int] | None:
        match = _AUTOLINK.match(self.text, i, end)
        if match:
            return self.code("x", "x-md-autolink", match.group(), what=f"the address {match.group()}"), match.end()
        match = _HTML_TAG.match(self.text, i, end)
        if match:
            tag = match.group()
            return self.code("x", "x-html", tag, what=f"the HTML tag {_short(tag)}"), match.end()
        return None

    def footnote_ref(self, i: int, end: int) -> tuple[Code, int] | None:
        match = _FOOTNOTE_REF.match(self.text, i, end)
        if not match:
            return None
        label = match.group()
        return self.code("x", "x-md-footnote", label, what=f"the footnote reference {label}"), match.end()

    def link(self, i: int, end: int, image: bool) -> tuple[Code, int] | None:
        """`[text](url)`, `[text][ref]`, `[text][]` or `[ref]` (a defined label); `!` before it: an image."""
        close = self.bracket_end(i, end)
        if close is None:
            return None
        inner = self.text[i + 1 : close]
        after = close + 1
        match = _URL_PART.match(self.text, after, end) or _REF_PART.match(self.text, after, end)
        if match:
            target = match.group()
            label = target[1:-1] if target.startswith("[") else None
            if label is not None and (label or inner).lower() not in self.refs:
                return None
            after = match.end()
        elif inner.lower() not in self.refs:
            return None
        else:
            target = ""
        start = i - 1 if image else i
        number = next(self.numbers)
        children = self.parse(i + 1, close)
        shown = target[1:-1] if target.startswith("(") else (target or f"[{inner}]")
        what = f'the image "{_short(shown)}"' if image else f'the link to "{_short(shown)}"'
        ctype = "x-md-image" if image else "link"
        code = Code(str(number), "g", ctype, self.text[start : i + 1], "]" + target, children, what)
        return code, after

    def bracket_end(self, i: int, end: int) -> int | None:
        """The `]` closing the `[` at i (nested brackets, escapes and code spans skipped)."""
        depth = 0
        j = i
        text = self.text
        while j < end:
            char = text[j]
            if char == "\\":
                j += 2
                continue
            if char == "`" and (span_end := code_span_end(text, j, end)) is not None:
                j = span_end
                continue
            if char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
                if depth == 0:
                    return j
            j += 1
        return None

    def emphasis(self, i: int, end: int) -> tuple[Code, int] | None:
        """`*em*`, `**strong**`, `***both***` (and with `_`, not inside a word)."""
        text = self.text
        char = text[i]
        run = min(len(text[i:end]) - len(text[i:end].lstrip(char)), 3)
        if char == "_" and i > 0 and text[i - 1].isalnum():
            return None
        if i + run >= end or text[i + run].isspace():
            return None
        closer = self.closer(char * run, i + run, end)
        if closer is None:
            return None
        if run == 3:
            self_numbers = next(self.numbers)
            inner_number = next(self.numbers)
            children = self.parse(i + 3, closer)
            em = Code(str(inner_number), "g", "italic", char, char, children, "the italic text")
            return Code(str(self_numbers), "g", "bold", char * 2, char * 2, (em,), "the bold text"), closer + 3
        number = next(self.numbers)
        children = self.parse(i + run, closer)
        ctype, what = ("bold", "the bold text") if run == 2 else ("italic", "the italic text")
        return Code(str(number), "g", ctype, char * run, char * run, children, what), closer + run

    def closer(self, delimiter: str, start: int, end: int) -> int | None:
        """Where the delimiter closes: after a non-space, not followed by the same character."""
        text = self.text
        char = delimiter[0]
        j = start
        while j < end:
            if text[j] == "\\":
                j += 2
                continue
            if text[j] == "`" and (span_end := code_span_end(text, j, end)) is not None:
                j = span_end
                continue
            if text.startswith(delimiter, j) and j > start and not text[j - 1].isspace():
                after = j + len(delimiter)
                inside_word = char == "_" and after < end and text[after].isalnum()
                if (after >= end or text[after] != char) and not inside_word:
                    return j
            j += 1
        return None


def code_span_end(text: str, i: int, end: int) -> int | None:
    """Where the code span opened by the backticks at i ends, or None (an unmatched run is text)."""
    run = len(text[i:end]) - len(text[i:end].lstrip("`"))
    ticks = "`" * run
    j = i + run
    while True:
        j = text.find(ticks, j, end)
        if j < 0:
            return None
        after = j + run
        if after < end and text[after] == "`":  # a longer run is not the closing one
            j = after + len(text[after:end]) - len(text[after:end].lstrip("`"))
            continue
        return after


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
