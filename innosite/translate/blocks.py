"""A Markdown body as a skeleton with slots, and one translatable block per slot.

The skeleton is the body with the text of each translatable block cut out:
list markers, indentation, `>` of quotes, table pipes and separator rows,
heading hashes, attribute lists after headings, footnote labels, fenced and
indented code, link definitions and blank lines all stay in it. A block is a
paragraph, a heading, a list item's paragraph, a table cell, a footnote's text,
a quoted paragraph, a definition list's term or definition, an abbreviation and
its explanation, or the text of an HTML block.

`rebuild(skeleton, {path: block.text})` gives the body back byte for byte; with
translated texts it gives the translation in the same structure. The rules
follow Python-Markdown with the extra extensions (what the site renders with):
where the two could disagree on an odd text, the round trip is still exact and
only what the translator sees differs.
"""

from __future__ import annotations

import re

from innosite.translate.inline import code_span_end, parse_inline, plain_text
from innosite.translate.skeleton import NOTES, SINGLE_LINE, Block, Skeleton, Slot, Span, indentation, strip_columns

_FENCE = re.compile(r"(`{3,}|~{3,})")


_HR = re.compile(r"(?:(?:\*[ ]{0,2}){3,}|(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,})\s*$")


_SETEXT = re.compile(r"(=+|-+)[ ]*$")


_LIST = re.compile(r"(?:[*+-]|\d+\.)(?:[ ]+|$)")


_FOOTNOTE_DEF = re.compile(r"\[\^([^\]\n]+)\]:[ ]*")


_REF_DEF = re.compile(r"\[([^\]\n^][^\]\n]*)\]:[ \t]*\S")


_REF_LABEL = re.compile(r"^[ \t>]*\[([^\]\n^][^\]\n]*)\]:[ \t]*\S", re.MULTILINE)


_ABBR_DEF = re.compile(r"\*\[([^\]\n]+)\]:[ ]*")


_TABLE_SEPARATOR = re.compile(r"\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


_DEFINITION = re.compile(r":[ ]+")


_ATTR_LINE = re.compile(r"\s*\{:?[^{}\n]*\}\s*$")


_HEADING_ATTRS = re.compile(r"\s*\{:?[^{}\n]*\}\s*$")


_HTML_BLOCK = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b|<!--")


_HTML_EDGE = re.compile(r"\A(?:\s|<[^<>]*>)+|(?:\s|<[^<>]*>)+\Z")


_BLOCK_TAG_NAMES = (
    "address article aside blockquote canvas dd del details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr iframe ins main math nav noscript ol p pre section table tfoot ul video "
    "script style"
)


BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split(" "))
"""Tags that start a raw HTML block in Python-Markdown (its block-level elements)."""


def parse_body(body: str) -> tuple[Skeleton, tuple[Block, ...], frozenset[str]]:
    """The skeleton, the blocks and the link labels (`[label]: url`) of a body."""
    parser = _BodyParser(body)
    parser.blocks([(index, 0) for index in range(len(parser.lines))], "p")
    return parser.result()


