"""Finding models in a generated catalog: one resolution order, table lookups only.

The order (README, "Resolution"):

1. Within a provider, the first of: the exact id; a curated alias; a dated alias (a dated
   family's base name or ``base-latest`` -> its newest release); a vendor prefix (at a
   provider whose ids are ``vendor/model``, ``model`` -> that id); an id prefix the
   provider's API accepts (Bedrock ``us.``, Vertex ``publishers/*/models/``), taken off; a
   snapshot (a dated id the provider does not list -> the listed model it is a snapshot
   of); the id or alias ignoring case.
2. A bare id, among the providers that serve it by rule 1: the first of ``prefer=`` that
   serves it; else the provider that makes the model (``data_sources/first_party.json``,
   or the vendor a ``vendor/model`` name starts with); else the one provider that lists it
   exactly, or the only one that serves it at all; else :class:`AmbiguousModelError`.
3. Nothing: :class:`ModelNotFoundError` with up to five close specs.

Every table is generated at regen and read on first use; a table is published to other
threads only once it is complete.
"""

from __future__ import annotations

from types import MappingProxyType

from llmdex.errors import (
    AmbiguousModelError,
    InvalidSpecError,
    LlmdexError,
    ModelNotFoundError,
    warn_deprecated,
)
from llmdex.lazy import import_module
from llmdex.records.model import Model
from llmdex.records.record import Record, record
from llmdex.resolution.result import Resolution, Rule
from llmdex.resolution.spec import ModelSpec, provider_key, split_spec

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (9 ms here)
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence
    from typing import Any

    from llmdex.past.log import History, ModelHistory
    from llmdex.records.about import CatalogInfo
    from llmdex.records.model import ProviderInfo
    from llmdex.records.provenance import Provenance
    from llmdex.resolution.custom import CustomModel
    from llmdex.resolution.suggest import NameScan, Suggester
    from llmdex.views.comparison import Comparison
    from llmdex.views.selection import Selection

    Spec = str | tuple[str, str] | Model

_CACHE_LIMIT = 10_000
_CACHED_LENGTH = 200  # longer specs are resolved but not remembered
_SUGGESTIONS = 5
_QUALITY = {  # how directly a rule names a model: candidates are listed best first
    Rule.EXACT: 0,
    Rule.CURATED_ALIAS: 1,
    Rule.DATED_ALIAS: 2,
    Rule.VENDOR_PREFIX: 3,
    Rule.ID_PREFIX: 4,
    Rule.SNAPSHOT: 5,
    Rule.CASE_INSENSITIVE: 6,
}


@record
class _Hit(Record):
    """What rule 1 found in one provider: the model id, the rules that fired, and why."""

    target: str
    rules: tuple[Rule, ...]
    steps: tuple[str, ...]

    def then(self, rule: Rule, step: str) -> _Hit:
        """This hit, reached by one more rule first."""
        return _Hit(target=self.target, rules=(rule, *self.rules), steps=(step, *self.steps))


@record
class _Names(Record):
    """The tables of ``_providers``: provider records and every name a provider goes by."""

    providers: Mapping[str, ProviderInfo]
    keys: Mapping[str, str]
    dialects: Mapping[str, str]


@record
class _ProviderNames(Record):
    """One provider's table in ``_names``: its aliases, the names its ids clash on, and the
    ids it once listed and no longer does."""

    aliases: Mapping[str, tuple[str, str]]
    clashes: Mapping[str, tuple[str, ...]]
    retired: frozenset[str]


_NO_NAMES = _ProviderNames(aliases={}, clashes={}, retired=frozenset())


