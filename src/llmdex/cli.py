"""The ``llmdex`` command line, run on the catalog a generated catalog hands it.

Exit codes: 0 success; 1 no such model, an ambiguous one, or a failed call; 2 bad usage (a
malformed spec or value, an unknown option). Every failure is one line on stderr, or with
``--json`` one JSON error object on stdout; output to a closed pipe ends quietly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from llmdex.errors import LlmdexError
from llmdex.views.display import cell, exact, table, usd
from llmdex.views.facts import CAPABILITIES, SORT_KEYS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from decimal import Decimal
    from typing import Any

    from llmdex.facade import Catalog
    from llmdex.records.model import Model
    from llmdex.records.partial_date import PartialDate

_MAX_AGE = 90
"""Days after which ``llmdex info`` calls the data stale, unless told otherwise."""
_AGE_VARIABLE = "LLMDEX_MAX_DATA_AGE"

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    # argparse prints a usage block; one line is enough, and --json wants an object.
    def error(self, message: str) -> Any:
        raise _UsageError(f"{self.prog}: {message}")


class _UsageError(Exception):
    # Bad command-line usage; under --json its type reads "UsageError".
    code = "usage"


def _tokens(text: str) -> int:
    """``120k`` -> 120000, ``1.5M`` -> 1500000; plain whole numbers as they are."""
    from decimal import Decimal, InvalidOperation

    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:].lower(), 1)
    try:
        value = Decimal(text[:-1] if scale != 1 else text) * scale
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0 or value != value.to_integral_value():
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole, non-negative token count like 2000, 120k or 1.5M"
        )
    return int(value)


def _price(text: str) -> Decimal:
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a price in USD per 1M tokens")
    return value


def _date(text: str) -> PartialDate:
    from llmdex.errors import InvalidDateError
    from llmdex.records.partial_date import PartialDate

    try:
        date = PartialDate.parse(text)
    except InvalidDateError:
        date = None
    if date is None or not date.is_valid:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-05 or 2024-05-13")
    return date


def _day(text: str) -> str:
    from llmdex.past.log import as_of_date

    try:
        return as_of_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day like 2025-09-15") from None


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number, 0 or more")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="llmdex",
        description="An offline catalog of AI models.",
        epilog="Exit codes: 0 ok, 1 not found, ambiguous or a failed call, 2 bad usage or "
        "malformed spec.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    show = commands.add_parser("show", help="show one model and how its spec resolved")
    show.add_argument("spec", help='a model spec, e.g. "openai:gpt-4o" or "claude-3-5-sonnet"')
    show.add_argument("--prefer", action="append", help="provider to prefer for a bare id")
    show.add_argument("--at", type=_day, help="YYYY-MM-DD: the model as the catalog listed it")
    listing = commands.add_parser("list", help="list models matching filters")
    listing.add_argument("--provider", action="append", help="repeatable")
    listing.add_argument("--family")
    listing.add_argument("--kind", help="chat, embedding, image, audio, ...")
    for flag in CAPABILITIES:
        listing.add_argument(f"--{flag.replace('_', '-')}", action="store_true", dest=flag)
    listing.add_argument("--input-modality")
    listing.add_argument("--output-modality")
    listing.add_argument("--min-context", type=_tokens, help="tokens, e.g. 128k or 1M")
    listing.add_argument("--max-input-price", type=_price, help="USD per 1M tokens")
    listing.add_argument("--max-output-price", type=_price, help="USD per 1M tokens")
    listing.add_argument("--status", choices=("alpha", "beta", "deprecated", "ga"))
    listing.add_argument("--released-after", type=_date, help="YYYY-MM or YYYY-MM-DD")
    listing.add_argument("--released-before", type=_date, help="YYYY-MM or YYYY-MM-DD")
    listing.add_argument("--sort", choices=tuple(SORT_KEYS))
    listing.add_argument("--desc", action="store_true", help="sort descending")
    listing.add_argument("--limit", type=_count, help="show at most this many")
    comparing = commands.add_parser("compare", help="compare models side by side")
    comparing.add_argument("specs", nargs="+", metavar="spec")
    asking, checking = _client_commands(commands)
    costing = commands.add_parser("cost", help="price one call (tokens take k and M suffixes)")
    costing.add_argument("spec")
    # The flags are Usage's fields: two totals, and the parts of each.
    for names, what in _COST_FLAGS:
        costing.add_argument(*names, type=_tokens, default=0, help=what)
    costing.add_argument("--mode", help="a priced mode, e.g. fast")
    costing.add_argument("--at", type=_day, help="YYYY-MM-DD: at the prices of that day")
    repricing = commands.add_parser(
        "reprice", help="price a log of calls (JSONL or CSV), each at its day's prices"
    )
    repricing.add_argument("log", metavar="LOG", help="a .jsonl or .csv file of calls")
    repricing.add_argument(
        "--lenient", action="store_true", help="price what can be, noting what cannot"
    )
    about = commands.add_parser("info", help="where the data came from, and how old it is")
    about.add_argument(
        "--max-age",
        type=_count,
        help=f"days after which the data counts as stale (default ${_AGE_VARIABLE} or {_MAX_AGE})",
    )
    past = commands.add_parser("history", help="when a model was listed, and every change to it")
    past.add_argument("spec")
    changes = commands.add_parser("diff", help="what changed between two catalogs")
    changes.add_argument(
        "before",
        nargs="?",
        help="a day (YYYY-MM-DD), a payload file, or 'catalog' (default: the previous payload)",
    )
    changes.add_argument("after", nargs="?", default="catalog", help="likewise (default: catalog)")
    changes.add_argument("--markdown", action="store_true", help="print Markdown")
    syncing, exporting = _output_commands(commands)
    outputs = (
        show,
        listing,
        comparing,
        asking,
        checking,
        costing,
        repricing,
        about,
        past,
        changes,
        syncing,
    )
    for command in (*outputs, exporting):
        command.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _client_commands(commands: Any) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    # The commands that call a provider: both send keys only where --base-url allows.
    asking = commands.add_parser("ask", help="send a prompt to a model; print the answer and cost")
    asking.add_argument("spec")
    asking.add_argument("prompt")
    asking.add_argument("--max-tokens", type=_count, help="cap the answer's length")
    asking.add_argument(
        "--base-url", help="send to this server instead (e.g. a local one); no provider key goes"
    )
    asking.add_argument(
        "--key-env", metavar="VAR", help="the variable holding the key for --base-url's server"
    )
    asking.add_argument(
        "--allow-insecure-http",
        action="store_true",
        help="let a key go over plain http:// to another machine (a network you trust)",
    )
    checking = commands.add_parser(
        "reconcile", help="compare the catalog with what a provider's model-list API serves"
    )
    checking.add_argument("provider", help="a provider id, e.g. openai or openrouter")
    checking.add_argument("--base-url", help="ask this server's list instead")
    checking.add_argument("--key-env", metavar="VAR", help="the variable holding --base-url's key")
    checking.add_argument(
        "--allow-insecure-http", action="store_true", help="let a key go over plain http://"
    )
    checking.add_argument(
        "--write-patches", metavar="FILE", help="write the changes as a patch file to review"
    )
    return asking, checking


def _output_commands(commands: Any) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    database = commands.add_parser("db", help="the catalog in SQLite or PostgreSQL")
    actions = database.add_subparsers(dest="action", required=True, parser_class=_Parser)
    syncing = actions.add_parser("sync", help="write the catalog into a database")
    syncing.add_argument(
        "url", nargs="?", help="sqlite:///FILE or postgresql://... (default sqlite:///llmdex.db)"
    )
    syncing.add_argument("--dry-run", action="store_true", help="report what would change")
    syncing.add_argument(
        "--allow-older", action="store_true", help="write a catalog older than the database's"
    )
    exporting = commands.add_parser("export", help="write the database tables as files")
    exporting.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    exporting.add_argument("--out", default="llmdex-export", help="directory (default %(default)s)")
    site = commands.add_parser("site", help="write a static, offline site of the catalog")
    site.add_argument(
        "out_dir", metavar="OUT_DIR", help="a new or empty directory, or an earlier site's"
    )
    # Parsed by the generator itself (`_regen`); here for --help.
    commands.add_parser(
        "regen",
        help="write a catalog package of your own from a payload and your patches"
        " (pip install 'llmdex[regen]'; llmdex regen --help)",
        add_help=False,
    )
    return syncing, exporting


def _regen(arguments: list[str]) -> int:
    # The generator ships in the wheel as llmdex._codegen; its dependencies come with the
    # `regen` extra. Imported by name so the runtime's type check never walks into it.
    import importlib

    try:
        generator = importlib.import_module("llmdex._codegen.__main__")
    except ImportError as exc:
        print(
            f"llmdex regen needs the generator's dependencies ({exc.name or exc}): "
            "pip install 'llmdex[regen]'",
            file=sys.stderr,
        )
        return EXIT_USAGE
    code: int = generator.user_main(arguments)
    return code


def main() -> int:
    """The ``llmdex`` command on the catalog this package ships."""
    from llmdex.facade import SHIPPED

    return run(SHIPPED)


def run(catalog: Catalog, argv: Sequence[str] | None = None) -> int:
    """Run one command on the catalog ``catalog`` and return its exit code."""
    import warnings

    arguments = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in arguments
    if arguments[:1] == ["regen"]:
        return _regen(arguments[1:])
    if arguments == ["--version"]:
        info = catalog.catalog_info()
        _write(
            f"llmdex {info.llmdex_version}, data of {info.date} ({info.age()} days old): "
            f"{info.models:,} models from {info.providers} providers"
        )
        return EXIT_OK
    try:
        try:
            args = _parser().parse_args(arguments)
            with warnings.catch_warnings():
                warnings.showwarning = _warning_line
                return _COMMANDS[args.command](catalog, args)
        except _UsageError as exc:
            return _fail(exc, EXIT_USAGE, as_json)
        except (LlmdexError, LookupError, ValueError) as exc:
            # A ValueError is input the user can fix; the rest is "not found" or a failed call.
            return _fail(exc, EXIT_USAGE if isinstance(exc, ValueError) else EXIT_FAILED, as_json)
        except ImportError as exc:  # the client without requests
            return _fail(exc, EXIT_FAILED, as_json)
    except BrokenPipeError:
        # The reader stopped (``llmdex list | head``): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # stdout itself failed (a full disk)
        print(f"llmdex: cannot write the output: {exc.strerror}", file=sys.stderr)
        return EXIT_FAILED


def _warning_line(message: Warning | str, *_: object, **__: object) -> None:
    # A warning is one line for the person at the terminal, not Python's source excerpt.
    print(f"llmdex: warning: {message}", file=sys.stderr)


def _fail(error: BaseException, code: int, as_json: bool) -> int:
    from llmdex.views.json_form import error_form

    if as_json:
        _emit(error_form(error))
    else:
        text = getattr(error, "cli", None) or str(error)
        message = text.splitlines()[0] if text else type(error).__name__
        # A usage error already names the command ("llmdex cost: ...").
        print(message if isinstance(error, _UsageError) else f"llmdex: {message}", file=sys.stderr)
    return code


def _emit(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2) + "\n")
    sys.stdout.flush()


def _show(catalog: Catalog, args: argparse.Namespace) -> int:
    from llmdex.views.json_form import json_form

    if args.at is not None:
        from llmdex.resolution.result import Resolution, Rule

        model = catalog.find(args.spec, prefer=args.prefer, at=args.at)
        resolution = Resolution(requested=args.spec, model=model, rules=(Rule.EXACT,), steps=())
    else:
        resolution = catalog.explain(args.spec, prefer=args.prefer)
        model = resolution.model
    if args.json:
        steps = {"rules": [r.value for r in resolution.rules], "steps": list(resolution.steps)}
        _emit({"model": json_form(model), "resolution": {"requested": args.spec, **steps}})
        return EXIT_OK
    rows = [
        ("spec", model.spec),
        ("name", model.name),
        ("kind", model.kind.value),
        ("context", cell(model.limit.context)),
        ("max output", cell(model.limit.output)),
        ("input", ", ".join(model.modalities.input)),
        ("output", ", ".join(model.modalities.output)),
    ]
    rows += _price_rows(model) or [("price", "unknown")]
    rows.append(("released", str(model.release_date)))
    if model.status is not None:
        rows.append(("status", model.status.value))
    if not resolution.exact:
        rows.append(("resolved", "; ".join(resolution.steps)))
    _write(table(rows))
    return EXIT_OK


def _list(catalog: Catalog, args: argparse.Namespace) -> int:
    from llmdex.views.json_form import json_form

    names = (
        "family", "kind", "input_modality", "output_modality", "min_context",
        "max_input_price", "max_output_price", "status", "released_after", "released_before",
    )  # fmt: skip
    criteria: dict[str, Any] = {n: getattr(args, n) for n in names if getattr(args, n) is not None}
    criteria.update({flag: True for flag in CAPABILITIES if getattr(args, flag)})
    if args.provider:
        criteria["provider"] = tuple(args.provider)
    selection = catalog.catalog().where(**criteria)
    if args.sort:
        selection = selection.sort(args.sort, reverse=args.desc)
    models = selection[: args.limit] if args.limit is not None else list(selection)
    if args.json:
        _emit([json_form(m) for m in models])
        return EXIT_OK
    header = ("spec", "kind", "context", "output", "in $/1M", "out $/1M", "released")
    _write(table([header, *(_row(m) for m in models)]))
    print(f"{len(models)} models", file=sys.stderr)
    if not models:
        for line in _nothing_has(catalog, args):
            print(line, file=sys.stderr)
    return EXIT_OK


def _nothing_has(catalog: Catalog, args: argparse.Namespace) -> list[str]:
    # A filter value no model in the whole catalog has is likely a typo: say what exists.
    import difflib

    facts: dict[str, Callable[[Model], Sequence[str]]] = {
        "family": lambda m: (m.family,) if m.family else (),
        "input_modality": lambda m: m.modalities.input,
        "output_modality": lambda m: m.modalities.output,
    }
    lines = []
    for name, values_of in facts.items():
        wanted = getattr(args, name)
        if wanted is None:
            continue
        known = sorted({value for model in catalog.all_models() for value in values_of(model)})
        if wanted in known:
            continue
        flag = f"--{name.replace('_', '-')}"
        near = [v for v in known if v.startswith(wanted)][:8] or difflib.get_close_matches(
            wanted, known, n=5
        )
        if len(known) <= 12:
            hint = f"the catalog has: {', '.join(known)}"
        elif near:
            hint = f"close ones: {', '.join(near)}"
        else:
            hint = f"the catalog has {len(known)} others"
        lines.append(f"llmdex list: no model has {flag} {wanted!r}; {hint}")
    return lines


def _compare(catalog: Catalog, args: argparse.Namespace) -> int:
    from llmdex.views.json_form import json_form

    comparison = catalog.compare(*args.specs)
    if args.json:
        _emit({"models": [json_form(m) for m in comparison.models]})
    else:
        _write(str(comparison))
    return EXIT_OK


def _ask(catalog: Catalog, args: argparse.Namespace) -> int:
    from llmdex.client import Client
    from llmdex.views.json_form import cost_form, json_form

    params = {} if args.max_tokens is None else {"max_tokens": args.max_tokens}
    overrides = {} if args.base_url is None else {"base_url": args.base_url}
    model = catalog.resolve(args.spec, **overrides)
    client = Client(catalog=catalog, allow_insecure_http=args.allow_insecure_http)
    result = client.complete(model, args.prompt, api_key=_key_from(args), **params)
    if args.json:
        _emit(
            {
                "spec": result.model.spec,
                "text": result.text,
                "usage": json_form(result.usage),
                "cost": None if result.cost is None else cost_form(result.cost),
                "cost_error": result.cost_error,
            }
        )
        return EXIT_OK
    _write(result.text)
    cost = usd(result.cost.total) if result.cost is not None else "unknown"
    why = f" ({result.cost_error})" if result.cost_error else ""
    print(
        f"-- {result.model.spec}: {result.usage.input_tokens} in, "
        f"{result.usage.output_tokens} out, cost {cost}{why}",
        file=sys.stderr,
    )
    return EXIT_OK


def _key_from(args: argparse.Namespace) -> str | None:
    # --key-env names where the key for --base-url's server is: never the provider's own.
    if args.key_env is None:
        return None
    if args.base_url is None:
        raise _UsageError(
            f"llmdex {args.command}: --key-env names the key for --base-url; give both"
        )
    key = os.environ.get(args.key_env)
    if not key:
        raise _UsageError(f"llmdex {args.command}: --key-env {args.key_env} is not set; export it")
    return key


def _reconcile(catalog: Catalog, args: argparse.Namespace) -> int:
    from llmdex.client import Client
    from llmdex.views.reconciliation import reconcile

    target = None
    if args.write_patches is not None:
        target = os.path.abspath(args.write_patches)
        if os.path.exists(target):
            raise _UsageError(
                f"llmdex reconcile: --write-patches {args.write_patches} exists; name a new file"
            )
    client = Client(catalog=catalog, allow_insecure_http=args.allow_insecure_http)
    report = reconcile(
        catalog, args.provider, base_url=args.base_url, api_key=_key_from(args), client=client
    )
    if target is not None:
        _write_new(target, json.dumps(report.patches(), indent=2, ensure_ascii=False) + "\n")
    if args.json:
        _emit(report.to_dict())
    else:
        _write(str(report))
    if target is not None:
        print(
            f"wrote {len(report.patches()['patches'])} patch entries to {args.write_patches}; "
            "review them before a regen takes them",
            file=sys.stderr,
        )
    return EXIT_OK


def _write_new(path: str, text: str) -> None:
    # Whole or not at all, and never over a file that appeared meanwhile.
    try:
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise _UsageError(f"llmdex reconcile: {path} exists; name a new file") from None
    except OSError as exc:
        raise _UsageError(f"llmdex reconcile: cannot write {path}: {exc.strerror}") from None


_COST_FLAGS = (
    (("--input",), "every input token, cache reads and writes and audio included"),
    (("--output",), "every output token, reasoning and audio included"),
    (("--cache-read", "--cached"), "of --input, read from the cache"),
    (("--cache-write",), "of --input, written to the cache"),
    (("--input-audio",), "of --input, audio"),
    (("--reasoning",), "of --output, reasoning"),
    (("--output-audio",), "of --output, audio"),
)
"""The flags of ``llmdex cost``: ``Usage``'s fields (``--input`` is ``input_tokens``, ...)."""


