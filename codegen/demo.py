"""The command against the fakes, as the README's "Try it" shows it (`nox -s demo`).

Runs the installed `eligibility-clients` (the environment must hold the package with its
`cli` extra): the version, five approved Truemed sessions as a table, two live Goodstack
subscriptions as JSON lines, and an authentication error on purpose, which must exit 3.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
from collections.abc import Iterator, Sequence

from codegen.running import StepFailed, run, step_main

COMMAND = "eligibility-clients"
# What the fake server prints first: "Serving the fakes on http://127.0.0.1:PORT ...".
SERVER = [sys.executable, "-m", "eligibility_clients.testing", "serve", "--port", "0"]
PUBLISHABLE_KEY = "pk_demo_publishable_key"
AUTHENTICATION_EXIT = 3


def served_url(banner: str) -> str:
    """The loopback URL in the fake server's first line; StepFailed when it has none."""
    urls = [word for word in banner.split() if word.startswith("http://")]
    if not urls:
        raise StepFailed(f"the fake server did not start: {banner!r}")
    return urls[0]


@contextlib.contextmanager
def fake_server() -> Iterator[str]:
    """`python -m eligibility_clients.testing serve` on a free loopback port; yields its URL."""
    with subprocess.Popen(SERVER, stdout=subprocess.PIPE, text=True) as server:
        try:
            assert server.stdout is not None
            yield served_url(server.stdout.readline())
        finally:
            server.terminate()


def demo() -> None:
    """Every command of the demo; fail on any exit status but the documented one."""
    run([COMMAND, "--version"])
    print("Five approved Truemed sessions, as a table (--fake: no key, no network):", flush=True)
    truemed = ["truemed", "sessions", "--fake", "--status", "approved", "--limit", "5"]
    run([COMMAND, *truemed, "--format", "table"])
    print("Two live Goodstack subscriptions, as JSON lines (the default when piped):", flush=True)
    goodstack = ["goodstack", "subscriptions", "--fake", "--status", "live", "--limit", "2"]
    run([COMMAND, *goodstack, "--format", "jsonl"])
    print(
        "Next, an error on purpose (expected, not a failure of the demo): the fakes served over "
        "loopback HTTP answer a publishable key with 403, as Goodstack does; the command "
        "prints one line and exits 3.",
        flush=True,
    )
    with fake_server() as url:
        run(
            [COMMAND, "goodstack", "subscriptions", "--base-url", url],
            env={"GOODSTACK_API_KEY": PUBLISHABLE_KEY},
            ok=(AUTHENTICATION_EXIT,),
        )
    print("Exit status 3 (authentication), as documented.")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: 0 when every command behaved as documented."""
    argparse.ArgumentParser(prog="python -m codegen.demo", description=__doc__).parse_args(argv)
    return step_main("demo", demo)


if __name__ == "__main__":
    sys.exit(main())
