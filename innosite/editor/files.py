"""The preview's file API for the editor's local back-end (static/fs-shim.js): content/ only, as the editor sees it.

The editor sees a repository with `content/` (the content folder) and an empty
`.git/` (which it looks for). Entry folders in layout A are shown as layout B
and written back as A (virtual.py); layout-B folders and attachments are read
and written as they are. Only for the preview on this computer: the server
answers only requests from 127.0.0.1 with our header (see `refusal`). Paths may
not leave content/, pass through a symbolic link or name a hidden file; bodies
are limited in size; every file is written whole or not at all (a temporary
file beside it, then renamed).
"""

from __future__ import annotations

import builtins
import json
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

from innosite.content.layout import B_PREFIX, is_b, language_of
from innosite.content.load import SECTION_DIRS
from innosite.content.names import name_problem
from innosite.content.source import MAX_FILE_BYTES, SourceError, decode
from innosite.editor.virtual import SplitError, merged, redundant_published, split, with_draft_line
from innosite.output.whole_file import replace_file

CONTENT = "content"
MAX_BODY = 64 * 1024 * 1024
"""The largest attachment the editor may save (a text file may have at most MAX_FILE_BYTES, as the build reads)."""
MARKER = "HTTP_X_INNOSITE_EDITOR"
LOOPBACK = ("127.0.0.1", "::1", "::ffff:127.0.0.1")
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")


