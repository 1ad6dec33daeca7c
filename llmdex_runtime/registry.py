"""Finding models in a generated catalog by spec, importing provider modules on first use."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType

from llmdex_runtime.errors import AmbiguousModelError, InvalidSpecError, ModelNotFoundError
from llmdex_runtime.model import Model
from llmdex_runtime.provider import ProviderEnum

ModelIds = Mapping[str, tuple[str, ...]]
"""Every model id of the catalog, by provider id."""


def provider_key(text: str) -> str:
    """The form provider ids are compared in: lower case, ``_`` and ``-`` the same."""
    return text.strip().lower().replace("_", "-")


class Registry:
    """The lookup tables of one generated catalog.

    The generated package builds one registry from its ``Provider`` enum and the name of its
    models package; the registry imports a provider's module the first time a model of that
    provider is asked for, so lookups return the module's own constants.
    """

    __slots__ = ("_by_provider", "_by_spec", "_keys", "_model_ids", "_package", "_providers")

    def __init__(
        self,
        *,
        package: str,
        providers: Iterable[ProviderEnum],
        model_ids: Callable[[], ModelIds],
    ) -> None:
        self._package = package
        self._providers: dict[str, ProviderEnum] = {p.value: p for p in providers}
        # Where two ids share a key (``a-b`` and ``a_b``), an exact id still finds each; the
        # key finds the first in sorted order.
        self._keys: dict[str, str] = {}
        for pid in sorted(self._providers):
            self._keys.setdefault(provider_key(pid), pid)
        self._model_ids = model_ids
        self._by_spec: dict[object, Model] = {}
        self._by_provider: dict[str, Mapping[str, Model]] = {}

    def find(self, spec: str | Model, provider: str | None = None) -> Model:
        """Return the model a spec names: ``"provider:id"``, or an id with ``provider=``.

        Example:
            >>> llmdex.find("openai:gpt-4o").limit.context
            128000
        """
        if provider is None:
            try:
                return self._by_spec[spec]
            except KeyError:
                pass
        return self._find(spec, provider)

    def provider(self, name: str) -> ProviderEnum:
        """The provider whose id is ``name``, ignoring case and ``_``/``-`` differences."""
        exact = self._providers.get(name.strip())
        if exact is not None:
            return exact
        pid = self._keys.get(provider_key(name))
        if pid is None:
            import difflib

            close = difflib.get_close_matches(provider_key(name), self._keys, n=5)
            hint = f"; did you mean {', '.join(self._keys[k] for k in close)}" if close else ""
            raise InvalidSpecError(name, "unknown_provider", f"no provider {name!r}{hint}")
        return self._providers[pid]

    def models_of(self, provider: str) -> Mapping[str, Model]:
        """Every model of one provider, by id (imports that provider's module once)."""
        pid = self.provider(provider).value
        models = self._by_provider.get(pid)
        if models is None:
            models = self._load(pid)
        return models

    def all_models(self) -> Iterator[Model]:
        """Every model of the catalog, provider by provider (imports every module)."""
        for pid in self._providers:
            yield from self.models_of(pid).values()

    def model_ids(self) -> ModelIds:
        """Every model id by provider id, without importing any provider module."""
        return self._model_ids()

    def _load(self, pid: str) -> Mapping[str, Model]:
        module = importlib.import_module(f"{self._package}.{self._providers[pid].module}")
        models: dict[str, Model] = {}
        for name in module.__all__:
            model: Model = getattr(module, name)
            models[model.id] = model
            self._by_spec[model.spec] = model
        view = MappingProxyType(models)
        self._by_provider[pid] = view
        return view

    def _find(self, spec: object, provider: str | None) -> Model:
        if isinstance(spec, Model):
            return spec
        if not isinstance(spec, str):
            raise InvalidSpecError(spec, "invalid_format", "a spec is a string")
        text = spec.strip()
        if not text:
            raise InvalidSpecError(spec, "empty", "the spec is empty")
        if provider is None:
            if ":" not in text:
                return self._find_bare(text)
            provider, _, text = text.partition(":")
            if not provider.strip() or not text:
                raise InvalidSpecError(spec, "empty_segment", "provider or model id is empty")
        models = self.models_of(provider)
        model = models.get(text)
        if model is None:
            pid = self.provider(provider).value
            raise ModelNotFoundError(f"{pid}:{text}", self._suggest(text, pid))
        return model

    def _find_bare(self, model_id: str) -> Model:
        owners = [pid for pid, ids in self.model_ids().items() if model_id in ids]
        if not owners:
            raise ModelNotFoundError(model_id, self._suggest(model_id, None))
        if len(owners) > 1:
            raise AmbiguousModelError(model_id, [f"{pid}:{model_id}" for pid in owners])
        return self.models_of(owners[0])[model_id]

    def _suggest(self, model_id: str, pid: str | None) -> list[str]:
        import difflib

        ids = self.model_ids()
        found: list[str] = []
        if pid is not None:
            found = [f"{pid}:{m}" for m in difflib.get_close_matches(model_id, ids[pid], n=5)]
        if len(found) < 5:
            everywhere = {m for provider_ids in ids.values() for m in provider_ids}
            for close in difflib.get_close_matches(model_id, everywhere, n=5):
                found.extend(f"{p}:{close}" for p, p_ids in ids.items() if close in p_ids)
        return list(dict.fromkeys(found))[:5]
