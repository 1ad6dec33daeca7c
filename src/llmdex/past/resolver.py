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
from llmdex.past.log import History
from llmdex.records.model import Model
from llmdex.resolution.dated_ids import split_dated
from llmdex.resolution.spec import ModelSpec

_CACHE_LIMIT = 10_000
_CACHED_LENGTH = 200  # longer specs are resolved but not remembered

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from llmdex.errors import ModelRetiredError
    from llmdex.past.log import ModelHistory
    from llmdex.resolution.rules import Rules
    from llmdex.resolution.tables import CatalogTables


class PastCatalog:
    """One catalog's past: its history, and the lookups that read it.

    Example:
        >>> past = PastCatalog(tables, rules)
        >>> past.find("openai:gpt-4o", provider=None, prefer=None, at="2025-09-01").spec
        'openai:gpt-4o'
    """

    __slots__ = ("_found", "_rules", "_tables", "log")

    def __init__(self, tables: CatalogTables, rules: Rules) -> None:
        self._tables = tables
        self._rules = rules
        self.log = History(tables)
        """The history's events, replayed on demand."""
        self._found: dict[object, Model] = {}
        """What :meth:`find` returned, by spec and payload date (bounded)."""

    def find(
        self, spec: object, *, provider: str | None, prefer: Sequence[str] | None, at: str
    ) -> Model:
        """The model ``spec`` names as listed on ``at`` (``YYYY-MM-DD``)."""
        key = (spec, provider, tuple(prefer or ()), self.log.snapshot_at(at))
        try:
            return self._found[key]
        except (KeyError, TypeError):
            pass
        model = self._find(spec, provider=provider, prefer=prefer, at=at)
        if len(self._found) < _CACHE_LIMIT and (
            not isinstance(spec, str) or len(spec) <= _CACHED_LENGTH
        ):
            with contextlib.suppress(TypeError):  # an unhashable spec is not remembered
                self._found[key] = model
        return model

    def retired(self, spec: object) -> ModelRetiredError | None:
        """The retirement error for a spec the catalog no longer lists, if the history has it."""
        for pid, mid in self._entities(spec):
            error = self.log.retired(pid, mid)
            if error is not None:
                return error
        return None

    def history_of(self, spec: object) -> ModelHistory:
        """The listing history of the model ``spec`` names (today, or when last listed)."""
        for pid, mid in self._entities(spec):
            found = self.log.timeline(pid, mid)
            if found is not None:
                return found
        raise ModelNotFoundError(str(spec), reason="nor in its history")

    # -- internals -----------------------------------------------------------------------

    def _find(
        self, spec: object, *, provider: str | None, prefer: Sequence[str] | None, at: str
    ) -> Model:
        if isinstance(spec, Model) and provider is None:
            pid, name = spec.provider, spec.id
        else:
            try:
                named = spec if provider is None else (provider, spec)
                parsed = self._rules.split(named)[0]
            except InvalidSpecError as exc:
                # A provider the catalog no longer lists is still a provider of the past.
                unknown = exc.code == "unknown_provider"
                gone = self._gone_provider(spec, provider) if unknown else None
                if gone is None:
                    raise
                parsed = gone
            pid, name = parsed.provider or "", parsed.id
            if not pid:
                pid = self._bare_provider(name, prefer, at)
        mid = self._within(pid, name, at)
        model = self.log.model(pid, mid, at) if mid is not None else None
        if model is None:
            raise self.log.unlisted_error(str(spec), pid, mid or name, at)
        return model

    def _gone_provider(self, spec: object, provider: str | None) -> ModelSpec | None:
        if provider is not None:
            pid, name = provider, spec
        elif isinstance(spec, str) and ":" in spec:
            pid, name = spec.split(":", 1)
        else:
            return None
        if not isinstance(name, str) or pid.strip() not in self.log.providers_ever():
            return None
        return ModelSpec(provider=pid.strip(), id=name.strip())

    def _within(self, pid: str, name: str, at: str) -> str | None:
        listed = self.log.ids_at(pid, at)
        if name in listed:
            return name
        folded = {mid.lower(): mid for mid in listed}
        if name.lower() in folded:
            return folded[name.lower()]
        documented = self._tables.names_of(pid).unlisted.get(name)
        if documented is not None:  # the provider says which release the name means
            return documented[0] if documented[0] in listed else None
        try:  # today's rules (aliases, prefixes, spellings), where their model was listed then
            target = self._rules.explain(name, pid, None, 0).model.id
            if target in listed:
                return target
        except AmbiguousModelError:
            raise  # releases priced apart, a region priced on its own: refused then as now
        except LlmdexError:
            pass
        # A dated family or snapshot of ids listed then that today's catalog no longer lists.
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
        return None

    def _bare_provider(self, name: str, prefer: Sequence[str] | None, at: str) -> str:
        # Among the providers that listed the id exactly then: prefer=, the maker, the only one.
        listing = [p for p in self.log.providers_listing(name) if name in self.log.ids_at(p, at)]
        for wanted in prefer or ():
            if wanted in listing:
                return wanted
        makers = self._tables.makers.get(name, ())
        for pid in makers:
            if pid in listing:
                return pid
        if len(listing) == 1:
            return listing[0]
        if listing:
            raise AmbiguousModelError(name, [f"{pid}:{name}" for pid in listing], f"on {at}")
        try:  # not an exact id then: today's rules (aliases, dated families) pick the provider
            return self._rules.explain(name, None, prefer, 0).model.provider
        except AmbiguousModelError:
            raise
        except LlmdexError:
            pass
        ever = self.log.providers_listing(name)
        if ever:
            return next((pid for pid in makers if pid in ever), ever[0])
        raise ModelNotFoundError(name, reason=f"on {at}: no provider has listed it")

    def _entities(self, spec: object) -> list[tuple[str, str]]:
        # The entities a spec may mean: the model today's rules find, else the history's.
        try:
            found = self._rules.explain(spec, None, None, 0).model
            return [(found.provider, found.id)]
        except AmbiguousModelError:
            raise
        except LlmdexError:
            pass
        try:
            parsed = self._rules.split(spec)[0]
        except LlmdexError:
            return []
        if parsed.provider is not None:
            return [(parsed.provider, parsed.id)]
        makers = self._tables.makers.get(parsed.id, ())
        owners = sorted(self.log.providers_listing(parsed.id), key=lambda pid: pid not in makers)
        return [(pid, parsed.id) for pid in owners]
