"""Phone numbers that work from abroad: the national form for readers in the number's country, the international
form for everyone else, and a tel: link in E.164 on every page."""

from __future__ import annotations

from pathlib import Path

import pytest

from innosite.pages.phones import PhoneView, phone_view
from tests.html import parse


@pytest.mark.parametrize(
    ("written", "lang", "shown"),
    [
        ("040 708 0178", "fi", PhoneView("040 708 0178", "tel:+358407080178")),
        ("040 708 0178", "sv", PhoneView("+358 40 708 0178", "tel:+358407080178")),
        ("040 708 0178", "en", PhoneView("+358 40 708 0178", "tel:+358407080178")),
        ("+358 40 708 0178", "fi", PhoneView("040 708 0178", "tel:+358407080178")),
        ("(09) 310 1691", "en", PhoneView("+358 9 310 1691", "tel:+35893101691")),
        ("0407080178", "en", PhoneView("+358 40 7080178", "tel:+358407080178")),  # no grouping: phonenumbers'
        ("+46 8 123 456 78", "fi", PhoneView("+46 8 123 456 78", "tel:+46812345678")),  # a Swedish number
        ("+46 8 123 456 78", "sv", PhoneView("08 123 456 78", "tel:+46812345678")),  # for readers in Sweden
    ],
)
def test_a_number_as_each_language_shows_it(written: str, lang: str, shown: PhoneView) -> None:
    assert phone_view(written, lang) == shown


def test_contacts_link_their_numbers_in_every_language(site_dir: Path, run) -> None:
    assert run("--out", "site", "--no-search").code == 0
    release = {
        "fi": "fi/tiedotteet/kaupungit-ottavat-vetovastuuta/",
        "sv": "sv/pressmeddelanden/staderna-tar-ledningsansvar/",
        "en": "en/press-releases/kaupungit-ottavat-vetovastuuta/",  # a notice page: labels in English
    }
    links = {
        lang: [(a.attrs["href"], a.text) for a in parse((site_dir / "site" / path / "index.html").read_bytes())
               .find("section", class_="contacts").find_all("a")]
        for lang, path in release.items()
    }  # fmt: skip
    assert links == {
        "fi": [("tel:+358407080178", "040 708 0178")],
        "sv": [("tel:+358407080178", "+358 40 708 0178")],
        "en": [("tel:+358407080178", "+358 40 708 0178")],
    }
