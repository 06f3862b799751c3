"""The record of published addresses: every address the site has published, so that none stops working (frozen)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class PublishedAddress:
    """One address a publishing build put an entry's page at (a line of the record)."""

    path: str
    """Relative to base_url's path, as an alias is written: `/fi/tiedotteet/otsikko/`."""
    key: str
    """The entry it was published for: `press/2024-03-01-otsikko`."""
    lang: str
    """The language of the page that was there (the path's first part)."""
    removed: bool = False
    """The entry was gone, and a build published the notice page saying so (and warned once)."""

    @property
    def folder(self) -> str:
        """The page's folder relative to the site root, as planned pages name it: `fi/tiedotteet/otsikko/`."""
        return self.path.lstrip("/")


@dataclass(frozen=True, slots=True)
class AddressRecord:
    """The record file as read: its addresses, without duplicates, in the order of the file's sorted lines."""

    path: str
    """The file, as given to the build (for messages)."""
    addresses: tuple[PublishedAddress, ...] = ()
