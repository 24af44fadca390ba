"""What the benchmarks measure and against which URLs: sizes, latency, and run settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAGE_SIZE = 100
OVERHEAD_ITEMS = 10_000
LATENCY = 0.025
LATENCY_PAGES = 100
CONCURRENCY = (4, 8, 16)
# The shorter walk fills the id record (up to 10,000 ids, twice REMEMBERED_IDS) more than once:
# a 10,000-item walk filled it only on its last page, as its prefetched pages drained, so its
# concurrent peak hung on thread timing (on 0.7.0's own code the ratio ranged 1.03x to 1.36x
# over four single runs). `memory_runs` takes the highest of several runs for the same reason.
MEMORY_ITEMS = (20_000, 100_000)
LONG_WALK_PAGES = (1_000, 16_000)
LONG_WALK_PAGE_SIZE = 5
# Goodstack's window is one page whatever its concurrency, so one mode shows it.
MEMORY_CASES = (("Truemed", 1), ("Truemed", 8), ("Goodstack", 8))
SLOW_CONSUMER = 0.020  # seconds of loop-body work per page in the Goodstack prefetch demo

TRUEMED_URL = "https://api.truemed.com"
TRUEMED_PATH = "/api/v1/qualification_sessions"
GOODSTACK_URL = "https://api.goodstack.io"
GOODSTACK_PATH = "/v1/eligibility-subscriptions"
KEY = "bench-key"
RESULTS = Path(__file__).resolve().parent / "results.md"
PERFORMANCE_TABLE = Path(__file__).resolve().parent / "performance-table.md"
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Settings:
    """What to run; `--quick` shrinks everything to check that the script works."""

    overhead_items: int = OVERHEAD_ITEMS
    overhead_runs: int = 21
    latency: float = LATENCY
    latency_pages: int = LATENCY_PAGES
    latency_runs: int = 3
    long_walk_pages: tuple[int, int] = LONG_WALK_PAGES
    long_walk_page_size: int = LONG_WALK_PAGE_SIZE
    long_walk_runs: int = 5
    memory_items: tuple[int, ...] = MEMORY_ITEMS
    memory_runs: int = 3
