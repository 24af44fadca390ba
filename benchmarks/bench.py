"""Benchmarks of the clients against raw httpx2 and the plain generated clients.

`nox -s bench` runs this file; it prints the tables and writes them to benchmarks/results.md.

1. Client overhead: walk every item through an in-process transport that serves page bytes
   rendered beforehand, with no network and no latency; compare with a hand-written raw
   `httpx2` + `json.loads` loop (the floor) and with the generated client walked by hand.
2. Export wall time: 100 pages with 50 ms per request, sequential and concurrent, sync and
   async. The headline serves pages the fakes rendered beforehand, so, as with a remote API,
   no server work runs in this process; a second table runs the fakes themselves.
3. Memory: peak traced memory while walking 10,000 and 100,000 items.

Every figure is the median of several runs, and the contenders of a table run interleaved
(one run of each, then again) so that a noisy neighbour hits them all alike.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import datetime as dt
import gc
import importlib
import json
import math
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx2
from eligibility_clients import (
    AsyncGoodstackClient,
    AsyncTruemedClient,
    GoodstackClient,
    TruemedClient,
    __version__,
    _pagination,
)
from eligibility_clients.testing import FakeGoodstack, FakeTruemed
from eligibility_clients_goodstack import Client as GeneratedGoodstack
from eligibility_clients_goodstack.api.eligibility_subscriptions import (
    list_eligibility_subscriptions,
)
from eligibility_clients_goodstack.models import EligibilitySubscriptionList, PageLinks
from eligibility_clients_goodstack.types import UNSET, Unset
from eligibility_clients_truemed import Client as GeneratedTruemed
from eligibility_clients_truemed.api.qualification_sessions import list_qualification_sessions
from eligibility_clients_truemed.models import Pagination, QualificationSessionList

PAGE_SIZE = 100
OVERHEAD_ITEMS = 10_000
LATENCY = 0.050
LATENCY_PAGES = 100
CONCURRENCY = (4, 8, 16)
MEMORY_ITEMS = (10_000, 100_000)
# Goodstack's window is one page whatever its concurrency, so one mode shows it.
MEMORY_CASES = (("Truemed", 1), ("Truemed", 8), ("Goodstack", 8))
SLOW_CONSUMER = 0.020  # seconds of loop-body work per page in the Goodstack prefetch demo

TRUEMED_URL = "https://api.truemed.com"
TRUEMED_PATH = "/api/v1/qualification_sessions"
GOODSTACK_URL = "https://api.goodstack.io"
GOODSTACK_PATH = "/v1/eligibility-subscriptions"
KEY = "bench-key"
RESULTS = Path(__file__).resolve().parent / "results.md"
ROOT = Path(__file__).resolve().parent.parent


# --- serving pages --------------------------------------------------------------------------


class PageTransport(httpx2.BaseTransport, httpx2.AsyncBaseTransport):
    """Answers each request with page bytes looked up by `key(request)`, after `latency`.

    The latency is slept in the calling thread (sync) or awaited (async), so concurrent
    requests overlap as they would on a network.
    """

    def __init__(
        self,
        pages: Callable[[str], bytes],
        key: Callable[[httpx2.Request], str],
        latency: float = 0.0,
    ) -> None:
        self._pages = pages
        self._key = key
        self.latency = latency

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        """Serve a sync client."""
        if self.latency:
            time.sleep(self.latency)
        return self._respond(request)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        """Serve an async client."""
        if self.latency:
            await asyncio.sleep(self.latency)
        return self._respond(request)

    def _respond(self, request: httpx2.Request) -> httpx2.Response:
        content = self._pages(self._key(request))
        return httpx2.Response(200, headers={"Content-Type": "application/json"}, content=content)


def truemed_key(request: httpx2.Request) -> str:
    """Truemed pages are found by their number."""
    return str(request.url.params["page"])


def goodstack_key(request: httpx2.Request) -> str:
    """Goodstack pages are found by cursor; the first page has none."""
    return str(request.url.params.get("cursor", ""))


def cursor_of(link: str | None) -> str | None:
    """The cursor a Goodstack next link carries, or None on the last page."""
    if not link:
        return None
    return parse_qs(urlsplit(link).query)["cursor"][0]


def plain_transport(fake: FakeTruemed | FakeGoodstack) -> httpx2.MockTransport:
    """The fake's transport as an httpx2 class, for the plain httpx2 client that renders pages."""
    transport = fake.transport

    def answer(request: httpx2.Request) -> httpx2.Response:
        response = transport.handle_request(request)
        if not isinstance(response, httpx2.Response):
            raise TypeError(f"the fake answered with {type(response).__name__}")
        return response

    return httpx2.MockTransport(answer)


