"""Writing the history into the generated package: ``llmdex/_history/``.

One module per provider the history has ever listed (the modules of current providers have
the names their ``models`` modules have), with its events and the kinds of its models that
are no longer listed, and an ``__init__`` with the payload dates, the schema's new fields,
the id index and the curated successors. Each module has a stub, so type checkers never read
the event tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2

from llmdex.past.log import replay
from llmdex.records.model import Model
from llmdex.records.vocabulary import Kind

from .history import SCHEMA_FIELD, EventLog
from .identifiers import assign, provider_module
from .kinds import derive_kind
from .normalize import CatalogPlan


def history_files(
    env: jinja2.Environment,
    *,
    history: EventLog,
    plan: CatalogPlan,
    successors: Mapping[str, str],
    directory: Path,
) -> dict[Path, str]:
    """The files of ``llmdex/_history`` for ``history``, keyed by path under ``directory``."""
    grouped = history.by_entity()
    current = {p.id: p for p in plan.providers}
    pids = sorted({entity.partition(":")[0] for entity in grouped} | set(current))
    modules = _modules(pids, current)
    ids: dict[str, set[str]] = {}
    for entity in grouped:
        pid, sep, mid = entity.partition(":")
        if sep:
            ids.setdefault(mid, set()).add(pid)
    snapshots = history.snapshots
    files = {
        directory / "__init__.py": env.get_template("history_init.py.jinja").render(
            docstring=(
                f"The catalog's history (data_sources/history.jsonl): {len(snapshots)} payloads,"
                f" {snapshots[0].date if snapshots else '-'} to"
                f" {snapshots[-1].date if snapshots else '-'}.\n\n"
                "Read by ``llmdex.find(..., at=...)``, ``llmdex.history()`` and the retirement"
                " errors; imported\nonly when one of them asks. Events per provider live in the"
                " modules beside this one.\n"
            ),
            snapshots=snapshots,
            appeared=[(r[0], r[2], r[3]) for r in history.rows if r[1] == SCHEMA_FIELD],
            modules=sorted(modules.items()),
            successors=sorted(successors.items()),
            ids=sorted((mid, tuple(sorted(p))) for mid, p in ids.items()),
        ),
        directory / "__init__.pyi": env.get_template("history_init.pyi.jinja").render(),
    }
    stub = env.get_template("history_module.pyi.jinja").render()
    for pid in pids:
        listed = current.get(pid)
        models = {
            entity.partition(":")[2]: events
            for entity, events in grouped.items()
            if entity.partition(":")[0] == pid and ":" in entity
        }
        current_ids = {m.model.id for m in listed.models} if listed is not None else set()
        kinds = {
            mid: kind.value
            for mid, events in models.items()
            if mid not in current_ids and (kind := _last_kind(pid, events)) is not Kind.CHAT
        }
        module = modules[pid]
        files[directory / f"{module}.py"] = env.get_template("history_module.py.jinja").render(
            docstring=(
                f"History of {listed.info.display_name if listed is not None else pid}"
                f" (provider id {pid!r}): every change to it and its models.\n\n"
                "Events are ``(date, op, path, old, new)``; see ``llmdex.past.log``.\n"
            ),
            provider=[_event(e) for e in grouped.get(pid, ())],
            models=[(mid, [_event(e) for e in models[mid]]) for mid in sorted(models)],
            kinds=sorted(kinds.items()),
        )
        files[directory / f"{module}.pyi"] = stub
    return files


def retired_ids(history: EventLog, plan: CatalogPlan) -> dict[str, set[str]]:
    """Provider id -> the ids the history lists for it that the catalog no longer does."""
    listed = {p.id: {m.model.id for m in p.models} for p in plan.providers}
    found: dict[str, set[str]] = {}
    for entity in history.by_entity():
        pid, sep, mid = entity.partition(":")
        if sep and mid not in listed.get(pid, set()):
            found.setdefault(pid, set()).add(mid)
    return found


def _modules(pids: list[str], current: Mapping[str, Any]) -> dict[str, str]:
    # Current providers keep their models-module names; the others get names of their own.
    taken = {pid: current[pid].module for pid in pids if pid in current}
    others = assign([pid for pid in pids if pid not in current], provider_module)
    used = set(taken.values())
    for pid, natural in sorted(others.items()):
        name = natural
        while name in used:
            name += "_"
        used.add(name)
        taken[pid] = name
    return taken


def _last_kind(pid: str, events: Any) -> Kind:
    # The kind derived from the model as it was last listed.
    state = None
    for date, *_ in events:
        state = replay(events, date) or state
    if state is None:
        return Kind.CHAT
    try:
        return derive_kind(Model.from_dict(state, provider=pid, kind=Kind.CHAT))
    except (TypeError, ValueError, KeyError):
        return Kind.CHAT


def _event(event: tuple[str, str, tuple[str, ...], Any, Any]) -> tuple[Any, ...]:
    return tuple(event)
