"""``python -m codegen {regen,history,check,schema}``: the maintainer's commands (Makefile)."""

from __future__ import annotations

import argparse
import filecmp
import keyword
import sys
import tempfile
import time
from pathlib import Path

from llmdex.http.policy import HttpPolicy

from .errors import RegenError
from .fetch import FETCH_POLICY, policy_from
from .history import HISTORY
from .lock import LOCK, Lock
from .pipeline import (
    PACKAGE,
    REPORT,
    Options,
    backfill,
    regen,
    write_data_changelog,
)
from .project import shipped_root
from .record_inits import write_record_inits
from .schema import write_patch_schema, write_payload_schema, write_upstream_models

ROOT = shipped_root()


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command; exit 1 with one message on failure."""
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("regen", help="regenerate generated/llmdex from a payload")
    run.add_argument("--source", required=True, help="payload file path or http(s) URL")
    run.add_argument("--no-patches", action="store_true", help="skip data_sources/patches")
    run.add_argument(
        "--out", type=Path, help="write the data package here instead (no lock is written)"
    )
    run.add_argument(
        "--package", help="with --out: write a whole catalog package of this name into --out"
    )
    _fetch_arguments(run)
    past = commands.add_parser(
        "history", help="rebuild data_sources/history.jsonl from dated payloads, then regen"
    )
    past.add_argument("--sources", type=Path, required=True, help="api-YYYY-MM-DD.json(.gz) files")
    past.add_argument("--no-patches", action="store_true", help="skip data_sources/patches")
    commands.add_parser("check", help="fail if generated/ differs from a regen of the lock")
    commands.add_parser(
        "schema",
        help="write the payload's JSON Schema, codegen/upstream.py and the record inits"
        " from llmdex's record types",
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "regen":
            return _regen(args)
        if args.command == "check":
            return _check()
        if args.command == "history":
            return _history(args)
        print(f"wrote {write_payload_schema(ROOT)}")
        print(f"wrote {write_upstream_models(ROOT)}")
        print(f"wrote {write_patch_schema(ROOT)}")
        print(f"wrote {write_record_inits(ROOT)}")
        return 0
    except RegenError as exc:
        return _failed("regen", exc, getattr(args, "out", None) or PACKAGE)


def user_main(argv: list[str] | None = None, prog: str = "llmdex regen") -> int:
    """``llmdex regen``: a catalog package of the user's own, from a payload and their patches.

    Exit 0 with the report; 1 with one line when the regen fails (``--out`` is left as it
    was); 2 for a usage error.
    """
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Write an importable, typed catalog package NAME into DIR from a models.dev"
        " payload (a URL, or a file carried in), with llmdex's patches and then yours.",
    )
    parser.add_argument("--source", required=True, help="payload file path or http(s) URL")
    parser.add_argument("--package", required=True, metavar="NAME", help="the package's name")
    parser.add_argument(
        "--out", required=True, type=Path, metavar="DIR", help="write DIR/NAME (e.g. src)"
    )
    parser.add_argument(
        "--patches", type=Path, metavar="DIR", help="your patch files (*.json), after llmdex's"
    )
    parser.add_argument(
        "--report", type=Path, metavar="FILE", help="also write the full report there as JSON"
    )
    _fetch_arguments(parser)
    args = parser.parse_args(argv)
    name = args.package
    if not name.isidentifier() or keyword.iskeyword(name) or name == "llmdex":
        parser.error(f"--package {name!r}: give a Python package name other than llmdex")
    if name in sys.stdlib_module_names:
        parser.error(f"--package {name!r} is a standard library module; choose another name")
    if args.out.exists() and not args.out.is_dir():
        parser.error(f"--out {args.out}: is a file, not a directory")
    options = Options(
        source=args.source,
        root=ROOT,
        policy=_policy(args),
        write_lock=False,
        patches=args.patches,
        own=True,
    )
    try:
        report = regen(options, out=args.out, package=name)
    except RegenError as exc:
        return _failed(prog, exc, args.out / name)
    if args.report is not None:
        report.write_json(args.report)
    print(report.text())
    print(f"wrote {args.out / name}: import {name}; python -m {name} show openai:gpt-4o")
    return 0


def _failed(prog: str, exc: RegenError, tree: Path) -> int:
    # One line, whatever the cause said: a terminal shows it, a log keeps it whole.
    said = " / ".join(line.strip() for line in str(exc).splitlines() if line.strip())
    print(f"{prog} failed: {said}; {tree} was left unchanged.", file=sys.stderr)
    return 1


def _fetch_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--connect-timeout", type=float, help=f"seconds (default {FETCH_POLICY.connect_timeout:g})"
    )
    parser.add_argument(
        "--read-timeout", type=float, help=f"seconds (default {FETCH_POLICY.read_timeout:g})"
    )
    parser.add_argument(
        "--deadline", type=float, help=f"seconds for the whole fetch ({FETCH_POLICY.deadline:g})"
    )
    parser.add_argument("--retries", type=int, help=f"default {FETCH_POLICY.max_retries}")
    parser.add_argument("--backoff", type=float, help=f"seconds (default {FETCH_POLICY.backoff:g})")


def _policy(args: argparse.Namespace) -> HttpPolicy:
    return policy_from(
        connect_timeout=args.connect_timeout,
        read_timeout=args.read_timeout,
        deadline=args.deadline,
        max_retries=args.retries,
        backoff=args.backoff,
    )


def _regen(args: argparse.Namespace) -> int:
    options = Options(
        source=args.source, root=ROOT, no_patches=args.no_patches, policy=_policy(args)
    )
    if args.package is not None and args.out is None:
        print("regen: --package needs --out, the directory to write it into", file=sys.stderr)
        return 2
    report = regen(options, out=args.out, package=args.package)
    report.write_json(ROOT / REPORT)
    print(report.text())
    return 0


def _history(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    history, skipped = backfill(ROOT, args.sources, no_patches=args.no_patches)
    target = ROOT / HISTORY
    written = target.with_suffix(".tmp")
    history.write(written)
    written.replace(target)  # whole, or not at all
    first, last = history.snapshots[0].date, history.snapshots[-1].date
    print(
        f"history: {len(history.snapshots)} payloads, {first} to {last}, {len(history.rows)} "
        f"events, {target.stat().st_size} bytes in {time.perf_counter() - start:.1f} s"
    )
    for line in skipped:
        print(f"  skipped {line}")
    write_data_changelog(ROOT, history)
    lock = Lock.read(ROOT / LOCK)
    source = lock.source if Path(lock.source).is_absolute() else str(ROOT / lock.source)
    regen(Options(source=source, root=ROOT, no_patches=args.no_patches, date=lock.date))
    print(f"regenerated {PACKAGE} with it")
    return 0


def _check() -> int:
    lock = Lock.read(ROOT / LOCK)
    source = lock.source
    if not source.startswith(("http://", "https://")) and not Path(source).is_absolute():
        source = str(ROOT / source)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "models"
        regen(Options(source=source, root=ROOT, write_lock=False, date=lock.date), out=out)
        differences = _differences(filecmp.dircmp(out, ROOT / PACKAGE))
    if differences:
        print("generated/ differs from a regen of the locked payload:", file=sys.stderr)
        for line in differences[:20]:
            print(f"  {line}", file=sys.stderr)
        print("Run `make regen SOURCE=<the locked payload>` and commit.", file=sys.stderr)
        return 1
    print(f"generated/ matches a regen of {lock.source} (sha256 {lock.sha256[:12]})")
    return 0


def _differences(cmp: filecmp.dircmp[str], prefix: str = "") -> list[str]:
    ignored = {"__pycache__"}
    found = [f"only in regen: {prefix}{n}" for n in cmp.left_only if n not in ignored]
    found += [f"only in generated/: {prefix}{n}" for n in cmp.right_only if n not in ignored]
    # dircmp compares shallowly (size and mtime); compare the bytes.
    _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
    found += [f"differs: {prefix}{n}" for n in mismatch + errors]
    for name, sub in cmp.subdirs.items():
        if name not in ignored:
            found += _differences(sub, f"{prefix}{name}/")
    return found


if __name__ == "__main__":
    sys.exit(main())
