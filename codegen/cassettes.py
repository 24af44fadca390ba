"""Re-record the cassettes, from the fakes or (`--live`) from the vendors' sandboxes.

    python -m codegen.cassettes [--live] [VENDOR ...]      # nox -s record -- ...

Live recording needs `TRUEMED_API_KEY` / `GOODSTACK_API_KEY`. Afterwards the cassettes are
replayed offline and checked for keys (tests/test_cassette_hygiene.py) and against the specs
(drift check 2); a cassette no test wrote this time is removed, and `sources.json` says where
each vendor's cassettes came from.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from codegen.drift.upstream.model import VENDORS
from codegen.paths import ROOT
from codegen.running import StepFailed, run, step_main

CASSETTES = ROOT / "tests/cassettes"
SOURCES = CASSETTES / "sources.json"


def key_variable(vendor: str) -> str:
    """The environment variable holding `vendor`'s sandbox key."""
    return f"{vendor.upper()}_API_KEY"


def missing_keys(vendors: Iterable[str], environ: Mapping[str, str]) -> list[str]:
    """The key variables a live recording of `vendors` needs and `environ` lacks."""
    return [key_variable(v) for v in vendors if not environ.get(key_variable(v))]


def stale_cassettes(folder: Path, started: float) -> list[Path]:
    """Cassettes in `folder` not written since `started`: their test was renamed or deleted."""
    return sorted(path for path in folder.glob("*.yaml") if path.stat().st_mtime < started)


def updated_sources(
    sources: Mapping[str, Any], vendors: Iterable[str], *, live: bool, today: date
) -> dict[str, Any]:
    """`sources.json`'s content once `vendors` were recorded (live: from the sandbox)."""
    updated = dict(sources)
    for vendor in vendors:
        updated[vendor] = (
            {"source": "sandbox", "environment": "sandbox", "recorded_on": str(today)}
            if live
            else {"source": "fakes", "environment": "production"}
        )
    return updated


def record(vendors: Sequence[str], *, live: bool) -> None:
    """Record, prune, note the sources, replay and check: the whole step."""
    modules = [f"tests/test_{vendor}_cassettes.py" for vendor in vendors]
    started = time.time()
    source = {"RECORD_SOURCE": "live" if live else "fakes"}
    run([sys.executable, "-m", "pytest", *modules, "--record-mode=rewrite"], cwd=ROOT, env=source)
    for vendor in vendors:
        for stale in stale_cassettes(CASSETTES / f"test_{vendor}_cassettes", started):
            print(f"removing stale cassette {stale.relative_to(ROOT)}")
            stale.unlink()
    sources = json.loads(SOURCES.read_text(encoding="utf-8"))
    sources = updated_sources(sources, vendors, live=live, today=date.today())
    SOURCES.write_text(json.dumps(sources, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    replay = [sys.executable, "-m", "pytest", *modules, "tests/test_cassette_hygiene.py"]
    run(replay, cwd=ROOT, env={"RECORD_SOURCE": ""})
    run([sys.executable, "-m", "codegen.drift.traffic"], cwd=ROOT)


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Command-line entry point: 0 once the new cassettes replay and fit the specs."""
    parser = argparse.ArgumentParser(prog="python -m codegen.cassettes", description=__doc__)
    parser.add_argument("--live", action="store_true", help="record from the vendors' sandboxes")
    parser.add_argument("vendors", nargs="*", metavar="VENDOR", help=f"one of {VENDORS}")
    args = parser.parse_args(argv)
    vendors: list[str] = args.vendors or list(VENDORS)
    unknown = sorted(set(vendors) - set(VENDORS))
    if unknown:
        parser.error(f"unknown vendor(s) {unknown}; choose from {VENDORS}")

    def body() -> None:
        if args.live:
            missing = missing_keys(vendors, os.environ if environ is None else environ)
            if missing:
                raise StepFailed(f"--live needs {', '.join(missing)} in the environment")
        record(vendors, live=args.live)

    return step_main("record", body)


if __name__ == "__main__":
    sys.exit(main())
