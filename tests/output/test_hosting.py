"""docs/hosting.md: the nginx example serves a built site as documented."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.nginx import example_config, nginx

pytestmark = pytest.mark.needs("nginx")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The tiny site built for the root of a domain, served by nginx: (URL, site folder)."""
    import shutil

    from innosite.build import BuildOptions, build
    from innosite.problems import Problems
    from tests.conftest import TINY

    root = tmp_path_factory.mktemp("nginx")
    shutil.copytree(TINY, root / "content")
    site_yaml = root / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace("https://example.org/programme/", "https://example.org/"))
    build(BuildOptions(content=root / "content", out=root / "site"), Problems())
    (root / "nginx").mkdir()
    with nginx(root / "site", root / "nginx") as url:
        yield url, root / "site"


SHORT_LIVED = (
    "/pagefind/pagefind-ui.js",
    "/pagefind/pagefind-entry.json",
    "/sitemap.xml",
    "/fi/feed.xml",
    "/media/press/2022-09-13-lead-projects/liite.pdf",
)


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def documented_csp() -> str:
    return re.search(r'Content-Security-Policy "([^"]+)"', example_config()).group(1)


def test_pages_are_served_and_revalidated_with_the_policy(served) -> None:
    url, site = served
    for path in ("/", "/fi/", "/sv/pressmeddelanden/staderna-tar-ledningsansvar/", "/en/search/"):
        status, headers, body = get(url + path)
        assert status == 200, path
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert headers["Cache-Control"] == "no-cache"
        assert headers["Content-Security-Policy"] == documented_csp()
        assert headers["X-Content-Type-Options"] == "nosniff"
    assert get(url + "/sv/")[2] == (site / "sv" / "index.html").read_bytes()


def test_missing_pages_get_the_404_page(served) -> None:
    url, site = served
    status, headers, body = get(url + "/fi/ei-ole/")
    assert (status, body) == (404, (site / "404.html").read_bytes())
    assert headers["Content-Security-Policy"] == documented_csp()


def test_only_hashed_assets_are_cached_for_long(served) -> None:
    url, site = served
    assets = sorted(p.name for p in (site / "assets").iterdir())
    assert any(re.fullmatch(r"style\.[0-9a-f]{10}\.css", name) for name in assets)
    for name in assets:
        assert get(f"{url}/assets/{name}")[1]["Cache-Control"] == "public, max-age=31536000, immutable", name
    for path in SHORT_LIVED:
        status, headers, _ = get(url + path)
        assert (status, headers["Cache-Control"]) == (200, "no-cache"), path


def test_feeds_are_served_as_atom(served) -> None:
    url, _ = served
    assert get(url + "/sv/feed.xml")[1]["Content-Type"] == "application/atom+xml; charset=utf-8"


def test_the_editor_is_served_under_its_own_policy(tmp_path: Path) -> None:
    """With editor: in site.yaml, admin/ gets the documented headers and not the site's policy, which would stop
    the editor (its page carries its own policy)."""
    import shutil

    from innosite.build import BuildOptions, build
    from innosite.problems import Problems
    from tests.conftest import TINY

    shutil.copytree(TINY, tmp_path / "content")
    site_yaml = tmp_path / "content" / "site.yaml"
    text = site_yaml.read_text().replace("https://example.org/programme/", "https://example.org/")
    site_yaml.write_text(text + "editor:\n  backend: gitlab\n  repo: innokaupungit/site\n  app_id: abcd0123\n")
    build(BuildOptions(content=tmp_path / "content", out=tmp_path / "site", search=False), Problems())
    (tmp_path / "nginx").mkdir()
    with nginx(tmp_path / "site", tmp_path / "nginx") as url:
        status, headers, body = get(url + "/admin/")
        assert status == 200 and b'<meta http-equiv="Content-Security-Policy"' in body
        assert "Content-Security-Policy" not in headers
        assert (headers["X-Frame-Options"], headers["Cache-Control"]) == ("DENY", "no-cache")
        assert headers["X-Robots-Tag"] == "noindex, nofollow"
        status, headers, _ = get(url + "/admin/sveltia/npm/index.js")
        assert status == 200 and headers["Content-Type"].startswith("application/javascript")
        assert get(url + "/fi/")[1]["Content-Security-Policy"] == documented_csp()
