"""Pagefind 1.5.2's reading of a page's HTML (its DomParser), made here in Python, exactly (pure).

Pagefind reads a page's HTML (lol_html, streaming: a node per open element, whose text is handed up to its
parent when it closes) and keeps the text of the element marked `data-pagefind-body`, with markers for the
weights of headings and `data-pagefind-weight`, the anchors of elements with an `id`, and leaves out what
`data-pagefind-ignore` marks; it gathers the `data-pagefind-meta` fields, the title and the language.
pages/pagefind_fossick.py makes the page's words of what this reads.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from innosite.pages.pagefind_text import WS, decode_entities, normalize_content, strip_ws

SENTENCE_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section"))
"""Elements whose text ends a sentence (Pagefind 1.5.2 adds a full stop after them when they end in a word)."""
INLINE_TAGS = frozenset((
    "a", "abbr", "acronym", "b", "bdo", "big", "br", "button", "cite", "code", "dfn", "em", "i", "img", "input",
    "kbd", "label", "map", "object", "output", "q", "samp", "script", "select", "small", "span", "strong", "sub",
    "sup", "textarea", "time", "tt", "var",
))  # fmt: skip
"""Elements whose text counts for the anchor of the element they are in."""
REMOVE_TAGS = frozenset((
    "head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe", "template",
))  # fmt: skip
"""Elements never indexed."""
VOID_TAGS = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source",
    "track", "wbr",
))  # fmt: skip
"""Elements without content or end tag."""
AUTO_WEIGHTS = {"h1": "7", "h2": "6", "h3": "5", "h4": "4", "h5": "3", "h6": "2"}

_ALL_SPACES = re.compile(f"[{WS}]")
_PRIVATE = re.compile(f"___PAGEFIND_[^{WS}]+[{WS}]?")
_ATTRIBUTE = re.compile(f"^[{WS}]*(?P<name>[^:\\[\\]]+)\\[(?P<attribute>.+)\\][{WS}]*$", re.S)
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<![^>]*>?|<\?[^>]*>?"
    r"|<(/?)([A-Za-z][^\t\n\f\r />]*)((?:[^>\"']+|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
_ATTR = re.compile(r"([^\t\n\f\r />][^\t\n\f\r /=>]*)(?:[\t\n\f\r ]*=[\t\n\f\r ]*(\"[^\"]*\"|'[^']*'|[^\t\n\f\r >]*))?")
ASCII_PUNCT = re.compile(r"[!-/:-@\[-`{-~]")
RAW_TEXT = frozenset(("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"))

INDEXING, IGNORED, EXCLUDED, BODY, PARENT_OF_BODY = range(5)


def _is_sentence_end(char: str) -> bool:
    """Rust's `[\\w'")$*]` on one character."""
    return char.isalnum() or char in "_'\")$*" or unicodedata.category(char) in ("Mn", "Mc", "Me", "Pc")


class _Node:
    __slots__ = ("value", "parent", "status", "anchors", "meta", "default_meta", "weight", "tag")

    def __init__(self, parent: _Node | None, status: int, tag: str) -> None:
        self.value: list[str] = []
        self.parent = parent
        self.status = status
        self.anchors: list[str] | None = None
        self.meta: list[str] | None = None
        self.default_meta: list[str] | None = None
        self.weight: str | None = None
        self.tag = tag


@dataclass(slots=True)
class Parsed:
    digest: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    anchor_content: dict[str, str] = field(default_factory=dict)
    language: str = "unknown"


def attributes(raw: str) -> dict[str, str]:
    """A start tag's attributes (the first of a name wins), values as written (lol_html does not decode them)."""
    found: dict[str, str] = {}
    if not raw or raw.isspace():
        return found
    for match in _ATTR.finditer(raw):
        name = match.group(1).lower()
        if name == "/":
            continue
        value = match.group(2)
        if value is None:
            value = ""
        elif value[:1] in ("'", '"'):
            value = value[1:-1]
        found.setdefault(name, value)
    return found


