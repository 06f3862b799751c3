"""Writing the output: whole builds swapped in, unchanged files kept, bad folders refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from innosite.output.guard import OutputError, safe_relpath
from innosite.output.swap import recover
from innosite.output.tree import TreePublisher
from tests.conftest import read_tree, wants


def test_same_input_gives_byte_identical_output(site_dir: Path, run) -> None:
    assert run("--out", "one").code == 0
    assert run("--out", "two").code == 0
    assert read_tree(site_dir / "one") == read_tree(site_dir / "two")


def test_example_site_builds_with_only_its_statements_example_warnings_and_identically(tmp_path: Path, run) -> None:
    """The example's accessibility statement is an example, and says so (tests/content/test_statement.py); nothing
    else in the example site gives a warning."""
    from tests.conftest import EXAMPLE

    first = run("--content", str(EXAMPLE), "--out", str(tmp_path / "a"))
    assert first.code == 0
    assert [line.split(": warning: ")[0].rsplit("/", 2)[-2:] for line in first.err.splitlines()] == [
        ["content", "accessibility.yaml:12"],
        ["content", "accessibility.yaml:57"],
        ["content", "accessibility.yaml:59"],
    ]
    assert run("--content", str(EXAMPLE), "--out", str(tmp_path / "b")).code == 0
    assert read_tree(tmp_path / "a") == read_tree(tmp_path / "b")


def test_unchanged_files_keep_their_modification_time(site_dir: Path, run, edit) -> None:
    assert run("--out", "site").code == 0
    page = site_dir / "site/fi/hankkeet/fotoniikan-kaupunkiekosysteemi/index.html"
    release = site_dir / "site/fi/tiedotteet/kaupungit-ottavat-vetovastuuta/index.html"
    os.utime(page, (1_000_000_000, 1_000_000_000))
    os.utime(release, (1_000_000_000, 1_000_000_000))
    edit(
        "press/2022-09-13-lead-projects/fi.md",
        "---\ntitle: Kaupungit ottavat vetovastuuta\nsummary: Vetovastuuhankkeet edistävät alueiden kumppanuutta.\n---\nUusi teksti.\n",
    )
    result = run("--out", "site")
    assert result.code == 0
    assert page.stat().st_mtime == 1_000_000_000
    assert release.stat().st_mtime != 1_000_000_000
    assert "Uusi teksti." in release.read_text()


def test_publish_swaps_whole_folder_and_removes_stale_files(tmp_path: Path) -> None:
    out, saved = tmp_path / "site", []
    TreePublisher(out, None, saved.append).publish(wants({"index.html": b"one", "old/index.html": b"gone soon"}))
    TreePublisher(out, saved[-1], saved.append).publish(wants({"index.html": b"two"}))
    assert read_tree(out) == {"index.html": b"two"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-spare", "site"]


def test_recover_restores_a_site_swapped_away_by_a_killed_build(tmp_path: Path) -> None:
    (tmp_path / ".site.old-123").mkdir()
    (tmp_path / ".site.old-123/index.html").write_bytes(b"previous")
    (tmp_path / ".site.new-456").mkdir()
    recover(tmp_path / "site")
    assert read_tree(tmp_path) == {"site/index.html": b"previous"}


@pytest.mark.parametrize("path", ["../x.html", "/etc/x", "a/../../x", "a\\b", "nul\0"])
def test_output_paths_stay_inside_the_output_folder(path: str) -> None:
    with pytest.raises(OutputError):
        safe_relpath(path)


def test_refuses_an_output_folder_it_did_not_write(site_dir: Path, run) -> None:
    (site_dir / "notes").mkdir()
    (site_dir / "notes/todo.txt").write_text("keep me")
    result = run("--out", "notes")
    assert result.code == 2
    assert result.err == "error: notes exists and is not a site built by this tool: choose another --out or remove it\n"
    assert (site_dir / "notes/todo.txt").read_text() == "keep me"
    assert run("--out", "content").code == 2
    assert run("--out", ".").code == 2