def _dest(flag: str) -> str:
    return flag.lstrip("-").replace("-", "_")


def _cost(catalog: Catalog, args: argparse.Namespace) -> int:
    from llmdex.pricing.usage import Usage
    from llmdex.views.json_form import cost_form

    model = catalog.find(args.spec, at=args.at)
    for total, parts in (
        ("--input", ("--cache-read", "--cache-write", "--input-audio")),
        ("--output", ("--reasoning", "--output-audio")),
    ):
        given = [(part, getattr(args, _dest(part))) for part in parts]
        given = [(part, n) for part, n in given if n]
        if sum(n for _, n in given) > getattr(args, _dest(total)):
            named = " + ".join(f"{part} ({n})" for part, n in given)
            raise _UsageError(
                f"llmdex cost: {named} exceed {total} ({getattr(args, _dest(total))}), which "
                f"includes {'them' if len(given) > 1 else 'it'}"
            )
    usage = Usage(
        input_tokens=args.input,
        cache_read_tokens=args.cache_read,
        cache_write_tokens=args.cache_write,
        input_audio_tokens=args.input_audio,
        output_tokens=args.output,
        reasoning_tokens=args.reasoning,
        output_audio_tokens=args.output_audio,
    )
    result = model.cost_of(usage, mode=args.mode)
    if args.json:
        _emit(cost_form(result))
        return EXIT_OK
    rows = [("model", result.model.spec)]
    rows += [(name, usd(amount)) for name, amount in result.breakdown.items()]
    rows.append(("total", usd(result.total)))
    if result.tier is not None:
        rows.append(("tier", f"prompt over {result.tier:,} tokens"))
    if result.mode is not None:
        rows.append(("mode", result.mode))
    rows += [("note", note) for note in result.notes]
    _write(table(rows))
    return EXIT_OK


