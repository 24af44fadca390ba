"""Serve the fakes over real HTTP on loopback, for example scripts, the CLI demo and curl."""

from __future__ import annotations

import ipaddress
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, ClassVar

import httpx2

from .._closing import Closing
from ._fake import FakeAPI
from ._faults import ConnectionDropped
from ._goodstack import FakeGoodstack
from ._truemed import FakeTruemed

# How often the serving thread checks for close(): the most close() waits.
POLL_INTERVAL = 0.01

DEFAULT_PORT = 8765


class FakeServer(Closing):
    """Both fakes behind one loopback HTTP server; their paths do not overlap.

    ```python
    with FakeServer() as server:
        client = TruemedClient(api_key=server.truemed.api_key, base_url=server.url)
    ```

    Args:
        truemed: The Truemed fake to serve (default: a fresh `FakeTruemed()`).
        goodstack: The Goodstack fake to serve (default: a fresh `FakeGoodstack()`).
        host: A loopback address; the fakes never listen on other interfaces.
        port: The port; 0 picks a free one (see `url` once started).
    """

    def __init__(
        self,
        truemed: FakeTruemed | None = None,
        goodstack: FakeGoodstack | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
    ) -> None:
        if not _is_loopback(host):
            raise ValueError(f"the fakes serve on loopback only; {host!r} is not a loopback host")
        self.truemed: FakeTruemed = truemed if truemed is not None else FakeTruemed()
        self.goodstack: FakeGoodstack = goodstack if goodstack is not None else FakeGoodstack()
        self._address = (host, port)
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL to give both clients, e.g. `http://127.0.0.1:8765`."""
        host, port = self._httpd.server_address[:2] if self._httpd else self._address
        host_text = host.decode() if isinstance(host, bytes) else str(host)
        if ":" in host_text:
            host_text = f"[{host_text}]"
        return f"http://{host_text}:{port}"

    def start(self) -> FakeServer:
        """Start serving in a background thread; returns self."""
        if self._httpd is not None:
            return self
        handler = type("Handler", (_Handler,), {"fakes": (self.truemed, self.goodstack)})
        server_class = _IPv6Server if ":" in self._address[0] else _Server
        self._httpd = server_class(self._address, handler)
        # serve_forever checks for shutdown() every poll_interval; its default of 0.5 s made
        # each close() wait that long, in our suite and in every user's.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": POLL_INTERVAL},
            name="eligibility-fakes-server",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted (the `serve` command)."""
        self.start()
        try:
            while self._thread is not None and self._thread.is_alive():
                self._thread.join(0.5)
        finally:
            self.close()

    def close(self) -> None:
        """Stop serving and release the port."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join()
        self._httpd, self._thread = None, None

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"FakeServer(url={self.url!r}, running={self._httpd is not None})"


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client closing a kept-alive connection (a retry, a cancelled walk) is routine for
        # an HTTP server: no traceback on the user's stderr for it.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class _IPv6Server(_Server):
    import socket as _socket

    address_family = _socket.AF_INET6


class _Handler(BaseHTTPRequestHandler):
    fakes: ClassVar[tuple[FakeAPI, ...]] = ()
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without this, each response on a kept-alive
    # connection waits ~40 ms for the client's delayed ACK.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        host = self.headers.get("Host") or "localhost"
        request = httpx2.Request(
            self.command, f"http://{host}{self.path}", headers=self.headers.items(), content=body
        )
        fake = next((f for f in self.fakes if f.serves(request.url.path)), None)
        if fake is None:
            fake = self.fakes[0] if self.fakes else None
        if fake is None:  # pragma: no cover - a server always has both fakes
            self.send_error(404)
            return
        if fake.faults.latency > 0:
            time.sleep(fake.faults.latency)
        try:
            response = fake.handle_request(request)
        except ConnectionDropped:
            self.close_connection = True
            return
        self.send_response(response.status_code)
        for name, value in response.headers.items():
            if name.lower() not in ("content-length", "connection"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.content)))
        self.end_headers()
        self.wfile.write(response.content)

    def log_message(self, format: str, *args: object) -> None:
        # Quiet by default: request lines would drown the output of the commands using it.
        return


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
