"""The page keys a walk has fetched, at a constant cost per page however long the walk is.

A cursor walk must notice a cursor the server hands back a second time, or it would loop for
ever. Each page's request carries what was fetched before it; a set copied onto every request
made page n cost O(n), so a 16,000-page walk cost far more per page than a short one.

`SeenKeys` shares one dict along a walk: each key maps to its position, and a record of
length n holds the keys at positions below n. Extending a record is O(1). Only a second
extension of the same record (a page whose `get_next_page()` is called twice, or a walk started
again from the same first page) copies the dict, so that branch starts from exactly what its
own pages saw.
"""

from __future__ import annotations

from collections.abc import Hashable


class SeenKeys:
    """An immutable record of page keys in walk order, extended in O(1)."""

    __slots__ = ("_extended", "_keys", "_length")

    def __init__(self, keys: dict[Hashable, int] | None = None, length: int = 0) -> None:
        self._keys: dict[Hashable, int] = keys if keys is not None else {}
        self._length = length
        self._extended = False

    def __contains__(self, key: object) -> bool:
        try:
            position = self._keys.get(key)
        except TypeError:  # an unhashable key was never recorded
            return False
        return position is not None and position < self._length

    def __len__(self) -> int:
        return self._length

    def added(self, key: Hashable) -> SeenKeys:
        """This record with `key` after everything in it."""
        keys = self._keys
        if self._extended:
            # A second branch from here: its own copy, so the first branch's keys beyond this
            # point (which `__contains__` ignores anyway) are not overwritten under it.
            keys = {k: p for k, p in keys.items() if p < self._length}
        else:
            self._extended = True
        if key not in self:  # a key seen before keeps its first position
            keys[key] = self._length
        return SeenKeys(keys, self._length + 1)

    def __repr__(self) -> str:
        return f"SeenKeys(<{self._length} keys>)"
