"""config.yml of the browser editor, made from the content model: never written or kept by hand.

Languages come from site.yaml (the first is the default locale), the choices of
themes, cities and projects from themes.yaml, cities.yaml and the projects, the
fields from the keys the build reads (content/layout.py). One collection per
section, each entry a folder (`{{slug}}/index.<lang>.md`, layout B, with its
files beside it). The preview serves it with the local back-end, a publishing
build with site.yaml's `editor:` back-end.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from innosite.content.config import load_config, load_terms
from innosite.content.layout import language_path, read_language_file
from innosite.content.source import SourceError
from innosite.editor.fields import body_field, shared_fields, version_fields
from innosite.editor.texts import Texts, label_langs, load_texts
from innosite.model.settings import Config, EditorSettings, Term
from innosite.model.site import Site
from innosite.problems import Problems
from innosite.render.i18n import Folders

CONTENT = "content"
"""The content folder's path in the repository as the editor sees it (the preview's file API shows it there)."""
PRESS_SLUG = "{{fields.published | date('YYYY-MM-DD')}}-{{title}}"
"""Folder names as `new` makes them: the publication date, then the title."""
SLUG_LENGTH = 71
"""The longest folder name: about as `new` cuts it (a date and 60 characters of title)."""
LOCAL = "local"


@dataclass(frozen=True, slots=True)
class EditorModel:
    """What the configuration is made of: the settings, the taxonomies and the projects' names."""

    config: Config
    themes: tuple[Term, ...]
    cities: tuple[Term, ...]
    projects: tuple[tuple[str, str], ...]
    """(id, title in the default language) of every project."""


def model_of_site(site: Site) -> EditorModel:
    """The model of a loaded site."""
    default = site.config.langs[0]
    projects = tuple((p.id, (p.version(default) or p.original).title) for p in site.projects)
    return EditorModel(site.config, site.themes, site.cities, projects)


def model_of_content(content: Path) -> EditorModel | None:
    """The model read from the settings and project folders alone (the preview before a build has succeeded);
    None when site.yaml cannot be read."""
    problems = Problems()
    config = load_config(content, problems)
    if config is None:
        return None
    projects = []
    folder = content / "projects"
    for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
        projects.append((entry.name, _title(language_path(entry, config.langs[0])) or entry.name))
    terms = {kind: load_terms(content, kind, config.langs, problems) for kind in ("themes", "cities")}
    return EditorModel(config, terms["themes"], terms["cities"], tuple(projects))


def _title(path: Path) -> str | None:
    try:
        data = read_language_file(path).front.data
    except (SourceError, OSError):
        return None
    return str(data["title"]) if isinstance(data, dict) and data.get("title") else None


def editor_config(model: EditorModel, locales: Folders, backend: EditorSettings | str) -> dict[str, Any]:
    """The whole configuration; `backend` is site.yaml's editor settings, or LOCAL for the preview's."""
    config = model.config
    texts = load_texts(locales, config)
    result: dict[str, Any] = {"backend": _backend(backend)}
    if isinstance(backend, EditorSettings) and backend.workflow == "editorial":
        result["publish_mode"] = "editorial_workflow"  # each draft a branch and a pull or merge request
    result.update(
        app_title=texts["app_title"],
        site_url=config.base_url,
        media_folder=f"{CONTENT}/media",
        public_folder="/media",
        media_libraries={"stock_assets": False},  # no stock photo services: the page's policy blocks them anyway
        slug={"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-", "maxlength": SLUG_LENGTH},
        i18n={
            "structure": "multiple_files",
            "locales": list(config.langs),
            "default_locale": config.langs[0],
            "initial_locales": list(config.required_languages or config.langs[:1]),
        },
        output={"omit_empty_optional_fields": True, "yaml": {"quote": "none", "indent_sequences": True}},
        collections=[_collection(model, texts, section) for section in ("press", "projects", "pages")],
    )
    return result


def config_yaml(model: EditorModel, locales: Folders, backend: EditorSettings | str) -> bytes:
    """config.yml's bytes (the same model gives the same bytes)."""
    data = editor_config(model, locales, backend)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    return ("# Made by innosite from the content model: do not edit (see docs/editor.md).\n" + text).encode()


class _Dumper(yaml.SafeDumper):
    """Writes a value used twice (the cities' choices) twice, not as an anchor and alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _backend(backend: EditorSettings | str) -> dict[str, Any]:
    if not isinstance(backend, EditorSettings):  # the preview: "Work with local repository" on 127.0.0.1
        return {"name": "github", "repo": "local/content", "branch": "main", "auth_methods": ["token"]}  # unused
    result: dict[str, Any] = {"name": backend.backend, "repo": backend.repo, "branch": backend.branch}
    if backend.backend == "gitlab" and backend.app_id:
        result.update(auth_type="pkce", app_id=backend.app_id)
    if backend.base_url:
        result["base_url"] = backend.base_url
    if backend.api_root:
        result["api_root"] = backend.api_root
    return result


def _collection(model: EditorModel, texts: Texts, section: str) -> dict[str, Any]:
    config = model.config
    terms = {"themes": model.themes, "cities": model.cities}
    fields = [
        *version_fields(texts, section, config.langs),
        *shared_fields(texts, section, config, terms, list(model.projects), label_langs(config)),
        body_field(texts),
    ]
    collection: dict[str, Any] = {
        "name": section,
        "label": texts[section],
        "label_singular": texts[f"{section}_singular"],
        "folder": f"{CONTENT}/{section}",
        "path": "{{slug}}/index",
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "slug": PRESS_SLUG if section == "press" else "{{title}}",
        "identifier_field": "title",
        "summary": _summary(section, texts),
        "media_folder": "",
        "public_folder": "",
        "aliases_field": False,
        "i18n": True,
        "fields": fields,
    }
    if section == "press":
        newest = {"field": "published", "direction": "descending"}
        collection["sortable_fields"] = {"fields": ["published", "title"], "default": newest}
    return collection


def _summary(section: str, texts: Texts) -> str:
    """An entry's line in the editor's list: a release's date first (a scheduled one shows its later date), and
    the draft mark after the title (the editor's own list shows neither)."""
    draft = "{{draft | ternary(' · " + texts["draft"].replace("'", "’") + "', '')}}"
    dated = "{{published | date('D.M.YYYY')}} · " if section == "press" else ""
    return dated + "{{title}}" + draft
