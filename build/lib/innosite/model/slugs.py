"""Slugs for URLs and heading ids, as SPEC section 1 defines them."""

from __future__ import annotations

import re
import unicodedata

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ł": "l"})
_OTHER = re.compile(r"[^a-z0-9]+")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def slugify(text: str) -> str:
    """Lower case, ä/ö/å folded to a/o/a, other accents dropped, the rest `-`."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text)).lower().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _OTHER.sub("-", text).strip("-")


def heading_id(text: str, separator: str = "-") -> str:
    """Heading ids for Python-Markdown's toc: the same rules as slugs."""
    return slugify(text) or "section"
