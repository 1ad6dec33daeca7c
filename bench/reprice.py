"""How long ``llmdex reprice`` takes on a 1,000,000-row log, and its peak memory.

The log is JSON Lines of real shapes, a third each: OpenAI chat usage, Anthropic usage with
cache reads, OpenTelemetry attributes; 20 models and 30 days, each row priced at its day.
Each run is the command itself in a fresh process (``llmdex reprice LOG --json``), timed
whole, with its peak resident memory from ``getrusage``. Prints min / median / max.

    .venv/bin/python bench/reprice.py [--rows N] [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import llmdex


def _log(path: Path, rows: int) -> None:
    first = dt.date.fromisoformat(llmdex.catalog_info().date) - dt.timedelta(days=29)
    # Models listed on the log's first day, so every row has a price on its day.
    old = [
        m
        for m in llmdex.catalog()
        if m.cost and llmdex.history(m.spec).first_seen <= first.isoformat()
    ]
    specs = [m.spec for m in old if m.provider == "openai"][:10]
    specs += [m.spec for m in old if m.provider == "anthropic"][:10]
    shapes = (
        lambda n: {
            "prompt_tokens": 1000 + n % 997,
            "completion_tokens": 50 + n % 89,
            "prompt_tokens_details": {"cached_tokens": n % 500},
        },
        lambda n: {
            "input_tokens": 300 + n % 991,
            "output_tokens": 20 + n % 83,
            "cache_read_input_tokens": n % 700,
        },
        lambda n: {
            "gen_ai.usage.input_tokens": 900 + n % 983,
            "gen_ai.usage.output_tokens": 40 + n % 79,
        },
    )
    with path.open("w", encoding="utf-8") as out:
        for n in range(rows):
            day = (first + dt.timedelta(days=n % 30)).isoformat()
            row = {"model": specs[n % len(specs)], "date": day, "usage": shapes[n % 3](n)}
            out.write(json.dumps(row) + "\n")


def _run(log: Path) -> tuple[float, int, dict[str, object]]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "llmdex", "reprice", str(log), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB, the largest child
    if done.returncode != 0:
        sys.exit(f"reprice failed ({done.returncode}): {done.stderr[-500:]}")
    return seconds, peak, json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "calls.jsonl"
        _log(log, args.rows)
        size = os.path.getsize(log)
        runs = [_run(log) for _ in range(args.runs)]
    times = sorted(seconds for seconds, _, _ in runs)
    peak = max(kib for _, kib, _ in runs)
    result = runs[0][2]
    print(f"reprice of {args.rows:,} rows ({size / 2**20:.0f} MiB of JSONL), {args.runs} runs:")
    print(
        f"  time   min {times[0]:.1f} s  median {statistics.median(times):.1f} s  max {times[-1]:.1f} s"
        f"  ({statistics.median(times) / args.rows * 1e6:.1f} us per row)"
    )
    print(f"  peak resident memory {peak / 1024:.0f} MiB (the log is {size / 2**20:.0f} MiB)")
    print(f"  priced {result['priced']:,} of {result['rows']:,}; total ${result['total']}")


if __name__ == "__main__":
    main()
