"""The tables of one generated data package, read on first use and typed.

A data package (``llmdex.models``, or ``NAME.models`` for a catalog made by ``llmdex regen``)
holds one module per provider and the tables lookups read: ``_providers`` (records and every
name a provider goes by), ``_index`` (in shards: who lists, has and makes each id and alias,
and which ids were retired; the trigram index of every name), ``_names`` (each provider's
ids, aliases, clashing names and retired ids), ``_provenance`` and ``_history``. This module
is the only reader of them: everything else asks it, by name, for a typed value. A table is
imported the first time it is asked for and published to other threads only once it is
complete.
"""

from __future__ import annotations

from types import MappingProxyType

from llmdex.lazy import import_module
from llmdex.records.record import Record, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Container, Mapping
    from typing import Any

    from llmdex.records.model import Model, ProviderInfo
    from llmdex.resolution.shards import ShardedTable


@record
class ProviderNames(Record):
    """One provider's table in ``_names``: its ids, its aliases, the names its ids clash on,
    the aliases it documents for models the catalog lacks, the names written in another case,
    and the ids it once listed and no longer does."""

    ids: tuple[str, ...]
    """The provider's model ids, sorted."""
    aliases: Mapping[str, tuple[str, str]]
    """Alias -> (model id, rule): ``curated_alias``, ``dated_alias`` or ``vendor_prefix``."""
    clashes: Mapping[str, tuple[str, ...]]
    """A name several of the provider's ``vendor/model`` ids end with -> those ids."""
    unlisted: Mapping[str, tuple[str, str]]
    """An alias the provider documents for a model the catalog lacks -> (that model's id, the
    page documenting it)."""
    folded: Mapping[str, str]
    """A name lower-cased -> the provider's id (else alias) as written, where they differ."""
    retired: frozenset[str]
    """Ids the history lists for the provider that the catalog no longer does."""


_NO_NAMES = ProviderNames(
    ids=(), aliases={}, clashes={}, unlisted={}, folded={}, retired=frozenset()
)


