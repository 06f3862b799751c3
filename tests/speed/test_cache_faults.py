"""A cache that cannot be used never stops a build: damaged, read-only, locked, in the wrong place, or changed
byte by byte. Each build still writes the site a build without the cache writes, says what it did once, and
deletes no cache it cannot use."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from innosite.speed import cache_db
from innosite.speed.cache import Cache
from tests.conftest import read_tree
from tests.permissions import build_process

DB = Path(".cache") / "innosite.sqlite3"
RELEASE = "press/2022-09-13-lead-projects"


def cold(root: Path, run) -> dict[str, bytes]:
    assert run("--no-search", "--no-cache", "--out", "cold").code == 0
    tree = read_tree(root / "cold")
    shutil.rmtree(root / "cold")
    return tree


def edit_release(root: Path, old: str, new: str) -> None:
    path = root / "content" / RELEASE / "fi.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_cache_damaged_past_its_first_page_is_moved_aside_and_started_afresh(site_dir: Path, run) -> None:
    assert run("--no-search").code == 0
    data = bytearray((site_dir / DB).read_bytes())
    page = 4096
    for start in range(page, len(data), page):  # the header of every page but the first (the schema) garbled
        data[start : start + 16] = b"\xa5" * 16
    (site_dir / DB).write_bytes(bytes(data))
    edit_release(site_dir, "Kuusi", "Seitsemän")
    result = run("--no-search")
    assert result.code == 0
    assert result.err == (
        ".cache/innosite.sqlite3: warning: the build cache is damaged (database disk image is malformed): moved aside to "
        "innosite.sqlite3.damaged; this build goes on without it, the next starts it afresh\n"
    )
    assert read_tree(site_dir / "site") == cold(site_dir, run)
    assert (site_dir / ".cache" / "innosite.sqlite3.damaged").stat().st_size == len(data)
    result = run("--no-search")
    assert (result.code, result.err) == (0, "")
    edit_release(site_dir, "Seitsemän", "Kahdeksan")
    assert run("--no-search").err == ""
    assert read_tree(site_dir / "site") == cold(site_dir, run)


def test_a_file_that_is_not_a_database_is_moved_aside_and_the_cache_started_afresh(site_dir: Path, run) -> None:
    assert run("--no-search").code == 0
    (site_dir / DB).write_bytes(b"not a database, but long enough to look like a file header " * 4)
    result = run("--no-search")
    assert result.code == 0
    assert result.err == (
        ".cache/innosite.sqlite3: warning: the build cache is damaged (file is not a database): moved aside to "
        "innosite.sqlite3.damaged; started afresh\n"
    )
    assert run("--no-search").err == ""
    assert read_tree(site_dir / "site") == cold(site_dir, run)


def test_a_folder_where_the_database_should_be_is_moved_aside(site_dir: Path, run) -> None:
    (site_dir / DB).mkdir(parents=True)
    (site_dir / DB / "note.txt").write_text("left here", encoding="utf-8")
    result = run("--no-search")
    assert result.code == 0
    assert result.err == (
        ".cache/innosite.sqlite3: warning: this is a folder, not the build cache: moved aside to innosite.sqlite3.damaged; "
        "started afresh\n"
    )
    assert (site_dir / ".cache" / "innosite.sqlite3.damaged" / "note.txt").is_file()
    assert run("--no-search").err == ""
    assert read_tree(site_dir / "site") == cold(site_dir, run)


def test_a_file_named_like_the_cache_folder_is_left_and_the_build_goes_on_without_a_cache(site_dir: Path, run) -> None:
    (site_dir / ".cache").write_text("someone's notes", encoding="utf-8")
    for _ in range(2):
        result = run("--no-search")
        assert result.code == 0
        assert result.err == (
            ".cache: warning: a file where the build cache's folder should be (remove or rename it to use the cache): "
            "building without it (slower)\n"
        )
    assert (site_dir / ".cache").read_text(encoding="utf-8") == "someone's notes"
    assert read_tree(site_dir / "site") == cold(site_dir, run)


def test_a_read_only_cache_is_left_as_it_is_and_the_build_goes_on_without_it(site_dir: Path, run) -> None:
    assert run("--no-search").code == 0
    before = read_tree(site_dir / ".cache")
    modes = {path: path.stat().st_mode for path in (site_dir / ".cache").rglob("*")}
    for path in [*modes, site_dir / ".cache"]:
        path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)
    try:
        edit_release(site_dir, "Kuusi", "Seitsemän")
        result = build_process(site_dir, "--no-search")
        assert result.code == 0, result.err
        assert result.err == (
            ".cache/innosite.sqlite3: warning: the build cache cannot be used (attempt to write a readonly database): "
            "building without it (slower); it is left as it is\n"
        )
    finally:
        (site_dir / ".cache").chmod(0o755)
        for path, mode in modes.items():
            path.chmod(mode)
    assert read_tree(site_dir / ".cache") == before
    assert read_tree(site_dir / "site") == cold(site_dir, run)
    for old, new in (("Seitsemän", "Kahdeksan"), ("Kahdeksan", "Kuusi")):  # the cache's record is of the older site
        edit_release(site_dir, old, new)
        result = run("--no-search")
        assert (result.code, result.err) == (0, "")
        assert read_tree(site_dir / "site") == cold(site_dir, run)


def test_a_cache_locked_by_another_program_is_waited_for_briefly_then_built_without(
    site_dir: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("--no-search").code == 0
    monkeypatch.setattr(cache_db, "LOCK_WAIT", 0.2)
    holder = sqlite3.connect(site_dir / DB, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("DELETE FROM files WHERE 0")
        edit_release(site_dir, "Kuusi", "Seitsemän")
        result = run("--no-search")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.code == 0
    assert result.err == (
        ".cache/innosite.sqlite3: warning: the build cache is in use by another program (database is locked): "
        "building without it (slower)\n"
    )
    assert read_tree(site_dir / "site") == cold(site_dir, run)
    edit_release(site_dir, "Seitsemän", "Kahdeksan")
    assert run("--no-search").err == ""
    assert read_tree(site_dir / "site") == cold(site_dir, run)


# -- rows checked against their checksums -------------------------------------------------------------


def test_an_entry_changed_inside_its_cached_row_is_loaded_again(site_dir: Path, run) -> None:
    assert run("--no-search").code == 0
    with sqlite3.connect(site_dir / DB) as db:
        rows = db.execute("SELECT folder, value FROM folders").fetchall()
        [(folder, value)] = [row for row in rows if RELEASE in os.fsdecode(row[0])]
        title = b"Kaupungit ottavat"
        assert title in value
        db.execute(
            "UPDATE folders SET value = ? WHERE folder = ?", (value.replace(title, b"Kaupungit OTTAVAT"), folder)
        )
    shutil.rmtree(site_dir / "site")  # every page is rendered again, from the entries as cached
    result = run("--no-search")
    assert (result.code, result.err) == (0, "")
    assert read_tree(site_dir / "site") == cold(site_dir, run)


def test_a_file_record_changed_in_the_cache_does_not_keep_an_old_page(site_dir: Path, run) -> None:
    """The output's record of a page is given the fingerprint and hash of the page's next version: a cache that
    trusted it would keep the old page."""
    page = "fi/tiedotteet/kaupungit-ottavat-vetovastuuta/index.html"
    edit_release(site_dir, "Kuusi", "Seitsemän")
    assert run("--no-search").code == 0
    with Cache(site_dir / ".cache") as cache:
        new = cache.tree(site_dir / "site").out[page]
    edit_release(site_dir, "Seitsemän", "Kuusi")
    assert run("--no-search").code == 0
    with Cache(site_dir / ".cache") as cache:
        old = cache.tree(site_dir / "site").out[page]
    assert old[:2] != new[:2]
    with sqlite3.connect(site_dir / DB) as db:
        for part, value in db.execute("SELECT part, value FROM tree_parts").fetchall():
            changed = value.replace(old[0].encode(), new[0].encode()).replace(old[1].encode(), new[1].encode())
            db.execute("UPDATE tree_parts SET value = ? WHERE part = ?", (changed, part))
    edit_release(site_dir, "Kuusi", "Seitsemän")
    result = run("--no-search")
    assert (result.code, result.err) == (0, "")
    assert read_tree(site_dir / "site") == cold(site_dir, run)


def test_a_file_hash_changed_in_the_cache_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "base.html"
    path.write_text("<html>", encoding="utf-8")
    os.utime(path, ns=(0, 0))  # long ago: its stored hash is trusted while its signature is the same
    with Cache(tmp_path / "cache") as cache:
        real = cache.file_hash(path)
    with sqlite3.connect(tmp_path / "cache" / "innosite.sqlite3") as db:
        assert db.execute("UPDATE files SET sha = ?", ("0" * 64,)).rowcount == 1
    with Cache(tmp_path / "cache") as cache:
        assert cache.file_hash(path) == real


# -- locale --------------------------------------------------------------------------------------------


def test_an_output_folder_named_in_letters_the_locale_cannot_show_is_built(site_dir: Path, run) -> None:
    env = {**os.environ, "PYTHONUTF8": "0", "LC_ALL": "C", "LANG": "C"}
    env.pop("PYTHONIOENCODING", None)
    for _ in range(2):
        result = build_process(site_dir, "--no-search", "--out", "sivusto-ä", env=env)
        assert result.code == 0, result.err
        assert result.err == ""
    assert read_tree(site_dir / "sivusto-ä") == cold(site_dir, run)
