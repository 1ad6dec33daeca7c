"""The regen pipeline: the only code that writes ``generated/``.

Every stage runs on a candidate tree in a temporary directory beside ``generated/llmdex``;
the committed tree is replaced only after the candidate has imported and round-tripped the
payload, so a failed regen leaves ``generated/`` exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import llmdex
from llmdex.http.policy import HttpPolicy
from llmdex.past.changes import CatalogDiff, diff
from llmdex.past.log import replay

from .curated import (
    ALIASES,
    FIRST_PARTY,
    SUCCESSORS,
    AliasFile,
    check_references,
    load_aliases,
    load_first_party,
    load_successors,
)
from .dialects import DIALECTS, load_dialects, provider_names
from .emit import SHIPPED_ORIGIN, USER_ORIGIN, Inputs, emit, emit_face
from .errors import CuratedDataError, PayloadError
from .fetch import FETCH_POLICY, Fetched, fetch, is_url, source_label
from .grants import GRANTS, load_grants
from .history import HISTORY, EventLog, Snapshot, dated_sources
from .lock import LOCK, Lock, payload_date
from .normalize import normalize
from .patch import Patched, apply_patches
from .protocols import PROTOCOLS, load_protocols
from .report import (
    Report,
    count_unknown,
    impossible_dates,
    names_given,
    specs_in_payload,
    specs_in_tree,
)
from .review import (
    ENDPOINTS,
    load_endpoints,
    review_endpoints,
    review_keys,
    security_changes,
)
from .tables import build_tables
from .validate import validate, without_nulls
from .verify import swap, verify

PACKAGE = Path("generated/models")
"""The shipped catalog's data package, ``llmdex.models`` (``src/llmdex/models`` links to it)."""
SOURCE_ROOT = Path(llmdex.__file__).resolve().parent.parent
"""The directory holding the hand-written ``llmdex``, which the candidate is checked with."""
_CANDIDATE = "llmdex_candidate"
"""The package a candidate data tree is checked under before it becomes ``llmdex.models``."""
PATCHES = Path("data_sources/patches")
DATA_CHANGELOG = Path("CHANGELOG-data.md")
LOCKED_PAYLOAD = Path("data_sources/api-*.json.gz")
"""Where the payload the lock names is kept (one file; the glob finds an earlier one)."""
_DATA_TITLE = (
    "# What each catalog's data changed\n\n"
    "Written by `make regen` when a new models.dev payload extends the history; newest first."
)
REPORT = Path("build/regen-report.json")


@dataclass(frozen=True, slots=True)
class Options:
    """One regen: the payload, whether to patch, and where the project is."""

    source: str
    root: Path
    no_patches: bool = False
    policy: HttpPolicy = FETCH_POLICY
    write_lock: bool = True
    patches: Path | None = None
    """A user's own patch directory, applied after ours (``llmdex regen --patches DIR``)."""
    own: bool = False
    """A user's own catalog (``llmdex regen``): an entry of ours that matches nothing in their
    payload (models.dev fixed or dropped the model) is skipped and reported, not stale; only
    their own entries must match."""
    date: str | None = None
    """The payload's date, where known (the lock's, on a check); else from its file name,
    else today."""


