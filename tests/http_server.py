"""A real HTTP server on loopback whose answers a test scripts, one per request."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Answer:
    """One scripted response; ``stall`` seconds of silence after the headers."""

    status: int = 200
    body: bytes = b""
    stall: float = 0.0


class ScriptedServer(ThreadingHTTPServer):
    """Serves ``answers`` in order (the last one repeats) and counts requests."""

    daemon_threads = True

    def __init__(self, answers: list[Answer]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.answers = answers
        self.requests = 0
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        """Base URL of the server."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    def next_answer(self) -> Answer:
        with self.lock:
            answer = self.answers[min(self.requests, len(self.answers) - 1)]
            self.requests += 1
            return answer


class _Handler(BaseHTTPRequestHandler):
    server: ScriptedServer

    def do_GET(self) -> None:
        answer = self.server.next_answer()
        self.send_response(answer.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        if answer.stall:
            self.wfile.flush()
            time.sleep(answer.stall)
        self.wfile.write(answer.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(answers: list[Answer]) -> Iterator[ScriptedServer]:
    """Run a scripted server on a free loopback port for the ``with`` block."""
    server = ScriptedServer(answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
