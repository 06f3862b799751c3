"""What Pagefind 1.5.2 makes of one page (its "fossicking"), made here in Python, exactly (pure).

Pagefind reads a page's HTML (lol_html, streaming: a node per open element, whose text is handed up to its
parent when it closes), keeps the text of the element marked `data-pagefind-body`, decodes its entities, and
splits it at white space into words; each word is indexed lower-cased, stripped of what is not a letter or digit,
without diacritics, stemmed, and with its parts when it is compound (`kesto1.8.2024`, `camelCase`, `Sää-tö`).
Headings weigh more (h1 7 ... h6 2), `data-pagefind-weight` sets a weight, `data-pagefind-ignore` leaves
an element out, elements with an `id` become anchors, and `data-pagefind-meta` fields are indexed too.
tests/pages/test_pagefind_fossick.py holds this to Pagefind itself (tests/pages/pagefind_oracle.py).

Use: `Fossicker()` once per process (it keeps the stemmers and what it made of each word), then
`fossick(path, html, fossicker)` per page.
"""

from __future__ import annotations

import json
import operator
import re
import struct
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from html.entities import html5

from innosite.pages.pagefind_page import FossickedPage, Location, MetaLocation

SENTENCE_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section"))
"""Elements whose text ends a sentence (Pagefind 1.5.2 adds a full stop after them when they end in a word)."""
INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "bdo",
        "big",
        "br",
        "button",
        "cite",
        "code",
        "dfn",
        "em",
        "i",
        "img",
        "input",
        "kbd",
        "label",
        "map",
        "object",
        "output",
        "q",
        "samp",
        "script",
        "select",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "textarea",
        "time",
        "tt",
        "var",
    ]
)
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
STEMMERS = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "da": "danish", "nl": "dutch",
    "en": "english", "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian", "nb": "norwegian",
    "ne": "nepali", "nn": "norwegian", "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sr": "serbian", "pl": "polish", "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}  # fmt: skip
"""Pagefind's stemmer of each language (by the part of `lang` before its first hyphen); others are not stemmed."""

_WS = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""Unicode White_Space (Rust's `\\s` and char::is_whitespace)."""
_RUNS = re.compile(f"[{_WS}]{{2,}}|\n")
_ALL_SPACES = re.compile(f"[{_WS}]")
_SPLIT = re.compile(f"[{_WS}]+")
_MARKER = re.compile(f"___(?:PAGEFIND_(?:ANCHOR|WEIGHT|AUTO_WEIGHT)|END_PAGEFIND_WEIGHT)___[^{_WS}]*")
"""Pagefind's markers in the text (a word that begins with one; a match after other characters is no marker)."""
_PRIVATE = re.compile(f"___PAGEFIND_[^{_WS}]+[{_WS}]?")
_ATTRIBUTE = re.compile(f"^[{_WS}]*(?P<name>[^:\\[\\]]+)\\[(?P<attribute>.+)\\][{_WS}]*$", re.S)
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<![^>]*>?|<\?[^>]*>?"
    r"|<(/?)([A-Za-z][^\t\n\f\r />]*)((?:[^>\"']+|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
_ATTR = re.compile(r"([^\t\n\f\r />][^\t\n\f\r /=>]*)(?:[\t\n\f\r ]*=[\t\n\f\r ]*(\"[^\"]*\"|'[^']*'|[^\t\n\f\r >]*))?")
_ENTITY = re.compile(r"&([^;]*);")
_ASCII_PUNCT = re.compile(r"[!-/:-@\[-`{-~]")
_RAW_TEXT = frozenset(("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"))

_POSITION = operator.itemgetter(0)
_SEVERAL = (" ", None)
"""A raw word indexed as several forms or none (no form has a space)."""
INDEXING, IGNORED, EXCLUDED, BODY, PARENT_OF_BODY = range(5)


def decode_entities(text: str) -> str:
    """Entities decoded as Pagefind's html_escape does: `&...;` up to the next `;`, left as it is unless it names a
    character (names are case-sensitive; `&amp` without `;` stays)."""
    if "&" not in text:
        return text
    return _ENTITY.sub(_entity, text)


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.startswith("#"):
        digits = name[1:]
        try:
            code = int(digits[1:], 16) if digits[:1] in ("x", "X") else int(digits, 10)
        except ValueError:
            return match.group(0)
        if not digits or digits[:1] in "+-" or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return match.group(0)
        if digits[:1] in ("x", "X") and not re.fullmatch(r"[0-9A-Fa-f]+", digits[1:]):
            return match.group(0)
        if digits[:1] not in ("x", "X") and not digits.isascii():
            return match.group(0)
        return chr(code)
    value = html5.get(name + ";")
    return value[0] if value else match.group(0)


def normalize_content(text: str) -> str:
    """Pagefind's normalize_content: entities decoded, trimmed, newlines and runs of white space one space."""
    text = decode_entities(text).strip(_WS_CHARS)
    return _RUNS.sub(" ", text)  # = newlines to one space, then runs of white space to one space


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
class _Parsed:
    digest: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    anchor_content: dict[str, str] = field(default_factory=dict)
    language: str = "unknown"


def _attributes(raw: str) -> dict[str, str]:
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
        chunk = _strip(chunk)
        match = _ATTRIBUTE.match(chunk)
        out.append(f"{match.group('name')}:{attrs.get(match.group('attribute'), '')}" if match else chunk)
    return out


def _strip(text: str) -> str:
    """Rust's str::trim (White_Space)."""
    return text.strip(_WS_CHARS)


_WS_CHARS = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
)


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
_NODE_TAGS = REMOVE_TAGS | VOID_TAGS | _RAW_TEXT | {"html", "title", "h1"}
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


