"""Golden output of the tiny fixture site: the pages a reviewer reads in a diff.

After an intended change of output, accept it with `python -m pytest --update-golden`.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.conftest import read_tree
from tests.fixture_images.add import add_images

GOLDEN = Path(__file__).parent / "golden"
PAGES = (
    "index.html",
    "404.html",
    "fi/index.html",
    "fi/tiedotteet/index.html",
    "fi/tiedotteet/kaupungit-ottavat-vetovastuuta/index.html",
    "sv/pressmeddelanden/staderna-tar-ledningsansvar/index.html",
    "en/press-releases/kaupungit-ottavat-vetovastuuta/index.html",
    "en/projects/urban-photonics-ecosystem/index.html",
    "sv/teman/fotonik/index.html",
    "fi/kaupungit/tampere/index.html",
    "fi/kaupungit/tampere/feed.xml",
    "sv/floden/index.html",
    "en/search/index.html",
    "sv/om/index.html",
)


def test_tiny_site_matches_golden(site_dir: Path, run, request: pytest.FixtureRequest) -> None:
    add_images(site_dir / "content")  # a photo, an image in the text, the default share images
    result = run("--out", "site")
    assert result.code == 0, result.err
    files = read_tree(site_dir / "site")
    listing = "\n".join(sorted(files)) + "\n"
    actual = {"FILES.txt": listing, **{page: files[page].decode() for page in PAGES}}
    if request.config.getoption("--update-golden"):
        for name, text in actual.items():
            target = GOLDEN / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    diffs = []
    for name, text in actual.items():
        expected = (GOLDEN / name).read_text(encoding="utf-8") if (GOLDEN / name).exists() else ""
        if text != expected:
            diffs.append(
                "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), f"golden/{name}", name))
            )
    assert not diffs, "output differs from tests/golden (accept with --update-golden):\n" + "\n".join(diffs)
