"""site.yaml's `editor:` key: the back-end of the browser editor that a publishing build puts at admin/."""

from __future__ import annotations

import re

from innosite.content.fields import Fields
from innosite.content.schema import EDITOR_KEYS, names, required
from innosite.model.settings import EditorSettings

_REPO = {
    "github": re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$"),
    "gitlab": re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$"),
}
_BRANCH = re.compile(r"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")


def editor_settings(site: Fields) -> EditorSettings | None:
    """The `editor:` mapping of site.yaml, checked; None when there is none (or after recording its errors)."""
    if site.data.get("editor") is None:
        return None
    fields = site.sub("editor")
    if not fields.is_mapping('"editor"'):
        return None
    fields.check_keys(names(EDITOR_KEYS), required=required(EDITOR_KEYS))
    backend = fields.text("backend")
    if backend is not None and backend not in _REPO:
        fields.error("backend", f'"editor.backend" must be one of github, gitlab, not "{backend}"')
        backend = None
    repo = fields.text("repo")
    if repo and backend and not _REPO[backend].match(repo):
        example = "innokaupungit/site" if backend == "github" else "innokaupungit/web/site"
        fields.error("repo", f'"editor.repo" must be the repository as owner/name, like {example}')
        repo = None
    branch = fields.text("branch") or "main"
    if not _BRANCH.match(branch):
        fields.error("branch", f'"editor.branch" must be a branch name, like main, not "{branch}"')
    workflow = fields.choice("workflow", ("editorial", "simple"), "editorial")
    app_id = fields.text("app_id")
    if app_id and backend == "github":
        fields.error("app_id", '"editor.app_id" is for GitLab: GitHub signs in through base_url or with a token')
    base_url, api_root = fields.url("base_url"), fields.url("api_root")
    if not (backend and repo) or not _BRANCH.match(branch):
        return None
    return EditorSettings(backend, repo, branch, workflow, app_id, base_url, api_root)
