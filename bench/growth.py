"""How regen and lookups scale with the catalog: synthetic payloads at 1x, 4x and 16x 2026-07.

    .venv/bin/python bench/growth.py [--sizes 1 4 16] [--rounds 5]

A payload of n x the size has sqrt(n) x the providers (regional copies such as
``openai-eu``) and sqrt(n) x the models per provider (dated releases such as
``gpt-4o-20250315``, so dated-alias derivation does real work). For each size: regen time,
cold import + first find of one model, the first failed bare lookup, warm find, and loading
every model. Every size is generated first; then each round measures every size in turn
(interleaved, so machine drift hits all alike), and the figures are min / median / max over
the rounds. Interpreters run from a temp directory, outside the checkout.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = ROOT.parent / "shared" / "data" / "models-dev" / "api-2026-07-02.json"
REGIONS = ["", "-eu", "-us", "-apac", "-gov", "-cn", "-jp", "-in"]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def synthesize(payload: dict[str, Any], factor: int) -> dict[str, Any]:
    """A payload ``factor`` times larger, grown in providers and in models per provider."""
    side = round(math.sqrt(factor))
    out: dict[str, Any] = {}
    for pid, provider in payload.items():
        for region in REGIONS[:side]:
            models: dict[str, Any] = {}
            for mid, model in provider["models"].items():
                for copy in range(side):
                    new_id = mid if copy == 0 else f"{mid}-2025{copy:02d}15"
                    models[new_id] = {**model, "id": new_id}
            out[pid + region] = {**provider, "id": pid + region, "models": models}
    return out


def _python(code: str, catalog: Path) -> Any:
    # The grown catalog is a package of its own (`grown`), with llmdex's API.
    prelude = f"import sys; sys.path[:0] = [{str(catalog)!r}, {str(ROOT / 'src')!r}]\n"
    code = code.replace("import llmdex\n", "import grown as llmdex\n")
    result = subprocess.run(
        [sys.executable, "-c", prelude + code],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
        cwd=catalog.parent,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


COLD = (
    "import time, json\nt0 = time.perf_counter()\nimport llmdex\nllmdex.find('openai:gpt-4o')\n"
    "print(json.dumps((time.perf_counter() - t0) * 1e3))"
)
WARM = (
    "import timeit, json\nimport llmdex\nf = lambda: llmdex.find('openai:gpt-4o')\nf()\n"
    "print(json.dumps(min(timeit.repeat(f, number=200_000, repeat=5)) / 200_000 * 1e9))"
)
FULL = (
    "import time, json\n"
    "def rss():\n"
    "    return next(int(l.split()[1]) * 1024 for l in open('/proc/self/status') if l.startswith('VmRSS:'))\n"
    "before = rss()\nt0 = time.perf_counter()\nimport llmdex\n"
    "n = sum(1 for _ in llmdex.all_models())\n"
    "print(json.dumps({'ms': (time.perf_counter() - t0) * 1e3, 'mib': (rss() - before) / 2**20, 'n': n}))"
)


FAILED = (
    "import time, json\nimport llmdex\nt0 = time.perf_counter()\n"
    "try:\n    llmdex.find('gpt-4oo')\nexcept LookupError:\n    pass\n"
    "print(json.dumps((time.perf_counter() - t0) * 1e3))"
)
FIGURES = ("cold_import_find_ms", "first_failed_bare_ms", "warm_find_ns", "all_loaded_ms")


def build(factor: int, base: dict[str, Any], workdir: Path) -> tuple[Path, dict[str, float]]:
    """Generate the catalog of one size; its path, and its sizes and regen time."""
    payload = synthesize(base, factor)
    source = workdir / f"api-x{factor}.json"
    source.write_text(json.dumps(payload))
    catalog = workdir / f"x{factor}"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "codegen", "regen", "--source", str(source), "--no-patches", "--out", str(catalog), "--package", "grown"],
        check=True, cwd=ROOT, capture_output=True, env=ENV,
    )  # fmt: skip
    regen = time.perf_counter() - start
    _python(COLD, catalog)  # writes .pyc files, as an install would have them
    _python(FAILED, catalog)
    models = sum(len(provider["models"]) for provider in payload.values())
    sizes = {"providers": len(payload), "models": models, "payload_bytes": source.stat().st_size}
    return catalog, {**sizes, "regen_s": regen}


def one_round(catalog: Path) -> dict[str, float]:
    """Every timed figure of one size, once."""
    full = _python(FULL, catalog)
    return {
        "cold_import_find_ms": _python(COLD, catalog),
        "first_failed_bare_ms": _python(FAILED, catalog),
        "warm_find_ns": _python(WARM, catalog),
        "all_loaded_ms": full["ms"],
        "all_loaded_mib": full["mib"],
    }


def _spread(values: list[float]) -> str:
    return f"{min(values):.4g} / {statistics.median(values):.4g} / {max(values):.4g}"


def main() -> None:
    """Print one row per size (min / median / max over interleaved rounds), and each figure's
    median relative to the smallest size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if not PAYLOAD.exists():
        print(f"growth: skipped, {PAYLOAD} is absent")
        return
    base = json.loads(PAYLOAD.read_text())
    with tempfile.TemporaryDirectory() as tmp:
        built = {factor: build(factor, base, Path(tmp)) for factor in args.sizes}
        rounds: dict[int, list[dict[str, float]]] = {factor: [] for factor in args.sizes}
        for number in range(args.rounds):
            for factor, (catalog, _) in built.items():
                rounds[factor].append(one_round(catalog))
            print(f"  round {number + 1} of {args.rounds}", file=sys.stderr)
    when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    print(f"growth of {PAYLOAD.name}, {when}, {args.rounds} interleaved rounds: min / median / max")
    for factor, (_, sizes) in built.items():
        print(
            f"{factor}x: {sizes['providers']} providers, {sizes['models']} models, "
            f"{sizes['payload_bytes']:,} payload bytes, regen {sizes['regen_s']:.1f} s"
        )
        for figure in (*FIGURES, "all_loaded_mib"):
            print(f"  {figure:<22} {_spread([r[figure] for r in rounds[factor]])}")
    first = args.sizes[0]
    for factor in args.sizes[1:]:
        ratios = ", ".join(
            f"{figure} {statistics.median(r[figure] for r in rounds[factor]) / statistics.median(r[figure] for r in rounds[first]):.2f}x"
            for figure in FIGURES
        )
        print(f"{factor}x vs {first}x (medians): {ratios}")


if __name__ == "__main__":
    main()
