"""Pagefind 1.5.2's handling of text, in Python (pure): white space as Rust reads it, entities decoded as
Pagefind decodes them, and its normalize_content.
"""

from __future__ import annotations

import re
from html.entities import html5

WS = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""Unicode White_Space (Rust's `\\s` and char::is_whitespace)."""
_RUNS = re.compile(f"[{WS}]{{2,}}|\n")
_ENTITY = re.compile(r"&([^;]*);")


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
    text = decode_entities(text).strip(WS_CHARS)
    return _RUNS.sub(" ", text)  # = newlines to one space, then runs of white space to one space


def strip_ws(text: str) -> str:
    """Rust's str::trim (White_Space)."""
    return text.strip(WS_CHARS)


WS_CHARS = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
