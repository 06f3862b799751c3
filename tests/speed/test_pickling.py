"""Pickles for hashing: equal values give equal bytes, whatever was pickled before them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from innosite.speed.pickling import stable_pickle


@dataclass(frozen=True, slots=True)
class Shown:
    """Stands for a value many pages show (hashed once, then by its hash)."""

    title: str


@dataclass(frozen=True, slots=True)
class Loaded:
    """Stands for an entry loaded through the cache (known by its key)."""

    body: str


@pytest.mark.parametrize("keyed", [False, True])
def test_a_shared_value_pickles_alike_the_first_time_and_after(keyed: bool) -> None:
    item, entry = Shown("Akkukemia"), Loaded("teksti")
    inputs = ("term", (entry, entry), item, 3)
    fresh = {id(entry): "key-1"}
    first = stable_pickle(inputs, fresh, (Shown,), keyed=keyed)
    again = stable_pickle(inputs, fresh, (Shown,), keyed=keyed)  # the item is known by its hash now
    other = stable_pickle(("term", (entry, entry), Shown("Akkukemia"), 3), {id(entry): "key-1"}, (Shown,), keyed=keyed)
    assert first == again == other


@pytest.mark.parametrize("keyed", [False, True])
def test_a_known_object_stands_by_its_key(keyed: bool) -> None:
    entry = Loaded("teksti")
    one = stable_pickle((entry,), {id(entry): "key-1"}, keyed=keyed)
    two = stable_pickle((entry,), {id(entry): "key-2"}, keyed=keyed)
    same_body = Loaded("teksti")
    assert one != two
    assert stable_pickle((same_body,), {id(same_body): "key-1"}, keyed=keyed) == one


def test_a_tuple_known_by_id_is_still_pickled_by_its_values() -> None:
    inputs = ("a", 1)
    known = {id(inputs): "digest of the inputs"}  # a page's inputs are remembered by id
    assert stable_pickle((inputs,), known, keyed=True) == stable_pickle((("a", 1),), {}, keyed=True)
