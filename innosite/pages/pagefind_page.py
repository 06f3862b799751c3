"""One page as Pagefind 1.5 reads it (its FossickedData): what the shard builder needs to index it (pure data).

Made from a page's indexed part by pages/pagefind_fossick.py; a shard's pages become its index
(pages/pagefind_shard.py), which pages/pagefind_merge.py merges as it merges the shards Pagefind indexed itself.
"""

from __future__ import annotations

from dataclasses import dataclass

Location = tuple[int, int, "str | None"]
"""A word's place on a page: (position, weight as Pagefind stores it (24 = 1.0), the original form when it differs
from the indexed one by diacritics, else None)."""

MetaLocation = tuple[int, int, "str | None"]
"""A word's place in a meta field: (field number in the page's own sorted meta fields, position, original form)."""


@dataclass(frozen=True, slots=True)
class FossickedPage:
    """A page's fragment and words, as Pagefind 1.5.2 makes them of the same HTML. Pagefind leaves a page without
    words out of the index (its fragment too), and, in an index where some page has `data-pagefind-body`, every
    page without one."""

    lang: str
    fragment: str
    """The fragment's JSON, exactly as Pagefind writes it (its SHA-1 names the fragment file)."""
    word_count: int
    meta_fields: tuple[str, ...]
    """The page's meta keys, sorted (MetaLocation numbers them)."""
    words: tuple[tuple[str, tuple[Location, ...]], ...]
    """(indexed word, its locations in page order), the words in order of first occurrence."""
    meta_words: tuple[tuple[str, tuple[MetaLocation, ...]], ...]
    """(indexed word, its locations in the meta fields), in order of first occurrence."""