class Registry:
    """The lookup tables of one generated catalog.

    The generated package makes one registry with its own name and its provider modules;
    the registry reads the package's tables (``_providers``, ``_index``, ``_aliases``,
    ``_names``, ``_retired``, ``_provenance``) on first use and imports a provider's module
    the first time a model of that provider is asked for, so lookups return the module's own
    constants. A lookup within one provider reads only that provider's module and its table
    in ``_names``; the catalog-wide tables serve bare ids.
    """

    __slots__ = (
        "_about_read",
        "_folded",
        "_found",
        "_history",
        "_loaded",
        "_modules_read",
        "_names",
        "_names_of",
        "_package",
        "_read",
        "_scans",
        "_suggester",
    )

    def __init__(self, data: str) -> None:
        self._package = data
        """The generated data package this catalog reads (``llmdex.models``)."""
        self._modules_read: Mapping[str, str] | None = None
        self._about_read: Mapping[str, Any] | None = None
        self._names: _Names | None = None
        self._read: dict[tuple[str, str], Any] = {}
        """(module, name) -> a table of the package read so far (see :meth:`_table`)."""
        self._names_of: dict[str, _ProviderNames] = {}
        """Provider id -> its aliases, clashes and retired ids, for the providers looked into."""
        self._suggester: Suggester | None = None
        self._scans: dict[str, NameScan] = {}
        """Provider id -> its names and aliases, ready to suggest from."""
        self._folded: dict[str, Mapping[str, str]] = {}
        self._found: dict[object, Model] = {}
        """What find() returned for a spec, up to _CACHE_LIMIT entries."""
        self._loaded: dict[str, Mapping[str, Model]] = {}
        """Provider id -> its models by id, for the provider modules imported so far."""
        self._history: History | None = None

    @property
    def _modules(self) -> Mapping[str, str]:
        # Provider id -> its module in the data package: enough for an exact lookup.
        modules = self._modules_read
        if modules is None:
            modules = self._modules_read = import_module(self._package)._MODULES
        return modules

    @property
    def _about(self) -> Mapping[str, Any]:
        # The fields of CatalogInfo the generator knows: source, date, counts.
        about = self._about_read
        if about is None:
            about = self._about_read = import_module(self._package)._ABOUT
        return about

    # -- public lookups --------------------------------------------------------------------

    def find(
        self,
        spec: Spec,
        provider: str | None = None,
        *,
        prefer: Sequence[str] | None = None,
        at: object = None,
    ) -> Model:
        """Return the model a spec names, by the resolution order of this module.

        ``at`` (a date, datetime or ``YYYY-MM-DD``) gives the model as the catalog listed it
        on that day, prices included (:mod:`llmdex.past.resolver`). A model the catalog no
        longer lists raises :class:`~llmdex.errors.ModelRetiredError`.

        Example:
            >>> llmdex.find("anthropic:claude-3-5-sonnet").id
            'claude-3-5-sonnet-20241022'
        """
        if at is None and provider is None and prefer is None:
            try:
                return self._found[spec]
            except (KeyError, TypeError):
                pass
        if at is not None:
            from llmdex.past.log import as_of_date
            from llmdex.past.resolver import find_at

            return find_at(
                self, self.past(), spec, provider=provider, prefer=prefer, at=as_of_date(at)
            )
        try:
            return self._find_now(spec, provider, prefer, depth=4)
        except ModelNotFoundError as exc:
            raise self._retired_or(exc, spec, provider) from None

    def find_current(
        self,
        spec: Spec,
        provider: str | None = None,
        *,
        prefer: Sequence[str] | None = None,
        warn: bool = True,
    ) -> Model:
        """Like :meth:`find`, among the models listed today only, never reading the history;
        ``warn=False`` leaves out the warning for a deprecated model reached by an alias."""
        return self._find_now(spec, provider, prefer, depth=4 if warn else 0)

    def _find_now(
        self, spec: Spec, provider: str | None, prefer: Sequence[str] | None, depth: int
    ) -> Model:
        if provider is None and prefer is None:
            try:
                return self._found[spec]
            except (KeyError, TypeError):
                pass
            # An exact "provider:id" needs no parser: the first lookup of a process is this.
            if isinstance(spec, str):
                pid, _, model_id = spec.partition(":")
                if pid in self._modules:
                    exact = self.models_of(pid).get(model_id)
                    if exact is not None:
                        return self._remember(spec, exact)
            return self._remember(spec, self._explain(spec, None, None, depth).model)
        return self._explain(spec, provider, prefer, depth).model

    def _remember(self, spec: object, model: Model) -> Model:
        # One bounded cache: past the cap, or for a long text, nothing more is kept.
        if len(self._found) < _CACHE_LIMIT and (
            not isinstance(spec, str) or len(spec) <= _CACHED_LENGTH
        ):
            self._found[spec] = model
        return model

    def explain(
        self, spec: Spec, provider: str | None = None, *, prefer: Sequence[str] | None = None
    ) -> Resolution:
        """Resolve like :meth:`find`, and say which rules fired, from what to what.

        Example:
            >>> print(llmdex.explain("claude-3-5-sonnet"))
            claude-3-5-sonnet -> anthropic:claude-3-5-sonnet-20241022: ...
        """
        try:
            return self._explain(spec, provider, prefer, depth=3)
        except ModelNotFoundError as exc:
            raise self._retired_or(exc, spec, provider) from None

    def history(self, spec: Spec) -> ModelHistory:
        """When the catalog first and last listed a model, and every change to it since.

        Example:
            >>> llmdex.history("google:gemini-1.5-pro").last_seen
            '2026-04-26'
        """
        from llmdex.past.resolver import history_of

        return history_of(self, self.past(), spec)

    def makers_of(self, model_id: str) -> tuple[str, ...]:
        """The providers that make ``model_id`` (``data_sources/first_party.json``), best first."""
        makers: tuple[str, ...] = self._table(_MAKERS).get(model_id, ())
        return makers

    def past(self) -> History:
        """The catalog's :class:`~llmdex.past.log.History`, loaded on first use."""
        past = self._history
        if past is None:
            from llmdex.past.log import History

            past = self._history = History(self, self._package)
        return past

    def past_if_any(self) -> History | None:
        """The catalog's history, or ``None`` for a catalog generated without one."""
        try:
            past = self.past()
        except (LlmdexError, ImportError):
            return None
        return past if past.snapshots else None

    def _retired_or(
        self, error: ModelNotFoundError, spec: object, provider: str | None
    ) -> ModelNotFoundError:
        # Only on the way to a ModelNotFoundError, and only for an id the provider named (or,
        # for a bare id, any provider) has stopped listing: a misspelt name never loads it.
        named = spec if provider is None else (provider, spec)
        try:
            parsed = self._split(named)[0]
            if parsed.provider is not None:
                retired_ids = self._provider_names(parsed.provider).retired
            else:
                retired_ids = self._table(_RETIRED)
            if parsed.id not in retired_ids:
                return error
            from llmdex.past.resolver import retired

            found = retired(self, self.past(), named)
        except (LlmdexError, ImportError):  # a catalog generated without a history
            return error
        return found or error

    def catalog_info(self) -> CatalogInfo:
        """Where this catalog's data came from: payload, sha256, date, counts, llmdex version.

        Example:
            >>> llmdex.catalog_info().models
            5276
        """
        from llmdex.records.about import CatalogInfo, version

        return CatalogInfo(**self._about, llmdex_version=version())

    def parse_spec(self, spec: Spec) -> ModelSpec:
        """Parse a spec without resolving it (grammar: :func:`llmdex.resolution.spec.split_spec`).

        Example:
            >>> llmdex.parse_spec("vertex_ai/gemini-2.5-pro")
            ModelSpec(provider='google-vertex', id='gemini-2.5-pro')
        """
        return self._split(spec)[0]

    def provider(self, name: str) -> ProviderInfo:
        """The provider ``name`` names: its id ignoring case and ``_``/``-``, or a dialect name.

        Example:
            >>> llmdex.models_of("vertex_ai") is llmdex.models_of("google-vertex")
            True
        """
        pid = self.provider_id(name)
        if pid is None:
            raise InvalidSpecError(
                name, "unknown_provider", f"no provider {name!r}", self._close_providers(name)
            )
        return self._tables().providers[pid]

    def provider_id(self, name: str) -> str | None:
        """The id of the provider ``name`` names, or ``None``."""
        name = name.strip()
        if name in self._modules:
            return name
        return self._tables().keys.get(provider_key(name))

    def providers(self) -> tuple[ProviderInfo, ...]:
        """Every provider, in id order."""
        return tuple(self._tables().providers.values())

    def models_of(self, provider: str) -> Mapping[str, Model]:
        """Every model of one provider, by id (imports that provider's module once)."""
        models = self._loaded.get(provider)
        if models is None:
            pid = self.provider_id(provider)
            if pid is None:
                self.provider(provider)  # raises, with suggestions
            models = self._loaded.get(str(pid)) or self._load(str(pid))
        return models

    def all_models(self) -> Iterator[Model]:
        """Every model of the catalog, provider by provider (imports every module)."""
        for pid in self._modules:
            yield from self.models_of(pid).values()

    def constants(self, provider: str) -> dict[str, str]:
        """The constant name of each model of ``provider`` in ``llmdex.models.<module>``, by id."""
        pid = self.provider(provider).id
        module = self._import(self._modules[pid])
        return {getattr(module, name).id: name for name in module.__all__}

    def aliases(self) -> dict[str, dict[str, str]]:
        """Every alias (curated, dated family, vendor prefix) by provider: alias -> model id."""
        return {
            pid: {alias: entry[0] for alias, entry in table.items()}
            for pid in self._table(_NAME_MODULES)
            if (table := self._provider_names(pid).aliases)
        }

    def dialect_names(self) -> list[tuple[str, str]]:
        """Other libraries' names for providers, as ``(name, provider id)``, in both the
        ``-`` and ``_`` spellings (resolution ignores the difference)."""
        tables = self._tables()
        found = set()
        for key in tables.dialects:
            pid = tables.keys[key]
            found.update({(key, pid), (key.replace("-", "_"), pid)})
        return sorted(found)

    def providers_of(self, model_id: str) -> tuple[str, ...]:
        """Ids of the providers that list ``model_id`` exactly, without importing them."""
        owners: tuple[str, ...] = self._table(_OWNERS).get(model_id, ())
        return owners

    def resolve(
        self, spec: object, *, assume_exists: bool = False, **overrides: Any
    ) -> Model | CustomModel:
        """A catalog model, a custom model, or an assumed one; see :mod:`llmdex.resolution.custom`.

        Example:
            >>> llmdex.resolve("openai:gpt-9", assume_exists=True).assumed
            True
        """
        from llmdex.resolution.custom import resolve

        return resolve(self, spec, assume_exists=assume_exists, **overrides)

    def catalog(self, *, at: object = None) -> Selection:
        """Every model, as a chainable :class:`~llmdex.views.selection.Selection`; with ``at``,
        every model as listed on that date.

        Example:
            >>> len(llmdex.catalog().where(provider="anthropic", reasoning=True)) > 0
            True
        """
        from llmdex.views.selection import Selection

        if at is None:
            return Selection(self)
        from llmdex.past.log import as_of_date

        return Selection(self, at=as_of_date(at))

    def compare(self, *specs: Spec) -> Comparison:
        """Side-by-side facts of the models ``specs`` name.

        Example:
            >>> print(llmdex.compare("openai:gpt-4o", "anthropic:claude-sonnet-4-5"))
        """
        from llmdex.views.comparison import compare

        return compare([self.find(spec) for spec in specs])

    def provenance(self, spec: Spec) -> dict[str, Provenance]:
        """Fields of a model (or, given a provider id, of a provider) that patches changed.

        Keys are field paths (``cost.input``; ``*`` for a model a patch added); an empty
        result means the model is exactly as upstream has it.

        Example:
            >>> llmdex.provenance("vercel:voyage/voyage-3.5")["kind"].patch
            '20-kinds.json#0'
        """
        from llmdex.records.provenance import Provenance

        key = spec if isinstance(spec, str) and spec in self._modules else self.find(spec).spec
        table = self._import("_provenance").PROVENANCE
        return {
            path: Provenance(patch=patch, reason=reason, source=source)
            for path, (patch, reason, source) in table.get(key, {}).items()
        }

    # -- resolution ------------------------------------------------------------------------

    def _explain(
        self, spec: object, provider: str | None, prefer: Sequence[str] | None, depth: int
    ) -> Resolution:
        # ``depth``: the frames from here to the caller of find/explain, for the warning (0:
        # no warning).
        if isinstance(spec, Model) and provider is None:
            return Resolution(requested=spec.spec, model=spec, rules=(Rule.EXACT,), steps=())
        parsed, named = (
            self._split(spec) if provider is None else self._with_provider(spec, provider)
        )
        if parsed.provider is None:
            resolution = self._bare(parsed.id, prefer)
        else:
            hit = self._within(parsed.provider, parsed.id)
            if hit is None:
                raise ModelNotFoundError(str(parsed), self._suggest(parsed.id, parsed.provider))
            rules = tuple(r for r in hit.rules if r is not Rule.EXACT) or (Rule.EXACT,)
            steps = hit.steps
            if named is not None and self._is_dialect(named, parsed.provider):
                rules = (Rule.DIALECT, *rules)
                steps = (self._dialect_step(named, parsed.provider), *steps)
            model = self.models_of(parsed.provider)[hit.target]
            resolution = Resolution(requested=str(parsed), model=model, rules=rules, steps=steps)
        if depth and resolution.model.is_deprecated and not resolution.exact:
            spec = resolution.model.spec
            why = f"{resolution.requested!r} resolved to {spec}, which is deprecated"
            warn_deprecated(spec, f"{why}; name a current model", stacklevel=depth)
        return resolution

    def _split(self, spec: object) -> tuple[ModelSpec, str | None]:
        try:
            return split_spec(spec, self.provider_id, self._is_name)
        except InvalidSpecError as exc:
            if exc.code != "unknown_provider":
                raise
            name = spec[0] if isinstance(spec, tuple) else str(spec).strip().partition(":")[0]
            close = self._close_providers(str(name))
            if not close:
                raise
            raise InvalidSpecError(spec, exc.code, f"no provider {name!r}", close) from None

    def _with_provider(self, spec: object, provider: str) -> tuple[ModelSpec, str | None]:
        if not isinstance(spec, str):
            raise InvalidSpecError(spec, "invalid_format", "with provider=, the spec is an id")
        parsed, _ = self._split((provider, spec))
        return parsed, provider

    def _within(self, pid: str, name: str, *, derived: bool = True) -> _Hit | None:
        """Rule 1 in one provider, on tables only: no provider module is imported here."""
        # A provider whose module is loaded answers from it; others from the owners table.
        loaded = self._loaded.get(pid)
        listed = name in loaded if loaded is not None else pid in self._table(_OWNERS).get(name, ())
        if listed:
            return _Hit(target=name, rules=(Rule.EXACT,), steps=())
        names = self._provider_names(pid)
        entry = names.aliases.get(name)
        if entry is not None:
            return _alias_hit(pid, name, entry)
        clash = names.clashes.get(name)
        if clash is not None:
            raise AmbiguousModelError(
                name, [f"{pid}:{t}" for t in clash], f"several ids of {pid} end with it"
            )
        if not derived:
            return None
        for prefix in self._table(_ID_PREFIXES).get(pid, ()):
            rest = _strip_prefix(prefix, name)
            found = None if rest is None else self._within(pid, rest, derived=False)
            if found is not None:
                return found.then(Rule.ID_PREFIX, f"{pid}: takes the prefix {prefix!r} off")
        snapshot = self._snapshot(pid, name)
        if snapshot is not None:
            return snapshot
        canonical = self._folded_names(pid).get(name.lower())
        if canonical is not None and canonical != name:
            found = self._within(pid, canonical, derived=False)
            if found is not None:
                step = f"{pid}: {name!r} matches {canonical!r} ignoring case"
                return found.then(Rule.CASE_INSENSITIVE, step)
        return None

    def _snapshot(self, pid: str, name: str) -> _Hit | None:
        # A dated id the provider does not list -> the undated model it lists (or lists
        # behind a vendor prefix); never another dated release.
        from llmdex.resolution.dated_ids import split_dated

        dated = split_dated(name)
        if dated is None:
            return None
        found = self._within(pid, dated[0], derived=False)
        if found is None or found.rules not in {(Rule.EXACT,), (Rule.VENDOR_PREFIX,)}:
            return None
        step = f"{pid}: {name!r} is a snapshot of {found.target!r}"
        return found.then(Rule.SNAPSHOT, step)

    def _bare(self, name: str, prefer: Sequence[str] | None) -> Resolution:
        makers_of = self._table(_MAKERS)
        candidates = self._candidates(name)
        makers = makers_of.get(name, ())
        head, slash, tail = name.partition("/")
        vendor = self.provider_id(head) if slash and tail else None
        if vendor is not None:
            # "anthropic/claude-3.5-sonnet": the vendor named first makes the model.
            makers = (vendor, *makers)
        if not makers:
            from llmdex.resolution.dated_ids import split_dated

            base = split_dated(name)
            folded = self._folded_everywhere().get(name.lower())
            for other in (base[0] if base else None, folded):
                makers = makers or makers_of.get(other or "", ())
        if prefer is not None:
            for wanted in prefer:
                pid = self.provider(wanted).id
                hit = candidates.get(pid) or self._within(pid, name)
                if hit is not None:
                    return self._chosen(
                        name,
                        pid,
                        hit,
                        Rule.PREFERRED,
                        f"{pid} is the first of prefer= that serves it",
                    )
        for pid in makers:
            hit = candidates.get(pid) or self._within(pid, name)
            if hit is None and pid == vendor:
                hit = self._within(pid, tail)
                if hit is not None:
                    hit = hit.then(
                        Rule.ID_PREFIX, f"{pid}: the vendor prefix {head + '/'!r} names it"
                    )
            if hit is not None:
                others = len(candidates | {pid: hit})
                why = f"{pid} makes it" + (
                    f" (of {others} providers serving it)" if others > 1 else ""
                )
                return self._chosen(name, pid, hit, Rule.FIRST_PARTY, why)
        exact = [pid for pid, hit in candidates.items() if hit.rules == (Rule.EXACT,)]
        if len(exact) == 1 or len(candidates) == 1:
            pid = exact[0] if exact else next(iter(candidates))
            why = f"only {pid} lists {name!r}" if exact else f"only {pid} serves {name!r}"
            return self._chosen(name, pid, candidates[pid], Rule.ONLY_PROVIDER, why)
        if not candidates:
            raise ModelNotFoundError(name, self._suggest(name, None))
        ordered = sorted(candidates.items(), key=lambda item: (_QUALITY[item[1].rules[0]], item[0]))
        raise AmbiguousModelError(name, [f"{pid}:{hit.target}" for pid, hit in ordered])

    def _candidates(self, name: str) -> dict[str, _Hit]:
        # The providers that serve a bare name by rule 1, found through the indexes.
        owners, alias_owners = self._table(_OWNERS), self._table(_ALIAS_OWNERS)
        exact = _Hit(target=name, rules=(Rule.EXACT,), steps=())
        found = dict.fromkeys(owners.get(name, ()), exact)
        for pid in alias_owners.get(name, ()):
            if pid not in found:
                found[pid] = _alias_hit(pid, name, self._provider_names(pid).aliases[name])
        if found:
            return found
        from llmdex.resolution.dated_ids import split_dated

        base = split_dated(name)
        folded = self._folded_everywhere().get(name.lower())
        others = (base[0] if base else None, folded)
        pids = [*self._table(_ID_PREFIXES)]
        for other in others:
            if other:
                pids += [*owners.get(other, ()), *alias_owners.get(other, ())]
        for pid in dict.fromkeys(pids):
            hit = self._within(pid, name)
            if hit is not None:
                found[pid] = hit
        return found

    def _chosen(self, name: str, pid: str, hit: _Hit, rule: Rule, why: str) -> Resolution:
        rules = tuple(r for r in hit.rules if r is not Rule.EXACT) or (Rule.EXACT,)
        model = self.models_of(pid)[hit.target]
        return Resolution(
            requested=name, model=model, rules=(*rules, rule), steps=(*hit.steps, why)
        )

    # -- tables ----------------------------------------------------------------------------

    def _is_name(self, text: str) -> bool:
        # Whether a text names a model by itself: an id or alias, or an id behind a prefix
        # a provider's API accepts (Bedrock's "us.amazon.nova-pro-v1:0").
        if text in self._table(_OWNERS) or text in self._table(_ALIAS_OWNERS):
            return True
        try:
            return any(self._within(pid, text) is not None for pid in self._table(_ID_PREFIXES))
        except AmbiguousModelError:
            return True

    def _is_dialect(self, named: str, pid: str) -> bool:
        return named.strip() != pid and provider_key(named) in self._tables().dialects

    def _dialect_step(self, named: str, pid: str) -> str:
        libraries = self._tables().dialects[provider_key(named)]
        return f"{named.strip()!r} is the name {libraries} use(s) for {pid}"

    def _import(self, module: str) -> Any:
        return import_module(f"{self._package}.{module}")

    def _tables(self) -> _Names:
        names = self._names
        if names is None:
            table = self._import("_providers")
            names = self._names = _Names(
                providers=table.PROVIDERS,
                keys=table.PROVIDER_NAMES,
                dialects=table.DIALECTS,
            )
        return names

    def _table(self, which: tuple[str, str]) -> Any:
        # A table of the generated package, read from its module the first time it is asked
        # for (see the names below the class).
        table = self._read.get(which)
        if table is None:
            module, name = which
            table = self._read[which] = getattr(self._import(module), name)
        return table

    def _provider_names(self, pid: str) -> _ProviderNames:
        names = self._names_of.get(pid)
        if names is None:
            module = self._table(_NAME_MODULES).get(pid)
            if module is None:
                names = _NO_NAMES
            else:
                table = self._import(f"_names.{module}")
                names = _ProviderNames(
                    aliases=table.ALIASES, clashes=table.CLASHES, retired=table.RETIRED
                )
            self._names_of[pid] = names
        return names

    def _folded_names(self, pid: str) -> Mapping[str, str]:
        # Lower-cased ids and aliases of one provider -> the name as written; ids win.
        folded = self._folded.get(pid)
        if folded is None:
            folded = self._folded[pid] = {name.lower(): name for name in self._names_in(pid)}
        return folded

    def _names_in(self, pid: str) -> list[str]:
        # Every name one provider answers to as written: its aliases, then its ids.
        return [*self._provider_names(pid).aliases, *self.models_of(pid)]

    def _folded_everywhere(self) -> Mapping[str, str]:
        # Lower-cased ids and aliases of every provider -> one name as written.
        folded = self._folded.get("")
        if folded is None:
            names = [*self._table(_ALIAS_OWNERS), *self._table(_OWNERS)]
            folded = self._folded[""] = {name.lower(): name for name in names}
        return folded

    def _load(self, pid: str) -> Mapping[str, Model]:
        module = self._import(self._modules[pid])
        models = MappingProxyType(
            {getattr(module, name).id: getattr(module, name) for name in module.__all__}
        )
        self._loaded[pid] = models
        return models

    def _close_providers(self, name: str) -> list[str]:
        from llmdex.resolution.suggest import closest

        keys = self._tables().keys
        return list(
            dict.fromkeys(keys[key] for key in closest(provider_key(name), keys, _SUGGESTIONS))
        )

    def _suggest(self, name: str, pid: str | None) -> list[str]:
        # Close names in the provider first, then close ids anywhere, each id's maker first.
        from llmdex.resolution.suggest import NameScan, Suggester

        found: list[str] = []
        if pid is not None:
            scan = self._scans.get(pid)
            if scan is None:
                scan = self._scans[pid] = NameScan(self._names_in(pid))
            found = [f"{pid}:{close}" for close in scan.closest(name, _SUGGESTIONS)]
            if len(found) >= _SUGGESTIONS:
                # The provider's own names fill the list: the catalog-wide index (tens of ms
                # to build on first use) would add nothing that is shown.
                return found
        ids, alias_owners = self._table(_OWNERS), self._table(_ALIAS_OWNERS)
        makers_of = self._table(_MAKERS)
        suggester = self._suggester
        if suggester is None:
            suggester = self._suggester = Suggester([*ids, *alias_owners])
        for close in suggester.closest(name, _SUGGESTIONS):
            owners = ids.get(close) or alias_owners.get(close, ())
            makers = makers_of.get(close, ())
            found += [f"{p}:{close}" for p in sorted(owners, key=lambda p: p not in makers)]
        return list(dict.fromkeys(found))[:_SUGGESTIONS]


