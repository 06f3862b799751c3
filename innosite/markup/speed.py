"""Quicker stand-ins for some of Python-Markdown's passes: the same HTML, less work per body.

- Fenced code and raw HTML blocks: a body without ``` or ~~~ (or without `<`)
  is not searched for them.

- Blocks: the block parser offers every block to every block processor in
  turn, though a heading needs a `#`, a quote a `>`, a table a `|`. A
  processor is not offered a block without what it needs (it would refuse it).
- Inline patterns: Python-Markdown runs every pattern's regex over every text,
  though most texts hold none of the characters a pattern starts with (a link
  needs `[`, an entity `&`). A pattern whose characters are absent is skipped,
  which is what its search would have found; so are the `[text][id]` patterns
  in a body that defines no `[id]: address` (they would find no id).
- Link text: to find the `]` that ends a link's `[text`, Python-Markdown 3.11.4
  works out the closing bracket of every position of the text, and does it
  again for every link (the text changes as links are replaced). The closing
  bracket is looked for from the link on; past a few brackets, the stock pass
  does it (it stays linear on a long run of `[`).
- Heading ids: the toc pass serializes every heading to find its text and
  builds a table of contents even where no `[TOC]` asks for one. A heading of
  plain text gives its id from the text itself, and the table is only built
  when the body has a `[TOC]` line.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from functools import cache

import markdown
from markdown import blockprocessors, inlinepatterns, util
from markdown.blockparser import BlockParser
from markdown.extensions import Extension, abbr, def_list, fenced_code, footnotes, md_in_html, tables
from markdown.extensions.toc import TocExtension, TocTreeprocessor, remove_fnrefs, render_inner_html, strip_tags, unique
from markdown.treeprocessors import InlineProcessor

VERIFIED_VERSIONS = ((3, 11),)
"""Python-Markdown versions (major, minor) these stand-ins were checked against, output for output;
with another version the stock passes are used until they are checked again (tests/markup/test_markup_speed.py)."""
BLOCK_NEEDLES: dict[type, tuple[str, ...]] = {
    md_in_html.MarkdownInHtmlProcessor: (util.STX,),  # a block that is a stashed HTML element's placeholder
    tables.TableProcessor: ("|",),
    blockprocessors.HashHeaderProcessor: ("#",),
    blockprocessors.SetextHeaderProcessor: ("=", "-"),
    blockprocessors.HRProcessor: ("-", "_", "*"),
    def_list.DefListProcessor: (":",),
    blockprocessors.BlockQuoteProcessor: (">",),
    footnotes.FootnoteBlockProcessor: ("[^",),
    abbr.AbbrBlockprocessor: ("*[",),
    blockprocessors.ReferenceProcessor: ("[",),
}
"""Text that a block must contain for each block processor (by its exact class) to take it."""
NEEDLES: dict[str, tuple[str, ...]] = {
    inlinepatterns.BACKTICK_RE: ("`",),
    inlinepatterns.ESCAPE_RE: ("\\",),
    r"\[\^([^\]]*)\]": ("[^",),  # footnotes' FOOTNOTE_RE
    inlinepatterns.LINK_RE: ("[",),
    inlinepatterns.REFERENCE_RE: ("[",),
    inlinepatterns.IMAGE_LINK_RE: ("![",),
    inlinepatterns.IMAGE_REFERENCE_RE: ("![",),
    inlinepatterns.AUTOLINK_RE: ("<",),
    inlinepatterns.AUTOMAIL_RE: ("<",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
    inlinepatterns.HTML_RE: ("<",),
    inlinepatterns.ENTITY_RE: ("&",),
    r"\*": ("*",),  # Markdown before 3.10: *emphasis* and _emphasis_ by two patterns
    r"_": ("_",),
}
"""Text that a match of each known inline pattern (by its regex) must contain."""
_PLAIN_HEADING_UNSAFE = ("&", "<", ">", util.STX, util.ETX)
"""Characters after which a heading's text is no longer its serialized text (escapes, placeholders)."""


REFERENCE_PATTERNS = (
    inlinepatterns.ReferenceInlineProcessor,
    inlinepatterns.ShortReferenceInlineProcessor,
    inlinepatterns.ImageReferenceInlineProcessor,
    inlinepatterns.ShortImageReferenceInlineProcessor,
)
"""`[text][id]` and `[id]` patterns: they change nothing in a body that defines no `[id]: address`."""


