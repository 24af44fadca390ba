"""One export: build the client, fetch the first page, then stream every item to the output.

Nothing here holds more than the page being walked: each item is written (and flushed) as the
walk yields it, and `--limit` stops the walk before it asks for another page.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TextIO, cast

import httpx2

from .._client import SyncAPIClient
from .._clients import GoodstackClient, TruemedClient
from .._config import GOODSTACK, TRUEMED, Vendor
from .._errors import MissingAPIKeyError
from .._goodstack import LIST as GOODSTACK_LIST
from .._http_types import HTTPRequest, HTTPResponse, SyncTransport
from .._operation import Operation
from .._pagination import SyncPage
from .._truemed import LIST as TRUEMED_LIST
from . import _output
from ._filters import with_option_names
from ._progress import BarProgress, NoProgress, Progress


class InvalidArguments(Exception):
    """An argument was refused (by the client, `list()` or the command); nothing was sent."""


class OutputError(Exception):
    """The output file could not be opened or written."""


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C, so the output's temporary file is removed."""


class Model(Protocol):
    """What the export needs of an item: its wire-format dict."""

    def to_dict(self) -> dict[str, Any]:
        """The item as the API sends it."""


if TYPE_CHECKING:  # the testing kit is loaded only for --fake
    from ..testing import FakeAPI

Lister = Callable[..., SyncPage[Model]]


@dataclass(frozen=True)
class Endpoint:
    """One list operation the command exports.

    Fields in order: the vendor, the operation, the output layout, the client class, and the
    client attribute of the resource whose `list()` it calls.
    """

    vendor: Vendor
    operation: Operation[Any]
    layout: _output.Layout
    client: Callable[..., SyncAPIClient]
    resource: str

    @property
    def label(self) -> str:
        """What the progress bar calls the items: `Truemed sessions`."""
        return f"{self.vendor.name} {self.resource.rpartition('_')[2]}"

    @property
    def default_page_size(self) -> int | None:
        """The page size sent when the user gives none: the spec's maximum.

        None when the spec documents no maximum (the API's own default then applies).
        """
        maximum = self.operation.parameter("page_size").maximum
        return int(maximum) if maximum is not None else None

    def fake(self) -> FakeAPI:
        """A new fake of this vendor's API, for `--fake`."""
        # The testing kit is imported only for --fake: the command never loads it otherwise.
        testing = importlib.import_module("eligibility_clients.testing")
        fake: FakeAPI = getattr(testing, f"Fake{self.vendor.name}")()
        return fake

    def lister(self, client: SyncAPIClient) -> Lister:
        """The `list()` this command calls on `client`."""
        return cast(Lister, getattr(client, self.resource).list)


TRUEMED_SESSIONS = Endpoint(
    TRUEMED, TRUEMED_LIST, _output.TRUEMED, TruemedClient, "qualification_sessions"
)
GOODSTACK_SUBSCRIPTIONS = Endpoint(
    GOODSTACK, GOODSTACK_LIST, _output.GOODSTACK, GoodstackClient, "eligibility_subscriptions"
)


@dataclass(frozen=True)
class Options:
    """The options every list command shares."""

    format: str | None = None
    columns: tuple[str, ...] | None = None
    limit: int | None = None
    concurrency: int = 1
    output: str | None = None
    environment: str | None = None
    base_url: str | None = None
    fake: bool = False
    quiet: bool = False
    debug: bool = False

    @property
    def to_stdout(self) -> bool:
        """Whether items go to stdout rather than to a file."""
        return self.output is None or self.output == "-"


class PageCounter:
    """A `SyncTransport` that counts successful responses (pages) on their way to the client.

    It sits under the client's retrying transport, so a retried request counts once, when it
    succeeds. `on_page` may be called from worker threads.
    """

    def __init__(self, inner: SyncTransport, on_page: Callable[[], None]) -> None:
        self._inner = inner
        self._on_page = on_page

    def handle_request(self, request: HTTPRequest) -> HTTPResponse:
        """Send through the inner transport and count a success."""
        response = self._inner.handle_request(request)
        if response.is_success:
            self._on_page()
        return response

    def close(self) -> None:
        """Close the inner transport."""
        self._inner.close()


def choose_format(options: Options) -> str:
    """`--format`, else a table on a terminal and JSON lines anywhere else."""
    if options.format is not None:
        return options.format
    return "table" if options.to_stdout and sys.stdout.isatty() else "jsonl"


def wants_progress(options: Options) -> bool:
    """A bar on a terminal's stderr, unless output is piped or `--quiet`/`--debug` is given."""
    if options.quiet or options.debug or not sys.stderr.isatty():
        return False
    return not options.to_stdout or sys.stdout.isatty()


