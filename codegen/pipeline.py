"""The regen pipeline: the only code that writes ``generated/``.

Every stage runs on a candidate tree in a temporary directory beside ``generated/llmdex``;
the committed tree is replaced only after the candidate has imported and round-tripped the
payload, so a failed regen leaves ``generated/`` exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import llmdex_runtime
from codegen.curated import (
    ALIASES,
    FIRST_PARTY,
    AliasFile,
    check_references,
    load_aliases,
    load_first_party,
)
from codegen.dialects import DIALECTS, load_dialects, provider_names
from codegen.emit import Inputs, emit
from codegen.fetch import FETCH_POLICY, fetch, is_url, source_label
from codegen.lock import LOCK, Lock, payload_date
from codegen.normalize import normalize
from codegen.patch import Patched, apply_patches
from codegen.protocols import PROTOCOLS, load_protocols
from codegen.report import (
    Report,
    count_unknown,
    impossible_dates,
    specs_in_payload,
    specs_in_tree,
)
from codegen.tables import build_tables
from codegen.validate import validate
from codegen.verify import swap, verify
from llmdex_runtime.policy import HttpPolicy

PACKAGE = Path("generated/llmdex")
RUNTIME_ROOT = Path(llmdex_runtime.__file__).resolve().parent.parent
"""The directory holding llmdex_runtime, which the candidate package imports."""
PATCHES = Path("data_sources/patches")
REPORT = Path("build/regen-report.json")


@dataclass(frozen=True, slots=True)
class Options:
    """One regen: the payload, whether to patch, and where the project is."""

    source: str
    root: Path
    no_patches: bool = False
    policy: HttpPolicy = FETCH_POLICY
    write_lock: bool = True
    date: str | None = None
    """The payload's date, where known (the lock's, on a check); else from its file name,
    else today."""


def regen(options: Options, out: Path | None = None) -> Report:
    """Regenerate the package into ``out`` (default ``generated/llmdex``); return the report."""
    root = options.root
    target = out if out is not None else root / PACKAGE
    clock = _Clock()
    fetched = fetch(options.source, options.policy)
    clock.lap("fetch")
    report = Report(source=fetched.source, sha256=fetched.sha256)
    report.unknown_fields = count_unknown(validate(fetched.payload, fetched.source))
    clock.lap("validate")
    patched = _patch(options, fetched.payload, report)
    payload = patched.payload
    clock.lap("patch")
    # Curated aliases are ours, like patches: NO_PATCHES leaves them out too.
    curated = load_aliases(root) if not options.no_patches else AliasFile(aliases=[])
    first_party = load_first_party(root)
    plan = normalize(payload, load_protocols(root).lookup(), patched.kinds)
    models = plan.models()
    curated_warnings = check_references(curated, first_party, models, root)
    names = provider_names(load_dialects(root), set(models), root)
    tables = build_tables(models, curated, first_party, patched.renamed)
    report.aliases = {pid: len(table) for pid, table in tables.aliases.items()}
    report.providers, report.models = len(plan.providers), plan.model_count
    report.warnings = curated_warnings + names.warnings + impossible_dates(plan)
    clock.lap("normalize")
    label = fetched.source if is_url(fetched.source) else Path(fetched.source).name
    inputs = Inputs(
        source=label,
        sha256=fetched.sha256,
        date=options.date or payload_date(options.source, _today()),
        patches=sum(1 for change in patched.changes if change.changed),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix=".regen-", dir=target.parent))
    try:
        candidate = workdir / target.name
        emit(
            plan=plan,
            tables=tables,
            names=names,
            provenance=patched.provenance,
            inputs=inputs,
            package_dir=candidate,
        )
        clock.lap("emit")
        verify(workdir, target.name, RUNTIME_ROOT, payload)
        clock.lap("verify")
        before = specs_in_tree(target)
        after = specs_in_payload(payload)
        report.added = sorted(after - before) if before else []
        report.removed = sorted(before - after)
        swap(candidate, target)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if options.write_lock and out is None:
        _write_lock(options, fetched.sha256, inputs.date, report, patched)
    clock.lap("install")
    report.seconds = clock.laps
    return report


def _patch(options: Options, payload: Mapping[str, Any], report: Report) -> Patched:
    if options.no_patches:
        return Patched(payload=dict(payload))
    patched = apply_patches(payload, options.root / PATCHES)
    if patched.files:
        validate(patched.payload, f"{source_label(options.source)} after data_sources/patches")
    report.patches = [p.name for p in patched.files]
    report.changes = [
        f"{c.where} {c.action}: {', '.join(c.changed) or 'nothing (if_present)'} ({c.reason})"
        for c in patched.changes
    ]
    return patched


def _today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


def _write_lock(options: Options, sha256: str, date: str, report: Report, patched: Patched) -> None:
    root = options.root
    curated_files = [root / FIRST_PARTY, root / PROTOCOLS, root / DIALECTS]
    if not options.no_patches:
        curated_files = [*patched.files, root / ALIASES, *curated_files]
    Lock(
        source=source_label(options.source),
        sha256=sha256,
        date=date,
        providers=report.providers,
        models=report.models,
        curated={
            str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in curated_files
        },
    ).write(root / LOCK)


class _Clock:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = round(now - self._last, 3)
        self._last = now
