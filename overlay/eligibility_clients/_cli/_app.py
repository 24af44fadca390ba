"""The click commands, their options, and how every failure becomes one line and an exit status."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn, TypeVar

import click

from .._errors import (
    APIConnectionError,
    APIError,
    APIStatusError,
    AuthenticationError,
    MissingAPIKeyError,
    PermissionDeniedError,
)
from .._logging import logger
from .._redact import keys_behind, redact
from .._version import __version__
from ._export import (
    GOODSTACK_SUBSCRIPTIONS,
    TRUEMED_SESSIONS,
    Endpoint,
    InvalidArguments,
    Options,
    OutputError,
    Terminated,
    export,
)
from ._filters import choice, filter_options
from ._output import FORMATS, Layout

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_API = 4
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143

EPILOG = """\b
Keys are read only from the environment, never from a flag (flags end up in shell history):
  TRUEMED_API_KEY, GOODSTACK_API_KEY
Base URLs: --base-url, else TRUEMED_BASE_URL / GOODSTACK_BASE_URL, else --environment.

\b
Exit status:
  0    done
  1    the output could not be written
  2    usage error: a bad option, filter or setting
  3    authentication: no key set, or the API answered 401 or 403
  4    any other API error, network errors included
  130  interrupted (Ctrl-C)
  143  terminated (SIGTERM)