def _needles(pattern: object) -> tuple[str, ...] | None:
    """What a match of the pattern must contain, or None for a pattern not known here (always tried)."""
    regex = getattr(getattr(pattern, "compiled_re", None), "pattern", None)
    if isinstance(pattern, inlinepatterns.DelimiterProcessor):  # *emphasis*, _emphasis_: one of its tokens
        return tuple(pattern.tokens)
    return NEEDLES.get(regex) if regex is not None else None


class SkippingFencedBlockPreprocessor(fenced_code.FencedBlockPreprocessor):
    """fenced_code's preprocessor, returning a body without a fence as it is (what it would find)."""

    def run(self, lines: list[str]) -> list[str]:
        """FencedBlockPreprocessor.run where the body has ``` or ~~~ (its fences start with three of them)."""
        if any("```" in line or "~~~" in line for line in lines):
            return super().run(lines)
        return lines


class SkippingHtmlBlockPreprocessor(md_in_html.HtmlBlockPreprocessor):
    """md_in_html's preprocessor, returning a body without `<` as it is (there is no HTML in it)."""

    def run(self, lines: list[str]) -> list[str]:
        """HtmlBlockPreprocessor.run where the body has a `<`."""
        if any("<" in line for line in lines):
            return super().run(lines)
        return lines


PREPROCESSORS = {
    fenced_code.FencedBlockPreprocessor: SkippingFencedBlockPreprocessor,
    md_in_html.HtmlBlockPreprocessor: SkippingHtmlBlockPreprocessor,
}
"""The preprocessors swapped for their skipping subclasses (the same objects, their settings kept)."""


_BRACKET = re.compile(r"[\[\]]")
BRACKETS_LOOKED_AT = 32
"""Brackets a link's text is scanned for its end before the stock pass takes over."""


class QuickLinkText:
    """Finds a link's or image's `[text]` from the link on (mixed into the pattern's own class)."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802
        """LinkInlineProcessor.getText: the text up to the `]` that closes the `[` before index, the index
        just past it, and whether there is one."""
        if getattr(self, "_bracket_data", None) is data:  # the stock pass has worked this text out already
            return super().getText(data, index)  # type: ignore[misc]
        depth = 0
        for count, found in enumerate(_BRACKET.finditer(data, index)):
            if count == BRACKETS_LOOKED_AT:
                return super().getText(data, index)  # type: ignore[misc]
            if found.group() == "[":
                depth += 1
                continue
            depth -= 1
            if depth < 0:
                return data[index : found.start()], found.end(), True
        return data[index:], len(data), False


@cache
def _quick_text(kind: type) -> type:
    """The link pattern class with QuickLinkText (made once per class)."""
    return type(f"Quick{kind.__name__}", (QuickLinkText, kind), {})


class SkippingBlockParser(BlockParser):
    """Python-Markdown's block parser, not offering a block to a processor that needs what it lacks."""

    def parseDocument(self, lines: Iterable[str]) -> etree.ElementTree:  # noqa: N802
        """BlockParser.parseDocument, with the processors listed once for the whole body."""
        self._processors = self._listed()
        return super().parseDocument(lines)

    def _listed(self) -> list[tuple[blockprocessors.BlockProcessor, tuple[str, ...] | None]]:
        return [(p, BLOCK_NEEDLES.get(type(p))) for p in self.blockprocessors]

    def parseBlocks(self, parent: etree.Element, blocks: list[str]) -> None:  # noqa: N802
        """BlockParser.parseBlocks, skipping the processors whose needles are not in the block."""
        processors = getattr(self, "_processors", None) or self._listed()
        while blocks:
            block = blocks[0]
            for processor, needed in processors:
                if needed is not None:
                    for needle in needed:
                        if needle in block:
                            break
                    else:
                        continue
                if processor.test(parent, block) and processor.run(parent, blocks) is not False:
                    break


