"""Benchmarks of the clients against raw httpx2 and the plain generated clients.

`nox -s bench` runs this module (`python -m benchmarks.bench`); it prints the tables and
writes them to benchmarks/results.md. Each part lives in its own module beside this one.

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

from benchmarks.config import RESULTS, Settings
from benchmarks.latency import part_latency
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
