"""Publishing many files at once: the threads that write them give the files and records of a one-by-one publish."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from innosite.output import files as output_files
from innosite.output.guard import OutputError
from innosite.output.records import FileRecord, Finishing, TreeRecord, Want
from innosite.output.tree import TreePublisher, spare_folder
from tests.conftest import read_tree, wants


def site(version: int, count: int = 400) -> dict[str, bytes]:
    """A site of many pages in nested folders; each version changes, drops and adds some."""
    files = {"index.html": f"home {version}".encode()}
    for index in range(count):
        if (index + version) % 7 == 0:
            continue  # dropped in this version
        lang = ("fi", "sv", "en")[index % 3]
        body = f"page {index} {version if index % 5 == 0 else 0}".encode() * (1 + index % 50)
        files[f"{lang}/press/release-{index}/index.html"] = body
    files[f"feeds/v{version}.xml"] = b"<feed/>"
    return files


def publish_versions(root: Path, versions: list[int]) -> list[dict[str, FileRecord]]:
    """Publish each version in turn into root/site; the records saved after each."""
    out, saved = root / "site", []
    record: TreeRecord | None = None
    records = []
    for version in versions:
        TreePublisher(out, record, saved.append).publish(wants(site(version)))
        record = saved[-1]
        assert record.spare is not None and record.spare_complete
        assert read_tree(out) == site(version)
        records.append(record.out)
    return records


def on_disk(root: Path, files: dict[str, FileRecord]) -> None:
    """Every record names the file as it is on disk (inode, size, modification time)."""
    for rel, record in files.items():
        stat = os.lstat(root / rel)
        assert (stat.st_ino, stat.st_size, stat.st_mtime_ns) == (record.ino, record.size, record.mtime_ns), rel


def without_identity(files: dict[str, FileRecord]) -> list[tuple[str, str, str, int]]:
    return [(rel, record.fp, record.sha, record.size) for rel, record in files.items()]


def test_many_files_written_by_threads_give_the_files_and_records_of_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    versions = [1, 2, 2, 3, 1]
    threaded = publish_versions(tmp_path / "threads", versions)
    monkeypatch.setattr(output_files, "POOL_MIN", 10**9)
    serial = publish_versions(tmp_path / "serial", versions)
    assert [without_identity(files) for files in threaded] == [without_identity(files) for files in serial]
    assert list(threaded[-1]) == list(site(1))  # in the wanted order, whatever order the threads finished in
    on_disk(tmp_path / "threads/site", threaded[-1])
    assert read_tree(spare_folder(tmp_path / "threads/site")) == site(3)


def test_a_failing_file_stops_the_publish_and_leaves_the_live_site(tmp_path: Path) -> None:
    out, saved = tmp_path / "site", []
    TreePublisher(out, None, saved.append).publish(wants(site(1)))
    broken = wants(site(2))
    first = next(rel for rel in broken if rel.startswith("sv/"))
    broken[first] = broken[first].__class__("x", "0" * 64, 1, lambda: 1 / 0)  # type: ignore[arg-type,return-value]
    with pytest.raises(ZeroDivisionError):
        TreePublisher(out, saved[-1], saved.append).publish(broken)
    assert read_tree(out) == site(1)
    assert saved[-1].spare is None  # the half-changed spare is not trusted
    TreePublisher(out, saved[-1], saved.append).publish(wants(site(2)))
    assert read_tree(out) == site(2)
    on_disk(out, saved[-1].out)


def test_the_finishing_step_runs_beside_the_writes_and_stops_when_they_fail(tmp_path: Path) -> None:
    out, saved = tmp_path / "site", []
    TreePublisher(out, None, saved.append).publish(wants(site(1)))
    broken = wants(site(2))
    first = next(rel for rel in broken if rel.startswith("sv/"))
    started, seen = threading.Event(), []

    def fail() -> bytes:
        assert started.wait(10)  # the finishing step has begun before this page is written
        raise ZeroDivisionError

    def finish(job: Finishing) -> dict[str, str]:
        started.set()
        seen.append(job.read("a.html") if job.read else b"")  # a page the publisher has not written yet
        assert job.stop.wait(10)  # the failed write tells it to stop
        seen.append(b"stopped")
        job.stopped()
        raise AssertionError("not reached")

    broken[first] = Want("x", "0" * 64, 1, fail)
    unbroken = wants(site(2))
    with pytest.raises(ZeroDivisionError):
        TreePublisher(out, saved[-1], saved.append).publish({**broken, "a.html": unbroken[first]}, finish)
    assert seen == [site(2)[first], b"stopped"]  # it ended before the error reached the caller
    assert read_tree(out) == site(1)
    assert saved[-1].spare is None


@pytest.mark.parametrize("path", ["../x.html", "/etc/x", "a/../../x", "a\\b", "nul\0", "", "./"])
def test_the_publisher_refuses_paths_outside_the_output_folder(tmp_path: Path, path: str) -> None:
    with pytest.raises(OutputError):
        TreePublisher(tmp_path / "site", None, lambda record: None).publish(wants({"index.html": b"x", path: b"y"}))
    assert not (tmp_path / "site").exists()