def regen(options: Options, out: Path | None = None, package: str | None = None) -> Report:
    """Regenerate the catalog and return the report.

    Without ``package``: the data package, into ``out`` (default ``generated/models``, the
    shipped ``llmdex.models``). With ``package``: a whole catalog package of that name, face
    and data (``package.models``), into ``out / package``.
    """
    root = options.root
    # Absolute: the candidate is checked in another interpreter, from another directory.
    if package is not None:
        if out is None:
            raise ValueError("a catalog package needs a directory to be written into")
        target = out.resolve() / package
    else:
        target = out.resolve() if out is not None else root / PACKAGE
    clock = _Clock()
    fetched = fetch(options.source, options.policy)
    clock.lap("fetch")
    report = Report(source=fetched.source, sha256=fetched.sha256)
    published = without_nulls(fetched.payload)
    report.unknown_fields = count_unknown(validate(published, fetched.source))
    clock.lap("validate")
    patched = _patch(options, published, report)
    payload = patched.payload
    clock.lap("patch")
    # Curated aliases are ours, like patches: NO_PATCHES leaves them out too.
    curated = load_aliases(root) if not options.no_patches else AliasFile(aliases=[])
    first_party = load_first_party(root)
    inputs = _inputs(options, fetched, patched)
    history, extended = _history(
        options, payload, Snapshot(inputs.date, inputs.sha256, inputs.source), report
    )
    grants = load_grants(root)
    # The history keeps the payload as published; the catalog gets it as reviewed.
    keys = review_keys(payload, grants)
    payload = keys.payload
    plan = normalize(payload, load_protocols(root).lookup(), patched.kinds, grants)
    plan, withheld = review_endpoints(plan, load_endpoints(root))
    report.security = [
        *security_changes(history.until(inputs.date).state(), patched.payload),
        *keys.findings,
        *withheld,
        *names_given(plan, grants),
    ]
    models = plan.models()
    curated_warnings = check_references(curated, first_party, models, root)
    names = provider_names(load_dialects(root), set(models), root, senior=set(grants.providers))
    tables = build_tables(models, curated, first_party, patched.renamed)
    report.aliases = {pid: len(table) for pid, table in tables.aliases.items()}
    report.providers, report.models = len(plan.providers), plan.model_count
    report.warnings = curated_warnings + names.warnings + impossible_dates(plan)
    clock.lap("normalize")
    successors, warnings = load_successors(root, {pid: set(ids) for pid, ids in models.items()})
    report.warnings += warnings
    origin = SHIPPED_ORIGIN if package is None else USER_ORIGIN

    # Every id the history ever listed keeps a constant: a model no longer listed stays
    # importable from its provider's module under the name it had (or gets one, stable).
    granted = grants.extended(plan.names(), history.listed(), keys.holders)

    def write(data: Path) -> None:
        emit(
            grants=granted,
            plan=plan,
            tables=tables,
            names=names,
            provenance=patched.provenance,
            inputs=inputs,
            history=history,
            successors=successors,
            data_dir=data,
            origin=origin,
        )

    _install(target, package, write, payload=payload, report=report, clock=clock)
    if options.write_lock and out is None:
        granted.write(root / GRANTS)
        _write_lock(options, fetched.data, inputs.date, report, patched)
        if extended:
            _keep_history(root, history, report)
    clock.lap("install")
    report.seconds = clock.laps
    return report


def _inputs(options: Options, fetched: Fetched, patched: Patched) -> Inputs:
    # A payload file is named by its file name; one stored gzipped is the same payload.
    label = fetched.source if is_url(fetched.source) else Path(fetched.source).name
    label = label.removesuffix(".gz") if not is_url(label) else label
    return Inputs(
        source=label,
        sha256=fetched.sha256,
        date=options.date or payload_date(options.source, _today()),
        patches=sum(1 for change in patched.changes if change.changed),
    )


def _install(
    target: Path,
    package: str | None,
    write: Callable[[Path], None],
    *,
    payload: Mapping[str, Any],
    report: Report,
    clock: _Clock,
) -> None:
    # Write the candidate beside the target, check it in a fresh interpreter, then swap it
    # in: a failure anywhere leaves the target as it was.
    target.parent.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix=".regen-", dir=target.parent))
    try:
        if package is not None:
            candidate = workdir / package
            write(candidate / "models")
            emit_face(candidate, functions=FACE_FUNCTIONS, names=face_names())
        else:
            # A data package is checked as the data of a package of its own.
            (workdir / _CANDIDATE).mkdir()
            (workdir / _CANDIDATE / "__init__.py").write_text("", encoding="utf-8")
            candidate = workdir / _CANDIDATE / "models"
            write(candidate)
        clock.lap("emit")
        verify(workdir, package or _CANDIDATE, SOURCE_ROOT, payload)
        clock.lap("verify")
        before = specs_in_tree(target / "models" if package is not None else target)
        after = specs_in_payload(payload)
        report.added = sorted(after - before) if before else []
        report.removed = sorted(before - after)
        swap(candidate, target)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