def _attr_list(value: str, attrs: dict[str, str]) -> list[str]:
    """Pagefind's parse_attr_string: `a, b[attr], c:literal` -> ['a', 'b:<attr's value>', 'c:literal']."""
    if ":" in value:
        head, literal = value.split(":", 1)
        found = _attr_list(head, attrs)
        if found:
            found[-1] += ":" + literal
        return found
    out = []
    for chunk in value.split(","):
        chunk = strip_ws(chunk)
        match = _ATTRIBUTE.match(chunk)
        out.append(f"{match.group('name')}:{attrs.get(match.group('attribute'), '')}" if match else chunk)
    return out


def _pair(spec: str, value: str) -> tuple[str, str] | None:
    """Pagefind's get_attribute_pair: `key:value`, or key and the element's text (none when it has no text)."""
    if ":" in spec:
        key, literal = spec.split(":", 1)
        return key, normalize_content(literal)
    if not value:
        return None
    return spec, normalize_content(value)


_REAL, _DROPPED, _PLAIN, _SENTENCE = range(4)
"""Kinds of open element: one with a node of its own, and ones without, whose text goes straight into the node they
are in: in an excluded element (dropped), an indexed element that only wraps its text (plain) or one that adds
sentence or weight markers around it."""
_OPENINGS = {tag: " " for tag in SENTENCE_TAGS} | {
    tag: f" ___PAGEFIND_AUTO_WEIGHT___{weight}  " for tag, weight in AUTO_WEIGHTS.items()
}
"""What a sentence element without a node of its own puts before its text (its closing is _CLOSINGS')."""
_CLOSINGS = {tag: " ___END_PAGEFIND_WEIGHT___ " if tag in AUTO_WEIGHTS else "" for tag in SENTENCE_TAGS}
_NODE_TAGS = REMOVE_TAGS | VOID_TAGS | RAW_TEXT | {"html", "title", "h1"}
"""Elements that always get a node (they do more on closing than wrap their text)."""
_OTHER = ("", False)
_LIGHT: dict[str, tuple[str, bool] | None] = {
    tag: None if tag in _NODE_TAGS else (_OPENINGS.get(tag, ""), tag in INLINE_TAGS)
    for tag in _NODE_TAGS | INLINE_TAGS | SENTENCE_TAGS
}
"""Elements that may go without a node: (what they put before their text, whether they are inline); None: never.
Others: _OTHER."""
_Frame = tuple[str, _Node, "list[str] | None", int, int]
"""An open element: (tag, the node its text goes into, its anchors, its kind, where its text starts in the node)."""


class _Restart(Exception):
    """An element marked data-pagefind-body inside elements without nodes: read the page again, a node for each."""


def parse(html: str) -> Parsed:
    """The page as Pagefind's DomParser reads it: the body's text with Pagefind's markers, the meta fields, the
    anchors' text and the language."""
    try:
        return _parse(html, True)
    except _Restart:
        return _parse(html, False)


def _sentence_closing(chunks: list[str], start: int, tag: str) -> str:
    """What a sentence element without a node of its own adds after its text (chunks[start:])."""
    for index in range(len(chunks) - 1, start - 1, -1):
        if chunks[index]:
            return (". " if _is_sentence_end(chunks[index][-1]) else " ") + _CLOSINGS[tag]
    return " " + _CLOSINGS[tag]