\b
Choice values (--status, --sort, --direction, --format, --environment) are case-insensitive
and sent as the API spells them: --direction asc sends ASC.
"""

F = TypeVar("F", bound=Callable[..., Any])


class OutputFailed(click.ClickException):
    """The output could not be written."""

    exit_code = EXIT_FAILURE


class AuthFailed(click.ClickException):
    """No key, or the API refused it (401, 403)."""

    exit_code = EXIT_AUTH


class APIFailed(click.ClickException):
    """Any other API error, network errors included."""

    exit_code = EXIT_API


class _Root(click.Group):
    """The root group: every failure ends as one line on stderr and a documented status."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command; exit (or, with `standalone_mode=False`, return) its status."""
        try:
            result = super().main(
                args,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
            code = result if isinstance(result, int) else EXIT_OK
        except (click.exceptions.Abort, KeyboardInterrupt):
            click.echo("Interrupted.", err=True)
            code = EXIT_INTERRUPTED
        except Terminated:
            click.echo("Terminated.", err=True)
            code = EXIT_TERMINATED
        except click.ClickException as exc:
            _report(exc)
            code = exc.exit_code
        if not standalone_mode:
            return code
        sys.exit(code)


def _report(exc: click.ClickException) -> None:
    # click >= 8.2 signals "a bare group shows its help" with this usage error.
    if type(exc).__name__ == "NoArgsIsHelpError":
        exc.show()
        return
    message = _one_line(exc.format_message())
    if isinstance(exc, click.UsageError) and exc.ctx is not None:
        message += f" (see '{exc.ctx.command_path} --help')"
    click.echo(f"Error: {message}", err=True)


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def _column_names(layout: Layout) -> Callable[..., tuple[str, ...] | None]:
    """The `--columns` callback: the names split at commas, each checked against `layout`."""

    def parse(
        ctx: click.Context, param: click.Parameter, value: str | None
    ) -> tuple[str, ...] | None:
        if value is None:
            return None
        names = tuple(name.strip() for name in value.split(",") if name.strip())
        try:
            return tuple(column.name for column in layout.columns(names or ("",)))
        except ValueError as exc:
            raise click.BadParameter(str(exc), ctx, param) from None

    return parse


def _common_options(command: F, layout: Layout) -> F:
    """The options every list command shares, after its own filters in `--help`."""
    options = [
        click.option(
            "--format",
            "format_",
            type=choice(FORMATS),
            help="Output format. Default: table on a terminal, jsonl otherwise.",
        ),
        click.option(
            "--columns",
            metavar="NAME,...",
            callback=_column_names(layout),
            help=(
                "The table's columns, named by the field they show: "
                f"{', '.join(layout.column_names)}.  "
                f"[default: {','.join(layout.default_columns)}]"
            ),
        ),
        click.option(
            "--limit",
            type=click.IntRange(min=1),
            metavar="N",
            help="Stop after N items; no further page is fetched.",
        ),
        click.option(
            "--concurrency",
            type=click.IntRange(min=1),
            default=1,
            show_default=True,
            metavar="N",
            help="Pages fetched at once, where the library supports it.",
        ),
        click.option(
            "--output",
            "-o",
            type=click.Path(dir_okay=False, allow_dash=True),
            metavar="FILE",
            help="Write to FILE (created or replaced) instead of stdout.",
        ),
        click.option(
            "--environment",
            type=choice(["production", "sandbox"]),
            help="The API's host when no base URL is set.  [default: production]",
        ),
        click.option(
            "--base-url",
            metavar="URL",
            help="API root, e.g. a proxy; overrides the *_BASE_URL variable and --environment.",
        ),
        click.option(
            "--fake",
            is_flag=True,
            help="Answer from the built-in fakes, in-process: no key, no network.",
        ),
        click.option("--quiet", "-q", is_flag=True, help="No progress bar."),
        click.option(
            "--debug",
            is_flag=True,
            help="Log each request and response (keys redacted) and show tracebacks.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


HELP = """Export Truemed qualification sessions and Goodstack eligibility subscriptions.

\b
  eligibility-clients truemed sessions --status approved --limit 5
  eligibility-clients goodstack subscriptions --status live --format csv -o live.csv
  eligibility-clients truemed sessions --fake    # built-in fake data, no key needed
"""


@click.group(
    cls=_Root,
    name="eligibility-clients",
    help=HELP,
    epilog=EPILOG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="eligibility-clients")
def cli() -> None:
    """The root command; see HELP."""


@cli.group()
def truemed() -> None:
    """Truemed: List Qualification Sessions."""


@cli.group()
def goodstack() -> None:
    """Goodstack: List Eligibility Subscriptions."""


def _list_command(group: click.Group, name: str, endpoint: Endpoint, doc: str) -> None:
    """Add a list command: the filters (from the declaration), then the common options."""
    filters = endpoint.operation.filters

    def command(**values: Any) -> None:
        chosen = {p.python_name: values.pop(p.python_name) for p in filters}
        _run(endpoint, chosen, values)

    command.__doc__ = doc
    decorated: Callable[..., Any] = _common_options(command, endpoint.layout)
    for option in reversed(filter_options(endpoint.operation, endpoint.default_page_size)):
        decorated = option(decorated)
    group.command(name, epilog=EPILOG)(decorated)


_list_command(
    truemed,
    "sessions",
    TRUEMED_SESSIONS,
    "List Qualification Sessions across all pages.",
)
_list_command(
    goodstack,
    "subscriptions",
    GOODSTACK_SUBSCRIPTIONS,
    "List Eligibility Subscriptions across all pages.",
)


def _run(endpoint: Endpoint, filters: dict[str, Any], common: dict[str, Any]) -> None:
    options = Options(format=common.pop("format_"), **common)
    vendor = endpoint.vendor
    chosen = {name: value for name, value in filters.items() if value is not None}
    with _debug_logging(options.debug):
        try:
            export(endpoint, chosen, options)
        except InvalidArguments as exc:
            _debug_traceback(options, exc)
            raise click.UsageError(str(exc), ctx=click.get_current_context()) from None
        except OutputError as exc:
            _fail(options, exc, OutputFailed, str(exc))
        except MissingAPIKeyError as exc:
            _fail(
                options,
                exc,
                AuthFailed,
                f"no {vendor.name} API key: set {vendor.key_env} in the environment "
                "(keys are never taken from flags), or try --fake",
            )
        except (AuthenticationError, PermissionDeniedError) as exc:
            _fail(
                options, exc, AuthFailed, f"{vendor.name} answered {exc} (check {vendor.key_env})"
            )
        except APIStatusError as exc:
            _fail(options, exc, APIFailed, f"{vendor.name} answered {exc}")
        except APIConnectionError as exc:
            where = f" at {exc.request.url.host}" if exc.request is not None else ""
            _fail(options, exc, APIFailed, f"could not reach {vendor.name}{where}: {exc.message}")
        except APIError as exc:
            _fail(options, exc, APIFailed, f"{vendor.name}: {exc}")


def _fail(
    options: Options, exc: BaseException, failure: type[click.ClickException], message: str
) -> NoReturn:
    _debug_traceback(options, exc)
    raise failure(_one_line(message)) from None


def _debug_traceback(options: Options, exc: BaseException) -> None:
    if options.debug:
        # The chained causes quote server text as it came (a value the server echoed the key
        # into, for one), which the package's own messages have already redacted.
        text = "".join(traceback.format_exception(exc))
        sys.stderr.write(redact(text, keys_behind(exc)))


@contextmanager
def _debug_logging(enabled: bool) -> Iterator[None]:
    """With --debug, the library's debug log on stderr for the command's duration."""
    if not enabled:
        yield
        return
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    # ELIGIBILITY_CLIENTS_LOG may have attached the library's own handler already.
    handler: logging.Handler | None = None
    if not any(getattr(h, "_eligibility_clients", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    try:
        yield
    finally:
        if handler is not None:
            logger.removeHandler(handler)
        logger.setLevel(previous)
