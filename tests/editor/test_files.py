"""The editor's local back-end: a file API over content/ only, for the editor's page on this computer only."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest

from innosite.editor.files import MAX_BODY, FileApi, refusal
from innosite.editor.serve import EditorSite
from innosite.preview.app import PreviewApp, PreviewState
from innosite.render.i18n import folders
from tests.conftest import EXAMPLE, TINY

LANGS = ("fi", "sv", "en")
RELEASE = "content/press/2022-09-13-lead-projects"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(TINY, tmp_path / "content")
    return tmp_path / "content"


@pytest.fixture
def api(content: Path) -> FileApi:
    return FileApi(content, lambda: LANGS)


def names(api: FileApi, path: str) -> list[str]:
    answer = api.handle("GET", "list", path, False, b"")
    assert answer.status == 200, answer.body
    return [item["name"] for item in json.loads(answer.body)]


def test_the_editor_sees_a_repository_with_content_and_layout_b_folders(api: FileApi, content: Path) -> None:
    assert names(api, "") == [".git", "content"]
    assert names(api, ".git") == []
    assert names(api, "content/press") == ["2022-09-13-lead-projects", "2023-01-10-sport-news"]
    assert names(api, RELEASE) == ["liite.pdf", "index.fi.md", "index.sv.md"]
    (content / "pages/about/fi.md").rename(content / "pages/about/index.fi.md")
    (content / "pages/about/sv.md").rename(content / "pages/about/index.sv.md")
    (content / "pages/about/.fi.translated-from.yaml").write_text("x")
    assert names(api, "content/pages/about") == ["index.fi.md", "index.sv.md"]


def test_a_folder_without_the_default_language_is_not_an_entry_for_the_editor(api: FileApi, content: Path) -> None:
    (content / "press/2022-09-13-lead-projects/fi.md").unlink()
    assert names(api, RELEASE) == ["liite.pdf"]


def test_reading_a_virtual_file_and_an_attachment(api: FileApi, content: Path) -> None:
    answer = api.handle("GET", "file", f"{RELEASE}/index.sv.md", False, b"")
    assert (answer.status, answer.body) == (200, (content / "press/2022-09-13-lead-projects/sv.md").read_bytes())
    assert answer.modified is not None
    answer = api.handle("GET", "file", f"{RELEASE}/liite.pdf", False, b"")
    assert answer.body == b"%PDF-1.4 tiny\n"
    assert api.handle("GET", "file", f"{RELEASE}/index.en.md", False, b"").status == 404
    assert api.handle("GET", "file", f"{RELEASE}/meta.yaml", False, b"").status == 404


def test_a_save_writes_layout_a_whole_files_and_leaves_no_temporary_file(api: FileApi, content: Path) -> None:
    text = "---\ntitle: Uusi\npublished: 2026-12-09 10:00\nthemes:\n  - sport\n---\n\nTeksti.\n"
    answer = api.handle("PUT", "file", "content/press/2026-12-09-uusi/index.fi.md", False, text.encode())
    assert answer.status == 200, answer.body
    folder = content / "press/2026-12-09-uusi"
    assert sorted(os.listdir(folder)) == ["fi.md", "meta.yaml"]
    assert (folder / "meta.yaml").read_text() == "published: 2026-12-09 10:00\nthemes:\n  - sport\n"
    assert (folder / "fi.md").read_text() == "---\ntitle: Uusi\n---\nTeksti.\n"


def test_a_layout_b_entry_without_draft_is_read_as_not_a_draft(api: FileApi, content: Path) -> None:
    """The editor would open it as a draft (its field's default), and a correction saved would unpublish it."""
    folder = content / "press/b"
    folder.mkdir()
    (folder / "index.fi.md").write_text("---\ntitle: B\npublished: 2026-12-09 10:00\n---\nB\n")
    (folder / "index.sv.md").write_text("---\ntitle: C\n---\nC\n")
    answer = api.handle("GET", "file", "content/press/b/index.fi.md", False, b"")
    assert answer.body == b"---\ntitle: B\npublished: 2026-12-09 10:00\ndraft: false\n---\nB\n"
    assert api.handle("GET", "file", "content/press/b/index.sv.md", False, b"").body == b"---\ntitle: C\n---\nC\n"
    (folder / "index.fi.md").write_bytes(b"---\r\ntitle: B\r\ndraft: true\r\n---\r\nB\r\n")
    answer = api.handle("GET", "file", "content/press/b/index.fi.md", False, b"")
    assert answer.body == b"---\r\ntitle: B\r\ndraft: true\r\n---\r\nB\r\n"  # its own bytes


def test_a_layout_b_folder_is_written_as_it_is(api: FileApi, content: Path) -> None:
    folder = content / "press/b"
    folder.mkdir()
    (folder / "index.fi.md").write_text("---\ntitle: B\npublished: 2026-12-09 10:00\n---\nB\n")
    text = b"---\ntitle: C\npublished: 2026-12-09 10:00\n---\n\nC\n"
    assert api.handle("PUT", "file", "content/press/b/index.fi.md", False, text).status == 200
    assert (folder / "index.fi.md").read_bytes() == text


def test_deleting_an_entry(api: FileApi, content: Path) -> None:
    folder = content / "press/2023-01-10-sport-news"
    (folder / ".sv.translated-from.yaml").write_text("source: fi.md\n")
    for name in ("index.sv.md", "index.fi.md"):
        assert api.handle("DELETE", "entry", f"content/press/2023-01-10-sport-news/{name}", False, b"").status == 200
    assert sorted(os.listdir(folder)) == [".sv.translated-from.yaml"]
    assert api.handle("DELETE", "entry", "content/press/2023-01-10-sport-news", False, b"").status == 200
    assert not folder.exists()


def test_moving_an_entry_to_another_folder(api: FileApi, content: Path) -> None:
    before = (content / "press/2023-01-10-sport-news/meta.yaml").read_text()
    for name in ("index.fi.md", "index.sv.md"):
        answer = api.handle("POST", "move", "", False, json.dumps({
            "from": f"content/press/2023-01-10-sport-news/{name}", "to": f"content/press/2023-01-11-sport/{name}",
        }).encode())  # fmt: skip
        assert answer.status == 200, answer.body
    assert sorted(os.listdir(content / "press/2023-01-11-sport")) == ["fi.md", "meta.yaml", "sv.md"]
    assert (content / "press/2023-01-11-sport/meta.yaml").read_text() == before


REFUSED = {
    "a parent folder": ("GET", "file", "content/../site.yaml", 403),
    "outside content": ("GET", "list", "templates", 404),
    "an absolute path": ("GET", "file", "/etc/passwd", 403),
    "a hidden file": ("GET", "file", "content/press/.cache", 403),
    "a backslash": ("GET", "file", "content\\site.yaml", 403),
    "meta.yaml written directly": ("PUT", "file", f"{RELEASE}/meta.yaml", 409),
    "a file beside the sections": ("PUT", "file", "content/site.yaml", 403),
    "a device name": ("PUT", "file", f"{RELEASE}/con.pdf", 403),
    "deleting a section": ("DELETE", "entry", "content/press", 403),
    "an unknown language": ("PUT", "file", f"{RELEASE}/index.de.md", 400),
}


@pytest.mark.parametrize("case", REFUSED)
def test_refused_paths(case: str, api: FileApi, content: Path) -> None:
    method, action, path, status = REFUSED[case]
    before = sorted(str(p.relative_to(content)) for p in content.rglob("*"))
    assert api.handle(method, action, path, False, b"---\ntitle: X\n---\n").status == status
    assert sorted(str(p.relative_to(content)) for p in content.rglob("*")) == before


def test_symbolic_links_are_not_followed(api: FileApi, content: Path, tmp_path: Path) -> None:
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret/key.pdf").write_text("secret")
    (content / "press/linked").symlink_to(tmp_path / "secret")
    assert api.handle("GET", "file", "content/press/linked/key.pdf", False, b"").status == 403
    assert api.handle("PUT", "file", "content/press/linked/new.pdf", False, b"x").status == 403
    assert "linked" not in names(api, "content/press")
    assert sorted(os.listdir(tmp_path / "secret")) == ["key.pdf"]


def test_oversize_bodies_are_refused(api: FileApi, content: Path) -> None:
    big = b"x" * (2 * 1024 * 1024 + 1)
    assert api.handle("PUT", "file", f"{RELEASE}/index.fi.md", False, b"---\ntitle: A\n---\n" + big).status == 413
    assert api.handle("PUT", "file", f"{RELEASE}/iso.pdf", False, big).status == 200
    assert api.handle("PUT", "file", f"{RELEASE}/valtava.pdf", False, b"x" * (MAX_BODY + 1)).status == 413


LOCAL = {"REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "127.0.0.1:8000", "HTTP_X_INNOSITE_EDITOR": "1",
         "HTTP_SEC_FETCH_SITE": "same-origin"}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({}, None),
        ({"HTTP_HOST": "localhost:8000"}, None),
        ({"REMOTE_ADDR": "192.168.1.20"}, "the editor's local back-end answers only on this computer"),
        ({"HTTP_HOST": "evil.example:8000"}, "the editor's local back-end answers only at 127.0.0.1 or localhost"),
        ({"HTTP_X_INNOSITE_EDITOR": ""}, "only the editor's own page may use its local back-end"),
        ({"HTTP_SEC_FETCH_SITE": "cross-site"}, "only the editor's own page may use its local back-end"),
    ],
)
def test_only_the_editors_page_on_this_computer_may_use_the_file_api(change: dict, reason: str | None) -> None:
    assert refusal({**LOCAL, **change}) == reason


