"""What the file system can throw at a build: an unreadable file or folder, a name that is not UTF-8, an entry
folder that is a symbolic link. Each is one `path: message` line, the same with the cache and without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import read_tree
from tests.permissions import build_process

RELEASE = "content/press/2022-09-13-lead-projects"
CLOSING = "1 error(s): nothing was written; the previous site is unchanged.\n"


@pytest.mark.parametrize("target", [f"{RELEASE}/fi.md", f"{RELEASE}/liite.pdf", RELEASE, "content/pages"])
def test_unreadable_content_is_one_message_with_the_cache_and_without(site_dir: Path, run, target: str) -> None:
    assert run("--no-search").code == 0  # the cache knows every folder
    before = read_tree(site_dir / "site")
    path = site_dir / target
    mode = path.stat().st_mode
    path.chmod(0)
    try:
        results = [build_process(site_dir, "--no-search", *flags) for flags in ((), ("--no-cache",), ())]
    finally:
        path.chmod(mode)
    for result in results:
        assert (result.code, result.err) == (1, f"{target}: cannot be read: Permission denied\n{CLOSING}")
    assert read_tree(site_dir / "site") == before
    assert run("--no-search").code == 0


@pytest.mark.parametrize("where", ["press/2022-09-13-lead-projects/liite-\udcff.pdf", "press/2024-\udcc3-uusi"])
def test_a_name_that_is_not_utf8_is_one_message(site_dir: Path, run, where: str) -> None:
    assert run("--no-search").code == 0
    path = site_dir / "content" / where
    if path.suffix:
        path.write_bytes(b"%PDF-1.4\n")
    else:
        path.mkdir()
        (path / "fi.md").write_text("---\ntitle: Uusi\n---\nTeksti.\n", encoding="utf-8")
    shown = os.fsencode(f"content/{where}").decode("utf-8", "backslashreplace")
    for flags in ((), ("--no-cache",)):
        result = run("--no-search", *flags)
        assert (result.code, result.err) == (1, f"{shown}: the file name is not valid UTF-8: rename it\n{CLOSING}")


def test_an_entry_folder_that_is_a_symbolic_link_is_refused_as_one(site_dir: Path, run) -> None:
    (site_dir / "content" / "press" / "2024-linkki").symlink_to("2022-09-13-lead-projects")
    result = run("--no-search")
    assert (result.code, result.err) == (
        1,
        "content/press/2024-linkki: an entry folder may not be a symbolic link: move or copy the folder itself here\n"
        + CLOSING,
    )
