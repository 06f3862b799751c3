"""What Pagefind 1.5.2 makes of one page (its "fossicking"), made here in Python, exactly (pure).

Pagefind reads a page's HTML (pages/pagefind_html.py: the text of the element marked `data-pagefind-body`, with
markers of weights and anchors, and the meta fields), decodes its entities, and splits it at white space into
words, each indexed as pages/pagefind_words.py says, at its position and with the weight of where it stands
(headings weigh more: h1 7 ... h6 2; `data-pagefind-weight`); this makes of them the page's fragment (its text,
meta fields and anchors, as JSON) and its words' locations.
tests/pages/test_pagefind_fossick.py holds this to Pagefind itself (tests/pages/pagefind_oracle.py).

Use: `Fossicker()` once per process (it keeps the stemmers and what it made of each word), then
`fossick(path, html, fossicker)` per page.
"""

from __future__ import annotations

import json
import operator
import re
import struct
from collections import defaultdict

from innosite.pages.pagefind_html import Parsed, parse
from innosite.pages.pagefind_page import FossickedPage, Location, MetaLocation
from innosite.pages.pagefind_text import WS, WS_CHARS, normalize_content
from innosite.pages.pagefind_words import SEVERAL, Fossicker, Indexable, indexable_words

_SPLIT = re.compile(f"[{WS}]+")
_MARKER = re.compile(f"___(?:PAGEFIND_(?:ANCHOR|WEIGHT|AUTO_WEIGHT)|END_PAGEFIND_WEIGHT)___[^{WS}]*")
"""Pagefind's markers in the text (a word that begins with one; a match after other characters is no marker)."""
_POSITION = operator.itemgetter(0)


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
            single[word] = (found[0][0], found[0][2]) if len(found) == 1 and not found[0][1] else SEVERAL
        words = _locations(content, weights, single)
    several = words.pop(SEVERAL[0], None)
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
    """Each indexed word's locations in page order, the words indexed as several forms or none under SEVERAL's."""
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


def _read_words(parsed: Parsed) -> tuple[list[str], list[int], list[dict[str, object]]]:
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
        if at and text[at - 1] not in WS_CHARS:
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
