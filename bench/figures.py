"""Print llmdex's own performance figures (a script, not a test: tests never time anything).

The regen time and loading every model are measured by bench/peers.py, beside the peers.

    .venv/bin/python bench/figures.py [--runs N]

Cold figures are medians over fresh interpreters, interleaved so that machine noise hits every
variant alike; warm figures are the best of 7 repeats.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

# From outside the checkout, so that nothing in it shadows the installed package.
OUTSIDE = tempfile.gettempdir()

VARIANTS = {
    "bare interpreter": "pass",
    "import llmdex": "import llmdex",
    "from llmdex.models.openai import GPT_4O": "from llmdex.models.openai import GPT_4O",
    "import llmdex + find('openai:gpt-4o')": "import llmdex; llmdex.find('openai:gpt-4o')",
}

IN_PROCESS = (
    "import time, json\n"
    "t0 = time.perf_counter_ns()\n"
    "{code}\n"
    "t1 = time.perf_counter_ns()\n"
    "print(json.dumps((t1 - t0) / 1e6))\n"
)

_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=OUTSIDE,
        env=_ENV,
    )


def cold(runs: int) -> None:
    """Whole-process wall time and in-process time of each variant, median of ``runs``."""
    wall: dict[str, list[float]] = {name: [] for name in VARIANTS}
    inner: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for code in VARIANTS.values():
        _python(code)  # compile .pyc files once, as an installed package has them
    for _ in range(runs):
        for name, code in VARIANTS.items():
            start = time.perf_counter()
            result = _python(IN_PROCESS.format(code=code))
            wall[name].append((time.perf_counter() - start) * 1e3)
            inner[name].append(json.loads(result.stdout))
    bare = statistics.median(wall["bare interpreter"])
    print(f"cold start, median of {runs} fresh interpreters (ms)")
    print(f"  {'variant':<42} {'in-process':>10} {'process':>9} {'over bare':>9}")
    for name in VARIANTS:
        process = statistics.median(wall[name])
        print(
            f"  {name:<42} {statistics.median(inner[name]):>10.2f} {process:>9.1f}"
            f" {process - bare:>9.1f}"
        )


WARM = """
import timeit, json
from dataclasses import dataclass
import llmdex
from llmdex.models.openai import GPT_4O

@dataclass(slots=True, frozen=True)
class Plain:
    context: int

plain = Plain(128000)
cases = {
    "find exact 'openai:gpt-4o'": lambda: llmdex.find("openai:gpt-4o"),
    "find alias 'anthropic:claude-3-5-sonnet'": lambda: llmdex.find("anthropic:claude-3-5-sonnet"),
    "find snapshot 'openai:gpt-5-mini-2025-08-07'": lambda: llmdex.find("openai:gpt-5-mini-2025-08-07"),
    "find dialect 'vertex_ai/gemini-2.5-pro'": lambda: llmdex.find("vertex_ai/gemini-2.5-pro"),
    "find bare id 'gpt-4o' (first party)": lambda: llmdex.find("gpt-4o"),
    "find bare id, uncached (explain 'gpt-4o')": lambda: llmdex.explain("gpt-4o"),
    "attribute read GPT_4O.limit": lambda: GPT_4O.limit,
    "attribute read, plain slotted dataclass": lambda: plain.context,
}
out = {}
for name, fn in cases.items():
    fn()
    n = 200_000
    best = min(timeit.repeat(fn, number=n, repeat=7)) / n * 1e9
    empty = min(timeit.repeat(lambda: None, number=n, repeat=7)) / n * 1e9
    out[name] = (best, best - empty)
print(json.dumps(out))
"""


FIRST_FAILURE = """
import sys, time
import llmdex
start = time.perf_counter()
try:
    llmdex.find(sys.argv[1])
except LookupError:
    pass
print((time.perf_counter() - start) * 1e3)
"""

FIRST_FAILURES = {
    "provider's typo 'openai:gpt-4oo'": "openai:gpt-4oo",
    "bare typo, maker known 'gpt-4oo'": "gpt-4oo",
    "bare typo, no maker 'xyzzy-model'": "xyzzy-model",
}

FAILED = """
import json, statistics, time
import llmdex

def fail(spec):
    try:
        llmdex.find(spec)
    except (LookupError, ValueError):
        pass

fail("openai:gpt-4oo")
specs = ["gpt-4oo", "claude-sonet-4", "openai:gpt-4oo", "mistral:mistral-larj", "xyzzy",
         "anthropic:claude-3-opuss", "gemini-2.5-prro", "deepseek-r9", "kimi-k9", "llama-3.1-8bb"]
times = []
for _ in range(20):
    for spec in specs:
        start = time.perf_counter(); fail(spec); times.append(time.perf_counter() - start)
huge = []
for text in ("x" * 1_000_000, "openai:" + "x" * 1_000_000, "x" * 500):
    start = time.perf_counter(); fail(text); huge.append(time.perf_counter() - start)
print(json.dumps({"warm median": statistics.median(times), "warm max": max(times),
                  "1 MB bare": huge[0], "1 MB after a provider": huge[1], "500 characters": huge[2]}))
"""


def failed(runs: int) -> None:
    """Failed lookups: the first in a fresh interpreter (min/median/max of ``runs``,
    interleaved; it includes importing what any first lookup imports), then warm."""
    firsts: dict[str, list[float]] = {name: [] for name in FIRST_FAILURES}
    for _ in range(runs):
        for name, spec in FIRST_FAILURES.items():
            firsts[name].append(float(_python(FIRST_FAILURE, spec).stdout))
    print(f"failed lookups, first in a fresh interpreter (ms: min / median / max of {runs})")
    for name, times in firsts.items():
        low, mid, high = min(times), statistics.median(times), max(times)
        print(f"  {name:<46} {low:>7.2f} / {mid:>7.2f} / {high:>7.2f}")
    figures = json.loads(_python(FAILED).stdout)
    print("failed lookups, warm (ms)")
    for name, seconds in figures.items():
        print(f"  {name:<46} {seconds * 1e3:>9.3f}")


def warm() -> None:
    """Warm per-call latency, best of 7 repeats; also net of the lambda-call overhead."""
    figures = json.loads(_python(WARM).stdout)
    print("warm lookups (ns per call: as measured / minus an empty lambda call)")
    for name, (gross, net) in figures.items():
        print(f"  {name:<46} {gross:>7.0f} / {net:>5.0f}")


def alias_counts() -> None:
    """Aliases per provider in the committed catalog, derived and curated."""
    import importlib
    from collections import Counter

    from llmdex.models._names import MODULES

    ALIASES = {  # noqa: N806 - the generated tables' name
        pid: importlib.import_module(f"llmdex.models._names.{module}").ALIASES
        for pid, module in MODULES.items()
    }
    by_rule = Counter(rule for table in ALIASES.values() for _, rule in table.values())
    print(f"aliases: {dict(by_rule)} in {len(ALIASES)} providers; derived per provider:")
    counts = sorted(
        ((sum(rule == "dated_alias" for _, rule in t.values()), p) for p, t in ALIASES.items()),
        reverse=True,
    )
    print("  " + ", ".join(f"{p} {n}" for n, p in counts if n))


def main() -> None:
    """Print every figure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]} on {sys.platform}")
    cold(args.runs)
    warm()
    failed(args.runs)
    alias_counts()


if __name__ == "__main__":
    main()
