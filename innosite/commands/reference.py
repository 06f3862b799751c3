"""docs/reference.md and schemas/*.json, made from the key descriptions the loader reads (schema.py).

`python -m innosite.commands.reference [ROOT]` writes them into the repository at ROOT (default: here);
tests/content/test_reference.py fails when the committed files differ from what this makes now. The message
shown for a key is the one the loader gives: it is found by loading a small valid file with the key's wrong
value (or without the key, when it is required), so that the reference cannot say what the loader does not.
"""

from __future__ import annotations

import copy
import json
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from innosite.content.config import load_config, load_terms
from innosite.content.entries import EntryContext, load_entry
from innosite.content.fields import DATETIME
from innosite.content.schema import ACCESSIBILITY, NOT_GIVEN, SITE, TERM, Key
from innosite.content.schema_entries import FRONT, META
from innosite.content.statement import load_statement
from innosite.markup.markdown import MarkdownRenderer
from innosite.model.settings import Config
from innosite.model.slugs import SLUG_RE
from innosite.problems import Problems

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"
_LANG = "^[a-z]{2,3}$"
_BASE_SITE: dict[str, Any] = {
    "title": {"fi": "Testi", "sv": "Test", "en": "Test"},
    "base_url": "https://example.org/",
    "languages": {
        "fi": {"locale": "fi_FI", "name": "Suomi"},
        "sv": {"locale": "sv_FI", "name": "Svenska"},
        "en": {"locale": "en_FI", "name": "English"},
    },
}
_BASE_META: dict[str, dict[str, Any]] = {
    "press": {"published": "2022-09-13 14:56"},
    "projects": {"themes": ["digital-health"], "lead_city": "tampere", "cities": ["tampere", "oulu", "turku"]},
    "pages": {},
}
_BASE_FRONT = {"title": "Kaupungit ottavat veturivastuun", "summary": "Veturikaupungit edistävät kumppanuuksia."}
_BASE_STATEMENT: dict[str, Any] = {
    "status": "full",
    "reviewed": "2026-11-27",
    "method": "self-assessment",
    "feedback": {"email": "saavutettavuus@example.fi"},
    "authority": {"name": "Aluehallintovirasto", "website": "https://www.saavutettavuusvaatimukset.fi/"},
}
_TODAY = date(2026, 12, 1)

Probe = Callable[[dict[str, Any]], list[str]]

# -- JSON Schema ---------------------------------------------------------------------------------------


def key_schema(key: Key) -> dict[str, Any]:
    """The JSON Schema of one key's value."""
    text = {"type": ["string", "number"]}
    localized = {"anyOf": [text, {"type": "object", "propertyNames": {"pattern": _LANG}, "additionalProperties": text}]}
    by_kind: dict[str, dict[str, Any]] = {
        "text": text,
        "localized": localized,
        "datetime": {"type": "string", "pattern": DATETIME.pattern},
        "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "flag": {"type": "boolean"},
        "ids": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        "choice": {"enum": list(key.choices)} if key.choices else {"type": "string"},
        "url": {"type": "string", "pattern": "^https?://"},
        "email": {"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+$"},
        "phone": {"type": ["string", "number"]},
        "number": {"type": "integer", "minimum": key.minimum, "maximum": key.maximum},
        "strings": {"type": "array", "items": {"type": "string"}},
        "mapping": mapping_schema(key.keys),
        "list": {"type": "array", "items": mapping_schema(key.keys)},
        "notes": {"anyOf": [mapping_schema(key.keys), {"type": "array", "items": mapping_schema(key.keys)}]},
        "per-language": {
            "type": "object",
            "propertyNames": {"pattern": _LANG},
            "additionalProperties": mapping_schema(key.keys) if key.keys else {"enum": list(key.choices)},
        },
    }
    found = {name: value for name, value in by_kind[key.kind].items() if value is not None}
    return {"description": key.meaning, **found}


