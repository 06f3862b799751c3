"""The record of published addresses: every address the site has published, so that none stops working (frozen)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class PublishedAddress(NamedTuple):
    """One address a publishing build put an entry's page at (a line of the record).

    A named tuple, not a dataclass: a site's record holds one per page ever published, read, compared and
    sorted on every build."""

    path: str
    """Relative to base_url's path, as an alias is written: `/fi/tiedotteet/otsikko/`."""
    key: str
    """The entry it was published for: `press/2024-03-01-otsikko`."""
    lang: str
    """The language of the page that was there (the path's first part)."""
    removed: bool = False
    """The entry was gone, and a build published the notice page saying so (and warned once)."""


@dataclass(frozen=True, slots=True)
class AddressRecord:
    """The record file as read: its addresses, each once, sorted."""

    path: str
    """The file, as given to the build (for messages)."""
    addresses: tuple[PublishedAddress, ...] = ()
    tidy: bool = False
    """The file is exactly as a build writes these addresses (so a build that adds none need not write it)."""
