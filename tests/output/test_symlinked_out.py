"""An output folder that is a symbolic link (`site -> /srv/www/site`): the folder it points to gets each build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import read_tree

RELEASE = "press/2022-09-13-lead-projects/fi.md"


def cold(root: Path, run) -> dict[str, bytes]:
    assert run("--no-search", "--no-cache", "--out", "cold").code == 0
    tree = read_tree(root / "cold")
    shutil.rmtree(root / "cold")
    return tree


@pytest.mark.parametrize("first", ["a link to nothing yet", "a link to a built site"])
def test_the_folder_a_linked_output_points_to_holds_every_new_build(site_dir: Path, run, edit, first: str) -> None:
    served = site_dir / "www" / "site"
    served.parent.mkdir()
    if first == "a link to a built site":
        assert run("--no-search", "--out", "www/site").code == 0
    (site_dir / "site").symlink_to(Path("www") / "site")
    text = (site_dir / "content" / RELEASE).read_text(encoding="utf-8")
    for number in range(4):
        edit(RELEASE, text.replace("Kuusi", f"Kuusi ({number})"))
        result = run("--no-search")
        assert result.code == 0, result.err
        assert " pages into site (" in result.out
        assert os.readlink(site_dir / "site") == os.path.join("www", "site")
        assert read_tree(served) == cold(site_dir, run), f"build {number}"
    assert (served.parent / ".site-spare").is_dir()
    assert not [p.name for p in site_dir.iterdir() if p.name.startswith(".site")]  # no spare beside the link
