"""The Nu Html Checker over the whole built example site, in one call: no errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.tools import VNU_JAR

pytestmark = pytest.mark.needs("java", "vnu")


def test_every_page_of_the_example_site_is_valid_html(site_root: Path) -> None:
    assert VNU_JAR.is_file(), "install the checker: cd tests/browser/vnu && npm install"
    java = shutil.which("java")
    assert java, "the Nu Html Checker needs java (apt-get install default-jre-headless)"
    done = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--skip-non-html", "--format", "json", str(site_root)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    messages = json.loads(done.stderr)["messages"]
    errors = [
        f"{m.get('url', '').split(str(site_root))[-1]}:{m.get('lastLine', 0)}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == []
    assert len(list(site_root.rglob("*.html"))) > 100, "the whole site was checked"
