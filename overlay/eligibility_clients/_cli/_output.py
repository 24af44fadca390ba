"""The output formats. Each writes one record at a time and flushes it, so output streams.

Every format starts from an item's wire-format dict (`item.to_dict()`):

- `jsonl`: that dict as one compact JSON object per line, unknown fields included;
- `csv`: a column per field of the spec's item schema, in the spec's order; nested objects and lists
  are JSON-encoded, null is empty;
- `table`: fixed-width columns, for reading on a terminal. The default set fits 80 columns;
  `--columns` picks others among each API's `Layout.table`, named by the field they read.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

from rich.console import Console
from rich.text import Text

from .._goodstack import LIST as GOODSTACK_LIST
from .._truemed import LIST as TRUEMED_LIST

FORMATS = ("table", "jsonl", "csv")

Record = Mapping[str, Any]


class Writer(Protocol):
    """Writes records in one format."""

    def write(self, record: Record) -> None:
        """Write one record and flush it."""

    def close(self) -> None:
        """Flush what is left; the stream itself is closed by its owner."""


@dataclass(frozen=True)
class Column:
    """A table column: header, width in terminal cells, and the field its cells are read from.

    Columns that are not `truncate`d (ids) are printed whole even when longer than `width`,
    so that they can be copied; the others are cut with an ellipsis. A `status` column is
    coloured by its value.
    """

    header: str
    width: int
    value: _Read
    truncate: bool = True
    status: bool = False

    @property
    def name(self) -> str:
        """What `--columns` calls it: the field's wire name, `outer.inner` for a nested one."""
        return ".".join(self.value.path)


@dataclass(frozen=True)
class Layout:
    """What an API's records look like in each format.

    `table` holds every column the table can show; `default_columns` names the ones shown
    without `--columns`, chosen so that a row fits an 80-column terminal.
    """

    csv_fields: Sequence[str]
    table: Sequence[Column]
    default_columns: Sequence[str]

    @property
    def column_names(self) -> tuple[str, ...]:
        """Every column's name, in the table's order."""
        return tuple(column.name for column in self.table)

    def columns(self, names: Sequence[str] | None = None) -> tuple[Column, ...]:
        """The columns named (default: `default_columns`), in the order given.

        Raises:
            ValueError: a name that is not one of `column_names`, case aside.
        """
        by_name = {column.name.lower(): column for column in self.table}
        chosen = []
        for name in self.default_columns if names is None else names:
            column = by_name.get(name.strip().lower())
            if column is None:
                raise ValueError(
                    f"{name!r} is not a column; accepted: {', '.join(self.column_names)}"
                )
            chosen.append(column)
        return tuple(chosen)


@dataclass(frozen=True)
class _Read:
    """A cell read from the field at `path` (a nested object's field after the first name).

    The path is kept, not hidden in a closure, so a test can check it against the spec.
    """

    path: tuple[str, ...]

    def found(self, record: Record) -> Any:
        """The value at `path`, or None when a step is missing or not an object."""
        value: Any = record
        for name in self.path:
            value = value.get(name) if isinstance(value, Mapping) else None
        return value

    def __call__(self, record: Record) -> str:
        value = self.found(record)
        return "" if value is None else str(value)


class _ReadUTCMinute(_Read):
    """A timestamp shown in UTC to the minute; shown as sent if it does not parse."""

    def __call__(self, record: Record) -> str:
        value = self.found(record)
        if not isinstance(value, str):
            return ""
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.UTC)
        return moment.strftime("%Y-%m-%d %H:%M")


def _field(name: str) -> _Read:
    return _Read((name,))


def _nested(outer: str, inner: str) -> _Read:
    return _Read((outer, inner))


def _utc_minute(name: str) -> _Read:
    return _ReadUTCMinute((name,))


# Widths: an id is printed whole (39 cells for Truemed's `qs_` and a UUID, 53 for Goodstack's
# `eligibilitysubscription_` and 29 characters); the default columns then take what is left of
# 80 cells, two between columns. Personal data (email, user id) is shown only when asked for.
TRUEMED = Layout(
    # QualificationSession's fields, in the spec's order (from the generated declaration).
    csv_fields=tuple(name for name, _ in TRUEMED_LIST.item_fields),
    table=(
        Column("ID", 39, _field("qualification_session_id"), truncate=False),
        Column("STATUS", 10, _field("status"), status=True),
        Column("CREATED (UTC)", 16, _utc_minute("created_at")),
        Column("EMAIL", 30, _field("email")),
        Column("USER ID", 17, _field("user_id")),
    ),
    default_columns=("qualification_session_id", "status", "created_at"),
)