def render_truemed(count: int) -> dict[str, bytes]:
    """Every page of a FakeTruemed holding `count` sessions, as the fake serves them."""
    fake = FakeTruemed(seed=0, count=count)
    client = httpx2.Client(base_url=TRUEMED_URL, transport=plain_transport(fake))
    client.headers["x-truemed-api-key"] = fake.api_key
    pages: dict[str, bytes] = {}
    for number in range(1, math.ceil(count / PAGE_SIZE) + 1):
        params = {"page": number, "page_size": PAGE_SIZE}
        pages[str(number)] = client.get(TRUEMED_PATH, params=params).raise_for_status().content
    return pages


def render_goodstack(count: int) -> dict[str, bytes]:
    """Every page of a FakeGoodstack holding `count` subscriptions, keyed by cursor."""
    fake = FakeGoodstack(seed=0, count=count)
    client = httpx2.Client(base_url=GOODSTACK_URL, transport=plain_transport(fake))
    client.headers["Authorization"] = fake.api_key
    pages: dict[str, bytes] = {}
    cursor: str | None = ""
    while cursor is not None:
        params: dict[str, Any] = {"pageSize": PAGE_SIZE}
        if cursor:
            params["cursor"] = cursor
        content = client.get(GOODSTACK_PATH, params=params).raise_for_status().content
        pages[cursor] = content
        cursor = cursor_of(json.loads(content)["_links"].get("next"))
    return pages


class TemplatePages:
    """Pages made on request from one page the fake rendered, each with its own ids.

    For walks too long to render beforehand: each request builds its page's bytes, as a
    network read would allocate them, and nothing is kept.
    """

    def __init__(self, vendor: str, count: int) -> None:
        self.vendor = vendor
        self.count = count
        self.pages = math.ceil(count / PAGE_SIZE)
        first = render_truemed(PAGE_SIZE) if vendor == "truemed" else render_goodstack(PAGE_SIZE)
        self._body: dict[str, Any] = json.loads(next(iter(first.values())))
        # One body is rewritten per request; concurrent walks ask from several threads.
        self._lock = threading.Lock()

    def item_ids(self, page: int) -> list[str]:
        """The ids of page `page` (from 1), as served."""
        prefix = "qs_bench" if self.vendor == "truemed" else "eligibilitysubscription_bench"
        return [f"{prefix}{page:07d}{index:03d}" for index in range(PAGE_SIZE)]

    def __call__(self, key: str) -> bytes:
        """The bytes of the page `key` names (a page number, or a cursor `p<number>`)."""
        with self._lock:
            return self._render(key)

    def _render(self, key: str) -> bytes:
        body = self._body
        if self.vendor == "truemed":
            page = int(key)
            records = body["qualification_sessions"]
            for record, item_id in zip(records, self.item_ids(page), strict=True):
                record["qualification_session_id"] = item_id
            body["pagination"] = {
                "current_page": page,
                "page_size": PAGE_SIZE,
                "count": self.count,
                "last_page": self.pages,
            }
        else:
            page = int(key[1:]) if key else 1
            for record, item_id in zip(body["data"], self.item_ids(page), strict=True):
                record["id"] = item_id
            more = page < self.pages
            body["_links"] = {"next": f"{GOODSTACK_URL}{GOODSTACK_PATH}?cursor=p{page + 1}"}
            if not more:
                body["_links"] = {"next": None}
        return json.dumps(body, separators=(",", ":")).encode()


# --- the walkers of part 1 ------------------------------------------------------------------


def floor_truemed(transport: httpx2.BaseTransport) -> int:
    """Raw httpx2 and json.loads, walking Truemed's page numbers by hand."""
    count = 0
    with httpx2.Client(base_url=TRUEMED_URL, transport=transport) as client:
        client.headers["x-truemed-api-key"] = KEY
        page = 1
        while True:
            params = {"page": page, "page_size": PAGE_SIZE}
            body = json.loads(client.get(TRUEMED_PATH, params=params).content)
            for _session in body["qualification_sessions"]:
                count += 1
            if page >= body["pagination"]["last_page"]:
                return count
            page += 1


