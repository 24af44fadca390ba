"""Benchmarks of the clients against raw httpx2, the typed peers and the plain generated clients.

`nox -s bench` runs this module (`python -m benchmarks.bench`); it prints the tables and
writes them to benchmarks/results.md, opening with a summary of every target and whether this
run met it, and the same summary as a compact table for the docs to
benchmarks/performance-table.md. Each part lives in its own module beside this one.

1. Client overhead: walk every item through an in-process transport that serves page bytes
   rendered beforehand, with no network and no latency; compare with a hand-written raw
   `httpx2` + `json.loads` loop (the floor), the typed peers (pydantic v2, msgspec), the
   generated client walked by hand, and our own walk in strict mode.
2. Export wall time: 100 pages with 25 ms per request, sequential and concurrent, sync and
   async, beside hand-written concurrent walks that parse pages as ours do. The headline
   serves pages the fakes rendered beforehand, so, as with a remote API, no server work runs
   in this process; a second table runs the fakes themselves.
3. Long walks: the cost per page of a 16,000-page walk against a 1,000-page walk.
4. Memory: peak traced memory while walking 20,000 and 100,000 items.

Every timed figure is the median of several runs, and the contenders of a table run
interleaved (one run of each, then again) so that a noisy neighbour hits them all alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

import httpx2
from eligibility_clients import (
    __version__,
)

from benchmarks.config import PERFORMANCE_TABLE, RESULTS, Settings
from benchmarks.latency import part_latency
from benchmarks.longwalks import part_long_walks
from benchmarks.memory import part_memory
from benchmarks.overhead import part_overhead
from benchmarks.report import Report


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
    parser.add_argument(
        "--table",
        type=Path,
        default=PERFORMANCE_TABLE,
        help="where to write the summary as a table for the docs",
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument(
        "--quick", action="store_true", help="small sizes and few runs: checks the script works"
    )
    parser.add_argument("--only", choices=PARTS, action="append", help="parts to run")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.quick:
        settings = Settings(
            overhead_items=2_000,
            overhead_runs=5,
            latency_runs=1,
            long_walk_pages=(1_000, 4_000),
            long_walk_runs=1,
            memory_items=(10_000, 20_000),
            memory_runs=1,
        )
    parts = args.only or list(PARTS)
    report = Report()
    measured = environment()
    report.add(
        "# Benchmark results",
        "",
        "Written by `nox -s bench` (benchmarks/bench.py); do not edit by hand.",
        "",
        *measured,
    )
    if args.quick:
        report.add(
            "A `--quick` run: smaller sizes and fewer runs, to check the script works; its "
            "figures are not the targets' measurements.",
            "",
        )
    if args.only:
        left_out = ", ".join(part for part in PARTS if part not in parts)
        report.add(
            f"Only part(s) {', '.join(parts)} ran (`--only`); left out: {left_out}. This "
            "report is not complete.",
            "",
        )
    report.summary_here()
    started = time.perf_counter()
    for part in PARTS:
        if part in parts:
            PARTS[part](report, settings)
    report.add(f"Total benchmark time {time.perf_counter() - started:.0f} s.")
    print("", *report.summary(), sep="\n")
    table = performance_table(report, measured[0], quick=args.quick)
    print(table)
    if not args.no_write:
        args.output.write_text(report.text(), encoding="utf-8")
        args.table.write_text(table, encoding="utf-8")
        print(f"\nwrote {args.output} and {args.table}", file=sys.stderr)
    return 0


def performance_table(report: Report, measured: str, *, quick: bool) -> str:
    """The targets as a short Markdown section for the docs, with where they were measured."""
    run = (
        "a `--quick` run (smaller sizes, not the targets' measurements)"
        if quick
        else "`nox -s bench`"
    )
    return "\n".join(
        [
            f"Measured by {run} on {measured.removeprefix('Measured ')} Each figure is a "
            "ratio of two measurements "
            "taken in the same run; `benchmarks/results.md` has the tables behind them.",
            "",
            *report.performance_table(),
            "",
        ]
    )


PARTS = {
    "overhead": part_overhead,
    "latency": part_latency,
    "long": part_long_walks,
    "memory": part_memory,
}


if __name__ == "__main__":
    sys.exit(main())
