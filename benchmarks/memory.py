"""Part 4: peak traced memory while walking 20,000 and 100,000 items.

`tracemalloc` slows a walk several times over, so only the walks whose peak is read run under
it. A concurrent walk's peak moves from run to run (it is reached when the id record is near
full while pages are in flight), so each walk's figure is the highest of a few traced runs;
the attribution walks, without the id record, run once. Nothing here is timed.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from eligibility_clients import GoodstackClient, TruemedClient, _recent_ids
from eligibility_clients_goodstack.models import EligibilitySubscriptionList
from eligibility_clients_truemed.models import QualificationSessionList

from benchmarks.config import KEY, MEMORY_CASES, PAGE_SIZE, Settings
from benchmarks.measuring import export_time, peak_memory, sync_export, traced_size
from benchmarks.report import Report, Target, mib
from benchmarks.serving import PageTransport, TemplatePages, goodstack_key, truemed_key

MEMORY_RATIO = 1.2  # the most a walk of the larger size may peak over one of the smaller


def part_memory(report: Report, settings: Settings) -> dict[str, float]:
    """Part 4: peak traced memory for short and long walks."""
    found: dict[str, float] = {}
    small, large = settings.memory_items[0], settings.memory_items[-1]
    report.add(
        "## 4. Memory",
        "",
        f"Peak memory traced by `tracemalloc` while walking the items ({PAGE_SIZE} per page, "
        "no latency) and dropping each; the client is built before tracing starts. Each "
        "request makes its page's bytes from a page the fake rendered, with ids of its own. "
        f"{_runs(settings.memory_runs)} One page (its bytes plus its parsed "
        "models) is shown for scale. The walk remembers at least the last "
        f"{_recent_ids.REMEMBERED_IDS:,} ids it yielded (at most twice as many), so that no "
        "item comes out twice; "
        "the last columns repeat each walk with that record switched off inside the "
        "benchmark (attribution only; the package has no such switch) and give the "
        "record's own size, built alone from the same ids.",
        "",
    )
    rows: list[list[str]] = []
    for vendor, concurrency in MEMORY_CASES:
        page_cost = _page_size_in_memory(vendor)
        peaks: dict[int, int] = {}
        bare: dict[int, int] = {}
        for count in settings.memory_items:
            pages = TemplatePages(vendor.lower(), count)
            transport = PageTransport(pages, truemed_key if vendor == "Truemed" else goodstack_key)
            client_cls: type[TruemedClient] | type[GoodstackClient] = (
                TruemedClient if vendor == "Truemed" else GoodstackClient
            )
            make = partial(client_cls, api_key=KEY, transport=transport)
            walk = export_time(sync_export(make, concurrency), count)
            peaks[count] = peak_memory(walk, settings.memory_runs)
            with without_id_record():
                bare[count] = peak_memory(walk, 1)
        ids_size = traced_size(partial(_remembered_ids, TemplatePages(vendor.lower(), large)))
        ratio = peaks[large] / peaks[small]
        bare_ratio = bare[large] / bare[small]
        found[f"{vendor} {concurrency} ratio"] = ratio
        found[f"{vendor} {concurrency} bare ratio"] = bare_ratio
        mode = "sequential" if concurrency == 1 else f"`concurrency={concurrency}`"
        report.target(
            Target(
                f"peak memory, {large:,} ÷ {small:,} items, {mode}",
                vendor,
                ratio,
                MEMORY_RATIO,
                note=f"{mib(peaks[large])} vs {mib(peaks[small])}",
            )
        )
        rows.append(
            [
                vendor,
                "sequential" if concurrency == 1 else f"concurrency={concurrency}",
                mib(page_cost),
                *(mib(peaks[count]) for count in settings.memory_items),
                f"{ratio:.2f}x",
                *(mib(bare[count]) for count in settings.memory_items),
                f"{bare_ratio:.2f}x",
                mib(ids_size),
            ]
        )
    sizes = [f"{count // 1000}k" for count in settings.memory_items]
    report.table(
        [
            "API",
            "mode",
            "one page",
            *(f"peak, {size}" for size in sizes),
            f"{sizes[-1]} ÷ {sizes[0]} (target ≤ {MEMORY_RATIO}x)",
            *(f"without the id record, {size}" for size in sizes),
            f"{sizes[-1]} ÷ {sizes[0]}",
            f"id record at {sizes[-1]}",
        ],
        rows,
    )
    return found


def _runs(runs: int) -> str:
    if runs == 1:
        return "One traced run of each walk."
    return (
        f"Each peak is the highest of {runs} traced runs of the walk (one run without the id "
        "record)."
    )


def _keep_all(self: _recent_ids.RecentIds[Any], items: list[Any]) -> list[Any]:
    return items


@contextlib.contextmanager
def without_id_record() -> Iterator[None]:
    """Switch off the walk's record of yielded ids, to tell its memory from the pages'.

    For attribution only: a walk without it can yield an item twice.
    """
    original = _recent_ids.RecentIds.unseen
    setattr(_recent_ids.RecentIds, "unseen", _keep_all)  # noqa: B010
    try:
        yield
    finally:
        setattr(_recent_ids.RecentIds, "unseen", original)  # noqa: B010


def _remembered_ids(pages: TemplatePages) -> _recent_ids.RecentIds[str]:
    """The walk's id record after every page of `pages`, built alone from the same ids."""
    recent: _recent_ids.RecentIds[str] = _recent_ids.RecentIds(str)
    for number in range(1, pages.pages + 1):
        recent.unseen(pages.item_ids(number))
    return recent


def _page_size_in_memory(vendor: str) -> int:
    pages = TemplatePages(vendor.lower(), PAGE_SIZE)
    content = pages("1" if vendor == "Truemed" else "")
    model: Callable[[dict[str, Any]], object] = (
        QualificationSessionList.from_dict
        if vendor == "Truemed"
        else EligibilitySubscriptionList.from_dict
    )
    return traced_size(lambda: (bytes(content), model(json.loads(content))))
