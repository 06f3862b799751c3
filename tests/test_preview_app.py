"""What the preview server answers: built files under base_url's path, or the error page."""

from __future__ import annotations

from pathlib import Path

import pytest

from innosite.preview_app import PreviewState, respond
from innosite.problems import Problem

BROKEN = (Problem("content/press/x/fi.md", 3, 'unknown key "titel"'),)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    for rel, text in {
        "fi/index.html": "<html><head></head><body>etusivu</body></html>",
        "404.html": "<html><head></head><body>ei löydy</body></html>",
        "assets/style.css": "body{}",
    }.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


def test_pages_are_served_under_the_base_path(out):
    state = PreviewState(out, base_path="/programme/", built=True)
    assert respond(state, "/programme/fi/", "").body == b"<html><head></head><body>etusivu</body></html>"
    assert respond(state, "/", "").headers[0] == ("Location", "/programme/")
    assert respond(state, "/programme/fi", "").headers[0] == ("Location", "/programme/fi/")
    css = respond(state, "/programme/assets/style.css", "")
    assert (css.status, css.headers[0]) == ("200 OK", ("Content-Type", "text/css; charset=utf-8"))


def test_unknown_and_escaping_paths_get_the_404_page(out):
    state = PreviewState(out, base_path="/programme/", built=True)
    for path in ("/programme/ei/", "/programme/../secret", "/other/"):
        response = respond(state, path, "")
        assert (response.status, response.body) == ("404 Not Found", (out / "404.html").read_bytes())


def test_errors_replace_pages_but_the_last_good_version_stays_reachable(out):
    state = PreviewState(out, problems=BROKEN, base_path="/", built=True)
    page = respond(state, "/fi/", "")
    assert page.status == "500 Internal Server Error"
    assert "<li>content/press/x/fi.md:3: unknown key &quot;titel&quot;</li>" in page.body.decode()
    assert '<a href="?last-good">Show the last good version of this page</a>' in page.body.decode()
    assert respond(state, "/fi/", "last-good").body == (out / "fi/index.html").read_bytes()
    assert respond(state, "/assets/style.css", "").status == "200 OK"  # the error page keeps its styles


def test_before_any_good_build_there_is_no_fallback_link(out):
    page = respond(PreviewState(out, problems=BROKEN), "/fi/", "").body.decode()
    assert "There is no good version of the site yet." in page
    assert "last-good" not in page