GOODSTACK = Layout(
    # EligibilitySubscription's fields, in the spec's order (from the generated declaration).
    csv_fields=tuple(name for name, _ in GOODSTACK_LIST.item_fields),
    table=(
        Column("ID", 53, _field("id"), truncate=False),
        Column("ORGANISATION", 30, _field("organisationName")),
        # 12 cells: `pending_validation_request` reads `pending_val…`; with the id and the
        # eligibility, a row is exactly 80 cells.
        Column("STATUS", 12, _field("status"), status=True),
        Column("ELIGIBILITY", 11, _nested("results", "eligibilityStatus"), status=True),
        Column("CREATED (UTC)", 16, _utc_minute("createdAt")),
    ),
    default_columns=("id", "status", "results.eligibilityStatus"),
)

# Statuses of both APIs that read as good, bad or waiting; others are left unstyled.
_STATUS_STYLES = {
    "approved": "green",
    "live": "green",
    "pass": "green",
    "rejected": "red",
    "fail": "red",
    "cancelled": "red",
    "validation_request_failed": "red",
    "cannot_define_eligibility": "red",
    "pending": "yellow",
    "processing": "yellow",
    "pending_validation_request": "yellow",
}


class JsonLinesWriter:
    """One JSON object per line: the record exactly as the API sent it, after parsing."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, record: Record) -> None:
        """Write one record and flush it."""
        self._stream.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._stream.flush()

    def close(self) -> None:
        """Flush the stream."""
        self._stream.flush()


class CsvWriter:
    """A header row, then one row per record in fixed columns."""

    def __init__(self, stream: TextIO, fields: Sequence[str]) -> None:
        self._stream = stream
        self._writer = csv.DictWriter(
            stream, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n"
        )
        self._writer.writeheader()
        stream.flush()

    def write(self, record: Record) -> None:
        """Write one record and flush it."""
        self._writer.writerow({name: _csv_cell(value) for name, value in record.items()})
        self._stream.flush()

    def close(self) -> None:
        """Flush the stream."""
        self._stream.flush()


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class TableWriter:
    """Fixed-width columns with a header, printed row by row (never a table held in memory).

    Colours (bold header, coloured statuses) only when the stream is a colour terminal; rich
    decides, honouring NO_COLOR and FORCE_COLOR. Rows are rendered by rich but written to
    `stream` itself: while the progress bar runs, stdout is rich's proxy that prints above the
    bar, and a console writing to it directly would bypass that proxy.
    """

    def __init__(self, stream: TextIO, columns: Sequence[Column]) -> None:
        self._stream = stream
        self._columns = columns
        self._console = Console(
            file=stream, soft_wrap=True, highlight=False, markup=False, emoji=False
        )
        self._print([(c.header, "bold") for c in columns], header=True)

    def write(self, record: Record) -> None:
        """Print one record's row."""
        cells = []
        for column in self._columns:
            text = column.value(record)
            cells.append((text, _STATUS_STYLES.get(text, "") if column.status else ""))
        self._print(cells)

    def close(self) -> None:
        """Flush the stream."""
        self._stream.flush()

    def _print(self, cells: Sequence[tuple[str, str]], *, header: bool = False) -> None:
        line = Text()
        last = len(self._columns) - 1
        for index, (column, (value, style)) in enumerate(zip(self._columns, cells, strict=True)):
            cell = Text(value, style=style)
            if column.truncate or header:
                cell.truncate(column.width, overflow="ellipsis", pad=index != last)
            elif index != last:
                cell.pad_right(max(0, column.width - cell.cell_len))
            line.append_text(cell)
            if index != last:
                line.append("  ")
        with self._console.capture() as captured:
            self._console.print(line)
        self._stream.write(captured.get())
        self._stream.flush()


def make_writer(
    fmt: str, layout: Layout, stream: TextIO, columns: Sequence[str] | None = None
) -> Writer:
    """The writer for `fmt` (one of FORMATS) on `stream`; `columns` names the table's columns."""
    if fmt == "jsonl":
        return JsonLinesWriter(stream)
    if fmt == "csv":
        return CsvWriter(stream, layout.csv_fields)
    if fmt == "table":
        return TableWriter(stream, layout.columns(columns))
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
