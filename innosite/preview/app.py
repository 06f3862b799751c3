"""The preview's web application: the built folder, or the error page.

A WSGI application that livereload wraps (it adds its reload script to every
HTML page). While the latest build has errors, every page shows them; the
last good version of a page stays one click away (`?last-good`).
"""

from __future__ import annotations

import html
import mimetypes
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from innosite.problems import Problem
from innosite.render.i18n import folders

LAST_GOOD = "last-good"
"""Query word that shows the last good version of a page despite errors."""

_HTML_HEADERS = (("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"))


@dataclass(frozen=True, slots=True)
class PreviewState:
    """What the server shows: the output folder and the latest build's problems."""

    out: Path
    problems: tuple[Problem, ...] = ()
    base_path: str = "/"
    """The path part of base_url: the preview serves the site under it."""
    built: bool = False
    """True once a build has succeeded (there are pages to fall back to)."""


@dataclass(frozen=True, slots=True)
class Response:
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


class PreviewApp:
    """WSGI: serves the current state's folder under the site's base path."""

    def __init__(self, state: Callable[[], PreviewState]) -> None:
        self.state = state

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        response = respond(self.state(), path, environ.get("QUERY_STRING", ""))
        start_response(response.status, list(response.headers))
        return [response.body]


def respond(state: PreviewState, path: str, query: str) -> Response:
    """The response to GET path (pure apart from reading the built files)."""
    base = state.base_path
    if not path.startswith(base):
        if base.startswith(path):
            return _redirect(base)
        return _not_found(state)
    parts = [p for p in path[len(base) :].split("/") if p]
    if any(p in ("..", ".") or "\\" in p or "\0" in p for p in parts):
        return _not_found(state)
    target = state.out.joinpath(*parts)
    if target.is_dir():
        if not path.endswith("/"):
            return _redirect(path + "/" + (f"?{query}" if query else ""))
        target = target / "index.html"
    showing_errors = state.problems and LAST_GOOD not in query.split("&")
    if showing_errors and (target.suffix == ".html" or not target.is_file()):
        return _html("500 Internal Server Error", error_page(state.problems, state.built))
    if not target.is_file() or not _inside(target, state.out):
        return _not_found(state)
    kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/xml", "application/javascript", "application/json"):
        kind += "; charset=utf-8"
    return Response("200 OK", (("Content-Type", kind), ("Cache-Control", "no-store")), target.read_bytes())


def _inside(target: Path, out: Path) -> bool:
    """True when target, symbolic links followed, is a file below out (nothing else is served)."""
    return out.resolve() in target.resolve().parents


def _redirect(location: str) -> Response:
    return Response("302 Found", (("Location", location), ("Cache-Control", "no-store")), b"")


def _not_found(state: PreviewState) -> Response:
    page = state.out / "404.html"
    body = page.read_bytes() if page.is_file() else b"<!DOCTYPE html><title>404</title><h1>404: no such page</h1>"
    return Response("404 Not Found", _HTML_HEADERS, body)


def _html(status: str, text: str) -> Response:
    return Response(status, _HTML_HEADERS, text.encode())


def error_page(problems: tuple[Problem, ...], built: bool) -> str:
    """A readable page listing every problem as `path:line: message`."""
    errors = sum(not p.warning for p in problems)
    items = "\n".join(f"<li>{html.escape(str(p))}</li>" for p in problems)
    fallback = (
        f'<p><a href="?{LAST_GOOD}">Show the last good version of this page</a></p>'
        if built
        else "<p>There is no good version of the site yet.</p>"
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The site could not be built ({errors} error{"" if errors == 1 else "s"})</title>
<style>
body {{ font: 1.1rem/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }}
h1 {{ color: #a00000; }}
ol {{ font-family: ui-monospace, monospace; font-size: 1rem; padding-left: 2rem; }}
li {{ margin: .5rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<main>
<h1>The site could not be built</h1>
<p>Each line below names the file, the line in it, and what is wrong.
Fix them and save: this page reloads by itself.</p>
<ol>
{items}
</ol>
{fallback}
</main>
</body>
</html>
"""


def problems_from_exception(exc: Exception, options: Any) -> tuple[Problem, ...]:
    """A crash of the build (a broken template or catalog) as a located problem."""
    path, line = _template_location(exc, (*folders(options.templates), *folders(options.locales)))
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return (Problem(path or "the build", line, f"{type(exc).__name__}: {message}"),)


def _template_location(exc: Exception, roots: tuple[Path, ...]) -> tuple[str | None, int]:
    """The template (or catalog) file and line where the build failed, if any."""
    filename, lineno = getattr(exc, "filename", None), getattr(exc, "lineno", None) or 0
    if filename:
        return _relative(Path(filename), roots), lineno
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if any(root.resolve() in Path(frame.filename).resolve().parents for root in roots):
            return _relative(Path(frame.filename), roots), frame.lineno or 0
    return None, 0


def _relative(path: Path, roots: tuple[Path, ...]) -> str:
    """The path from the current folder, else from the folder holding templates/."""
    for base in (Path.cwd(), *(root.parent for root in roots)):
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)
