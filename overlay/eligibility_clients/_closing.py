"""Context-manager support for anything with a `close()`: `with thing:` closes it on the way out."""

from __future__ import annotations

from types import TracebackType
from typing import Self


class Closing:
    """`with thing:` returns the thing and calls its `close()` when the block ends."""

    def close(self) -> None:
        """Release what the object holds; subclasses say what."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
