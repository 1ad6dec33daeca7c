"""Stage 4: give every provider and model its Python names and derived facts.

The result is a :class:`CatalogPlan`: providers sorted by id, each with its models sorted by
id, every model with exactly one constant in exactly one module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from codegen.identifiers import assign, model_constant, provider_member, provider_module
from codegen.kinds import derive_kind
from codegen.protocols import Package, Wire, model_wire, provider_wire
from llmdex_runtime.enums import Kind


@dataclass(frozen=True, slots=True)
class ModelPlan:
    """One model: its constant name, derived kind, and payload object."""

    constant: str
    kind: Kind
    data: Mapping[str, Any]
    wire: Wire | None = None
    """The model's own protocol and base URL, where they are not its provider's."""


@dataclass(frozen=True, slots=True)
class ProviderPlan:
    """One provider: its enum member, module, payload fields (without models) and models."""

    id: str
    member: str
    module: str
    data: Mapping[str, Any]
    models: tuple[ModelPlan, ...]
    wire: Wire


@dataclass(frozen=True, slots=True)
class CatalogPlan:
    """Everything emit needs, in the order it is written."""

    providers: tuple[ProviderPlan, ...]

    @property
    def model_count(self) -> int:
        """How many models the catalog holds."""
        return sum(len(p.models) for p in self.providers)


def normalize(
    payload: Mapping[str, Mapping[str, Any]],
    packages: Mapping[str, Package],
    kinds: Mapping[str, Kind] | None = None,
) -> CatalogPlan:
    """Name and order every provider and model of a validated payload.

    ``packages`` is the protocol table; ``kinds`` maps specs to kinds that patches set
    (every other kind is derived).
    """
    kinds = kinds or {}
    members = assign(payload, provider_member)
    modules = assign(payload, provider_module)
    providers = []
    for pid in sorted(payload):
        raw = payload[pid]
        constants = assign(raw["models"], model_constant)
        models = tuple(
            ModelPlan(
                constants[mid],
                kinds.get(f"{pid}:{mid}") or derive_kind(raw["models"][mid]),
                raw["models"][mid],
                model_wire(raw, raw["models"][mid], packages),
            )
            for mid in sorted(raw["models"])
        )
        fields = {key: value for key, value in raw.items() if key != "models"}
        wire = provider_wire(raw, packages)
        providers.append(ProviderPlan(pid, members[pid], modules[pid], fields, models, wire))
    return CatalogPlan(tuple(providers))
