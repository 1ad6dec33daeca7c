"""The figures of bench/results.json as tables: the console's, and the README's performance section.

    .venv/bin/python bench/report.py            print the tables of the last `make bench` run
    .venv/bin/python bench/report.py --readme   also rewrite README.md's section from it

bench/peers.py writes bench/results.json (committed, so the README's table is the record of one
run and tests/package/test_readme.py checks that the two agree) and prints these tables.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
README = ROOT / "README.md"
BEGIN = "<!-- bench:begin: bench/report.py writes this section from bench/results.json -->"
END = "<!-- bench:end -->"

FIGURES = [
    ("cold import + first lookup, in-process (ms)", "cold_in_process_ms"),
    ("cold import + first lookup, whole process (ms)", "cold_process_ms"),
    ("warm lookup provider+id (ns)", "lookup_ns"),
    ("warm lookup by alias (ns)", "alias_ns"),
    ("warm lookup bare id (ns)", "bare_ns"),
    ("failed lookup, warm (ns)", "fail_ns"),
    ("attribute read of a field (ns)", "attr_ns"),
    ("cost of one call, input + cached + output (ns)", "cost_ns"),
    ("every model loaded (ms)", "all_loaded_ms"),
    ("every model loaded, peak RSS (MiB)", "all_loaded_peak_mib"),
]


@dataclass(frozen=True)
class Target:
    """One target of the performance issue: llmdex's figure at most ``limit``; where
    ``times`` is set, also at least that many times faster than ``peer`` (or the fastest)."""

    label: str
    key: str
    unit: str
    limit: float
    times: float | None = None
    peer: str | None = None


TARGETS = [
    Target("cold import + first find, in-process", "cold_in_process_ms", "ms", 5, 10),
    Target("cost_of, warm", "cost_ns", "ns", 1500, 5, "model-prices"),
    Target("every model loaded", "all_loaded_ms", "ms", 50),
    Target("every model loaded, memory", "all_loaded_peak_mib", "MiB", 10),
    Target("failed lookup, warm", "fail_ns", "ns", 1_000_000),
    Target("warm find", "lookup_ns", "ns", 100),
]


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def figure_rows(results: dict[str, Any]) -> list[list[str]]:
    """The figures table: one row per figure, one column per package."""
    packages = [p for p in results["packages"] if not p.startswith("(")]
    rows = [["figure", *packages]]
    for label, key in FIGURES:
        rows.append([label, *(_number(results["packages"][p].get(key)) for p in packages)])
    return rows


def target_rows(results: dict[str, Any]) -> list[list[str]]:
    """The targets table: llmdex's figure, the goal, the fastest peer, and whether it is met."""
    packages = results["packages"]
    mine = packages["llmdex"]
    rows = [["target", "goal", "llmdex", "fastest peer", "peer / llmdex", "met"]]
    for target in TARGETS:
        value = mine.get(target.key)
        peers = {
            name: figures[target.key]
            for name, figures in packages.items()
            if name != "llmdex" and figures.get(target.key) is not None
        }
        if target.peer is not None:
            peers = {k: v for k, v in peers.items() if k == target.peer}
        best = min(peers, key=peers.__getitem__, default=None)
        ratio = peers[best] / value if best is not None and value else None
        met = value is not None and value <= target.limit
        goal = f"<= {_number(target.limit)} {target.unit}"
        if target.times is not None:
            goal += f", >= {target.times:g}x {target.peer or 'the fastest peer'}"
            met = met and ratio is not None and ratio >= target.times
        rows.append(
            [
                target.label,
                goal,
                f"{_number(value)} {target.unit}",
                f"{best} {_number(peers[best])} {target.unit}" if best is not None else "-",
                f"{ratio:.1f}x" if ratio is not None else "-",
                "yes" if met else "no",
            ]
        )
    regen = results.get("regen_2026_07_s")
    rows.append(_row_without_peers("regen of the 2026-07 payload", 10.0, "s", regen))
    checks = results.get("typecheck_s", {}).get("mypy cold")
    mypy = checks["with llmdex"] / checks["baseline"] if checks else None
    label = "mypy cold, a file importing llmdex / the same without"
    rows.append(_row_without_peers(label, 1.2, "x", mypy))
    return rows


def _row_without_peers(label: str, limit: float, unit: str, value: float | None) -> list[str]:
    # A target the peers have no figure for: llmdex's value against its limit only.
    space = " " if unit == "s" else ""
    shown = f"{value:.2f}{space}{unit}" if value is not None else "-"
    met = value is not None and value <= limit
    return [label, f"<= {limit:g}{space}{unit}", shown, "-", "-", "yes" if met else "no"]


def text_table(rows: list[list[str]]) -> str:
    """Rows as aligned columns, for the console."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows
    )


def markdown_table(rows: list[list[str]]) -> str:
    """Rows as a Markdown table."""
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def typecheck_lines(results: dict[str, Any]) -> list[str]:
    """One sentence per type checker and phase: seconds with and without llmdex."""
    return [
        f"{check}: {f['with llmdex']:.2f} s with llmdex, {f['baseline']:.2f} s without "
        f"({f['with llmdex'] / f['baseline']:.2f}x)"
        for check, f in results.get("typecheck_s", {}).items()
    ]


def readme_section(results: dict[str, Any]) -> str:
    """The README's performance figures, between the markers."""
    machine = results["machine"]
    bare = results["packages"]["(bare interpreter)"]["cold_process_ms"]
    return "\n\n".join(
        [
            BEGIN,
            f"From one `make bench` run on {results['when'][:10]} ({machine['cpus']} cores, "
            f"Python {machine['python']}, {machine['platform']}; cold figures are medians of "
            "interleaved fresh processes, warm ones the best of 7 repeats). The peers are "
            "installed from PyPI into `bench/.peers`; litellm runs with "
            "`LITELLM_LOCAL_MODEL_COST_MAP=True`. The bare interpreter started in "
            f"{bare:.1f} ms in that run; this machine's speed varies from hour to hour, so "
            "compare figures within one run.",
            markdown_table(figure_rows(results)),
            "The targets of the performance work, against the same run:",
            markdown_table(target_rows(results)),
            "Type-checking a file that imports three model constants and `find`, against the "
            "same file without llmdex (medians of 5 rounds): "
            + "; ".join(typecheck_lines(results))
            + ".",
            END,
        ]
    )


def print_tables(results: dict[str, Any]) -> None:
    """Print the figures, the targets and the type-checking figures, for the console."""
    print(text_table(figure_rows(results)))
    print()
    print(text_table(target_rows(results)))
    for line in typecheck_lines(results):
        print(line)


def write_readme(results: dict[str, Any]) -> None:
    """Replace README.md's section between the markers with :func:`readme_section`."""
    text = README.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    README.write_text(text[:start] + readme_section(results) + text[end:], encoding="utf-8")


def main() -> None:
    """Print the tables of bench/results.json; with --readme, rewrite the README section."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--readme", action="store_true", help="rewrite README.md's section")
    args = parser.parse_args()
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    print_tables(results)
    if args.readme:
        write_readme(results)
        print(f"rewrote the performance section of {README.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