FACE_FUNCTIONS = tuple(
    name for name in llmdex.__all__ if getattr(vars(llmdex).get(name), "__self__", None) is not None
)
"""The catalog functions ``llmdex`` exports, which a user's catalog binds to its own."""


FACE_OWN = ("reconcile",)
"""Functions of ``llmdex`` that take its catalog but are no method of it: a user's catalog
defines its own (codegen/templates/face_init.py.jinja)."""


def face_names() -> tuple[str, ...]:
    """Every other public name of ``llmdex``, which a user's catalog takes from it."""
    return tuple(n for n in llmdex.__all__ if n not in FACE_FUNCTIONS and n not in FACE_OWN)


def _history(
    options: Options, payload: Mapping[str, Any], snapshot: Snapshot, report: Report
) -> tuple[EventLog, bool]:
    history, extended = _history_for(options, payload, snapshot)
    report.history = (
        f"{len(history.snapshots)} payloads, {history.snapshots[0].date} to "
        f"{history.snapshots[-1].date}, {len(history.rows)} events"
        + (", extended by this payload" if extended else "")
    )
    return history, extended


def _keep_history(root: Path, history: EventLog, report: Report) -> None:
    # The extended history, and what its new payload changed, into data_sources/ and the
    # data changelog.
    history.write(root / HISTORY)
    changed = _data_changes(history)
    if changed is not None:
        title, _, rest = changed.markdown().partition("\n")
        _prepend(root / DATA_CHANGELOG, title + security_markdown(report.security) + rest)
        report.data_changes = changed.text()


def security_markdown(lines: list[str]) -> str:
    """The security review as the first block of a CHANGELOG-data.md section.

    Each line is a code span: the ids and URLs in it are the payload's, and Markdown must not
    render them as links or HTML.
    """
    if not lines:
        return "\n"
    spans = "\n".join("- `` " + line.replace("`", "'") + " ``" for line in lines)
    return f"\n\n### Security review: read this first ({len(lines)})\n{spans}\n"


def _history_for(
    options: Options, payload: Mapping[str, Any], snapshot: Snapshot
) -> tuple[EventLog, bool]:
    # The history this tree is made with, and whether data_sources/ should keep it: a newer
    # payload extends the history; the history's own last payload leaves it as it is; an
    # older payload gets the history up to its date, which is not written back.
    # A user's patches make the payload's day their own: their catalog's history is ours
    # until then, and from then on the payload as they patched it.
    history = EventLog.read(options.root / HISTORY)
    last = history.snapshots[-1] if history.snapshots else None
    if last is not None and last.sha256 == snapshot.sha256 and options.patches is None:
        return history, False
    if last is not None and snapshot.date <= last.date:
        earlier = history.until(snapshot.date)
        earlier.add(payload, snapshot)
        return earlier, snapshot.date == last.date
    history.add(payload, snapshot)
    return history, True


def _data_changes(history: EventLog) -> CatalogDiff | None:
    # What the history's last payload changed against the one before, for CHANGELOG-data.md.
    if len(history.snapshots) < 2:
        return None
    *_, previous, last = history.snapshots
    before = history.until(last.date).state()
    after = history.state()
    return diff(before, after, previous.date, f"{last.date} ({last.source})")


def write_data_changelog(root: Path, history: EventLog) -> None:
    """Write CHANGELOG-data.md whole: one section per payload of the history, newest first."""
    grouped = history.by_entity()

    def state(date: str) -> dict[str, Any]:
        found = {}
        for entity, events in grouped.items():
            obj = replay(events, date)
            if obj is not None:
                found[entity] = obj
        return found

    sections = []
    previous, before = None, {}
    for snapshot in history.snapshots:  # one state at a time: each is the whole catalog
        after = state(snapshot.date)
        if previous is not None:
            label = f"{snapshot.date} ({snapshot.source})"
            sections.append(diff(before, after, previous.date, label).markdown())
        previous, before = snapshot, after
    text = "\n\n".join([_DATA_TITLE, *reversed(sections)])
    (root / DATA_CHANGELOG).write_text(text + "\n", encoding="utf-8")


