"""The Markdown report written to benchmarks/results.md, its targets, and its number formats."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """One figure the issue sets a bound on, as measured in this run."""

    measure: str  # what is measured, the same for both APIs (a row of the summary)
    api: str  # "Truemed", "Goodstack", or "" for what both APIs share
    value: float
    limit: float
    at_least: bool = False  # the value must reach the limit, not stay under it
    note: str = ""  # the figures the ratio comes from

    @property
    def met(self) -> bool:
        """Whether this run's figure is within the bound."""
        return self.value >= self.limit if self.at_least else self.value <= self.limit

    def bound(self) -> str:
        """The bound, as `≤ 1.1x`."""
        return f"{'≥' if self.at_least else '≤'} {self.limit:g}x"

    def figure(self) -> str:
        """The figure with its outcome, as `0.85x (met)`."""
        note = f", {self.note}" if self.note else ""
        return f"{self.value:.2f}x ({verdict(self.met)}{note})"


class Report:
    """Collects Markdown for results.md and echoes it to stdout as it goes.

    The summary of the targets is placed where `summary_here()` was called, once every part
    has run, so the written report opens with it.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.targets: list[Target] = []
        self._summary_at: int | None = None

    def add(self, *lines: str) -> None:
        """Append lines (and print them)."""
        for line in lines:
            print(line, flush=True)
            self.lines.append(line)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        """Append a Markdown table."""
        self.add(*markdown_table(header, rows), "")

    def target(self, target: Target) -> Target:
        """Record a target for the summary."""
        self.targets.append(target)
        return target

    def summary_here(self) -> None:
        """Mark where the summary goes in the written report."""
        self._summary_at = len(self.lines)

    def summary(self) -> list[str]:
        """The targets, one row per measure and API, with their outcomes."""
        if not self.targets:
            return []
        missed = sum(not target.met for target in self.targets)
        rows = [
            [target.measure, target.api or "both", target.figure(), target.bound()]
            for target in self.targets
        ]
        return [
            "## Summary",
            "",
            f"{len(self.targets) - missed} of {len(self.targets)} targets met in this run.",
            "",
            *markdown_table(["measure", "API", "this run", "target"], rows),
            "",
        ]

    def performance_table(self) -> list[str]:
        """The targets as one compact table per measure, Truemed and Goodstack side by side."""
        measures: dict[str, dict[str, Target]] = {}
        for target in self.targets:
            measures.setdefault(target.measure, {})[target.api] = target
        rows: list[list[str]] = []
        for measure, by_api in measures.items():
            if "" in by_api:
                shared = by_api[""].figure()
                rows.append([measure, shared, shared, by_api[""].bound()])
                continue
            bounds = {target.bound() for target in by_api.values()}
            rows.append(
                [
                    measure,
                    by_api["Truemed"].figure() if "Truemed" in by_api else "",
                    by_api["Goodstack"].figure() if "Goodstack" in by_api else "",
                    ", ".join(sorted(bounds)),
                ]
            )
        return markdown_table(["measure", "Truemed", "Goodstack", "target"], rows)

    def text(self) -> str:
        """The whole report, the summary first."""
        at = len(self.lines) if self._summary_at is None else self._summary_at
        return "\n".join([*self.lines[:at], *self.summary(), *self.lines[at:]]) + "\n"


def markdown_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table, the first column left-aligned and the rest right-aligned."""
    return [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


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