def wsgi(app, method: str, path: str, query: str = "", body: bytes = b"", **headers: str) -> tuple[str, dict, bytes]:
    environ = {**LOCAL, "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
               "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body), **headers}  # fmt: skip
    answer: dict = {}
    body_out = b"".join(app(environ, lambda status, heads: answer.update(status=status, headers=dict(heads))))
    return answer["status"], answer["headers"], body_out


def test_the_preview_serves_the_editor_under_the_sites_path(content: Path, tmp_path: Path) -> None:
    editor = EditorSite(content, folders(Path("innosite/locales").resolve()), lambda: None)
    app = PreviewApp(lambda: PreviewState(out=tmp_path / "out", base_path="/programme/"), editor)
    assert wsgi(app, "GET", "/programme/admin")[:2] == (
        "302 Found",
        {"Location": "/programme/admin/", "Cache-Control": "no-store"},
    )
    status, headers, page = wsgi(app, "GET", "/programme/admin/")
    assert status == "200 OK"
    assert headers["Content-Security-Policy"].startswith("default-src 'none'; script-src 'self' 'sha256-")
    assert headers["X-Robots-Tag"] == "noindex, nofollow"
    assert b'<script src="fs-shim.js"></script>' in page and b'<meta name="robots" content="noindex, nofollow">' in page
    status, headers, config = wsgi(app, "GET", "/programme/admin/config.yml")
    assert (status, headers["Content-Type"]) == ("200 OK", "text/yaml; charset=utf-8")
    assert b"folder: content/press\n" in config
    status, _, listing = wsgi(app, "GET", "/programme/admin/files/list", "path=content/press/2023-01-10-sport-news")
    assert (status, json.loads(listing)) == ("200 OK", [{"name": "index.fi.md", "kind": "file"},
                                                        {"name": "index.sv.md", "kind": "file"}])  # fmt: skip
    assert (
        wsgi(app, "GET", "/programme/admin/files/list", "path=content", HTTP_X_INNOSITE_EDITOR="")[0] == "403 Forbidden"
    )
    assert (
        wsgi(app, "GET", "/programme/admin/sveltia/npm/index.js")[1]["Content-Type"] == "text/javascript; charset=utf-8"
    )
    assert wsgi(app, "GET", "/programme/admin/../site.yaml")[0] == "404 Not Found"
    assert wsgi(app, "GET", "/programme/admin/", REMOTE_ADDR="10.0.0.2")[0] == "403 Forbidden"


def test_the_example_content_is_listed_whole(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "content")
    api = FileApi(tmp_path / "content", lambda: LANGS)
    assert len(names(api, "content/projects")) == 6
    for project in names(api, "content/projects"):
        assert names(api, f"content/projects/{project}") == ["index.fi.md", "index.sv.md", "index.en.md"]
