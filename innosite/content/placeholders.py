"""Placeholders never go public: what `new` writes as an example, and a press release without its text.

`new` (commands/new.py) writes its examples from the values here, so what it
writes and what is caught stay the same. In a draft they are fine: it is where
they are written; in an entry that is to be published each is an error at its
line, as is a press release without a summary or a text.

The example site's accessibility statement (content/accessibility.yaml, which a
new site starts from) has an example note and example addresses: each is a
warning at its line, as a statement has no draft state and the example site
itself must build.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from innosite.content.fields import Fields
from innosite.content.schema import CHANNEL_KEYS, names

EXAMPLE_ALT = {"fi": "Mitä kuvassa näkyy", "sv": "Vad bilden visar", "en": "What the picture shows"}
EXAMPLE_SUMMARY = "One or two sentences."
EXAMPLE_SLUG = "address-of-the-page"
EXAMPLE_CONTACT = {"name": "Etunimi Sukunimi", "phone": "040 123 4567", "email": "etunimi.sukunimi@example.fi"}
EXAMPLE_CREDIT = EXAMPLE_CONTACT["name"]
"""The photographer of the image example."""
EXAMPLE_WEBSITE = "https://example.fi/"
EXAMPLE_ALIAS = "/fi/vanha/osoite/"
EXAMPLE_STATEMENT_NOTE = {
    "fi": "Tämä seloste on esimerkki. Palauteosoitteet ovat esimerkkiosoitteita.",
    "sv": "Det här utlåtandet är ett exempel. Responsadresserna är exempeladresser.",
    "en": "This statement is an example. The feedback addresses are example addresses.",
}
"""The note of the example site's accessibility statement (content/accessibility.yaml)."""
EXAMPLE_TOP_LEVEL = frozenset({"example", "test", "invalid", "localhost"})
"""Top-level domains reserved for examples and tests (RFC 2606, RFC 6761): innokaupungit.example."""
EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org", "example.fi")
"""Domains used only in examples: the three reserved ones (RFC 2606) and the one `new` and the messages use."""
TRANSLATE_NOTE = "translate this title"
"""The comment `new --lang` writes after a title copied from another version."""

_TODO = re.compile(r"(?<![^\W_])(?<!-)(?:(?i:todo|fixme)|XXX)(?![\w-]*[^\W_])")
"""A note left for later anywhere in a text: TODO and FIXME in any case, XXX in capitals, each as a word of its own
(not "todo" inside "todota" or "Toledo", nor "XXXL", nor the Finnish word "todo-lista"); "TODO:" and "(todo)" count."""
_ADDRESS = re.compile(r"://|@|www\.", re.IGNORECASE)
"""What marks a word as part of an address or a link's target (`https://todo.fi/`, `[lista](todo.pdf)`)."""


def version_placeholders(fields: Fields, source: str, body: str, body_line: int, press: bool) -> None:
    """Record an error for each placeholder left in a version that is to be published (`source`: the file as
    written, comments included; `body_line`: the line its body starts at)."""
    data = fields.data
    title_line = fields.line("title")
    lines = source.split("\n")
    if "title" in data and 1 <= title_line <= len(lines) and _noted(lines[title_line - 1]):
        fields.error(
            "title", f'the title still has the note "{TRANSLATE_NOTE}" from new: translate it, then delete the note'
        )
    if data.get("summary") == EXAMPLE_SUMMARY:
        fields.error("summary", f'the summary "{EXAMPLE_SUMMARY}" is the example from new: write the lead paragraph')
    if data.get("slug") == EXAMPLE_SLUG:
        fields.error("slug", f'the slug "{EXAMPLE_SLUG}" is the example from new: write an address, or delete the line')
    for key in ("title", "summary"):
        if isinstance(data.get(key), str) and (note := next(notes_left(data[key]), None)) is not None:
            fields.error(key, f'"{note[1]}" left in the {key}: finish it, or keep the entry a draft (draft: true)')
    for start, word in notes_left(body):
        line = body_line + body.count("\n", 0, start)
        fields.problems.error(
            fields.path, line, f'"{word}" left in the text: finish it, or keep the entry a draft (draft: true)'
        )
    if press and not body.strip():
        fields.problems.error(
            fields.path, body_line - 1, "the press release has no text: write it below this line, or keep it a draft"
        )
    if press and not data.get("summary") and "summary" not in fields.meant:  # `sumary:` is told once, as misspelt
        fields.error(
            None,
            '"summary" is missing: a press release needs its lead paragraph (shown in listings, feeds and search)'
            " before it is published",
        )


