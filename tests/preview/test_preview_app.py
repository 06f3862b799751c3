"""What the preview server answers: built files under base_url's path, or the error page."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from innosite.build import BuildOptions
from innosite.preview.app import PreviewState, problems_from_exception, respond
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


def test_a_broken_template_is_shown_at_its_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/page.html").write_text("<p>\n{% if %}\n</p>\n", encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path / "templates")))
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        env.get_template("page.html")
    options = BuildOptions(templates=tmp_path / "templates", locales=tmp_path / "locales")
    assert [str(p) for p in problems_from_exception(caught.value, options)] == [
        "templates/page.html:2: TemplateSyntaxError: Expected an expression, got 'end of statement block'"
    ]
