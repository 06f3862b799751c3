"""What the preview keeps between builds, so that an edit costs about as much as the pages it changes.

The preview builds into a folder of its own that nothing else writes to, so the
session knows what every file there holds without looking (output/in_place.py):
the entries loaded, the pages planned and their fingerprints stay in memory
(innosite/memo.py). A build told which files changed hashes only their entry
folders; the planner reuses every page whose inputs are the same objects.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from innosite.content.load import SECTION_DIRS
from innosite.memo import Memory
from innosite.output.in_place import InPlacePublisher
from innosite.output.lock import hold_output
from innosite.problems import say
from innosite.speed.session import BuildSession


def preview_session(content: Path, out: Path, jobs: int = 0, verify: bool = False) -> BuildSession:
    """A build session for many builds into the preview's own folder (`verify`: check every memo, for tests)."""
    lock = hold_output(out, 0, say)  # its own folder: no other build writes there while the preview runs
    try:
        return BuildSession(content, out, jobs, publisher=InPlacePublisher(out), memory=Memory(verify), lock=lock)
    except BaseException:
        lock.release()
        raise


def entry_folders(content: Path, changed: Iterable[str]) -> frozenset[str] | None:
    """The entry folders (as the loader names them) that hold the changed files; None if a file
    outside them changed (the settings, the terms, a template: anything may be affected)."""
    root = os.path.abspath(content)
    found = set()
    for path in changed:
        parts = Path(os.path.relpath(os.path.abspath(path), root)).parts
        if len(parts) < 3 or parts[0] not in SECTION_DIRS:
            return None
        found.add(str(content / parts[0] / parts[1]))
    return frozenset(found)
