"""``data_sources/history.jsonl``: what changed in the catalog's data, payload after payload.

The file is JSON Lines. The first line names the payloads (date, sha256, source); every other
line is one event, ``[date, op, entity, path, old, new]``, sorted by date, entity and path, so
that a regen that adds a payload appends lines and touches nothing else. ``op`` is one of
:data:`llmdex.past.log.OPS`; ``entity`` is a provider id, or ``provider:model`` for a
model; ``path`` is the field's path in the models.dev object. A first listing carries the
whole object; a field seen for the first time in any object of its kind (models.dev added it
to its schema) is logged once as ``[date, "S", "model", path]``, and the values it brings to
objects already listed are ``=`` events, which are not changes.

Payloads are read as the catalog reads them: validated, then patched (patches that match
nothing in an older payload are skipped), unless ``NO_PATCHES``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from llmdex.past.changes import entities, field_changes
from llmdex.past.log import (
    ADDED,
    APPEARED,
    CHANGED,
    FIRST_LISTED,
    NO_LONGER_LISTED,
    OPS,
    replay,
)

from .curated import read_bounded
from .errors import CuratedDataError, PayloadError

HISTORY = Path("data_sources/history.jsonl")
SCHEMA_FIELD = "S"
"""The op of a field's first appearance in the schema: ``[date, "S", kind, path]``."""
FORMAT = 1
MAX_HISTORY_BYTES = 256 * 2**20
"""Largest history read: a year of weekly payloads adds about 5 MB."""
_DATED_NAME = re.compile(r"api-(\d{4}-\d{2}-\d{2})\.json(\.gz)?$")

Row = tuple[str, str, str, tuple[str, ...], Any, Any]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One payload of the series: its date, the sha256 of its JSON, and where it came from."""

    date: str
    sha256: str
    source: str


@dataclass(slots=True)
class EventLog:
    """The history the generator builds and writes (data_sources/history.jsonl): the payloads
    of the series and the events between them, in file order. The package reads it back as
    :class:`llmdex.past.log.History`."""

    snapshots: list[Snapshot] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    _latest: dict[str, Any] | None = None
    _seen: dict[str, set[tuple[str, ...]]] | None = None

    @classmethod
    def read(cls, path: Path) -> EventLog:
        """Read a history file; a missing one is an empty history."""
        if not path.exists():
            return cls()
        data = read_bounded(path, MAX_HISTORY_BYTES)
        try:
            lines = data.decode("utf-8").splitlines()
            header = json.loads(lines[0])
            if header.get("format") != FORMAT:
                raise ValueError(f"format {header.get('format')!r}, expected {FORMAT}")
            snapshots = [Snapshot(*item) for item in header["snapshots"]]
            rows = [_row(json.loads(line)) for line in lines[1:] if line]
        except (ValueError, KeyError, TypeError, IndexError, RecursionError) as exc:
            raise CuratedDataError(
                f"{path}: not a readable history file ({exc}); rebuild it with "
                "`make history SOURCES=dir`, or delete it to start a new history"
            ) from None
        return cls(snapshots, rows)

    def text(self) -> str:
        """The file's text: a header line, then one event per line, in a stable order."""
        header = {
            "format": FORMAT,
            "snapshots": [[s.date, s.sha256, s.source] for s in self.snapshots],
        }
        lines = [json.dumps(header, separators=(",", ":"))]
        lines += [_line(row) for row in self.rows]
        return "\n".join(lines) + "\n"

    def write(self, path: Path) -> None:
        """Write :meth:`text` to ``path``."""
        path.write_text(self.text(), encoding="utf-8")

    def until(self, date: str) -> EventLog:
        """The history of the payloads dated before ``date``."""
        return EventLog(
            [s for s in self.snapshots if s.date < date], [r for r in self.rows if r[0] < date]
        )

    def state(self) -> dict[str, dict[str, Any]]:
        """Every entity listed in the latest payload, as it was listed then."""
        if not self.snapshots:
            return {}
        last = self.snapshots[-1].date
        found = {}
        for entity, events in self.by_entity().items():
            obj = replay(events, last)
            if obj is not None:
                found[entity] = obj
        return found

    def by_entity(self) -> dict[str, list[tuple[str, str, tuple[str, ...], Any, Any]]]:
        """Each entity's events in date order (schema appearances left out)."""
        grouped: dict[str, list[tuple[str, str, tuple[str, ...], Any, Any]]] = {}
        for date, op, entity, path, old, new in self.rows:
            if op != SCHEMA_FIELD:
                grouped.setdefault(entity, []).append((date, op, path, old, new))
        return grouped

    def listed(self) -> dict[str, set[str]]:
        """Every provider id the history has listed -> every model id it listed for it."""
        found: dict[str, set[str]] = {}
        for entity in self.by_entity():
            pid, sep, mid = entity.partition(":")
            found.setdefault(pid, set())
            if sep:
                found[pid].add(mid)
        return found

    def seen_paths(self) -> dict[str, set[tuple[str, ...]]]:
        """Every field path any model or provider has had, by kind."""
        seen: dict[str, set[tuple[str, ...]]] = {"model": set(), "provider": set()}
        for _date, op, entity, path, _old, new in self.rows:
            if op == SCHEMA_FIELD:
                seen[entity].add(path)
                continue
            kind = _kind(entity)
            if op == FIRST_LISTED:
                seen[kind].update(key_paths(new))
            elif op in (ADDED, APPEARED, CHANGED):
                seen[kind].update(_prefixes(path))
                seen[kind].update(path + sub for sub in key_paths(new))
        return seen

    def add(self, payload: Mapping[str, Any], snapshot: Snapshot) -> list[Row]:
        """Append the events from the latest payload to ``payload``; return them."""
        if self.snapshots and snapshot.date <= self.snapshots[-1].date:
            raise PayloadError(
                f"{snapshot.source}: dated {snapshot.date}, not after the history's last "
                f"payload ({self.snapshots[-1].date}); histories only grow forward"
            )
        if self._latest is None or self._seen is None:  # replayed once, then kept up to date
            self._latest, self._seen = self.state(), self.seen_paths()
        after = entities(payload)
        rows = changes(self._latest, after, snapshot.date, self._seen, first=not self.snapshots)
        for entity, obj in after.items():
            self._seen[_kind(entity)].update(key_paths(obj))
        self._latest = after
        self.snapshots.append(snapshot)
        self.rows.extend(rows)
        return rows


