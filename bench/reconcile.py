"""How long ``reconcile`` takes for a 2,000-model list, against a loopback server.

The server answers as OpenRouter's ``GET /api/v1/models`` does (prices per token as text,
context lengths): the shipped catalog's OpenRouter models, each with a price changed, and
enough new ids to make 2,000 rows. Prints min / median / max of interleaved runs, for the
whole call (HTTP, JSON, comparison).

    .venv/bin/python bench/reconcile.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import llmdex
from llmdex.http.policy import HttpPolicy
from tests.http_server import Routed, json_answer, serve

ROWS = 2000


def _rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for model in llmdex.models_of("openrouter").values():
        prompt = "0.000001" if model.cost is None else str(model.cost.input * 2 / 1_000_000)
        rows.append(
            {
                "id": model.id,
                "context_length": model.limit.context,
                "pricing": {"prompt": prompt, "completion": "0.000002"},
                "top_provider": {"max_completion_tokens": model.limit.output or None},
            }
        )
    while len(rows) < ROWS:
        rows.append({"id": f"new/model-{len(rows)}", "pricing": {"prompt": "0", "completion": "0"}})
    return rows[:ROWS]


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    body = {"data": _rows()}
    size = len(json.dumps(body))
    whole: list[float] = []
    with serve([json_answer(body)]) as server:
        client = llmdex.Client(
            api_keys={"openrouter": "sk-bench"}, policy=HttpPolicy(), session=Routed(server)
        )
        for _ in range(runs):
            start = time.perf_counter()
            report = llmdex.reconcile("openrouter", client=client)
            whole.append(time.perf_counter() - start)
    print(
        f"reconcile openrouter, {ROWS} listed ({size:,} bytes of JSON), "
        f"{len(report.price_changes)} price and {len(report.limit_changes)} limit changes, "
        f"{len(report.live_only)} served only: min {min(whole) * 1000:.0f} ms  "
        f"median {statistics.median(whole) * 1000:.0f} ms  max {max(whole) * 1000:.0f} ms "
        f"({runs} runs)"
    )


if __name__ == "__main__":
    main()