class CatalogTables:
    """The tables of the data package ``package``.

    Example:
        >>> "openai" in CatalogTables("llmdex.models").owners["gpt-4o"]
        True
    """

    __slots__ = ("_loaded", "_names_of", "_read", "package")

    def __init__(self, package: str) -> None:
        self.package = package
        """The dotted name of the data package."""
        self._read: dict[tuple[str, str], Any] = {}
        self._names_of: dict[str, ProviderNames] = {}
        self._loaded: dict[str, Mapping[str, Model]] = {}

    def module(self, name: str) -> Any:
        """The data package's module ``name`` (relative, dotted), imported on first use."""
        return import_module(f"{self.package}.{name}" if name else self.package)

    def _table(self, module: str, name: str) -> Any:
        table = self._read.get((module, name))
        if table is None:
            table = self._read[(module, name)] = getattr(self.module(module), name)
        return table

    # -- the catalog -----------------------------------------------------------------------

    @property
    def modules(self) -> Mapping[str, str]:
        """Provider id -> its module in the data package, in id order."""
        modules: Mapping[str, str] = self._table("", "_MODULES")
        return modules

    @property
    def about(self) -> Mapping[str, Any]:
        """What the generator recorded of the catalog's inputs: source, sha256, date, counts."""
        about: Mapping[str, Any] = self._table("", "_ABOUT")
        return about

    # -- providers -------------------------------------------------------------------------

    @property
    def providers(self) -> Mapping[str, ProviderInfo]:
        """Provider id -> its record, in id order."""
        providers: Mapping[str, ProviderInfo] = self._table("_providers", "PROVIDERS")
        return providers

    @property
    def provider_keys(self) -> Mapping[str, str]:
        """Name key (lower case, ``_`` as ``-``) -> provider id: each provider's, and dialects."""
        keys: Mapping[str, str] = self._table("_providers", "PROVIDER_NAMES")
        return keys

    @property
    def dialects(self) -> Mapping[str, str]:
        """Name key of a dialect name -> the libraries that use it."""
        dialects: Mapping[str, str] = self._table("_providers", "DIALECTS")
        return dialects

    def dialect_names(self) -> list[tuple[str, str]]:
        """Other libraries' names for providers, as ``(name, provider id)``, in both the
        ``-`` and ``_`` spellings (resolution ignores the difference)."""
        keys = self.provider_keys
        found = set()
        for key in self.dialects:
            found.update({(key, keys[key]), (key.replace("-", "_"), keys[key])})
        return sorted(found)

    # -- model ids -------------------------------------------------------------------------

    def _sharded(self, name: str, prefix: str = "s", count: str = "SHARDS") -> ShardedTable:
        # One table of the _index shards; a key imports only the shard it is in.
        table: ShardedTable | None = self._read.get(("_index", name))
        if table is None:
            from llmdex.resolution.shards import ShardedTable

            shards: int = self._table("_index", count)

            def load(number: int) -> Mapping[str, Any]:
                part = getattr(self.module(f"_index.{prefix}{number:02}"), name)
                # RETIRED is a set: a mapping of its names, so the table iterates as any other.
                return part if isinstance(part, dict) else dict.fromkeys(part)

            table = self._read[("_index", name)] = ShardedTable(load, shards)
        return table

    def names_with(self, gram: str) -> list[str]:
        """The ids and aliases holding the trigram ``gram`` (:mod:`llmdex.resolution.suggest`)."""
        positions: tuple[int, ...] = self._sharded("GRAMS", "g", "GRAM_SHARDS").get(gram, ())
        names: tuple[str, ...] = self._table("_index.names", "NAMES")
        return [names[position] for position in positions]

    @property
    def owners(self) -> Mapping[str, tuple[str, ...]]:
        """Model id -> the providers listing it, sorted."""
        return self._sharded("OWNERS")

    @property
    def makers(self) -> Mapping[str, tuple[str, ...]]:
        """Model id or alias -> the providers that make the model, best first."""
        return self._sharded("MAKERS")

    @property
    def maker_patterns(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(first-party pattern, its labs), in table order (:mod:`llmdex.resolution.makers`)."""
        patterns: tuple[tuple[str, tuple[str, ...]], ...] = self._table("_index", "MAKER_PATTERNS")
        return patterns

    @property
    def alias_owners(self) -> Mapping[str, tuple[str, ...]]:
        """Alias -> the providers that have it, sorted."""
        return self._sharded("ALIAS_OWNERS")

    def folded(self, lower: str) -> str | None:
        """The id (else alias) that ``lower``, a lower-cased name, is written as, or ``None``."""
        written: str | None = self._sharded("FOLDED").get(lower)
        if written is None and (lower in self.owners or lower in self.alias_owners):
            written = lower
        return written

    @property
    def id_prefixes(self) -> Mapping[str, tuple[str, ...]]:
        """Provider id -> prefixes its API accepts before a model id (``*``: one segment)."""
        prefixes: Mapping[str, tuple[str, ...]] = self._table("_names", "ID_PREFIXES")
        return prefixes

    @property
    def regional_prefixes(self) -> Mapping[str, tuple[str, ...]]:
        """Provider id -> those of its id prefixes that name a geography priced on its own."""
        prefixes: Mapping[str, tuple[str, ...]] = self._table("_names", "REGIONAL_PREFIXES")
        return prefixes

    @property
    def retired(self) -> Container[str]:
        """Ids some provider listed once and no longer lists."""
        return self._sharded("RETIRED")

    @property
    def provenance(self) -> Mapping[str, Mapping[str, tuple[str, str, str | None]]]:
        """Spec (or provider id) -> field path -> (patch, reason, source)."""
        table: Mapping[str, Mapping[str, tuple[str, str, str | None]]]
        table = self._table("_provenance", "PROVENANCE")
        return table

    def names_of(self, pid: str) -> ProviderNames:
        """The ids, aliases, clashing names, unlisted aliases, names in another case and
        retired ids of the provider ``pid``."""
        names = self._names_of.get(pid)
        if names is None:
            module = self._table("_names", "MODULES").get(pid)
            if module is None:
                names = _NO_NAMES
            else:
                table = self.module(f"_names.{module}")
                names = ProviderNames(
                    ids=table.IDS,
                    aliases=table.ALIASES,
                    clashes=table.CLASHES,
                    unlisted=table.UNLISTED,
                    folded=table.FOLDED,
                    retired=table.RETIRED,
                )
            self._names_of[pid] = names
        return names

    def aliases(self) -> dict[str, dict[str, str]]:
        """Every alias (curated, dated family, vendor prefix) by provider: alias -> model id."""
        return {
            pid: {alias: entry[0] for alias, entry in table.items()}
            for pid in self._table("_names", "MODULES")
            if (table := self.names_of(pid).aliases)
        }

    # -- models ----------------------------------------------------------------------------

    def loaded(self, pid: str) -> Mapping[str, Model] | None:
        """The models of ``pid`` by id if its module is imported already, else ``None``."""
        return self._loaded.get(pid)

    def models_of(self, pid: str) -> Mapping[str, Model]:
        """The models of the provider id ``pid``, by id (imports its module once)."""
        models = self._loaded.get(pid)
        if models is None:
            module = self.module(self.modules[pid])
            models = MappingProxyType(
                {getattr(module, name).id: getattr(module, name) for name in module.__all__}
            )
            self._loaded[pid] = models
        return models

    def constants(self, pid: str) -> dict[str, str]:
        """The constant name of each model of ``pid`` in its module, by model id."""
        module = self.module(self.modules[pid])
        return {getattr(module, name).id: name for name in module.__all__}