def changes(
    before: Mapping[str, Mapping[str, Any]],
    after: Mapping[str, Mapping[str, Any]],
    date: str,
    seen: Mapping[str, set[tuple[str, ...]]],
    *,
    first: bool = False,
) -> list[Row]:
    """The events that turn ``before`` into ``after`` on ``date``, sorted.

    ``seen`` holds every field path listed before, by kind: a path none has had is a schema
    appearance, logged once, unless this is the ``first`` payload of the history.
    """
    appeared: dict[str, set[tuple[str, ...]]] = {"model": set(), "provider": set()}
    if not first:
        for entity, obj in after.items():
            kind = _kind(entity)
            appeared[kind].update(p for p in key_paths(obj) if p not in seen[kind])
    rows: list[Row] = []
    for kind, paths in appeared.items():
        # Only the shallowest new path: cost.tiers, not also cost.tiers.*
        for path in sorted(p for p in paths if not any(p[:i] in paths for i in range(1, len(p)))):
            rows.append((date, SCHEMA_FIELD, kind, path, None, None))
    for entity in sorted(set(before) | set(after)):
        if entity not in before:
            rows.append((date, FIRST_LISTED, entity, (), None, after[entity]))
        elif entity not in after:
            rows.append((date, NO_LONGER_LISTED, entity, (), None, None))
        else:
            fresh = appeared[_kind(entity)]
            for op, path, old, new in field_changes(before[entity], after[entity]):
                brought = op == ADDED and any(path[:i] in fresh for i in range(1, len(path) + 1))
                # A value the schema's new field brought is not a change.
                rows.append((date, APPEARED if brought else op, entity, path, old, new))
    return rows


def key_paths(obj: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every key path of a JSON object, parents before children."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            path = (*prefix, key)
            yield path
            yield from key_paths(value, path)


def _prefixes(path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    for i in range(1, len(path) + 1):
        yield path[:i]


def _kind(entity: str) -> str:
    return "model" if ":" in entity else "provider"


def dated_sources(directory: Path) -> list[tuple[str, Path]]:
    """The payloads of a directory (``api-YYYY-MM-DD.json`` or ``.json.gz``), oldest first."""
    if not directory.is_dir():
        raise PayloadError(f"{directory}: not a directory of api-YYYY-MM-DD.json(.gz) payloads")
    found = []
    for path in directory.iterdir():
        match = _DATED_NAME.search(path.name)
        if match:
            found.append((match.group(1), path))
    if not found:
        raise PayloadError(f"{directory}: holds no api-YYYY-MM-DD.json(.gz) payload")
    return sorted(found)


def _row(item: list[Any]) -> Row:
    date, op, entity, path, old, new = item
    if op not in (*OPS, SCHEMA_FIELD) or not isinstance(date, str):
        raise ValueError(f"not an event: {item!r:.80}")
    return (date, op, entity, tuple(path), old, new)


def _line(row: Row) -> str:
    date, op, entity, path, old, new = row
    return json.dumps(
        [date, op, entity, list(path), old, new], separators=(",", ":"), ensure_ascii=False
    )
