"""Every model and provider as the catalog listed it on any date, from a log of changes.

The generator records, for each payload of a series (the weekly models.dev payloads, then each
regen's), what changed against the one before: an entity (a provider, or a model as
``provider:id``) first listed (``A``, with its whole object) or no longer listed (``R``), and a
field that changed (``~``), appeared (``+``) or went away (``-``), by its path in the
models.dev object. A field that appears for the first time anywhere (models.dev added it to its
schema) is logged once (:data:`APPEARED`); the values it brings are ``=`` events, which are not
changes. Replaying an entity's events up to a date gives its object as of that date.

The generated package holds the log under ``llmdex._history``, one module per provider, imported
only when a lookup asks for the past; ``import llmdex`` and a plain ``find`` never load it.
"""

from __future__ import annotations

from llmdex.errors import (
    InvalidArgumentError,
    InvalidDateError,
    ModelNotFoundError,
    ModelRetiredError,
)
from llmdex.records.model import Model, PricedModel
from llmdex.records.record import Record, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence
    from typing import Any

    from llmdex.resolution.tables import CatalogTables

    Event = tuple[str, str, tuple[str, ...], Any, Any]

FIRST_LISTED = "A"
NO_LONGER_LISTED = "R"
CHANGED = "~"
ADDED = "+"
REMOVED = "-"
APPEARED = "="
"""A value a field brought when it first appeared in the schema: not a change."""
OPS = (FIRST_LISTED, NO_LONGER_LISTED, CHANGED, ADDED, REMOVED, APPEARED)
"""Every event kind, as the history file and the generated modules write it."""


@record
class Change(Record):
    """One change to one field of a model or provider: on ``date``, ``path`` went from ``old``
    to ``new`` (``None`` where the field was absent)."""

    date: str
    path: str
    """The field's path in the models.dev object, dotted (``cost.input``)."""
    old: Any = None
    new: Any = None
    kind: str = CHANGED
    """``~`` changed, ``+`` added, ``-`` removed, ``A`` first listed, ``R`` no longer listed."""


@record
class ModelHistory(Record):
    """A model's listing over time: when it was first and last listed, and every change.

    Example:
        >>> h = llmdex.history("deepseek:deepseek-chat")
        >>> [(c.date, c.old, c.new) for c in h.changes if c.path == "cost.input"][:1]
        [('2025-09-07', 0.27, 0.56)]
    """

    spec: str
    first_seen: str
    """The date of the first payload that listed it."""
    last_seen: str
    """The date of the last payload that listed it (the latest one, while it is listed)."""
    listed: bool
    """Whether the catalog's own payload lists it."""
    changes: tuple[Change, ...]
    """Every change in date order, first listing and retirements included."""


def as_of_date(at: object, function: str = "find") -> str:
    """``at`` (a date, a datetime, or ``YYYY-MM-DD`` text of a calendar day) as ``YYYY-MM-DD``."""
    import datetime

    text = at.isoformat()[:10] if isinstance(at, datetime.date) else at
    expected = "a calendar day as YYYY-MM-DD"
    if not isinstance(text, str):
        raise InvalidArgumentError(function, "at", at, "give a date, a datetime or 'YYYY-MM-DD'")
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.replace("-", "").isdigit():
        raise InvalidDateError(text, expected, function=function)
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        raise InvalidDateError(text, expected, function=function) from None
    return text


def replay(events: Iterable[Event], until: str) -> dict[str, Any] | None:
    """The object the events describe as of ``until`` (inclusive), or ``None`` if not listed.

    Example:
        >>> replay([("2025-01-05", "A", (), None, {"id": "m", "cost": {"input": 1}}),
        ...         ("2025-02-02", "~", ("cost", "input"), 1, 2)], "2025-01-31")
        {'id': 'm', 'cost': {'input': 1}}
    """
    state: dict[str, Any] | None = None
    for date, op, path, _old, new in events:
        if date > until:
            break
        if op == FIRST_LISTED:
            state = _copy(new)
        elif op == NO_LONGER_LISTED:
            state = None
        elif state is None:
            continue
        elif op == REMOVED:
            _delete(state, path)
        else:
            _put(state, path, _copy(new))
    return state


def _listed(events: Sequence[Event], date: str) -> bool:
    # Whether the last first-listing or retirement on or before ``date`` is a listing.
    listed = False
    for when, op, *_ in events:
        if when > date:
            break
        if op == FIRST_LISTED:
            listed = True
        elif op == NO_LONGER_LISTED:
            listed = False
    return listed


def _copy(value: Any) -> Any:
    # The generated tables are shared; a replayed object is the caller's own.
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_copy(item) for item in value]
    return value


