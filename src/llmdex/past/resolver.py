"""Resolving a spec against the past: ``find(spec, at=...)``, retirements, ``history(spec)``.

As of a date, a spec resolves over the models listed then. Within a provider: the exact id,
the id ignoring case, a dated family's base name (its newest release listed then), a snapshot
of a model listed then, or what today's rules name (a curated alias, a vendor prefix) where
that model was listed then. A bare id: among the providers that listed it exactly then, the
first of ``prefer=``, else its maker, else the only one (several: ambiguous); an id nobody
listed exactly goes where today's rules send it.
"""

from __future__ import annotations

import contextlib

from llmdex.errors import (
    AmbiguousModelError,
    InvalidSpecError,
    LlmdexError,
    ModelNotFoundError,
)
from llmdex.records.model import Model
from llmdex.resolution.spec import ModelSpec

_CACHE_LIMIT = 10_000

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (9 ms here)
if TYPE_CHECKING:
    from collections.abc import Sequence

    from llmdex.errors import ModelRetiredError
    from llmdex.facade import Registry
    from llmdex.past.log import History, ModelHistory


def find_at(
    registry: Registry,
    past: History,
    spec: object,
    *,
    provider: str | None,
    prefer: Sequence[str] | None,
    at: str,
) -> Model:
    """The model ``spec`` names as listed on ``at``."""
    key = (spec, provider, tuple(prefer or ()), past.snapshot_at(at))
    try:
        return past.found[key]
    except (KeyError, TypeError):
        pass
    model = _find_at(registry, past, spec, provider=provider, prefer=prefer, at=at)
    if len(past.found) < _CACHE_LIMIT and (not isinstance(spec, str) or len(spec) <= 200):
        with contextlib.suppress(TypeError):  # an unhashable spec is not remembered
            past.found[key] = model
    return model


def _find_at(
    registry: Registry,
    past: History,
    spec: object,
    *,
    provider: str | None,
    prefer: Sequence[str] | None,
    at: str,
) -> Model:
    if isinstance(spec, Model) and provider is None:
        pid, name = spec.provider, spec.id
    else:
        try:
            parsed = registry.parse_spec(spec if provider is None else (provider, spec))  # type: ignore[arg-type]
        except InvalidSpecError as exc:
            # A provider the catalog no longer lists is still a provider of the past.
            gone = _gone_provider(past, spec, provider) if exc.code == "unknown_provider" else None
            if gone is None:
                raise
            parsed = gone
        pid, name = parsed.provider or "", parsed.id
        if not pid:
            pid = _bare_provider(registry, past, name, prefer, at)
    mid = _within(registry, past, pid, name, at)
    model = past.model(pid, mid, at) if mid is not None else None
    if model is None:
        raise past.unlisted_error(str(spec), pid, mid or name, at)
    return model


def _gone_provider(past: History, spec: object, provider: str | None) -> ModelSpec | None:
    if provider is not None:
        pid, name = provider, spec
    elif isinstance(spec, str) and ":" in spec:
        pid, name = spec.split(":", 1)
    else:
        return None
    if not isinstance(name, str) or pid.strip() not in past.providers_ever():
        return None
    return ModelSpec(provider=pid.strip(), id=name.strip())


def _within(registry: Registry, past: History, pid: str, name: str, at: str) -> str | None:
    listed = past.ids_at(pid, at)
    if name in listed:
        return name
    folded = {mid.lower(): mid for mid in listed}
    if name.lower() in folded:
        return folded[name.lower()]
    from llmdex.resolution.dated_ids import split_dated

    base = name[: -len("-latest")] if name.endswith("-latest") else name
    family = [
        (dated[1], mid)
        for mid in listed
        if (dated := split_dated(mid)) is not None and dated[0] == base
    ]
    if family:
        return max(family)[1]
    snapshot = split_dated(name)
    if snapshot is not None and snapshot[0] in listed:
        return snapshot[0]
    try:  # today's rules (curated aliases, vendor prefixes), where their model was listed then
        target = registry.find_current(name, provider=pid, warn=False).id
    except LlmdexError:
        return None
    return target if target in listed else None


def _bare_provider(
    registry: Registry, past: History, name: str, prefer: Sequence[str] | None, at: str
) -> str:
    # Among the providers that listed the id exactly then: prefer=, the maker, the only one.
    listing = [pid for pid in past.providers_listing(name) if name in past.ids_at(pid, at)]
    for wanted in prefer or ():
        if wanted in listing:
            return wanted
    makers = registry.makers_of(name)
    for pid in makers:
        if pid in listing:
            return pid
    if len(listing) == 1:
        return listing[0]
    if listing:
        raise AmbiguousModelError(name, [f"{pid}:{name}" for pid in listing], f"on {at}")
    try:  # not an exact id then: today's rules (aliases, dated families) pick the provider
        return registry.find_current(name, prefer=prefer, warn=False).provider
    except AmbiguousModelError:
        raise
    except LlmdexError:
        pass
    ever = past.providers_listing(name)
    if ever:
        return next((pid for pid in makers if pid in ever), ever[0])
    raise ModelNotFoundError(name, reason=f"on {at}: no provider has listed it")


def retired(registry: Registry, past: History, spec: object) -> ModelRetiredError | None:
    """The retirement error for a spec the catalog no longer lists, if the history has it."""
    for pid, mid in _entities(registry, past, spec):
        error = past.retired(pid, mid)
        if error is not None:
            return error
    return None


def history_of(registry: Registry, past: History, spec: object) -> ModelHistory:
    """The listing history of the model ``spec`` names (today, or when it was last listed)."""
    for pid, mid in _entities(registry, past, spec):
        found = past.timeline(pid, mid)
        if found is not None:
            return found
    raise ModelNotFoundError(str(spec), reason="nor in its history")


def _entities(registry: Registry, past: History, spec: object) -> list[tuple[str, str]]:
    # The entities a spec may mean: the model today's rules find, else the history's.
    try:
        found = registry.find_current(spec, warn=False)  # type: ignore[arg-type]
        return [(found.provider, found.id)]
    except AmbiguousModelError:
        raise
    except LlmdexError:
        pass
    try:
        parsed = registry.parse_spec(spec)  # type: ignore[arg-type]
    except LlmdexError:
        return []
    if parsed.provider is not None:
        return [(parsed.provider, parsed.id)]
    makers = registry.makers_of(parsed.id)
    owners = sorted(past.providers_listing(parsed.id), key=lambda pid: pid not in makers)
    return [(pid, parsed.id) for pid in owners]