# The tables of the generated package that Registry._table reads, as (module, name).
_OWNERS = ("_index", "OWNERS")  # model id -> the providers listing it
_MAKERS = ("_index", "MAKERS")  # model id -> the providers that make it, best first
_ALIAS_OWNERS = ("_aliases", "ALIAS_OWNERS")  # alias -> the providers that have it
_NAME_MODULES = ("_names", "MODULES")  # provider id -> its module of aliases, clashes, retired
_ID_PREFIXES = ("_names", "ID_PREFIXES")  # provider id -> prefixes its API accepts before ids
_RETIRED = ("_retired", "RETIRED")  # ids some provider no longer lists (for bare ids)

_RULES = {rule.value: rule for rule in Rule}


def _alias_hit(pid: str, name: str, entry: tuple[str, str]) -> _Hit:
    target, rule = entry[0], _RULES[entry[1]]
    return _Hit(
        target=target, rules=(rule,), steps=(f"{pid}: {rule.value} {name!r} -> {target!r}",)
    )


def _strip_prefix(prefix: str, name: str) -> str | None:
    """``name`` without ``prefix``, where ``*`` in the prefix is one ``/``-separated segment."""
    if "*" not in prefix:
        rest = name[len(prefix) :] if name.startswith(prefix) else ""
        return rest or None
    want = prefix.split("/")
    got = name.split("/", len(want) - 1)
    if len(got) != len(want) or not got[-1]:
        return None
    matched = all(w == g or (w == "*" and g) for w, g in zip(want[:-1], got[:-1], strict=True))
    return got[-1] if matched else None


SHIPPED = Registry("llmdex.models")
"""The catalog this package ships, whose functions ``llmdex`` exports."""