def _put(state: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = state
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


def _delete(state: dict[str, Any], path: tuple[str, ...]) -> None:
    node: Any = state
    for key in path[:-1]:
        node = node.get(key)
        if not isinstance(node, dict):
            return
    node.pop(path[-1], None)


class History:
    """The past of one generated catalog, read from its ``_history`` package on first use."""

    def __init__(self, tables: CatalogTables) -> None:
        self._tables_of = tables
        index = tables.module("_history")
        self.snapshots: tuple[str, ...] = tuple(s[0] for s in index.SNAPSHOTS)
        """The dates of the payloads the history holds, oldest first."""
        self._modules: Mapping[str, str] = index.MODULES
        self._ids: Mapping[str, tuple[str, ...]] = index.IDS
        self._successors: Mapping[str, str] = index.SUCCESSORS
        self._tables: dict[str, Any] = {}
        self._records: dict[tuple[str, str, str], Model | None] = {}
        self._listed: dict[tuple[str, str], list[str]] = {}

    # -- lookups -------------------------------------------------------------------------

    def model(self, pid: str, mid: str, at: str) -> Model | None:
        """The model ``pid:mid`` as listed on ``at``, or ``None`` where it was not."""
        date = self.snapshot_at(at)
        key = (pid, mid, date or "")
        if key not in self._records:
            events = self._events(pid, mid)
            state = replay(events, date) if date is not None and events else None
            self._records[key] = None if state is None else self._record(pid, mid, state)
        return self._records[key]

    def snapshot_at(self, at: str) -> str | None:
        """The date of the latest payload on or before ``at``, or ``None`` before the first."""
        from bisect import bisect_right

        index = bisect_right(self.snapshots, at)
        return self.snapshots[index - 1] if index else None

    def ids_at(self, pid: str, at: str) -> list[str]:
        """The ids ``pid`` listed on ``at``."""
        date = self.snapshot_at(at)
        if date is None:
            return []
        found = self._listed.get((pid, date))
        if found is None:
            models = self._table(pid).get("MODELS", {})
            found = [mid for mid, events in models.items() if _listed(events, date)]
            self._listed[(pid, date)] = found
        return found

    def ids_ever(self, pid: str) -> tuple[str, ...]:
        """Every model id ``pid`` has listed, current or not."""
        return tuple(self._table(pid).get("MODELS", {}))

    def listings(self, pid: str, mid: str | None = None) -> list[tuple[str, dict[str, Any] | None]]:
        """The object ``pid:mid`` (the provider ``pid`` without ``mid``) had from each date it
        changed, oldest first; ``None`` from a date it was no longer listed."""
        events = self._events(pid, mid) if mid is not None else self._table(pid).get("PROVIDER", ())
        return [(date, replay(events, date)) for date in sorted({e[0] for e in events})]

    def providers_ever(self) -> tuple[str, ...]:
        """Every provider the history has listed, sorted."""
        return tuple(sorted(self._modules))

    def providers_listing(self, mid: str) -> tuple[str, ...]:
        """Every provider that has ever listed the id ``mid``."""
        return self._ids.get(mid, ())

    def timeline(self, pid: str, mid: str) -> ModelHistory | None:
        """The history of ``pid:mid``, or ``None`` if the history never listed it."""
        events = self._events(pid, mid)
        if not events:
            return None
        changes = tuple(_changes(events))
        listed_dates = [d for d in self.snapshots if replay(events, d) is not None]
        if not listed_dates:
            return None
        return ModelHistory(
            spec=f"{pid}:{mid}",
            first_seen=listed_dates[0],
            last_seen=listed_dates[-1],
            listed=listed_dates[-1] == self.snapshots[-1],
            changes=changes,
        )

    def retired(self, pid: str, mid: str) -> ModelRetiredError | None:
        """The error for a model the history lists but the catalog no longer does."""
        history = self.timeline(pid, mid)
        if history is None or history.listed:
            return None
        return ModelRetiredError(
            history.spec,
            last_seen=history.last_seen,
            successor=self.successor(pid, mid),
            listed_by=self._tables_of.owners.get(mid, ()),
        )

    def successor(self, pid: str, mid: str) -> str | None:
        """A current model that replaces ``pid:mid``: a curated one, else the newest current
        release of its dated family."""
        curated = self._successors.get(f"{pid}:{mid}")
        if curated is not None:
            return curated
        from llmdex.resolution.dated_ids import split_dated

        dated = split_dated(mid)
        if dated is None or pid not in self._tables_of.modules:
            return None
        family = [
            (split[1], other)
            for other in self._tables_of.models_of(pid)
            if (split := split_dated(other)) is not None and split[0] == dated[0]
        ]
        return f"{pid}:{max(family)[1]}" if family else None

    def unlisted_error(self, spec: str, pid: str, mid: str, at: str) -> ModelNotFoundError:
        """The error for a model not listed on ``at``, saying when it was."""
        history = self.timeline(pid, mid)
        if history is None:
            first = self.snapshots[0] if self.snapshots else "the catalog's payload"
            return ModelNotFoundError(spec, reason=f"on {at} (the history starts {first})")
        if at < history.first_seen:
            why = f"on {at}: {pid}:{mid} was first listed {history.first_seen}"
        else:
            why = f"on {at}: {pid}:{mid} was listed {history.first_seen} to {history.last_seen}"
        return ModelNotFoundError(spec, reason=why)

    def retired_models(self) -> Iterator[Model]:
        """Every model no longer listed, as it was last listed."""
        last = self.snapshots[-1] if self.snapshots else ""
        for pid in self.providers_ever():
            for mid, events in self._table(pid).get("MODELS", {}).items():
                if not _listed(events, last):
                    history = self.timeline(pid, mid)
                    if history is not None:
                        model = self.model(pid, mid, history.last_seen)
                        if model is not None:
                            yield model

    def models_at(self, pid: str, at: str) -> dict[str, Model]:
        """Every model of ``pid`` as listed on ``at``, by id."""
        found = {}
        for mid in self.ids_at(pid, at):
            model = self.model(pid, mid, at)
            if model is not None:
                found[mid] = model
        return found

    def entities_at(self, at: str) -> dict[str, dict[str, Any]]:
        """Every provider and model listed on ``at``, as their models.dev objects
        (:func:`llmdex.past.changes.entities` form)."""
        date = self.snapshot_at(at)
        found: dict[str, dict[str, Any]] = {}
        if date is None:
            return found
        for pid in self.providers_ever():
            table = self._table(pid)
            provider = replay(table.get("PROVIDER", ()), date)
            if provider is not None:
                found[pid] = provider
            for mid, events in table.get("MODELS", {}).items():
                state = replay(events, date)
                if state is not None:
                    found[f"{pid}:{mid}"] = state
        return found

    def entities_between(
        self, before: str, after: str
    ) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
        """The providers and models with a change after ``before`` up to ``after`` (two
        payload dates), as listed on each: what :func:`~llmdex.past.changes.diff` needs to
        compare the two catalogs, without replaying what did not change."""
        old: dict[str, dict[str, Any]] = {}
        new: dict[str, dict[str, Any]] = {}
        for pid in self.providers_ever():
            table = self._table(pid)
            entries = [(pid, table.get("PROVIDER", ()))]
            entries += [(f"{pid}:{mid}", events) for mid, events in table.get("MODELS", {}).items()]
            for key, events in entries:
                if not any(before < event[0] <= after for event in events):
                    continue
                was, now = replay(events, before), replay(events, after)
                if was is not None:
                    old[key] = was
                if now is not None:
                    new[key] = now
        return old, new

    def providers_at(self, at: str) -> tuple[str, ...]:
        """The providers listed on ``at``."""
        date = self.snapshot_at(at)
        if date is None:
            return ()
        return tuple(
            pid
            for pid in self.providers_ever()
            if replay(self._table(pid).get("PROVIDER", ()), date) is not None
        )

    # -- internals -----------------------------------------------------------------------

    def _table(self, pid: str) -> Mapping[str, Any]:
        table = self._tables.get(pid)
        if table is None:
            module = self._modules.get(pid)
            if module is None:
                return {}
            loaded = self._tables_of.module(f"_history.{module}")
            table = {"PROVIDER": loaded.PROVIDER, "MODELS": loaded.MODELS, "KINDS": loaded.KINDS}
            self._tables[pid] = table
        return table

    def _events(self, pid: str, mid: str) -> Sequence[Event]:
        events: Sequence[Event] = self._table(pid).get("MODELS", {}).get(mid, ())
        return events

    def _record(self, pid: str, mid: str, state: Mapping[str, Any]) -> Model:
        # Derived fields come from the current catalog where it still lists the model.
        current = None
        if pid in self._tables_of.modules:
            current = self._tables_of.models_of(pid).get(mid)
        from llmdex.records.vocabulary import Kind

        kinds = self._table(pid)["KINDS"]
        kind = current.kind if current is not None else Kind(kinds.get(mid, "chat"))
        cls = PricedModel if state.get("cost") is not None else Model
        return cls.from_dict(
            state,
            provider=pid,
            kind=kind,
            protocol=current.protocol if current is not None else None,
            base_url=current.base_url if current is not None else None,
        )


def _changes(events: Sequence[Event]) -> Iterator[Change]:
    for date, op, path, old, new in events:
        if op == APPEARED:
            continue
        dotted = ".".join(path)
        if op in {FIRST_LISTED, NO_LONGER_LISTED}:
            yield Change(date=date, path="", kind=op)
        else:
            yield Change(date=date, path=dotted, old=old, new=new, kind=op)