def generated_truemed(transport: httpx2.BaseTransport) -> int:
    """The generated client, walked by hand as a user without the overlay would."""
    client = GeneratedTruemed(
        base_url=TRUEMED_URL,
        headers={"x-truemed-api-key": KEY},
        httpx_args={"transport": transport},
    )
    count = 0
    page = 1
    with client:
        while True:
            parsed = list_qualification_sessions.sync(client=client, page=page, page_size=PAGE_SIZE)
            if not isinstance(parsed, QualificationSessionList):
                raise RuntimeError(f"unexpected answer {parsed!r}")
            for _session in parsed.qualification_sessions:
                count += 1
            pagination = parsed.pagination
            last_page = pagination.last_page if isinstance(pagination, Pagination) else None
            if not isinstance(last_page, int) or page >= last_page:
                return count
            page += 1


def ours_truemed(transport: httpx2.BaseTransport) -> int:
    """This package: iterate `list()`."""
    with TruemedClient(api_key=KEY, transport=transport) as client:
        count = 0
        for _session in client.qualification_sessions.list(page_size=PAGE_SIZE):
            count += 1
        return count


def floor_goodstack(transport: httpx2.BaseTransport) -> int:
    """Raw httpx2 and json.loads, following Goodstack's cursors by hand."""
    count = 0
    with httpx2.Client(base_url=GOODSTACK_URL, transport=transport) as client:
        client.headers["Authorization"] = KEY
        params: dict[str, Any] = {"pageSize": PAGE_SIZE}
        while True:
            body = json.loads(client.get(GOODSTACK_PATH, params=params).content)
            for _subscription in body["data"]:
                count += 1
            cursor = cursor_of(body["_links"].get("next"))
            if cursor is None:
                return count
            params = {"pageSize": PAGE_SIZE, "cursor": cursor}


def generated_goodstack(transport: httpx2.BaseTransport) -> int:
    """The generated client, following the cursors by hand."""
    client = GeneratedGoodstack(
        base_url=GOODSTACK_URL,
        headers={"Authorization": KEY},
        httpx_args={"transport": transport},
    )
    count = 0
    cursor: str | Unset = UNSET
    with client:
        while True:
            parsed = list_eligibility_subscriptions.sync(
                client=client, page_size=PAGE_SIZE, cursor=cursor
            )
            if not isinstance(parsed, EligibilitySubscriptionList):
                raise RuntimeError(f"unexpected answer {parsed!r}")
            for _subscription in parsed.data:
                count += 1
            links = parsed.field_links
            link = links.next_ if isinstance(links, PageLinks) else None
            next_cursor = cursor_of(link if isinstance(link, str) else None)
            if next_cursor is None:
                return count
            cursor = next_cursor


def ours_goodstack(transport: httpx2.BaseTransport) -> int:
    """This package: iterate `list()`."""
    with GoodstackClient(api_key=KEY, transport=transport) as client:
        count = 0
        for _subscription in client.eligibility_subscriptions.list(page_size=PAGE_SIZE):
            count += 1
        return count


# --- measuring ------------------------------------------------------------------------------


