"""Watching the sources of the preview: the operating system's file events, or polling as a fallback.

Both watchers give the build the whole batch of files added, changed or removed
(a save, a git pull, a folder copied in), so that it looks at just those
entries. The native watcher (PyPI `watchfiles`: inotify, FSEvents, ReadDirectoryChanges)
costs nothing while nothing changes; polling looks at every file's time and
size five times a second, which also works where file events do not arrive
(network drives, some containers): `serve --poll`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from livereload.watcher import Watcher
from tornado.ioloop import IOLoop, PeriodicCallback

POLL_SECONDS = 0.2
"""How often the polling watcher looks at the sources: short, so a save shows at once."""
DEBOUNCE_MS = 50
"""The native watcher gathers events until none has come for this long: one batch per save or pull."""
_EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".tmp", ".part")

OnChange = Callable[[frozenset[str]], None]


def source_watcher(folders: tuple[Path, ...], on_change: OnChange, poll: bool = False) -> Watcher:
    """The native watcher, or the polling one when asked for or where file events cannot be had."""
    if not poll:
        try:
            return NativeWatcher(folders, on_change)
        except (ImportError, OSError, RuntimeError):
            pass
    return SourceWatcher(folders, on_change)


class SourceWatcher(Watcher):
    """Polls every source file (time and size) and calls back once per batch of changes.

    A livereload Watcher only for its interface."""

    def __init__(self, folders: tuple[Path, ...], on_change: OnChange) -> None:
        super().__init__()
        self.folders = folders
        self.on_change = on_change
        self.seen = self.snapshot()

    def start(self, callback: Callable[[], None]) -> bool:
        """Poll on our own timer; True tells livereload not to poll itself."""
        PeriodicCallback(self.poll, POLL_SECONDS * 1000).start()
        return True

    def poll(self) -> None:
        """One rebuild for all the files added, changed or removed since the last look."""
        changed = self.changes()
        if changed:
            self.on_change(changed)

    def changes(self) -> frozenset[str]:
        """The files added, changed or removed since the last look."""
        now, seen = self.snapshot(), self.seen
        self.seen = now
        return frozenset(path for path in now.keys() | seen.keys() if now.get(path) != seen.get(path))

    def snapshot(self) -> dict[str, tuple[int, int]]:
        """(modification time, size) of every source file (one listing per folder, a name test per file:
        at thousands of releases this runs every poll)."""
        found: dict[str, tuple[int, int]] = {}
        for folder in self.folders:
            _scan(str(folder), found)
        return found


class NativeWatcher(Watcher):
    """Calls back once per batch of file events from the operating system, from before the first build on."""

    def __init__(self, folders: tuple[Path, ...], on_change: OnChange) -> None:
        import watchfiles  # here: polling needs nothing of it

        super().__init__()
        self.roots = tuple(str(folder) for folder in folders if folder.is_dir())
        self.on_change = on_change
        self.loop = IOLoop.current()
        self.stop_event = threading.Event()
        events = watchfiles.watch(
            *self.roots,
            watch_filter=self._source,
            debounce=DEBOUNCE_MS,
            step=DEBOUNCE_MS,
            stop_event=self.stop_event,
            raise_interrupt=False,
            ignore_permission_denied=True,
        )
        self.thread = threading.Thread(target=self._run, args=(events,), name="watcher", daemon=True)
        self.thread.start()

    def start(self, callback: Callable[[], None]) -> bool:
        """Already watching; True tells livereload not to poll itself."""
        return True

    def stop(self) -> None:
        self.stop_event.set()

    def _run(self, events) -> None:
        try:
            for batch in events:
                changed = frozenset(path for _, path in batch)
                if changed:
                    self.loop.add_callback(self.on_change, changed)
        except Exception as exc:  # noqa: BLE001 (the limit of watches reached, a folder unmounted...): poll instead
            self.loop.add_callback(self._poll_instead, exc)

    def _poll_instead(self, exc: Exception) -> None:
        print(f"File events stopped ({exc}): looking at the files every {POLL_SECONDS} s instead.", flush=True)
        poller = SourceWatcher(tuple(Path(root) for root in self.roots), self.on_change)
        poller.start(lambda: None)
        self.on_change(frozenset(self.roots))  # anything may have changed meanwhile

    def _source(self, change: object, path: str) -> bool:
        """Whether an event's path is a source: not hidden (nor in a hidden folder), not an editor leftover."""
        root = next((root for root in self.roots if path.startswith(root + os.sep)), None)
        parts = os.path.relpath(path, root).split(os.sep) if root else [os.path.basename(path)]
        return not any(_ignored(part) for part in parts)


def _scan(top: str, found: dict[str, tuple[int, int]]) -> None:
    """Add the files under top that are sources (see _ignored) to found; symbolic links to folders are not
    followed, as os.walk does not."""
    stack = [top]
    while stack:
        try:
            with os.scandir(stack.pop()) as listing:
                items = list(listing)
        except OSError:  # gone, or not a folder
            continue
        for item in items:
            if _ignored(item.name):
                continue
            try:
                if item.is_dir():
                    if not item.is_symlink():
                        stack.append(item.path)
                    continue
                stat = os.stat(item.path)
            except OSError:  # gone since the listing, or a link that leads nowhere
                continue
            found[item.path] = (stat.st_mtime_ns, stat.st_size)


def _ignored(name: str) -> bool:
    """Hidden files and folders (caches), editor backups and swap files are not sources (a folder's name
    is tested as it is met, so a file's own name is all that is left to test)."""
    return name.startswith((".", "#")) or name.endswith(_EDITOR_LEFTOVERS) or name == "4913"
