"""A real HTTP server on loopback whose answers a test scripts, one per request.

It records every request (path, headers, JSON body) and, given a ``check``, refuses with
HTTP 400 any request body the check rejects, as a strict provider would.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests


@dataclass(frozen=True)
class Answer:
    """One scripted response; ``stall`` seconds of silence after the headers.

    ``events`` makes it a server-sent-event stream, one ``data:`` line (or a raw line that
    already starts with ``event:`` or ``data:``) per item, ``gap`` seconds apart. ``drip``
    sends the body one byte per ``drip`` seconds. A ``Content-Type`` in ``headers`` replaces
    the default one; an empty one sends none.
    """

    status: int = 200
    body: bytes = b""
    stall: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    events: list[str] | None = None
    gap: float = 0.0
    drip: float = 0.0


@dataclass(frozen=True)
class Received:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any


def json_answer(data: Any, status: int = 200, **headers: str) -> Answer:
    """An answer whose body is ``data`` as JSON."""
    return Answer(status=status, body=json.dumps(data).encode(), headers=headers)


class ScriptedServer(ThreadingHTTPServer):
    """Serves ``answers`` in order (the last one repeats) and records requests."""

    daemon_threads = True

    def __init__(
        self, answers: list[Answer], check: Callable[[str, Any], str | None] | None
    ) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.answers = answers
        self.check = check
        self.received: list[Received] = []
        self.lock = threading.Lock()

    @property
    def requests(self) -> int:
        """How many requests arrived."""
        return len(self.received)

    @property
    def url(self) -> str:
        """Base URL of the server."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    def next_answer(self, received: Received) -> Answer:
        with self.lock:
            answer = self.answers[min(len(self.received), len(self.answers) - 1)]
            self.received.append(received)
            return answer


class _Handler(BaseHTTPRequestHandler):
    server: ScriptedServer
    protocol_version = "HTTP/1.1"

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        received = Received(self.command, self.path, dict(self.headers.items()), body)
        answer = self.server.next_answer(received)
        problem = (
            self.server.check(self.path, body) if self.server.check and body is not None else None
        )
        if problem is not None:
            answer = json_answer({"error": {"message": f"invalid request: {problem}"}}, status=400)
        if answer.events is not None:
            self._stream(answer)
            return
        self._head(answer, "application/json", {"Content-Length": str(len(answer.body))})
        if answer.stall:
            self.wfile.flush()
            time.sleep(answer.stall)
        if not answer.drip:
            self.wfile.write(answer.body)
            return
        try:
            for byte in answer.body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(answer.drip)
        except OSError:  # the client gave up, as it should
            self.close_connection = True

    def _head(self, answer: Answer, content_type: str, extra: dict[str, str]) -> None:
        self.send_response(answer.status)
        headers = {"Content-Type": content_type, **extra, **answer.headers}
        for name, value in headers.items():
            if value:
                self.send_header(name, value)
        self.end_headers()

    def _stream(self, answer: Answer) -> None:
        self._head(answer, "text/event-stream", {"Connection": "close"})
        try:
            for item in answer.events or []:
                line = item if item.startswith(("event:", "data:")) else f"data: {item}"
                self.wfile.write(f"{line}\n\n".encode())
                self.wfile.flush()
                time.sleep(answer.gap)
        except OSError:
            pass
        self.close_connection = True

    do_GET = _handle
    do_POST = _handle

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(
    answers: list[Answer], check: Callable[[str, Any], str | None] | None = None
) -> Iterator[ScriptedServer]:
    """Run a scripted server on a free loopback port for the ``with`` block."""
    server = ScriptedServer(answers, check)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


class Routed(requests.Session):
    """A real session that sends every request to ``server``, whatever host the URL names.

    What a hosts-file entry pointing a provider's name at loopback would do: the client
    builds the provider's own URL (so its key policy sees the provider's origin), and the
    request reaches the test's server.
    """

    def __init__(self, server: ScriptedServer) -> None:
        super().__init__()
        self._to = server.url

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        parts = urlsplit(str(url))
        here = parts._replace(scheme="http", netloc=urlsplit(self._to).netloc)
        return super().request(method, urlunsplit(here), *args, **kwargs)