def median_times(contenders: Mapping[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Median wall time of each contender over `runs` interleaved rounds."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(runs):
        for name, run in contenders.items():
            gc.collect()
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


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
) -> Callable[[], int]:
    """A full walk of a fresh sync client's list() with `concurrency`."""

    def run() -> int:
        with make() as client:
            if isinstance(client, TruemedClient):
                items: Iterable[object] = client.qualification_sessions.list(
                    page_size=PAGE_SIZE, concurrency=concurrency
                )
            else:
                items = client.eligibility_subscriptions.list(
                    page_size=PAGE_SIZE, concurrency=concurrency
                )
            count = 0
            for _item in items:
                count += 1
                if per_page_work and count % PAGE_SIZE == 0:
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
    """Median over `runs` of the peak traced memory (bytes) while `walk` runs."""
    peaks: list[int] = []
    for _ in range(runs):
        gc.collect()
        tracemalloc.start()
        try:
            walk()
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    return int(statistics.median(peaks))


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


# --- the report ------------------------------------------------------------------------------


class Report:
    """Collects Markdown for results.md and echoes it to stdout as it goes."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        """Append lines (and print them)."""
        for line in lines:
            print(line, flush=True)
            self.lines.append(line)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        """Append a Markdown table."""
        self.add(
            "| " + " | ".join(header) + " |",
            "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|",
            *("| " + " | ".join(row) + " |" for row in rows),
            "",
        )

    def text(self) -> str:
        """The whole report."""
        return "\n".join(self.lines) + "\n"


def us(seconds: float) -> str:
    """Seconds as microseconds."""
    return f"{seconds * 1e6:.2f} µs"


def ms(seconds: float) -> str:
    """Seconds as milliseconds."""
    return f"{seconds * 1e3:,.0f} ms"


def mib(size: float) -> str:
    """Bytes as MiB."""
    return f"{size / 2**20:.2f} MiB"


def verdict(ok: bool) -> str:
    """A target's outcome."""
    return "met" if ok else "**missed**"


@dataclass
class Settings:
    """What to run; `--quick` shrinks everything to check that the script works."""

    overhead_items: int = OVERHEAD_ITEMS
    overhead_runs: int = 21
    latency: float = LATENCY
    latency_pages: int = LATENCY_PAGES
    latency_runs: int = 3
    memory_items: tuple[int, ...] = MEMORY_ITEMS
    memory_runs: int = 5


def upstream_models() -> dict[str, Callable[[dict[str, Any]], object]]:
    """The list models generated from the same specs with the generator's own templates.

    Our `codegen/templates/` change how `from_dict` is written; this is the baseline they
    are measured against, generated in this run under other package names (and without the
    ruff post hook: formatting does not change what runs). Empty when openapi-python-client
    is not installed.
    """
    sys.path.insert(0, str(ROOT))
    # Imported here: the script runs from benchmarks/, so the checkout joins the path first.
    from codegen import regenerate

    list_models = {
        "eligibility_clients_truemed": ("Truemed", "QualificationSessionList"),
        "eligibility_clients_goodstack": ("Goodstack", "EligibilitySubscriptionList"),
    }
    found: dict[str, Callable[[dict[str, Any]], object]] = {}
    with tempfile.TemporaryDirectory(prefix="eligibility-bench-upstream-") as tmp:
        workdir = Path(tmp)
        for target in regenerate.TARGETS:
            package = f"upstream_{target.package}"
            config = workdir / f"{package}.yaml"
            config.write_text(
                f"project_name_override: {package.replace('_', '-')}\n"
                f"package_name_override: {package}\npost_hooks: []\n",
                encoding="utf-8",
            )
            command = regenerate.generator_command(
                target.spec, config, workdir / package, templates=None
            )
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                print(f"no upstream-template baseline: {result.stderr[-300:]}", file=sys.stderr)
                return {}
        sys.path.insert(0, tmp)
        try:
            for target in regenerate.TARGETS:
                vendor, model = list_models[target.package]
                module = importlib.import_module(f"upstream_{target.package}.models")
                found[vendor] = getattr(module, model).from_dict
        finally:
            # Importing the models package imported every model, so nothing more is read.
            sys.path.remove(tmp)
    return found


def part_overhead(report: Report, settings: Settings) -> dict[str, float]:
    """Part 1: items per second against the floor and the generated client."""
    items = settings.overhead_items
    report.add(
        "## 1. Client overhead",
        "",
        f"{items:,} items, {PAGE_SIZE} per page, served from page bytes the fakes rendered "
        "beforehand by an in-process transport: no network, no latency. Floor: raw `httpx2` + "
        "`json.loads` over the same transport, walked by hand. Generated: the plain generated "
        f"client walked by hand. Median of {settings.overhead_runs} interleaved runs.",
        "",
    )
    found: dict[str, float] = {}
    tops: dict[str, list[tuple[str, float]]] = {}
    rows: list[list[str]] = []
    parts: list[list[str]] = []
    template_rows: list[list[str]] = []
    upstream = upstream_models()
    for vendor, render, walkers, key, model in (
        (
            "Truemed",
            render_truemed,
            (floor_truemed, generated_truemed, ours_truemed),
            truemed_key,
            QualificationSessionList.from_dict,
        ),
        (
            "Goodstack",
            render_goodstack,
            (floor_goodstack, generated_goodstack, ours_goodstack),
            goodstack_key,
            EligibilitySubscriptionList.from_dict,
        ),
    ):
        pages = render(items)
        transport = PageTransport(pages.__getitem__, key)
        floor, generated, ours = walkers
        contenders = {
            "floor": export_time(partial(floor, transport), items),
            "generated": export_time(partial(generated, transport), items),
            "ours": export_time(partial(ours, transport), items),
        }
        times = median_times(contenders, settings.overhead_runs)
        ratio_floor = times["ours"] / times["floor"]
        over_generated = times["ours"] / times["generated"] - 1
        found[f"{vendor} ratio to floor"] = ratio_floor
        found[f"{vendor} over generated"] = over_generated
        rows.append(
            [
                vendor,
                f"{items / times['floor']:,.0f}",
                f"{items / times['generated']:,.0f}",
                f"{items / times['ours']:,.0f}",
                f"{times['generated'] / times['floor']:.2f}x",
                f"{ratio_floor:.2f}x",
                f"{over_generated:+.1%}",
            ]
        )
        split = breakdown(
            pages.values(), model, times["floor"], times["ours"], items, settings.overhead_runs
        )
        total = times["ours"] / items
        parts.append(
            [
                vendor,
                f"{us(split.transport)} ({split.transport / total:.0%})",
                f"{us(split.json)} ({split.json / total:.0%})",
                f"{us(split.models)} ({split.models / total:.0%})",
                f"{us(split.ours)} ({split.ours / total:.0%})",
                us(total),
                f"{split.models / split.json:.1f}x",
            ]
        )
        tops[vendor] = profile_top(partial(ours, transport))
        if vendor in upstream:
            baseline = breakdown(
                pages.values(), upstream[vendor], times["floor"], times["ours"], items,
                settings.overhead_runs,
            )  # fmt: skip
            found[f"{vendor} template speed-up"] = baseline.models / split.models
            template_rows.append(
                [
                    vendor,
                    us(baseline.models),
                    us(split.models),
                    f"{baseline.models / split.models:.2f}x",
                    f"{(times['floor'] + baseline.models * items) / times['floor']:.2f}x",
                ]
            )
    report.table(
        [
            "API",
            "floor items/s",
            "generated items/s",
            "ours items/s",
            "generated ÷ floor",
            "ours ÷ floor (target ≤ 3.5x)",
            "ours vs generated (target ≤ +15%)",
        ],
        rows,
    )
    report.add(
        "Where our time goes, per item: each part measured on its own (json: `json.loads` of "
        "every page; models: the generated `from_dict` of every page; httpx2: the floor less "
        "json) and our layer as what is left of our walk.",
        "",
    )
    report.table(
        ["API", "httpx2", "json.loads", "generated models", "our layer", "total", "models ÷ json"],
        parts,
    )
    if template_rows:
        report.add(
            "The generated models with our two templates (`codegen/templates/`) against the "
            "same specs generated with openapi-python-client's own templates in this run: "
            "`from_dict` time per item over the same pages. The last column is what the "
            "upstream-template models alone would cost over the floor (floor plus their "
            "`from_dict` time), before any client code.",
            "",
        )
        report.table(
            [
                "API",
                "upstream templates",
                "our templates",
                "speed-up",
                "upstream-template models ÷ floor",
            ],
            template_rows,
        )
    else:
        report.add(
            "(openapi-python-client is not installed here, so the upstream-template baseline "
            "was not measured; `nox -s bench` installs it.)",
            "",
        )
    for vendor, top in tops.items():
        listed = ", ".join(f"`{name}` {share:.0%}" for name, share in top)
        report.add(
            f"cProfile, the functions with the most own time in our {vendor} walk: {listed}."
        )
        report.add("")
    tm_floor, tm_gen = found["Truemed ratio to floor"], found["Truemed over generated"]
    gs_floor, gs_gen = found["Goodstack ratio to floor"], found["Goodstack over generated"]
    report.add(
        f"Targets: ours ÷ floor ≤ 3.5x: Truemed {tm_floor:.2f}x ({verdict(tm_floor <= 3.5)}), "
        f"Goodstack {gs_floor:.2f}x ({verdict(gs_floor <= 3.5)}). Ours vs generated ≤ +15%: "
        f"Truemed {tm_gen:+.1%} ({verdict(tm_gen <= 0.15)}), Goodstack {gs_gen:+.1%} "
        f"({verdict(gs_gen <= 0.15)}).",
        "",
    )
    return found


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
        f"{settings.latency_runs} runs.",
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
        times = median_times(contenders, settings.latency_runs)
        sequential = times["1"]
        for n in levels:
            wall = times[str(n)]
            physical = (
                math.ceil(pages_count / n) if vendor == "Truemed" else pages_count
            ) * latency
            found[f"{vendor} {mode} {n}"] = wall
            found[f"{vendor} {mode} {n} floor ratio"] = wall / physical
            rows.append(
                [
                    f"{vendor} {mode}",
                    "sequential" if n == 1 else f"concurrency={n}",
                    ms(wall),
                    f"{sequential / wall:.2f}x",
                    ms(physical),
                    f"{wall / physical:.2f}x",
                ]
            )
    report.table(["client", "mode", "wall time", "speed-up", "floor", "÷ floor"], rows)

    outcomes = []
    for mode in ("sync", "async"):
        to_floor = found[f"Truemed {mode} 8 floor ratio"]
        speed_up = found[f"Truemed {mode} 1"] / found[f"Truemed {mode} 8"]
        ok = to_floor <= 1.3 and speed_up >= 6
        outcomes.append(f"{mode} {to_floor:.2f}x the floor, {speed_up:.2f}x faster ({verdict(ok)})")
    report.add(
        "Target: Truemed at concurrency=8 within 1.3x of the floor, i.e. at least 6x faster "
        "than sequential: " + "; ".join(outcomes) + ".",
        "",
    )

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


def part_memory(report: Report, settings: Settings) -> dict[str, float]:
    """Part 3: peak traced memory for short and long walks."""
    found: dict[str, float] = {}
    small, large = settings.memory_items[0], settings.memory_items[-1]
    report.add(
        "## 3. Memory",
        "",
        f"Peak memory traced by `tracemalloc` while walking the items ({PAGE_SIZE} per page, "
        "no latency) and dropping each; the client is built before tracing starts. Each "
        "request makes its page's bytes from a page the fake rendered, with ids of its own. "
        f"Median of {settings.memory_runs} runs. One page (its bytes plus its parsed "
        "models) is shown for scale. The walk remembers at least the last "
        f"{_pagination.REMEMBERED_IDS:,} ids it yielded (at most twice as many), so that no "
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
                bare[count] = peak_memory(walk, settings.memory_runs)
        ids_size = traced_size(partial(_remembered_ids, TemplatePages(vendor.lower(), large)))
        ratio = peaks[large] / peaks[small]
        bare_ratio = bare[large] / bare[small]
        found[f"{vendor} {concurrency} ratio"] = ratio
        found[f"{vendor} {concurrency} bare ratio"] = bare_ratio
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
            f"{sizes[-1]} ÷ {sizes[0]} (target ≤ 1.2x)",
            *(f"without the id record, {size}" for size in sizes),
            f"{sizes[-1]} ÷ {sizes[0]}",
            f"id record at {sizes[-1]}",
        ],
        rows,
    )
    return found


