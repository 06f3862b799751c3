"""Keeping the record of published addresses (content/published-addresses.txt): the one file a build writes
besides the output folder and the cache.

Only a build that publishes the public site keeps it (see BuildOptions.record),
and only after the site is published: the file is replaced whole through a
temporary file beside it, and only when its bytes change. Its lines are only
ever added, sorted and marked (pages/addresses.py, next_record).
"""

from __future__ import annotations

import os
from pathlib import Path

from innosite.content.addresses import record_path, record_text
from innosite.model.site import Site
from innosite.output.guard import OutputError
from innosite.pages.addresses import next_record


def keep_record(content: Path, site: Site) -> tuple[int, int]:
    """Bring the content folder's record up to date with this published site; how many addresses it gained, and
    how many it marked as those of a removed entry (both 0: the file was not touched)."""
    addresses = next_record(site)
    data = record_text(addresses).encode("ascii")
    path = record_path(content)
    try:
        if path.read_bytes() == data:
            return 0, 0
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise _unwritten(path, exc) from None
    try:
        replace_file(path, data)
    except OSError as exc:
        raise _unwritten(path, exc) from None
    old = site.record.addresses if site.record else ()
    before = {(a.path, a.key, a.lang) for a in old}
    added = sum((a.path, a.key, a.lang) not in before for a in addresses)
    marked = sum(a.removed for a in addresses) - sum(a.removed for a in old)
    return added, max(marked, 0)


def replace_file(path: Path, data: bytes) -> None:
    """Put data at path in one step: written and flushed aside, then renamed over the old file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    try:
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return  # a system without folder handles (Windows): the rename is as durable as it gets
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _unwritten(path: Path, exc: OSError) -> OutputError:
    return OutputError(
        f"the record of published addresses {path} could not be written ({exc.strerror or exc}): the site was "
        "published, but its new addresses were not recorded; fix this and build again"
    )
