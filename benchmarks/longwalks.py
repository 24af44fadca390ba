"""Part 3: long walks cost O(1) per page, against a short walk of the same small pages.

What a walk records as it goes must not make page n cost more than page 1: Goodstack's record
of the cursors it has followed (a cursor that comes back is an error, not a loop), Truemed's
page fingerprints (a server that ignores `page` is caught), and the record of recent item ids
both APIs keep (an item that shifts onto a later page is not yielded twice). Each request makes
its small page on the fly (serving.TemplatePages), so nothing grows but what the walk keeps.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from functools import partial

from eligibility_clients import GoodstackClient, TruemedClient
from eligibility_clients._recent_ids import RecentIds

from benchmarks.config import KEY, Settings
from benchmarks.measuring import export_time, paired_ratio, sync_export, timed_rounds
from benchmarks.report import Report, Target, us, verdict
from benchmarks.serving import PageTransport, TemplatePages, goodstack_key, truemed_key

PER_PAGE = 1.25  # the most a page of the long walk may cost over one of the short walk


def part_long_walks(report: Report, settings: Settings) -> dict[str, float]:
    """Part 3: per-page cost of a long walk over that of a short one."""
    short, long = settings.long_walk_pages
    size = settings.long_walk_page_size
    runs = settings.long_walk_runs
    report.add(
        "## 3. Long walks",
        "",
        f"Sequential walks of {short:,} and {long:,} pages of {size} items, each page made "
        "on request from one page the fake rendered, with ids of its own, and served with no "
        f"latency. Per page: the walk's time over its pages, median of {runs} interleaved "
        "runs; the ratio is the median of those within a round. The id record is timed "
        "alone as well: `RecentIds.unseen` over the same pages' ids, each page's made just "
        f"before it is read (the making counted), median of {runs * 5} runs. Target: a page "
        f"of the long walk costs at most {PER_PAGE}x a page of the short one.",
        "",
    )
    found: dict[str, float] = {}
    rows: list[list[str]] = []
    cases: list[tuple[str, str, Callable[[int], Callable[[], object]]]] = [
        ("Goodstack", "its cursors seen", partial(_walk, "Goodstack", size)),
        ("Truemed", "its page fingerprints", partial(_walk, "Truemed", size)),
        ("", "the id record alone (`RecentIds`)", partial(_id_record, size)),
    ]
    for api, what, make in cases:
        contenders = {"short": make(short), "long": make(long)}
        # The short walk warms up for both: a long one untimed would cost more than it shows.
        contenders["short"]()
        rounds = timed_rounds(contenders, runs if api else runs * 5)
        per_short = statistics.median(rounds["short"]) / short
        per_long = statistics.median(rounds["long"]) / long
        ratio = paired_ratio(rounds, "long", "short") * short / long
        found[f"{api or 'ids'} long walk per page"] = ratio
        target = report.target(
            Target(
                f"long walk per page, {long:,} ÷ {short:,} pages"
                if api
                else f"the id record (`RecentIds`) per page, {long:,} ÷ {short:,} pages",
                api,
                ratio,
                PER_PAGE,
                note=f"{us(per_long)} vs {us(per_short)}{f', with {what}' if api else ''}",
            )
        )
        rows.append(
            [
                f"{api} walk" if api else "both APIs",
                what,
                us(per_short),
                us(per_long),
                f"{ratio:.2f}x ({verdict(target.met)})",
            ]
        )
    report.table(
        [
            "API",
            "what the walk records",
            f"per page, {short:,} pages",
            f"per page, {long:,} pages",
            f"ratio (target ≤ {PER_PAGE}x)",
        ],
        rows,
    )
    return found


def _walk(api: str, size: int, pages: int) -> Callable[[], int]:
    served = TemplatePages(api.lower(), pages * size, page_size=size)
    transport = PageTransport(served, truemed_key if api == "Truemed" else goodstack_key)
    client_cls: type[TruemedClient] | type[GoodstackClient] = (
        TruemedClient if api == "Truemed" else GoodstackClient
    )
    make = partial(client_cls, api_key=KEY, transport=transport)
    return export_time(sync_export(make, 1, page_size=size), pages * size)


def _id_record(size: int, pages: int) -> Callable[[], None]:
    """Feed a fresh record every page's ids, as a walk does.

    Each page's ids are made just before the record reads them, as parsing a page makes them:
    ids made beforehand would lie scattered wherever the walks before left free memory, and
    the record would be timed on cache misses a walk does not have.
    """
    served = TemplatePages("goodstack", pages * size, page_size=size)

    def run() -> None:
        recent: RecentIds[str] = RecentIds(str)
        for number in range(1, pages + 1):
            recent.unseen(served.item_ids(number))

    return run
