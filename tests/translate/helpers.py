"""A fake translator and a comparison of rendered structure, shared by the translate tests."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

from innosite.markup.markdown import base_extensions
from innosite.translate.blocks import parse_body
from innosite.translate.inline import Code, Content, parse_inline
from innosite.translate.segments import check_codes, target_markdown
from innosite.translate.skeleton import rebuild

_ENTITY = re.compile(r"(&#?\w+;)")


def shout(text: str) -> str:
    """The fake translation of a text: upper case (entities such as &amp; kept)."""
    return "".join(part if _ENTITY.fullmatch(part) else part.upper() for part in _ENTITY.split(text))


def fake_translate(content: Content) -> Content:
    """What a translator's tool returns: the text translated, codes carrying only their number."""
    return tuple(
        shout(piece)
        if isinstance(piece, str)
        else Code(piece.id, piece.kind, piece.ctype, "", "", fake_translate(piece.children))
        for piece in content
    )


def translate_body(body: str) -> str:
    """The body with every block translated by the fake translator, through the import's conversion."""
    skeleton, blocks, refs = parse_body(body)
    texts = {}
    for block in blocks:
        source = parse_inline(block.text, refs)
        target = fake_translate(source)
        assert check_codes(source, target) == ()
        texts[block.path] = target_markdown(source, target, block.kind)
    return rebuild(skeleton, texts)


class _Tokens(HTMLParser):
    """Tags and text of rendered HTML; ids (made from heading text) and #links left out."""

    def __init__(self, shouted: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.shouted = shouted
        self.raw = 0
        self.out: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.raw += tag in ("code", "pre")
        kept = tuple(
            (name, (value or "").upper() if name in ("alt", "title") else (value or ""))
            for name, value in attrs
            if name != "id" and not (name == "href" and (value or "").startswith("#"))
        )
        self.out.append(("<", tag, *map(str, kept)))

    def handle_endtag(self, tag: str) -> None:
        self.raw -= tag in ("code", "pre")
        self.out.append(("/", tag))

    def handle_data(self, data: str) -> None:
        self.out.append(("text", shout(data) if self.shouted and not self.raw else data))


def structure(body: str, shouted: bool = False) -> list[tuple[str, ...]]:
    """The rendered body as tags and texts (texts shouted outside code, when asked)."""
    html = markdown.Markdown(extensions=[*base_extensions(), "toc"]).convert(body)
    tokens = _Tokens(shouted)
    tokens.feed(html)
    tokens.close()
    return tokens.out
