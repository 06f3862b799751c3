"""What Pagefind 1.5.2 indexes of one word, made here in Python, exactly (pure): lower-cased, stripped of what
is not a letter, digit or underscore, without diacritics (the form with them kept as a variant), stemmed, and with
its parts when it is compound (`kesto1.8.2024`, `camelCase`, `Sää-tö`) and the emoji in it.
"""

from __future__ import annotations

import unicodedata

from innosite.pages.pagefind_html import ASCII_PUNCT

STEMMERS = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "da": "danish", "nl": "dutch",
    "en": "english", "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian", "nb": "norwegian",
    "ne": "nepali", "nn": "norwegian", "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sr": "serbian", "pl": "polish", "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}  # fmt: skip
"""Pagefind's stemmer of each language (by the part of `lang` before its first hyphen); others are not stemmed."""

MEMO_WORDS = 12_000
"""Words a Fossicker remembers per language: past them, its memos of the language start again (a page's words are
mostly common ones, soon remembered again), so that a worker indexing a big site does not grow with its words."""

SEVERAL = (" ", None)
"""A raw word indexed as several forms or none (no form has a space)."""


Indexable = tuple[tuple[str, bool, "str | None"], ...]
"""A word's indexed forms: (form, whether it is a part of a compound word, the form with diacritics or None)."""


class Fossicker:
    """The stemmers and a memo of what each word becomes: make one per process and pass it to fossick()."""

    def __init__(self) -> None:
        self._stemmers: dict[str, object] = {}
        self._memo: dict[str, dict[str, Indexable]] = {}
        self._single: dict[str, dict[str, tuple[str, str | None]]] = {}

    def words_of(self, lang: str) -> dict[str, Indexable]:
        """The memo of a language: raw word -> its indexed forms (both memos anew when it holds MEMO_WORDS)."""
        key = lang.split("-", 1)[0]
        memo = self._memo.get(key)
        if memo is None or len(memo) >= MEMO_WORDS:
            memo = self._memo[key] = {}
            self._single[key] = {}
        return memo

    def single_of(self, lang: str) -> dict[str, tuple[str, str | None]]:
        """The other memo of a language: raw word -> (its one indexed form, its original), SEVERAL when it has none
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
    text = ASCII_PUNCT.sub(" ", word)
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
