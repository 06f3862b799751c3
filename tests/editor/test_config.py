"""config.yml is made from the content model; a publishing build with site.yaml's `editor:` publishes admin/."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from innosite.build import PACKAGE
from innosite.editor.config import LOCAL, config_yaml, editor_config, model_of_content
from innosite.model.settings import EditorSettings
from tests.conftest import EXAMPLE, TINY, read_tree

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "tiny-config.yml"
SCHEMA = json.loads((HERE / "sveltia-cms.schema.json").read_text(encoding="utf-8"))
LOCALES = PACKAGE / "locales"
GITHUB = EditorSettings("github", "innokaupungit/site", base_url="https://auth.innokaupungit.example")
GITLAB = EditorSettings("gitlab", "innokaupungit/web/site", app_id="0123abcd", workflow="simple")


def test_the_tiny_sites_config_is_the_golden_one(request: pytest.FixtureRequest) -> None:
    made = config_yaml(model_of_content(TINY), LOCALES, LOCAL)
    if request.config.getoption("--update-golden"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_bytes(made)
    assert made.decode() == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize("backend", [LOCAL, GITHUB, GITLAB], ids=["local", "github", "gitlab"])
@pytest.mark.parametrize("content", [TINY, EXAMPLE], ids=["tiny", "example"])
def test_the_config_is_valid_for_sveltia(content: Path, backend) -> None:
    data = yaml.safe_load(config_yaml(model_of_content(content), LOCALES, backend))
    errors = [f"{list(e.path)}: {e.message}" for e in jsonschema.Draft7Validator(SCHEMA).iter_errors(data)]
    assert errors == []


def test_the_hosted_back_ends() -> None:
    model = model_of_content(TINY)
    github = editor_config(model, LOCALES, GITHUB)
    assert github["backend"] == {"name": "github", "repo": "innokaupungit/site", "branch": "main",
                                 "base_url": "https://auth.innokaupungit.example"}  # fmt: skip
    assert github["publish_mode"] == "editorial_workflow"
    gitlab = editor_config(model, LOCALES, GITLAB)
    assert gitlab["backend"] == {"name": "gitlab", "repo": "innokaupungit/web/site", "branch": "main",
                                 "auth_type": "pkce", "app_id": "0123abcd"}  # fmt: skip
    assert "publish_mode" not in gitlab


def test_every_key_the_build_reads_is_a_field() -> None:
    """The editor writes only the fields it knows: a key without one would be lost at the next save."""
    from innosite.content.layout import FRONT_KEYS, META_KEYS
    from innosite.content.schema_entries import IMAGE_KEYS

    config = editor_config(model_of_content(TINY), LOCALES, LOCAL)
    for collection in config["collections"]:
        fields = [field["name"] for field in collection["fields"]]
        assert fields == [*FRONT_KEYS, *(k for k in META_KEYS[collection["name"]] if k != "published"), "body"]
        nested = {field["name"]: field for field in collection["fields"]}
        if "image" in nested:  # the keys inside image: too (credit, added later, was lost at a save before)
            assert [field["name"] for field in nested["image"]["fields"]] == [key.name for key in IMAGE_KEYS]


def test_choices_come_from_the_taxonomies_and_the_projects() -> None:
    press = editor_config(model_of_content(TINY), LOCALES, LOCAL)["collections"][0]
    field = {f["name"]: f for f in press["fields"]}
    assert field["themes"]["options"] == [{"label": "Fotoniikka / Fotonik", "value": "photonics"},
                                          {"label": "Urheilu / Idrott", "value": "sport"}]  # fmt: skip
    assert field["cities"]["options"][0] == {"label": "Joensuu", "value": "joensuu"}
    assert field["projects"]["options"] == [{"label": "Fotoniikan kaupunkiekosysteemi", "value": "photonics-ecosystem"}]
    assert field["published"]["required"] == ["fi"] and field["published"]["format"] == "YYYY-MM-DD HH:mm"


EDITOR = "editor:\n  backend: github\n  repo: innokaupungit/site\n"


def test_a_publishing_build_puts_the_editor_at_admin(site_dir: Path, run, edit) -> None:
    assert run("--out", "plain", "--no-search").code == 0
    edit("site.yaml", (site_dir / "content/site.yaml").read_text() + EDITOR)
    result = run("--out", "site", "--no-search")
    assert result.code == 0
    assert result.out.splitlines()[-1].startswith(f"Built {len(list((site_dir / 'plain').rglob('*.html')))} pages")
    admin = site_dir / "site/admin"
    page = (admin / "index.html").read_text()
    assert '<meta name="robots" content="noindex, nofollow">' in page and "fs-shim.js" not in page
    assert "connect-src 'self' data: blob: https://api.github.com;" in page
    assert "name: github\n  repo: innokaupungit/site\n" in (admin / "config.yml").read_text()
    assert (admin / "sveltia/npm/index.js").stat().st_size > 1_000_000 and (admin / "sveltia/LICENSE.txt").is_file()
    assert not (admin / "fs-shim.js").exists()
    assert "/admin/" not in (site_dir / "site/sitemap.xml").read_text()
    others = {k: v for k, v in read_tree(site_dir / "site").items() if not k.startswith("admin/")}
    assert others == read_tree(site_dir / "plain")


def test_the_editor_is_left_out_of_the_search_index(tmp_path: Path, run) -> None:
    shutil.copytree(TINY, tmp_path / "content")
    (tmp_path / "content/site.yaml").write_text((TINY / "site.yaml").read_text() + EDITOR)
    assert run("--out", "site", cwd=tmp_path).code == 0
    fragments = b"".join(p.read_bytes() for p in (tmp_path / "site/pagefind/fragment").iterdir())
    assert len(list((tmp_path / "site/pagefind/fragment").iterdir())) > 0
    assert b"admin" not in fragments


SETTINGS = {
    "an unknown back-end": (
        "editor:\n  backend: bitbucket\n  repo: a/b\n",
        ['content/site.yaml:13: "editor.backend" must be one of github, gitlab, not "bitbucket"'],
    ),
    "a repository without its owner": (
        "editor:\n  backend: github\n  repo: site\n",
        ['content/site.yaml:14: "editor.repo" must be the repository as owner/name, like innokaupungit/site'],
    ),
    "a missing repository and an unknown key": (
        "editor:\n  backend: gitlab\n  branch: main\n  app: x\n",
        [
            'content/site.yaml:12: "editor.repo" is missing',
            'content/site.yaml:15: unknown key "app" (did you mean "app_id"?); allowed keys: backend, repo, branch, '
            "workflow, app_id, base_url, api_root",
        ],
    ),
    "an application id on GitHub": (
        "editor:\n  backend: github\n  repo: a/b\n  app_id: x\n",
        ['content/site.yaml:15: "editor.app_id" is for GitLab: GitHub signs in through base_url or with a token'],
    ),
    "a workflow that does not exist": (
        "editor:\n  backend: github\n  repo: a/b\n  workflow: review\n",
        ['content/site.yaml:15: "editor.workflow" must be one of editorial, simple, not "review"'],
    ),
    "a proxy that is not a web address": (
        "editor:\n  backend: github\n  repo: a/b\n  base_url: auth.example\n",
        ['content/site.yaml:15: "editor.base_url" must be a web address starting with https:// or http://'],
    ),
}


@pytest.mark.parametrize("case", SETTINGS)
def test_editor_settings_problems(case: str, site_dir: Path, run, edit) -> None:
    text, expected = SETTINGS[case]
    edit("site.yaml", (site_dir / "content/site.yaml").read_text() + text)
    result = run("check")
    assert (result.code, [line for line in result.err.splitlines() if line.startswith("content/")]) == (1, expected)