def parse(html: str) -> _Parsed:
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


def _parse(html: str, light: bool) -> _Parsed:
    """parse(); light: elements that only wrap their text (no attribute Pagefind reads, in indexed text, not
    title, h1 or the like) get no node of their own, their text going straight into the node they are in."""
    out = _Parsed()
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
        if tag == "h1" and "auto_title" not in meta and _strip(value):
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
            attrs = _attributes(raw)
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
                    value = attrs.get(_strip(name), "")
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
        if tag in _RAW_TEXT and not raw.rstrip().endswith("/"):
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


Indexable = tuple[tuple[str, bool, "str | None"], ...]
"""A word's indexed forms: (form, whether it is a part of a compound word, the form with diacritics or None)."""


class Fossicker:
    """The stemmers and a memo of what each word becomes: make one per process and pass it to fossick()."""

    def __init__(self) -> None:
        self._stemmers: dict[str, object] = {}
        self._memo: dict[str, dict[str, Indexable]] = {}
        self._single: dict[str, dict[str, tuple[str, str | None]]] = {}

    def words_of(self, lang: str) -> dict[str, Indexable]:
        """The memo of a language: raw word -> its indexed forms."""
        key = lang.split("-", 1)[0]
        memo = self._memo.get(key)
        if memo is None:
            memo = self._memo[key] = {}
        return memo

    def single_of(self, lang: str) -> dict[str, tuple[str, str | None]]:
        """The other memo of a language: raw word -> (its one indexed form, its original), _SEVERAL when it has none
        or more than one."""
        key = lang.split("-", 1)[0]
        memo = self._single.get(key)
        if memo is None:
            memo = self._single[key] = {}
        return memo

    def stemmer(self, lang: str):  # noqa: ANN201 (PyStemmer has no types)
        """The language's stemmer, None when Pagefind has none for it."""
        key = lang.split("-", 1)[0]
        if key not in self._stemmers:
            name = STEMMERS.get(key)
            if name is None:
                self._stemmers[key] = None
            else:
                import Stemmer

                self._stemmers[key] = Stemmer.Stemmer(name)
        return self._stemmers[key]

    def indexable(self, lang: str, word: str) -> Indexable:
        """What Pagefind indexes of one word, remembered."""
        memo = self.words_of(lang)
        found = memo.get(word)
        if found is None:
            found = memo[word] = indexable_words(word, self.stemmer(lang))
        return found


