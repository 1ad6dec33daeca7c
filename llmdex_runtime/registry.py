"""Finding models in a generated catalog: one resolution order, table lookups only.

The order (README, "Resolution"):

1. Within a provider: the exact id; then a curated alias; then a dated alias (a dated
   family's base name or ``base-latest`` -> its newest release); then the id or alias
   ignoring case.
2. A bare id: the providers that have it by rule 1, trying each step of rule 1 across all
   providers before the next. One provider: that one. Several: the first of ``prefer=``
   that has it when ``prefer`` is given, otherwise the provider that makes the model
   (first party) when it is among them, otherwise :class:`AmbiguousModelError`.
3. Nothing: :class:`ModelNotFoundError` with up to five close specs.
"""

from __future__ import annotations

import importlib
from types import MappingProxyType

from llmdex_runtime.errors import (
    AmbiguousModelError,
    DeprecatedModelWarning,
    InvalidSpecError,
    ModelNotFoundError,
)
from llmdex_runtime.model import Model
from llmdex_runtime.resolution import Resolution, Rule
from llmdex_runtime.spec import ModelSpec, parse_spec

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (9 ms here)
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence
    from typing import Any

    from llmdex_runtime.compare import Comparison
    from llmdex_runtime.custom import CustomModel
    from llmdex_runtime.model import ProviderInfo
    from llmdex_runtime.provenance import Provenance
    from llmdex_runtime.query import Selection

    AliasTable = Mapping[str, Mapping[str, tuple[str, str]]]
    """Provider id -> alias -> (model id, rule)."""
    Hit = tuple[str, tuple[Rule, ...], tuple[str, ...]]
    """What rule 1 found in one provider: model id, rules that fired, and why."""

_CACHE_LIMIT = 10_000
_STEP = {Rule.EXACT: 0, Rule.CURATED_ALIAS: 1, Rule.DATED_ALIAS: 2, Rule.CASE_INSENSITIVE: 3}
_SUGGESTIONS = 5


def provider_key(text: str) -> str:
    """The form provider ids are compared in: lower case, ``_`` and ``-`` the same."""
    return text.strip().lower().replace("_", "-")


