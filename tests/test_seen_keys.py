"""The record of page keys a walk has fetched: O(1) per page, exact per branch."""

from __future__ import annotations

from eligibility_clients._seen_keys import SeenKeys
from hypothesis import given
from hypothesis import strategies as st


def test_a_linear_walk_shares_one_dict() -> None:
    record = SeenKeys()
    first = record.added("a")
    second = first.added("b")
    assert "a" in second
    assert "b" in second
    assert "b" not in first  # a record holds only what came before it
    assert "a" not in record
    assert second._keys is record._keys  # extended in place: nothing copied per page
    assert len(second) == 2


def test_a_second_branch_sees_only_its_own_keys() -> None:
    start = SeenKeys().added("a")
    left = start.added("b").added("c")
    right = start.added("x")
    assert "b" not in right
    assert "c" not in right
    assert "x" in right
    assert "a" in right
    assert "x" not in left
    assert left.added("d")._keys is left._keys


def test_unhashable_keys_are_never_seen() -> None:
    assert [1] not in SeenKeys().added("a")


@given(st.lists(st.text(max_size=3), max_size=30), st.integers(0, 30))
def test_a_record_holds_exactly_the_keys_before_it(keys: list[str], cut: int) -> None:
    records = [SeenKeys()]
    for key in keys:
        records.append(records[-1].added(key))
    cut = min(cut, len(keys))
    branch = records[cut].added("\x00branch")
    for position, record in enumerate(records):
        assert {key for key in set(keys) if key in record} == set(keys[:position])
    assert {key for key in set(keys) if key in branch} == set(keys[:cut])
