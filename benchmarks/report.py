"""The Markdown report written to benchmarks/results.md, and its number formats."""

from __future__ import annotations


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