def mapping_schema(keys: tuple[Key, ...]) -> dict[str, Any]:
    """A mapping with these keys and no others."""
    schema: dict[str, Any] = {"type": "object", "properties": {key.name: key_schema(key) for key in keys}}
    if needed := [key.name for key in keys if key.required]:
        schema["required"] = needed
    return {**schema, "additionalProperties": False}


def file_schema(name: str, title: str, schema: dict[str, Any]) -> dict[str, Any]:
    """A whole file's schema, with its identification."""
    return {"$schema": SCHEMA_URL, "$id": f"https://innokaupungit.fi/schemas/{name}", "title": title, **schema}


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema, by file name under schemas/."""
    terms = {"type": "object", "propertyNames": {"pattern": SLUG_RE.pattern}, "additionalProperties": key_schema(TERM)}
    found = {
        "site.schema.json": file_schema("site.schema.json", "site.yaml", mapping_schema(SITE)),
        "terms.schema.json": file_schema("terms.schema.json", "themes.yaml and cities.yaml", terms),
        "accessibility.schema.json": file_schema(
            "accessibility.schema.json", "accessibility.yaml", mapping_schema(ACCESSIBILITY)
        ),
        "front-matter.schema.json": file_schema(
            "front-matter.schema.json", "the front matter of a language file (fi.md)", mapping_schema(FRONT)
        ),
    }
    for section, keys in META.items():
        name, both = f"meta-{section}.schema.json", f"index-{section}.schema.json"
        found[name] = file_schema(name, f"meta.yaml of {section}/", mapping_schema(keys))
        shared = tuple(key for key in keys if key.name not in {k.name for k in FRONT})
        title = f"the front matter of index.<default language>.md of {section}/ (layout B)"
        found[both] = file_schema(both, title, mapping_schema((*FRONT, *shared)))
    return found


# -- the loader's messages -------------------------------------------------------------------------------


def _errors(problems: Problems, folder: Path) -> list[str]:
    return [problem.message.replace(str(folder), "content") for problem in problems.errors]


def _write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _config(folder: Path) -> Config:
    _write(folder / "site.yaml", _BASE_SITE)
    config = load_config(folder, Problems())
    assert config is not None
    return config


def site_probe(folder: Path) -> Probe:
    """The errors site.yaml gives with this data."""

    def probe(data: dict[str, Any]) -> list[str]:
        _write(folder / "site.yaml", data)
        problems = Problems()
        load_config(folder, problems)
        return _errors(problems, folder)

    return probe


def entry_probe(folder: Path, section: str, front: bool) -> Probe:
    """The errors of an entry of the section with this meta.yaml (or, `front`, this front matter of fi.md)."""
    config, renderer = _config(folder), MarkdownRenderer()
    ctx = EntryContext(
        config,
        frozenset({"digital-health"}),
        frozenset({"tampere", "oulu", "turku"}),
        frozenset({"sport-finland"}),
        tuple((lang, "back") for lang in config.langs),
    )

    def probe(data: dict[str, Any]) -> list[str]:
        entry = folder / section / "2022-09-13-entry"
        entry.mkdir(parents=True, exist_ok=True)
        _write(entry / "meta.yaml", _BASE_META[section] if front else data)
        head = yaml.safe_dump(data if front else _BASE_FRONT, allow_unicode=True, sort_keys=False)
        body = "Teksti, jossa on [liite](liite.pdf) ja kuva ![Kuvaus](kuva.jpg).\n"
        (entry / "fi.md").write_text(f"---\n{head}---\n{body}", encoding="utf-8")
        (entry / "liite.pdf").write_bytes(b"%PDF-1.4\n")
        (entry / "kuva.jpg").write_bytes(b"\xff\xd8\xff\xd9")
        found = load_entry(section, entry, ctx, renderer)[1]
        return [problem.message.replace(str(folder), "content") for problem in found if not problem.warning]

    return probe


def terms_probe(folder: Path) -> Probe:
    """The errors themes.yaml gives with this data."""
    langs = _config(folder).langs

    def probe(data: dict[str, Any]) -> list[str]:
        _write(folder / "themes.yaml", data)
        problems = Problems()
        load_terms(folder, "themes", langs, problems)
        return _errors(problems, folder)

    return probe


def statement_probe(folder: Path) -> Probe:
    """The errors accessibility.yaml gives with this data."""
    config = _config(folder)

    def probe(data: dict[str, Any]) -> list[str]:
        _write(folder / "accessibility.yaml", data)
        problems = Problems()
        page = {"accessibility": config.langs}
        load_statement(folder, config, frozenset(page), page, _TODAY, problems)
        return _errors(problems, folder)

    return probe


def _example_item(key: Key) -> dict[str, Any]:
    """A valid value of a mapping key's children to change one of (a list's first item, a language's mapping)."""
    if key.kind == "list":
        return copy.deepcopy(key.example[0])
    if key.kind == "per-language":
        return copy.deepcopy(next(iter(key.example.values())))
    return copy.deepcopy(key.example)


