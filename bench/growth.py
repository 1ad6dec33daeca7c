"""How regen and lookups scale with the catalog: synthetic payloads at 1x, 4x and 16x 2026-07.

    .venv/bin/python bench/growth.py [--sizes 1 4 16]

A payload of n x the size has sqrt(n) x the providers (regional copies such as
``openai-eu``) and sqrt(n) x the models per provider (dated releases such as
``gpt-4o-20250315``, so dated-alias derivation does real work). For each size: regen time,
cold import + first find of one model, warm find, and loading every model.
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
        [sys.executable, "-c", prelude + code], capture_output=True, text=True, check=True, env=ENV
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


def measure(factor: int, base: dict[str, Any], workdir: Path) -> dict[str, float]:
    """Every figure for one size."""
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
    full = [_python(FULL, catalog) for _ in range(3)]
    return {
        "models": full[0]["n"],
        "providers": len(payload),
        "regen_s": regen,
        "cold_import_find_ms": statistics.median(_python(COLD, catalog) for _ in range(7)),
        "warm_find_ns": _python(WARM, catalog),
        "all_loaded_ms": statistics.median(f["ms"] for f in full),
        "all_loaded_mib": statistics.median(f["mib"] for f in full),
    }


def main() -> None:
    """Print one row per size, and each figure relative to 1x."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    args = parser.parse_args()
    if not PAYLOAD.exists():
        print(f"growth: skipped, {PAYLOAD} is absent")
        return
    base = json.loads(PAYLOAD.read_text())
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for factor in args.sizes:
            rows.append((factor, measure(factor, base, Path(tmp))))
            print(f"  measured {factor}x", file=sys.stderr)
    first = rows[0][1]
    print(
        f"{'size':>5} {'providers':>9} {'models':>7} {'regen s':>8} {'cold import+find ms':>20} {'warm find ns':>12} {'all loaded ms':>13} {'all MiB':>8}"
    )
    for factor, row in rows:
        print(
            f"{factor:>4}x {row['providers']:>9} {row['models']:>7} {row['regen_s']:>8.2f} "
            f"{row['cold_import_find_ms']:>20.2f} {row['warm_find_ns']:>12.0f} "
            f"{row['all_loaded_ms']:>13.1f} {row['all_loaded_mib']:>8.1f}"
        )
    for factor, row in rows[1:]:
        print(
            f"{factor}x vs 1x: regen {row['regen_s'] / first['regen_s']:.1f}x, models "
            f"{row['models'] / first['models']:.1f}x, all loaded {row['all_loaded_ms'] / first['all_loaded_ms']:.1f}x"
        )


if __name__ == "__main__":
    main()
