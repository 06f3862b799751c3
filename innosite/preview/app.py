"""The preview's web application: the built folder, or the error page.

A WSGI application that livereload wraps (it adds its reload script to every
HTML page). While the latest build has errors, every page shows them; the
last good version of a page stays one click away (`?last-good`).
"""

from __future__ import annotations

import html
import mimetypes
import os
import re
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from innosite.problems import Problem
from innosite.render.i18n import folders

ADMIN = "admin/"
"""Where the browser editor is, under the site's base path (innosite/editor/page.py)."""
LAST_GOOD = "last-good"
"""Query word that shows the last good version of a page despite errors."""

NAME_MAX = 255
"""The most bytes a file or folder name may have on common file systems: a longer one is no file."""
UNSATISFIABLE = (-1, -1)
"""requested_range's answer to a range outside the file or not understood: 416."""
_BYTE_RANGE = re.compile(r"([0-9]*)-([0-9]*)")
_SLASHES = re.compile(r"/{2,}")

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


EditorReplies = Callable[[dict[str, Any], str], Any]
"""The browser editor's replies (innosite/editor/serve.py) to requests for admin/<rest>: status, headers, body."""


class PreviewApp:
    """WSGI: serves the current state's folder under the site's base path, and the editor at admin/."""

    def __init__(self, state: Callable[[], PreviewState], editor: EditorReplies | None = None) -> None:
        self.state = state
        self.editor = editor

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        admin = _SLASHES.sub("/", self.state().base_path + ADMIN)
        if self.editor is not None and _SLASHES.sub("/", path + "/").startswith(admin):
            response = self._editor(environ, _SLASHES.sub("/", path), admin)
            start_response(response.status, list(response.headers))
            return [response.body]
        byte_range = "" if "HTTP_IF_RANGE" in environ else environ.get("HTTP_RANGE", "")  # no validators are sent
        response = respond(self.state(), path, environ.get("QUERY_STRING", ""), byte_range)
        start_response(response.status, list(response.headers))
        return [response.body]

    def _editor(self, environ: dict[str, Any], path: str, admin: str) -> Response:
        """admin/ (the editor's page, files and file API), admin without its slash redirected."""
        if path + "/" == admin:
            return _redirect(quote(admin))
        assert self.editor is not None
        reply = self.editor(environ, path[len(admin) :])
        return Response(reply.status, reply.headers, reply.body)


def respond(state: PreviewState, path: str, query: str, byte_range: str = "") -> Response:
    """The response to GET path, or to the part of it a Range header asks for (pure apart from reading the
    built files).

    Doubled slashes count as one, so a redirect never begins with `//` (another host, for a browser); a name
    the file system cannot hold is simply not found."""
    path = _SLASHES.sub("/", path)
    base = state.base_path
    if not path.startswith(base):
        if base.startswith(path):
            return _redirect(base)
        return _not_found(state)
    parts = [p for p in path[len(base) :].split("/") if p]
    if any(p in ("..", ".") or "\\" in p or "\0" in p or len(p.encode()) > NAME_MAX for p in parts):
        return _not_found(state)
    try:
        return _serve(state, path, parts, query, byte_range)
    except OSError:  # a path longer than the system takes, a file removed by a rebuild meanwhile
        return _not_found(state)


def _serve(state: PreviewState, path: str, parts: list[str], query: str, byte_range: str) -> Response:
    """The file (or its error page) at parts below the output folder."""
    target = state.out.joinpath(*parts)
    if target.is_dir():
        if not path.endswith("/"):
            return _redirect(quote(state.base_path + "".join(f"{p}/" for p in parts)) + (f"?{query}" if query else ""))
        target = target / "index.html"
    showing_errors = state.problems and LAST_GOOD not in query.split("&")
    if showing_errors and (target.suffix == ".html" or not target.is_file()):
        return _html("500 Internal Server Error", error_page(state.problems, state.built))
    if not target.is_file() or not _inside(target, state.out):
        return _not_found(state)
    kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/xml", "application/javascript", "application/json"):
        kind += "; charset=utf-8"
    if kind.startswith("text/html"):  # pages get the reload script: always sent whole
        return Response("200 OK", (("Content-Type", kind), ("Cache-Control", "no-store")), target.read_bytes())
    return _part(target, kind, byte_range)


def _part(target: Path, kind: str, byte_range: str) -> Response:
    """A file that may be asked for in parts (a video the browser seeks in): whole, one range, or 416."""
    headers = (("Content-Type", kind), ("Cache-Control", "no-store"), ("Accept-Ranges", "bytes"))
    with target.open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        wanted = requested_range(byte_range, size)
        if wanted is None:
            return Response("200 OK", headers, file.read())
        if wanted == UNSATISFIABLE:
            return Response("416 Range Not Satisfiable", (*headers, ("Content-Range", f"bytes */{size}")), b"")
        start, end = wanted
        file.seek(start)
        body = file.read(end + 1 - start)
    return Response("206 Partial Content", (*headers, ("Content-Range", f"bytes {start}-{end}/{size}")), body)


def requested_range(header: str, size: int) -> tuple[int, int] | None:
    """The first and last byte a Range header asks for; None for the whole file (no header, another unit or
    several ranges, which a server may answer whole); UNSATISFIABLE when outside the file or malformed."""
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    found = _BYTE_RANGE.fullmatch(spec.strip())
    if found is None:
        return UNSATISFIABLE
    first, last = found.groups()
    if not first:  # the last n bytes
        n = int(last) if last else 0
        return (max(0, size - n), size - 1) if n and size else UNSATISFIABLE
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    return (start, end) if start < size and (not last or start <= int(last)) else UNSATISFIABLE


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
