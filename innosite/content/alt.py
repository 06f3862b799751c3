"""The description (alt text) of an entry's photo, read from meta.yaml's `image.alt` with messages in plain words.

A screen reader reads the description in place of the picture, so each language version needs one in its own
language, and a sentence that says what the picture shows. A missing or empty description is an error naming
the language; a one-word description ("kuva", "bild", "photo") and one text for every language of an entry in
several languages are warnings: the site can be built, but a reader who cannot see the photo learns little, or
hears it in another language.
"""

from __future__ import annotations

from collections.abc import Sequence

from innosite.content.fields import Fields
from innosite.content.language import english_name, english_names
from innosite.model.settings import Localized

_DESCRIBE = "describe what the picture shows, for readers who cannot see it"


def photo_alt(image: Fields, langs: tuple[str, ...], version_langs: Sequence[str]) -> Localized | None:
    """`image.alt` as a translated value (None after an error): a mapping naming every site language, or one text
    for all of them; `version_langs` are the languages the entry is written in."""
    value = image.data.get("alt")
    if isinstance(value, dict):
        return _per_language(image.sub("alt"), langs)
    if isinstance(value, str) and value.strip():
        text = value.strip()
        if len(version_langs) > 1:
            image.problems.warn(image.path, image.line("alt"), one_text_message(text, version_langs, langs))
        _check_sentence(image, ("alt",), text, None)
        return Localized(tuple((lang, text) for lang in langs))
    if value is None and image.written_elsewhere("alt"):  # told where it belongs (Fields.check_keys)
        return None
    if value is None or isinstance(value, str):  # no alt:, `alt:` with nothing after it, or `alt: ""`
        where = "alt" if "alt" in image.data else None
        image.error(where, no_description_message(langs))
        return None
    other = image.text("alt")  # a number is text; a list or a date says it must be text
    return Localized(tuple((lang, other) for lang in langs)) if other else None


def _per_language(alt: Fields, langs: tuple[str, ...]) -> Localized | None:
    """The descriptions of `alt:` written a line per language: every site language needs its own."""
    alt.check_keys(langs)
    texts = []
    for lang in langs:
        value = alt.data.get(lang)
        if value is None or (isinstance(value, str) and not value.strip()):
            where = lang if lang in alt.data else None
            alt.error(where, f"the photo has no description in {english_name(lang)} (image.alt {lang}:): {_DESCRIBE}")
            continue
        text = alt.text(lang)
        if text is not None:
            _check_sentence(alt, (lang,), text, lang)
            texts.append((lang, text))
    return Localized(tuple(texts)) if len(texts) == len(langs) else None


def no_description_message(langs: tuple[str, ...]) -> str:
    """The error for an image without any description."""
    return f"the photo has no description (image.alt): {_DESCRIBE}, a line per language ({_keys(langs)})"


def _check_sentence(fields: Fields, keys: tuple[str, ...], text: str, lang: str | None) -> None:
    """A warning for a description of one word: "kuva" tells a reader who cannot see the photo nothing."""
    if len(text.split()) == 1:
        fields.problems.warn(fields.path, fields.line(*keys), one_word_message(text, lang))


def one_word_message(text: str, lang: str | None) -> str:
    """The warning for a one-word description (in lang, or for every language)."""
    which = f" in {english_name(lang)}" if lang else ""
    return (
        f'the photo\'s description{which} is one word ("{text}"): describe in a sentence what the picture shows,'
        " for readers who cannot see it"
    )


def one_text_message(text: str, version_langs: Sequence[str], langs: tuple[str, ...]) -> str:
    """The warning for one description given for every language of an entry written in several."""
    return (
        f'the photo has one description for every language (image.alt: "{text}"): the {english_names(version_langs)}'
        f" pages read the same text; write it a line per language under alt: ({_keys(langs)})"
    )


def _keys(langs: tuple[str, ...]) -> str:
    return ", ".join(f"{lang}:" for lang in langs)