class Registry:
    """The lookup tables of one generated catalog.

    The generated package makes one registry, naming itself; the registry reads the
    package's tables (``_providers``, ``_index``, ``_aliases``, ``_provenance``) on first use
    and imports a provider's module the first time a model of that provider is asked for, so
    lookups return the module's own constants.
    """

    __slots__ = (
        "_aliases",
        "_folded",
        "_found",
        "_ids",
        "_index",
        "_keys",
        "_loaded",
        "_package",
        "_providers",
    )

    def __init__(self, *, package: str) -> None:
        self._package = package
        self._providers: Mapping[str, ProviderInfo] | None = None
        self._keys: dict[str, str] = {}
        self._index: tuple[Mapping[str, tuple[str, ...]], Mapping[str, str]] | None = None
        self._aliases: AliasTable | None = None
        self._folded: dict[str, Mapping[str, str]] = {}
        self._ids: dict[str, list[str]] | None = None
        self._found: dict[object, Model] = {}
        """What find() returned for a spec, up to _CACHE_LIMIT entries."""
        self._loaded: dict[str, Mapping[str, Model]] = {}
        """Provider id -> its models by id, for the provider modules imported so far."""

    # -- public lookups --------------------------------------------------------------------

    def find(
        self,
        spec: str | tuple[str, str] | Model,
        provider: str | None = None,
        *,
        prefer: Sequence[str] | None = None,
    ) -> Model:
        """Return the model a spec names, by the resolution order of this module.

        Example:
            >>> llmdex.find("anthropic:claude-3-5-sonnet").id
            'claude-3-5-sonnet-20241022'
        """
        if provider is None and prefer is None:
            try:
                return self._found[spec]
            except (KeyError, TypeError):
                pass
            # An exact "provider:id" needs no parser: the first lookup of a process is this.
            if isinstance(spec, str):
                pid, _, model_id = spec.partition(":")
                if pid in self._provider_table():
                    exact = self.models_of(pid).get(model_id)
                    if exact is not None:
                        return exact
        model = self._explain(spec, provider, prefer).model
        if provider is None and prefer is None and len(self._found) < _CACHE_LIMIT:
            self._found[spec] = model
        return model

    def explain(
        self,
        spec: str | tuple[str, str] | Model,
        provider: str | None = None,
        *,
        prefer: Sequence[str] | None = None,
    ) -> Resolution:
        """Resolve like :meth:`find`, and say which rules fired, from what to what.

        Example:
            >>> print(llmdex.explain("claude-3-5-sonnet"))
            claude-3-5-sonnet -> anthropic:claude-3-5-sonnet-20241022: ...
        """
        return self._explain(spec, provider, prefer)

    def _explain(
        self, spec: object, provider: str | None, prefer: Sequence[str] | None
    ) -> Resolution:
        # Called only by find and explain, so stacklevel=3 is always their caller.
        if isinstance(spec, Model) and provider is None:
            return Resolution(requested=spec.spec, model=spec, rules=(Rule.EXACT,), steps=())
        resolution = self._resolve(spec, provider, prefer)
        if resolution.model.is_deprecated and not resolution.exact:
            import warnings

            warnings.warn(
                DeprecatedModelWarning(
                    f"{resolution.requested!r} resolved to {resolution.model.spec}, which is "
                    "deprecated; name a current model"
                ),
                stacklevel=3,
            )
        return resolution

    def _resolve(
        self, spec: object, provider: str | None, prefer: Sequence[str] | None
    ) -> Resolution:
        parsed = self._parse_with_provider(spec, provider)
        if parsed.provider is not None:
            models = self.models_of(parsed.provider)  # needed anyway, and spares the index
            found = self._within(parsed.provider, parsed.id)
            if found is None:
                raise ModelNotFoundError(str(parsed), self._suggest(parsed.id, parsed.provider))
            model_id, rules, steps = found
            return Resolution(
                requested=str(parsed), model=models[model_id], rules=rules, steps=steps
            )
        return self._bare(parsed.id, prefer)

    def parse_spec(self, spec: str | tuple[str, str] | Model) -> ModelSpec:
        """Parse a spec without resolving it (see :func:`llmdex_runtime.spec.parse_spec`)."""
        try:
            return parse_spec(spec, self.provider_id, self._is_bare_id)
        except InvalidSpecError as exc:
            if exc.code != "unknown_provider":
                raise
            name = spec[0] if isinstance(spec, tuple) else str(spec).strip().partition(":")[0]
            close = self._close_providers(str(name))
            if not close:
                raise
            raise InvalidSpecError(spec, exc.code, f"no provider {name!r}", close) from None

    def provider(self, name: str) -> ProviderInfo:
        """The provider whose id is ``name``, ignoring case and ``_``/``-`` differences."""
        pid = self.provider_id(name)
        if pid is None:
            close = self._close_providers(name)
            raise InvalidSpecError(name, "unknown_provider", f"no provider {name!r}", close)
        return self._provider_table()[pid]

    def providers(self) -> tuple[ProviderInfo, ...]:
        """Every provider, in id order."""
        return tuple(self._provider_table().values())

    def models_of(self, provider: str) -> Mapping[str, Model]:
        """Every model of one provider, by id (imports that provider's module once)."""
        pid = self.provider(provider).id
        models = self._loaded.get(pid)
        if models is None:
            models = self._load(pid)
        return models

    def all_models(self) -> Iterator[Model]:
        """Every model of the catalog, provider by provider (imports every module)."""
        for pid in self._provider_table():
            yield from self.models_of(pid).values()

    def providers_of(self, model_id: str) -> tuple[str, ...]:
        """Ids of the providers that serve ``model_id`` exactly, without importing them."""
        return self._tables()[0].get(model_id, ())

    def resolve(
        self, spec: object, *, assume_exists: bool = False, **overrides: Any
    ) -> Model | CustomModel:
        """A catalog model, a custom model, or an assumed one; see :mod:`llmdex_runtime.custom`.

        Example:
            >>> llmdex.resolve("openai:gpt-9", assume_exists=True).assumed
            True
        """
        from llmdex_runtime.custom import resolve

        return resolve(self, spec, assume_exists=assume_exists, **overrides)

    def catalog(self) -> Selection:
        """Every model, as a chainable :class:`~llmdex_runtime.query.Selection`.

        Example:
            >>> len(llmdex.catalog().where(provider="anthropic", reasoning=True)) > 0
            True
        """
        from llmdex_runtime.query import Selection

        return Selection(self)

    def compare(self, *specs: str | tuple[str, str] | Model) -> Comparison:
        """Side-by-side facts of the models ``specs`` name.

        Example:
            >>> print(llmdex.compare("openai:gpt-4o", "anthropic:claude-sonnet-4-5"))
        """
        from llmdex_runtime.compare import compare

        return compare([self.find(spec) for spec in specs])

    def provenance(self, spec: str | tuple[str, str] | Model) -> dict[str, Provenance]:
        """Fields of a model (or, given a provider id, of a provider) that patches changed.

        Keys are field paths (``cost.input``; ``*`` for a model a patch added); an empty
        result means the model is exactly as upstream has it.

        Example:
            >>> llmdex.provenance("vercel:voyage/voyage-3.5")["kind"].patch
            '20-kinds.json#0'
        """
        from llmdex_runtime.provenance import Provenance

        key = spec if isinstance(spec, str) and spec in self._provider_table() else None
        key = key or self.find(spec).spec
        fields = self._table("_provenance", "PROVENANCE").get(key, {})
        return {
            path: Provenance(patch=patch, reason=reason, source=source)
            for path, (patch, reason, source) in fields.items()
        }

    # -- resolution ------------------------------------------------------------------------

    def _parse_with_provider(self, spec: object, provider: str | None) -> ModelSpec:
        if provider is None:
            return self.parse_spec(spec)  # type: ignore[arg-type]
        if not isinstance(spec, str):
            raise InvalidSpecError(spec, "invalid_format", "with provider=, the spec is an id")
        if not spec.strip():
            raise InvalidSpecError(spec, "empty", "the model id is empty")
        return ModelSpec(provider=self.provider(provider).id, id=spec.strip())

    def _within(self, pid: str, model_id: str) -> Hit | None:
        # Rule 1 for one provider, on tables only: no provider module is imported here.
        if pid in self.providers_of(model_id):
            return model_id, (Rule.EXACT,), ()
        entry = self._alias_table().get(pid, {}).get(model_id)
        if entry is not None:
            rule = Rule(entry[1])
            return entry[0], (rule,), (f"{pid}: {rule.value} {model_id!r} -> {entry[0]!r}",)
        name = self._folded_names(pid).get(model_id.lower())
        found = None if name is None or name == model_id else self._within(pid, name)
        if name is None or found is None:
            return None
        target, rules, steps = found
        step = f"{pid}: {model_id!r} matches {name!r} ignoring case"
        return (
            target,
            (Rule.CASE_INSENSITIVE, *(r for r in rules if r is not Rule.EXACT)),
            (step, *steps),
        )

    def _bare(self, model_id: str, prefer: Sequence[str] | None) -> Resolution:
        owners, first_party = self._tables()
        candidates: dict[str, Hit]
        if model_id in owners:
            candidates = {pid: (model_id, (Rule.EXACT,), ()) for pid in owners[model_id]}
        else:
            # Each step of rule 1 across every provider before the next step.
            found = {
                pid: hit for pid in self._provider_table() if (hit := self._within(pid, model_id))
            }
            first = min((_STEP[hit[1][0]] for hit in found.values()), default=None)
            candidates = {pid: hit for pid, hit in found.items() if _STEP[hit[1][0]] == first}
        if not candidates:
            raise ModelNotFoundError(model_id, self._suggest(model_id, None))
        pid, rule, why = self._choose(model_id, candidates, prefer, first_party)
        target, found_rules, steps = candidates[pid]
        rules = tuple(r for r in found_rules if r is not Rule.EXACT) or (Rule.EXACT,)
        model = self.models_of(pid)[target]
        return Resolution(
            requested=model_id, model=model, rules=(*rules, rule), steps=(*steps, why)
        )

    def _choose(
        self,
        model_id: str,
        candidates: Mapping[str, Hit],
        prefer: Sequence[str] | None,
        first_party: Mapping[str, str],
    ) -> tuple[str, Rule, str]:
        if len(candidates) == 1:
            pid = next(iter(candidates))
            return pid, Rule.ONLY_PROVIDER, f"only {pid} serves {model_id!r}"
        specs = [f"{pid}:{target}" for pid, (target, _, _) in candidates.items()]
        if prefer is not None:
            order = [self.provider(name).id for name in prefer]
            for pid in order:
                if pid in candidates:
                    return pid, Rule.PREFERRED, f"{pid} is the first of prefer= that serves it"
            raise AmbiguousModelError(model_id, specs, f"none of prefer={order} serves it")
        for pid, (target, _, _) in candidates.items():
            if first_party.get(target) == pid:
                return (
                    pid,
                    Rule.FIRST_PARTY,
                    f"{len(candidates)} providers serve it; {pid} makes it",
                )
        raise AmbiguousModelError(model_id, specs)

    # -- tables ----------------------------------------------------------------------------

    def provider_id(self, name: str) -> str | None:
        """The id of the provider ``name`` names (ignoring case, ``_``/``-``), or ``None``."""
        providers = self._provider_table()
        name = name.strip()
        return name if name in providers else self._keys.get(provider_key(name))

    def _provider_table(self) -> Mapping[str, ProviderInfo]:
        providers = self._providers
        if providers is None:
            providers = self._table("_providers", "PROVIDERS")
            # Where two ids share a key (``a-b`` and ``a_b``), an exact id still finds each;
            # the key finds the first in sorted order.
            for pid in sorted(providers):
                self._keys.setdefault(provider_key(pid), pid)
            self._providers = providers
        return providers

    def _table(self, module: str, name: str) -> Any:
        return getattr(importlib.import_module(f"{self._package}.{module}"), name)

    def _is_bare_id(self, text: str) -> bool:
        return text in self._tables()[0]

    def _tables(self) -> tuple[Mapping[str, tuple[str, ...]], Mapping[str, str]]:
        if self._index is None:
            index = importlib.import_module(f"{self._package}._index")
            self._index = (index.PROVIDERS_OF, index.FIRST_PARTY)
        return self._index

    def _alias_table(self) -> AliasTable:
        if self._aliases is None:
            self._aliases = self._table("_aliases", "ALIASES")
        return self._aliases

    def _folded_names(self, pid: str) -> Mapping[str, str]:
        # Lower-cased ids and aliases of one provider -> the name as written; ids win.
        folded = self._folded.get(pid)
        if folded is None:
            names = [*self._alias_table().get(pid, {}), *self._ids_of(pid)]
            folded = self._folded[pid] = {name.lower(): name for name in names}
        return folded

    def _ids_of(self, pid: str) -> list[str]:
        if self._ids is None:
            self._ids = {p: [] for p in self._provider_table()}
            for mid, pids in self._tables()[0].items():
                for p in pids:
                    self._ids[p].append(mid)
        return self._ids[pid]

    def _load(self, pid: str) -> Mapping[str, Model]:
        module_name = self._provider_table()[pid].module
        module = importlib.import_module(f"{self._package}.models.{module_name}")
        models: dict[str, Model] = {}
        for name in module.__all__:
            model: Model = getattr(module, name)
            models[model.id] = model
        view = MappingProxyType(models)
        self._loaded[pid] = view
        return view

    def _close_providers(self, name: str) -> list[str]:
        import difflib

        self._provider_table()
        close = difflib.get_close_matches(provider_key(name), self._keys, n=_SUGGESTIONS)
        return [self._keys[key] for key in close]

    def _suggest(self, model_id: str, pid: str | None) -> list[str]:
        # Close names in the provider first, then close ids anywhere, each id's maker first.
        import difflib

        owners, first_party = self._tables()
        found: list[str] = []
        if pid is not None:
            names = [*self._ids_of(pid), *self._alias_table().get(pid, {})]
            found = [
                f"{pid}:{m}" for m in difflib.get_close_matches(model_id, names, n=_SUGGESTIONS)
            ]
        for close in difflib.get_close_matches(model_id, owners, n=_SUGGESTIONS):
            maker = first_party.get(close)
            ordered = sorted(owners[close], key=lambda p: p != maker)
            found.extend(f"{p}:{close}" for p in ordered)
        return list(dict.fromkeys(found))[:_SUGGESTIONS]