def _bar(done: int, size: int, width: int = 30) -> str:
    """``llmdex reprice [#########.........]  31% `` for ``done`` bytes of ``size``; only the
    label where the size is unknown (a pipe)."""
    if size <= 0:
        return "llmdex reprice: "
    share = min(done / size, 1.0)
    filled = int(share * width)
    return f"llmdex reprice [{'#' * filled}{'.' * (width - filled)}] {share:4.0%} "


def _reprice(catalog: Catalog, args: argparse.Namespace) -> int:
    from llmdex.pricing.reprice import KEPT, PROGRESS_EVERY, lines_of, reprice

    try:
        log = open(args.log, "rb")  # noqa: SIM115 - closed below, after the stream is read
    except OSError as exc:
        raise _UsageError(f"llmdex reprice: cannot read LOG {args.log}: {exc.strerror}") from None
    size = os.fstat(log.fileno()).st_size if log.seekable() else 0

    def progress(rows: int) -> None:
        print(f"\r{_bar(log.tell(), size)}{rows:,} rows", end="", file=sys.stderr, flush=True)

    with log:
        result = reprice(
            catalog.find,
            lines_of(log),
            csv_header=args.log.lower().endswith(".csv"),
            lenient=args.lenient,
            progress=progress if sys.stderr.isatty() else None,
        )
    if sys.stderr.isatty() and result.rows >= PROGRESS_EVERY:
        print(file=sys.stderr)
    if args.json:
        _emit(
            {
                "total": exact(result.total),
                "currency": "USD",
                "rows": result.rows,
                "priced": result.priced,
                "noted": result.notes,
                "by_model": {k: exact(v) for k, v in sorted(result.by_model.items())},
                "by_day": {k: exact(v) for k, v in sorted(result.by_day.items())},
                "refused_count": result.refused_count,
                "refused": [{"line": n, "why": why} for n, why in result.refused],
            }
        )
    else:
        rows = [
            ("rows", f"{result.rows:,}"),
            ("priced", f"{result.priced:,}"),
            ("refused", f"{result.refused_count:,}"),
            ("total", f"{usd(result.total)} ({exact(result.total)})"),
        ]
        rows += [(f"model {k}", usd(v)) for k, v in sorted(result.by_model.items())]
        rows += [(f"day {k}", usd(v)) for k, v in sorted(result.by_day.items())]
        rows += [(f"line {n}", why) for n, why in result.refused]
        if result.refused_count > KEPT:
            rows.append(("...", f"{result.refused_count - KEPT:,} more refused rows"))
        _write(table(rows))
    # Some calls could not be priced: the total leaves them out, and the exit code says so.
    return EXIT_FAILED if result.refused_count else EXIT_OK