def _placed(base: dict[str, Any], parent: Key | None, key: Key, value: Any) -> dict[str, Any]:
    """The base data with the key set to value (NOT_GIVEN: left out), inside a valid parent when it has one."""
    data = copy.deepcopy(base)
    target = data
    if parent is not None:
        target = _example_item(parent)
        inner = base.get(parent.name)
        if parent.kind == "per-language":
            lang = next(iter(inner)) if isinstance(inner, dict) else next(iter(parent.example))
            outer = copy.deepcopy(inner) if isinstance(inner, dict) else {}
            target = copy.deepcopy(outer.get(lang, target))
            data[parent.name] = {**outer, lang: target}
        else:
            data[parent.name] = [target] if parent.kind == "list" else target
    if value is NOT_GIVEN:
        target.pop(key.name, None)
    else:
        target[key.name] = value
    return data


def messages(probe: Probe, base: dict[str, Any], before: set[str], key: Key, parent: Key | None = None) -> list[str]:
    """The loader's errors for the key's wrong value and, when it is required, for its absence (not those the
    base data gives already: `before`)."""
    found: list[str] = []
    if key.required:
        found += probe(_placed(base, parent, key, NOT_GIVEN))
    if key.wrong is not NOT_GIVEN:
        found += probe(_placed(base, parent, key, key.wrong))
    return [message for message in dict.fromkeys(found) if message not in before]


# -- docs/reference.md ---------------------------------------------------------------------------------

_KINDS = {
    "text": "text",
    "localized": "text, or a text per language (`fi:`, `sv:`, `en:`)",
    "datetime": "date and time, `YYYY-MM-DD HH:MM` (the site's time zone)",
    "date": "date, `YYYY-MM-DD`",
    "flag": "`true` or `false`",
    "ids": "list of ids",
    "url": "web address starting with `https://` or `http://`",
    "email": "e-mail address",
    "phone": "phone number",
    "strings": "list of texts",
    "mapping": "the keys below, indented",
    "list": "list of items (`- ...`), each with the keys below",
    "notes": "`date:` and `text:` indented below, or a list of such items",
}


def _kind(key: Key) -> str:
    if key.kind == "choice":
        return "one of " + ", ".join(f"`{choice}`" for choice in key.choices) if key.choices else "text"
    if key.kind == "number":
        return f"whole number, {key.minimum} to {key.maximum}"
    if key.kind == "per-language":
        inner = "the keys below" if key.keys else " or ".join(f"`{choice}`" for choice in key.choices)
        return f"per language code (`fi:`, `sv:`...): {inner}"
    return _KINDS[key.kind]


def _flow(value: Any) -> str:
    """A value as YAML on one line (a text as it is)."""
    if isinstance(value, str):
        return value
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000, sort_keys=False)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(name: str, key: Key, found: list[str]) -> str:
    need = "**required**" if key.required else (f"default: {key.default}" if key.default else "optional")
    said = "<br>".join(_cell(message) for message in found) or "–"
    cells = (f"`{name}`", _kind(key), need, f"`{_cell(_flow(key.example))}`", _cell(key.meaning), said)
    return "| " + " | ".join(cells) + " |"


