"""Keeping the record of published addresses (content/published-addresses.txt): the one file a build writes
besides the output folder and the cache.

Only a build that publishes the public site keeps it (see BuildOptions.record),
and only after the site is published: the file is replaced whole through a
temporary file beside it, and only when its bytes change. Its lines are only
ever added, sorted and marked (pages/addresses.py, next_record).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from innosite.content.addresses import record_path, record_text
from innosite.model.addresses import AddressRecord
from innosite.model.site import Site
from innosite.output.guard import OutputError
from innosite.output.whole_file import replace_file
from innosite.pages.addresses import next_record


class RecordChange(NamedTuple):
    """What a build did to the record: addresses added, addresses of removed entries marked, and whether it wrote
    the file at all (it also sorts a file a merge left out of order)."""

    added: int = 0
    marked: int = 0
    written: bool = False


def record_after(content: Path, site: Site) -> AddressRecord | None:
    """The record as a publishing build of this site leaves it, as the next build reads it; None when that is the
    record this build read (nearly always: nothing new to record, and the file tidy)."""
    addresses = next_record(site)
    if site.record is not None and site.record.tidy and addresses is site.record.addresses:
        return None
    return AddressRecord(str(record_path(content)), addresses, tidy=True)


def keep_record(site: Site, after: AddressRecord | None) -> RecordChange:
    """Write the record this published site leaves (see record_after), if the file does not hold it already."""
    if after is None:
        return RecordChange()
    data = record_text(after.addresses).encode("ascii")
    path = Path(after.path)
    try:
        if path.read_bytes() == data:
            return RecordChange()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise _unwritten(path, exc) from None
    try:
        replace_file(path, data)
    except OSError as exc:
        raise _unwritten(path, exc) from None
    old = site.record.addresses if site.record else ()
    before = {address[:3] for address in old}
    added = sum(address[:3] not in before for address in after.addresses)
    marked = sum(address.removed for address in after.addresses) - sum(address.removed for address in old)
    return RecordChange(added, max(marked, 0), True)


def _unwritten(path: Path, exc: OSError) -> OutputError:
    return OutputError(
        f"the record of published addresses {path} could not be written ({exc.strerror or exc}): the site was "
        "published, but its new addresses were not recorded; fix this and build again"
    )