def _info(catalog: Catalog, args: argparse.Namespace) -> int:
    from llmdex.records.record import fields

    info = catalog.catalog_info()
    about = {name: getattr(info, name) for name in fields(type(info))}
    limit = args.max_age
    if limit is None:
        given = os.environ.get(_AGE_VARIABLE, str(_MAX_AGE))
        if not given.isdigit():
            raise _UsageError(
                f"llmdex info: ${_AGE_VARIABLE} is {given[:20]!r}, not a number of days"
            )
        limit = int(given)
    age = info.age()
    if args.json:
        _emit({**about, "age_days": age, "stale": age > limit, "max_age_days": limit})
    else:
        rows = [(name.replace("_", " "), str(value)) for name, value in about.items()]
        _write(table([*rows, ("age", f"{age} days")]))
    if age > limit:
        print(
            f"llmdex: warning: the data is {age} days old (over {limit}); upgrade llmdex, or "
            "regenerate the catalog from a newer models.dev payload",
            file=sys.stderr,
        )
    return EXIT_OK


def _history(catalog: Catalog, args: argparse.Namespace) -> int:
    from llmdex.past.log import FIRST_LISTED, NO_LONGER_LISTED
    from llmdex.views.json_form import json_form

    history = catalog.history(args.spec)
    if args.json:
        _emit(json_form(history))
        return EXIT_OK
    state = "listed" if history.listed else "no longer listed"
    lines = [
        f"{history.spec}: first listed {history.first_seen}, last {history.last_seen} ({state})"
    ]
    rows = [("date", "field", "from", "to")]
    for change in history.changes:
        if change.kind == FIRST_LISTED:
            rows.append((change.date, "(listed)", "", ""))
        elif change.kind == NO_LONGER_LISTED:
            rows.append((change.date, "(no longer listed)", "", ""))
        else:
            rows.append((change.date, change.path, _value(change.old), _value(change.new)))
    _write("\n".join([*lines, table(rows)]))
    return EXIT_OK