def _nested_name(parent: Key, key: Key) -> str:
    joiner = {"list": "[].", "per-language": ".<lang>."}.get(parent.kind, ".")
    return f"{parent.name}{joiner}{key.name}"


def table(keys: tuple[Key, ...], probe: Probe, base: dict[str, Any]) -> list[str]:
    """The rows of a file's keys, nested keys after their parent."""
    before = set(probe(base))
    rows = [
        "| key | type | required | example | what it is | the message for a mistake |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for key in keys:
        rows.append(_row(key.name, key, messages(probe, base, before, key)))
        for child in key.keys:
            rows.append(_row(_nested_name(key, child), child, messages(probe, base, before, child, key)))
    return rows


def _terms_rows(probe: Probe) -> list[str]:
    names = {"fi": "Digitaalinen terveys", "sv": "Digital hälsa", "en": "Digital health"}
    found = [*probe({"Digital Health": names}), *probe({"digital-health": None}), *probe({"x": {"fi": "X"}})]
    rows = [
        "| key | type | required | example | what it is | the message for a mistake |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    return [*rows, _row(TERM.name, TERM, list(dict.fromkeys(found)))]


INTRO = """# Reference: the keys of the content files

Every key of every file the build reads, with its type, whether it is required (or what it is when it is
left out), an example, and the message the build gives for a typical mistake: the exact text, shown after
`path:line:`. Made by `python -m innosite.commands.reference` from the definitions the build checks the
files with (innosite/content/schema.py, schema_entries.py); do not edit it by hand. The same definitions
give the JSON Schemas in `schemas/`, with which an editor checks the keys as you type
([Checking keys as you type](authoring.md#checking-keys-as-you-type)).

An unknown key is an error in every file: `unknown key "tittle" (did you mean "title"?); allowed keys: ...`.
"""

_ENTRY_NOTE = """Layout B (what the browser editor writes through GitHub or GitLab): no meta.yaml; the keys of
meta.yaml go into the front matter of the default language's file, `index.fi.md`, beside its own keys
(schemas `index-press.schema.json`, ...); `index.sv.md` and `index.en.md` hold only the keys of the
front matter."""


def reference(folder: Path) -> str:
    """docs/reference.md, its messages found by loading files in `folder` (an empty scratch folder)."""
    parts = [INTRO, "## site.yaml\n", *table(SITE, site_probe(folder / "site"), _BASE_SITE)]
    for section, keys in META.items():
        probe = entry_probe(folder / f"meta-{section}", section, front=False)
        parts += ["", f"## meta.yaml in {section}/\n", *table(keys, probe, _BASE_META[section])]
    front = entry_probe(folder / "front", "press", front=True)
    parts += ["", "## The front matter of a language file (fi.md, sv.md, en.md)\n", *table(FRONT, front, _BASE_FRONT)]
    parts += ["", _ENTRY_NOTE]
    parts += ["", "## themes.yaml and cities.yaml\n", "Each key is an id; its value the names.\n"]
    parts += _terms_rows(terms_probe(folder / "terms"))
    statement = statement_probe(folder / "statement")
    parts += ["", "## accessibility.yaml\n", *table(ACCESSIBILITY, statement, _BASE_STATEMENT)]
    return "\n".join(parts) + "\n"


def generated() -> dict[str, str]:
    """Every generated file's text, by its path in the repository."""
    with tempfile.TemporaryDirectory() as scratch:
        files = {"docs/reference.md": reference(Path(scratch))}
    for name, schema in schemas().items():
        files[f"schemas/{name}"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return files


def main(argv: list[str]) -> int:
    """Write the generated files into the repository (argv: its folder, default the current one)."""
    root = Path(argv[0]) if argv else Path()
    for rel, text in generated().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