def _lower_alnum(word: str) -> str:
    """The word's letters, digits and underscores (Pagefind's default include_characters), lower-cased as Pagefind
    does (char by char)."""
    if word.isascii():
        return "".join(c for c in word if c.isalnum() or c == "_").lower() if not word.isalnum() else word.lower()
    out = []
    for c in word:
        if c == "_" or _is_alnum(c):
            out.append(c.lower() if c.isupper() else c)
    return "".join(out)


def _is_alnum(c: str) -> bool:
    """Rust's char::is_alphanumeric (Alphabetic or Numeric)."""
    return c.isalnum() or (unicodedata.category(c) in ("Mn", "Mc", "So", "Nl") and _other_alphabetic(c))


def _other_alphabetic(c: str) -> bool:
    """Marks and symbols that Unicode counts as letters (vowel signs of Indic scripts, circled letters)."""
    return (
        unicodedata.category(c) in ("Mn", "Mc")
        and "VOWEL SIGN" in unicodedata.name(c, "")
        or (0x24B6 <= ord(c) <= 0x24E9)
    )


def normalize_diacritics(word: str) -> str | None:
    """The word without its diacritics (NFD without combining marks), None when that changes nothing."""
    if word.isascii():
        return None
    stripped = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) not in _MARKS)
    return stripped if stripped != word else None


_MARKS = frozenset(("Mn", "Mc", "Me"))


def _stem(word: str, stemmer: object) -> str:
    return stemmer.stemWord(word) if stemmer is not None else word  # type: ignore[attr-defined]


def indexable_words(raw: str, stemmer: object) -> Indexable:
    """Pagefind's get_indexable_words: the word itself, its parts when compound, and the emoji in it."""
    results: list[tuple[str, bool, str | None]] = []
    normalized = _lower_alnum(raw)
    if normalized:
        plain = normalize_diacritics(normalized)
        results.append((_stem(plain or normalized, stemmer), False, normalized if plain is not None else None))
    if raw.isascii():
        compound = not raw.isalnum() or any(c.isupper() for c in raw[1:])
    else:
        compound = any(not _is_alnum(c) for c in raw) or any(c.isupper() for c in raw[1:])
    if not compound:
        return tuple(results)
    parts = discrete_words(raw)
    if normalized and (" " in parts or not normalized.startswith(parts)):
        for part in parts.split(" "):
            if len(part.encode("utf-8")) > 1:
                plain = normalize_diacritics(part)
                results.append((_stem(plain or part, stemmer), True, part if plain is not None else None))
    if not raw.isascii() and _has_emoji_property(raw):
        results.extend((g, False, None) for g in emoji_graphemes(raw))
    return tuple(results)


def discrete_words(word: str) -> str:
    """A word's parts as Pagefind's get_discrete_words splits it: ASCII punctuation, case changes and digits
    (convert_case's lower case), joined by spaces."""
    text = _ASCII_PUNCT.sub(" ", word)
    return " ".join(" ".join(_case_words(chunk)) for chunk in text.split(" ") if chunk)


def _graphemes(text: str) -> list[str]:
    """Text in characters with the combining marks, variation selectors and joined emoji that follow them."""
    out: list[str] = []
    join = False
    for c in text:
        o = ord(c)
        if out and (join or o in (0x200D, 0xFE0E, 0xFE0F, 0x20E3) or 0x1F3FB <= o <= 0x1F3FF
                    or 0xE0020 <= o <= 0xE007F or unicodedata.category(c) in _MARKS
                    or (_regional(o) and _regional(ord(out[-1][-1])) and len(out[-1]) == 1)):  # fmt: skip
            out[-1] += c
        else:
            out.append(c)
        join = o == 0x200D
    return out


def _regional(o: int) -> bool:
    return 0x1F1E6 <= o <= 0x1F1FF


def _upper(g: str) -> bool:
    return g.upper() != g.lower() and g == g.upper()


def _lower(g: str) -> bool:
    return g.upper() != g.lower() and g == g.lower()


def _digit(g: str) -> bool:
    return g.isascii() and g.isdigit()


