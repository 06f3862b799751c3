"""Wrong-language text: a version whose title, summary or text is another version's, or clearly in another language.

A Swedish file that still holds the Finnish title must not pass unnoticed. Two
checks, each a warning at the field's line (an error under --strict):

- the title or summary equals another version's (a title made only of names,
  such as "Sport Finland", may be the same in every language);
- the title, summary or text is clearly written in another of the site's
  languages, by py3langid restricted to them: the text without Markdown, code,
  link targets, addresses and every word with a capital or a digit (names,
  acronyms and numbers say nothing of a text's language: Green Electrification,
  Jyväskylä, TKI, 2030), judged only from 3 such words on, and only when the other
  language has P >= 0.9 and the file's own P <= 0.05.

The rule and its thresholds come from measurements on the example content, mixed
texts full of names, the UI catalogs and held-out prose: no false alarm there,
while nearly every swapped title, summary and text is caught. The model (0.6 s to
load, 90 MiB) is loaded once per process, and only when a field has words enough
to judge; the verdicts are cached with the entry like everything load_entry finds. A build with a cache
hands over a prepared copy of the model restricted to the site's languages (speed/language_model.py), which
reads in a twentieth of the time.
"""

from __future__ import annotations

import copy
import hashlib
import pickle
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, partial
from pathlib import Path
from typing import Any

import deflate
from babel import Locale

from innosite.model.entry import Doubt, Entry
from innosite.problems import Problems

MIN_WORDS = 3
MIN_OTHER = 0.9
MAX_OWN = 0.05
SAMPLE_WORDS = 50
"""The first 50 words decide: the answer is settled by 30, and the cost stays flat however long the text."""
SAMPLE_CHARS = 2000
"""The part of a long body that is prepared at all (50 words are about 400 characters)."""
FIELDS = ("title", "summary", "text")

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.DOTALL | re.MULTILINE)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>]*>")
_URL = re.compile(r"\b(?:https?://|www\.)\S+")
_EMAIL = re.compile(r"[\w.+-]+(?:@|\(a\))[\w-]+\.[\w.-]+")
_TAG = re.compile(r"<[^>\n]+>")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class Sample:
    """What the checks read of one version: its fields as written, with their lines."""

    lang: str
    title: str
    title_line: int
    summary: str | None
    summary_line: int
    body: str
    body_line: int

    def field(self, name: str) -> tuple[str | None, int]:
        """A field's text and line: title, summary or text (the body)."""
        if name == "title":
            return self.title, self.title_line
        if name == "summary":
            return self.summary, self.summary_line
        blank = len(self.body) - len(self.body.lstrip("\n"))  # the text's first line, not the blank ones before it
        return self.body, self.body_line + blank


def plain_text(markdown: str) -> str:
    """Markdown without code, link targets, URLs, e-mail addresses and HTML tags: what a reader reads."""
    text = markdown
    if "```" in text or "~~~" in text:
        text = _FENCE.sub(" ", text)
    if "`" in text:
        text = _INLINE_CODE.sub(" ", text)
    if "](" in text:
        text = _LINK.sub(r"\1", _IMAGE.sub(r"\1", text))
    if "]:" in text:
        text = _REF_DEF.sub(" ", text)
    if "<" in text:
        text = _TAG.sub(" ", _AUTOLINK.sub(" ", text))
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    if "@" in text or "(a)" in text:
        text = _EMAIL.sub(" ", text)
    return text


def content_words(text: str) -> list[str]:
    """The all-lower-case words of a plain text: names, acronyms and numbers tell nothing of its language."""
    return [word for word in _WORD.findall(text) if word.islower()]


def names_only(text: str) -> bool:
    """Whether a title or summary has no lower-case word ("Sport Finland"): it may be the same in every version."""
    return not content_words(plain_text(text))


@cache
def identifier(langs: tuple[str, ...], prepared: Path | None = None) -> tuple[Any, tuple[str, ...]]:
    """py3langid's model restricted to the site languages it knows, and those languages (loaded once a process,
    when first needed: most builds take every entry from the cache and never load it); from `prepared`, a file
    of this very pair (see prepared_bytes), when there is one that can be read."""
    found = read_prepared(prepared, langs) if prepared is not None else None
    return found if found is not None else _from_py3langid(langs)


