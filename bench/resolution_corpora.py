"""Resolve two held-out corpora of real model strings and count what each became.

Not run by ``make bench``: the corpora are other projects' files, fetched by hand::

    pip download --no-deps -d /tmp/corpora litellm==1.110.2 pydantic-ai-slim==2.68.0
    cd /tmp/corpora && unzip -o -q 'litellm-*.whl' 'litellm/model_prices_and_context_window_backup.json'
    unzip -o -q 'pydantic_ai_slim-*.whl' 'pydantic_ai/models/_known_model_names.py'
    .venv/bin/python bench/resolution_corpora.py /tmp/corpora/litellm/model_prices_and_context_window_backup.json \
        /tmp/corpora/pydantic_ai/models/_known_model_names.py

Each string is classed exact / via a rule / ambiguous / retired / not found. A rule's answer
is a wrong-answer candidate where LiteLLM prices the string otherwise than the catalog prices
the answer, unless LiteLLM prices the answer's own id the same way (then the two price lists
differ, not the resolution); candidates are listed for reading.
"""

from __future__ import annotations

import ast
import json
import sys
import warnings
from collections import Counter
from decimal import Decimal
from typing import Any

import llmdex
from llmdex.errors import AmbiguousModelError, LlmdexError, ModelRetiredError
from llmdex.resolution.result import Resolution, Rule

_EXACT = {Rule.EXACT, Rule.DIALECT, Rule.FIRST_PARTY, Rule.ONLY_PROVIDER, Rule.PREFERRED}


def classify(spec: str) -> tuple[str, Resolution | None]:
    """The class of ``spec`` and, where found, how."""
    try:
        resolution = llmdex.explain(spec)
    except AmbiguousModelError:
        return "ambiguous", None
    except ModelRetiredError:
        return "retired", None
    except LlmdexError:
        return "not found", None
    exact = Rule.EXACT in resolution.rules and set(resolution.rules) <= _EXACT
    return ("exact" if exact else "via a rule"), resolution


def _per_million(entry: dict[str, Any]) -> tuple[Decimal, Decimal] | None:
    prices = entry.get("input_cost_per_token"), entry.get("output_cost_per_token")
    if not all(isinstance(p, int | float) for p in prices):
        return None
    return tuple((Decimal(repr(p)) * 1_000_000).quantize(Decimal("1e-6")) for p in prices)  # type: ignore[return-value]


def _ours(resolution: Resolution) -> tuple[Decimal, Decimal] | None:
    cost = resolution.model.cost
    if cost is None:
        return None
    return cost.input.quantize(Decimal("1e-6")), cost.output.quantize(Decimal("1e-6"))


def litellm(path: str) -> None:
    """LiteLLM's price JSON: every key as a user passes it to ``completion(model=...)``."""
    with open(path, encoding="utf-8") as file:
        data: dict[str, dict[str, Any]] = json.load(file)
    data.pop("sample_spec", None)
    counts: Counter[str] = Counter()
    found: dict[str, tuple[str, Resolution]] = {}
    for key in data:
        kind, resolution = classify(key)
        counts[kind] += 1
        if resolution is not None:
            found[key] = (kind, resolution)
    # LiteLLM's price for each catalog model it names exactly: the data's own disagreement.
    theirs_exact = {
        r.model.spec: _per_million(data[key]) for key, (kind, r) in found.items() if kind == "exact"
    }
    candidates = []
    for key, (kind, resolution) in found.items():
        ours, theirs = _ours(resolution), _per_million(data[key])
        if kind != "via a rule" or ours is None or theirs is None or ours == theirs:
            continue
        if theirs_exact.get(resolution.model.spec) == theirs:
            continue  # LiteLLM prices the answer's own id so too: price lists differ
        candidates.append(f"  {resolution}  [catalog {ours}, LiteLLM {theirs}]")
    print(f"LiteLLM keys: {len(data)} {dict(counts)}")
    print(f"  rule answers LiteLLM prices otherwise: {len(candidates)}")
    print("\n".join(candidates))


def pydantic_ai(path: str) -> None:
    """pydantic-ai's ``KnownModelName`` literals."""
    with open(path, encoding="utf-8") as file:
        tree = ast.parse(file.read())
    names = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and ":" in node.value
        and not any(c.isspace() for c in node.value)
    ]
    counts: Counter[str] = Counter()
    ruled = []
    for name in names:
        kind, resolution = classify(name)
        counts[kind] += 1
        if kind == "via a rule":
            ruled.append(f"  {resolution}")
    print(f"pydantic-ai KnownModelName: {len(names)} {dict(counts)}")
    print("\n".join(ruled))


def main() -> None:
    """Run both corpora."""
    warnings.simplefilter("ignore")
    litellm(sys.argv[1])
    pydantic_ai(sys.argv[2])


if __name__ == "__main__":
    main()
