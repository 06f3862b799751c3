"""The one way to remember work between builds: found again only for equal inputs, never for another object."""

from __future__ import annotations

import gc

import pytest

from innosite.memo import Memo, Memory, Same, StaleMemo


def test_a_value_is_found_again_only_for_equal_inputs() -> None:
    memo: Memo[str, list[int]] = Memo("m")
    made = []
    first = memo.get("k", (1, 2), lambda: made.append(1) or [1])
    assert memo.get("k", (1, 2), lambda: made.append(2) or [2]) is first
    assert memo.get("k", (1, 3), lambda: made.append(3) or [3]) == [3]
    assert made == [1, 3]


def test_an_object_key_never_finds_the_value_of_another_object_with_its_old_id() -> None:
    """Same(obj) holds the object: while the value is remembered, no other object can get its id()."""
    memo: Memo[Same, str] = Memo("m")

    class Thing:
        pass

    thing = Thing()
    memo.get(Same(thing), None, lambda: "the first thing")
    old_id = id(thing)
    del thing
    gc.collect()
    others = [Thing() for _ in range(1000)]
    assert all(id(other) != old_id for other in others)
    assert {memo.get(Same(other), None, lambda: "another") for other in others} == {"another"}


def test_what_a_build_did_not_use_is_forgotten_at_the_next() -> None:
    memo: Memo[str, str] = Memo("m")
    memo.get("a", 1, lambda: "A")
    memo.get("b", 1, lambda: "B")
    memo.next_build()
    assert memo.get("a", 1, lambda: "new A") == "A"
    memo.next_build()
    assert memo.last("a") == "A"
    assert memo.last("b") is None


def test_keep_carries_values_a_reused_result_was_made_of() -> None:
    memo: Memo[str, str] = Memo("m")
    value, keys = memo.recorded(lambda: memo.get("page", 1, lambda: "P"))
    assert (value, keys) == ("P", ("page",))
    memo.next_build()
    memo.keep(keys)
    memo.next_build()
    assert memo.last("page") == "P"


def test_verify_makes_every_value_again_and_fails_on_inputs_that_leave_something_out() -> None:
    memo: Memo[str, str] = Memory(verify=True).memo("plan.pages")
    memo.get("home", ("latest",), lambda: "home with projects A")
    assert memo.get("home", ("latest",), lambda: "home with projects A") == "home with projects A"
    with pytest.raises(StaleMemo, match="plan.pages: the value remembered for 'home' differs"):
        memo.get("home", ("latest",), lambda: "home with projects B")  # the projects are not among its inputs


def test_verify_compares_values_made_in_a_batch_with_those_found() -> None:
    memo: Memo[str, str] = Memory(verify=True).memo("load.folders")
    memo.put("a", "key", "entry")
    assert memo.found("a", "key") is None  # verifying: always made again
    memo.put("a", "key", "entry")
    memo.found("a", "key")
    with pytest.raises(StaleMemo):
        memo.put("a", "key", "another entry")


def test_a_scope_empties_the_memos_made_under_other_settings() -> None:
    memory = Memory()
    memory.scope(("m",), ("settings", 1))
    memory.memo("m").get("k", 1, lambda: "v")
    memory.scope(("m",), ("settings", 1))
    assert memory.memo("m").last("k") == "v"
    memory.scope(("m",), ("settings", 2))
    assert memory.memo("m").last("k") is None