class Refused(Exception):
    """A request the file API does not carry out: HTTP status and a message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: bytes
    kind: str = "application/json"
    modified: float | None = None


def refusal(environ: dict, api: bool = True) -> str | None:
    """Why a request may not reach the editor's local back-end (None: it may): only from this computer, to this
    computer's name (a page of another site cannot reach it through a name of its own), and for the file API
    only from the editor's page (a script of another site cannot send our header without the server's leave,
    which it never gives)."""
    if environ.get("REMOTE_ADDR") not in LOOPBACK:
        return "the editor's local back-end answers only on this computer"
    if _host_name(environ.get("HTTP_HOST", "")) not in LOCAL_NAMES:
        return "the editor's local back-end answers only at 127.0.0.1 or localhost"
    if api and (environ.get(MARKER) != "1" or environ.get("HTTP_SEC_FETCH_SITE", "same-origin") != "same-origin"):
        return "only the editor's own page may use its local back-end"
    return None


def _host_name(host: str) -> str:
    """The name in a Host header, without the port."""
    return host.split("]")[0] + "]" if host.startswith("[") else host.rsplit(":", 1)[0]


class FileApi:
    """The operations of fs-shim.js on a content folder; `langs` gives the site's languages (default first)."""

    def __init__(self, content: Path, langs: Callable[[], tuple[str, ...]]) -> None:
        self.content = content
        self.langs = langs

    def handle(self, method: str, action: str, path: str, recursive: bool, body: bytes) -> Answer:
        """One request: GET list|file, PUT file|dir, DELETE entry, POST move (body {"from", "to"})."""
        try:
            if (method, action) == ("GET", "list"):
                return Answer(200, json.dumps(self.list(path)).encode())
            if (method, action) == ("GET", "file"):
                data, modified = self.read(path)
                return Answer(200, data, "application/octet-stream", modified)
            if (method, action) == ("PUT", "file"):
                self.write(path, body)
            elif (method, action) == ("PUT", "dir"):
                self.make_folder(path)
            elif (method, action) == ("DELETE", "entry"):
                self.delete(path, recursive)
            elif (method, action) == ("POST", "move"):
                request = json.loads(body or b"{}")
                if not isinstance(request, dict):
                    raise Refused(400, 'a move names "from" and "to"')
                self.move(str(request.get("from", "")), str(request.get("to", "")))
            else:
                raise Refused(404, f"no such action: {method} {action}")
        except Refused as exc:
            return Answer(exc.status, exc.message.encode(), "text/plain; charset=utf-8")
        except (SplitError, SourceError, ValueError) as exc:
            return Answer(409, str(getattr(exc, "message", exc)).encode(), "text/plain; charset=utf-8")
        except OSError as exc:
            return Answer(409, (exc.strerror or str(exc)).encode(), "text/plain; charset=utf-8")
        return Answer(200, b"{}")

    # -- paths ---------------------------------------------------------------------

    def _parts(self, path: str) -> list[str]:
        parts = path.split("/") if path else []
        if parts == [".git"]:
            return parts
        for part in parts:
            if part in ("", ".", "..") or part.startswith(".") or "\\" in part or "\0" in part:
                raise Refused(403, f"not a path the editor may use: {path!r}")
        if parts and parts[0] != CONTENT:
            raise Refused(404, f"{path}: only content/ is shown")
        return parts

    def _real(self, parts: list[str]) -> Path:
        """The file or folder under content/ for a path's parts (refused through a symbolic link)."""
        target = self.content
        for part in parts[1:]:
            target = target / part
            try:
                mode = os.lstat(target).st_mode
            except FileNotFoundError:
                continue
            if stat.S_ISLNK(mode):
                raise Refused(403, f"{'/'.join(parts)}: symbolic links are not followed")
        return target

    def _entry(self, parts: list[str]) -> tuple[str, Path, str] | None:
        """(section, entry folder, file name) when parts name a language file of an entry folder in layout A."""
        if len(parts) == 4 and parts[1] in SECTION_DIRS and parts[3].startswith(B_PREFIX) and parts[3].endswith(".md"):
            folder = self._real(parts[:3])
            if not is_b(folder):
                return parts[1], folder, parts[3]
        return None

    def _lang(self, name: str) -> str:
        lang = language_of(name)
        if lang not in self.langs():
            raise Refused(400, f"{name}: {lang} is not a language of the site")
        return lang

    # -- operations ----------------------------------------------------------------

    def list(self, path: str) -> list[dict[str, str]]:
        """A folder's entries as the editor sees them."""
        parts = self._parts(path)
        if not parts:
            return [{"name": ".git", "kind": "directory"}, {"name": CONTENT, "kind": "directory"}]
        if parts == [".git"]:
            return []
        folder = self._real(parts)
        if not folder.is_dir():
            raise Refused(404, f"{path}: no such folder")
        items = []
        for item in sorted(os.scandir(folder), key=lambda item: item.name):
            if item.name.startswith(".") or item.is_symlink():
                continue
            items.append({"name": item.name, "kind": "directory" if item.is_dir() else "file"})
        if len(parts) == 3 and parts[1] in SECTION_DIRS and not is_b(folder):
            items = self._as_b(items)
        return items

    def _as_b(self, items: builtins.list[dict[str, str]]) -> builtins.list[dict[str, str]]:
        """A layout-A folder's listing: meta.yaml and <lang>.md replaced by index.<lang>.md (none when the
        default language has no file: the editor cannot show the shared keys without it)."""
        langs = self.langs()
        names = {item["name"] for item in items}
        hidden = {"meta.yaml", *(f"{lang}.md" for lang in langs)}
        kept = [item for item in items if item["name"] not in hidden]
        if f"{langs[0]}.md" not in names:
            return kept
        return kept + [{"name": f"{B_PREFIX}{lang}.md", "kind": "file"} for lang in langs if f"{lang}.md" in names]

    def read(self, path: str) -> tuple[bytes, float | None]:
        parts = self._parts(path)
        entry = self._entry(parts) if len(parts) == 4 else None
        if entry is not None:
            section, folder, name = entry
            text = merged(section, folder, self._lang(name), self.langs())
            if text is None:
                raise Refused(404, f"{path}: no such file")
            times = [os.stat(p).st_mtime for p in (folder / "meta.yaml", folder / f"{language_of(name)}.md")
                     if p.exists()]  # fmt: skip
            return text.encode(), max(times, default=None)
        target = self._real(parts)
        if self._hidden_by_layout(parts) or not target.is_file():
            raise Refused(404, f"{path}: no such file")
        data = target.read_bytes()
        if len(parts) == 4 and parts[1] in SECTION_DIRS and parts[3] == f"{B_PREFIX}{self.langs()[0]}.md":
            data = _with_draft_line(data)  # a layout-B entry's shared keys: not a draft unless it says so
        return data, target.stat().st_mtime

    def _hidden_by_layout(self, parts: builtins.list[str]) -> bool:
        """Whether a path names meta.yaml or a <lang>.md of a layout-A entry folder (the editor sees those only
        as index.<lang>.md, and writes them only that way)."""
        if len(parts) != 4 or parts[1] not in SECTION_DIRS:
            return False
        hidden = {"meta.yaml", *(f"{lang}.md" for lang in self.langs())}
        return parts[3] in hidden and not is_b(self._real(parts[:3]))

    def write(self, path: str, data: bytes) -> None:
        parts = self._parts(path)
        if len(parts) < 3 or (problem := name_problem(parts[-1])) is not None:
            raise Refused(403, f"{path}: {problem if len(parts) >= 3 else 'the editor writes only in entry folders'}")
        limit = MAX_FILE_BYTES if parts[-1].endswith((".md", ".yaml", ".yml")) else MAX_BODY
        if len(data) > limit:
            raise Refused(413, f"{path}: larger than {limit // 1024 // 1024} MB")
        entry = self._entry(parts) if len(parts) == 4 else None
        if entry is None:
            if self._hidden_by_layout(parts):
                raise Refused(409, f"{path}: written only through index.<language>.md")
            replace_file(self._real(parts), data)
            return
        section, folder, name = entry
        lang, langs = self._lang(name), self.langs()
        text = data.decode("utf-8")
        writes = split(section, folder, lang, langs, text)
        folder.mkdir(parents=True, exist_ok=True)
        for file_name, new in writes.items():
            replace_file(folder / file_name, new.encode("utf-8"))
        for file_name, new in redundant_published(section, folder, langs).items():
            replace_file(folder / file_name, new.encode("utf-8"))

    def make_folder(self, path: str) -> None:
        parts = self._parts(path)
        if len(parts) < 2:
            raise Refused(403, f"{path}: not a folder the editor may make")
        self._real(parts).mkdir(parents=True, exist_ok=True)

    def delete(self, path: str, recursive: bool) -> None:
        parts = self._parts(path)
        if len(parts) < 3:
            raise Refused(403, f"{path}: the editor deletes only entries and their files")
        entry = self._entry(parts) if len(parts) == 4 else None
        if entry is not None:
            _, folder, name = entry
            lang = self._lang(name)
            names = [f"{lang}.md", *(("meta.yaml",) if lang == self.langs()[0] else ())]
            if not (folder / f"{lang}.md").is_file():
                raise Refused(404, f"{path}: no such file")
            for file_name in names:
                (folder / file_name).unlink(missing_ok=True)
            return
        target = self._real(parts)
        if self._hidden_by_layout(parts) or not (target.exists() or target.is_symlink()):
            raise Refused(404, f"{path}: no such file or folder")
        if target.is_dir():
            if recursive:
                shutil.rmtree(target)
                return
            for item in target.iterdir():  # what the editor does not see: records of translations, leftovers
                if not item.name.startswith(".") or item.is_dir():
                    raise Refused(409, f"{path}: the folder is not empty")
            for item in list(target.iterdir()):
                item.unlink()
            target.rmdir()
        else:
            target.unlink()

    def move(self, source: str, destination: str) -> None:
        """A file to another name (the editor renames an entry's folder one file at a time): the files behind a
        virtual one are moved as they are."""
        source_parts, target_parts = self._parts(source), self._parts(destination)
        source_entry, target_entry = self._entry(source_parts), self._entry(target_parts)
        if source_entry and target_entry and source_parts[3] == target_parts[3]:
            lang = self._lang(source_parts[3])
            moved = [f"{lang}.md", *(("meta.yaml",) if lang == self.langs()[0] else ())]
            (old, new) = (source_entry[1], target_entry[1])
            if any((new / name).exists() for name in moved) or not (old / moved[0]).is_file():
                raise Refused(409, f"{destination}: exists already, or {source} does not")
            new.mkdir(parents=True, exist_ok=True)
            for name in moved:
                if (old / name).exists():
                    os.replace(old / name, new / name)
            return
        if source_entry or target_entry or self._hidden_by_layout(source_parts):
            raise Refused(409, f"{source}: a language file moves only to the same name in another entry")
        target = self._real(target_parts)
        if target.exists() or len(target_parts) < 3:
            raise Refused(409, f"{destination}: exists already")
        origin = self._real(source_parts)
        if not origin.is_file():
            raise Refused(404, f"{source}: no such file")
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(origin, target)


def _with_draft_line(data: bytes) -> bytes:
    """A layout-B index.fi.md with `draft: false` added when it has no `draft:` (virtual.with_draft_line); the
    file's own bytes otherwise, and when it cannot be read as text."""
    try:
        text = decode(data)
    except SourceError:
        return data
    shown = with_draft_line(text)
    return data if shown == text else shown.encode()


def http_date(moment: float) -> str:
    return formatdate(moment, usegmt=True)
