"""`python -m eligibility_clients.testing serve`: both fakes over HTTP on loopback."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

from ._goodstack import FakeGoodstack
from ._server import DEFAULT_PORT, FakeServer
from ._truemed import FakeTruemed


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m eligibility_clients.testing",
        description="Serve the Truemed and Goodstack fakes over HTTP on loopback.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve both fakes until interrupted")
    serve.add_argument("--host", default="127.0.0.1", help="loopback address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    serve.add_argument("--seed", type=int, default=0, help="seed of the generated data")
    serve.add_argument("--truemed-count", type=int, default=100, help="Truemed sessions")
    serve.add_argument("--goodstack-count", type=int, default=33, help="Goodstack subscriptions")
    serve.add_argument("--latency", type=float, default=0.0, help="seconds added to every response")
    args = parser.parse_args(argv)

    truemed = FakeTruemed(seed=args.seed, count=args.truemed_count)
    goodstack = FakeGoodstack(seed=args.seed, count=args.goodstack_count)
    truemed.faults.latency = goodstack.faults.latency = args.latency
    try:
        server = FakeServer(truemed, goodstack, host=args.host, port=args.port).start()
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"Serving the fakes on {server.url} (Ctrl-C to stop)\n"
        f"  export TRUEMED_BASE_URL={server.url} TRUEMED_API_KEY={truemed.api_key}\n"
        f"  export GOODSTACK_BASE_URL={server.url} GOODSTACK_API_KEY={goodstack.api_key}",
        flush=True,
    )
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