def _value(value: object) -> str:
    return "-" if value is None else json.dumps(value, ensure_ascii=False)[:60]


def _diff(catalog: Catalog, args: argparse.Namespace) -> int:
    from llmdex.past.changes import diff, side

    before = args.before
    if before is None:
        snapshots = catalog.past.log.snapshots
        before = snapshots[-2] if len(snapshots) > 1 else "catalog"
    before_label, old = side(catalog, before)
    after_label, new = side(catalog, args.after)
    result = diff(old, new, before_label, after_label)
    if args.json:
        _emit(result.to_json())
    else:
        _write(result.markdown() if args.markdown else result.text())
    return EXIT_OK


def _db(catalog: Catalog, args: argparse.Namespace) -> int:
    from llmdex.db.database import DEFAULT_URL
    from llmdex.db.synchronize import sync_catalog

    url = args.url or DEFAULT_URL
    report = sync_catalog(catalog, url, dry_run=args.dry_run, allow_older=args.allow_older)
    if args.json:
        tables = {
            t.table: {
                k: getattr(t, k) for k in ("inserted", "updated", "marked", "deleted", "kept")
            }
            for t in report.tables
        }
        _emit(
            {
                "url": report.url,
                "catalog": report.catalog.date,
                "schema": {"before": report.schema_before, "after": report.schema_after},
                "dry_run": report.dry_run,
                "changed": report.changed,
                "tables": tables,
            }
        )
    else:
        _write(str(report))
    return EXIT_OK