def _case_words(chunk: str) -> list[str]:
    """convert_case's words of a chunk without spaces, lower-cased: split between lower and upper case, upper case
    and digit, digit and letter, and before the last capital of an acronym followed by lower case."""
    if chunk.isascii() and (chunk.isalpha() and chunk.islower() or chunk.isdigit()):
        return [chunk]
    gs = _graphemes(chunk)
    words: list[str] = []
    start = 0
    for i in range(len(gs) - 1):
        a, b = gs[i], gs[i + 1]
        split = (
            (_lower(a) and _upper(b))
            or (_upper(a) and _digit(b))
            or (_digit(a) and _upper(b))
            or (_digit(a) and _lower(b))
            or (_lower(a) and _digit(b))
            or (i + 2 < len(gs) and _upper(a) and _upper(b) and _lower(gs[i + 2]))
        )
        if split:
            words.append("".join(gs[start : i + 1]))
            start = i + 1
    words.append("".join(gs[start:]))
    return [w.lower() for w in words if w]


def _has_emoji_property(word: str) -> bool:
    """Whether a non-ASCII word has a character of Unicode's Emoji property beyond ASCII."""
    return any(_emoji_char(ord(c)) or c in "0123456789#*\u20e3" for c in word)


def _emoji_char(o: int) -> bool:
    return (
        o in (0xA9, 0xAE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D, 0x3297, 0x3299)
        or 0x2194 <= o <= 0x21AA
        or 0x231A <= o <= 0x23FF
        or o == 0x24C2
        or 0x25AA <= o <= 0x25FE
        or 0x2600 <= o <= 0x27BF
        or 0x2934 <= o <= 0x2935
        or 0x2B05 <= o <= 0x2B55
        or 0x1F000 <= o <= 0x1FAFF
    )


def emoji_graphemes(word: str) -> list[str]:
    """The emoji of a word, each with its modifiers and joined parts (emojis::get of each grapheme)."""
    return [g for g in _graphemes(word) if _emoji_char(ord(g[0])) or (len(g) > 1 and g.endswith("\u20e3"))]


def _f32(value: float) -> float:
    return struct.unpack("f", struct.pack("f", value))[0]


def _parse_weight(text: str) -> float:
    """Rust's `str::parse::<f32>()`, 1.0 when it fails."""
    if not re.fullmatch(r"[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|inf|infinity|nan)", text, re.I):
        return 1.0
    try:
        return _f32(float(text))
    except OverflowError:
        return float("inf") if not text.startswith("-") else float("-inf")


def _weight(value: float) -> int:
    """`weight.clamp(0, 10) * 24 as u8`, in f32."""
    if value != value:
        return 0
    return int(_f32(min(max(value, 0.0), 10.0) * 24.0))


def build_url(path: str) -> str:
    """Pagefind's URL of a page at this output path (`fi/x/index.html` -> `/fi/x/`)."""
    if path.endswith("/index.html"):
        path = path[:-10]
    elif path == "index.html":
        path = ""
    return "/" + path


def fossick(path: str, html: str, fossicker: Fossicker) -> FossickedPage:
    """What Pagefind 1.5.2 makes of the page at this output path with this HTML (AddFile, no URL given)."""
    parsed = parse(html)
    lang = parsed.language
    memo = fossicker.words_of(lang)
    stemmer = fossicker.stemmer(lang)
    content, weights, anchors = _read_words(parsed)
    single = fossicker.single_of(lang)
    try:
        words = _locations(content, weights, single)
    except KeyError:  # words new to this process
        for word in set(content).difference(single):
            found = memo.get(word)
            if found is None:
                found = memo[word] = indexable_words(word, stemmer)
            single[word] = (found[0][0], found[0][2]) if len(found) == 1 and not found[0][1] else _SEVERAL
        words = _locations(content, weights, single)
    several = words.pop(_SEVERAL[0], None)
    if several:
        _add_several(words, several, content, memo)
    meta_fields = tuple(parsed.meta)
    meta_words: dict[str, list[MetaLocation]] = {}
    for number, name in enumerate(meta_fields):
        for index, word in enumerate(parsed.meta[name].split()):
            for form, _, original in fossicker.indexable(lang, word):
                meta_words.setdefault(form, []).append((number, index, original))
    fragment = {
        "url": build_url(path),
        "content": " ".join(content),
        "word_count": len(content) or 1,
        "filters": {},
        "meta": parsed.meta,
        "anchors": anchors,
    }
    return FossickedPage(
        lang,
        json.dumps(fragment, ensure_ascii=False, separators=(",", ":")),
        len(content) or 1,  # Pagefind counts the last position + 1, none: 1
        meta_fields,
        tuple(zip(words, map(tuple, words.values()), strict=True)),
        tuple(zip(meta_words, map(tuple, meta_words.values()), strict=True)),
    )


