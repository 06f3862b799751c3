"""The cache's own records: entry folders told apart by their listing, entries read back as written,
the output folder's record written a changed part at a time."""

from __future__ import annotations

import os
import pickle
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from innosite.content.load import RACY_NS
from innosite.markup.markdown import Body
from innosite.model.entry import Contact, PressRelease, Version, pack
from innosite.model.settings import Localized
from innosite.speed.cache import Cache
from innosite.speed.pickling import dumps
from innosite.speed.tree_parts import TREE_PART


@dataclass(frozen=True, slots=True)
class Record:
    """A stand-in for output/records.TreeRecord: two file lists, copies and a plain field."""

    out: dict
    spare: dict | None
    copies: dict | None = None
    site_key: str = ""


def files(count: int, changed: int | None = None) -> dict[str, tuple]:
    return {
        f"p{i}/index.html": (f"fp{i}{'x' if i == changed else ''}", f"sha{i}", i, 1000 + i, 7) for i in range(count)
    }


def parts_stored(root: Path) -> set[str]:
    with sqlite3.connect(root / "innosite.sqlite3") as db:
        return {name for (name,) in db.execute("SELECT part FROM tree_parts")}


def test_the_output_record_reads_back_as_written_and_an_edit_writes_one_part(tmp_path: Path) -> None:
    out = tmp_path / "site"
    count = TREE_PART * 3 + 5
    with Cache(tmp_path / "cache") as cache:
        cache.set_tree(out, Record(files(count), None, {"a.pdf": "content/a.pdf"}, "key"))
    first = parts_stored(tmp_path / "cache")
    with Cache(tmp_path / "cache") as cache:
        record = cache.tree(out)
        assert record == Record(files(count), None, {"a.pdf": "content/a.pdf"}, "key")
        assert list(record.out) == list(files(count))  # in the order written
        cache.set_tree(out, Record(files(count), files(count)))  # the same list again: nothing new written
        assert parts_stored(tmp_path / "cache") <= first
        cache.set_tree(out, Record(files(count, changed=TREE_PART + 1), files(count)))
    second = parts_stored(tmp_path / "cache")
    assert len(second - first) == 1  # only the part holding the changed file
    with Cache(tmp_path / "cache") as cache:
        assert cache.tree(out) == Record(files(count, changed=TREE_PART + 1), files(count))
        cache.set_tree(out, None)
        assert cache.tree(out) is None
    assert parts_stored(tmp_path / "cache") == set()


def test_a_folder_changed_in_place_lists_differently_even_with_its_old_size_and_time(tmp_path: Path) -> None:
    folder = tmp_path / "entry"
    folder.mkdir()
    (folder / "fi.md").write_text("Teksti A\n", encoding="utf-8")
    old = time.time_ns() - 10 * RACY_NS
    os.utime(folder / "fi.md", ns=(old, old))
    before = Cache.listing(folder)
    assert before.newest == old
    assert Cache.listing(folder, list(os.scandir(folder))) == before
    time.sleep(0.01)
    (folder / "fi.md").write_text("Teksti B\n", encoding="utf-8")  # same size
    os.utime(folder / "fi.md", ns=(old, old))  # and the same time: the change time still tells
    assert Cache.listing(folder) != before
    assert Cache.folder_hash(folder) != Cache.folder_hash(tmp_path) != ""


def test_a_listing_of_entries_gone_since_is_made_again(tmp_path: Path) -> None:
    folder = tmp_path / "entry"
    folder.mkdir()
    for name in ("fi.md", "sv.md"):
        (folder / name).write_text(name, encoding="utf-8")
    entries = list(os.scandir(folder))
    (folder / "sv.md").unlink()
    assert Cache.listing(folder, entries) == Cache.listing(folder)


def test_entries_read_back_equal_what_was_stored() -> None:
    moment = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    version = Version("fi", "Otsikko", "otsikko", None, moment, None, pack("<p>Teksti</p>"), "fi.md", 2)
    entry = PressRelease(
        section="press",
        id="2024-05-01-otsikko",
        src_dir="press/2024-05-01-otsikko",
        versions=(version,),
        contacts=(Contact("Nimi", Localized((("fi", "Rooli"),))),),
        published=moment,
        projects=("hanke",),
    )
    value = (entry, [Body(pack("<p>x</p>"), ((1, "vika"),))], {"key": Body(version.packed_html)})
    assert pickle.loads(dumps(value)) == value
