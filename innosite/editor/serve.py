"""admin/ in the preview: the editor's page with the local back-end, its config.yml and its files, and the file API.

The preview server (innosite/preview/) sends every request below `<base path>admin/`
here. Nothing here is cached by the browser, so a config.yml made after a change
of themes.yaml is the one the next page load gets.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from innosite.editor.config import LOCAL, EditorModel, config_yaml, model_of_content, model_of_site
from innosite.editor.files import MAX_BODY, FileApi, http_date, refusal
from innosite.editor.page import ADMIN, admin_page, policy, static_files, vendored_files
from innosite.model.site import Site
from innosite.render.i18n import Folders

_TYPES = {".js": "text/javascript; charset=utf-8", ".yml": "text/yaml; charset=utf-8", ".woff2": "font/woff2"}


@dataclass(frozen=True, slots=True)
class Reply:
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


class EditorSite:
    """Answers the requests below admin/ for the preview of one content folder."""

    def __init__(self, content: Path, locales: Folders, last_site: Callable[[], Site | None]) -> None:
        self.content = content
        self.locales = locales
        self.last_site = last_site
        self.api = FileApi(content, self._langs)
        self.files = {**vendored_files(), **static_files(local=True)}

    def _model(self) -> EditorModel | None:
        """The last good build's site (drafts included), or the settings when no build has succeeded yet."""
        site = self.last_site()
        return model_of_site(site) if site is not None else model_of_content(self.content)

    def _langs(self) -> tuple[str, ...]:
        model = self._model()
        if model is None:
            raise ValueError("site.yaml cannot be read: fix it first (the preview shows how)")
        return model.config.langs

    def __call__(self, environ: dict, rest: str) -> Reply:
        """The reply to a request for `admin/<rest>`."""
        api = rest.startswith("files/")
        refused = refusal(environ, api=api)
        if refused is not None:
            return _text("403 Forbidden", refused)
        method = environ.get("REQUEST_METHOD", "GET")
        if api:
            return self._api(environ, method, rest.removeprefix("files/"))
        if method != "GET":
            return _text("405 Method Not Allowed", "the editor's files can only be read")
        if rest in ("", "index.html", "config.yml"):
            model = self._model()
            if model is None:
                return _text(
                    "503 Service Unavailable", "site.yaml cannot be read: fix it first (the preview shows how)"
                )
            if rest == "config.yml":
                return _reply("200 OK", _TYPES[".yml"], config_yaml(model, self.locales, LOCAL))
            page = admin_page(model.config, self.locales, None)
            return _reply("200 OK", "text/html; charset=utf-8", page, csp=True)
        path = self.files.get(rest)
        if path is None:
            return _text("404 Not Found", f"{ADMIN}{rest}: no such file")
        kind = _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return _reply("200 OK", kind, path.read_bytes())

    def _api(self, environ: dict, method: str, action: str) -> Reply:
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        path = query.get("path", [""])[0]
        recursive = query.get("recursive", ["0"])[0] == "1"
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > MAX_BODY:
            return _text("413 Content Too Large", f"{path}: too large")
        body = environ["wsgi.input"].read(length) if length else b""
        try:
            answer = self.api.handle(method, action, path, recursive, body)
        except ValueError as exc:
            return _text("409 Conflict", str(exc))
        headers = () if answer.modified is None else (("Last-Modified", http_date(answer.modified)),)
        status = f"{answer.status} {_REASONS.get(answer.status, 'Error')}"
        return Reply(status, (("Content-Type", answer.kind), ("Cache-Control", "no-store"), *headers), answer.body)


_REASONS = {
    200: "OK",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    413: "Content Too Large",
}


def _reply(status: str, kind: str, body: bytes, csp: bool = False) -> Reply:
    headers = [("Content-Type", kind), ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")]
    if csp:
        headers.append(("Content-Security-Policy", policy(None)))
    headers.append(("X-Robots-Tag", "noindex, nofollow"))
    return Reply(status, tuple(headers), body)


def _text(status: str, message: str) -> Reply:
    return _reply(status, "text/plain; charset=utf-8", message.encode())