def _keep_all(self: _pagination.RecentIds[Any], items: list[Any]) -> list[Any]:
    return items


@contextlib.contextmanager
def without_id_record() -> Iterator[None]:
    """Switch off the walk's record of yielded ids, to tell its memory from the pages'.

    For attribution only: a walk without it can yield an item twice.
    """
    original = _pagination.RecentIds.unseen
    setattr(_pagination.RecentIds, "unseen", _keep_all)  # noqa: B010
    try:
        yield
    finally:
        setattr(_pagination.RecentIds, "unseen", original)  # noqa: B010


def _remembered_ids(pages: TemplatePages) -> _pagination.RecentIds[str]:
    """The walk's id record after every page of `pages`, built alone from the same ids."""
    recent: _pagination.RecentIds[str] = _pagination.RecentIds(str)
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


def environment() -> list[str]:
    """Where the numbers were measured."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return [
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC with eligibility-clients "
        f"{__version__}, Python {platform.python_version()} ({platform.machine()}), httpx2 "
        f"{httpx2.__version__}, {os.cpu_count()} CPUs, load average {load[0]:.2f} at the start.",
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; write the report unless `--no-write`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the report")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument(
        "--quick", action="store_true", help="tiny sizes and one run: checks the script works"
    )
    parser.add_argument(
        "--only", choices=("overhead", "latency", "memory"), action="append", help="parts to run"
    )
    args = parser.parse_args(argv)
    settings = Settings()
    if args.quick:
        settings = Settings(
            overhead_items=1_000,
            overhead_runs=1,
            latency=0.005,
            latency_pages=20,
            latency_runs=1,
            memory_items=(1_000, 3_000),
            memory_runs=1,
        )
    parts = args.only or ["overhead", "latency", "memory"]
    report = Report()
    report.add(
        "# Benchmark results",
        "",
        "Written by `nox -s bench` (benchmarks/bench.py); do not edit by hand.",
        "",
        *environment(),
    )
    started = time.perf_counter()
    if "overhead" in parts:
        part_overhead(report, settings)
    if "latency" in parts:
        part_latency(report, settings)
    if "memory" in parts:
        part_memory(report, settings)
    report.add(f"Total benchmark time {time.perf_counter() - started:.0f} s.")
    if not args.no_write:
        args.output.write_text(report.text(), encoding="utf-8")
        print(f"\nwrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
