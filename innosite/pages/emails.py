"""E-mail addresses as visitors need them (pure): the address as written, and a `mailto:` link that opens a message
to it.

The address is shown whole, not as `name(a)domain`: a journalist copies or clicks it rather than retyping it, and
a screen reader reads it as an address. Addresses were checked when the content was read (content/fields.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

_SAFE = "@!$'*+,;="
"""What an address keeps as it is in the link (RFC 6068); anything else, `?`, `#`, `%` and letters beyond ASCII
among them, is percent-encoded, so that the link is the address and nothing more."""


@dataclass(frozen=True, slots=True)
class EmailView:
    """An e-mail address as a page shows it and the link that writes to it."""

    text: str
    href: str
    """`mailto:` and the address, e.g. mailto:riina.pulkkinen@pirkanmaa.fi."""


def email_view(address: str) -> EmailView:
    """The address as written, with its `mailto:` link."""
    return EmailView(address, "mailto:" + quote(address, safe=_SAFE))
