"""docs/reference.md and schemas/ are what commands/reference.py makes from the loader's key definitions, and the
example site's files pass those schemas (so an editor checking keys as staff type agrees with the build)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from innosite.commands.reference import generated
from innosite.content.layout import B_PREFIX, language_of
from innosite.content.source import split_front_matter

ROOT = Path(__file__).resolve().parents[2]
SITES = (ROOT / "content", *sorted(p / "content" for p in (ROOT / "tests" / "sites").iterdir() if p.is_dir()))
SECTIONS = ("press", "projects", "pages")


def test_the_committed_reference_and_schemas_are_what_the_definitions_make() -> None:
    """Run `python -m innosite.commands.reference` after changing innosite/content/schema*.py or a message."""
    made = generated()
    stale = sorted(
        rel for rel, text in made.items() if not (ROOT / rel).is_file() or (ROOT / rel).read_text("utf-8") != text
    )
    extra = {p.relative_to(ROOT).as_posix() for p in (ROOT / "schemas").glob("*.json")} - made.keys()
    assert (stale, sorted(extra)) == ([], [])


def _schema(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / name).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _plain(value: Any) -> Any:
    """YAML's dates and times as the text they were written as (what the editor extension sees)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _files(site: Path) -> list[tuple[Path, str, Any]]:
    """Every YAML file and front matter of a content folder with the schema it should pass."""
    found = [(site / f"{n}.yaml", f"{'terms' if n in ('themes', 'cities') else n}.schema.json", None)
             for n in ("site", "themes", "cities", "accessibility") if (site / f"{n}.yaml").is_file()]  # fmt: skip
    default = next(iter(yaml.safe_load((site / "site.yaml").read_text("utf-8"))["languages"]))
    for section in SECTIONS:
        for path in sorted((site / section).glob("*/*")):
            if path.name == "meta.yaml":
                found.append((path, f"meta-{section}.schema.json", None))
            elif path.suffix == ".md":
                front = split_front_matter(path.read_text("utf-8"), yaml12=path.name.startswith(B_PREFIX)).front.data
                b_default = path.name.startswith(B_PREFIX) and language_of(path.name) == default
                found.append((path, f"index-{section}.schema.json" if b_default else "front-matter.schema.json", front))
    return found


@pytest.mark.parametrize("site", SITES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_sites_pass_the_schemas(site: Path) -> None:
    faults = []
    for path, name, data in _files(site):
        value = yaml.safe_load(path.read_text("utf-8")) if data is None else data
        for error in _schema(name).iter_errors(_plain(value)):
            faults.append(f"{path.relative_to(ROOT)}: {name}: {error.json_path}: {error.message}")
    assert faults == []


def test_a_wrong_key_fails_its_schema_with_the_key_named() -> None:
    """What the editor extension shows for a mistyped key, an unknown value, a wrong type."""
    meta = _schema("meta-press.schema.json")
    messages = [e.message for e in meta.iter_errors({"published": "2022-09-13 14:56", "kind": "blog", "themez": []})]
    assert messages == [
        "'blog' is not one of ['press-release', 'news']",
        "Additional properties are not allowed ('themez' was unexpected)",
    ]
    assert [e.message for e in meta.iter_errors({"kind": "news"})] == ["'published' is a required property"]


def test_layout_b_has_the_shared_keys_only_in_the_default_languages_file() -> None:
    front = {"title": "Otsikko", "published": "2022-09-13 14:56", "themes": ["digital-health"]}
    assert list(_schema("index-press.schema.json").iter_errors(front)) == []
    assert [e.message for e in _schema("front-matter.schema.json").iter_errors(front)] == [
        "Additional properties are not allowed ('themes' was unexpected)"
    ]


def test_the_editor_settings_map_every_yaml_schema_to_the_files_it_describes() -> None:
    """.vscode/settings.json (the Red Hat YAML extension): each schema exists and each pattern finds files."""
    mapping = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))["yaml.schemas"]
    assert {Path(name).name for name in mapping} == {
        p.name for p in (ROOT / "schemas").glob("*.json") if not p.name.startswith(("front-matter", "index-"))
    }
    for name, patterns in mapping.items():
        assert (ROOT / name).is_file(), name
        for pattern in patterns:
            assert sorted(ROOT.glob(pattern)) or pattern == "content/pages/*/meta.yaml", pattern
