"""The capped record of the ids a walk has yielded, so that an item that comes back is skipped.

A record can reappear on a later page when records are created ahead of the walk's position;
`RecentIds` remembers enough ids to skip it, at a fixed cost however long the walk is.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Generic, TypeVar

from ._logging import logger

ItemT = TypeVar("ItemT")

# How many of the ids it has yielded a walk remembers at least (and at most twice as many). A
# record comes back only after records are created ahead of the walk's position, so this covers
# five thousand records created during one walk, at a fixed cost of about 1 MiB however long the
# walk is; a set of every id would grow by some 110 bytes per item for ever.
REMEMBERED_IDS = 5_000


def checkable(item_id: object) -> bool:
    """Whether an item id can be checked for repeats: present, and hashable.

    The server decides what an id is; one that is null, a list or an object cannot be told
    apart from others, so its item is always yielded.
    """
    if item_id is None:
        return False
    try:
        hash(item_id)
    except TypeError:
        return False
    return True


class RecentIds(Generic[ItemT]):
    """The ids one walk has yielded lately, so that an item that comes back is skipped.

    Ids are kept in two generations: when the newer one holds `limit` ids it becomes the older
    and the older is dropped whole. So at least the last `limit` ids are always remembered (a
    walk shorter than that remembers every id) and never more than twice as many; dropping a
    whole set, rather than evicting ids one by one, also keeps the sets from growing tables
    full of deleted slots.
    """

    def __init__(self, item_id: Callable[[ItemT], Hashable], limit: int | None = None) -> None:
        self._item_id = item_id
        self._limit = REMEMBERED_IDS if limit is None else limit
        self._newer: set[Hashable] = set()
        self._older: set[Hashable] = set()

    def __len__(self) -> int:
        return len(self._newer) + len(self._older)

    def unseen(self, items: Sequence[ItemT]) -> Sequence[ItemT]:
        """`items` less those whose id was yielded lately, remembering the rest as yielded."""
        ids = list(map(self._item_id, items))
        newer, older = self._newer, self._older
        # The usual page repeats nothing: settle it with set operations, not a loop per item.
        try:
            unique: set[Hashable] | None = set(ids)
        except TypeError:  # an id that is a list or an object: see `checkable`
            unique = None
        if (
            unique is not None
            and len(unique) == len(ids)
            and None not in unique
            and newer.isdisjoint(unique)
            and older.isdisjoint(unique)
        ):
            self._remember(unique)
            return items
        fresh: list[ItemT] = []
        kept: set[Hashable] = set()
        for item, key in zip(items, ids, strict=True):
            if not checkable(key):
                fresh.append(item)
            elif key not in newer and key not in older and key not in kept:
                kept.add(key)
                fresh.append(item)
        self._remember(kept)
        logger.info(
            "skipped %d item(s) this walk had already yielded (records shifted between pages)",
            len(items) - len(fresh),
        )
        return fresh

    def _remember(self, ids: Iterable[Hashable]) -> None:
        self._newer.update(ids)
        if len(self._newer) >= self._limit:
            self._older, self._newer = self._newer, set()