def _export(catalog: Catalog, args: argparse.Namespace) -> int:
    from llmdex.db.export_files import export_tables

    paths = export_tables(catalog, args.out, format=args.format)
    if args.json:
        _emit([str(p) for p in paths])
    else:
        _write("\n".join(str(p) for p in paths))
    return EXIT_OK


def _site(catalog: Catalog, args: argparse.Namespace) -> int:
    from llmdex.site.build import build

    _write(str(build(catalog, args.out_dir)))
    return EXIT_OK


_COMMANDS = {
    "show": _show,
    "list": _list,
    "compare": _compare,
    "ask": _ask,
    "reconcile": _reconcile,
    "cost": _cost,
    "reprice": _reprice,
    "info": _info,
    "history": _history,
    "diff": _diff,
    "db": _db,
    "export": _export,
    "site": _site,
}


def _write(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _price_rows(model: Model) -> list[tuple[str, str]]:
    # Every price cost may apply: the base rates, each long-prompt tier, each named mode.
    from llmdex.records.rates import RATE_NAMES

    def rates(condition: str, prices: Any) -> list[tuple[str, str]]:
        short = {"input": "in", "output": "out"}
        return [
            (f"price {short.get(name, name.replace('_', ' '))}{condition}", _per_million(value))
            for name in RATE_NAMES
            if (value := getattr(prices, name)) is not None
        ]

    cost = model.cost
    if cost is None:
        return []
    rows = rates("", cost)
    for tier in cost.tiers or ():
        rows += rates(f", prompt over {tier.tier.size:,}", tier)
    if cost.context_over_200k is not None and not cost.tiers:
        rows += rates(", prompt over 200,000", cost.context_over_200k)
    experimental = model.experimental
    modes = getattr(experimental, "modes", None) or {}
    for name, mode in sorted(modes.items()):
        if mode.cost is not None:
            rows += rates(f", mode {name}", mode.cost)
    return rows


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
