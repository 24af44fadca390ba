"""Timing, profiling and memory tracing, each as a median over interleaved runs."""

from __future__ import annotations

import asyncio
import cProfile
import gc
import json
import pstats
import statistics
import time
import tracemalloc
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from eligibility_clients import (
    AsyncGoodstackClient,
    AsyncTruemedClient,
    GoodstackClient,
    TruemedClient,
)

from benchmarks.config import PAGE_SIZE


def timed_rounds(
    contenders: Mapping[str, Callable[[], object]], runs: int, *, warm_up: bool = False
) -> dict[str, list[float]]:
    """Wall times of each contender over `runs` interleaved rounds, round by round.

    Every other round runs the contenders in reverse order, so that none always follows the
    same neighbour (whose garbage it would collect) or always runs first. With `warm_up`, one
    untimed round first, so that no contender pays alone for what the first walk of a process
    builds (the page decoders, imports, caches).
    """
    times: dict[str, list[float]] = {name: [] for name in contenders}
    if warm_up:
        for run in contenders.values():
            run()
    order = list(contenders.items())
    for round_number in range(runs):
        for name, run in order if round_number % 2 == 0 else reversed(order):
            gc.collect()
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return times


def median_times(
    contenders: Mapping[str, Callable[[], object]], runs: int, *, warm_up: bool = False
) -> dict[str, float]:
    """Median wall time of each contender over `runs` interleaved rounds (`timed_rounds`)."""
    rounds = timed_rounds(contenders, runs, warm_up=warm_up)
    return {name: statistics.median(values) for name, values in rounds.items()}


def paired_ratio(rounds: Mapping[str, list[float]], numerator: str, denominator: str) -> float:
    """The median over rounds of `numerator`'s time over `denominator`'s in the same round.

    Two walks of one round ran seconds apart, so a neighbour's load that comes and goes
    between rounds hits both alike; the median of these ratios moves less with it than a
    ratio of two medians does.
    """
    return statistics.median(
        mine / theirs for mine, theirs in zip(rounds[numerator], rounds[denominator], strict=True)
    )


@dataclass(frozen=True)
class Breakdown:
    """Seconds per item of each part of our walk, measured separately and subtracted."""

    transport: float  # httpx2 request/response machinery: the floor less json.loads
    json: float
    models: float  # the generated from_dict of the envelope and its items
    ours: float  # everything else: our walk, parse checks, auth, retries, logging


def breakdown(
    pages: Iterable[bytes],
    model: Callable[[dict[str, Any]], object],
    floor: float,
    ours: float,
    items: int,
    runs: int,
) -> Breakdown:
    """Split our per-item time into httpx2, json, the generated models, and our layer.

    Page by page and nothing kept, as in a walk: holding every decoded page at once would
    also time the garbage collector crawling through them.
    """
    bodies = list(pages)
    json_runs: list[float] = []
    model_runs: list[float] = []
    for _ in range(runs):
        gc.collect()
        json_time = model_time = 0.0
        for body in bodies:
            start = time.perf_counter()
            decoded = json.loads(body)
            parsed = time.perf_counter()
            model(decoded)
            json_time += parsed - start
            model_time += time.perf_counter() - parsed
        json_runs.append(json_time)
        model_runs.append(model_time)
    json_median, model_median = statistics.median(json_runs), statistics.median(model_runs)
    return Breakdown(
        transport=(floor - json_median) / items,
        json=json_median / items,
        models=model_median / items,
        ours=(ours - floor - model_median) / items,
    )


def profile_top(run: Callable[[], object], limit: int = 8) -> list[tuple[str, float]]:
    """The functions with the most own time in `run`, as (name, share of the total)."""
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows: list[tuple[str, float]] = []
    entries: dict[tuple[str, int, str], tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in entries.values())
    for (filename, line, name), entry in sorted(entries.items(), key=lambda kv: -kv[1][2]):
        where = _short_path(filename)
        rows.append((f"{where}:{line} {name}" if line else name, entry[2] / total))
        if len(rows) == limit:
            break
    return rows


def _short_path(filename: str) -> str:
    for marker in ("generated/", "overlay/", "site-packages/", "lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def export_time(run: Callable[[], int], expected: int) -> Callable[[], int]:
    """`run`, checked to walk `expected` items, for `median_times`."""

    def checked() -> int:
        count = run()
        if count != expected:
            raise RuntimeError(f"walked {count} items, expected {expected}")
        return count

    return checked


def sync_export(
    make: Callable[[], TruemedClient | GoodstackClient],
    concurrency: int,
    per_page_work: float = 0.0,
    page_size: int = PAGE_SIZE,
) -> Callable[[], int]:
    """A full walk of a fresh sync client's list() with `concurrency`."""

    def run() -> int:
        with make() as client:
            if isinstance(client, TruemedClient):
                items: Iterable[object] = client.qualification_sessions.list(
                    page_size=page_size, concurrency=concurrency
                )
            else:
                items = client.eligibility_subscriptions.list(
                    page_size=page_size, concurrency=concurrency
                )
            count = 0
            for _item in items:
                count += 1
                if per_page_work and count % page_size == 0:
                    time.sleep(per_page_work)  # stands in for the caller's work on a page
            return count

    return run


def async_export(
    make: Callable[[], AsyncTruemedClient | AsyncGoodstackClient], concurrency: int
) -> Callable[[], int]:
    """A full walk of a fresh async client's list() with `concurrency`, on a new loop."""

    async def walk() -> int:
        async with make() as client:
            count = 0
            if isinstance(client, AsyncTruemedClient):
                paginator: Any = client.qualification_sessions.list(
                    page_size=PAGE_SIZE, concurrency=concurrency
                )
            else:
                paginator = client.eligibility_subscriptions.list(
                    page_size=PAGE_SIZE, concurrency=concurrency
                )
            async for _item in paginator:
                count += 1
            return count

    return lambda: asyncio.run(walk())


def peak_memory(walk: Callable[[], int], runs: int) -> int:
    """The highest peak of traced memory (bytes) over `runs` runs of `walk`.

    The highest, not the median: a concurrent walk's peak is reached only when the id record
    is near full while pages are in flight, which one run may or may not catch; the highest of
    a few runs is the memory a caller must allow for.
    """
    peaks: list[int] = []
    for _ in range(runs):
        gc.collect()
        tracemalloc.start()
        try:
            walk()
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    return max(peaks)


def traced_size(build: Callable[[], object], *, peak: bool = False) -> int:
    """Bytes `build()`'s result holds, or with `peak` the most held while building it."""
    gc.collect()
    tracemalloc.start()
    try:
        kept = build()
        current, highest = tracemalloc.get_traced_memory()
        del kept
    finally:
        tracemalloc.stop()
    return highest if peak else current