def forget_model() -> None:
    """Let go of the model this process loaded, if it did (tens of megabytes): a build that has read its entries
    does not need it any more."""
    identifier.cache_clear()
    _from_py3langid.cache_clear()


@cache
def _from_py3langid(langs: tuple[str, ...]) -> tuple[Any, tuple[str, ...]]:
    """The model as py3langid keeps it (0.6 s to read), restricted to langs; once a process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = _known(langs, model.nb_classes)
    if len(known) >= 2:
        model.set_languages(list(known))
    return model, known


PREPARED = b"innolm2\n"
"""The first bytes of a prepared model's file; then the CRC-32 of the rest, the length of its head, the head (the
model but its tokenizer's table, pickled), zeros up to a multiple of 8, and the table's bytes."""


def prepared_bytes(model: Any, known: tuple[str, ...]) -> list[bytes]:
    """A prepared model's file, in parts. Its tokenizer's table (tk_nextmove: 40 of its 41 MB) is stored as its
    bytes, which a build reads without decompressing or unpickling them: in a few hundredths of a second."""
    table = model.tk_nextmove
    rest = copy.copy(model)  # the process's own stays as it is
    rest.tk_nextmove = None
    rest._full_model = (rest.nb_ptc, rest.nb_pc, rest.nb_classes)  # noqa: SLF001 (the rest, never used here)
    head = pickle.dumps((rest, known, table.typecode, len(table)), 5)
    body = [len(head).to_bytes(8, "big"), head, bytes(-len(head) % 8), table.tobytes()]
    crc = 0
    for part in body:
        crc = deflate.crc32(part, crc)
    return [PREPARED, crc.to_bytes(8, "big"), *body]


def read_prepared(path: Path, langs: tuple[str, ...]) -> tuple[Any, tuple[str, ...]] | None:
    """The (model, languages) a prepared file holds for langs; None when there is none or it cannot be read
    (damaged, another layout): the model is then read from py3langid."""
    try:
        data = path.read_bytes()
        if not data.startswith(PREPARED) or int.from_bytes(data[8:16], "big") != deflate.crc32(memoryview(data)[16:]):
            return None
        length = int.from_bytes(data[16:24], "big")
        model, known, typecode, count = pickle.loads(data[24 : 24 + length])  # noqa: S301 (the build's own cache)
        table = memoryview(data)[24 + length + (-length % 8) :].cast(typecode)
        if len(table) != count or known != _known(langs, model.nb_classes):
            return None
    except Exception:  # noqa: BLE001 (unreadable: the model is loaded from py3langid)
        return None
    model.tk_nextmove = table  # indexed as the array it was (py3langid's visit_counts)
    return model, known


def _known(langs: tuple[str, ...], classes: Sequence[str]) -> tuple[str, ...]:
    return tuple(lang for lang in langs if lang in classes)


class Verdicts:
    """What written_in told of each sample of text before (a folder's last load, from the cache), by a key of the
    sample: an entry loaded again because one of its files changed reads the model (0.1 s) only for samples that
    changed too, most edits changing none of the first words of a field."""

    def __init__(self, version: str, known: Mapping[str, str | None] | None = None) -> None:
        self.version = version
        """The generator's code and libraries (speed/fingerprint.code_version): a verdict of other code is not used."""
        self.known = known or {}
        self.used: dict[str, str | None] = {}
        """The verdicts told or reused in this load, by key: kept with the entry for its next load."""

    def told(self, sample: str, lang: str, langs: tuple[str, ...], tell: Callable[[], str | None]) -> str | None:
        """The verdict on sample (written in lang, among the site's languages), remembered or tell()."""
        key = hashlib.sha256("\0".join((self.version, lang, *langs, sample)).encode()).hexdigest()
        if key not in self.used:
            self.used[key] = self.known[key] if key in self.known else tell()
        return self.used[key]


def written_in(
    text: str, lang: str, langs: tuple[str, ...], prepared: Path | None = None, verdicts: Verdicts | None = None
) -> str | None:
    """The other site language a text is clearly written in, or None (its own, too short to judge, or unsure);
    `prepared`: see identifier(); `verdicts`: those told before, by sample."""
    words = content_words(plain_text(text[:SAMPLE_CHARS]))
    if len(words) < MIN_WORDS:
        return None
    sample = " ".join(words[:SAMPLE_WORDS])
    if verdicts is not None:
        return verdicts.told(sample, lang, langs, partial(_judged, sample, lang, langs, prepared))
    return _judged(sample, lang, langs, prepared)


def _judged(sample: str, lang: str, langs: tuple[str, ...], prepared: Path | None) -> str | None:
    """written_in's verdict on the first words of a text, by the model."""
    model, known = identifier(langs, prepared)
    if lang not in known or len(known) < 2:
        return None
    probabilities = {code: float(p) for code, p in model.rank(sample)}
    best = max(known, key=lambda code: probabilities[code])
    if best != lang and probabilities[best] >= MIN_OTHER and probabilities[lang] <= MAX_OWN:
        return best
    return None


def language_doubts(
    samples: Sequence[Sample], langs: tuple[str, ...], prepared: Path | None = None, verdicts: Verdicts | None = None
) -> dict[str, tuple[Doubt, ...]]:
    """Each version's doubtful fields, by language: equal to the field of a version before it in `samples` (the
    original first), else clearly written in another site language."""
    order = list(samples)
    found: dict[str, tuple[Doubt, ...]] = {}
    for index, sample in enumerate(order):
        doubts = []
        for name in FIELDS:
            text, line = sample.field(name)
            if not text or not text.strip():
                continue
            same = next((s.lang for s in order[:index] if name != "text" and s.field(name)[0] == text), None)
            if same is not None and not names_only(text):
                doubts.append(Doubt(name, line, same, same=True))
            elif (other := written_in(text, sample.lang, langs, prepared, verdicts)) is not None:
                doubts.append(Doubt(name, line, other, same=False))
        found[sample.lang] = tuple(doubts)
    return found


def doubt_message(doubt: Doubt, lang: str) -> str:
    """The warning for a doubtful field of the version in lang."""
    if doubt.same:
        return f"the {doubt.field} is the same as in {doubt.lang}.md: translate it"
    return f"the {doubt.field} is written in {english_name(doubt.lang)}, not in {english_name(lang)}: translate it"


@cache
def english_name(lang: str) -> str:
    """A language's name in English (messages are in English): Finnish, Swedish; once a process (Babel makes the
    locale anew each time, and every build names the languages of thousands of entries)."""
    try:
        return Locale.parse("en").languages.get(lang, lang)
    except (ValueError, LookupError):
        return lang


def check_languages(
    entry: Entry,
    samples: Sequence[Sample],
    langs: tuple[str, ...],
    problems: Problems,
    prepared: Path | None = None,
    verdicts: Verdicts | None = None,
) -> Entry:
    """The entry with the doubtful fields of its versions noted, each a warning at its line: a field equal to
    another version's is doubted in the translation, not in the original."""
    by_lang = {sample.lang: sample for sample in samples}
    order = [entry.original, *(v for v in entry.versions if v is not entry.original)]
    doubts = language_doubts([by_lang[v.lang] for v in order if v.lang in by_lang], langs, prepared, verdicts)
    if not any(doubts.values()):
        return entry
    for version in entry.versions:
        for doubt in doubts.get(version.lang, ()):
            problems.warn(version.src_path, doubt.line, doubt_message(doubt, version.lang))
    versions = tuple(replace(v, doubts=doubts.get(v.lang, ())) for v in entry.versions)
    return replace(entry, versions=versions)


def english_names(langs: Sequence[str]) -> str:
    """Languages named in English as a sentence lists them: "Finnish and Swedish", "Finnish, Swedish and English"."""
    return _english_names(tuple(langs))


@cache
def _english_names(langs: tuple[str, ...]) -> str:
    names = [english_name(lang) for lang in langs]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
