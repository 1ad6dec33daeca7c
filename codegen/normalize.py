"""Stage 4: build the runtime's own records from the patched payload, and name them.

Every provider becomes a :class:`~llmdex.records.model.ProviderInfo` and every model a
:class:`~llmdex.records.model.Model`, made by the runtime's ``from_dict``; llmdex's derived
fields (kind, protocol, base URL, module) are filled in here. The result is a
:class:`CatalogPlan`: providers sorted by id, each with its models sorted by id, every model
with exactly one constant in exactly one module. Later stages read these records, not JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from llmdex.records.model import Model, PricedModel, ProviderInfo
from llmdex.records.record import replace
from llmdex.records.vocabulary import Kind

from .grants import Grants
from .identifiers import assign, model_constant, provider_member, provider_module
from .kinds import derive_kind
from .protocols import Package, model_wire, provider_wire


@dataclass(frozen=True, slots=True)
class ModelPlan:
    """One model: its constant name and its record."""

    constant: str
    model: Model


@dataclass(frozen=True, slots=True)
class ProviderPlan:
    """One provider: its enum member name, its record, and its models."""

    member: str
    info: ProviderInfo
    models: tuple[ModelPlan, ...]

    @property
    def id(self) -> str:
        """The provider id."""
        return self.info.id

    @property
    def module(self) -> str:
        """The name of its module under ``llmdex.models``."""
        return self.info.module


@dataclass(frozen=True, slots=True)
class CatalogPlan:
    """Everything emit needs, in the order it is written."""

    providers: tuple[ProviderPlan, ...]

    @property
    def model_count(self) -> int:
        """How many models the catalog holds."""
        return sum(len(p.models) for p in self.providers)

    def names(self) -> Grants:
        """The names this plan gives."""
        return Grants(
            providers={p.id: (p.member, p.module) for p in self.providers},
            models={p.id: {m.model.id: m.constant for m in p.models} for p in self.providers},
        )

    def models(self) -> dict[str, dict[str, Model]]:
        """Provider id -> model id -> model."""
        return {p.id: {m.model.id: m.model for m in p.models} for p in self.providers}


def normalize(
    payload: Mapping[str, Mapping[str, Any]],
    packages: Mapping[str, Package],
    kinds: Mapping[str, Kind] | None = None,
    grants: Grants | None = None,
) -> CatalogPlan:
    """Build and name every provider and model of a validated payload.

    ``packages`` is the protocol table; ``kinds`` maps specs to kinds that patches set
    (every other kind is derived); ``grants`` holds the names given before, which stay with
    their ids and which no other id can take.
    """
    kinds = kinds or {}
    grants = grants or Grants()
    members = assign(payload, provider_member, grants.members())
    modules = assign(payload, provider_module, grants.modules())
    providers = []
    for pid in sorted(payload):
        raw = payload[pid]
        wire = provider_wire(raw.get("npm"), raw.get("api"), packages)
        info = ProviderInfo.from_dict(
            {key: value for key, value in raw.items() if key != "models"},
            module=modules[pid],
            protocol=wire.protocol,
            base_url=wire.base_url,
        )
        constants = assign(raw["models"], model_constant, grants.constants(pid))
        models = []
        for mid in sorted(raw["models"]):
            # Constants with prices are PricedModels: `GPT_4O.cost.input` needs no None check.
            cls = PricedModel if raw["models"][mid].get("cost") is not None else Model
            model = cls.from_dict(raw["models"][mid], provider=pid, kind=Kind.CHAT)
            own = model_wire(info, model, packages)
            model = replace(
                model,
                kind=kinds.get(model.spec) or derive_kind(model),
                protocol=None if own is None else own.protocol,
                base_url=None if own is None else own.base_url,
            )
            models.append(ModelPlan(constants[mid], model))
        providers.append(ProviderPlan(members[pid], info, tuple(models)))
    return CatalogPlan(tuple(providers))
