"""What a translation was made from, stored beside it, and the front matter it gets.

`import` writes `.sv.translated-from.yaml` beside sv.md: the source text of
every unit when the translation was imported, by unit path. A fresh clone
knows from it which units changed since (compare with the source's units now)
and can show the change itself (the old text is there, not only its hash).
The name starts with a dot, so the build does not take it for an attachment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

from innosite.content.source import SourceError, parse_yaml, split_front_matter
from innosite.translate.units import Unit, corrections

_WRITTEN_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
"""A time as content files write it (content/fields.written_time): such times compare as text."""
RECORD_HEADER = (
    "# What {target}.md was translated from: the {source}.md text of each part when the translation was\n"
    "# imported (written by translate import). The next export sends only the parts that changed since.\n"
)


def record_name(target_lang: str) -> str:
    """The record's file name beside the translation, e.g. `.sv.translated-from.yaml`."""
    return f".{target_lang}.translated-from.yaml"


class _Dumper(yaml.SafeDumper):
    """Multi-line texts as `|` blocks, so the record reads like the text it records."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def record_text(source_lang: str, target_lang: str, units: tuple[Unit, ...]) -> str:
    """The record of a translation made from these source units."""
    data = {"source": f"{source_lang}.md", "units": {unit.path: unit.text for unit in units}}
    dumped = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=2**31, default_flow_style=False)
    return RECORD_HEADER.format(target=target_lang, source=source_lang) + dumped


def read_record(text: str) -> dict[str, str]:
    """Unit path -> source text of a record; SourceError when it is not one."""
    doc = parse_yaml(text)
    units = doc.data.get("units") if isinstance(doc.data, dict) else None
    if not isinstance(units, dict) or not all(isinstance(v, str) for v in units.values()):
        raise SourceError(doc.line("units") or 1, "not a record of translate import: delete the file and export again")
    return {str(path): text for path, text in units.items()}


def yaml_line(key: str, value: Any) -> str:
    """`key: value` as YAML, quoted where the value needs it: one line for a text, a block for a list."""
    return yaml.safe_dump({key: value}, allow_unicode=True, width=2**31, default_flow_style=False)


def new_front(values: Mapping[str, Any]) -> str:
    """The front matter of a new language file."""
    return "---\n" + "".join(yaml_line(k, v) for k, v in values.items() if v is not None) + "---\n"


def edit_front(text: str, values: Mapping[str, Any]) -> str:
    """The file's front matter lines with keys set (None: removed), everything else kept as it was.

    `text` is the whole language file; the result is its front matter with the `---` lines."""
    lines = text.split("\n")
    close = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    doc = parse_yaml("\n".join(lines[1:close]), first_line=2)
    starts = sorted(
        (line - 1, keys[0])
        for keys, line in doc.lines.items()
        if len(keys) == 1 and isinstance(keys[0], str) and keys[0] != "\0key"
    )
    extents: dict[str, tuple[int, int]] = {}
    for number, (start, key) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else close
        while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        extents[key] = (start, end)
    replaced = dict(enumerate(lines[:close]))
    added = []
    for key, value in values.items():
        line = None if value is None else yaml_line(key, value).rstrip("\n")
        if key in extents:
            start, end = extents[key]
            if value is not None and _same(doc.data.get(key), value):
                continue
            for index in range(start, end):
                replaced.pop(index, None)
            if line is not None:
                replaced[start] = line
        elif line is not None:
            added.append(line)
    kept = [replaced[index] for index in sorted(replaced)]
    return "\n".join(kept + added + [lines[close]]) + "\n"


def _same(written: Any, value: Any) -> bool:
    """Whether a key's written value already is the value (a text compared without its outer spaces)."""
    if isinstance(value, str):
        return written is not None and str(written).strip() == value
    return written == value


def set_alt(meta: str, lang: str, alt: str) -> str | None:
    """meta.yaml with the image's alt text in a language set, where alt is written one language a line."""
    doc = parse_yaml(meta)
    lines = meta.split("\n")
    at = doc.lines.get(("image", "alt", lang))
    parent = doc.lines.get(("image", "alt"))
    if at is None or parent is None or at == parent:
        return None
    indent = lines[at - 1][: len(lines[at - 1]) - len(lines[at - 1].lstrip())]
    end = at
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > len(indent):
        end += 1
    lines[at - 1 : end] = [indent + yaml_line(lang, alt).rstrip("\n")]
    return "\n".join(lines)


def translated_corrections(
    source: str, every: Mapping[str, str], target: str | None = None, now: str | None = None
) -> list[dict[str, str]] | None:
    """The translation's correction notes: each of the source's, with the translated text, dated when this version
    was corrected: a note the translation has keeps its time; one new to a translation that was out before takes
    the import's time `now` (never earlier than the source's note: the version was not corrected before it was
    imported); one in a new translation, the source's time (the release was corrected before it came out)."""
    notes = corrections(split_front_matter(source).front.data)
    dated = [date for date, _ in corrections(split_front_matter(target).front.data)] if target is not None else []
    found = []
    for number, (date, _) in enumerate(notes, start=1):
        if number <= len(dated):
            date = dated[number - 1]
        elif target is not None and now is not None:
            date = max(date, now) if _WRITTEN_TIME.fullmatch(date) else now
        found.append({"date": date, "text": every[f"correction-{number}"]})
    return found or None