def _parse(html: str, light: bool) -> Parsed:
    """parse(); light: elements that only wrap their text (no attribute Pagefind reads, in indexed text, not
    title, h1 or the like) get no node of their own, their text going straight into the node they are in."""
    out = Parsed()
    root = _Node(None, INDEXING, "")
    stack: list[_Frame] = [("", root, None, _REAL, 0)]
    current = root
    anchors: list[str] | None = None
    kind = _REAL
    meta: dict[str, str] = {}
    default_meta: dict[str, str] = {}
    anchor_content = out.anchor_content
    counter = 0
    in_html = False
    language: str | None = None
    pos = 0
    end = len(html)
    no_attrs: dict[str, str] = {}

    def metas(node: _Node, value: str) -> None:
        if node.meta:
            for spec in node.meta:
                pair = _pair(spec, value)
                if pair:
                    meta[pair[0]] = pair[1]
        if node.default_meta:
            for spec in node.default_meta:
                pair = _pair(spec, value)
                if pair:
                    default_meta[pair[0]] = pair[1]

    def close(node: _Node, tag: str) -> None:
        parent = node.parent
        assert parent is not None
        if node.status == EXCLUDED:
            return
        value = "".join(node.value)
        metas(node, value)
        if tag == "h1" and "auto_title" not in meta and strip_ws(value):
            meta["auto_title"] = normalize_content(value)
        if tag == "title" and "auto_page_title" not in meta:
            meta["auto_page_title"] = normalize_content(value)
        if node.status == IGNORED:
            return
        if tag in SENTENCE_TAGS:
            value = " " + value + ("." if value and _is_sentence_end(value[-1]) else "") + " "
        if node.weight is not None:
            value = f" ___PAGEFIND_WEIGHT___{node.weight} {value} ___END_PAGEFIND_WEIGHT___ "
        elif tag in AUTO_WEIGHTS:
            value = f" ___PAGEFIND_AUTO_WEIGHT___{AUTO_WEIGHTS[tag]} {value} ___END_PAGEFIND_WEIGHT___ "
        if parent.status == PARENT_OF_BODY and node.status not in (BODY, PARENT_OF_BODY):
            return
        if node.status == INDEXING:
            parent.value.append(value)
        elif node.status in (BODY, PARENT_OF_BODY):
            if parent.status != PARENT_OF_BODY:
                parent.value.clear()
            parent.value.append(value)
            parent.status = PARENT_OF_BODY

    for match in _TOKEN.finditer(html):
        start, after = match.span()
        if start > pos and in_html:
            chunk = html[pos:start]
            current.value.append(chunk)
            if anchors is not None and (kind >= _PLAIN or current.status not in (IGNORED, EXCLUDED)):
                for key in anchors:
                    anchor_content[key] = anchor_content.get(key, "") + chunk
        pos = after
        slash, tag, raw = match.groups()
        if tag is None:  # a comment, doctype or processing instruction
            continue
        tag = tag.lower()
        if slash:  # an end tag
            top = stack[-1]
            if top[0] == tag and top[3] != _REAL:  # the innermost element ends, one without a node
                stack.pop()
                if top[3] == _SENTENCE:
                    chunks = top[1].value
                    last = chunks[-1] if len(chunks) > top[4] else ""
                    if last:
                        char = last[-1]
                        end_mark = char.isalnum() or char in "_'\")$*" or (char > "\x7f" and _is_sentence_end(char))
                        chunks.append((". " if end_mark else " ") + _CLOSINGS[tag])
                    else:
                        chunks.append(_sentence_closing(chunks, top[4], tag))
                _, current, anchors, kind, _ = stack[-1]
                continue
            at = len(stack) - 1
            while at and stack[at][0] != tag:
                at -= 1
            if not at:
                continue
            while len(stack) > at:  # elements left open end with it
                frame = stack.pop()
                if frame[3] == _REAL:
                    close(frame[1], frame[0])
                elif frame[3] == _SENTENCE:
                    frame[1].value.append(_sentence_closing(frame[1].value, frame[4], frame[0]))
            _, current, anchors, kind, _ = stack[-1]
            continue
        if raw and (tag == "html" or tag == "img" or "id" in (low := raw.lower()) or "data-pagefind" in low):
            attrs = attributes(raw)
        else:  # none that Pagefind reads
            attrs = no_attrs
        if tag == "html":
            in_html = True
            if "lang" in attrs:
                language = attrs["lang"].lower()
        if not in_html:
            continue
        if light and not attrs and (spec := _LIGHT.get(tag, _OTHER)) and current.status != PARENT_OF_BODY:
            opening, inline = spec
            inherited = anchors if inline else None
            if kind == _DROPPED or current.status == EXCLUDED:
                stack.append((tag, current, inherited, _DROPPED, 0))
                anchors, kind = inherited, _DROPPED
                continue
            if not opening:
                stack.append((tag, current, inherited, _PLAIN, 0))
            else:
                current.value.append(opening)
                stack.append((tag, current, inherited, _SENTENCE, len(current.value)))
            anchors, kind = inherited, _PLAIN
            continue
        ignore = attrs.get("data-pagefind-ignore")
        flag = None if ignore is None else IGNORED if ignore.lower() in ("", "index", "true") else EXCLUDED
        status = BODY if "data-pagefind-body" in attrs else flag if flag is not None else INDEXING
        if status == BODY and light and any(frame[3] in (_SENTENCE, _DROPPED) for frame in stack):
            raise _Restart
        parent = current
        anchor = None
        element_id = attrs.get("id")
        outside = parent.status == PARENT_OF_BODY and status not in (BODY, PARENT_OF_BODY)
        if status not in (EXCLUDED, IGNORED) and element_id is not None and not outside:
            element_id = _ALL_SPACES.sub("", element_id)
            parent.value.append(f" ___PAGEFIND_ANCHOR___{tag}:{counter}:{element_id} ")
            anchor = f"{counter}:{element_id}"
            counter += 1
        if status != EXCLUDED:
            index_attrs = attrs.get("data-pagefind-index-attrs")
            if index_attrs is not None:
                for name in index_attrs.split(","):
                    value = attrs.get(strip_ws(name), "")
                    if value and _is_sentence_end(value[-1]):
                        value += "."
                    parent.value.append(f" {value} ")
            if tag == "br":
                parent.value.append(" ")
        node = _Node(parent, parent.status if parent.status == EXCLUDED else status, tag)
        node_anchors = list(anchors) if anchors is not None and tag in INLINE_TAGS else None
        if anchor is not None:
            node_anchors = [*node_anchors, anchor] if node_anchors is not None else [anchor]
        node.anchors = node_anchors
        node.weight = attrs.get("data-pagefind-weight")
        if "data-pagefind-meta" in attrs:
            node.meta = _attr_list(attrs["data-pagefind-meta"], attrs)
        if "data-pagefind-default-meta" in attrs:
            node.default_meta = _attr_list(attrs["data-pagefind-default-meta"], attrs)
        if tag in REMOVE_TAGS and tag != "html":
            node.status = IGNORED
        if tag in VOID_TAGS:
            if node.status != EXCLUDED:
                metas(node, "")
                titled = "auto_title" in meta or "title" in meta
                if tag == "img" and "auto_image" not in meta and titled and "src" in attrs:
                    meta["auto_image"] = attrs["src"]
                    if "alt" in attrs:
                        meta["auto_image_alt"] = attrs["alt"]
            continue
        stack.append((tag, node, node_anchors, _REAL, 0))
        current, anchors, kind = node, node_anchors, _REAL
        if tag in RAW_TEXT and not raw.rstrip().endswith("/"):
            close_at = re.compile(f"</{tag}[\t\n\f\r />]", re.I).search(html, pos)
            stop = close_at.start() if close_at else end
            if stop > pos:
                node.value.append(html[pos:stop])
                if node_anchors is not None and node.status not in (IGNORED, EXCLUDED):
                    for key in node_anchors:
                        anchor_content[key] = anchor_content.get(key, "") + html[pos:stop]
            pos = stop
    if pos < end and in_html:
        chunk = html[pos:]
        current.value.append(chunk)
        if anchors is not None and (kind >= _PLAIN or current.status not in (IGNORED, EXCLUDED)):
            for key in anchors:
                anchor_content[key] = anchor_content.get(key, "") + chunk
    for frame in stack:  # elements left open at the end: no sentence or weight markers
        if frame[3] == _SENTENCE:
            frame[1].value[frame[4] - 1] = ""
    node = current
    while node.parent is not None:
        parent = node.parent
        if parent.status != PARENT_OF_BODY:
            if node.status == INDEXING:
                parent.value.append("".join(node.value))
            elif node.status in (BODY, PARENT_OF_BODY):
                parent.value.clear()
                parent.value.append("".join(node.value))
                parent.status = PARENT_OF_BODY
        node = parent
    if "auto_image" in meta:
        image, alt = meta.pop("auto_image"), meta.pop("auto_image_alt", "")
        if "image" not in meta:
            meta["image"], meta["image_alt"] = image, alt
    if "auto_title" in meta:
        title = meta.pop("auto_title")
        meta.setdefault("title", title)
    if "auto_page_title" in meta:
        title = meta.pop("auto_page_title")
        meta.setdefault("title", title)
    default_meta.update(meta)
    out.meta = {key: _PRIVATE.sub("", value) for key, value in sorted(default_meta.items())}
    out.digest = decode_entities("".join(root.value))
    out.language = language or "unknown"
    return out
