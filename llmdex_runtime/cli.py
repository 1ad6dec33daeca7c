"""The ``llmdex`` command line, run on the registry a generated catalog hands it.

Exit codes: 0 success; 1 no such model, or an ambiguous one; 2 bad usage or a malformed
spec. Errors go to stderr, with suggestions where there are some.
"""

from __future__ import annotations

import argparse
import json
import sys

from llmdex_runtime.display import exact, table, usd
from llmdex_runtime.errors import InvalidSpecError, LlmdexError
from llmdex_runtime.facts import CAPABILITIES, SORT_KEYS

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (9 ms here)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal
    from typing import Any

    from llmdex_runtime.model import Model
    from llmdex_runtime.registry import Registry

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="llmdex",
        description="An offline catalog of AI models.",
        epilog="Exit codes: 0 ok, 1 not found, ambiguous or a failed call, 2 bad usage or "
        "malformed spec.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("show", help="show one model and how its spec resolved")
    show.add_argument("spec", help='a model spec, e.g. "openai:gpt-4o" or "claude-3-5-sonnet"')
    show.add_argument("--prefer", action="append", help="provider to prefer for a bare id")
    show.add_argument("--json", action="store_true", help="print JSON")
    listing = commands.add_parser("list", help="list models matching filters")
    listing.add_argument("--provider", action="append", help="repeatable")
    listing.add_argument("--family")
    listing.add_argument("--kind", help="chat, embedding, image, audio, ...")
    for flag in CAPABILITIES:
        listing.add_argument(f"--{flag.replace('_', '-')}", action="store_true", dest=flag)
    listing.add_argument("--input-modality")
    listing.add_argument("--output-modality")
    listing.add_argument("--min-context", type=int)
    listing.add_argument("--max-input-price", help="USD per 1M tokens")
    listing.add_argument("--max-output-price", help="USD per 1M tokens")
    listing.add_argument("--status", help="alpha, beta, deprecated, or ga (no status)")
    listing.add_argument("--released-after", help="YYYY-MM or YYYY-MM-DD")
    listing.add_argument("--released-before", help="YYYY-MM or YYYY-MM-DD")
    listing.add_argument("--sort", choices=tuple(SORT_KEYS))
    listing.add_argument("--desc", action="store_true", help="sort descending")
    listing.add_argument("--limit", type=int, help="show at most this many")
    listing.add_argument("--json", action="store_true", help="print JSON")
    comparing = commands.add_parser("compare", help="compare models side by side")
    comparing.add_argument("specs", nargs="+", metavar="spec")
    comparing.add_argument("--json", action="store_true", help="print JSON")
    asking = commands.add_parser("ask", help="send a prompt to a model; print the answer and cost")
    asking.add_argument("spec")
    asking.add_argument("prompt")
    asking.add_argument("--max-tokens", type=int, help="cap the answer's length")
    asking.add_argument("--base-url", help="send to this server instead (e.g. a local one)")
    asking.add_argument("--json", action="store_true", help="print JSON")
    costing = commands.add_parser("cost", help="price one call (tokens take k and M suffixes)")
    costing.add_argument("spec")
    costing.add_argument("--input", type=_tokens, default=0, help="prompt tokens, cached included")
    costing.add_argument("--output", type=_tokens, default=0, help="output tokens")
    costing.add_argument("--cached", type=_tokens, default=0, help="of --input, read from cache")
    costing.add_argument("--cache-write", type=_tokens, default=0, help="of --input, cache writes")
    costing.add_argument("--reasoning", type=_tokens, default=0, help="reasoning tokens")
    costing.add_argument("--mode", help="a priced mode, e.g. fast")
    costing.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _tokens(text: str) -> int:
    """``120k`` -> 120000, ``1.5M`` -> 1500000; plain integers as they are."""
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:].lower(), 1)
    number = text[:-1] if scale != 1 else text
    try:
        value = float(number) * scale if scale != 1 else int(number)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a token count like 2000, 120k or 1.5M"
        ) from None
    if value < 0 or value != int(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole, non-negative token count")
    return int(value)


def run(registry: Registry, argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "show":
            return _show(registry, args)
        if args.command == "list":
            return _list(registry, args)
        if args.command == "cost":
            return _cost(registry, args)
        if args.command == "ask":
            return _ask(registry, args)
        comparison = registry.compare(*args.specs)
    except InvalidSpecError as exc:
        print(f"llmdex: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (LlmdexError, LookupError) as exc:
        print(f"llmdex: {exc}", file=sys.stderr)
        return EXIT_NOT_FOUND
    except ValueError as exc:
        print(f"llmdex: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps(comparison.to_dict(), indent=2) if args.json else comparison)
    return EXIT_OK


def _show(registry: Registry, args: argparse.Namespace) -> int:
    resolution = registry.explain(args.spec, prefer=args.prefer)
    model = resolution.model
    if args.json:
        out = {
            "spec": model.spec,
            "kind": model.kind.value,
            "resolved": {
                "rules": [r.value for r in resolution.rules],
                "steps": list(resolution.steps),
            },
            **model.to_dict(),
        }
        print(json.dumps(out, indent=2))
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
        rows.append(("price in", _per_million(model.cost.input)))
        rows.append(("price out", _per_million(model.cost.output)))
    else:
        rows.append(("price", "unknown"))
    rows.append(("released", str(model.release_date)))
    if model.status is not None:
        rows.append(("status", model.status.value))
    if not resolution.exact:
        rows.append(("resolved", "; ".join(resolution.steps)))
    print(table(rows))
    return EXIT_OK


def _list(registry: Registry, args: argparse.Namespace) -> int:
    criteria: dict[str, Any] = {
        name: getattr(args, name)
        for name in (
            "family", "kind", "input_modality", "output_modality", "min_context",
            "max_input_price", "max_output_price", "status", "released_after", "released_before",
        )
        if getattr(args, name) is not None
    }  # fmt: skip
    criteria.update({flag: True for flag in CAPABILITIES if getattr(args, flag)})
    if args.provider:
        criteria["provider"] = tuple(args.provider)
    selection = registry.catalog().where(**criteria)
    if args.sort:
        selection = selection.sort(args.sort, descending=args.desc)
    models = list(selection)[: args.limit] if args.limit is not None else list(selection)
    if args.json:
        print(
            json.dumps(
                [{"spec": m.spec, "kind": m.kind.value, **m.to_dict()} for m in models], indent=2
            )
        )
        return EXIT_OK
    header = ("spec", "kind", "context", "output", "in $/1M", "out $/1M", "released")
    print(table([header, *(_row(m) for m in models)]))
    print(f"{len(models)} models", file=sys.stderr)
    return EXIT_OK


def _ask(registry: Registry, args: argparse.Namespace) -> int:
    from llmdex_runtime.client import Client

    params = {} if args.max_tokens is None else {"max_tokens": args.max_tokens}
    model = registry.resolve(args.spec)
    if args.base_url:
        model = registry.resolve(model, base_url=args.base_url)
    result = Client(registry=registry).complete(model, args.prompt, **params)
    cost = usd(result.cost.total) if result.cost is not None else "unknown"
    if args.json:
        out = {
            "spec": result.model.spec,
            "text": result.text,
            "usage": {"input": result.usage.prompt_tokens, "output": result.usage.output},
            "cost_usd": None if result.cost is None else exact(result.cost.total),
            "cost_error": result.cost_error,
        }
        print(json.dumps(out, indent=2))
        return EXIT_OK
    print(result.text)
    why = f" ({result.cost_error})" if result.cost_error else ""
    print(
        f"-- {result.model.spec}: {result.usage.prompt_tokens} in, "
        f"{result.usage.output + result.usage.reasoning} out, cost {cost}{why}",
        file=sys.stderr,
    )
    return EXIT_OK


def _cost(registry: Registry, args: argparse.Namespace) -> int:
    from llmdex_runtime.usage import Usage

    model = registry.find(args.spec)
    cached = args.cached + args.cache_write
    if cached > args.input:
        raise ValueError(f"--cached and --cache-write ({cached}) exceed --input ({args.input})")
    usage = Usage(
        input=args.input - cached,
        cache_read=args.cached,
        cache_write=args.cache_write,
        output=args.output,
        reasoning=args.reasoning,
    )
    result = model.cost_of(usage, mode=args.mode)
    if args.json:
        out = {
            "spec": result.model.spec,
            "total_usd": exact(result.total),
            "breakdown_usd": {k: exact(v) for k, v in result.breakdown.items()},
            "tier": result.tier,
            "mode": result.mode,
            "notes": list(result.notes),
        }
        print(json.dumps(out, indent=2))
        return EXIT_OK
    rows = [("model", result.model.spec)]
    rows += [(name, usd(amount)) for name, amount in result.breakdown.items()]
    rows.append(("total", usd(result.total)))
    if result.tier is not None:
        rows.append(("tier", f"prompt over {result.tier:,} tokens"))
    if result.mode is not None:
        rows.append(("mode", result.mode))
    rows += [("note", note) for note in result.notes]
    print(table(rows))
    return EXIT_OK


def _per_million(price: Decimal | None) -> str:
    return "-" if price is None else f"{usd(price)} / 1M tokens"


def _row(model: Model) -> tuple[str, ...]:
    cost = model.cost
    return (
        model.spec,
        model.kind.value,
        f"{model.limit.context:,}",
        f"{model.limit.output:,}",
        "-" if cost is None or cost.input is None else exact(cost.input),
        "-" if cost is None or cost.output is None else exact(cost.output),
        str(model.release_date),
    )