class _BodyParser:
    """Finds the blocks of a body; regions are lists of (line, column where its content starts)."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.lines = body.split("\n")
        self.found: list[tuple[str, list[Span], str]] = []
        self.refs = frozenset(label.lower() for label in _REF_LABEL.findall(body))

    def content(self, row: tuple[int, int]) -> str:
        return self.lines[row[0]][row[1] :]

    def blank(self, row: tuple[int, int]) -> bool:
        return not self.content(row).strip()

    def blocks(self, region: list[tuple[int, int]], ctx: str) -> None:
        """Find the blocks in a region; `ctx` is the kind of its paragraphs (p, li, q, fn)."""
        i = 0
        while i < len(region):
            row = region[i]
            text = self.content(row)
            if not text.strip():
                i += 1
                continue
            columns, chars = indentation(text)
            rest = text[chars:]
            start = row[1] + chars
            if columns >= 4:
                i = self.skip_indented(region, i)
            elif fence := _FENCE.match(rest):
                i = self.skip_fence(region, i, fence.group())
            elif rest.startswith("#"):
                self.heading(row[0], start)
                i += 1
            elif _HR.match(rest):
                i += 1
            elif rest.startswith(">"):
                i = self.quote(region, i)
            elif marker := _LIST.match(rest):
                i = self.item(region, i, start + marker.end(), "li")
            elif footnote := _FOOTNOTE_DEF.match(rest):
                i = self.item(region, i, start + footnote.end(), "fn")
            elif _ABBR_DEF.match(rest):
                self.abbreviation(row[0], start, rest)
                i += 1
            elif _REF_DEF.match(rest):
                i += 1
            elif self.is_table(region, i):
                i = self.table(region, i)
            elif chars == 0 and self.is_html_block(rest):
                i = self.html_block(region, i)
            else:
                i = self.paragraph(region, i, ctx)

    def skip_indented(self, region: list[tuple[int, int]], i: int) -> int:
        while i < len(region) and (self.blank(region[i]) or indentation(self.content(region[i]))[0] >= 4):
            i += 1
        return i

    def skip_fence(self, region: list[tuple[int, int]], i: int, fence: str) -> int:
        for j in range(i + 1, len(region)):
            line = self.content(region[j]).strip()
            if line.startswith(fence) and not line.strip(fence[0]):
                return j + 1
        return len(region)

    def add(self, kind: str, spans: list[Span], note: str | None = None) -> None:
        """Record a block after trimming spaces and a closing attribute list into the skeleton."""
        spans = [s for s in spans]
        while spans and _ATTR_LINE.fullmatch(self.lines[spans[-1][0]][spans[-1][1] : spans[-1][2]]):
            spans.pop()
        if not spans:
            return
        line, start, end = spans[0]
        text = self.lines[line]
        start += len(text[start:end]) - len(text[start:end].lstrip())
        spans[0] = (line, start, end)
        line, start, end = spans[-1]
        text = self.lines[line]
        end = start + len(text[start:end].rstrip())
        spans[-1] = (line, start, end)
        markdown = "\n".join(self.lines[ln][a:b] for ln, a, b in spans)
        if not any(char.isalpha() for char in plain_text(parse_inline(markdown, self.refs))):
            return
        self.found.append((kind, spans, NOTES[kind] if note is None else note))

    def heading(self, line: int, start: int) -> None:
        text = self.lines[line]
        hashes = len(text[start:]) - len(text[start:].lstrip("#"))
        if hashes > 6:
            self.paragraph([(line, start)], 0, "p")
            return
        end = len(text)
        attrs = _HEADING_ATTRS.search(text, start + hashes)
        if attrs:
            end = attrs.start()
        end = start + hashes + len(text[start + hashes : end].rstrip().rstrip("#"))
        self.add("h", [(line, start + hashes, end)], f"A heading (level {hashes}).")

    def quote(self, region: list[tuple[int, int]], i: int) -> int:
        inner = []
        while i < len(region) and not self.blank(region[i]):
            line, start = region[i]
            text = self.content(region[i])
            columns, chars = indentation(text)
            if columns < 4 and text[chars:].startswith(">"):
                start += chars + 1
                if text[chars + 1 : chars + 2] == " ":
                    start += 1
            inner.append((line, start))
            i += 1
        self.blocks(inner, "q")
        return i

    def item(self, region: list[tuple[int, int]], i: int, first: int, kind: str) -> int:
        """A list item or footnote: its first line after the marker, indented lines, lazy lines."""
        inner = [(region[i][0], first)]
        i += 1
        while i < len(region):
            text = self.content(region[i])
            if not text.strip():
                after = i
                while after < len(region) and self.blank(region[after]):
                    after += 1
                ended = kind == "fn" and after - i > 1  # Python-Markdown ends a footnote at two blank lines
                if after < len(region) and indentation(self.content(region[after]))[0] >= 4 and not ended:
                    inner.extend(region[i:after])
                    i = after
                    continue
                break
            columns, chars = indentation(text)
            line, start = region[i]
            if columns >= 4:
                inner.append((line, start + strip_columns(text, 4)))
            elif self.ends_item(text[chars:], kind):
                break
            else:
                inner.append((line, start + chars))
            i += 1
        self.blocks(inner, kind)
        return i

    def ends_item(self, rest: str, kind: str) -> bool:
        """Whether a line (without its indentation) starts the next item or another block."""
        next_item = _LIST.match(rest) or _FOOTNOTE_DEF.match(rest) or (kind == "dd" and _DEFINITION.match(rest))
        return bool(next_item or self.starts_block(rest))

    def starts_block(self, rest: str) -> bool:
        """Whether a line (without its indentation) interrupts a paragraph."""
        return bool(rest.startswith(("#", ">")) or _FENCE.match(rest) or _HR.match(rest))

    def abbreviation(self, line: int, start: int, rest: str) -> None:
        match = _ABBR_DEF.match(rest)
        assert match is not None
        term = match.group(1)
        self.add("abbr", [(line, start + 2, start + 2 + len(term))])
        self.add("abbr-title", [(line, start + match.end(), len(self.lines[line]))])

    def is_table(self, region: list[tuple[int, int]], i: int) -> bool:
        if i + 1 >= len(region) or "|" not in self.content(region[i]):
            return False
        separator = self.content(region[i + 1]).strip()
        return "|" in separator and bool(_TABLE_SEPARATOR.match(separator))

    def table(self, region: list[tuple[int, int]], i: int) -> int:
        self.row(region[i], "th", 0)
        number = 1
        i += 2
        while i < len(region) and not self.blank(region[i]):
            self.row(region[i], "td", number)
            number += 1
            i += 1
        return i

    def row(self, row: tuple[int, int], kind: str, number: int) -> None:
        line, start = row
        text = self.lines[line]
        position = start + len(text[start:]) - len(text[start:].lstrip())
        if text.startswith("|", position):
            position += 1
        cells = []
        cell_start = position
        j = position
        while j < len(text):
            char = text[j]
            if char == "\\":
                j += 2
                continue
            if char == "`" and (after := code_span_end(text, j, len(text))) is not None:
                j = after
                continue
            if char == "|":
                cells.append((cell_start, j))
                cell_start = j + 1
            j += 1
        if text[cell_start:].strip():
            cells.append((cell_start, len(text)))
        for column, (a, b) in enumerate(cells, start=1):
            where = f"column {column}" if kind == "th" else f"row {number}, column {column}"
            self.add(kind, [(line, a, b)], f"{NOTES[kind][:-1]} ({where}).")

    def is_html_block(self, rest: str) -> bool:
        match = _HTML_BLOCK.match(rest)
        return bool(match and (match.group() == "<!--" or match.group(2).lower() in BLOCK_TAGS))

    def html_block(self, region: list[tuple[int, int]], i: int) -> int:
        """Raw HTML up to the next blank line: its text (tags as codes) is one block."""
        first = i
        while i < len(region) and not self.blank(region[i]):
            i += 1
        rows = region[first:i]
        spans = [(line, start, len(self.lines[line])) for line, start in rows]
        whole = "\n".join(self.lines[line][a:b] for line, a, b in spans)
        lead = _HTML_EDGE.match(whole)
        trail = _HTML_EDGE.search(whole, lead.end() if lead else 0)
        body_start = lead.end() if lead else 0
        body_end = trail.start() if trail and trail.end() == len(whole) else len(whole)
        if body_start < body_end:
            self.add("html", _sub_spans(spans, body_start, body_end))
        return i

    def paragraph(self, region: list[tuple[int, int]], i: int, ctx: str) -> int:
        spans: list[Span] = []
        while i < len(region):
            line, start = region[i]
            text = self.content(region[i])
            if not text.strip():
                break
            columns, chars = indentation(text)
            rest = text[chars:]
            if spans and columns < 4:
                if _SETEXT.match(rest):
                    self.add(ctx, spans[:-1])
                    level = 1 if rest.startswith("=") else 2
                    self.add("h", spans[-1:], f"A heading (level {level}).")
                    return i + 1
                if self.starts_block(rest) or (ctx == "li" and _LIST.match(rest)):
                    break
                if _DEFINITION.match(rest):
                    return self.definitions(region, i, spans)
            spans.append((line, start + chars, len(self.lines[line])))
            i += 1
        self.add(ctx, spans)
        return i

    def definitions(self, region: list[tuple[int, int]], i: int, terms: list[Span]) -> int:
        """Terms, one a line, then each `: definition` with its indented or lazy lines, as a list item."""
        for span in terms:
            self.add("dt", [span])
        while i < len(region):
            text = self.content(region[i])
            columns, chars = indentation(text)
            match = _DEFINITION.match(text[chars:]) if columns < 4 else None
            if match is None:
                break
            i = self.item(region, i, region[i][1] + chars + match.end(), "dd")
        return i

    def result(self) -> tuple[Skeleton, tuple[Block, ...], frozenset[str]]:
        offsets = [0]
        for text in self.lines:
            offsets.append(offsets[-1] + len(text) + 1)
        found = sorted(self.found, key=lambda item: (item[1][0][0], item[1][0][1]))
        pieces: list[str | Slot] = []
        blocks = []
        position = 0
        for number, (kind, spans, note) in enumerate(found, start=1):
            path = f"body-{number}-{kind}"
            first_line, first_start, _ = spans[0]
            pieces.append(self.body[position : offsets[first_line] + first_start])
            breaks = tuple(self.lines[line][:start] for line, start, _ in spans[1:])
            more = None if kind in SINGLE_LINE else _continuation(self.lines[first_line][:first_start])
            pieces.append(Slot(path, breaks, breaks[-1] if breaks and more is not None else more))
            text = "\n".join(self.lines[line][a:b] for line, a, b in spans)
            blocks.append(Block(path, kind, text, first_line, note))
            last_line, _, last_end = spans[-1]
            position = offsets[last_line] + last_end
        pieces.append(self.body[position:])
        return Skeleton(tuple(p for p in pieces if p != "")), tuple(blocks), self.refs


def _continuation(prefix: str) -> str:
    """The indentation of a new line continuing a block whose first line starts after `prefix`."""
    kept = re.sub(r"\[\^[^\]]*\]:", lambda m: " " * len(m.group()), prefix)
    return "".join(char if char in "> \t" else " " for char in kept)


def _sub_spans(spans: list[Span], start: int, end: int) -> list[Span]:
    """The spans covering characters start..end of the spans' text joined by newlines."""
    result = []
    offset = 0
    for line, a, b in spans:
        length = b - a
        lo, hi = max(start - offset, 0), min(end - offset, length)
        if lo < hi or (lo == hi and start <= offset + lo < end):
            result.append((line, a + lo, a + hi))
        offset += length + 1
    return result
