"""What a visitor with an old link meets, in Chromium: a renamed release's old address lands on its page; a removed
one's shows the notice page, which is valid HTML with no WCAG violation."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.harness import serve
from tests.conftest import TINY
from tests.tools import VNU_JAR

pytestmark = pytest.mark.needs("chromium", "java", "vnu")

LEAD_FI = "content/press/2022-09-13-lead-projects/fi.md"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page) -> list[str]:
    """The WCAG 2.0/2.1 A and AA rules axe finds broken on the page (as tests/browser/test_axe.py runs it)."""
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    return [f"{v['id']}: {node['failureSummary']}" for v in result.response["violations"] for node in v["nodes"]]


@pytest.fixture
def changed_site(tmp_path: Path, run) -> Path:
    """The tiny site published, then a release renamed and another removed, and published again."""
    shutil.copytree(TINY, tmp_path / "content")
    site_yaml = tmp_path / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace("https://example.org/programme/", "https://example.org/"))
    assert run("--out", "site", "--no-search", cwd=tmp_path).code == 0
    fi = tmp_path / LEAD_FI
    fi.write_text(
        fi.read_text().replace("title: Kaupungit ottavat vetovastuuta", "title: Kaupungit ottavat vetovastuun")
    )
    shutil.rmtree(tmp_path / "content/press/2023-01-10-sport-news")
    assert run("--out", "site", "--no-search", cwd=tmp_path).code == 0
    return tmp_path / "site"


def test_an_old_link_lands_on_the_page_and_a_removed_one_on_the_notice(page, changed_site: Path) -> None:
    with serve(changed_site) as base:
        page.goto(base + "fi/tiedotteet/kaupungit-ottavat-vetovastuuta/")
        page.wait_for_url(base + "fi/tiedotteet/kaupungit-ottavat-vetovastuun/")
        assert page.locator("h1").inner_text() == "Kaupungit ottavat vetovastuun"
        for path, heading in (
            ("fi/tiedotteet/urheilu-yhdistaa-kaupungit/", "Tämä sivu on poistettu"),
            ("sv/pressmeddelanden/idrotten-forenar-staderna/", "Den här sidan har tagits bort"),
        ):
            page.goto(base + path)
            assert page.url == base + path
            assert page.locator("h1").inner_text() == heading
            assert violations(page) == []
        page.get_by_role("link", name="Pressmeddelanden").last.click()
        assert page.url == base + "sv/pressmeddelanden/"


def test_the_notice_and_redirect_pages_are_valid_html(changed_site: Path, tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    for name, path in (
        ("gone.html", "fi/tiedotteet/urheilu-yhdistaa-kaupungit/index.html"),
        ("moved.html", "fi/tiedotteet/kaupungit-ottavat-vetovastuuta/index.html"),
    ):
        pages.mkdir(exist_ok=True)
        shutil.copy(changed_site / path, pages / name)
    java = shutil.which("java")
    assert java and VNU_JAR.is_file()
    done = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", str(pages)], capture_output=True, text=True, timeout=120
    )
    errors = [m["message"] for m in json.loads(done.stderr)["messages"] if m["type"] == "error"]
    assert errors == []