def notes_left(text: str) -> Iterator[tuple[int, str]]:
    """(where, the word as written) of each TODO, FIXME or XXX left in a text, but in addresses and link targets."""
    for found in _TODO.finditer(text):
        start = found.start()
        before = max(text.rfind(space, 0, start) for space in (" ", "\t", "\n")) + 1
        after = min((end for space in (" ", "\t", "\n") if (end := text.find(space, start)) != -1), default=len(text))
        if not _ADDRESS.search(text[before:after]) and "](" not in text[before:start]:
            yield start, found.group()


def _noted(line: str) -> bool:
    """Whether a YAML line carries the translate note in its comment."""
    return "#" in line and TRANSLATE_NOTE in line[line.index("#") :]


def meta_placeholders(meta: Fields) -> None:
    """Record an error for each example of `new` left in the meta.yaml of an entry that is to be published."""
    image = meta.data.get("image")
    if isinstance(image, dict):
        alts: Any = image.get("alt")
        for lang, alt in alts.items() if isinstance(alts, dict) else [(None, alts)]:
            if alt in EXAMPLE_ALT.values():
                where = ("image", "alt") if lang is None else ("image", "alt", lang)
                meta.problems.error(
                    meta.path,
                    meta.line(*where),
                    f'the alt text "{alt}" is the example from new: say what the picture shows',
                )
        if image.get("credit") == EXAMPLE_CREDIT:
            meta.problems.error(
                meta.path,
                meta.line("image", "credit"),
                f'the credit "{EXAMPLE_CREDIT}" is the example from new: write who took the photo, or delete the line',
            )
    contacts = meta.data.get("contacts")
    for index, contact in enumerate(contacts if isinstance(contacts, list) else []):
        for key, example in EXAMPLE_CONTACT.items():
            if isinstance(contact, dict) and str(contact.get(key)) == example:
                meta.problems.error(
                    meta.path,
                    meta.line("contacts", index, key),
                    f'the {key} "{example}" is the example from new: write the real one, or delete the contact',
                )
    if meta.data.get("website") == EXAMPLE_WEBSITE:
        meta.error("website", f'the website "{EXAMPLE_WEBSITE}" is the example from new: write the real address')
    aliases = meta.data.get("aliases")
    if isinstance(aliases, list) and EXAMPLE_ALIAS in aliases:
        meta.problems.error(
            meta.path,
            meta.line("aliases", aliases.index(EXAMPLE_ALIAS)),
            f'the alias "{EXAMPLE_ALIAS}" is the example from new: write the old address, or delete the line',
        )


_WHOSE = {"feedback": "the feedback", "publisher": "the publisher's", "authority": "the supervising authority's"}
_WHAT = {"email": "e-mail address", "website": "website"}


def statement_placeholders(fields: Fields) -> None:
    """Record a warning for each example left in the accessibility statement: the example site's note, and an
    e-mail address or website on a domain reserved for examples (`saavutettavuus@innokaupungit.example`)."""
    note = fields.data.get("note")
    notes = note.values() if isinstance(note, dict) else [note]
    example = next(
        (text for text in notes if isinstance(text, str) and text.strip() in EXAMPLE_STATEMENT_NOTE.values()), None
    )
    if example is not None:
        fields.problems.warn(fields.path, fields.line("note"), example_note_message(example.strip()))
    for key, channel in fields.data.items():  # in the file's order
        if key not in _WHOSE or not isinstance(channel, dict):
            continue
        for way in names(CHANNEL_KEYS):
            value = channel.get(way)
            if way in _WHAT and isinstance(value, str) and (domain := example_domain(value)) is not None:
                message = f'{_WHOSE[key]} {_WHAT[way]} "{value}" is an example address ({domain} is only for examples)'
                fields.problems.warn(
                    fields.path, fields.line(key, way), f"{message}: write the real one before publishing"
                )


def example_note_message(note: str) -> str:
    """The warning for the example site's note left in the statement."""
    return f'the note "{note}" is the example site\'s: delete "note:" before publishing, or write a note of your own'


def example_domain(address: str) -> str | None:
    """The domain of an e-mail address or web address when it is one reserved for examples, else None."""
    host = address.rsplit("@", 1)[-1] if "@" in address else urlsplit(address.strip()).hostname or ""
    host = host.strip().rstrip(".").lower()
    if host.rsplit(".", 1)[-1] in EXAMPLE_TOP_LEVEL or any(
        host == d or host.endswith("." + d) for d in EXAMPLE_DOMAINS
    ):
        return host
    return None