def _prepend(path: Path, section: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    title, _, rest = old.partition("\n\n") if old.startswith("# ") else (_DATA_TITLE, "", old)
    path.write_text(f"{title}\n\n{section}\n\n{rest}".rstrip() + "\n", encoding="utf-8")


def backfill(root: Path, sources: Path, *, no_patches: bool = False) -> tuple[EventLog, list[str]]:
    """A new history from the dated payloads of ``sources``, then the locked payload.

    Each is validated and patched as a regen would (patches that match nothing in an older
    payload are skipped); a payload that fails validation is skipped and named in the second
    value, with why.
    """
    series = [(date, path, path.name) for date, path in dated_sources(sources)]
    if (root / LOCK).exists():
        lock = Lock.read(root / LOCK)
        locked = Path(lock.source) if Path(lock.source).is_absolute() else root / lock.source
        if locked.exists() and lock.date > series[-1][0]:
            # Named as it was when fetched, not by the copy kept of it.
            series.append((lock.date, locked, lock.origin))
    history, skipped = EventLog(), []
    for date, path, label in series:
        fetched = fetch(str(path))
        payload = without_nulls(fetched.payload)
        try:
            validate(payload, fetched.source)
        except PayloadError as exc:
            skipped.append(f"{path.name}: {exc}")
            continue
        if not no_patches:
            payload = apply_patches(payload, root / PATCHES, past=True).payload
        history.add(payload, Snapshot(date, fetched.sha256, label))
    if not history.snapshots:
        raise PayloadError(f"{sources}: no payload there passed validation")
    return history, skipped


def _patch(options: Options, payload: Mapping[str, Any], report: Report) -> Patched:
    patched = Patched(payload=dict(payload))
    if not options.no_patches:
        patched = apply_patches(payload, options.root / PATCHES, past=options.own)
        if patched.files:
            validate(patched.payload, f"{source_label(options.source)} after data_sources/patches")
    if options.patches is not None:
        theirs = options.patches
        if not theirs.is_dir():
            raise CuratedDataError(f"{theirs}: no such directory of patch files (*.json)")
        patched = apply_patches(patched.payload, theirs, after=patched, label=f"{theirs}/")
        validate(
            patched.payload,
            f"{source_label(options.source)} after the patches in {theirs}",
            fix=f"Fix the entry of {theirs} that sets it (a set merges into the model; give"
            " every field the schema requires)",
        )
    report.patches = [p.name for p in patched.files]
    report.changes = [
        f"{c.where} {c.action}: {', '.join(c.changed) or 'nothing (if_present)'} ({c.reason})"
        for c in patched.changes
    ]
    return patched


def _today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


def _write_lock(options: Options, data: bytes, date: str, report: Report, patched: Patched) -> None:
    # The lock, and the payload it names kept beside it (gzipped, byte-stable), so a fresh
    # clone can check its tree with nothing else: `make check-generated`.
    root = options.root
    kept = LOCKED_PAYLOAD.with_name(f"api-{date}.json.gz")
    previous = Lock.read(root / LOCK) if (root / LOCK).exists() else None
    same_file = Path(options.source).resolve() == (root / kept).resolve()
    named = source_label(options.source) if is_url(options.source) else Path(options.source).name
    origin = previous.origin if same_file and previous is not None else named
    if not same_file:
        for old in (root / LOCKED_PAYLOAD.parent).glob(LOCKED_PAYLOAD.name):
            old.unlink()
        (root / kept).write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    curated_files = [root / FIRST_PARTY, root / PROTOCOLS, root / DIALECTS]
    if not options.no_patches:
        curated_files = [*patched.files, root / ALIASES, *curated_files]
    for optional in (SUCCESSORS, ENDPOINTS, GRANTS):
        if (root / optional).exists():
            curated_files.append(root / optional)
    Lock(
        source=str(kept),
        origin=origin,
        sha256=hashlib.sha256(data).hexdigest(),
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
