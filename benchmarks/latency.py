"""Part 2: export wall time with latency, sequential and concurrent, sync and async."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from functools import partial

import httpx2
from eligibility_clients import (
    AsyncGoodstackClient,
    AsyncTruemedClient,
    GoodstackClient,
    TruemedClient,
)
from eligibility_clients.testing import FakeGoodstack, FakeTruemed

from benchmarks.baselines import PARSINGS, async_baseline, sync_baseline
from benchmarks.config import (
    CONCURRENCY,
    GOODSTACK_PATH,
    GOODSTACK_URL,
    KEY,
    PAGE_SIZE,
    SLOW_CONSUMER,
    TRUEMED_PATH,
    TRUEMED_URL,
    Settings,
)
from benchmarks.measuring import (
    async_export,
    export_time,
    median_times,
    paired_ratio,
    sync_export,
    timed_rounds,
)
from benchmarks.report import Report, Target, ms, verdict
from benchmarks.serving import (
    PageTransport,
    goodstack_key,
    render_goodstack,
    render_truemed,
    truemed_key,
)

SPEED_UP = 6.5  # the least speed-up of Truemed at concurrency=8 over sequential
BASELINE_RATIO = 1.15  # the most ours may take over the hand-written walk that parses alike


def part_latency(report: Report, settings: Settings) -> dict[str, float]:
    """Part 2: export wall time with latency, sequential and concurrent."""
    pages_count = settings.latency_pages
    items = pages_count * PAGE_SIZE
    latency = settings.latency
    report.add(
        "## 2. Export wall time with latency",
        "",
        f"{pages_count} pages of {PAGE_SIZE} ({items:,} items), {latency * 1e3:.0f} ms per "
        "request. Pages were rendered by the fakes beforehand and are served after the "
        "latency (slept in the requesting thread, awaited in async), so, as with a remote "
        "API, no server work competes with the client for this process. Floor: "
        "ceil(pages / N) x latency for Truemed; Goodstack's cursors chain every page to the "
        f"one before, so its floor is pages x latency whatever N. Median of "
        f"{settings.latency_runs} runs; a speed-up or ratio is the median of those within a "
        "round.",
        "",
    )
    truemed_pages = render_truemed(items)
    goodstack_pages = render_goodstack(items)
    found: dict[str, float] = {}
    rows: list[list[str]] = []
    levels = (1, *CONCURRENCY)

    def truemed_transport() -> PageTransport:
        return PageTransport(truemed_pages.__getitem__, truemed_key, latency)

    def goodstack_transport() -> PageTransport:
        return PageTransport(goodstack_pages.__getitem__, goodstack_key, latency)

    cases: list[tuple[str, str, dict[int, Callable[[], int]]]] = [
        (
            "Truemed",
            "sync",
            {
                n: sync_export(lambda: TruemedClient(api_key=KEY, transport=truemed_transport()), n)
                for n in levels
            },
        ),
        (
            "Truemed",
            "async",
            {
                n: async_export(
                    lambda: AsyncTruemedClient(api_key=KEY, transport=truemed_transport()), n
                )
                for n in levels
            },
        ),
        (
            "Goodstack",
            "sync",
            {
                n: sync_export(
                    lambda: GoodstackClient(api_key=KEY, transport=goodstack_transport()), n
                )
                for n in levels
            },
        ),
        (
            "Goodstack",
            "async",
            {
                n: async_export(
                    lambda: AsyncGoodstackClient(api_key=KEY, transport=goodstack_transport()), n
                )
                for n in levels
            },
        ),
    ]
    for vendor, mode, runs in cases:
        contenders = {str(n): export_time(run, items) for n, run in runs.items()}
        rounds = timed_rounds(contenders, settings.latency_runs)
        times = {name: statistics.median(values) for name, values in rounds.items()}
        for n in levels:
            wall = times[str(n)]
            physical = (
                math.ceil(pages_count / n) if vendor == "Truemed" else pages_count
            ) * latency
            found[f"{vendor} {mode} {n}"] = wall
            found[f"{vendor} {mode} {n} floor ratio"] = wall / physical
            found[f"{vendor} {mode} {n} speed-up"] = paired_ratio(rounds, "1", str(n))
            rows.append(
                [
                    f"{vendor} {mode}",
                    "sequential" if n == 1 else f"concurrency={n}",
                    ms(wall),
                    f"{paired_ratio(rounds, '1', str(n)):.2f}x",
                    ms(physical),
                    f"{wall / physical:.2f}x",
                ]
            )
    report.table(["client", "mode", "wall time", "speed-up", "floor", "÷ floor"], rows)

    outcomes = []
    for mode in ("sync", "async"):
        to_floor = found[f"Truemed {mode} 8 floor ratio"]
        speed_up = found[f"Truemed {mode} 8 speed-up"]
        target = report.target(
            Target(
                f"`concurrency=8` speed-up over sequential, {mode}, {latency * 1e3:.0f} ms pages",
                api="Truemed",
                value=speed_up,
                limit=SPEED_UP,
                at_least=True,
                note=f"{to_floor:.2f}x the floor",
            )
        )
        outcomes.append(f"{mode} {speed_up:.2f}x faster ({verdict(target.met)})")
    report.add(
        f"Target: Truemed at concurrency=8 at least {SPEED_UP}x faster than sequential: "
        + "; ".join(outcomes)
        + ".",
        "",
    )
    found.update(_baselines(report, settings, truemed_transport))

    # What Goodstack's concurrency buys: overlap with the caller's own work on each page.
    slow = {
        str(n): export_time(
            sync_export(
                lambda: GoodstackClient(api_key=KEY, transport=goodstack_transport()),
                n,
                per_page_work=SLOW_CONSUMER,
            ),
            items,
        )
        for n in (1, 2)
    }
    slow_times = median_times(slow, settings.latency_runs)
    found["Goodstack slow consumer 1"] = slow_times["1"]
    found["Goodstack slow consumer 2"] = slow_times["2"]
    report.add(
        f"Goodstack's concurrency overlaps the next request with the caller's own work: with "
        f"{SLOW_CONSUMER * 1e3:.0f} ms of loop-body work per page, the sync export takes "
        f"{ms(slow_times['1'])} sequentially and {ms(slow_times['2'])} with concurrency=2 "
        f"(floor {ms(pages_count * max(latency, SLOW_CONSUMER))}).",
        "",
    )

    # The fakes themselves: their per-request work runs in this process.
    fake_rows: list[list[str]] = []
    # Truemed only: Goodstack's walk is chained by its cursors either way.
    for vendor, fake_cls, client_cls in (("Truemed", FakeTruemed, TruemedClient),):
        fake: FakeTruemed | FakeGoodstack = fake_cls(seed=0, count=items)
        fake.faults.latency = latency
        make = partial(client_cls, api_key=fake.api_key, transport=fake.transport)
        levels_here = (1, 8)
        contenders = {str(n): export_time(sync_export(make, n), items) for n in levels_here}
        times = median_times(contenders, settings.latency_runs)
        per_request = _fake_request_cost(fake)
        for n in levels_here:
            physical = (
                math.ceil(pages_count / n) if vendor == "Truemed" else pages_count
            ) * latency
            fake_rows.append(
                [
                    f"{vendor} sync (fake)",
                    "sequential" if n == 1 else f"concurrency={n}",
                    ms(times[str(n)]),
                    f"{times['1'] / times[str(n)]:.2f}x",
                    f"{times[str(n)] / physical:.2f}x",
                    f"{per_request * 1e3:.1f} ms",
                ]
            )
    report.add(
        "The Truemed export through the fake's own transport (`FakeTruemed(seed=0, count="
        f"{items})` with `faults.latency = {latency}`). The fake filters, sorts and encodes "
        "its records for every request, in this process and under its lock, so that server "
        "work competes with the client for the interpreter; the last column is its cost per "
        "request, measured alone.",
        "",
    )
    report.table(
        ["client", "mode", "wall time", "speed-up", "÷ floor", "fake's work per request"],
        fake_rows,
    )
    return found


def _baselines(
    report: Report, settings: Settings, transport: Callable[[], PageTransport]
) -> dict[str, float]:
    """Ours at concurrency=8 beside walks without this package, interleaved in one run."""
    n = 8
    items = settings.latency_pages * PAGE_SIZE
    floor = math.ceil(settings.latency_pages / n) * settings.latency
    found: dict[str, float] = {}
    rows: list[list[str]] = []
    for mode in ("sync", "async"):
        contenders: dict[str, Callable[[], int]]
        if mode == "sync":
            contenders = {
                parsing: partial(sync_baseline, transport(), n, parsing) for parsing in PARSINGS
            }
            contenders["ours"] = sync_export(
                lambda: TruemedClient(api_key=KEY, transport=transport()), n
            )
        else:
            contenders = {parsing: async_baseline(transport(), n, parsing) for parsing in PARSINGS}
            contenders["ours"] = async_export(
                lambda: AsyncTruemedClient(api_key=KEY, transport=transport()), n
            )
        rounds = timed_rounds(
            {name: export_time(run, items) for name, run in contenders.items()},
            settings.latency_runs,
            warm_up=True,
        )
        times = {name: statistics.median(values) for name, values in rounds.items()}
        report.target(
            Target(
                f"`concurrency=8` ÷ hand-written concurrent walk, same parsing, {mode}",
                api="Truemed",
                value=paired_ratio(rounds, "ours", "typed"),
                limit=BASELINE_RATIO,
                note=f"{ms(times['ours'])} vs {ms(times['typed'])}",
            )
        )
        for name, label in (
            ("raw", "raw httpx2 + `json.loads`"),
            ("generated", "raw httpx2 + `json.loads` + generated `from_dict`"),
            ("typed", "raw httpx2 + this package's page decoder (parses as ours does)"),
            ("ours", "this package, `list(concurrency=8)`"),
        ):
            found[f"Truemed {mode} 8 {name}"] = times[name]
            rows.append(
                [
                    f"Truemed {mode}",
                    label,
                    ms(times[name]),
                    f"{times[name] / floor:.2f}x",
                    f"{paired_ratio(rounds, 'ours', name):.2f}x",
                ]
            )
    report.add(
        f"The same export at concurrency={n} beside walks without this package, measured in "
        "the same runs (interleaved): every page after the first requested at once on "
        f"{n} threads (sync) or {n} tasks (async), by hand, each page read in its thread or "
        "task. The third reads pages with the decoder this package uses (msgspec straight into "
        "the same generated models), so it parses exactly as ours does; target: ours within "
        f"{BASELINE_RATIO}x of it, sync and async. The floor above counts the latency "
        "alone, as if parsing cost nothing; these show what the interpreter allows on this "
        "machine. Under the GIL pages are parsed one at a time, so once parsing N pages takes "
        "longer than one request's latency, a walk waits for the CPU, not for the network.",
        "",
    )
    report.table(["client", "walk", "wall time", "÷ floor", "ours ÷ this"], rows)
    return found


def _fake_request_cost(fake: FakeTruemed | FakeGoodstack) -> float:
    latency = fake.faults.latency
    fake.faults.latency = 0.0
    if isinstance(fake, FakeTruemed):
        url = f"{TRUEMED_URL}{TRUEMED_PATH}?page=2&page_size={PAGE_SIZE}"
        headers = {"x-truemed-api-key": fake.api_key}
    else:
        url = f"{GOODSTACK_URL}{GOODSTACK_PATH}?pageSize={PAGE_SIZE}"
        headers = {"Authorization": fake.api_key}
    transport = fake.transport
    request = httpx2.Request("GET", url, headers=headers)
    timed = median_times({"fake": lambda: transport.handle_request(request)}, 21)
    fake.faults.latency = latency
    return timed["fake"]