def export(endpoint: Endpoint, filters: Mapping[str, Any], options: Options) -> int:
    """Run one export; returns the number of items written.

    Raises:
        InvalidArguments: a filter or setting was refused before anything was sent.
        OutputError: the output file could not be opened or written.
        APIError: the API call failed (MissingAPIKeyError when no key is set).
    """
    fmt = choose_format(options)
    if options.columns is not None and fmt != "table":
        raise InvalidArguments(
            f"--columns applies to the table format only, not {fmt}; add --format table"
        )
    progress: Progress = BarProgress(endpoint.label) if wants_progress(options) else NoProgress()
    with progress, _connect(endpoint, options, progress.page_fetched) as client:
        lister = endpoint.lister(client)
        arguments = {**filters, "concurrency": options.concurrency}
        if endpoint.default_page_size is not None:
            arguments.setdefault("page_size", endpoint.default_page_size)
        try:
            page = lister(**arguments)
        except MissingAPIKeyError:
            raise
        except ValueError as exc:
            message = with_option_names(str(exc), endpoint.operation)
            raise InvalidArguments(message) from exc
        total = page.total_count
        if total is not None and options.limit is not None:
            total = min(total, options.limit)
        progress.set_total(total)
        # Opened only once the first page is in, so a bad key or filter leaves an existing
        # file alone. Inside the bar, stdout is rich's proxy, which prints above the bar.
        with _open_output(options.output) as stream:
            with _writing():
                writer = _output.make_writer(fmt, endpoint.layout, stream, options.columns)
            written = _write_items(page, writer, progress, options.limit)
            with _writing():
                writer.close()
    return written


@contextmanager
def _connect(
    endpoint: Endpoint, options: Options, on_page: Callable[[], None]
) -> Iterator[SyncAPIClient]:
    api_key: str | None = None
    base_url = options.base_url
    environment = options.environment or "production"
    inner: SyncTransport
    if options.fake:
        # In-process: the fake's own key, and no base URL from the environment, so a real
        # key or host set in the shell plays no part.
        fake = endpoint.fake()
        api_key, inner = fake.api_key, fake.transport
        if base_url is None:
            base_url = endpoint.vendor.environments[environment]
    else:
        # What the client itself would use without a transport argument.
        inner = httpx2.HTTPTransport()
    try:
        client = endpoint.client(
            api_key=api_key,
            base_url=base_url,
            environment=environment,
            transport=PageCounter(inner, on_page),
        )
    except MissingAPIKeyError:
        inner.close()
        raise
    except ValueError as exc:
        inner.close()
        raise InvalidArguments(str(exc)) from exc
    with client:
        yield client


@contextmanager
def _open_output(path: str | None) -> Iterator[TextIO]:
    """Stdout, or a temporary file beside `path` that replaces it only once the export is done.

    An error, Ctrl-C or SIGTERM leaves an existing file as it was and removes the temporary
    one; readers of `path` never see a partial export.
    """
    if path is None or path == "-":
        # The same "Terminated." line and status as for a file, rather than Python's default.
        with _sigterm_raises():
            yield sys.stdout
        return
    target = os.path.abspath(path)
    folder, name = os.path.split(target)
    with _sigterm_raises():
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
        try:
            with open(handle, "w", encoding="utf-8", newline="") as stream:
                yield stream
                # The rename may reach the disk before the data does: a crash right after it
                # would leave an empty file where the old export was.
                with _writing():
                    stream.flush()
                    os.fsync(stream.fileno())
            with _writing():
                os.chmod(temporary, _mode_for(target))
                os.replace(temporary, target)
        except BaseException:
            with suppress(OSError):
                os.unlink(temporary)
            raise


def _mode_for(target: str) -> int:
    # mkstemp makes the file 0600; the export gets the mode the file had, else the usual one.
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """While writing a file, SIGTERM raises `Terminated` so the cleanup above runs."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may install a handler; an embedding app owns signals
        return

    def terminate(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _writing() -> Iterator[None]:
    """Turn a failed write into OutputError, except a closed pipe.

    A closed pipe (`| head`) is the reader's choice; click ends the command quietly on it.
    """
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write the output: {exc.strerror or exc}") from exc


def _write_items(
    page: SyncPage[Model], writer: _output.Writer, progress: Progress, limit: int | None
) -> int:
    written = 0
    items = iter(page)
    try:
        for item in items:
            with _writing():
                writer.write(item.to_dict())
            progress.item_written()
            written += 1
            if limit is not None and written >= limit:
                break  # before the walk asks for another page
    finally:
        # Stops a concurrent walk's page fetches at once rather than when collected.
        close = getattr(items, "close", None)
        if callable(close):
            close()
    return written
