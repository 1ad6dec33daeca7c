"""Price fixed usages with llmdex and genai-prices for every model both know; report agreement.

A script, not a test. It needs genai-prices, which is not a dependency of llmdex, so run it
with an interpreter that has it (`make bench` builds one):

    bench/.peers/bin/python bench/pricing_agreement.py

llmdex is imported from this checkout (it needs nothing outside the standard library).
"""

from __future__ import annotations

import sys
import timeit
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import genai_prices  # noqa: E402
from genai_prices import data_snapshot  # noqa: E402

import llmdex  # noqa: E402
from llmdex import PriceUnknownError, Usage  # noqa: E402

# (label, usage): llmdex and genai-prices count usage alike (totals with parts, the same names).
USAGES = [
    ("1k in, 100 out", {"input_tokens": 1000, "output_tokens": 100}),
    (
        "100k in (50k cache read), 2k out",
        {"input_tokens": 100_000, "cache_read_tokens": 50_000, "output_tokens": 2000},
    ),
    (
        "10k in (5k cache write), 500 out",
        {"input_tokens": 10_000, "cache_write_tokens": 5000, "output_tokens": 500},
    ),
    ("300k in, 5k out (long context)", {"input_tokens": 300_000, "output_tokens": 5000}),
]


def pairs() -> list[tuple[str, str, object]]:
    """(provider id, model id, genai-prices model) for every model both catalogs list."""
    snapshot = data_snapshot.get_snapshot()
    found = []
    for provider in snapshot.providers:
        if provider.id not in {p.value for p in llmdex.Provider}:
            continue
        for model_id in llmdex.models_of(provider.id):
            match = provider.find_model(model_id)
            if match is not None:
                found.append((provider.id, model_id, match))
    return found


def main() -> None:
    """Print the agreement rate, the largest disagreements and per-call latency."""
    both = pairs()
    compared = agree = within_1pct = 0
    skipped: dict[str, int] = {}
    worst: list[tuple[float, str, str, Decimal, Decimal]] = []
    by_usage: dict[str, list[int]] = {label: [0, 0] for label, _ in USAGES}
    for pid, model_id, _ in both:
        model = llmdex.find(f"{pid}:{model_id}")
        for label, counts in USAGES:
            try:
                mine = model.cost_of(Usage(**counts)).total
            except PriceUnknownError:
                skipped["llmdex has no price"] = skipped.get("llmdex has no price", 0) + 1
                continue
            try:
                peer_usage = genai_prices.Usage(**counts)
                peer = genai_prices.calc_price(peer_usage, model_id, provider_id=pid)
                other = Decimal(str(peer.total_price))
            except Exception as exc:  # count every way the peer declines
                key = f"genai-prices: {type(exc).__name__}"
                skipped[key] = skipped.get(key, 0) + 1
                continue
            compared += 1
            by_usage[label][1] += 1
            if mine == other:
                agree += 1
                by_usage[label][0] += 1
            gap = abs(mine - other) / max(mine, other) if max(mine, other) else Decimal(0)
            if gap <= Decimal("0.01"):
                within_1pct += 1
            worst.append((float(gap), f"{pid}:{model_id}", label, mine, other))
    models = len(both)
    print(f"models both catalogs list: {models}; priced comparisons: {compared}")
    print(f"  exact agreement: {agree}/{compared} = {agree / compared:.1%}")
    print(f"  within 1%:       {within_1pct}/{compared} = {within_1pct / compared:.1%}")
    print(f"  not compared: {skipped}")
    for label, (same, total) in by_usage.items():
        print(f"  exact agreement, {label:<34} {same}/{total} = {same / total:.1%}")
    print("largest disagreements (relative gap, model, usage, llmdex $, genai-prices $):")
    for gap, spec, label, mine, other in sorted(worst, reverse=True)[:12]:
        print(f"  {gap:6.1%}  {spec:<44} {label:<34} {mine:.6f}  {other:.6f}")
    latency()


def latency() -> None:
    """Warm cost of one call with input, output and cached tokens: gpt-4o at openai."""
    model = llmdex.find("openai:gpt-4o")
    counts = {"input_tokens": 100_000, "cache_read_tokens": 50_000, "output_tokens": 2000}
    ours, theirs = Usage(**counts), genai_prices.Usage(**counts)
    assert model.cost_of(ours).total == Decimal(
        str(genai_prices.calc_price(theirs, "gpt-4o", provider_id="openai").total_price)
    )
    cases = {
        "llmdex Model.cost_of(Usage)": lambda: model.cost_of(ours),
        "genai-prices calc_price(Usage, 'gpt-4o', provider_id='openai')": lambda: (
            genai_prices.calc_price(theirs, "gpt-4o", provider_id="openai")
        ),
    }
    print("cost of one call, warm (best of 7 x 20,000 calls):")
    results = {}
    for name, fn in cases.items():
        results[name] = min(timeit.repeat(fn, number=20_000, repeat=7)) / 20_000 * 1e9
        print(f"  {name:<64} {results[name]:>9,.0f} ns")
    mine, other = results.values()
    print(f"  genai-prices / llmdex: {other / mine:.1f}x")


if __name__ == "__main__":
    main()
