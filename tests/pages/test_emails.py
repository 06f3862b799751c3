"""E-mail addresses on pages: the address as written, linked with mailto: so that it is clicked or copied, not
retyped."""

from __future__ import annotations

import pytest

from innosite.pages.emails import EmailView, email_view


@pytest.mark.parametrize(
    ("address", "href"),
    [
        ("riina.pulkkinen@pirkanmaa.fi", "mailto:riina.pulkkinen@pirkanmaa.fi"),
        ("first+press@example.org", "mailto:first+press@example.org"),
        ("nimi@hämeenlinna.fi", "mailto:nimi@h%C3%A4meenlinna.fi"),
        ("what?#100%@example.org", "mailto:what%3F%23100%25@example.org"),
    ],
)
def test_an_address_is_shown_as_written_and_linked(address: str, href: str) -> None:
    assert email_view(address) == EmailView(address, href)
