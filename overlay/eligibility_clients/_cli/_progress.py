"""The progress bar on stderr: items written, pages fetched, and the total when the API gives one.

Shown only on a terminal (see `_app`); otherwise `NoProgress` stands in, so the export loop
never asks.
"""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from typing import Protocol, Self

from rich.console import Console
from rich.progress import (
    BarColumn,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.progress import Progress as _RichProgress
from rich.text import Text

from .._closing import Closing


class Progress(AbstractContextManager["Progress"], Protocol):
    """What the export loop reports; `with progress:` shows it until the block ends."""

    def set_total(self, total: int | None) -> None:
        """The number of items the walk will write, when known."""

    def page_fetched(self) -> None:
        """One more page arrived; may be called from any thread."""

    def item_written(self) -> None:
        """One more item was written."""


class NoProgress(Closing):
    """Reports nothing: output is piped, `--quiet` or `--debug` was given, or no terminal."""

    def set_total(self, total: int | None) -> None:
        """Ignored."""

    def page_fetched(self) -> None:
        """Ignored."""

    def item_written(self) -> None:
        """Ignored."""


class _CountsColumn(ProgressColumn):
    """`1,234/5,000 items · 50 pages`, or `1,234 items · 50 pages` without a total."""

    def render(self, task: Task) -> Text:
        items = f"{int(task.completed):,}"
        if task.total is not None:
            items += f"/{int(task.total):,}"
        pages = int(task.fields.get("pages", 0))
        return Text(f"{items} items · {pages:,} {'page' if pages == 1 else 'pages'}")


class BarProgress(Closing):
    """A rich progress bar on stderr; it stays on screen, with the final counts, when done.

    While it runs, whatever is printed to stdout or stderr appears above it (rich redirects
    both), so rows written to the terminal and the bar do not garble each other.
    """

    def __init__(self, label: str, console: Console | None = None) -> None:
        self._lock = threading.Lock()
        self._pages = 0
        self._bar = _RichProgress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            _CountsColumn(),
            TimeElapsedColumn(),
            console=console if console is not None else Console(stderr=True),
        )
        self._task = self._bar.add_task(label, total=None, pages=0)

    def __enter__(self) -> Self:
        self._bar.start()
        return self

    def close(self) -> None:
        """Stop the bar, leaving it on screen with the final counts."""
        self._bar.stop()

    def set_total(self, total: int | None) -> None:
        """Show a bar against `total` items (None: an indeterminate bar)."""
        self._bar.update(self._task, total=total)

    def page_fetched(self) -> None:
        """Count one more page; thread-safe, as pages may be fetched on worker threads."""
        with self._lock:
            self._pages += 1
            self._bar.update(self._task, pages=self._pages)

    def item_written(self) -> None:
        """Count one more item."""
        self._bar.advance(self._task)
