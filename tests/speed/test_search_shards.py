"""The search index in shards: an incremental build's `pagefind/` is a cold build's, and an edit indexes again
only the shards whose pages changed; a damaged cache never changes the index.

The builds here run in this process (jobs=1): starting worker processes costs more than these small sites take
to build. One test builds with worker processes and compares their index with this process's, byte for byte."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from innosite.build import BuildOptions, build
from innosite.problems import Problems
from innosite.speed.cache import Cache
from innosite.speed.search import FILES_ROW, PARALLEL_SHARDS, SearchIndexer
from tests.conftest import images_made_once, read_tree
from tests.speed.test_incremental import NOW, release, write_entry

RELEASES = 30


@pytest.fixture
def sharded(site_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tiny site with 30 more releases over 12 months, indexed in shards of at most 6 pages."""
    rng = random.Random(23)
    for index in range(RELEASES):
        write_entry(site_dir / "content" / "press" / f"2024-r{index:03d}", release(index, rng))
    monkeypatch.setattr(SearchIndexer, "shard_limit", 6)
    return site_dir


@pytest.fixture
def indexed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the shards indexed, build after build."""
    names: list[str] = []
    real = SearchIndexer._keep_shard

    def spy(indexer: SearchIndexer, shard, *rest) -> None:
        names.append(shard.name)
        real(indexer, shard, *rest)

    monkeypatch.setattr(SearchIndexer, "_keep_shard", spy)
    return names


def options(root: Path, out: str, jobs: int = 1, **extra) -> BuildOptions:
    return BuildOptions(content=root / "content", out=root / out, now=NOW, jobs=jobs, **extra)


def bundle(root: Path) -> dict[str, bytes]:
    return read_tree(root / "pagefind")


def cold_bundle(root: Path) -> dict[str, bytes]:
    """`pagefind/` of a fresh build without the cache, in a new folder: the reference."""
    shutil.rmtree(root / "cold", ignore_errors=True)
    with images_made_once():
        build(options(root, "cold", cache=False), Problems())
    found = bundle(root / "cold")
    shutil.rmtree(root / "cold")
    return found


def edit(root: Path, index: int, words: str) -> None:
    page = root / "content" / "press" / f"2024-r{index:03d}" / "fi.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## Otsikko", f"## {words}"), encoding="utf-8")


def test_the_index_is_made_in_shards_of_each_language(sharded: Path, indexed: list[str]) -> None:
    build(options(sharded, "site"), Problems())
    assert {name.split("-")[0] for name in indexed} == {"fi", "sv", "en"}
    assert sum(name.startswith("fi-") for name in indexed) >= 4
    metadata = [path for path in bundle(sharded / "site") if path.endswith(".pf_meta")]
    assert len(metadata) == 3  # one index per language, as Pagefind writes it


def test_worker_processes_index_the_shards_as_this_process_does(sharded: Path, indexed: list[str]) -> None:
    """A first build as on a machine of two cores: a worker process indexes shards (and renders pages) beside this
    one, and the index is the one this process makes alone, byte for byte."""
    build(options(sharded, "site", jobs=2), Problems())
    assert len(indexed) >= PARALLEL_SHARDS  # enough shards for the worker process to start
    assert bundle(sharded / "site") == cold_bundle(sharded)


def test_an_edit_indexes_one_shard_again_and_gives_the_cold_builds_index(sharded: Path, indexed: list[str]) -> None:
    build(options(sharded, "site"), Problems())
    indexed.clear()
    edit(sharded, 7, "Vesihuolto uudistuu")
    build(options(sharded, "site"), Problems())
    assert len(indexed) == 1 and indexed[0].startswith("fi-")
    assert bundle(sharded / "site") == cold_bundle(sharded)


def test_an_addition_and_a_removal_give_the_cold_builds_index(sharded: Path, indexed: list[str]) -> None:
    build(options(sharded, "site"), Problems())
    rng = random.Random(99)
    write_entry(sharded / "content" / "press" / "2024-r900", release(900, rng, title="Tiedote uusi vesitorni"))
    build(options(sharded, "site"), Problems())
    assert bundle(sharded / "site") == cold_bundle(sharded)
    shutil.rmtree(sharded / "content" / "press" / "2024-r003")
    indexed.clear()
    build(options(sharded, "site"), Problems())
    assert 1 <= len(indexed) <= 4  # the shards that held its pages, in each of its languages (and shards moved)
    assert bundle(sharded / "site") == cold_bundle(sharded)


def test_a_rebuild_without_changes_indexes_nothing(sharded: Path, indexed: list[str]) -> None:
    build(options(sharded, "site"), Problems())
    indexed.clear()
    result = build(options(sharded, "site"), Problems())
    assert result.changed == 0 and indexed == []


def test_a_damaged_cache_row_is_indexed_again(sharded: Path, indexed: list[str]) -> None:
    build(options(sharded, "site"), Problems())
    database = sharded / ".cache" / "innosite.sqlite3"
    with sqlite3.connect(database) as db:  # a changed byte in every shard's stored index
        rows = db.execute("SELECT name, value FROM search").fetchall()
        for name, value in rows:
            db.execute("UPDATE search SET value = ? WHERE name = ?", (value[:-9] + b"x" + value[-8:], name))
    db.close()
    indexed.clear()
    edit(sharded, 7, "Vesihuolto uudistuu")
    build(options(sharded, "site"), Problems())
    assert len(indexed) >= 10  # every shard: none of the stored ones could be trusted
    assert bundle(sharded / "site") == cold_bundle(sharded)


def test_an_edit_reads_the_files_of_the_edited_shard_only(
    sharded: Path, indexed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build(options(sharded, "site"), Problems())
    read: list[str] = []
    real = Cache.search_row

    def spy(cache: Cache, name: str) -> tuple[str, bytes] | None:
        read.append(name)
        return real(cache, name)

    monkeypatch.setattr(Cache, "search_row", spy)
    indexed.clear()
    edit(sharded, 7, "Vesihuolto uudistuu")
    build(options(sharded, "site"), Problems())
    files_read = {name for name in read if name.endswith(FILES_ROW)}
    # the rest is linked; the undated pages (projects) have no date field: their meta locations are renumbered
    assert files_read - {"fi-0" + FILES_ROW} == {indexed[0] + FILES_ROW}
    assert bundle(sharded / "site") == cold_bundle(sharded)


def test_damaged_files_rows_are_indexed_again_when_their_fragments_are_needed(
    sharded: Path, indexed: list[str]
) -> None:
    build(options(sharded, "site"), Problems())
    shards = len(indexed)
    with sqlite3.connect(sharded / ".cache" / "innosite.sqlite3") as db:
        db.execute("UPDATE search SET value = x'00' WHERE name LIKE ?", (f"%{FILES_ROW}",))
    db.close()
    shutil.rmtree(sharded / "site")
    indexed.clear()
    build(options(sharded, "site"), Problems())
    assert len(indexed) == shards  # no fragment at hand: every shard's files made again
    assert bundle(sharded / "site") == cold_bundle(sharded)


def test_the_index_without_the_cache_is_the_same(sharded: Path) -> None:
    build(options(sharded, "site"), Problems())
    build(options(sharded, "nocache", cache=False), Problems())
    assert bundle(sharded / "site") == bundle(sharded / "nocache")


def test_the_preview_has_no_search_unless_asked() -> None:
    from innosite.commands.cli import _parser

    assert _parser().parse_args(["serve"]).search is False
    assert _parser().parse_args(["serve", "--search"]).search is True


def test_serve_search_indexes_an_edit_in_place_as_a_cold_build(sharded: Path, indexed: list[str]) -> None:
    from innosite.preview.server import Preview

    preview_options = BuildOptions(  # worker processes as a preview on two cores has them
        content=sharded / "content", out=sharded / "preview", drafts=True, future=True, search=True, now=NOW, jobs=2
    )
    preview = Preview(preview_options)
    try:
        assert preview.rebuild().problems == ()
        first = len(indexed)
        edited = sharded / "content" / "press" / "2024-r007" / "fi.md"
        edit(sharded, 7, "Vesihuolto uudistuu")
        assert preview.rebuild([str(edited)]).problems == ()
        assert len(indexed) == first + 1  # the one shard of the edited page
        cold = BuildOptions(
            content=sharded / "content", out=sharded / "cold", drafts=True, future=True, now=NOW, cache=False, jobs=1
        )
        with images_made_once():
            build(cold, Problems())
        assert bundle(sharded / "preview") == bundle(sharded / "cold")
        (sharded / "content" / "press" / "2024-r007" / "sv.md").unlink()
        shutil.rmtree(sharded / "content" / "press" / "2024-r008")
        assert preview.rebuild(None).problems == ()
        shutil.rmtree(sharded / "cold")
        with images_made_once():
            build(cold, Problems())
        assert bundle(sharded / "preview") == bundle(sharded / "cold")
    finally:
        preview.close()
