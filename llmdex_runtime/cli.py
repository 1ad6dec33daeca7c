"""The ``llmdex`` command line, run on the tables a generated catalog hands it."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from llmdex_runtime.errors import LlmdexError
from llmdex_runtime.registry import Registry

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2


def run(registry: Registry, argv: Sequence[str] | None = None) -> int:
    """Run one command; exit 0 on success, 1 when a model is not found, 2 on bad usage."""
    parser = argparse.ArgumentParser(prog="llmdex", description="An offline catalog of AI models.")
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("show", help="show one model")
    show.add_argument("spec", help='a model spec, e.g. "openai:gpt-4o"')
    show.add_argument("--json", action="store_true", help="print the models.dev object")
    args = parser.parse_args(argv)
    try:
        model = registry.find(args.spec)
    except LlmdexError as exc:
        print(f"llmdex: {exc}", file=sys.stderr)
        return EXIT_NOT_FOUND
    if args.json:
        print(json.dumps({"spec": model.spec, **model.to_dict()}, indent=2))
        return EXIT_OK
    rows = [
        ("spec", model.spec),
        ("name", model.name),
        ("kind", model.kind.value),
        ("context", f"{model.limit.context:,}"),
        ("max output", f"{model.limit.output:,}"),
        ("input", ", ".join(model.modalities.input)),
        ("output", ", ".join(model.modalities.output)),
    ]
    if model.cost is not None:
        rows.append(("price in", f"${model.cost.input} / 1M tokens"))
        rows.append(("price out", f"${model.cost.output} / 1M tokens"))
    else:
        rows.append(("price", "unknown"))
    rows.append(("released", str(model.release_date)))
    if model.status is not None:
        rows.append(("status", model.status.value))
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return EXIT_OK
