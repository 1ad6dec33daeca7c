"""Stage 3: apply ``data_sources/patches/*.json`` to the validated payload.

Files apply in file-name order, entries in order. Each entry does one thing, says why
(``reason``, required) and where that is documented (``source``):

* ``set``: deep-merge into a provider (no ``model``) or a model: objects merge, lists and
  values replace, ``null`` removes the field.
* ``add``: a whole new provider (no ``model``) or model.
* ``rename``: give a model a new id; the old id stays as a curated alias.
* ``exclude``: drop models whose ids match exact ids or anchored ``*`` globs, in one
  provider or (no ``provider``) everywhere.
* ``kind``: set the derived kind of the models a ``model`` glob matches.

An entry that matches nothing fails the regen unless it says ``"if_present": true``; two
entries that set the same field differently fail it too, naming both. ``Patched`` records
which entry changed which field of which model (provenance) for the generated tables.
"""

from __future__ import annotations

import copy
import fnmatch
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import AnyUrl, BaseModel, ConfigDict, Field, model_validator

from llmdex.records.vocabulary import Kind

from .curated import read_curated
from .errors import PatchError

SCHEMA = Path("data_sources/patches.schema.json")
_ACTIONS = ("set", "add", "rename", "exclude", "kind")


class PatchEntry(BaseModel):
    """One change to the upstream data, with its reason."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    provider: str | None = Field(default=None, min_length=1, description="Provider id.")
    model: str | None = Field(
        default=None, min_length=1, description="Model id; a glob (*) for kind."
    )
    set: dict[str, Any] | None = Field(default=None, description="Fields to deep-merge.")
    add: dict[str, Any] | None = Field(default=None, description="A whole provider or model.")
    rename: str | None = Field(default=None, min_length=1, description="The model's new id.")
    exclude: list[str] | None = Field(default=None, min_length=1, description="Ids or globs.")
    kind: Kind | None = Field(default=None, description="The derived kind to give.")
    reason: str = Field(min_length=1, description="Why this change is right.")
    source: AnyUrl | None = Field(default=None, description="Where that is documented.")
    if_present: bool = Field(default=False, description="Allow matching nothing.")

    @model_validator(mode="after")
    def _one_action(self) -> PatchEntry:
        given = [name for name in _ACTIONS if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of {', '.join(_ACTIONS)} (got {given or 'none'})")
        needs_provider = given[0] in {"set", "add", "rename"}
        if needs_provider and self.provider is None:
            raise ValueError(f"{given[0]} needs a provider")
        if given[0] in {"rename", "kind"} and self.model is None:
            raise ValueError(f"{given[0]} needs a model")
        return self

    @property
    def action(self) -> str:
        """Which of set, add, rename, exclude and kind this entry does."""
        return next(name for name in _ACTIONS if getattr(self, name) is not None)


class PatchFile(BaseModel):
    """A file of ``data_sources/patches/``."""

    model_config = ConfigDict(
        extra="forbid", title="llmdex patch file", json_schema_extra={"$id": "patches.schema.json"}
    )

    schema_: str | None = Field(default=None, alias="$schema")
    patches: list[PatchEntry]


@dataclass(frozen=True, slots=True)
class Change:
    """What one entry did: where it is, why, and each field or model it changed."""

    where: str
    action: Literal["set", "add", "rename", "exclude", "kind"]
    reason: str
    source: str | None
    changed: tuple[str, ...]


@dataclass(slots=True)
class Patched:
    """The patched payload and everything the later stages need to know about the patches."""

    payload: dict[str, Any]
    files: tuple[Path, ...] = ()
    changes: list[Change] = field(default_factory=list)
    provenance: dict[str, dict[str, tuple[str, str, str | None]]] = field(default_factory=dict)
    """spec -> field path -> (file#entry, reason, source)."""
    kinds: dict[str, Kind] = field(default_factory=dict)
    """spec -> kind set by a patch."""
    renamed: dict[str, dict[str, str]] = field(default_factory=dict)
    """provider -> old id -> new id."""


def load_patch_file(path: Path) -> PatchFile:
    """Read and validate one patch file; errors name the file and the JSON path."""
    return read_curated(path, PatchFile, str(SCHEMA))


def apply_patches(
    payload: Mapping[str, Any],
    directory: Path,
    *,
    past: bool = False,
    after: Patched | None = None,
    label: str = "",
) -> Patched:
    """Apply every patch file of ``directory`` in file-name order to a copy of ``payload``.

    ``past``: the payload is an older one (history), where an entry may match nothing
    because its model did not exist yet; such entries are skipped, not stale.
    ``after``: the result of an earlier directory (the shipped patches), extended in place
    and returned: these entries go on from it and may override it (a user's patch wins over
    ours); only two entries of one directory conflict. ``label`` goes before each entry's
    ``file#index`` (a user's directory, so its entries cannot be taken for ours).
    """
    files = tuple(sorted(directory.glob("*.json"))) if directory.is_dir() else ()
    if after is None:
        result = Patched(payload=copy.deepcopy(dict(payload)), files=files)
    else:
        result = after
        result.payload = copy.deepcopy(dict(payload))
        result.files = (*after.files, *files)
    claims: dict[tuple[str, str], tuple[str, str]] = {}
    for path in files:
        for index, entry in enumerate(load_patch_file(path).patches):
            where = f"{label}{path.name}#{index}"
            changed = _apply(result, entry, where, claims)
            if not changed and not entry.if_present and not past:
                raise PatchError(
                    f"{path}: /patches/{index} ({entry.action} {_target(entry)}) matches "
                    'nothing: it is stale. Remove it, or add "if_present": true'
                )
            result.changes.append(
                Change(
                    where=where,
                    action=entry.action,  # type: ignore[arg-type]
                    reason=entry.reason,
                    source=None if entry.source is None else str(entry.source),
                    changed=tuple(changed),
                )
            )
    return result


def _target(entry: PatchEntry) -> str:
    if entry.provider is None:
        return f"models {entry.model or entry.exclude} everywhere"
    return entry.provider if entry.model is None else f"{entry.provider}:{entry.model}"


def _apply(
    result: Patched, entry: PatchEntry, where: str, claims: dict[tuple[str, str], tuple[str, str]]
) -> list[str]:
    payload = result.payload
    pid, mid = entry.provider, entry.model
    provider = payload.get(pid) if pid is not None else None
    note = (where, entry.reason, None if entry.source is None else str(entry.source))
    if entry.set is not None:
        target = provider if mid is None else (provider or {}).get("models", {}).get(mid)
        if target is None:
            return []
        if mid is None and "models" in entry.set:
            raise PatchError(f"{where}: set on a provider cannot touch 'models'; patch each model")
        scope = str(pid) if mid is None else f"{pid}:{mid}"
        paths = list(_leaf_paths(entry.set))
        for path, value in paths:
            _claim(claims, scope, path, value, where)
        _merge(target, entry.set)
        result.provenance.setdefault(scope, {}).update({path: note for path, _ in paths})
        return [f"{scope} {path}" for path, _ in paths]
    if entry.add is not None:
        return _add(result, entry, note)
    if entry.rename is not None:
        models = (provider or {}).get("models", {})
        if mid not in models:
            return []
        if entry.rename in models:
            raise PatchError(f"{where}: cannot rename {pid}:{mid} to an id it already has")
        moved = models.pop(mid)
        moved["id"] = entry.rename
        models[entry.rename] = moved
        result.renamed.setdefault(str(pid), {})[str(mid)] = entry.rename
        result.provenance.setdefault(f"{pid}:{entry.rename}", {})["id"] = note
        return [f"{pid}:{mid} -> {entry.rename}"]
    if entry.exclude is not None:
        return _exclude(result, entry, where)
    return _set_kind(result, entry, note)


def _add(result: Patched, entry: PatchEntry, note: tuple[str, str, str | None]) -> list[str]:
    payload, pid, mid, data = (
        result.payload,
        str(entry.provider),
        entry.model,
        dict(entry.add or {}),
    )
    if mid is None:
        if pid in payload:
            return []
        data.setdefault("id", pid)
        data.setdefault("models", {})
        payload[pid] = data
        for model_id in data["models"]:
            result.provenance.setdefault(f"{pid}:{model_id}", {})["*"] = note
        return [f"provider {pid}"]
    provider = payload.get(pid)
    if provider is None:
        raise PatchError(f"{note[0]}: cannot add {pid}:{mid}: no provider {pid!r}; add it first")
    if mid in provider["models"]:
        return []
    data.setdefault("id", mid)
    provider["models"][mid] = data
    result.provenance.setdefault(f"{pid}:{mid}", {})["*"] = note
    return [f"{pid}:{mid}"]


def _matches(model_id: str, patterns: list[str]) -> bool:
    # Anchored globs: fnmatch matches the whole id, and only * and ? are special.
    return any(fnmatch.fnmatchcase(model_id, p.replace("[", "[[]")) for p in patterns)


def _exclude(result: Patched, entry: PatchEntry, where: str) -> list[str]:
    patterns = list(entry.exclude or [])
    pids = [str(entry.provider)] if entry.provider is not None else sorted(result.payload)
    dropped: list[str] = []
    used: set[str] = set()
    for pid in pids:
        models = result.payload.get(pid, {}).get("models", {})
        for model_id in sorted(models):
            hits = [p for p in patterns if _matches(model_id, [p])]
            if hits:
                used.update(hits)
                del models[model_id]
                dropped.append(f"{pid}:{model_id}")
    unused = [p for p in patterns if p not in used]
    if unused and dropped and not entry.if_present:
        raise PatchError(f"{where}: exclude pattern(s) {unused} match nothing: they are stale")
    return dropped


def _set_kind(result: Patched, entry: PatchEntry, note: tuple[str, str, str | None]) -> list[str]:
    pids = [str(entry.provider)] if entry.provider is not None else sorted(result.payload)
    changed = []
    for pid in pids:
        for model_id in result.payload.get(pid, {}).get("models", {}):
            if _matches(model_id, [str(entry.model)]):
                spec = f"{pid}:{model_id}"
                result.kinds[spec] = Kind(str(entry.kind))
                result.provenance.setdefault(spec, {})["kind"] = note
                changed.append(spec)
    return changed


def _leaf_paths(changes: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in changes.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            yield from _leaf_paths(value, path + ".")
        else:
            yield path, value


def _claim(
    claims: dict[tuple[str, str], tuple[str, str]], scope: str, path: str, value: Any, where: str
) -> None:
    encoded = json.dumps(value, sort_keys=True)
    for (other_scope, other_path), (other_value, other_where) in claims.items():
        if other_scope != scope:
            continue
        overlaps = (
            other_path == path
            or path.startswith(other_path + ".")
            or other_path.startswith(path + ".")
        )
        if overlaps and (other_path != path or other_value != encoded):
            raise PatchError(
                f"conflicting patches: {other_where} sets {scope} {other_path} to {other_value} "
                f"and {where} sets {path} to {encoded}; keep one"
            )
    claims[(scope, path)] = (encoded, where)


def _merge(target: dict[str, Any], changes: Mapping[str, Any]) -> None:
    for key, value in changes.items():
        if value is None:
            target.pop(key, None)
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)