class SkippingInlineProcessor(InlineProcessor):
    """Python-Markdown's inline pass, not trying a pattern on text that lacks what the pattern needs."""

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        """The inline pass over the tree, with the patterns listed once (not looked up per text)."""
        self._patterns = list(self.inlinePatterns)
        no_references = not self.md.references
        self._pattern_needles = [
            () if no_references and type(pattern) in REFERENCE_PATTERNS else _needles(pattern)
            for pattern in self._patterns
        ]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        """InlineProcessor.__handleInline, skipping (as not matched) patterns whose needles are absent."""
        if isinstance(data, util.AtomicString):
            return data
        patterns, needles = self._patterns, self._pattern_needles
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]  # the base class's private method
        start = 0
        count = len(patterns)
        while patternIndex < count:
            needed = needles[patternIndex]
            if needed is not None:
                for needle in needed:
                    if needle in data:
                        break
                else:
                    patternIndex += 1
                    start = 0
                    continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class HeadingIdTreeprocessor(TocTreeprocessor):
    """The toc pass: the same heading ids, the table of contents built only for a `[TOC]` marker."""

    def run(self, doc: etree.Element) -> None:
        """Give headings their ids; a body with the marker takes the whole toc pass."""
        used_ids: set[str] = set()
        headings = []
        marked = False
        marker, is_heading = self.marker, self.header_rgx.match
        for el in doc.iter():  # one walk: the ids taken, the headings, a marker
            if "id" in el.attrib:
                used_ids.add(el.attrib["id"])
            if isinstance(el.tag, str) and is_heading(el.tag):
                headings.append(el)
            text = el.text
            if marker and text and marker in text and text.strip() == marker and len(el) == 0:
                marked = True
        if marked or self.use_anchors or self.use_permalinks:
            super().run(doc)
            return
        id_counters: dict[str, int] = {}
        for el in headings:
            self.set_level(el)
            self._heading(el, used_ids, id_counters)

    def _heading(self, el: etree.Element, used_ids: set[str], id_counters: dict[str, int]) -> None:
        """What TocTreeprocessor.run does to one heading (no anchors or permalinks are configured)."""
        if "id" not in el.attrib:
            el.attrib["id"] = unique(self.slugify(self._name(el), self.sep), used_ids, id_counters)
        if "data-toc-label" in el.attrib:
            del el.attrib["data-toc-label"]

    def _name(self, el: etree.Element) -> str:
        """The heading's text as toc reads it: serialized, its tags stripped, its entities read."""
        text = el.text or ""
        if len(el) == 0 and not any(c in text for c in _PLAIN_HEADING_UNSAFE):
            return " ".join(text.split())
        return html.unescape(strip_tags(render_inner_html(remove_fnrefs(el), self.md)))


class HeadingIdExtension(TocExtension):
    """toc with HeadingIdTreeprocessor."""

    TreeProcessorClass = HeadingIdTreeprocessor


class SkippingExtension(Extension):
    """The preprocessors, block parser's loop and inline pass that skip what cannot match (load it last)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        """Swap in the skipping preprocessors and SkippingBlockParser (the same objects) and SkippingInlineProcessor."""
        md.parser.__class__ = SkippingBlockParser
        for preprocessor in md.preprocessors:
            if type(preprocessor) in PREPROCESSORS:
                preprocessor.__class__ = PREPROCESSORS[type(preprocessor)]
        md.treeprocessors.register(SkippingInlineProcessor(md), "inline", 20)
        for pattern in md.inlinePatterns:
            if getattr(type(pattern), "getText", None) is inlinepatterns.LinkInlineProcessor.getText:
                pattern.__class__ = _quick_text(type(pattern))  # type: ignore[arg-type]  # mypy: a class is no Hashable


def toc_extensions(slugify: Callable[[str, str], str], toc_depth: str) -> list[Extension]:
    """toc with these slugs and depths, and the quicker passes where this Python-Markdown is a verified one."""
    if not speedups_apply():
        return [TocExtension(slugify=slugify, toc_depth=toc_depth)]
    return [HeadingIdExtension(slugify=slugify, toc_depth=toc_depth), SkippingExtension()]


def speedups_apply() -> bool:
    """True if the installed Python-Markdown is one the stand-ins were checked against."""
    major, minor = markdown.__version_info__[:2]
    return (major, minor) in VERIFIED_VERSIONS and hasattr(InlineProcessor, "_InlineProcessor__applyPattern")
