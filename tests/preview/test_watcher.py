"""The preview's watcher: one batch per save from the system's file events, polling where they cannot be had."""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from pathlib import Path

import pytest
from tornado.ioloop import IOLoop

from innosite.preview.watcher import NativeWatcher, SourceWatcher, source_watcher


def _site(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "press" / "a").mkdir(parents=True)
    (content / "press" / "a" / "fi.md").write_text("x", encoding="utf-8")
    return content


def _batches(content: Path, change) -> list[frozenset[str]]:
    """The batches a native watcher reports for change(), run on an event loop as the server runs it."""
    seen: list[frozenset[str]] = []

    async def main() -> None:
        watcher = NativeWatcher((content,), seen.append)
        await asyncio.sleep(0.5)  # the system's watch is set up
        change()
        for _ in range(40):
            await asyncio.sleep(0.1)
            if seen:
                break
        await asyncio.sleep(0.3)  # nothing more comes for the same change
        watcher.stop()

    # a thread of its own: an earlier test (Playwright's sync API) may leave a loop running on this one
    runner = threading.Thread(target=asyncio.run, args=(main(),))
    runner.start()
    runner.join()
    return seen


def test_a_save_gives_one_batch_naming_the_file(tmp_path: Path) -> None:
    content = _site(tmp_path)
    saved = content / "press" / "a" / "fi.md"
    seen = _batches(content, lambda: saved.write_text("y", encoding="utf-8"))
    assert seen == [frozenset({str(saved)})]


def test_a_new_folder_and_a_removed_file_come_in_one_batch(tmp_path: Path) -> None:
    content = _site(tmp_path)

    def change() -> None:
        (content / "press" / "b").mkdir()
        (content / "press" / "b" / "sv.md").write_text("z", encoding="utf-8")
        (content / "press" / "a" / "fi.md").unlink()

    seen = _batches(content, change)
    assert len(seen) == 1
    assert str(content / "press" / "a" / "fi.md") in seen[0]
    # the new folder, or the file in it (made before the system watches the folder): either way the build
    # looks at it (preview/session.py's entry_folders: a folder alone means "look at everything")
    assert seen[0] & {str(content / "press" / "b"), str(content / "press" / "b" / "sv.md")}


def test_caches_hidden_files_and_editor_leftovers_are_not_sources(tmp_path: Path) -> None:
    content = _site(tmp_path)

    def change() -> None:
        (content / ".cache").mkdir()
        (content / ".cache" / "x.bin").write_bytes(b"cache")
        (content / "press" / "a" / "fi.md~").write_text("backup", encoding="utf-8")
        (content / "press" / "a" / ".fi.md.swp").write_text("swap", encoding="utf-8")

    assert _batches(content, change) == []


def test_poll_asks_for_the_polling_watcher(tmp_path: Path) -> None:
    content = _site(tmp_path)
    IOLoop.current()
    assert isinstance(source_watcher((content,), lambda paths: None, poll=True), SourceWatcher)


def test_without_watchfiles_the_preview_polls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "watchfiles", None)
    assert isinstance(source_watcher((_site(tmp_path),), lambda paths: None), SourceWatcher)


def test_the_polling_watcher_still_sees_a_change(tmp_path: Path) -> None:
    content = _site(tmp_path)
    seen: list[frozenset[str]] = []
    watcher = SourceWatcher((content,), seen.append)
    later = os.stat(content / "press" / "a" / "fi.md").st_mtime + 5
    os.utime(content / "press" / "a" / "fi.md", (later, later))
    watcher.poll()
    assert seen == [frozenset({str(content / "press" / "a" / "fi.md")})]
