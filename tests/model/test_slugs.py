"""Slugs as SPEC section 1 defines them."""

import pytest

from innosite.model.slugs import slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Städerna tar ledningsansvar för att stärka innovationsekosystem i Finland",
            "staderna-tar-ledningsansvar-for-att-starka-innovationsekosystem-i-finland",
        ),
        ("Åbo – Öljy & Äly", "abo-oljy-aly"),
        ("Café déjà vu", "cafe-deja-vu"),
        ("  S:t Michel!! ", "s-t-michel"),
        (
            "Green Electrification -kansallisen ekosysteemin johtaminen",
            "green-electrification-kansallisen-ekosysteemin-johtaminen",
        ),
        ("Zero\u200bwidth and\u00a0nbsp", "zerowidth-and-nbsp"),
        ("Ωμέγα", ""),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug
