"""How long the client takes to split a streamed body into lines, against a loopback server.

One 16 MiB line against the same bytes in short lines: reading a stream costs its length,
however its lines are cut (before the reader scanned only new bytes, one long line took 4.3 s
against 0.1 s). Prints min / median / max of interleaved runs.

    .venv/bin/python bench/stream_lines.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from llmdex.http.policy import HttpPolicy
from llmdex.http.requests_transport import lines, send
from tests.http_server import Answer, serve

_SIZE = 16 << 20
_SHORT = b"data: " + b"x" * 100 + b"\n\n"
BODIES = {
    "one 16 MiB line": b"data: " + b"x" * _SIZE + b"\n\n",
    "16 MiB in 108-byte lines": _SHORT * (_SIZE // len(_SHORT)),
}


def _once(body: bytes, policy: HttpPolicy) -> float:
    with serve([Answer(body=body, headers={"Content-Type": "text/event-stream"})]) as server:
        response = send("GET", server.url, who="bench", policy=policy, stream=True)
        start = time.perf_counter()
        for _ in lines(response, "bench", policy):  # type: ignore[arg-type]
            pass
        return time.perf_counter() - start


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    policy = HttpPolicy(max_bytes=64 << 20)
    times: dict[str, list[float]] = {name: [] for name in BODIES}
    for _ in range(runs):
        for name, body in BODIES.items():
            times[name].append(_once(body, policy))
    for name, found in times.items():
        print(
            f"{name:26s} min {min(found):.3f} s  median {statistics.median(found):.3f} s  "
            f"max {max(found):.3f} s  ({runs} interleaved runs)"
        )


if __name__ == "__main__":
    main()