def _locations(
    content: list[str], weights: list[int], single: dict[str, tuple[str, str | None]]
) -> dict[str, list[Location]]:
    """Each indexed word's locations in page order, the words indexed as several forms or none under _SEVERAL's."""
    words: defaultdict[str, list[Location]] = defaultdict(list)
    for position, weight, word in zip(range(len(content)), weights, content):  # noqa: B905 (as long)
        form, original = single[word]
        words[form].append((position, weight, original))
    return words


def _add_several(
    words: dict[str, list[Location]], several: list[Location], content: list[str], memo: dict[str, Indexable]
) -> None:
    """The words that are indexed as several (compound words, emoji) or none added, each part weighing its share."""
    grown: dict[str, list[Location]] = {}
    for position, weight, _ in several:
        found = memo[content[position]]
        count = sum(1 for _, part, _ in found if part)
        partial = max(weight // min(count, 255), 1) if count and weight else 0
        for form, part, original in found:
            locs = words.get(form)
            if locs is None:
                locs = words[form] = []
            elif form not in grown and locs[-1][0] > position:
                grown[form] = locs
            locs.append((position, partial if part else weight, original))
    for locs in grown.values():
        locs.sort(key=_POSITION)  # stable: the parts of a word stay in their order


def _read_words(parsed: _Parsed) -> tuple[list[str], list[int], list[dict[str, object]]]:
    """The page's words as Pagefind splits its text, each word's weight, and the anchors (at the position of the word
    after them), Pagefind's markers read and left out."""
    text = parsed.digest
    exact = _needs_exact_split(text)
    content: list[str] = []
    weights: list[int] = []
    anchors: list[dict[str, object]] = []
    stack = [24]
    pieces = []
    start = 0
    for match in _MARKER.finditer(text):
        at = match.start()
        if at and text[at - 1] not in _WS_CHARS:
            continue
        pieces.append(text[start:at])
        pieces.append(match.group())
        start = match.end()
    pieces.append(text[start:])
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            found = [w for w in _SPLIT.split(piece) if w] if exact else piece.split()
            if "\u200b" in piece:
                found = [w for w in (w.replace("\u200b", "") for w in found) if w]
            if found:
                content.extend(found)
                weights.extend([stack[-1] if stack else 1] * len(found))
        elif piece.startswith("___PAGEFIND_ANCHOR___"):
            rest = piece.replace("___PAGEFIND_ANCHOR___", "")
            if ":" in rest:
                element, anchor_id = rest.split(":", 1)
                anchor_text = normalize_content(parsed.anchor_content.get(anchor_id, ""))
                if ":" in anchor_id:
                    anchors.append({
                        "element": element, "id": anchor_id.split(":", 1)[1],
                        "text": normalize_content(anchor_text), "location": len(content),
                    })  # fmt: skip
        elif piece.startswith("___PAGEFIND_WEIGHT___"):
            value = _parse_weight(piece.replace("___PAGEFIND_WEIGHT___", ""))
            stack.append(0 if value <= 0.0 else max(_weight(value), 1))
        elif piece.startswith("___PAGEFIND_AUTO_WEIGHT___"):
            if len(stack) == 1:
                stack.append(_weight(_parse_weight(piece.replace("___PAGEFIND_AUTO_WEIGHT___", ""))))
            else:
                stack.append(stack[-1] if stack else 0)
        elif stack:  # ___END_PAGEFIND_WEIGHT___
            stack.pop()
    return content, weights, anchors


def _needs_exact_split(text: str) -> bool:
    """Whether str.split() would split where Rust's split_whitespace does not (the separators \\x1c-\\x1f)."""
    return "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text
