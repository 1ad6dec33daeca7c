"""The catalog's public functions, composed from the table reader, the rules and the past.

:class:`Catalog` is thin: :class:`~llmdex.resolution.tables.CatalogTables` reads a data
package, :class:`~llmdex.resolution.rules.Rules` resolves a spec by today's catalog, and
:class:`~llmdex.past.resolver.PastCatalog` (loaded only when asked for) by the catalog of a
past date. ``llmdex`` exports the methods of :data:`SHIPPED`; a catalog made by
``llmdex regen`` exports those of its own :class:`Catalog`.
"""

from __future__ import annotations

from llmdex.errors import (
    LlmdexError,
    ModelNotFoundError,
    ModelRetiredError,
    RetiredByMakerError,
)
from llmdex.resolution.rules import Rules
from llmdex.resolution.tables import CatalogTables

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Container, Iterator, Mapping, Sequence
    from typing import Any

    from llmdex.past.log import History, ModelHistory
    from llmdex.past.resolver import PastCatalog
    from llmdex.records.about import CatalogInfo
    from llmdex.records.model import Model
    from llmdex.records.provenance import Provenance
    from llmdex.resolution.custom import CustomModel
    from llmdex.resolution.result import Resolution
    from llmdex.resolution.spec import ModelSpec
    from llmdex.views.comparison import Comparison
    from llmdex.views.selection import Selection

    Spec = str | tuple[str, str] | Model

_CACHE_LIMIT = 10_000
_CACHED_LENGTH = 200  # longer specs are resolved but not remembered


class Catalog:
    """One catalog: the data package ``data`` and the lookups over it.

    Example:
        >>> Catalog("llmdex.models").find("openai:gpt-4o").limit.context
        128000
    """

    __slots__ = ("_found", "_past", "rules", "tables")

    def __init__(self, data: str) -> None:
        self.tables = CatalogTables(data)
        """The data package's tables."""
        self.rules = Rules(self.tables)
        """Today's resolution order."""
        self._past: PastCatalog | None = None
        self._found: dict[object, Model] = {}
        """What find() returned for a spec, up to _CACHE_LIMIT entries."""

    @property
    def past(self) -> PastCatalog:
        """The catalog's past (its history and the lookups that read it), loaded on first use."""
        past = self._past
        if past is None:
            from llmdex.past.resolver import PastCatalog

            past = self._past = PastCatalog(self.tables, self.rules)
        return past

    def past_if_any(self) -> History | None:
        """The catalog's history, or ``None`` for a catalog generated without one."""
        try:
            log = self.past.log
        except (LlmdexError, ImportError):
            return None
        return log if log.snapshots else None

    # -- lookups ---------------------------------------------------------------------------

    def find(
        self,
        spec: Spec,
        provider: str | None = None,
        *,
        prefer: Sequence[str] | None = None,
        at: object = None,
    ) -> Model:
        """Return the model a spec names, by the resolution order (README, "Resolution").

        ``at`` (a date, datetime or ``YYYY-MM-DD``) gives the model as the catalog listed it
        on that day, prices included. A model the catalog no longer lists raises
        :class:`~llmdex.errors.ModelRetiredError`.

        Example:
            >>> llmdex.find("anthropic:claude-3-5-sonnet").id
            'claude-3-5-sonnet-20241022'
        """
        if at is None and provider is None and prefer is None:
            try:
                return self._found[spec]
            except (KeyError, TypeError):
                pass
            # An exact "provider:id" needs no parser: the first lookup of a process is this.
            if isinstance(spec, str):
                pid, _, model_id = spec.partition(":")
                if pid in self.tables.modules:
                    exact = self.tables.models_of(pid).get(model_id)
                    if exact is not None:
                        return self._remember(spec, exact)
        if at is not None:
            from llmdex.past.log import as_of_date

            return self.past.find(spec, provider=provider, prefer=prefer, at=as_of_date(at))
        try:
            model = self.rules.explain(spec, provider, prefer, 3).model
        except ModelNotFoundError as exc:
            raise self._retired_or(exc, spec, provider) from None
        if provider is None and prefer is None:
            self._remember(spec, model)
        return model

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
            return self.rules.explain(spec, provider, prefer, 3)
        except ModelNotFoundError as exc:
            raise self._retired_or(exc, spec, provider) from None

    def _retired_or(
        self, error: ModelNotFoundError, spec: object, provider: str | None
    ) -> ModelNotFoundError:
        # Only on the way to a ModelNotFoundError, and only for an id the provider named (or,
        # for a bare id, any provider) has stopped listing: a misspelt name never loads it.
        named = spec if provider is None else (provider, spec)
        if isinstance(error, RetiredByMakerError):
            return self._retired_by_maker(error)
        try:
            parsed = self.rules.split(named)[0]
            retired_ids: Container[str] = (
                self.tables.retired
                if parsed.provider is None
                else self.tables.names_of(parsed.provider).retired
            )
            if parsed.id not in retired_ids:
                return error
            found = self.past.retired(named)
        except (LlmdexError, ImportError):  # a catalog generated without a history
            return error
        return found or error

    def _retired_by_maker(self, error: RetiredByMakerError) -> ModelNotFoundError:
        try:
            found = self.past.retired(error.maker_spec)
        except (LlmdexError, ImportError):  # a catalog generated without a history
            return error
        if found is None:
            return error
        return ModelRetiredError(
            found.spec,
            last_seen=found.last_seen,
            successor=found.successor,
            listed_by=error.listed_by,
            resellers=True,
        )

    def history(self, spec: Spec) -> ModelHistory:
        """When the catalog first and last listed a model, and every change to it since.

        Example:
            >>> llmdex.history("google:gemini-1.5-pro").last_seen
            '2026-04-26'
        """
        return self.past.history_of(spec)

    def parse_spec(self, spec: Spec) -> ModelSpec:
        """Parse a spec without resolving it (grammar: :func:`llmdex.resolution.spec.split_spec`).

        Example:
            >>> llmdex.parse_spec("vertex_ai/gemini-2.5-pro")
            ModelSpec(provider='google-vertex', id='gemini-2.5-pro')
        """
        return self.rules.split(spec)[0]

    def models_of(self, provider: str) -> Mapping[str, Model]:
        """Every model of one provider, by id (imports that provider's module once).

        Example:
            >>> llmdex.models_of("vertex_ai") is llmdex.models_of("google-vertex")
            True
        """
        return self.rules.models_of(provider)

    def all_models(self) -> Iterator[Model]:
        """Every model of the catalog, provider by provider (imports every module).

        Example:
            >>> sum(1 for _ in llmdex.all_models()) == llmdex.catalog_info().models
            True
        """
        for pid in self.tables.modules:
            yield from self.tables.models_of(pid).values()

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

    # -- views -----------------------------------------------------------------------------

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

        return Selection(self, at=as_of_date(at, "catalog"))

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

        modules = self.tables.modules
        key = spec if isinstance(spec, str) and spec in modules else self.find(spec).spec
        return {
            path: Provenance(patch=patch, reason=reason, source=source)
            for path, (patch, reason, source) in self.tables.provenance.get(key, {}).items()
        }

    def catalog_info(self) -> CatalogInfo:
        """Where this catalog's data came from: payload, sha256, date, counts, llmdex version.

        Example:
            >>> llmdex.catalog_info().models > 0
            True
        """
        from llmdex.records.about import CatalogInfo, version

        return CatalogInfo(**self.tables.about, llmdex_version=version())


SHIPPED = Catalog("llmdex.models")
"""The catalog this package ships, whose methods ``llmdex`` exports as its functions."""
